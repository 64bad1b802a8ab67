"""The shape that keeps the law in one place: no import cycles, and no year or census compared
with a constant outside law/ (a rule that changed over time is data keyed by year there)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "electoral"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST, mods: set[str]) -> set[str]:
    """Every module of the package this one imports, at any depth (lazy imports included),
    except under `if TYPE_CHECKING:`."""
    out: set[str] = set()
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "electoral"):
            for a in node.names:
                full = f"{node.module}.{a.name}"
                out.add(full if full in mods else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("electoral")}
    return {m for m in out if m in mods}


def graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in SRC.rglob("*.py")}
    mods = set(files)
    return {m: _imports(ast.parse(p.read_text()), mods) - {m} for m, p in files.items()}


def test_no_import_cycles() -> None:
    g = graph()
    # The package's __init__ files re-export their modules; the edge from a package to its
    # own modules is not a dependency of the code.
    g = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in g.items()}
    seen: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for d in sorted(g.get(m, ())):
            if seen.get(d) == 1:
                cycles.append([*stack[stack.index(d):], d])
            elif d not in seen:
                visit(d)
        stack.pop()
        seen[m] = 2

    for m in sorted(g):
        if m not in seen:
            visit(m)
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles)


def test_the_core_never_imports_the_web_or_the_cli() -> None:
    g = graph()
    core = [m for m in g if not m.startswith(("electoral.web", "electoral.commands",
                                              "electoral.cli", "electoral.__main__"))
            and m != "electoral"]
    bad = [(m, d) for m in core for d in g[m]
           if d.startswith(("electoral.web", "electoral.commands", "electoral.cli"))]
    assert bad == []


def _is_yearish(node: ast.AST) -> bool:
    text = ast.unparse(node).lower()
    return "year" in text or "census" in text


def _is_year_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and \
        1780 <= node.value <= 2100


def year_rules(source: str) -> list[str]:
    """Where `source` compares a year or census with a constant, keys a table by year, or
    bounds a year with min/max/range of a constant."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            if any(_is_year_constant(p) for p in parts) and any(_is_yearish(p) for p in parts):
                found.append(f"{line}: {ast.unparse(node)}")
        elif isinstance(node, ast.Dict):
            if any(k is not None and _is_year_constant(k) for k in node.keys):
                found.append(f"{line}: a table keyed by year")
        elif (isinstance(node, ast.Call) and ast.unparse(node.func) in ("min", "max", "range")
              and any(_is_year_constant(a) for a in node.args)
              and any(_is_yearish(a) for a in node.args)):
            found.append(f"{line}: {ast.unparse(node)}")
    return found


def test_no_year_or_census_compared_with_a_constant_outside_law() -> None:
    found = [f"{path.relative_to(SRC)}:{hit}" for path in SRC.rglob("*.py")
             if "law" not in path.relative_to(SRC).parts
             for hit in year_rules(path.read_text())]
    assert found == [], "\n".join(found)


def test_the_scan_finds_what_it_must() -> None:
    """The scan catches each kind of rule this project once had outside law/."""
    src = ("x = 1910 if census == 1920 else census\nif year >= 1964: pass\n"
           "T = {2028: 2024}\nn = min(year, 2024)\nok = count >= 1964\n")
    assert sorted(h.split(":")[0] for h in year_rules(src)) == ["1", "2", "3", "4"]
