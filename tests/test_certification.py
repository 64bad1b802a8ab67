"""State canvass, certification and recount law (2020, 2024): the table, the thresholds against
the record's margins, and the state timelines."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral import (
    InputError,
    NoElectionError,
    recount_status,
    recount_status_for_votes,
    state_law,
    state_timeline,
    timeline,
)
from electoral.analysis import analyze
from electoral.analysis.recounts import FOR_THE_OFFICE, in_recount_range, recount_statuses
from electoral.law.certification import law_cycles, state_laws
from electoral.law.recount import parse_rule
from electoral.package_data import table
from electoral.record import catalog
from electoral.states import STATES


def statewide(year: int, state: str) -> tuple[int, int, int, int]:
    """(margin, total for the office, top two, winner) from the packaged record."""
    per = catalog.popular_votes(year)[(state, 0)]
    write_ins = sum(n for k, n in catalog.other_ballots(year).get((state, 0), {}).items()
                    if k in FOR_THE_OFFICE)
    first, second = sorted(per.values(), reverse=True)[:2]
    return first - second, sum(per.values()) + write_ins, first + second, first


@pytest.mark.parametrize("year", [2020, 2024])
def test_every_jurisdiction_has_a_cited_row(year: int) -> None:
    rows = [r for r in table("certification_law") if int(r["cycle"]) == year]
    assert sorted(r["state"] for r in rows) == sorted(STATES)  # the 50 states and DC
    assert len(rows) == 51
    for r in rows:
        assert r["citation"].strip() and r["recount_citation"].strip(), r["state"]
        assert r["source"].startswith("http"), r["state"]
    assert [law.state for law in state_laws(year)] == sorted(STATES)


def test_the_cycles_recorded() -> None:
    assert law_cycles() == (2020, 2024)


@pytest.mark.parametrize("year", [2020, 2024])
def test_deadlines_fall_between_election_day_and_the_electors_meeting(year: int) -> None:
    tl = timeline(year)
    first, last = tl.date_of("election_day"), tl.date_of("electors_meet")
    for law in state_laws(year):
        for step in (law.county_canvass, law.state_certification, *law.recount_steps):
            assert step.date is None or first < step.date <= last, (law.state, step)
            assert step.date is None or step.rule, (law.state, step.event)


def test_every_threshold_in_the_table_reads() -> None:
    for r in table("certification_law"):
        for col in ("automatic_recount", "requested_recount", "free_recount"):
            if r[col]:
                parse_rule(r[col])
            elif col != "free_recount":  # an unconfirmed threshold says why
                assert r["note"], (r["cycle"], r["state"], col)


def test_georgia_2020_inside_its_requested_recount_margin() -> None:
    margin, total, _top_two, _winner = statewide(2020, "GA")
    assert (margin, total) == (11779, 4999960)
    assert round(Fraction(margin * 100, total), 2) == Fraction(24, 100)  # 0.24 point
    s = recount_status(2020, "GA", margin, total_votes=total)
    assert s.status == "requestable" and s.automatic is False and s.requestable is True
    assert s.law.requested is not None and s.law.requested.source == "<= 0.5% total"
    assert "21-2-495" in s.law.recount_citation
    assert s.limits()["requested"] == total // 200  # 0.5% of the total, whole votes


def test_wisconsin_2020_inside_its_one_percent_margin_at_the_requesters_cost() -> None:
    margin, total, _top_two, _winner = statewide(2020, "WI")
    assert margin == 20682
    assert round(Fraction(margin * 100, total), 2) == Fraction(63, 100)  # 0.63 point
    s = recount_status_for_votes(2020, "WI", catalog.popular_votes(2020)[("WI", 0)],
                                 total - sum(catalog.popular_votes(2020)[("WI", 0)].values()))
    assert s.status == "requestable" and s.automatic is False
    assert s.free is False  # above 0.25%: the petitioner prepays the cost
    assert "9.01" in s.law.recount_citation


def test_arizona_2020_by_the_law_of_2020_not_2022() -> None:
    margin, _total, top_two, _winner = statewide(2020, "AZ")
    assert margin == 10457
    assert Fraction(margin * 100, top_two) < Fraction(1, 2)  # inside 2022's 0.5% ...
    s2020 = recount_status(2020, "AZ", margin, top_two_votes=top_two)
    assert s2020.status == "outside"  # ... but the 2020 law: lesser of 0.1% and 200 votes
    assert s2020.limits()["automatic"] == 200
    s2024 = recount_status(2024, "AZ", margin, top_two_votes=top_two)
    assert s2024.status == "automatic"


def test_analyze_2020_flags_georgia_and_wisconsin_as_requestable() -> None:
    a = analyze(2020)
    assert a.recounts is not None
    flagged = {r.state: r.status for r in a.recounts}
    assert flagged["GA"] == "requestable" and flagged["WI"] == "requestable"
    assert "AZ" not in flagged and "PA" not in flagged
    assert "automatic" not in flagged.values()  # no 2020 margin was inside one
    doc = a.to_dict()["recounts"]
    ga = next(r for r in doc if r["state"] == "GA")
    assert ga["margin_votes"] == 11779 and ga["basis"] == "total"
    assert round(ga["margin_pct"], 2) == 0.24 and "21-2-495" in ga["citation"]
    assert a.recount_unconfirmed == ("KY", "MD")


def test_analyze_2024_and_years_without_recorded_law() -> None:
    flagged = {r.state: r.status for r in in_recount_range(2024)}
    margin, total, *_ = statewide(2024, "WI")
    assert Fraction(margin * 100, total) <= 1 and flagged["WI"] == "requestable"
    assert analyze(2016).recounts is None
    assert analyze(2016).to_dict()["recounts"] is None


def test_the_margin_is_measured_on_the_basis_the_law_uses() -> None:
    # Colorado measures on the winner's votes, Virginia on the two leading candidates'.
    assert state_law(2020, "CO").automatic.bases() == {"winner"}  # type: ignore[union-attr]
    assert state_law(2020, "VA").requested.bases() == {"top_two"}  # type: ignore[union-attr]
    with pytest.raises(InputError) as e:
        recount_status(2020, "CO", 100, total_votes=1_000_000)
    assert e.value.place == "winner_votes"


def test_hawaii_changed_greater_to_lesser() -> None:
    # 150 votes of 100,000: inside "100 votes or 0.25%, whichever is greater" (250) in 2020,
    # outside "whichever is lesser" (100) in 2024 (L 2024, c 1).
    assert recount_status(2020, "HI", 150, total_votes=100_000).status == "automatic"
    assert recount_status(2024, "HI", 150, total_votes=100_000).status == "outside"


def test_strict_and_inclusive_bounds_are_exact() -> None:
    # Pennsylvania: "one-half of a percent or less"; Washington: "less than".
    assert recount_status(2024, "PA", 5000, total_votes=1_000_000).automatic is True
    assert recount_status(2024, "PA", 5001, total_votes=1_000_000).automatic is False
    assert recount_status(2024, "WA", 1999, top_two_votes=400_000).automatic is True
    assert recount_status(2024, "WA", 2000, top_two_votes=400_001).automatic is False
    assert recount_status(2024, "WA", 1999, top_two_votes=399_800).automatic is False


@given(st.integers(0, 10**6), st.integers(1, 10**7))
def test_inside_a_rule_is_at_most_its_limit(margin: int, total: int) -> None:
    bases = {"total": total, "top_two": total, "winner": total}
    for text in ("<= 0.5% total", "< 0.25% total", "(< 0.5% total & <= 2000 votes) | < 20 votes",
                 "<= 100 votes | <= 0.25% total", "< 2000 votes & < 0.5% top_two",
                 "<= 1% winner", "tie"):
        rule = parse_rule(text)
        limit = rule.limit(bases)
        assert limit is not None and rule.inside(margin, bases) == (margin <= limit)


def test_rule_language_errors() -> None:
    for bad in ("<= 0.5% ballots", "0.5% total", "<= 0.5% total &", "(<= 1 votes"):
        with pytest.raises(ValueError):
            parse_rule(bad)
    assert parse_rule("any").inside(10**9, {}) and not parse_rule("none").inside(0, {})


def test_pennsylvania_2024_timeline() -> None:
    tl = state_timeline(2024, "PA")
    events = [e.event for e in tl.entries]
    by = {e.event: e for e in tl.entries}
    election = by["election_day"].date
    assert by["county_canvass"].date == dt.date(2024, 11, 25)
    assert election is not None and by["county_canvass"].date - election == dt.timedelta(20)
    assert "2642(k)" in by["county_canvass"].authority
    cert = by["state_certification"]
    assert cert.date is None and "3159" in cert.authority and cert.by == "PA"
    assert events.index("state_certification") > events.index("county_canvass")
    assert by["recount_ordered"].date == dt.date(2024, 11, 14)
    assert by["recount_completed"].date == dt.date(2024, 11, 26)
    dated = [e.date for e in tl.entries if e.date is not None]
    assert dated == sorted(dated)
    federal = [e.event for e in tl.entries if e.by == "federal"]
    assert federal == [e.event for e in timeline(2024).events]


def test_georgia_timelines_follow_the_law_of_each_cycle() -> None:
    ga2020 = {e.event: e.date for e in state_timeline(2020, "GA").entries}
    ga2024 = {e.event: e.date for e in state_timeline(2024, "GA").entries}
    assert ga2020["county_canvass"] == dt.date(2020, 11, 13)  # tenth day (before SB 202)
    assert ga2024["county_canvass"] == dt.date(2024, 11, 12)  # Monday after (11th a holiday)
    assert ga2020["state_certification"] == dt.date(2020, 11, 20)  # 17th day
    assert ga2024["state_certification"] == dt.date(2024, 11, 22)


@pytest.mark.parametrize(("year", "state", "error"), [
    (2022, "PA", NoElectionError), (2016, "PA", InputError), (2024, "XX", InputError)])
def test_bad_input(year: int, state: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        state_law(year, state)
    with pytest.raises(error):
        state_timeline(year, state)


def test_bad_votes() -> None:
    with pytest.raises(InputError):
        recount_status(2020, "GA", -1, total_votes=10)
    with pytest.raises(InputError):
        recount_status(2020, "GA", 11, total_votes=100, top_two_votes=10)
    with pytest.raises(InputError):
        recount_status_for_votes(2020, "GA", {"a": 5})


def test_statuses_cover_every_state_with_a_statewide_vote() -> None:
    assert {s.state for s in recount_statuses(2024)} == set(STATES)


def test_pennsylvania_2024_timeline_has_the_canvass_and_the_certification() -> None:
    """`timeline 2024 --state PA`: the county canvass on the third Monday (25 P.S. 2642(k)),
    then the day the Secretary certified (4 December, from the Department of State) and the
    Governor's certificate (10 December), before the federal deadline of 11 December."""
    from electoral.law.certification import state_timeline

    entries = {e.event: e for e in state_timeline(2024, "PA").entries}
    assert entries["county_canvass"].date == dt.date(2024, 11, 25)
    assert "2642(k)" in entries["county_canvass"].authority
    assert entries["state_certified"].date == dt.date(2024, 12, 4)
    assert "pa.gov" in entries["state_certified"].authority
    assert entries["certificate_of_ascertainment"].date == dt.date(2024, 12, 10)
    order = [e.event for e in state_timeline(2024, "PA").entries]
    assert order.index("certificate_of_ascertainment") < order.index("safe_harbor")
    assert "state_certified" not in {e.event for e in state_timeline(2024, "GA").entries}
