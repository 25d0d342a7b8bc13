"""Click's and typer's own words (the usage line, panel titles, their errors) in the user's language.

Both libraries (and the copy of click that typer carries as `typer._click`) spell these through `gettext` at the moment they print, and typer's rich panel
titles once at import. Rather than ship a compiled gettext catalogue, in the Chinese locale the
`_`/`ngettext` each of their modules looked up is replaced by a lookup in messages.yml's
`cli_click_*` keys (English text as the libraries spell it -> Chinese), and typer's titles are set
from the same table. Text without a translation is left as the library wrote it.
"""
from __future__ import annotations

import importlib
import re
from string import Formatter
from typing import Callable, Mapping

from .messages import language, messages

_CLICK = ("core", "exceptions", "formatting", "decorators", "parser", "types")
_MODULES = (*(f"{pkg}.{mod}" for pkg in ("click", "typer._click") for mod in _CLICK), "typer.core", "typer.rich_utils")
_RICH_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
}


def catalogue(lang: str) -> Mapping[str, str]:
    """The libraries' English texts and what replaces them in `lang` (identity for English)."""
    table = messages()
    return {entry["en"]: entry[lang] for key, entry in table.items() if key.startswith("cli_click_")}


def _patterns(words: Mapping[str, str]) -> list[tuple[re.Pattern, str]]:
    """Messages the libraries build with f-strings, matched whole: (English as a regex, replacement)."""
    out = []
    for english, text in words.items():
        parts = list(Formatter().parse(english))
        if not any(name for _, name, _, _ in parts):
            continue
        regex = "".join(re.escape(lit) + (f"(?P<{name}>.+?)" if name else "") for lit, name, _, _ in parts)
        out.append((re.compile(regex + r"\Z", re.S), text))
    return out


def translator(lang: str) -> Callable[[str], str]:
    """A whole message in English (a library's text, or one it filled in) as `lang` says it."""
    words = catalogue(lang)
    patterns = _patterns(words)

    def translate(message: str) -> str:
        if message in words:
            return words[message]
        for regex, text in patterns:
            found = regex.match(message)
            if found:
                return text.format(**found.groupdict())
        return message

    return translate


def _patch_vendored(gettext: Callable[[str], str]) -> None:
    """typer's own copy of click spells its words inline: set the help option's text and the usage
    prefix, and pass every error message through the catalogue before it is shown."""
    try:
        decorators = importlib.import_module("typer._click.decorators")
        formatting = importlib.import_module("typer._click.formatting")
        rich_utils = importlib.import_module("typer.rich_utils")
    except ImportError:
        return
    help_option, write_usage, format_error = decorators.help_option, formatting.HelpFormatter.write_usage, \
        rich_utils.rich_format_error

    def translated_help_option(*decls, **kwargs):
        decorate = help_option(*decls, **kwargs)

        def apply(command):
            result = decorate(command)
            params = getattr(command, "params", None)
            if params:
                params[-1].help = gettext(params[-1].help or "")
            return result

        return apply

    def translated_usage(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, gettext("Usage: ") if prefix is None else prefix)

    def translated_error(error):
        message = error.format_message()
        error.format_message = lambda: gettext(message)
        return format_error(error)

    decorators.help_option = translated_help_option
    formatting.HelpFormatter.write_usage = translated_usage
    rich_utils.rich_format_error = translated_error


def install(lang: str | None = None) -> None:
    """Route click's and typer's words through the catalogue of the user's language (a no-op in English)."""
    lang = lang or language()
    if lang == "en":
        return
    gettext = translator(lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    rich_utils = importlib.import_module("typer.rich_utils")
    for attribute, english in _RICH_TITLES.items():
        if hasattr(rich_utils, attribute):
            setattr(rich_utils, attribute, gettext(english))
    _patch_vendored(gettext)
