"""Map shapes for the browser app and `electoral map`, from the us-atlas TopoJSON.

Reads RAW/geo/states-albers-10m.json (us-atlas 3.0.1: the Census Bureau's 2017 cartographic
boundaries at 1:10,000,000, pre-projected to Albers USA in a 975x610 viewport) and writes:

- map_states.csv: code, fips, name, label_x, label_y, path (an SVG path in viewport units,
  one decimal);
- map_insets.csv: unit, kind, x, y, w, h: labelled boxes beside the map for the states too
  small to click (callout), Maine's and Nebraska's congressional districts (district: there
  are no district shapes in the source), and the District of Columbia's marker (marker);
- map_grid.csv: unit, col, row: the tile-grid layout (one tile per state and district).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from electoral.states import STATES  # build_data.py puts src/ on the path

if TYPE_CHECKING:
    from build_data import Report

Point = tuple[float, float]

# States drawn too small to click or label: a box in two columns right of the map, each box
# 52 units square so that it stays a 44-pixel touch target wherever the map is 1,000 pixels
# wide (WCAG 2.5.5).
CALLOUTS = ("VT", "NH", "MA", "RI", "CT", "NJ", "DE", "MD", "DC")
CALLOUT_X, CALLOUT_Y, CALLOUT_W, CALLOUT_H, CALLOUT_GAP = 978.0, 30.0, 52.0, 52.0, 3.0
CALLOUT_COLUMNS = 2
# Maine's districts above the small states, Nebraska's below them, in the same columns.
DISTRICT_BOXES: tuple[tuple[str, float, float], ...] = (
    ("ME-1", 978.0, -40.0), ("ME-2", 1033.0, -40.0),
    ("NE-1", 978.0, 335.0), ("NE-2", 1033.0, 335.0), ("NE-3", 978.0, 390.0),
)
DISTRICT_W, DISTRICT_H = 52.0, 52.0
# Label nudges (viewport units) where the centroid of the largest ring reads badly.
LABEL_NUDGE: dict[str, Point] = {"FL": (12.0, 8.0), "LA": (-8.0, -4.0), "MI": (8.0, 14.0),
                                 "HI": (-62.0, -16.0), "KY": (4.0, 2.0), "ID": (-2.0, 14.0),
                                 "VA": (6.0, 2.0), "MN": (-6.0, 4.0), "AK": (0.0, 6.0),
                                 "CA": (-6.0, 0.0), "WV": (-3.0, 4.0), "OK": (10.0, -6.0)}
# Tile grid: (unit, col, row), one tile per state, districts beside their state.
GRID: tuple[tuple[str, int, int], ...] = (
    ("AK", 0, 0), ("ME", 10, 0), ("ME-1", 11, 0), ("ME-2", 11, 1),
    ("VT", 9, 1), ("NH", 10, 1),
    ("WA", 0, 2), ("ID", 1, 2), ("MT", 2, 2), ("ND", 3, 2), ("MN", 4, 2), ("IL", 5, 2),
    ("WI", 6, 2), ("MI", 7, 2), ("NY", 8, 2), ("RI", 9, 2), ("MA", 10, 2),
    ("OR", 0, 3), ("NV", 1, 3), ("WY", 2, 3), ("SD", 3, 3), ("IA", 4, 3), ("IN", 5, 3),
    ("OH", 6, 3), ("PA", 7, 3), ("NJ", 8, 3), ("CT", 9, 3),
    ("CA", 0, 4), ("UT", 1, 4), ("CO", 2, 4), ("NE", 3, 4), ("MO", 4, 4), ("KY", 5, 4),
    ("WV", 6, 4), ("VA", 7, 4), ("MD", 8, 4), ("DE", 9, 4),
    ("AZ", 1, 5), ("NM", 2, 5), ("KS", 3, 5), ("AR", 4, 5), ("TN", 5, 5), ("NC", 6, 5),
    ("SC", 7, 5), ("DC", 8, 5),
    ("OK", 3, 6), ("LA", 4, 6), ("MS", 5, 6), ("AL", 6, 6), ("GA", 7, 6),
    ("HI", 0, 7), ("TX", 3, 7), ("FL", 8, 7),
    ("NE-1", 2, 8), ("NE-2", 3, 8), ("NE-3", 4, 8),
)


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """Arcs in viewport units: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring_points(arcs: Sequence[Sequence[Point]], indices: Iterable[int]) -> list[Point]:
    """A closed ring from arc indices; ~i is arc i reversed; shared end points appear once."""
    pts: list[Point] = []
    for i in indices:
        arc = list(arcs[i]) if i >= 0 else list(arcs[~i])[::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return "0.0" if text == "-0.0" else text


def ring_path(pts: Sequence[Point]) -> str:
    """One SVG subpath, coordinates to 0.1 unit, repeated points dropped."""
    cells: list[str] = []
    for x, y in pts:
        cell = f"{_fmt(x)} {_fmt(y)}"
        if not cells or cells[-1] != cell:
            cells.append(cell)
    if len(cells) > 1 and cells[0] == cells[-1]:
        cells.pop()
    return "M" + "L".join(cells) + "Z"


def area_centroid(pts: Sequence[Point]) -> tuple[float, Point]:
    """Signed area and centroid of a ring (the shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, [*pts[1:], pts[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if a == 0:
        return 0.0, pts[0]
    return a, (cx / (6 * a), cy / (6 * a))


def build(raw: Path, out: Path, rep: Report) -> None:
    src = raw / "geo" / "states-albers-10m.json"
    if not src.is_file():
        rep.error(f"{src}: map shapes not found")
        return
    topo = json.loads(src.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    by_fips = {s.fips: s for s in STATES.values()}
    rows = []
    for geom in topo["objects"]["states"]["geometries"]:
        state = by_fips.get(geom["id"])
        if state is None:
            rep.error(f"{src.name}: feature {geom['id']} is not a state or DC")
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        path = []
        best: tuple[float, Point] = (0.0, (0.0, 0.0))
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                pts = ring_points(arcs, ring)
                path.append(ring_path(pts))
                area, centre = area_centroid(pts)
                if k == 0 and abs(area) > abs(best[0]):
                    best = (area, centre)
        dx, dy = LABEL_NUDGE.get(state.code, (0.0, 0.0))
        rows.append([state.code, state.fips, state.name, _fmt(best[1][0] + dx),
                     _fmt(best[1][1] + dy), "".join(path)])
    missing = sorted(set(STATES) - {r[0] for r in rows})
    if missing:
        rep.error(f"{src.name}: no shape for {', '.join(missing)}")
    _write(out / "map_states.csv", ["code", "fips", "name", "label_x", "label_y", "path"],
           sorted(rows))
    insets: list[list[str]] = []
    for i, code in enumerate(CALLOUTS):
        row, col = divmod(i, CALLOUT_COLUMNS)
        insets.append([code, "callout", _fmt(CALLOUT_X + col * (CALLOUT_W + CALLOUT_GAP)),
                       _fmt(CALLOUT_Y + row * (CALLOUT_H + CALLOUT_GAP)), _fmt(CALLOUT_W),
                       _fmt(CALLOUT_H)])
    for unit, x, y in DISTRICT_BOXES:
        insets.append([unit, "district", _fmt(x), _fmt(y), _fmt(DISTRICT_W), _fmt(DISTRICT_H)])
    dc = next(r for r in rows if r[0] == "DC")
    insets.append(["DC", "marker", dc[3], dc[4], "4.0", "4.0"])
    _write(out / "map_insets.csv", ["unit", "kind", "x", "y", "w", "h"], insets)
    cells = {(c, r) for _, c, r in GRID}
    if len(cells) != len(GRID) or {u for u, _, _ in GRID if "-" not in u} != set(STATES):
        rep.error("tile grid: overlapping tiles or states missing")
    _write(out / "map_grid.csv", ["unit", "col", "row"],
           [[u, str(c), str(r)] for u, c, r in sorted(GRID, key=lambda t: (t[2], t[1]))])


def _write(path: Path, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
