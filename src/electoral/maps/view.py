"""What the map shows: a fill, an ink (text colour) and a title for every voting unit, and the
legend. One view feeds both the page (GET /api/view/{year}) and the Python SVG renderer.

Colours are colour-blind safe: ratings use ColorBrewer's RdBu diverging scheme; historical
candidates other than the Democratic and Republican ones take the Okabe-Ito colours. Every
unit also carries text (its code, electors and, in titles, the rating or winner).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from electoral.result import ElectionResult

# ColorBrewer RdBu (colour-blind safe): safe, likely, lean for each side; a neutral toss-up.
RATING_FILLS = {"D3": "#2166ac", "D2": "#4393c3", "D1": "#92c5de", "T": "#bdbdbd",
                "R1": "#f4a582", "R2": "#d6604d", "R3": "#b2182b"}
DARK_INK, LIGHT_INK = "#111111", "#ffffff"
RATING_INKS = {k: LIGHT_INK if k in ("D3", "D2", "R2", "R3") else DARK_INK for k in RATING_FILLS}
RATING_TINTS = {"3": 0.0, "2": 0.35, "1": 0.65}  # Safe, Likely, Lean: share of white mixed in


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def readable_ink(fill: str) -> str:
    """Dark or light text, whichever reads on any `fill` (WCAG relative luminance)."""
    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(fill))
    return DARK_INK if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 else LIGHT_INK


def rating_fill(rating: str, colors: dict[str, str] | None = None) -> str:
    """The fill of a rating ("D3", "R1", "T", "O") for the sides' Safe colours: the RdBu
    shades for the default colours, else the colour mixed with white (Likely 35%, Lean 65%)."""
    side, tint = rating[0], rating[1:] or "3"
    color = (colors or {}).get(side)
    if rating == "T" or color is None or (rating in RATING_FILLS and
                                          color == RATING_FILLS[side + "3"]):
        return RATING_FILLS.get(rating, color or RATING_FILLS["T"])
    k = RATING_TINTS[tint]
    r, g, b = (round(c + (255 - c) * k) for c in _rgb(color))
    return f"#{r:02x}{g:02x}{b:02x}"


# One colour per party across all years (a party's candidate keeps it whatever the year).
# Parties never on the same ballot may share a colour; within a year a clash goes to the next
# free Okabe-Ito colour.
PARTY_FILLS = {"Democratic": "#2166ac", "Republican": "#b2182b", "Whig": "#e69f00",
               "Federalist": "#009e73", "Democratic-Republican": "#cc79a7",
               "National Republican": "#e69f00", "Anti-Masonic": "#56b4e9",
               "Nullifier": "#f0e442", "Know Nothing": "#56b4e9",
               "Southern Democratic": "#56b4e9", "Northern Democratic": "#2166ac",
               "Constitutional Union": "#e69f00", "National Union": "#b2182b",
               "Liberal Republican and Democratic": "#2166ac", "Populist": "#009e73",
               "Democratic-Populist": "#2166ac", "Progressive": "#009e73",
               "Dixiecrat": "#e69f00", "American Independent": "#e69f00",
               "Independent": "#999933"}
OTHER_FILLS = ("#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#f0e442", "#999933", "#882255",
               "#44aa99")
NO_ELECTORS = "#f2f2f2"  # not a state yet, or appointed no electors
LIGHT_FILLS = {"#92c5de", "#bdbdbd", "#f4a582", "#e69f00", "#56b4e9", "#f0e442", "#cc79a7",
               "#44aa99", "#999933", NO_ELECTORS}


@dataclass(frozen=True, slots=True)
class UnitView:
    unit: str  # "PA", "NE-2"
    electors: int  # 0: no electors that year
    fill: str
    ink: str
    title: str  # hover text, e.g. "Pennsylvania: 19 electors, Safe D"
    key: str  # rating code (scenario) or winning candidate id (history); "" if none
    margin: float | None = None  # history: the leader's popular-vote lead over the runner-up,
    # points of the unit's votes (None where no popular vote is recorded)


@dataclass(frozen=True, slots=True)
class LegendItem:
    label: str
    fill: str
    electors: int
    key: str = ""  # candidate id (history) or rating code (scenario)


@dataclass(frozen=True, slots=True)
class MapView:
    title: str
    units: tuple[UnitView, ...]
    legend: tuple[LegendItem, ...]
    majority: int
    electors_appointed: int

    def unit(self, code: str) -> UnitView | None:
        return next((u for u in self.units if u.unit == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "majority": self.majority,
                "electors_appointed": self.electors_appointed,
                "units": [{"unit": u.unit, "electors": u.electors, "fill": u.fill, "ink": u.ink,
                           "title": u.title, "key": u.key, "margin": u.margin}
                          for u in self.units],
                "legend": [{"label": i.label, "fill": i.fill, "electors": i.electors,
                            "key": i.key} for i in self.legend]}


def ink_for(fill: str) -> str:
    return DARK_INK if fill in LIGHT_FILLS else LIGHT_INK


def candidate_fills(party_by_candidate: list[tuple[str, str | None]]) -> dict[str, str]:
    """Candidate id -> fill, candidates in order of electoral votes: the party's colour for
    the first candidate of a known party, then the next unused Okabe-Ito colour."""
    used: set[str] = set()
    out: dict[str, str] = {}
    spare = list(OTHER_FILLS)
    for cid, party in party_by_candidate:
        fill = PARTY_FILLS.get(party or "")
        if fill is None or fill in used:
            fill = next((f for f in spare if f not in used), "#777777")
        used.add(fill)
        out[cid] = fill
    return out


# History shaded by margin: a lead of MARGIN_STEPS[0] points or more in the full colour, then
# paler (the rating tints: Likely, Lean) for closer units.
MARGIN_STEPS = (15.0, 5.0)


def _lead(votes: tuple[Any, ...] | None) -> float | None:
    """The leader's lead over the runner-up, in points of all the unit's votes."""
    if not votes:
        return None
    counts: list[int] = [c.votes for c in votes]
    total = sum(counts)
    top = sorted(counts, reverse=True)
    if total <= 0:
        return None
    return 100.0 * (top[0] - (top[1] if len(top) > 1 else 0)) / total


def margin_fill(fill: str, margin: float | None) -> str:
    """`fill` shaded by the winner's margin: full at 15 points or more, Likely's tint from 5,
    Lean's under 5 (MARGIN_STEPS); unchanged where no margin is known."""
    if margin is None or fill == NO_ELECTORS:
        return fill
    tint = "3" if margin >= MARGIN_STEPS[0] else "2" if margin >= MARGIN_STEPS[1] else "1"
    k = RATING_TINTS[tint]
    r, g, b = (round(c + (255 - c) * k) for c in _rgb(fill))
    return f"#{r:02x}{g:02x}{b:02x}"


def shade_by_margin(view: MapView) -> MapView:
    """The view with each unit's fill shaded by its margin (margin_fill), and a note."""
    from dataclasses import replace

    units = tuple(replace(u, fill=(f := margin_fill(u.fill, u.margin)), ink=readable_ink(f))
                  for u in view.units)
    return replace(view, units=units, title=view.title + "; shaded by margin (15+, 5-15, "
                   "under 5 points)")


def result_view(res: ElectionResult) -> MapView:
    """An election's map: each state in the colour of the candidate who received most of its
    electoral votes for President, each Maine/Nebraska district in its popular winner's;
    split states say so in their title."""
    from electoral.law.regimes import VOTING, rule_for
    from electoral.states import STATES, state_name
    from electoral.units import voting_units

    two_votes = rule_for(VOTING, res.year).votes_per_elector == 2  # Art. II s. 1 cl. 3

    year = res.year
    fills = candidate_fills([(c.candidate, c.party) for c in res.president])
    names = {c.candidate: c.name for c in res.president}
    units: list[UnitView] = []
    by_state = {s.state: s for s in res.states}
    district_units = {u.code: u for u in voting_units(year) if u.district}
    for code in sorted(STATES):
        s = by_state.get(code)
        if s is None or not s.president:
            units.append(UnitView(code, s.electors if s else 0, NO_ELECTORS, DARK_INK,
                                  f"{state_name(code)}: no electoral votes in {year}", ""))
            continue
        # A state's colour is its leading candidate's; in a tie (two votes per elector before
        # the 12th Amendment: 1800's Jefferson and Burr, Adams and Pinckney), the one first
        # in the national order (the President-elect, then the most electoral votes).
        top = s.president[0]
        cast = sum(c.votes for c in s.president)
        split = ", ".join(f"{c.name} {c.votes}" for c in s.president)
        own = [d for d in district_units.values() if d.state == code]
        shown = s.electors - len(own)  # districts have their own boxes
        title = f"{state_name(code)}: {s.electors} electors, " + (
            f"{top.name}" if len(s.president) == 1 and cast == s.electors
            else f"electoral votes (two each): {split}" if two_votes else f"split: {split}")
        units.append(UnitView(code, shown, fills[top.candidate], ink_for(fills[top.candidate]),
                              title, top.candidate, _lead(s.popular_vote)))
        for d in s.districts:
            unit = f"{code}-{d.district}"
            if unit not in district_units or d.winner is None:
                continue
            fill = fills.get(d.winner, "#777777")
            units.append(UnitView(unit, 1, fill, ink_for(fill),
                                  f"{state_name(code)} district {d.district}: 1 elector, "
                                  f"{names.get(d.winner, d.winner)}", d.winner,
                                  _lead(d.popular_vote)))
    legend = tuple(LegendItem(c.name + (f" ({c.party})" if c.party else ""), fills[c.candidate],
                              c.votes, c.candidate) for c in res.president)
    return MapView(f"{year}: {res.electors_appointed} electors appointed, {res.majority} a "
                   "majority", tuple(units), legend, res.majority, res.electors_appointed)
