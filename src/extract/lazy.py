"""A cached property without a lock.

functools.cached_property takes a lock on every first access before Python 3.12; the facts of a
clause are read by one thread at a time (workers are processes), so the lock only costs time:
some forty thousand first accesses a run of the bundled corpus.
"""
from __future__ import annotations


class cached_property:  # noqa: N801 - named as the functools descriptor it stands in for
    """Compute the value on first access and keep it in the instance's __dict__, where later
    accesses find it without calling the descriptor (a non-data descriptor)."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
