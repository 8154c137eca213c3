"""The shape of the code, checked: no import cycles, names that cannot be confused, a core that
runs without Flask.

Read statically from the source (every `import` at any depth, lazy ones inside functions too),
so a cycle fails here before it fails at import time in some rarely used order.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cicdr", "workflows")


def _modules() -> dict[str, Path]:
    """Every module of the project by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(tree: ast.AST, here: str, modules: dict[str, Path]) -> Iterator[str]:
    """The project modules a module imports: `from a.b import c` is `a.b.c` when that is a
    module, else `a.b`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module not in modules:
                continue
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                yield child if child in modules else node.module


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (models/ left out: SQLAlchemy models refer to
    each other by design, and nothing there imports upwards)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name.startswith("cicdr.models"):
            continue
        tree = ast.parse(path.read_text(), str(path))
        graph[name] = {m for m in _imported(tree, name, modules)
                       if m != name and not m.startswith("cicdr.models")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_outside_models_is_part_of_an_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("folder", ["cicdr/services", "workflows"])
def test_modules_have_names_that_cannot_be_confused(folder: str) -> None:
    """No two modules of the services or of the legal core whose names differ by a plural or a
    suffix (`case`/`cases`, `search`/`search_index`): a newcomer must know which one to open."""
    names = {p.stem for p in (ROOT / folder).rglob("*.py") if p.stem != "__init__"}
    confusable = [(a, b) for a, b in combinations(sorted(names), 2)
                  if b in (a + "s", a + "es") or a in (b + "s", b + "es")
                  or b.startswith(a + "_") or a.startswith(b + "_")]
    assert confusable == []


def test_every_service_package_says_what_it_owns() -> None:
    for init in sorted((ROOT / "cicdr" / "services").rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc) > 40, f"{init.relative_to(ROOT)} has no docstring"
