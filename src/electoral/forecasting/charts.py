"""Forecast charts as standalone SVG: the snake (the units in order of the Democrat's
margin, each as wide as its electors, shaded by its win probability, with the majority line)
and the probability over time (a Series). Plain strings, no plotting library."""

from __future__ import annotations

import datetime as dt
from html import escape

from electoral.forecasting.result import Forecast
from electoral.forecasting.series import Series

D_RGB = (33, 102, 172)  # #2166ac
R_RGB = (178, 24, 43)  # #b2182b
MID_RGB = (247, 247, 247)
FONT = "font-family='system-ui, sans-serif'"


def shade(p_dem: float) -> str:
    """A colour from the Republican's red (p = 0) through white (p = 1/2) to the Democrat's
    blue (p = 1)."""
    end = D_RGB if p_dem >= 0.5 else R_RGB
    t = min(1.0, abs(p_dem - 0.5) * 2)
    rgb = tuple(round(m + (e - m) * t) for m, e in zip(MID_RGB, end, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def snake_svg(f: Forecast, width: int = 960) -> str:
    """The snake chart of a forecast: the units from the Democrat's safest (left) to the
    Republican's (right), each as wide as its electors, shaded by its win probability; the
    line where the majority falls, and the tipping-point unit of the expected margins."""
    units = sorted(f.units, key=lambda u: (-u.margin, u.unit))
    pad, top, bar = 12, 58, 56
    scale = (width - 2 * pad) / f.electors
    parts = []
    x = float(pad)
    running = 0
    tipping = None
    for u in units:
        w = u.electors * scale
        running += u.electors
        if tipping is None and running >= f.majority:
            tipping = u.unit
        p = u.win_probability["D"]
        label = (f"{u.unit}: {u.electors} electors, margin {u.margin:+.1f}, Democrat "
                 f"{100 * p:.1f}%")
        parts.append(f"<rect x='{x:.2f}' y='{top}' width='{max(w - 0.6, 0.4):.2f}' "
                     f"height='{bar}' fill='{shade(p)}'><title>{escape(label)}</title></rect>")
        if w >= 17:
            ink = "#ffffff" if abs(p - 0.5) > 0.3 else "#111111"
            parts.append(f"<text x='{x + w / 2:.2f}' y='{top + bar / 2 + 4}' font-size='10' "
                         f"text-anchor='middle' fill='{ink}' {FONT}>{escape(u.unit)}</text>")
        x += w
    line = pad + f.majority * scale
    d, r = f.win_probability["D"], f.win_probability["R"]
    title = (f"Forecast for {f.year}: Democrat {100 * d:.1f}%, Republican {100 * r:.1f}%; "
             f"median {f.median_ev['D']} to {f.median_ev['R']} electoral votes")
    head = (f"<text x='{pad}' y='22' font-size='15' font-weight='600' {FONT}>"
            f"{escape(title)}</text>"
            f"<text x='{pad}' y='42' font-size='12' fill='#555' {FONT}>Units in order of the "
            f"expected margin; width: electors; colour: win probability. Tipping point: "
            f"{escape(tipping or '')}</text>")
    mark = (f"<line x1='{line:.2f}' x2='{line:.2f}' y1='{top - 6}' y2='{top + bar + 6}' "
            f"stroke='#111' stroke-width='2'/><text x='{line:.2f}' y='{top + bar + 20}' "
            f"font-size='11' text-anchor='middle' {FONT}>{f.majority} to win</text>")
    height = top + bar + 30
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
            f"width='{width}' height='{height}' role='img' aria-label='{escape(title)}'>"
            f"<title>{escape(title)}</title>{head}{''.join(parts)}{mark}</svg>")


def series_svg(s: Series, width: int = 960, height: int = 360) -> str:
    """Each candidate's probability of winning the electoral college, day by day."""
    if not s.days:
        raise ValueError("an empty series")
    left, right, top, bottom = 48, 16, 48, 40
    first, last = s.days[0].date, s.days[-1].date
    span = max((last - first).days, 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(d: dt.date) -> float:
        return left + plot_w * (d - first).days / span

    def py(p: float) -> float:
        return top + plot_h * (1 - p)

    grid = []
    for p in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = py(p)
        grid.append(f"<line x1='{left}' x2='{width - right}' y1='{y:.1f}' y2='{y:.1f}' "
                    f"stroke='{'#999' if p == 0.5 else '#e0e0e0'}'/>"
                    f"<text x='{left - 6}' y='{y + 4:.1f}' font-size='11' text-anchor='end' "
                    f"{FONT}>{round(100 * p)}%</text>")
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            x = px(month)
            grid.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{top}' y2='{top + plot_h}' "
                        f"stroke='#f0f0f0'/><text x='{x:.1f}' y='{height - bottom + 16}' "
                        f"font-size='11' text-anchor='middle' {FONT}>"
                        f"{month.strftime('%b %Y')}</text>")
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    lines = []
    for party, rgb in (("D", D_RGB), ("R", R_RGB)):
        pts = " ".join(f"{px(d.date):.1f},{py(d.win_probability[party]):.1f}" for d in s.days)
        lines.append(f"<polyline points='{pts}' fill='none' stroke='rgb{rgb}' "
                     f"stroke-width='2.2'/>")
    end = s.days[-1]
    title = f"{s.year}: the chance of winning the electoral college, day by day"
    sub = (f"{first} to {last}; on {last}: Democrat {100 * end.win_probability['D']:.1f}%, "
           f"Republican {100 * end.win_probability['R']:.1f}%")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
            f"width='{width}' height='{height}' role='img' aria-label='{escape(title)}'>"
            f"<title>{escape(title)}; {escape(sub)}</title><text x='{left}' y='18' "
            f"font-size='14' font-weight='600' {FONT}>{escape(title)}</text><text x='{left}' "
            f"y='34' font-size='12' fill='#555' {FONT}>{escape(sub)}</text>{''.join(grid)}"
            f"{''.join(lines)}</svg>")
