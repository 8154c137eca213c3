"""Small-count suppression of the open data (issue 13 part 5; domain.md 8: statistics never
expose a person).

A count of 1 or 2 is suppressed (None: `null` in JSON, `<3` on the page and in the CSV). When a
breakdown has exactly one suppressed cell, the next smallest non-zero cell is suppressed too
(the first in the breakdown's order among equals), so the hidden value cannot be worked out by
subtracting the others from the total. Zeros are shown: they expose nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SMALLEST_SHOWN = 3
SHOWN_AS = "<3"


def hidden(n: int) -> bool:
    """Whether a count is too small to publish."""
    return 0 < n < SMALLEST_SHOWN


def cells(breakdown: Mapping[str, int]) -> dict[str, int | None]:
    """One breakdown with its small cells suppressed, and a second cell when only one was."""
    out: dict[str, int | None] = {k: (None if hidden(v) else v) for k, v in breakdown.items()}
    if sum(v is None for v in out.values()) == 1:
        rest = [(v, i, k) for i, (k, v) in enumerate(out.items()) if v]
        if rest:
            _v, _i, key = min(rest)
            out[key] = None
    return out


def suppressed(numbers: Mapping[str, Any]) -> dict[str, Any]:
    """`numbers` with every count suppressed by the rules above: a mapping of counts is a
    breakdown; a lone count is suppressed when it is 1 or 2; other values are kept."""
    out: dict[str, Any] = {}
    for key, value in numbers.items():
        if isinstance(value, Mapping):
            if value and all(isinstance(v, int) and not isinstance(v, bool)
                             for v in value.values()):
                out[key] = cells(value)
            else:
                out[key] = suppressed(value)
        elif isinstance(value, int) and not isinstance(value, bool) and key != "year":
            out[key] = None if hidden(value) else value
        else:
            out[key] = value
    return out


def shown(value: int | None) -> str:
    """A published count as the page and the CSV write it."""
    return SHOWN_AS if value is None else str(value)
