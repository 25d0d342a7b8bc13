"""Whether a text has a verb: the hand-written lexicon (actions.yml `verbs`) first, then the
two-character verbs of jieba's own dictionary, the open class no hand-written list covers."""
from __future__ import annotations

from functools import lru_cache

from ..rules import get_rules


@lru_cache(maxsize=1)
def dictionary_verbs() -> frozenset:
    """Two-character verbs from jieba's own dictionary (POS v): the open class of verbs
    that no hand-written list covers, used to tell a clause that does something."""
    import os

    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    verbs = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "v" and len(parts[0]) == 2 and int(parts[1]) >= 50:
                verbs.add(parts[0])
    return frozenset(verbs)


def has_any_verb(text: str) -> bool:
    """A verb from the lexicon or, failing that, from the segmenter's dictionary."""
    if has_verb(text):
        return True
    verbs = dictionary_verbs()
    return any(text[i:i + 2] in verbs for i in range(len(text) - 1))


def has_verb(text: str) -> bool:
    return bool(get_rules().actions["verbs"].search(text))


