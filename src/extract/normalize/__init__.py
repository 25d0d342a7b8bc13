"""Read values out of a clause: counts, periods, deadlines, actors, modality, actions.

One module per dimension, each reading its own pattern file. Every finder works on
the simplified view of one clause and returns hits with view offsets and the id of
the rule that fired, so a value can be traced.
"""
# The public finders, gathered so callers import them from one place.
from .actions import canonical_action, event_verb, objectless, starts_with_verb  # noqa: F401
from .actors import (ActorHit, actor_in_cell, actor_of, find_actors, first_verb, governed_actor,  # noqa: F401
                     subject_actor, title_actor)
from .dates import DeadlineHit, PeriodHit, find_deadlines, find_periods  # noqa: F401
from .modality import modality_marks  # noqa: F401
from .numbers import Count, as_reported, change_verb, find_counts, parse_number  # noqa: F401
from .verbs import has_any_verb, has_verb  # noqa: F401
