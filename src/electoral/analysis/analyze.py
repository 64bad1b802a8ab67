"""One election analysed: tipping points, bias, uniform swing, the fewest votes that change the
outcome, and whether it was an inversion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from electoral.analysis.contest import Contest, contest
from electoral.analysis.fewest_votes import FewestVotes, fewest_votes_in
from electoral.analysis.recounts import flag_dict, recount_statuses
from electoral.analysis.tipping import (
    SwingPoint,
    TippingUnit,
    bias_label,
    bias_points,
    swing_curve,
    swing_to,
    tipping_units,
)
from electoral.law.certification import RecountStatus, has_state_law


@dataclass(frozen=True, slots=True)
class Analysis:
    """The `year` election between its two nationally leading candidates. Points are
    two-party percentage points; votes are integers."""

    year: int
    winner: str  # candidate id: the one of the two the returns give more electors
    runner_up: str
    winner_party: str | None
    runner_up_party: str | None
    electors_appointed: int
    majority: int
    electoral_votes: Mapping[str, int]  # "winner" | "runner_up" | "other" -> pledged electors
    tipping_winner: TippingUnit | None
    tipping_loser: TippingUnit | None
    national_margin_points: float  # the winner's two-party margin
    national_margin_votes: int
    bias_points: float | None  # positive: the Electoral College favoured the winner
    bias_label: str | None  # "R+3.9"
    swing_to_tie: float | None  # swing toward the runner-up that denies the winner a majority
    swing_to_flip: float | None  # ... that gives the runner-up a majority
    swing_curve: tuple[SwingPoint, ...]
    fewest: FewestVotes
    inversion: bool  # the President-elect lost the national popular vote
    caveats: tuple[str, ...] = ()  # where reading the election as two candidates strains
    not_applicable: str | None = None  # why some measures are left out (they are None)
    # States whose margin fell inside an automatic or requested-recount threshold under the
    # law of the year (None: no state recount law is recorded for the year), and the states
    # whose thresholds are not confirmed.
    recounts: tuple[RecountStatus, ...] | None = None
    recount_unconfirmed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        from electoral.record import catalog

        def tp(t: TippingUnit | None) -> dict[str, Any] | None:
            return None if t is None else t.to_dict()

        def pts(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {
            "year": self.year,
            "winner": catalog.name(self.winner), "winner_party": self.winner_party,
            "runner_up": catalog.name(self.runner_up), "runner_up_party": self.runner_up_party,
            "electors_appointed": self.electors_appointed, "majority": self.majority,
            "electoral_votes": dict(self.electoral_votes),
            "tipping_point": {"winner": tp(self.tipping_winner),
                              "loser": tp(self.tipping_loser)},
            "bias_points": pts(self.bias_points), "bias_label": self.bias_label,
            "national_margin_points": pts(self.national_margin_points),
            "national_margin_votes": self.national_margin_votes,
            "swing_to_tie": pts(self.swing_to_tie), "swing_to_flip": pts(self.swing_to_flip),
            "swing_curve": [p.to_dict() for p in self.swing_curve],
            "fewest_votes": self.fewest.to_dict(),
            "inversion": self.inversion,
            "caveats": list(self.caveats),
            "not_applicable": self.not_applicable,
            "recounts": None if self.recounts is None else [flag_dict(r) for r in self.recounts],
            "recount_law_unconfirmed": list(self.recount_unconfirmed),
        }


def analyze_contest(c: Contest, inversion: bool = False) -> Analysis:
    """The analysis of a contest (the record's, or one built from your returns)."""
    from types import MappingProxyType

    from electoral.record import catalog

    tw, tl = tipping_units(c)
    bias = bias_points(c)
    wp, rp = catalog.party(c.year, c.winner), catalog.party(c.year, c.runner_up)
    curve = swing_curve(c)
    tie, flip = swing_to(c, curve)
    return Analysis(
        c.year, c.winner, c.runner_up, wp, rp, c.electors_appointed, c.majority,
        MappingProxyType(c.electoral_votes()), tw, tl, c.national_margin_points,
        c.national_winner_votes - c.national_runner_up_votes, bias, bias_label(bias, wp, rp),
        tie, flip, curve, fewest_votes_in(c), inversion)


def analyze(year: int) -> Analysis:
    """Tipping point, Electoral College bias, uniform swing and the fewest votes that change
    the outcome of the record's `year` election (popular votes from 1824)."""
    from dataclasses import replace

    from electoral.analysis.inversions import inversion_in

    a = analyze_contest(contest(year), inversion_in(year) is not None)
    a = replace(a, caveats=caveats(year, a))
    if has_state_law(year):  # margins against the recount law of the year
        statuses = recount_statuses(year)
        a = replace(a, recounts=tuple(s for s in statuses
                                      if s.status in ("automatic", "requestable")),
                    recount_unconfirmed=tuple(s.state for s in statuses
                                              if s.status == "unknown"))
    why = does_not_apply(year, a)
    if why:  # say why instead of computing what has no meaning
        a = replace(a, tipping_winner=None, tipping_loser=None, bias_points=None,
                    bias_label=None, swing_to_tie=None, swing_to_flip=None, swing_curve=(),
                    not_applicable=why)
    elif a.winner_party is not None and a.winner_party == a.runner_up_party:
        a = replace(a, bias_points=None, bias_label=None,
                    not_applicable=f"both candidates ran as {a.winner_party}: a bias toward "
                                   "one party has no meaning")
    return a


# Two-candidate measures (tipping points, bias, swings) read an election as one of two
# candidates winning a majority: below this share of the electors held by the two, the
# reading is a fiction (1836: Van Buren and Harrison 83%; 1860: Lincoln and Breckinridge 83%).
TWO_CANDIDATE_SHARE = 0.9


def does_not_apply(year: int, a: Analysis) -> str | None:
    """Why the two-candidate measures do not apply to `year`, or None when they do."""
    from electoral.record import catalog

    rec = catalog.recorded_outcome(year)
    if rec.decided_by != "electoral_college":
        return (f"no candidate had a majority of the electors and the {rec.decided_by} chose "
                f"{catalog.name(rec.president_elect)} (amend. XII): tipping points, bias and "
                "swings assume a majority won at the polls")
    two = a.electoral_votes.get("winner", 0) + a.electoral_votes.get("runner_up", 0)
    if two < TWO_CANDIDATE_SHARE * a.electors_appointed:
        return (f"{a.electors_appointed - two} of {a.electors_appointed} electors went to "
                "other candidates: a reading of the election as two candidates (tipping "
                "points, bias, swings) does not apply")
    return None


def caveats(year: int, a: Analysis) -> tuple[str, ...]:
    """What a reader should know before trusting a two-candidate reading of `year`."""
    from electoral.record import catalog

    out = []
    rec = catalog.recorded_outcome(year)
    if rec.decided_by != "electoral_college":
        out.append(f"no candidate had a majority of the electors; the {rec.decided_by} chose "
                   f"{catalog.name(rec.president_elect)}: measures here compare only "
                   f"{catalog.name(a.winner)} and {catalog.name(a.runner_up)}")
    chosen = [r.state for r in catalog.electors(year) if r.method == "legislature"]
    if chosen:
        out.append(f"{len(chosen)} state(s) chose electors without a popular vote "
                   f"({', '.join(chosen)}): their electors are fixed as recorded")
    others = a.electoral_votes.get("other", 0)
    if others:
        out.append(f"{others} electors pledged to other candidates stay with them")
    return tuple(out)


def tipping_point(year: int) -> tuple[TippingUnit | None, TippingUnit | None]:
    """(the winner's tipping-point unit, the runner-up's) in the record's `year` election."""
    return tipping_units(contest(year))
