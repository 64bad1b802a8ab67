"""Election night (electoral.live): the packaged county results, partial returns files and
their errors, county rows in `tally`, the replay's final count against the record, one road
for replays and updates, calibration by replay, and the API."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import electoral
from electoral.errors import InputError, NoElectionError
from electoral.live import read_partial, replay, update
from electoral.live.areas import counties, geography
from electoral.live.calibrate import calibrate
from electoral.live.calls import recount_guard
from electoral.live.run import reporting_shares
from electoral.returns import record_returns
from tests.conftest import Run

CLI = Callable[..., Run]


# --- the packaged county results -----------------------------------------------------------

def test_county_results_sum_to_the_certified_returns_where_the_source_is_final() -> None:
    # Georgia 2020 as certified after its recount: Biden 2,473,633, Trump 2,461,854;
    # Pennsylvania 2024: Harris 3,423,042, Trump 3,543,308 (the record's figures).
    ga = [c for c in counties(2020).values() if c.state == "GA"]
    assert len(ga) == 159
    assert (sum(c.dem for c in ga), sum(c.rep for c in ga)) == (2_473_633, 2_461_854)
    pa = [c for c in counties(2024).values() if c.state == "PA"]
    assert len(pa) == 67
    assert (sum(c.dem for c in pa), sum(c.rep for c in pa)) == (3_423_042, 3_543_308)


def test_county_geography_is_normalised_across_years() -> None:
    for year in (2016, 2020, 2024):
        ak = [c for c in counties(year).values() if c.state == "AK"]
        assert [c.fips for c in ak] == ["02000"]  # Alaska reports no boroughs
        assert [c.fips for c in counties(year).values() if c.state == "DC"] == ["11001"]
    assert counties(2016)["46102"].name == "Oglala Lakota County"  # 46113 before 2015
    assert counties(2020)["02000"].rep == 189_892  # 40 house districts summed
    geo = geography(2024)  # Connecticut's planning regions pooled against its counties
    pool = [a for a in geo.areas if a.state == "CT"]
    assert len(pool) == 1 and len(pool[0].members) == 9
    assert pool[0].base_dem == sum(c.dem for c in counties(2020).values() if c.state == "CT")
    assert len(geography(2020).areas) == len(counties(2020))


# --- partial returns files ------------------------------------------------------------------

HEAD = "state,county,candidate,party,votes,counted_share\n"


@pytest.mark.parametrize(("text", "problem"), [
    (HEAD + "PA,42999,A,Democratic,5,0.5\n", ":2: unknown county FIPS code 42999 in PA"),
    (HEAD + "PA,10001,A,Democratic,5,0.5\n", ":2: county 10001 is not in PA"),
    (HEAD + "PA,42101,A,Democratic,-5,0.5\n", ":2: votes cannot be negative"),
    (HEAD + "PA,42101,A,Democratic,5,1.2\n", ":2: counted_share 1.2 is more than the county"),
    (HEAD + "PA,42101,A,Democratic,5,0.5\nPA,42101,A,Democratic,6,0.5\n",
     ":3: duplicate row for A in county 42101"),
    (HEAD + "PA,42101,A,Democratic,5,0.5\nPA,42101,B,Republican,6,0.6\n",
     ":3: county 42101: counted_share or expected_votes differs"),
    (HEAD + "PA,42101,A,Democratic,5,0\n", ":2: county 42101 has 5 votes but none"),
    ("state,county,dem,rep,expected_votes\nPA,42101,600,500,1000\n",
     ":2: county 42101 has 1,100 votes, more than its expected total of 1,000"),
    ("state,county,dem,rep,colour\nPA,42101,1,1,red\n", ":1: unknown column(s): colour"),
    ("state,dem\nPA,1\n", ":1: missing column(s): county"),
    (HEAD + 'PA,42101,"A,Democratic,5,0.5\n', ""),
    (HEAD + "ZZ,42101,A,Democratic,5,0.5\n", ":2: unknown state 'ZZ'"),
    (HEAD + "PA,4210,A,Democratic,5,0.5\n", ":2: county 04210 is not in PA"),
    (HEAD + "PA,42101,A,Democratic,five,0.5\n", ":2: votes must be a whole number"),
])
def test_bad_live_files_are_one_line_errors(tmp_path: Path, cli: CLI, text: str,
                                            problem: str) -> None:
    f = tmp_path / "live.csv"
    f.write_text(text)
    with pytest.raises(InputError) as e:
        read_partial(f, 2024)
    assert problem in str(e.value)
    r = cli("live", "update", str(f), "--year", "2024")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and r.err.startswith("electoral: error: ")
    assert "Traceback" not in r.err


def test_votes_that_go_down_between_updates_are_refused(tmp_path: Path, cli: CLI) -> None:
    first, second = tmp_path / "0100.csv", tmp_path / "0200.csv"
    first.write_text("state,county,dem,rep,counted_share\nPA,42101,1000,300,0.2\n"
                     "PA,42003,800,700,0.3\n")
    second.write_text("state,county,dem,rep,counted_share\nPA,42101,1500,400,0.3\n"
                      "PA,42003,790,900,0.4\n")
    with pytest.raises(InputError) as e:
        update([first, second], 2024)
    assert str(e.value) == (f"{second}:3: county 42003: Democratic votes went down from 800 "
                            f"({first}) to 790")
    r = cli("live", "update", str(first), str(second), "--year", "2024")
    assert r.code == 2 and "went down from 800" in r.err
    ok = tmp_path / "0300.csv"
    ok.write_text("state,county,dem,rep,counted_share\nPA,42101,1500,400,0.3\n"
                  "PA,42003,900,900,0.4\n")
    assert update([first, ok], 2024).reported["partial"] == 2


def test_long_rows_take_the_nominees_by_party_or_surname(tmp_path: Path) -> None:
    f = tmp_path / "live.json"
    f.write_text(json.dumps({"rows": [
        {"state": "DE", "county": "10001", "candidate": "Kamala Harris", "votes": 100},
        {"state": "DE", "county": "10001", "candidate": "TRUMP, DONALD J.", "votes": 90},
        {"state": "DE", "county": "10001", "candidate": "Jill Stein", "party": "Green",
         "votes": 5},
        {"state": "DE", "county": "10003", "candidate": "X", "party": "REP", "votes": 7}]}))
    got = read_partial(f, 2024).counties
    assert (got["10001"].dem, got["10001"].rep, got["10001"].total) == (100, 90, 195)
    assert (got["10003"].dem, got["10003"].rep, got["10003"].share) == (0, 7, 1.0)


# --- tally takes county rows ----------------------------------------------------------------

def test_tally_sums_county_rows_to_the_pledged_2020_result(tmp_path: Path) -> None:
    f = tmp_path / "counties-2020.csv"
    with f.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["state", "district", "county", "candidate", "party", "votes"])
        for c in counties(2020).values():
            if c.state in ("ME", "NE"):
                continue
            w.writerow([c.state, "", c.fips, "Joseph R. Biden Jr.", "Democratic", c.dem])
            w.writerow([c.state, "", c.fips, "Donald J. Trump", "Republican", c.rep])
        rec = record_returns(2020, top=2)
        for r in rec.rows:  # Maine's and Nebraska's districts from the record's returns
            if r.state in ("ME", "NE"):
                w.writerow([r.state, r.district or "", "", rec.names[r.candidate], r.party,
                            r.votes])
    doc = electoral.tally(f, 2020).to_dict()
    assert {c["name"]: c["electoral_votes"] for c in doc["president"]} == {
        "Joseph R. Biden Jr.": 306, "Donald J. Trump": 232}
    ga = next(s for s in doc["states"] if s["state"] == "GA")
    assert {r["name"]: r["votes"] for r in ga["popular_vote"]} == {
        "Joseph R. Biden Jr.": 2_473_633, "Donald J. Trump": 2_461_854}


# --- replays --------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "dem", "rep"), [(2020, 306, 232), (2024, 226, 312)])
def test_the_final_count_gives_the_pledged_result(year: int, dem: int, rep: int) -> None:
    r = replay(year, at=1, seed=3)
    assert r.electoral_votes["called"] == {"D": dem, "R": rep}
    assert r.electoral_votes["median"] == {"D": dem, "R": rep}
    assert r.electoral_votes["distribution"]["D"][dem] == pytest.approx(1.0)
    assert r.win_probability["D" if dem > rep else "R"] == pytest.approx(1.0)
    assert all(s.counted_share == pytest.approx(1.0) and s.low == s.high == s.margin
               for s in r.states)
    # ME-2 (and in 2020 NE-2) from the record's district returns
    assert r.districts["ME-2"] == "R"
    assert r.districts["NE-2"] == "D"


def test_reporting_scheme_counts_each_state_to_the_fraction() -> None:
    geo = geography(2020)
    for order in ("random", "small-first"):
        share = reporting_shares(geo, 0.5, order, 7)
        final = {a.code: sum(counties(2020)[f].total for f in a.members) for a in geo.areas}
        for st in ("PA", "TX", "DE"):
            areas = [a for a in geo.areas if a.state == st]
            got = sum(final[a.code] * s for a, s in zip(geo.areas, share, strict=True)
                      if a.state == st)
            assert got == pytest.approx(0.5 * sum(final[a.code] for a in areas))
            assert sum(0 < s < 1 for a, s in zip(geo.areas, share, strict=True)
                       if a.state == st) <= 1
    small = reporting_shares(geo, 0.5, "small-first", 0)
    pa = {a.code: s for a, s in zip(geo.areas, small, strict=True) if a.state == "PA"}
    assert pa["42101"] == 0 and pa["42105"] == 1  # Philadelphia last, Potter in early


def test_update_on_a_file_is_the_replay_on_the_same_counts(tmp_path: Path) -> None:
    """One road: the replay's counts written as a live file give the same estimates."""
    geo = geography(2024)
    share = reporting_shares(geo, 0.5, "random", 11)
    f = tmp_path / "live-2024.csv"
    with f.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["state", "county", "dem", "rep", "other", "counted_share"])
        for a, s in zip(geo.areas, share, strict=True):
            for fips in a.members if s > 0 else ():  # a pool's members at its share
                c = counties(2024)[fips]
                d, r = (c.dem, c.rep) if s >= 1 else (int(s * c.dem), int(s * c.rep))
                t = c.total if s >= 1 else max(int(s * c.total), d + r)
                w.writerow([c.state, c.fips, d, r, t - d - r, repr(s)])
    live = update(f, 2024, seed=11)
    rep = replay(2024, at=0.5, seed=11)
    for st in ("PA", "GA", "TX", "WI"):
        assert live.state(st).margin == pytest.approx(rep.state(st).margin, abs=1e-6)
        assert live.state(st).p_dem == pytest.approx(rep.state(st).p_dem, abs=1e-3)


def test_replay_document_shape_and_errors() -> None:
    doc = replay(2020, at=0.5, seed=7).to_dict()
    assert {"year", "baseline", "reported", "states", "win_probability",
            "electoral_votes"} <= set(doc)
    assert doc["year"] == 2020 and doc["baseline"] == 2016
    assert len(doc["states"]) == 51
    assert {"state", "counted_share", "margin", "low", "high", "p_dem",
            "called"} <= set(doc["states"][0])
    assert doc["win_probability"]["D"] + doc["win_probability"]["R"] <= 1.0 + 1e-9
    assert sum(doc["electoral_votes"]["distribution"]["D"]) == pytest.approx(1.0)
    json.dumps(doc, allow_nan=False)
    with pytest.raises(InputError, match="at must be a fraction"):
        replay(2020, at=1.5)
    with pytest.raises(InputError, match="unknown order"):
        replay(2020, order="alphabetical")
    with pytest.raises(InputError, match="no county results before 2016"):
        replay(2016)
    with pytest.raises(NoElectionError):
        replay(2021)


def test_calls_never_wrong_and_intervals_calibrated_on_seeded_replays() -> None:
    """A small version of benchmarks/live_calibration.py (100 seeds there): 6 random orders
    per year at 25/50/75/90% counted."""
    cases = covered = 0
    for year in (2020, 2024):
        for row in calibrate(year, range(6)):
            assert row.wrong_calls == 0, row
            assert 0.8 <= row.coverage <= 0.98, row
            assert row.called > 0.6 * row.cases
            cases += row.cases
            covered += row.covered
    assert 0.85 <= covered / cases <= 0.95


def test_no_call_inside_an_automatic_recount_margin() -> None:
    """The guard is the state's automatic-recount law (law/certification.py) in points of the
    projected ballots: Pennsylvania 0.5% (25 P.S. 3154(g)), Michigan 2,000 votes, Arizona
    200 votes in 2020 and 0.5% of the two leaders' votes from 2022; none in Georgia."""
    from dataclasses import replace

    from electoral.live.calls import call
    from electoral.live.model import StateEstimate

    assert recount_guard(2024, "PA", 7_000_000, 1.7) == pytest.approx(0.5, abs=1e-6)
    assert recount_guard(2020, "MI", 5_500_000, 2.8) == pytest.approx(100 * 2000 / 5_500_000)
    assert recount_guard(2020, "AZ", 3_400_000, 0.3) == pytest.approx(100 * 200 / 3_400_000)
    assert recount_guard(2024, "AZ", 3_400_000, 5.5) == pytest.approx(0.5, abs=1e-4)
    assert recount_guard(2020, "GA", 5_000_000, 0.2) is None  # requestable only
    assert recount_guard(2016, "PA", 6_000_000, 0.7) is None  # no law packaged for 2016
    done = StateEstimate("PA", 1.0, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.0, 1.0, 7_000_000.0,
                         67, 67, 67, True)
    assert call(done, 2024) is None  # counted in full, 0.3 point: the recount decides
    assert call(replace(done, margin=0.6, low99=0.6, high99=0.6), 2024) == "D"
    sure = replace(done, counted_share=0.9, margin=0.8, low99=0.4, high99=1.2, certain=False)
    assert call(sure, 2024) is None  # the 99% interval reaches into the 0.5-point margin
    assert call(replace(sure, state="GA"), 2024) == "D"  # Georgia has no automatic recount


# --- command line and API -------------------------------------------------------------------

def test_cli_replay_json_and_csv(cli: CLI) -> None:
    r = cli("live", "replay", "2024", "--at", "1", "--format", "json")
    assert r.code == 0, r.err
    doc: dict[str, Any] = json.loads(r.out)
    assert doc["electoral_votes"]["called"] == {"D": 226, "R": 312}
    r = cli("live", "replay", "2020", "--at", "0.25", "--seed", "7", "--order", "small-first",
            "--format", "csv")
    assert r.code == 0
    rows = list(csv.DictReader(r.out.splitlines()))
    assert len(rows) == 51 and rows[0]["state"] == "AK"
    r = cli("live", "replay", "2020", "--seed", "-1")
    assert r.code == 2 and "seed" in r.err


def test_api_replay(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from electoral.web.app import create_app

    with TestClient(create_app(tmp_path / "s.duckdb")) as c:
        a = c.post("/api/live/replay", json={"year": 2020, "at": 1, "seed": 1})
        assert a.status_code == 200
        assert a.json()["electoral_votes"]["called"] == {"D": 306, "R": 232}
        b = c.get("/api/live/replay/2020", params={"at": 1, "seed": 1})
        assert b.json() == a.json()
        assert c.get("/api/live/replay/2021").status_code == 404
        assert c.get("/api/live/replay/2016").status_code == 400
        assert c.post("/api/live/replay", json={"year": 2020, "at": 2}).status_code == 422
        assert c.post("/api/live/replay", json={"year": 2020, "order": "x"}).status_code == 422


def test_georgia_2020_is_not_called_on_a_quarter_counted_against_its_result() -> None:
    """The case that set the call threshold at 99.9%: seed 85 at 25% counted puts Georgia at
    R+3.0 with P(Trump) 0.995, and Biden won it by 11,779 votes (0.24 point)."""
    from electoral.live.calls import call
    from electoral.live.model import estimate
    from electoral.live.run import replay_count

    geo, counted, truth = replay_count(2020, 0.25, 85, "random")
    ga = next(e for e in estimate(geo, counted, 85)[0] if e.state == "GA")
    assert truth["GA"] == pytest.approx(100 * 11_779 / 4_935_487)  # 2,473,633 - 2,461,854
    assert ga.margin < 0 and 0.99 < 1 - ga.p_dem < 0.999
    assert call(ga, 2020) is None
