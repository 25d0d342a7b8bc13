"""Whether a text has a verb: the hand-written lexicon (actions.yml `verbs`) first, then the
two-character verbs of jieba's own dictionary, the open class no hand-written list covers."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..rules import get_rules, patterns_dir

_VERB_ENTRY = regex.compile(r"^(\S\S) (\d+) v$", regex.MULTILINE)
_VERBAL_NOUN_ENTRY = regex.compile(r"^(\S\S) (\d+) vn$", regex.MULTILINE)
VERBAL_NOUNS_FILE = "dictionary_verbal_nouns.txt"
VERBS_FILE = "dictionary_verbs.txt"
NOUNS_FILE = "dictionary_nouns.txt"
_NOUN_ENTRY = regex.compile(r"^(\S\S\S) (\d+) nz?$", regex.MULTILINE)
# jieba's own count for the word; duties in the seeds use verbs counted only 3 times there, and below 3
# the entries add nothing measured
MIN_FREQUENCY = 3


@lru_cache(maxsize=1)
def dictionary_verbs() -> frozenset:
    """Two-character verbs of jieba's own dictionary (POS v): the open class of verbs that no
    hand-written list covers, used to tell a clause that does something.

    Read from patterns/dictionary_verbs.txt (written by `write_dictionary_verbs`, checked against
    the installed jieba by the tests); derived from jieba's dictionary when a patterns folder has none.
    """
    return _word_list(VERBS_FILE, derive_dictionary_verbs)


@lru_cache(maxsize=1)
def dictionary_nouns() -> frozenset:
    """Three-character nouns of jieba's dictionary (POS n, nz) that end with a nominal suffix
    (actions.yml `nominal_suffixes`: contact point, training class): a verb that opens one names a thing.

    Read from patterns/dictionary_nouns.txt, written with the verbs; derived when a patterns
    folder has none."""
    return _word_list(NOUNS_FILE, derive_dictionary_nouns)


@lru_cache(maxsize=1)
def dictionary_verbal_nouns() -> frozenset:
    """Two-character verbal nouns of jieba's dictionary (POS vn: reserve, work, audit): a verb
    used as a noun, which a counted action may be built on (reserve three successors) though it
    names no act elsewhere. Read from patterns/dictionary_verbal_nouns.txt, written with the verbs."""
    return _word_list(VERBAL_NOUNS_FILE, derive_dictionary_verbal_nouns)


def _word_list(name: str, derive) -> frozenset:
    """The words of a generated list in the patterns folder, one a line; derived when it is missing."""
    path = patterns_dir() / name
    if not path.exists():
        return derive()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def _jieba_dictionary() -> str:
    """The text of jieba's own dictionary (a 5 MB file: a tenth of a second to read)."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(importlib.util.find_spec("jieba").origin), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def derive_dictionary_verbs() -> frozenset:
    """The verbs as jieba's dictionary gives them."""
    entries = _VERB_ENTRY.findall(_jieba_dictionary())
    return frozenset(word for word, freq in entries if int(freq) >= MIN_FREQUENCY)


def derive_dictionary_verbal_nouns() -> frozenset:
    """The verbal nouns as jieba's dictionary gives them."""
    entries = _VERBAL_NOUN_ENTRY.findall(_jieba_dictionary())
    return frozenset(word for word, freq in entries if int(freq) >= MIN_FREQUENCY)


def derive_dictionary_nouns() -> frozenset:
    """The suffixed nouns as jieba's dictionary gives them."""
    suffixes = get_rules().actions["nominal_suffixes"]
    return frozenset(word for word, freq in _NOUN_ENTRY.findall(_jieba_dictionary())
                     if int(freq) >= MIN_FREQUENCY and suffixes.fullmatch(word[2]))


def write_dictionary_verbs(path: Path) -> int:
    """Write the verbs of the installed jieba's dictionary to `path`, one a line, sorted; their number."""
    return _write_word_list(path, derive_dictionary_verbs(),
                            f"Two-character verbs (POS v, frequency >= {MIN_FREQUENCY})", "")


def write_dictionary_verbal_nouns(path: Path) -> int:
    """Write the verbal nouns of the installed jieba's dictionary to `path`, sorted; their number."""
    return _write_word_list(path, derive_dictionary_verbal_nouns(),
                            f"Two-character verbal nouns (POS vn, frequency >= {MIN_FREQUENCY})", "")


def write_dictionary_nouns(path: Path) -> int:
    """Write the suffixed nouns of the installed jieba's dictionary to `path`, sorted; their number."""
    return _write_word_list(path, derive_dictionary_nouns(),
                            f"Three-character nouns (POS n or nz, frequency >= {MIN_FREQUENCY})",
                            " that end with a suffix of actions.yml nominal_suffixes")


def _write_word_list(path: Path, words: frozenset, what: str, which: str) -> int:
    """One generated list: a header naming the jieba it came from, then the words sorted, one a line."""
    import jieba

    header = (f"# {what} of jieba {jieba.__version__}'s dictionary (MIT licence){which}.\n"
              "# Generated by scripts/dictionary_verbs.py; tests/test_rule_schema.py checks it against the "
              "installed jieba.\n")
    path.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    return len(words)


def has_any_verb(text: str) -> bool:
    """A verb from the lexicon or, failing that, from the segmenter's dictionary."""
    if has_verb(text):
        return True
    verbs = dictionary_verbs()
    return any(text[i:i + 2] in verbs for i in range(len(text) - 1))


def has_verbal_noun(text: str) -> bool:
    """A verbal noun of the segmenter's dictionary stands in the text."""
    nouns = dictionary_verbal_nouns()
    return any(text[i:i + 2] in nouns for i in range(len(text) - 1))


def has_verb(text: str) -> bool:
    return bool(get_rules().actions["verbs"].search(text))


