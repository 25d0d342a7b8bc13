"""Load the rule and lexicon files of patterns/, validate them, and compile them once.

Rules are data: this module knows the schema of the files, never their words.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex
import yaml

from .literals import required_chars

PATTERNS_ENV = "QINGDAN_PATTERNS"
# libyaml's safe loader when PyYAML was built with it (ten times faster at start-up), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PATTERN_FILES = (
    "noise", "headings", "genres", "clauses", "actors", "roles", "actions",
    "modality", "numbers", "periods", "deadlines", "conditions", "tables", "decisions", "audit",
)


class RuleFileError(ValueError):
    """A pattern file breaks its schema; the message names the file and the key."""


def patterns_dir() -> Path:
    """The folder holding the pattern files: $QINGDAN_PATTERNS, else the one shipped with the package."""
    override = os.environ.get(PATTERNS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "patterns"


_RULE_CACHES: list = []


# How many distinct texts each cache keeps: enough for the clauses a batch repeats, few enough that
# memory stays flat however large the batch.
TEXT_CACHE_SIZE = 2048


def rule_cache(maxsize: Optional[int] = TEXT_CACHE_SIZE):
    """lru_cache for a pure function of text that reads the rules: emptied whenever the rules are
    compiled again (another QINGDAN_PATTERNS folder), so no answer outlives the rules it came from."""
    def wrap(func):
        cached = lru_cache(maxsize=maxsize)(func)
        _RULE_CACHES.append(cached)
        return cached
    return wrap


@rule_cache(maxsize=None)
def family_gate(family: str) -> regex.Pattern:
    """One pattern that matches wherever any rule of a family (a `Rules` field) matches: a text it
    does not match needs none of that family's rules run. Used where it is cheaper than the rules."""
    rules = getattr(get_rules(), family)
    return regex.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules), regex.V1)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """Parse one pattern file by name (without .yml)."""
    path = patterns_dir() / f"{name}.yml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_LOADER)
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping at the top level")
    if data.get("version") != 1:
        raise RuleFileError(f"{path}: `version: 1` is required")
    return data


def _need(data: dict, key: str, name: str):
    """data[key], or a RuleFileError naming the file (`name` is a file stem or a full place)."""
    if not isinstance(data, dict) or key not in data:
        where = name if name.startswith("patterns/") else f"patterns/{name}.yml"
        raise RuleFileError(f"{where}: missing key `{key}`")
    return data[key]


def _compile(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.V1)
    except regex.error as exc:
        raise RuleFileError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


_NO_MATCHES = ()


@dataclass(frozen=True)
class Rule:
    """A compiled rule: its id, its pattern, the values it gives, and the characters every match
    of its pattern contains (`literals.required_chars`)."""

    id: str
    pattern: regex.Pattern
    values: dict = field(default_factory=dict)
    needs: tuple[str, ...] = ()

    def may_match(self, text: str) -> bool:
        """False when the text lacks a character every match needs: no search is then worth running."""
        for ch in self.needs:
            if ch not in text:
                return False
        return True

    def finditer(self, text: str):
        """The pattern's matches in `text`; none, without a search, when a needed character is missing
        (the test of `may_match`, spelt out: this runs over a hundred thousand times a corpus)."""
        for ch in self.needs:
            if ch not in text:
                return _NO_MATCHES
        return self.pattern.finditer(text)


def _rules(name: str, key: str = "rules", template: Optional[dict] = None) -> tuple[Rule, ...]:
    data = load_yaml(name)
    out = []
    seen = set()
    for n, item in enumerate(_need(data, key, name)):
        where = f"patterns/{name}.yml {key}[{n}]"
        if "id" not in item or "pattern" not in item:
            raise RuleFileError(f"{where}: every rule needs `id` and `pattern`")
        if item["id"] in seen:
            raise RuleFileError(f"{where}: duplicate id {item['id']}")
        seen.add(item["id"])
        pattern = item["pattern"]
        for k, v in (template or {}).items():
            pattern = pattern.replace("{" + k + "}", f"(?:{v})")
        values = {k: v for k, v in item.items() if k not in ("pattern", "examples", "counter")}
        out.append(Rule(item["id"], _compile(pattern, where), values, required_chars(pattern)))
    return tuple(out)


@dataclass(frozen=True)
class Unit:
    text: str
    canonical: str
    needs_comparator: bool
    cn_needs_comparator: bool
    not_followed_by: Optional[regex.Pattern]


@dataclass(frozen=True)
class Rules:
    """Every compiled pattern the pipeline uses, built once per process."""

    noise: tuple[Rule, ...]
    char_map: dict
    headings: tuple[Rule, ...]
    inline_headings: tuple[Rule, ...]
    titles: tuple[Rule, ...]
    sections: tuple[Rule, ...]
    frames: tuple[Rule, ...]
    content_cues: tuple[Rule, ...]
    annual: regex.Pattern
    named_in_preamble: regex.Pattern
    title_cue: regex.Pattern
    year: regex.Pattern
    clauses: dict
    actor_non_subject: regex.Pattern
    actor_hands_over: regex.Pattern
    actor_subject_marker: regex.Pattern
    actor_agent_marker: regex.Pattern
    actor_joins: regex.Pattern
    meeting_joins: regex.Pattern
    actor_existential: regex.Pattern
    actor_requires: regex.Pattern
    person_name: regex.Pattern
    title_lead: regex.Pattern
    actor_modifier_end: regex.Pattern
    actor_modifier_opened: regex.Pattern
    actor_counted_failing: regex.Pattern
    title_cues: tuple[Rule, ...]
    actions: dict
    synonyms: dict
    activity_verbs: tuple
    modality: tuple[Rule, ...]
    obligation_bounds: regex.Pattern
    achievement_blockers: regex.Pattern
    problem_blockers: regex.Pattern
    numerals: dict
    placeholder: str
    units: tuple[Unit, ...]
    comparators: tuple[Rule, ...]
    suffixes: tuple[Rule, ...]
    range_separators: str
    periods: tuple[Rule, ...]
    deadlines: tuple[Rule, ...]
    deadline_lists: tuple[Rule, ...]
    festivals: tuple[Rule, ...]
    festival_relations: tuple[tuple[str, str], ...]
    list_item_sep: str
    list_item_suffix: str
    conditions: tuple[Rule, ...]
    failures: tuple[Rule, ...]
    table_columns: tuple[Rule, ...]


def _clause_patterns() -> dict:
    data = load_yaml("clauses")
    keys = ("sentence_end", "clause_sep", "inline_item", "item_sep", "connectors", "soft_break_after", "goal_starts", "purpose_starts",
            "continuation_starts", "later_event", "lasting_state", "time_frame", "statement", "penalty", "framing", "framing_ends", "preamble_tail", "preamble_start", "preamble_cue")
    out = {k: _compile(_need(data, k, "clauses"), f"patterns/clauses.yml {k}") for k in keys}
    out["long_line"] = int(_need(data, "long_line", "clauses"))
    out["label_max"] = int(_need(data, "label_max", "clauses"))
    out["max_clause"] = int(_need(data, "max_clause", "clauses"))
    out["max_clause_cut"] = _compile(_need(data, "max_clause_cut", "clauses"), "patterns/clauses.yml max_clause_cut")
    return out


def _action_patterns() -> tuple[dict, dict]:
    data = load_yaml("actions")
    keys = ("strip_leading", "strip_trailing", "determiners", "verb_particles", "verbs",
            "objectless_verbs", "beneficiary", "coordinators", "event_verbs", "enumerations",
            "agenda_heads", "agenda_verbs", "trailing_adverbs", "topical_verbs", "coordination",
            "activity_ends", "ratio_nouns", "inner_adverbs", "nominal_suffixes")
    compiled = {k: _compile(_need(data, k, "actions"), f"patterns/actions.yml {k}") for k in keys}
    compiled["leading"] = _compile("^" + data["strip_leading"], "patterns/actions.yml strip_leading")
    compiled["verb_start"] = _compile("^" + data["verbs"], "patterns/actions.yml verbs")
    compiled["max_length"] = int(_need(data, "max_length", "actions"))
    synonyms = {}
    for entry in _need(data, "synonyms", "actions"):
        for variant in entry["variants"]:
            synonyms[variant] = entry["canonical"]
    return compiled, synonyms


def _activity_verbs() -> tuple[tuple[str, str], ...]:
    """(noun, verb) pairs, longest noun first, so the most specific noun decides."""
    pairs = [(noun, verb) for noun, verb in (_need(load_yaml("actions"), "activity_verbs", "actions") or {}).items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _numbers() -> dict:
    data = load_yaml("numbers")
    units = []
    for n, u in enumerate(_need(data, "units", "numbers")):
        nf = u.get("not_followed_by")
        units.append(Unit(u["unit"], u.get("canonical", u["unit"]), bool(u.get("needs_comparator")),
                          bool(u.get("cn_needs_comparator")),
                          _compile(nf, f"patterns/numbers.yml units[{n}]") if nf else None))
    units.sort(key=lambda u: -len(u.text))

    def bound_rules(key: str, text_key: str) -> tuple[Rule, ...]:
        out = []
        for n, item in enumerate(_need(data, key, "numbers")):
            where = f"patterns/numbers.yml {key}[{n}]"
            out.append(Rule(_need(item, "id", where),
                            _compile(_need(item, text_key, where), where),
                            {k: v for k, v in item.items() if k not in (text_key,)}))
        return tuple(out)

    return {
        "numerals": _need(data, "numerals", "numbers"),
        "placeholder": _need(data, "placeholder", "numbers"),
        "units": tuple(units),
        "comparators": bound_rules("comparators", "before"),
        "suffixes": bound_rules("suffixes", "after"),
        "range_separators": _need(data, "range_separators", "numbers"),
    }


def _deadlines() -> dict:
    data = load_yaml("deadlines")
    template = {
        "year": _need(data, "year_prefix", "deadlines"),
        "month": _need(data, "month_number", "deadlines"),
        "day": _need(data, "day_number", "deadlines"),
    }
    number_words = load_yaml("numbers")["numerals"]
    numerals = "".join(number_words["digits"]) + "".join(number_words["multipliers"])
    relations = tuple((r["after"], r["relation"]) for r in _need(data, "festival_relations", "deadlines"))
    tolerance = "|".join(f"(?:{after})" for after, _ in relations if after)
    festivals = []
    for n, f in enumerate(_need(data, "festivals", "deadlines")):
        where = f"patterns/deadlines.yml festivals[{n}]"
        name = _need(f, "name", where)
        bare = f"|(?<![{numerals}\\d]){name}(?={tolerance})" if f.get("quoted") else f"|{name}"
        pattern = f"[“\"‘']{name}[”\"’']" + bare
        festivals.append(Rule(_need(f, "id", where), _compile(pattern, where),
                              {"month": f.get("month"), "day": f.get("day"), "lunar": f.get("lunar"),
                               "solar_term": f.get("solar_term")}, required_chars(pattern)))
    return {
        "deadlines": _rules("deadlines", "rules", template),
        "deadline_lists": _rules("deadlines", "lists", template),
        "festivals": tuple(festivals),
        "festival_relations": relations,
        "list_item_sep": _need(data, "list_item_sep", "deadlines"),
        "list_item_suffix": _need(data, "list_item_suffix", "deadlines"),
    }


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    """Compile every pattern file once; raises RuleFileError naming the file on a schema error."""
    for cached in _RULE_CACHES:
        cached.cache_clear()
    noise_data = load_yaml("noise")
    genre_data = load_yaml("genres")
    actor_data = load_yaml("actors")
    mod_data = load_yaml("modality")
    actions, synonyms = _action_patterns()
    return Rules(
        noise=_rules("noise"),
        char_map=dict(noise_data.get("char_map") or {}),
        headings=_rules("headings"),
        inline_headings=_rules("headings", "inline"),
        titles=_rules("genres", "titles"),
        sections=_rules("genres", "sections"),
        frames=_rules("genres", "voice_frames"),
        content_cues=_rules("genres", "content_cues"),
        annual=_compile(_need(genre_data, "annual", "genres"), "patterns/genres.yml annual"),
        named_in_preamble=_compile(_need(genre_data, "named_in_preamble", "genres"), "patterns/genres.yml"),
        title_cue=_compile(_need(genre_data, "title_cue", "genres"), "patterns/genres.yml title_cue"),
        year=_compile(_need(genre_data, "year", "genres"), "patterns/genres.yml year"),
        clauses=_clause_patterns(),
        actor_non_subject=_compile(_need(actor_data, "non_subject", "actors"), "patterns/actors.yml non_subject"),
        actor_hands_over=_compile(_need(actor_data, "hands_over", "actors"), "patterns/actors.yml hands_over"),
        actor_subject_marker=_compile(_need(actor_data, "subject_marker", "actors"), "patterns/actors.yml subject_marker"),
        actor_agent_marker=_compile(_need(actor_data, "agent_marker", "actors"), "patterns/actors.yml agent_marker"),
        actor_joins=_compile(_need(actor_data, "joins", "actors"), "patterns/actors.yml joins"),
        meeting_joins=_compile(_need(actor_data, "meeting_joins", "actors"), "patterns/actors.yml meeting_joins"),
        actor_existential=_compile(_need(actor_data, "existential", "actors"), "patterns/actors.yml existential"),
        actor_requires=_compile(_need(actor_data, "requires", "actors"), "patterns/actors.yml requires"),
        person_name=_compile(_need(actor_data, "person_name", "actors"), "patterns/actors.yml person_name"),
        title_lead=_compile(_need(actor_data, "title_lead", "actors"), "patterns/actors.yml title_lead"),
        actor_modifier_end=_compile(_need(actor_data, "modifier_end", "actors"), "patterns/actors.yml modifier_end"),
        actor_modifier_opened=_compile(_need(actor_data, "modifier_opened", "actors"),
                                       "patterns/actors.yml modifier_opened"),
        actor_counted_failing=_compile(_need(actor_data, "counted_failing", "actors"),
                                       "patterns/actors.yml counted_failing"),
        title_cues=_rules("actors", "title_cues"),
        actions=actions,
        synonyms=synonyms,
        activity_verbs=_activity_verbs(),
        modality=_rules("modality"),
        obligation_bounds=_compile(_need(mod_data, "obligation_bounds", "modality"), "patterns/modality.yml"),
        achievement_blockers=_compile(_need(mod_data, "achievement_blockers", "modality"), "patterns/modality.yml"),
        problem_blockers=_compile(_need(mod_data, "problem_blockers", "modality"), "patterns/modality.yml"),
        periods=_rules("periods"),
        conditions=_rules("conditions"),
        failures=_rules("conditions", "failures"),
        table_columns=_rules("tables", "columns"),
        **_numbers(),
        **_deadlines(),
    )
