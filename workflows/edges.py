"""A workflow as a graph: its state-changing edges with the labels of the triggers that take them.

Pure data for whoever draws or describes a workflow (the diagram service, its text version).
Internal transitions (`dest` None: the state stays) are not edges: they are left out of diagrams
(stack.md: they crash the region-of-interest view of `transitions`' diagrams, and a loop on every
open state says nothing a reader needs).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from workflows.engine import Workflow


@dataclass(frozen=True)
class Edge:
    """One arrow: from `source` to `dest`, taken by these triggers (ids and labels, in order)."""

    source: str
    dest: str
    triggers: tuple[str, ...]
    labels: tuple[str, ...]


def _name(state: Any) -> str:
    return state.value if isinstance(state, Enum) else str(state)


def _sources(source: Any) -> list[str]:
    if isinstance(source, list | tuple | set | frozenset):
        return [_name(s) for s in source]
    return [_name(source)]


def state_changes(workflow: Workflow) -> list[dict[str, str]]:
    """The declared transitions that change the state, one per (trigger, source), as plain dicts
    (`trigger`, `source`, `dest`, `label`): what a diagram machine is built from."""
    result = []
    for t in workflow.transitions:
        if t.get("dest") is None:
            continue
        label = workflow.triggers[t["trigger"]].label
        for source in _sources(t["source"]):
            result.append({"trigger": t["trigger"], "source": source,
                           "dest": _name(t["dest"]), "label": label})
    return result


def edges(workflow: Workflow) -> list[Edge]:
    """The workflow's arrows, one per (source, dest) pair, in declaration order."""
    grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
    for t in state_changes(workflow):
        grouped.setdefault((t["source"], t["dest"]), []).append(t)
    return [Edge(source, dest, tuple(t["trigger"] for t in ts), tuple(t["label"] for t in ts))
            for (source, dest), ts in grouped.items()]


def outgoing(workflow: Workflow, state: str) -> list[Edge]:
    """The arrows leaving `state`."""
    return [e for e in edges(workflow) if e.source == state]
