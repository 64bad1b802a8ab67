"""The map's shapes, as packaged by scripts/build_web.py: state outlines (SVG paths in the
us-atlas Albers USA viewport, 975x610, widened here for the inset boxes), labelled boxes for
small states and for Maine's and Nebraska's districts, DC's marker, and the tile grid."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Viewport: x, y, width, height. Alaska reaches x = -58; the inset boxes lie in two columns
# right of x = 975, Maine's districts above y = 0.
VIEWBOX = (-62.0, -62.0, 1150.0, 674.0)
OUTSIDE_LABELS = ("HI",)  # labels drawn beside the shape, in dark ink
TILE = 44.0  # tile-grid cell, in the same units
TILE_GAP = 3.0


@dataclass(frozen=True, slots=True)
class StateShape:
    code: str
    fips: str
    name: str
    label: tuple[float, float]
    path: str  # SVG path data


@dataclass(frozen=True, slots=True)
class Box:
    unit: str
    kind: str  # "callout" | "district" | "marker"
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class MapShapes:
    states: tuple[StateShape, ...]
    insets: tuple[Box, ...]
    grid: tuple[tuple[str, int, int], ...]  # (unit, col, row)

    def state(self, code: str) -> StateShape:
        return next(s for s in self.states if s.code == code)

    def to_dict(self) -> dict[str, Any]:
        """The page's copy of the shapes (GET /api/map)."""
        return {
            "viewbox": list(VIEWBOX), "outside_labels": list(OUTSIDE_LABELS), "tile": TILE,
            "tile_gap": TILE_GAP,
            "states": [{"code": s.code, "fips": s.fips, "name": s.name, "label": list(s.label),
                        "path": s.path} for s in self.states],
            "insets": [{"unit": b.unit, "kind": b.kind, "x": b.x, "y": b.y, "w": b.w, "h": b.h}
                       for b in self.insets],
            "grid": [{"unit": u, "col": c, "row": r} for u, c, r in self.grid],
        }


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("electoral").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def shapes() -> MapShapes:
    """The packaged shapes (read once per process)."""
    states = tuple(StateShape(r["code"], r["fips"], r["name"],
                              (float(r["label_x"]), float(r["label_y"])), r["path"])
                   for r in _rows("map_states.csv"))
    insets = tuple(Box(r["unit"], r["kind"], float(r["x"]), float(r["y"]), float(r["w"]),
                       float(r["h"])) for r in _rows("map_insets.csv"))
    grid = tuple((r["unit"], int(r["col"]), int(r["row"])) for r in _rows("map_grid.csv"))
    return MapShapes(states, insets, grid)


def district_box(unit: str) -> Box:
    """The box of a district unit ("NE-2"). Districts beyond the packaged boxes (a different
    apportionment could give Nebraska a fourth) continue the row of their state's boxes."""
    found = next((b for b in shapes().insets if b.unit == unit and b.kind == "district"), None)
    if found is not None:
        return found
    state, _, num = unit.partition("-")
    own = sorted((b for b in shapes().insets if b.kind == "district"
                  and b.unit.startswith(state + "-")), key=lambda b: int(b.unit.split("-")[1]))
    if not own:
        return Box(unit, "district", VIEWBOX[0] + 4, VIEWBOX[1] + 4 + 55 * int(num), 52, 52)
    last = own[-1]
    step_x = own[1].x - own[0].x if len(own) > 1 else last.w + 4
    step_y = own[1].y - own[0].y if len(own) > 1 else 0.0
    k = int(num) - int(last.unit.split("-")[1])
    return Box(unit, "district", last.x + k * step_x, last.y + k * step_y, last.w, last.h)


def grid_cell(unit: str) -> tuple[int, int]:
    """Tile-grid (col, row) of a unit; extra districts continue their state's row."""
    for u, c, r in shapes().grid:
        if u == unit:
            return c, r
    state, _, num = unit.partition("-")
    own = [(int(u.split("-")[1]), c, r) for u, c, r in shapes().grid if u.startswith(state + "-")]
    if not own:
        return 0, 9 + int(num or 0)
    n, c, r = max(own)
    same_row = len({row for _, _, row in own}) == 1
    k = int(num) - n
    return (c + k, r) if same_row else (c, r + k)
