"""Workflow diagrams: one SVG per (workflow, current state, path taken), or None without Graphviz.

Drawn with `transitions`' diagram support (`GraphMachine`, `graphviz` backend): one diagram
machine per workflow, built once per process from `workflows.edges.state_changes` (internal
transitions left out, edges labelled with the trigger labels). Each render takes a fresh,
cheap graph object of that machine, styles the path taken (`previous`) and the current state
(`active`), and pipes it through Graphviz's `dot`. The first `dot` call of a process costs
about a second and later ones tens of milliseconds (stack.md), so rendered SVGs are kept in a
bounded LRU keyed by workflow, state and path: a case that has not moved is never drawn twice.

Graceful fallback: without the `graphviz` Python package, without the `dot` executable on PATH,
or when `dot` fails, `render` returns None and the page shows the text version alone (which it
shows anyway, for screen readers).
"""

from __future__ import annotations

import copy
import logging
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import select

from cicdr.models import AuditEvent
from cicdr.services.core.types import DbSession
from cicdr.services.notify.compose import say
from workflows import workflows
from workflows.edges import edges, state_changes
from workflows.labels import either, state_label
from workflows.text import N_, Msg

log = logging.getLogger(__name__)
CACHE_SIZE = 512  # distinct (workflow, state, path) drawings kept per process (~15 KB each)
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


@dataclass(frozen=True)
class Step:
    """One state on the path taken: entered by `action` (a trigger, or submit/open/draft)."""

    state: str
    action: str
    at: datetime | None = None


def path_taken(subject: Any, events: Iterable[AuditEvent]) -> list[Step]:
    """The states `subject` went through, oldest first, from its own audit events with a
    `to_state` (events of other subjects are ignored). A state re-entered right away (an
    internal transition, a complaint joining the proceeding) is one step; later returns to a
    state (triage after information received) are steps of their own."""
    steps: list[Step] = []
    for e in events:
        if (e.subject_type != subject.WORKFLOW or e.subject_id != subject.id
                or not e.to_state):
            continue
        if steps and steps[-1].state == e.to_state:
            continue
        steps.append(Step(e.to_state, e.action, e.created_at))
    return steps


def load_path(session: DbSession, subject: Any) -> list[Step]:
    """`path_taken` from the database (for callers without the case's events at hand)."""
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == subject.WORKFLOW, AuditEvent.subject_id == subject.id,
        AuditEvent.to_state.is_not(None)).order_by(AuditEvent.seq))
    return path_taken(subject, events)


def path_states(subject: Any, steps: Sequence[Step]) -> tuple[str, ...]:
    """The path as states, ending at the subject's current state."""
    states = [s.state for s in steps]
    if not states or states[-1] != subject.state:
        states.append(subject.state)
    return tuple(states)


def words(state: str, language: str = "en") -> str:
    """A state in words, in `language` (`awaiting_information` -> `awaiting information`)."""
    return say(state_label(state), language)


WORKFLOW_NAMES = {"complaint": N_("Complaint workflow"), "proceeding": N_("Proceeding workflow"),
                  "referral": N_("Referral workflow")}


def summary(workflow: str, state: str, path: Sequence[str],
            language: str = "en") -> tuple[str, str]:
    """The diagram's title and description in words, in `language` (its `<title>` and
    `<desc>`)."""
    title = say(N_("%(workflow)s, current state: %(state)s", workflow=WORKFLOW_NAMES[workflow],
                   state=words(state, language)), language)
    taken = " → ".join(words(s, language) for s in path) if path else words(state, language)
    every = ", ".join(words(s.value, language) for s in workflows()[workflow].states)
    desc = say(N_("Path taken: %(path)s. States: %(states)s.", path=taken, states=every),
               language)
    return title, desc


def available() -> bool:
    """Whether diagrams can be drawn here: the `graphviz` package imports and `dot` is on PATH."""
    try:
        import graphviz  # noqa: F401  (only whether it imports matters)
    except ImportError:
        return False
    return shutil.which("dot") is not None


def render(workflow: str, state: str, path: Sequence[str],
           language: str = "en") -> bytes | None:
    """The SVG of `workflow` with `state` current and `path` (states, oldest first)
    highlighted, its words in `language`; None when Graphviz is unavailable or fails (the text
    version then stands alone). Raises KeyError for an unknown workflow or a state it does not
    have."""
    wf = workflows()[workflow]
    known = {s.value for s in wf.states}
    if state not in known or not set(path) <= known:
        raise KeyError(f"not a state of the {workflow} workflow")
    if not available():
        return None
    try:
        return _render(workflow, state, tuple(path), language)
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        # graphviz.ExecutableNotFound is a RuntimeError, a failing dot a CalledProcessError.
        log.warning("workflow diagram not drawn (%s): %s", workflow, exc)
        return None


def cache_info() -> Any:
    """Hits, misses and size of the rendered-SVG cache (functools' CacheInfo)."""
    return _render.cache_info()


def clear_cache() -> None:
    """Forget every rendered SVG (the diagram machines are kept)."""
    _render.cache_clear()


@lru_cache(maxsize=CACHE_SIZE)
def _render(workflow: str, state: str, path: tuple[str, ...], language: str) -> bytes:
    """Draw once; exceptions are not cached, so a later call retries."""
    machine = _machine(workflow, language)
    graph = machine.graph_cls(machine)
    for source, dest in zip(path, path[1:], strict=False):
        if source != dest:
            graph.set_previous_transition(source, dest)  # edge and its source: "previous"
    for visited in path:
        graph.set_node_style(visited, "previous")
    graph.set_node_style(state, "active")
    title, desc = summary(workflow, state, path, language)
    svg: bytes = graph.get_graph(title=title).pipe(format="svg")
    return _with_text(svg, title, desc)


def _with_text(svg: bytes, title: str, desc: str) -> bytes:
    """Give the SVG root an accessible name and description (Graphviz writes neither)."""
    found = _SVG_OPEN.search(svg)
    if found is None:
        raise RuntimeError("dot returned no <svg> element")
    tag = found.group(0)[:-1] + b' role="img" aria-labelledby="diagram-title diagram-desc">'
    text = (f'<title id="diagram-title">{escape(title)}</title>'
            f'<desc id="diagram-desc">{escape(desc)}</desc>').encode()
    return svg[:found.start()] + tag + b"\n" + text + svg[found.end():]


@cache
def _machine(workflow: str, language: str) -> Any:
    """The diagram machine of a workflow in a language, built once per process."""
    from transitions.extensions.diagrams import GraphMachine
    from transitions.extensions.diagrams_graphviz import Graph

    class ReadableGraph(Graph):  # type: ignore[misc]
        def _convert_state_attributes(self, state: dict[str, Any]) -> str:
            return words(state["name"], language)

    class DiagramMachine(GraphMachine):  # type: ignore[misc]
        style_attributes = _styles(GraphMachine.style_attributes)

        def _init_graphviz_engine(self, graph_engine: str) -> Any:
            return ReadableGraph

    wf = workflows()[workflow]
    changes = [{**t, "label": say(t["label"], language)} for t in state_changes(wf)]
    return DiagramMachine(
        model=None, states=[s.value for s in wf.states], transitions=changes,
        initial=None, auto_transitions=False, title=say(WORKFLOW_NAMES[workflow], language),
        graph_engine="graphviz")


def _styles(base: dict[str, Any]) -> dict[str, Any]:
    """The library's styles, in the app's colours, with shape cues besides colour: the current
    state has a double border, the path taken bold lines."""
    styles = copy.deepcopy(base)
    font = {"fontname": "Helvetica,Arial,sans-serif", "fontsize": "11"}
    styles["node"]["default"].update(font)
    styles["edge"]["default"].update(font, color="#4a4a4a", fontcolor="#1b1b1b")
    styles["graph"]["default"].update(font, fontsize="14")
    styles["node"]["active"] = {"color": "#a4000f", "fillcolor": "#fde2e2", "peripheries": "2",
                                "penwidth": "2", "style": "rounded,filled,bold"}
    styles["node"]["previous"] = {"color": "#0b4f8a", "fillcolor": "#e3eef8",
                                  "peripheries": "1", "penwidth": "2",
                                  "style": "rounded,filled,bold"}
    styles["edge"]["previous"] = {"color": "#0b4f8a", "penwidth": "2.5", "style": "bold",
                                  "fontcolor": "#0b4f8a"}
    return styles


# -- the text version (always shown; the only one without Graphviz) ------------------------------

_ENTRY = {"submit": N_("Filed"), "open": N_("Opened"), "draft": N_("Drafted")}


@dataclass(frozen=True)
class TextStep:
    """A step of the path in words: the state, how it was entered, when."""

    state: Msg | str
    how: Msg | str | None
    at: datetime | None
    current: bool


@dataclass(frozen=True)
class TextState:
    """A state of the workflow with where one can go from it."""

    state: Msg | str
    current: bool
    visited: bool
    terminal: bool
    exits: tuple[tuple[Msg | str, Msg | str], ...]  # (labels of the triggers, destination in words)


@dataclass(frozen=True)
class TextVersion:
    """The diagram as lists: the path taken, then every state of the workflow."""

    workflow: str
    current: str
    path: tuple[str, ...]
    steps: tuple[TextStep, ...]
    states: tuple[TextState, ...]


def text_version(subject: Any, steps: Sequence[Step]) -> TextVersion:
    """The path taken and the states of `subject`'s workflow, in words."""
    wf = workflows()[subject.WORKFLOW]
    path = path_states(subject, steps)
    shown = [TextStep(state_label(s.state), _how(wf, s.action), s.at, False) for s in steps]
    if not shown or steps[-1].state != subject.state:
        shown.append(TextStep(state_label(subject.state), None, None, False))
    shown[-1] = TextStep(shown[-1].state, shown[-1].how, shown[-1].at, True)
    exits: dict[str, list[tuple[Msg | str, Msg | str]]] = {}
    for edge in edges(wf):
        exits.setdefault(edge.source, []).append((either(edge.labels), state_label(edge.dest)))
    states = tuple(TextState(state_label(s.value), s.value == subject.state, s.value in path,
                             s.value in wf.terminal, tuple(exits.get(s.value, ())))
                   for s in wf.states)
    return TextVersion(subject.WORKFLOW, subject.state, path, tuple(shown), states)


def _how(wf: Any, action: str) -> Msg | str:
    spec = wf.triggers.get(action)
    return spec.label if spec is not None else _ENTRY.get(action, words(action).capitalize())
