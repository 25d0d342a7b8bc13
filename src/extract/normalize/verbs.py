"""Whether a text has a verb: the hand-written lexicon (actions.yml `verbs`) first, then the
two-character verbs of jieba's own dictionary, the open class no hand-written list covers."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..rules import get_rules

_VERB_ENTRY = regex.compile(r"^(\S\S) (\d+) v$", regex.MULTILINE)


@lru_cache(maxsize=1)
def dictionary_verbs() -> frozenset:
    """Two-character verbs from jieba's own dictionary (POS v): the open class of verbs
    that no hand-written list covers, used to tell a clause that does something."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(importlib.util.find_spec("jieba").origin), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        entries = _VERB_ENTRY.findall(fh.read())
    verbs = {word for word, freq in entries if int(freq) >= 50}
    return frozenset(verbs)


def has_any_verb(text: str) -> bool:
    """A verb from the lexicon or, failing that, from the segmenter's dictionary."""
    if has_verb(text):
        return True
    verbs = dictionary_verbs()
    return any(text[i:i + 2] in verbs for i in range(len(text) - 1))


def has_verb(text: str) -> bool:
    return bool(get_rules().actions["verbs"].search(text))


