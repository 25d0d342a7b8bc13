"""The characters every match of a pattern must contain.

A rule whose every match contains, say, a month character cannot match a clause
without one, so the finders skip it with a plain `in` test instead of running the
regular expression. The reading is sound and conservative: Python's own parser reads
the pattern, a character counts only where every match must pass through it (not in
an optional part, in every branch of an alternation), and a pattern that parser
cannot read exactly the way the `regex` module does (properties, set operations,
nested sets, case folding) gets no characters, so it always runs.
"""
from __future__ import annotations

from typing import Optional

try:
    from re import _constants as _C, _parser as _P
except ImportError:  # Python before 3.11
    try:
        import sre_constants as _C
        import sre_parse as _P
    except ImportError:
        _C = _P = None

# Syntax of the regex module's V1 mode that Python's parser reads differently or not at all.
_V1_ONLY = ("\\p", "\\P", "\\X", "\\m", "\\M", "&&", "--", "||", "~~", "(?V", "(?f", "(?b", "(?e", "(?r", "(?w",
            "(?i", "(?|", "(?(DEFINE", "{e", "{i", "{d", "{s")


def required_chars(pattern: str) -> tuple[str, ...]:
    """The characters every match of `pattern` contains, sorted; () when none is certain."""
    found = _required(pattern)
    return tuple(sorted(found)) if found else ()


def _required(pattern: str) -> Optional[set]:
    if _P is None or any(token in pattern for token in _V1_ONLY) or _nested_set(pattern):
        return None
    try:
        tree = _P.parse(pattern)
    except Exception:  # any pattern Python's parser rejects: no reading, the rule always runs
        return None
    if tree.state.flags & (_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_VERBOSE):
        return None
    return _sequence(tree)


def _nested_set(pattern: str) -> bool:
    """An unescaped `[` inside a character class: a nested set to the regex module, a plain
    character to Python's parser."""
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            if in_class:
                return True
            in_class = True
        elif ch == "]":
            in_class = False
    return False


def _sequence(items) -> set:
    out: set = set()
    for op, arg in items:
        out |= _item(op, arg)
    return out


_REPEATS = tuple(op for op in (getattr(_C, "MAX_REPEAT", None), getattr(_C, "MIN_REPEAT", None),
                               getattr(_C, "POSSESSIVE_REPEAT", None)) if op is not None)


def _item(op, arg) -> set:
    if op is _C.LITERAL:
        return {chr(arg)}
    if op is _C.SUBPATTERN:
        return _sequence(arg[-1])
    if op in _REPEATS:
        low, _, body = arg
        return _sequence(body) if low >= 1 else set()
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _sequence(arg)
    if op is _C.BRANCH:
        branches = [_sequence(b) for b in arg[1]]
        return set.intersection(*branches) if branches else set()
    if op is _C.IN and len(arg) == 1 and arg[0][0] is _C.LITERAL:
        return {chr(arg[0][1])}
    return set()
