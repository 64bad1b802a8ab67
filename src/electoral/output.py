"""Rendering command output as a table (Rich), JSON or CSV. Each command gives the same data
in two forms: the full JSON document, and flat rows for tables and CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


# Columns of numbers that are names, not quantities: shown without a thousands separator.
PLAIN = frozenset({"year", "census", "district", "ballot", "from_election", "from_year",
                   "to_year", "seat", "state_seat"})


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def emit(
    fmt: Format,
    document: Any,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str = "",
    footer: Sequence[str] = (),
) -> None:
    """Write one command's output to stdout in the chosen format."""
    if fmt is Format.json:
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return
    if fmt is Format.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=False, width=132)
    table = Table(title=title or None, title_justify="left", show_lines=False)
    for c in columns:
        numeric = bool(rows) and all(isinstance(r[columns.index(c)], int | float)
                                     or r[columns.index(c)] is None for r in rows)
        table.add_column(c, justify="right" if numeric else "left")
    plain = [c in PLAIN or c.endswith("year") for c in columns]  # no thousands separator
    for r in rows:
        table.add_row(*(str(v) if p and v is not None else _cell(v) for p, v in zip(plain, r,
                                                                                    strict=False)))
    console.print(table)
    for line in footer:
        console.print(line, highlight=False, markup=False)
