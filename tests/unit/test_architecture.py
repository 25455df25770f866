"""The rooms of the house and what each may import (ARCHITECTURE.md), checked on the source text with `ast`:
every import statement counts, also one inside a function."""

from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("sources", "disclosure", "orchestration", "reports", "demo", "benchmarks", "tests")
DEMO_RUNNERS = {"orchestration/demo.py", "orchestration/dev.py"}
# An HTML element in a string: the mark of a page being built.
HTML_TAG = re.compile(r"</?(html|head|body|div|span|section|table|thead|tbody|tr|td|th|p|ul|ol|li|h[1-6]|img|a|br"
                      r"|style)(\s[^<>]*)?/?>", re.IGNORECASE)


@cache
def _trees() -> dict[str, ast.Module]:
    return {p.relative_to(ROOT).as_posix(): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for room in ROOMS for p in sorted((ROOT / room).rglob("*.py"))}


def _imports(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _offenders(rooms: tuple[str, ...], forbidden, allowed_files: set[str] = frozenset()) -> list[str]:
    """`file: module` for every import in `rooms` whose module `forbidden(module)` says is not allowed."""
    return sorted({f"{path}: {name}" for path, tree in _trees().items()
                   if path.split("/")[0] in rooms and path not in allowed_files
                   for name in _imports(tree) if forbidden(name)})


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_rooms_are_all_there():
    assert {path.split("/")[0] for path in _trees()} == set(ROOMS)


def test_only_the_demo_runners_import_demo():
    assert _offenders(("sources", "disclosure", "orchestration", "reports"), lambda m: _top(m) == "demo",
                      DEMO_RUNNERS) == []


def test_sources_is_plain_python():
    """No orchestration, charts, templates or demo data in the extractors; nothing above them in the house."""
    forbidden = {"dagster", "dagster_dbt", "matplotlib", "jinja2", "faker",
                 "orchestration", "disclosure", "reports", "demo", "benchmarks", "tests"}
    assert _offenders(("sources",), lambda m: _top(m) in forbidden) == []


def test_sources_renders_no_html():
    """No `html` module and no string that holds an HTML element (docstrings aside): pages are the reports' job."""
    found = _offenders(("sources",), lambda m: _top(m) == "html")
    for path, tree in _trees().items():
        if not path.startswith("sources/"):
            continue
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        found += [f"{path}:{node.lineno}: {node.value[:60]!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and HTML_TAG.search(node.value)]
    assert found == []


def test_disclosure_is_plain_python_over_sources():
    assert _offenders(("disclosure",), lambda m: _top(m) in {"dagster", "dagster_dbt", "orchestration", "reports",
                                                               "demo", "benchmarks", "tests"}) == []


def test_reports_read_the_published_marts_only():
    """Reports open the published snapshot; they load nothing themselves (sources.publish only says where it is,
    sources.reference gives the seeds' names, such as the four phenomena)."""
    def forbidden(module: str) -> bool:
        if _top(module) == "sources":
            return module.rpartition(".")[0] not in {"sources.publish", "sources.reference"} \
                and module not in {"sources.publish", "sources.reference"}
        return _top(module) in {"orchestration", "disclosure", "demo", "benchmarks", "tests", "dagster"}

    assert _offenders(("reports",), forbidden) == []


def test_faker_is_a_demo_extra_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.lower().startswith("faker") for d in project["dependencies"])
    assert any(d.lower().startswith("faker") for d in project["optional-dependencies"]["demo"])
    assert _offenders(("sources", "disclosure", "orchestration", "reports"), lambda m: _top(m) == "faker") == []


def test_the_rules_see_a_violation():
    """The checker itself: an import inside a function, and an HTML string, are found."""
    tree = ast.parse("def f():\n    from demo.hetu import fictitious_hetu\n    return '<td>x</td>'\n")
    assert "demo.hetu" in _imports(tree)
    assert HTML_TAG.search("<td>x</td>") and not HTML_TAG.search("raw.<table_name>.parquet")
