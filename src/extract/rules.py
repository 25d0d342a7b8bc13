"""Load the rule and lexicon files of patterns/, validate them, and compile them once.

Rules are data: this module knows the schema of the files, never their words.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

PATTERNS_ENV = "QINGDAN_PATTERNS"


def patterns_dir() -> Path:
    """The folder holding the pattern files: $QINGDAN_PATTERNS, else the one shipped with the package."""
    override = os.environ.get(PATTERNS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "patterns"


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """Parse one pattern file by name (without .yml)."""
    path = patterns_dir() / f"{name}.yml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
