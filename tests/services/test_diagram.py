"""Workflow diagrams: SVG per workflow with the current state and the path taken, cached, and
None (the text version alone) when Graphviz is missing or fails."""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cicdr.services.core.actors import ComplainantActor
from cicdr.services.engine.transition import fire
from cicdr.services.queries import diagram
from tests import factories
from tests.graphviz import needs_dot

SVG = "{http://www.w3.org/2000/svg}"
ACTIVE, PATH, PLAIN = "#a4000f", "#0b4f8a", "black"
PATHS = {
    "complaint": ("received", "triage", "awaiting_information"),
    "proceeding": ("opened", "instruction", "awaiting_defence"),
    "referral": ("draft", "sent", "acknowledged"),
}


def shapes(svg: bytes, kind: str) -> dict[str, list[dict[str, str]]]:
    """Each node or edge of a Graphviz SVG by its title, with the attributes of its outlines."""
    root = ET.fromstring(svg)  # noqa: S314  (our own dot output, in a test)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == kind:
            title = group.findtext(f"{SVG}title") or ""
            found[title] = [dict(s.attrib) for s in group
                            if s.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse")]
    return found


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    diagram.clear_cache()


@needs_dot
@pytest.mark.parametrize("workflow", sorted(PATHS))
def test_each_workflow_is_drawn_with_its_current_state_and_the_path_taken(workflow: str) -> None:
    path = PATHS[workflow]
    svg = diagram.render(workflow, path[-1], path)
    assert svg is not None and svg.startswith(b"<?xml")
    text = svg.decode()
    current = path[-1].replace("_", " ")
    assert f'<title id="diagram-title">{workflow.capitalize()} workflow, current state: ' \
           f"{current}</title>" in text
    assert "Path taken: " + " → ".join(s.replace("_", " ") for s in path) in text
    nodes, edges = shapes(svg, "node"), shapes(svg, "edge")
    assert {n["stroke"] for n in nodes[path[-1]]} == {ACTIVE}
    assert len(nodes[path[-1]]) == 2  # a double border: not colour alone
    for visited in path[:-1]:
        assert nodes[visited][0]["stroke"] == PATH and nodes[visited][0]["stroke-width"] == "2"
    for source, dest in zip(path, path[1:], strict=False):
        line = edges[f"{source}->{dest}"][0]
        assert (line["stroke"], line["stroke-width"]) == (PATH, "2.5")
    untouched = [n for n in nodes if n not in path]
    assert untouched and all(nodes[n][0]["stroke"] == PLAIN for n in untouched)


@needs_dot
def test_edges_carry_trigger_labels_and_internal_transitions_are_left_out() -> None:
    svg = diagram.render("complaint", "received", ("received",))
    assert svg is not None
    text = svg.decode()
    assert "Start triage" in text and "Open a proceeding" in text
    assert "Assign" not in text and "[internal]" not in text  # assign keeps the state
    edges = shapes(svg, "edge")
    assert not [e for e in edges if e.split("->")[0] == e.split("->")[1]]


@needs_dot
def test_a_portuguese_reader_gets_the_diagram_in_portuguese() -> None:
    """The states, the arrows' triggers, the title and the description in the reader's language
    (the staff pages are Portuguese by default), each language drawn and kept on its own."""
    english = diagram.render("complaint", "received", ("received",))
    portuguese = diagram.render("complaint", "received", ("received",), "pt")
    assert english is not None and portuguese is not None and english != portuguese
    text = portuguese.decode()
    shown = set(re.findall(r"<text[^>]*>([^<]+)</text>", text))  # what a reader sees drawn
    assert "recebida" in shown and "Iniciar a triagem" in shown  # state, trigger
    assert not shown & {"received", "triage", "Start triage", "Open a proceeding"}, shown
    title, desc = diagram.summary("complaint", "received", ("received",), "pt")
    assert (title, desc) != diagram.summary("complaint", "received", ("received",))
    assert title.startswith("Fluxo da queixa") and desc.startswith("Percurso seguido")
    assert f'<title id="diagram-title">{title}</title>' in text


@needs_dot
def test_a_drawing_is_cached_by_workflow_state_and_path() -> None:
    first = diagram.render("proceeding", "instruction", ("opened", "instruction"))
    again = diagram.render("proceeding", "instruction", ("opened", "instruction"))
    assert first is again
    assert (diagram.cache_info().hits, diagram.cache_info().misses) == (1, 1)
    other = diagram.render("proceeding", "instruction",
                           ("opened", "instruction", "awaiting_defence", "instruction"))
    assert other != first and diagram.cache_info().misses == 2


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(KeyError):
        diagram.render("complaint", "nowhere", ("received",))


@needs_dot
def test_without_dot_on_the_path_there_is_no_diagram(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    cached = diagram.render("complaint", "triage", ("received", "triage"))
    assert cached is not None
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no `dot` anywhere
    assert not diagram.available()
    assert diagram.render("complaint", "triage", ("received", "triage")) is None  # even cached
    assert diagram.render("referral", "sent", ("draft", "sent")) is None


def test_without_the_graphviz_package_there_is_no_diagram(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "graphviz", None)  # `import graphviz` now fails
    assert not diagram.available()
    assert diagram.render("complaint", "received", ("received",)) is None


@needs_dot
def test_a_failing_dot_gives_no_diagram_and_is_not_cached(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    broken = tmp_path / "dot"
    broken.write_text("#!/bin/sh\necho 'dot: broken install' >&2\nexit 1\n")
    broken.chmod(0o755)
    real_path = os.environ["PATH"]
    monkeypatch.setenv("PATH", f"{tmp_path}:{real_path}")
    assert diagram.available()
    assert diagram.render("referral", "draft", ("draft",)) is None
    monkeypatch.setenv("PATH", real_path)
    assert diagram.render("referral", "draft", ("draft",)) is not None


def test_the_path_taken_comes_from_the_state_changes_of_the_audit_log(session: Any,
                                                                      users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11), assignee=users.officer.id)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 11),
         question="Tem testemunhas?")
    fire(session, c, "information_received", ComplainantActor(c.reference),
         today=date(2026, 3, 13), answer="Sim.")
    steps = diagram.load_path(session, c)
    assert [(s.state, s.action) for s in steps] == [
        ("received", "submit"), ("triage", "start_triage"),
        ("awaiting_information", "request_information"), ("triage", "information_received")]
    path = diagram.path_states(c, steps)
    assert path == ("received", "triage", "awaiting_information", "triage")
    flow = diagram.text_version(c, steps)
    assert [(s.state, s.how, s.current) for s in flow.steps] == [
        ("received", "Filed", False), ("triage", "Start triage", False),
        ("awaiting information", "Request information", False),
        ("triage", "Record information received", True)]
    states = {s.state: s for s in flow.states}
    assert states["triage"].current and states["received"].visited
    assert not states["archived"].visited and states["closed"].terminal
    assert ("Start triage", "triage") in states["received"].exits
    assert ("Archive as a duplicate or Archive after the withdrawal",
            "archived") in states["received"].exits
