"""Every CLI example in docs/ is run, and its output must be what the docs show."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts" / "update_docs.py")
assert spec and spec.loader
update_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_docs)

CASES = [(p.name, cmd, out) for p in sorted((ROOT / "docs").glob("*.md"))
         for cmd, out in update_docs.examples(p.read_text(encoding="utf-8"))]


def test_docs_have_examples() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize(("doc", "command", "expected"), CASES,
                         ids=[f"{d}:{c[:60]}" for d, c, _ in CASES])
def test_example(doc: str, command: str, expected: str) -> None:
    assert update_docs.run(command) == expected, f"{doc}: `{command}` output changed; " \
        "run scripts/update_docs.py if the change is intended"
