"""Which states' margins fell inside a recount threshold, under the law of the election's year.

The margin is between the two leading candidates of the state's statewide vote in the record
(Maine's and Nebraska's districts are separate contests and not included), in whole votes,
measured on the basis the state's law uses (electoral.law.certification): the total votes cast
for the office (the candidates' votes and write-ins; blank, over-, under- and void ballots are
not votes for the office), the two leading candidates' votes, or the winner's.
"""

from __future__ import annotations

from electoral.law.certification import RecountStatus, recount_status_for_votes

# Ballots for the office that are no listed candidate's: write-ins and the like, which count in
# the total cast for the office.
FOR_THE_OFFICE = frozenset({"scattering", "other", "none_of_these_candidates"})


def recount_statuses(year: int) -> tuple[RecountStatus, ...]:
    """Every state's statewide margin in the record of `year`, against its recount law."""
    from electoral.record import catalog

    votes = catalog.require_popular_votes(year)
    others = catalog.other_ballots(year)
    out = []
    for (state, district), per in sorted(votes.items()):
        if district != 0 or len(per) < 2:
            continue
        write_ins = sum(n for k, n in others.get((state, 0), {}).items() if k in FOR_THE_OFFICE)
        out.append(recount_status_for_votes(year, state, per, write_ins))
    return tuple(out)


def in_recount_range(year: int) -> tuple[RecountStatus, ...]:
    """The states whose margin fell inside an automatic or a requested-recount threshold."""
    return tuple(s for s in recount_statuses(year) if s.status in ("automatic", "requestable"))


def flag_basis(status: RecountStatus) -> str:
    """The basis of the threshold that flags the state (the total where it counts votes)."""
    law = status.law
    rule = (law.automatic if status.automatic else
            law.requested if status.requestable else law.free)
    bases = rule.bases() if rule is not None else frozenset()
    return next((b for b in ("total", "top_two", "winner") if b in bases), "total")


def flag_dict(status: RecountStatus) -> dict[str, object]:
    """A flagged state for analysis documents: the threshold it falls inside, with its law."""
    law = status.law
    basis = flag_basis(status)
    rule = (law.automatic if status.automatic else
            law.requested if status.requestable else law.free)
    return {
        "state": status.state, "status": status.status, "margin_votes": status.margin_votes,
        "basis": basis, "basis_votes": status.bases[basis],
        "margin_pct": status.margin_share()[basis],
        "rule": rule.source if rule else None, "rule_text": rule.text() if rule else None,
        "free": status.free,
        "free_rule": law.free.text() if law.free else None,
        "limit_votes": rule.limit(status.bases) if rule else None,
        "citation": law.recount_citation, "source": law.source,
    }
