"""The duty decisions as data: patterns/decisions.yml orders them, Python tests them.

Each table of decisions.yml (`scope`, `vetoes`, `actor_fallback`) is a list of decisions with
stable ids; `readings` lists the ids the code gives at fixed places (a borrowed verb, a default
modality), so that every id a record or a trace names is a row of a pattern file. A decision
names the predicates it tests (`when`: all must hold, `unless`: none may), the stage of reading it
belongs to, and its `effect`. Predicates and effects are Python functions registered here by name
(as spaCy registers its functions): the data says which, in which order and with what effect; the
code says what a name means.

The reader asks a table at a fixed point of a stage (`Decisions.at(table, stage)`: its decisions
of that stage in file order; `duties.SentenceReader.decide` takes them). Within a `slot` (the
period, the date, the actor of a duty) the first decision that holds decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from .rules import PATTERN_FILES, RuleFileError, load_yaml, rule_cache

FILE = "decisions"
WHERE = f"patterns/{FILE}.yml"
TABLES = ("scope", "vetoes", "actor_fallback", "readings")
STAGES = ("structure", "sentence", "clause", "item", "action", "duty", "document", "record")

Predicate = Callable[[Any], Any]
Effect = Callable[[Any, Any, str], Any]

# The kind of value a rule gives, by the pattern file it is a row of (decisions.yml rows say their own).
FILE_KINDS = {"numbers": "count", "periods": "period", "deadlines": "deadline", "modality": "modality",
              "actors": "actor", "actions": "action", "conditions": "condition", "headings": "heading",
              "genres": "genre", "noise": "mask", "tables": "column", "clauses": "clause"}
# What an effect returns when it changed nothing worth naming: the trace leaves it out.
QUIET = object()

PREDICATES: dict[str, Predicate] = {}
EFFECTS: dict[str, Effect] = {}
# Effects that end what they apply to (the sentence, clause or item gives no duty of its own).
ENDING: set[str] = set()


def predicate(name: str) -> Callable[[Predicate], Predicate]:
    """Register a predicate under `name`: a function of the reading that is true (any truthy
    value, which the effect receives) when the decision applies."""
    def register(func: Predicate) -> Predicate:
        PREDICATES[name] = func
        return func
    return register


def register(tests: dict[str, Predicate]) -> None:
    """Register several predicates at once: name -> function."""
    PREDICATES.update(tests)


def effect(name: str, ends: bool = False) -> Callable[[Effect], Effect]:
    """Register an effect under `name`: a function of (reading, value of the decision's first `when`
    predicate, the decision's id) that returns what it set, for the trace. `ends`: what it applies
    to (a sentence, a clause, an item) gives no duty of its own."""
    def register(func: Effect) -> Effect:
        EFFECTS[name] = func
        if ends:
            ENDING.add(name)
        return func
    return register


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of a table. It holds when every `when` predicate and no `unless` predicate does; its
    effect (`run`) then gets the value of the first `when` predicate (True when there is none)
    and returns what it set. `SentenceReader.decide` takes the decisions of a table in order."""

    id: str
    table: str
    stage: str
    when: tuple[Predicate, ...]
    unless: tuple[Predicate, ...]
    effect: str
    slot: Optional[str]
    run: Optional[Effect]
    ends: bool
    first: Optional[Predicate] = None
    rest: tuple[Predicate, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "first", self.when[0] if self.when else None)
        object.__setattr__(self, "rest", self.when[1:])


@dataclass(frozen=True)
class Decisions:
    """Every table, by (table, stage), in file order; and every id the file names."""

    tables: dict[tuple[str, str], tuple[Decision, ...]]
    ids: frozenset[str]

    def at(self, table: str, stage: str) -> tuple[Decision, ...]:
        return self.tables.get((table, stage), ())


def _names(item: dict, key: str, registry: dict, where: str) -> tuple:
    names = item.get(key) or []
    if not isinstance(names, list):
        raise RuleFileError(f"{where}: `{key}` must be a list of predicate names")
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise RuleFileError(f"{where}: unknown predicate(s) {', '.join(map(str, unknown))} in `{key}`")
    return tuple(registry[n] for n in names)


@rule_cache(maxsize=1)
def decisions() -> Decisions:
    """Load and check decisions.yml once per set of rules; a RuleFileError names the entry at fault."""
    from . import predicates  # noqa: F401  (registers the predicates and effects the file names)

    data = load_yaml(FILE)
    tables: dict[tuple[str, str], list[Decision]] = {}
    ids: set[str] = set()
    for table in TABLES:
        rows = data.get(table)
        if not isinstance(rows, list):
            raise RuleFileError(f"{WHERE}: missing table `{table}` (a list)")
        for n, item in enumerate(rows):
            where = f"{WHERE} {table}[{n}]"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise RuleFileError(f"{where}: every decision needs an `id`")
            if item["id"] in ids:
                raise RuleFileError(f"{where}: duplicate id {item['id']}")
            ids.add(item["id"])
            for key in ("description", "stage", "effect"):
                if not item.get(key):
                    raise RuleFileError(f"{where}: missing `{key}`")
            if item["stage"] not in STAGES:
                raise RuleFileError(f"{where}: unknown stage {item['stage']!r}; one of {', '.join(STAGES)}")
            if table != "readings" and item["effect"] not in EFFECTS:
                raise RuleFileError(f"{where}: unknown effect {item['effect']!r}")
            name = item["effect"]
            decision = Decision(item["id"], table, item["stage"], _names(item, "when", PREDICATES, where),
                                _names(item, "unless", PREDICATES, where), name, item.get("slot"),
                                EFFECTS.get(name), name in ENDING)
            tables.setdefault((table, item["stage"]), []).append(decision)
    return Decisions({k: tuple(v) for k, v in tables.items()}, frozenset(ids))


def _ids(node: Any) -> Any:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"], node
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


@rule_cache(maxsize=1)
def rule_index() -> dict[str, str]:
    """Every id of every pattern file, with the kind of value its rule gives (a count, a period, an
    actor ...; a row of decisions.yml gives its effect). A trace names only ids found here."""
    index: dict[str, str] = {}
    for name in PATTERN_FILES:
        for rule_id, row in _ids(load_yaml(name)):
            index.setdefault(rule_id, row.get("effect", "rule") if name == FILE else FILE_KINDS.get(name, "rule"))
    return index
