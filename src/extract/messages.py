"""What the command line says to people, in Chinese by default and English in an English locale.

The words live in patterns/messages.yml, one key per message with a `zh` and an `en`
template and the fields both may use; code asks `say(key, **fields)` and never spells a
message itself, so a reviewer reads every line a user can see in one file.
"""
from __future__ import annotations

import os
from functools import lru_cache
from string import Formatter
from types import MappingProxyType
from typing import Mapping

from .rules import RuleFileError, load_yaml

LANGUAGES = ("zh", "en")
LANG_ENV = "QINGDAN_LANG"
_LOCALE_ENV = (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG")


def language() -> str:
    """`en` when the first locale variable that is set names English, else `zh`."""
    for name in _LOCALE_ENV:
        value = os.environ.get(name, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


@lru_cache(maxsize=1)
def messages() -> Mapping[str, Mapping[str, str]]:
    """The validated templates: key -> language -> template."""
    where = "patterns/messages.yml"
    data = load_yaml("messages").get("messages")
    if not isinstance(data, dict):
        raise RuleFileError(f"{where}: missing mapping `messages`")
    table = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("fields", []), list):
            raise RuleFileError(f"{where}: `{key}` needs `fields` (a list) and a template per language")
        allowed = set(entry.get("fields", []))
        table[key] = {}
        for lang in LANGUAGES:
            template = entry.get(lang)
            if not isinstance(template, str):
                raise RuleFileError(f"{where}: `{key}` has no `{lang}` template")
            used = {name for _, name, _, _ in Formatter().parse(template) if name}
            if used - allowed:
                raise RuleFileError(f"{where}: `{key}.{lang}` uses fields not listed: {sorted(used - allowed)}")
            table[key][lang] = template
    return MappingProxyType({k: MappingProxyType(v) for k, v in table.items()})


def say(key: str, lang: str | None = None, **fields) -> str:
    """The message `key` in the user's language (or `lang`), filled with `fields`."""
    return messages()[key][lang or language()].format(**fields)
