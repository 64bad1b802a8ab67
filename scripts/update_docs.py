"""Run the shell examples in docs/*.md and write their real output back into the docs.

In a ```console block, a line starting with "$ electoral" is a command; the lines after it,
up to the next command or the end of the block, are its output. tests/test_docs.py runs the
same commands and fails if any output differs from what the docs show.

    python scripts/update_docs.py          # rewrite the docs in place
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def run(command: str) -> str:
    """Output (stdout, then stderr) of one documented command, run from the docs folder."""
    args = shlex.split(command)
    assert args[0] == "electoral", command
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.run([sys.executable, "-m", "electoral", *args[1:]], capture_output=True,
                          text=True, cwd=DOCS, env=env, timeout=300)
    text = proc.stdout + proc.stderr
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def examples(text: str) -> list[tuple[str, str]]:
    """(command, documented output) pairs of a Markdown text."""
    out = []
    for block in BLOCK.findall(text):
        current: str | None = None
        lines: list[str] = []
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ electoral"):
                if current is not None:
                    out.append((current, "\n".join(lines).rstrip("\n")))
                current, lines = line[2:], []
            else:
                lines.append(line.rstrip())
        if current is not None:
            out.append((current, "\n".join(lines).rstrip("\n")))
    return out


def rewrite(text: str) -> str:
    def block(m: re.Match[str]) -> str:
        commands = [c for c, _ in examples(m.group(0))]
        body = "".join(f"$ {c}\n{run(c)}\n" for c in commands)
        return f"```console\n{body}```"

    return BLOCK.sub(block, text)


def main() -> int:
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
