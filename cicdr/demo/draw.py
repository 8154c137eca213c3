"""Drawing at random with weights (the demo's shares of contexts, channels, stages...)."""

from __future__ import annotations

import random
from collections.abc import Mapping


def weighted(r: random.Random, table: Mapping[str, float]) -> str:
    """A key of `table` drawn with the values as weights."""
    return r.choices(list(table), weights=list(table.values()))[0]
