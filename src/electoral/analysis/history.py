"""One analysis measure over every election with popular votes in the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from electoral.errors import InputError

METRICS = ("bias", "tipping-point", "fewest-votes", "inversions")


@dataclass(frozen=True, slots=True)
class HistoryRow:
    year: int
    values: tuple[tuple[str, Any], ...]  # column -> value, in column order

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, **dict(self.values)}


@dataclass(frozen=True, slots=True)
class History:
    metric: str
    columns: tuple[str, ...]  # after "year"
    rows: tuple[HistoryRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "rows": [r.to_dict() for r in self.rows]}


def _years() -> list[int]:
    from electoral.record import catalog

    return [y for y in catalog.years() if catalog.popular_votes(y)]


def history(metric: str) -> History:
    """`metric` (bias | tipping-point | fewest-votes | inversions) for every election with
    popular votes (1824-2024); inversions lists only the inversions."""
    from electoral.record import catalog

    if metric not in METRICS:
        raise InputError(f"unknown metric {metric!r} (metrics: {', '.join(METRICS)})",
                         "metric")
    if metric == "inversions":
        from electoral.analysis.inversions import inversions

        cols = ("president_elect", "popular_winner", "decided_by", "popular_margin_votes",
                "popular_margin_points", "electoral_margin")
        return History(metric, cols, tuple(
            HistoryRow(i.year, tuple((k, i.to_dict()[k]) for k in cols)) for i in inversions()))
    from electoral.analysis.contest import contest
    from electoral.analysis.tipping import bias_label, bias_points, tipping_units

    rows = []
    for y in _years():
        c = contest(y)
        w, r = catalog.name(c.winner), catalog.name(c.runner_up)
        if metric == "fewest-votes":
            from electoral.analysis.fewest_votes import plan

            flip = plan(c, "flip", "switch")
            deny = plan(c, "deny_majority", "switch")
            vals: tuple[tuple[str, Any], ...] = (
                ("winner", w), ("runner_up", r),
                ("switch_to_deny_majority", deny.total if deny.achievable else None),
                ("deny_units", " ".join(u.unit for u in deny.units)),
                ("switch_to_flip", flip.total if flip.achievable else None),
                ("flip_units", " ".join(u.unit for u in flip.units)))
        else:
            tw, tl = tipping_units(c)
            b = bias_points(c)
            if metric == "bias":
                vals = (("winner", w), ("tipping_point", tw.unit if tw else None),
                        ("tipping_margin_points", round(tw.margin_points, 2) if tw else None),
                        ("national_margin_points", round(c.national_margin_points, 2)),
                        ("bias_points", None if b is None else round(b, 2)),
                        ("bias_label", bias_label(b, catalog.party(y, c.winner),
                                                  catalog.party(y, c.runner_up))))
            else:
                vals = (("winner", w), ("winner_tipping_point", tw.unit if tw else None),
                        ("margin_points", round(tw.margin_points, 2) if tw else None),
                        ("margin_votes", tw.margin_votes if tw else None),
                        ("runner_up", r), ("runner_up_tipping_point", tl.unit if tl else None),
                        ("runner_up_margin_points", round(tl.margin_points, 2) if tl else None))
        rows.append(HistoryRow(y, vals))
    return History(metric, tuple(k for k, _ in rows[0].values), tuple(rows))
