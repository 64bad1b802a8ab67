"""The count in the joint session, under the procedure each count followed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from electoral import count_session
from tests.conftest import Run

CLI = Callable[..., Run]


def test_1876_count_under_the_electoral_commission() -> None:
    s = count_session(1876)
    assert s.regime == "Electoral Commission Act of 1877" and "19 Stat. 227" in s.citation
    commission = {o.state: o for o in s.objections if o.procedure == "electoral_commission_act"
                  and o.commission_vote}
    assert {"FL", "LA", "OR", "SC"} <= set(commission)
    assert all(o.commission_vote.startswith("8-7") for o in commission.values())
    assert all(o.source for o in s.objections)
    assert s.result.president_elect == "rutherford-b-hayes"
    assert (s.result.electors_appointed, s.result.majority) == (369, 185)
    assert s.date.isoformat() == "1877-02-01"


def test_1872_count_rejected_votes_under_the_joint_rule() -> None:
    s = count_session(1872)
    assert s.regime == "Twenty-second Joint Rule"
    by_state = {o.state: o.outcome for o in s.objections}
    assert by_state["GA"] == "rejected" and by_state["AR"] == "rejected"
    assert by_state["LA"] == "rejected" and by_state["MS"] == "counted"
    counted = {c.state: c.counted for c in s.certificates}
    assert (counted["GA"], counted["AR"], counted["LA"], counted["PA"]) == ("part", "no", "no",
                                                                           "yes")


def test_1868_count_objections() -> None:
    s = count_session(1868)
    objections = {o.state: o for o in s.objections}
    assert objections["LA"].senate_vote == (51, 7) and objections["LA"].house_vote == (137, 63)
    assert objections["GA"].outcome == "counted_in_alternative"
    assert all(o.source for o in objections.values())


def test_counts_before_1804_cite_article_two() -> None:
    assert count_session(1800).citation.startswith("U.S. Const. art. II, s. 1, cl. 3")
    assert count_session(1824).citation.startswith("U.S. Const. amend. XII")


@pytest.mark.parametrize("year", [1868, 1872, 1876])
def test_cli_count_shows_the_objections_with_sources(cli: CLI, year: int) -> None:
    r = cli("count", str(year), "--format", "json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["objections"] and all(o["source"] for o in doc["objections"])
    table = cli("count", str(year)).out
    assert "Objection to" in table and "Procedure:" in table
