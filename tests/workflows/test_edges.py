"""The workflows as graphs (what diagrams are drawn from): state changes only, labelled."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workflows import workflows
from workflows.edges import edges, outgoing, state_changes


@pytest.mark.parametrize("name", sorted(workflows()))
def test_edges_are_the_state_changing_transitions_with_trigger_labels(name: str) -> None:
    wf = workflows()[name]
    states = {s.value for s in wf.states}
    # A trigger may move the state from one source and keep it from another (the first
    # respondent's accusation opens the defence phase, the next ones do not): what is never
    # drawn is a (trigger, source) that keeps the state.
    internal = {(t["trigger"], source) for t in wf.transitions if t.get("dest") is None
                for source in map(str, t["source"] if isinstance(t["source"], list)
                                      else [t["source"]])}
    drawn = edges(wf)
    assert all(e.source in states and e.dest in states and e.source != e.dest for e in drawn)
    assert not internal & {(t, e.source) for e in drawn for t in e.triggers}
    assert len({(e.source, e.dest) for e in drawn}) == len(drawn)  # one arrow per pair
    for e in drawn:
        assert e.labels == tuple(wf.triggers[t].label for t in e.triggers)
    changing = {t["trigger"] for t in wf.transitions if t.get("dest") is not None}
    assert {t["trigger"] for t in state_changes(wf)} == changing


def test_a_complaint_in_received_can_go_to_triage_or_be_archived() -> None:
    wf = workflows()["complaint"]
    assert [(e.dest, e.labels) for e in outgoing(wf, "received")] == [
        ("triage", ("Start triage",)),
        ("archived", ("Archive as a duplicate", "Archive after the withdrawal"))]
    assert [(e.dest, e.triggers) for e in outgoing(wf, "forwarded")] == [("closed", ("close",))]


def test_the_legal_core_never_imports_graphviz() -> None:
    code = ("import sys, workflows, workflows.edges; "
            "[workflows.edges.edges(w) for w in workflows.workflows().values()]; "
            "print([m for m in ('graphviz', 'transitions.extensions.diagrams') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
