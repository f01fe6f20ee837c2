"""Import arrows point one way (issue 17): the store never imports the pipeline, and the pipeline
never imports an executor or the API; only ``executors/ray.py`` imports ray."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsledger"


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (imports inside functions count too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("store", ("newsledger.pipeline", "newsledger.executors", "newsledger.api", "newsledger.resolve")),
    ("pipeline", ("newsledger.executors", "newsledger.api", "newsledger.resolve", "newsledger.web")),
])
def test_layer_imports_nothing_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    wrong = {f"{path.relative_to(SRC)}: {name}" for path in (SRC / layer).rglob("*.py") for name in imports(path)
             if name.startswith(forbidden)}
    assert not wrong


def test_only_the_ray_executor_imports_ray() -> None:
    users = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if any(n.split(".")[0] == "ray" for n in imports(p))}
    assert users == {"executors/ray.py"}
