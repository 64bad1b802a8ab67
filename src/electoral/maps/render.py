"""SVG of a map view, from the packaged shapes the page also draws (static/app.js builds the
same elements: one `<path>` or `<rect>` per unit with id "u-<unit>")."""

from __future__ import annotations

from html import escape

from electoral.maps.shapes import (
    OUTSIDE_LABELS,
    TILE,
    TILE_GAP,
    VIEWBOX,
    Box,
    district_box,
    grid_cell,
    shapes,
)
from electoral.maps.view import DARK_INK, NO_ELECTORS, MapView, UnitView

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
LEGEND_H = 44.0  # band under the map for the legend


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _label(code: str, u: UnitView | None) -> str:
    return code if u is None or not u.electors else f"{code} {u.electors}"


def _box(b: Box, u: UnitView | None, text: str, prefix: str = "u") -> str:
    fill = u.fill if u else NO_ELECTORS
    ink = u.ink if u else DARK_INK
    title = escape(u.title if u else text)
    return (f'<g class="unit" id="{prefix}-{b.unit}"><title>{title}</title>'
            f'<rect x="{_num(b.x)}" y="{_num(b.y)}" width="{_num(b.w)}" height="{_num(b.h)}" '
            f'rx="3" fill="{fill}" stroke="#555" stroke-width="0.8"/>'
            f'<text x="{_num(b.x + b.w / 2)}" y="{_num(b.y + b.h / 2 + 5)}" fill="{ink}" '
            f'text-anchor="middle" font-size="13" font-weight="600">{escape(text)}</text></g>')


def _legend(view: MapView, x: float, y: float, width: float) -> list[str]:
    out = [f'<text x="{_num(x)}" y="{_num(y + 14)}" font-size="14" font-weight="700" '
           f'fill="{DARK_INK}">{escape(view.title)}</text>']
    cx, cy = x, y + 24
    for item in view.legend:
        text = f"{item.label} {item.electors}"
        w = 18 + 6.6 * len(text)
        if cx + w > x + width:
            cx, cy = x, cy + 18
        out.append(f'<rect x="{_num(cx)}" y="{_num(cy)}" width="12" height="12" '
                   f'fill="{item.fill}" stroke="#555" stroke-width="0.5"/>'
                   f'<text x="{_num(cx + 16)}" y="{_num(cy + 10)}" font-size="11" '
                   f'fill="{DARK_INK}">{escape(text)}</text>')
        cx += w + 10
    return out


def svg(view: MapView, grid: bool = False) -> str:
    """A standalone SVG document of the view: the states (or the tile grid) with labels, the
    inset boxes for small states and for Maine's and Nebraska's districts, and a legend."""
    return _grid(view) if grid else _geo(view)


def _geo(view: MapView) -> str:
    sh = shapes()
    x0, y0, w, h = VIEWBOX
    units = {u.unit: u for u in view.units}
    callouts = {b.unit for b in sh.insets if b.kind == "callout"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_num(x0)} {_num(y0)} '
             f'{_num(w)} {_num(h + LEGEND_H)}" width="{_num(w)}" height="{_num(h + LEGEND_H)}" '
             f'font-family="{FONT}">',
             f'<rect x="{_num(x0)}" y="{_num(y0)}" width="{_num(w)}" height="{_num(h + LEGEND_H)}"'
             ' fill="#ffffff"/>']
    for s in sh.states:
        u = units.get(s.code)
        fill = u.fill if u else NO_ELECTORS
        title = escape(u.title if u else s.name)
        parts.append(f'<path class="unit" id="u-{s.code}" d="{s.path}" fill="{fill}" '
                     f'stroke="#ffffff" stroke-width="0.8"><title>{title}</title></path>')
    for s in sh.states:
        u = units.get(s.code)
        if s.code in callouts or u is None:
            continue
        ink = DARK_INK if s.code in OUTSIDE_LABELS else u.ink
        parts.append(f'<text x="{_num(s.label[0])}" y="{_num(s.label[1])}" fill="{ink}" '
                     f'text-anchor="middle" font-size="11" font-weight="600" '
                     f'pointer-events="none"><tspan x="{_num(s.label[0])}">{s.code}</tspan>'
                     + (f'<tspan x="{_num(s.label[0])}" dy="12">{u.electors}</tspan>'
                        if u.electors else "") + "</text>")
    dc_box = next(b for b in sh.insets if b.kind == "callout" and b.unit == "DC")
    for b in sh.insets:
        u = units.get(b.unit)
        if b.kind == "callout":
            parts.append(_box(b, u, _label(b.unit, u), "b"))
        elif b.kind == "marker":
            parts.append(f'<circle cx="{_num(b.x)}" cy="{_num(b.y)}" r="{_num(b.w)}" '
                         f'fill="{u.fill if u else NO_ELECTORS}" stroke="#111" '
                         'stroke-width="1"/>'
                         f'<line x1="{_num(b.x + b.w)}" y1="{_num(b.y)}" '
                         f'x2="{_num(dc_box.x)}" y2="{_num(dc_box.y + dc_box.h / 2)}" '
                         'stroke="#777" stroke-width="0.6"/>')
    districts = [u for u in view.units if "-" in u.unit]
    for state, caption in (("ME", "Maine districts"), ("NE", "Nebraska districts")):
        mine = [u for u in districts if u.unit.startswith(state + "-")]
        if not mine:
            continue
        boxes = [district_box(u.unit) for u in mine]
        first = min(boxes, key=lambda b: (b.y, b.x))
        parts.append(f'<text x="{_num(first.x)}" y="{_num(first.y - 4)}" font-size="10" '
                     f'fill="{DARK_INK}">{caption}</text>')
        parts += [_box(b, u, _label(u.unit, u)) for b, u in zip(boxes, mine, strict=True)]
    parts += _legend(view, x0 + 6, y0 + h, w - 12)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _grid(view: MapView) -> str:
    step = TILE + TILE_GAP
    cells = {u.unit: grid_cell(u.unit) for u in view.units}
    for unit, c, r in shapes().grid:
        cells.setdefault(unit, (c, r))
    cols = max(c for c, _ in cells.values()) + 1
    rows = max(r for _, r in cells.values()) + 1
    width, height = cols * step + 8, rows * step + 8
    units = {u.unit: u for u in view.units}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {_num(width)} '
             f'{_num(height + LEGEND_H + 20)}" width="{_num(width)}" '
             f'height="{_num(height + LEGEND_H + 20)}" font-family="{FONT}">',
             f'<rect x="-4" y="-4" width="{_num(width)}" height="{_num(height + LEGEND_H + 20)}" '
             'fill="#ffffff"/>']
    for unit, (c, r) in sorted(cells.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        u = units.get(unit)
        if "-" in unit and u is None:
            continue  # districts only in years that appoint by district
        b = Box(unit, "tile", c * step, r * step, TILE, TILE)
        parts.append(_box(b, u, _label(unit, u)).replace('font-size="13"', 'font-size="10"'))
    parts += _legend(view, 0, height, width - 8)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
