"""`tally`: the pipeline on a user's returns, under the law of the year, whatever the input."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from electoral import InputError, Office, tally
from electoral.record import catalog
from tests.conftest import ROOT, Run

CLI = Callable[..., Run]
EXAMPLES = ROOT / "docs" / "examples"
MATES = {"Joseph R. Biden Jr.": "Kamala D. Harris", "Donald J. Trump": "Mike Pence"}
MEDSL = {"Joseph R. Biden Jr.": "BIDEN, JOSEPH R. JR", "Donald J. Trump": "TRUMP, DONALD J."}
SHORT = {"Joseph R. Biden Jr.": "Joe Biden", "Donald J. Trump": "Donald Trump"}


def rows_2020() -> list[dict[str, str]]:
    with (EXAMPLES / "returns-2020.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def ev(res: object, office: Office = Office.PRESIDENT) -> dict[str, int]:
    rows = res.president if office is Office.PRESIDENT else res.vice_president  # type: ignore[attr-defined]
    return {r.name: r.votes for r in rows}


def test_2020_without_running_mates_leaves_the_vice_president_undecided() -> None:
    res = tally(EXAMPLES / "returns-2020.csv", 2020)
    assert ev(res) == {"Joseph R. Biden Jr.": 306, "Donald J. Trump": 232}
    doc = res.to_dict()
    assert doc["vice_president"] == [] and doc["vice_president_elect"] is None
    assert doc["vice_president_decided_by"] == "undecided"
    assert "538 elector(s)' votes for Vice President unknown" in doc["vice_president_reason"]
    assert doc["president_elect"] == "Joseph R. Biden Jr."
    assert doc["votes_unknown"] == {"president": 0, "vice_president": 538}
    assert any("no running mate given" in n for n in doc["notes"])


def test_2020_with_running_mates(tmp_path: Path) -> None:
    rows = [{**r, "running_mate": MATES[r["candidate"]]} for r in rows_2020()]
    res = tally(write(tmp_path / "r.csv", rows), 2020)
    assert ev(res, Office.VICE_PRESIDENT) == {"Kamala D. Harris": 306, "Mike Pence": 232}
    assert res.to_dict()["vice_president_elect"] == "Kamala D. Harris"
    assert res.outcome.vp_decided_by == "electoral_college"


def test_a_state_whose_winner_has_no_mate_drops_only_its_own_vice_president_votes(
        tmp_path: Path) -> None:
    rows = [{**r, "running_mate": MATES[r["candidate"]]} for r in rows_2020()]
    for r in rows:
        if r["state"] == "VT" and r["candidate"].startswith("Joseph"):
            r["candidate"], r["running_mate"] = "Bernie Sanders", ""
    res = tally(write(tmp_path / "vt.csv", rows), 2020)
    assert ev(res)["Bernie Sanders"] == 3
    assert ev(res, Office.VICE_PRESIDENT) == {"Kamala D. Harris": 303, "Mike Pence": 232}
    assert res.vice_president_elect == "kamala-d-harris"  # 303 of 538: still a majority
    assert res.outcome.vice_president is not None and res.outcome.vice_president.unknown == 3


def two_spellings(tmp_path: Path) -> Path:
    rows = []
    for r in rows_2020():
        names = SHORT if r["district"] else MEDSL
        rows.append({**r, "candidate": names[r["candidate"]]})
    return write(tmp_path / "spelled.csv", rows)


def test_two_spellings_of_one_candidate_are_merged_with_a_note(tmp_path: Path) -> None:
    res = tally(two_spellings(tmp_path), 2020)
    assert ev(res) == {"Joseph R. Biden Jr.": 306, "Donald J. Trump": 232}
    merges = [n for n in res.notes if "taken as one candidate" in n]
    assert any("'Joe Biden'" in n and "'BIDEN, JOSEPH R. JR'" in n for n in merges)


def test_strict_mode_refuses_two_spellings(tmp_path: Path, cli: CLI) -> None:
    path = two_spellings(tmp_path)
    with pytest.raises(InputError, match="one candidate spelled two ways"):
        tally(path, 2020, strict=True)
    r = cli("tally", str(path), "--year", "2020", "--strict")
    assert r.code == 2 and r.err.count("\n") == 1 and "spelled two ways" in r.err
    assert "Traceback" not in r.err


def test_a_candidate_not_in_the_record_is_named_as_the_file_spells_him(tmp_path: Path) -> None:
    rows = [{**r, "candidate": "Jane Q. Public"} if r["state"] == "WY" and
            r["candidate"].startswith("Donald") else r for r in rows_2020()]
    res = tally(write(tmp_path / "jane.csv", rows), 2020)
    doc = res.to_dict()
    jane = next(p for p in doc["president"] if p["id"] == "jane-q-public")
    assert jane["name"] == "Jane Q. Public" and jane["electoral_votes"] == 3


def returns_1800(tmp_path: Path) -> Path:
    """Each state's 1800 electors go to the ticket that won most of its recorded votes:
    Jefferson (with Burr as his running mate) or Adams (with Pinckney)."""
    rows = []
    for s in catalog.electoral_votes(1800, Office.PRESIDENT).states:
        jeff = s.votes.get("thomas-jefferson", 0) >= s.votes.get("john-adams", 0)
        lead, mate = ("Thomas Jefferson", "Aaron Burr") if jeff else ("John Adams",
                                                                       "Charles C. Pinckney")
        other, other_mate = ("John Adams", "Charles C. Pinckney") if jeff else (
            "Thomas Jefferson", "Aaron Burr")
        rows.append({"state": s.state, "candidate": lead, "running_mate": mate, "votes": "2"})
        rows.append({"state": s.state, "candidate": other, "running_mate": other_mate,
                     "votes": "1"})
    return write(tmp_path / "returns-1800.csv", rows)


def test_1800_shaped_returns_tie_jefferson_and_burr(tmp_path: Path) -> None:
    res = tally(returns_1800(tmp_path), 1800)
    votes = ev(res)
    assert votes["Thomas Jefferson"] == votes["Aaron Burr"]
    assert res.vice_president == ()  # no separate ballot before 1804
    assert res.decided_by == "undecided"
    house = res.outcome.contingent[0]
    assert not house.held and house.eligible == ("aaron-burr", "thomas-jefferson")
    assert house.needed == 9  # a majority of the 16 states of 1801
    delegations = {s: "Thomas Jefferson" for s in ("GA", "KY", "MD", "NJ", "NY", "NC", "PA",
                                                   "TN", "VT", "VA")}
    res = tally(returns_1800(tmp_path), 1800, delegations=delegations)
    assert res.president_elect == "thomas-jefferson" and res.decided_by == "house"
    # After the President is chosen, the next highest is Vice President (Art. II s. 1 cl. 3).
    assert res.vice_president_elect == "aaron-burr"
    assert res.outcome.vp_decided_by == "electoral_college"


def test_269_269_without_delegations_is_undecided_and_the_loser_is_not_vice_president(
        ) -> None:
    res = tally(EXAMPLES / "tie-2020.csv", 2020)
    assert res.decided_by == "undecided" and res.president_elect is None
    assert res.vice_president_elect is None
    doc = res.to_dict()
    pending = doc["contingent_elections"][0]
    assert pending["held"] is False and pending["needed"] == 26
    assert sorted(pending["eligible"]) == ["Donald J. Trump", "Joseph R. Biden Jr."]
    # Without running mates the Vice-President votes are unknown, and so is who would act.
    assert doc["acting_president"]["who"] is None
    assert "Vice-President votes are unknown" in doc["acting_president"]["authority"]


def test_269_269_decided_by_the_house_leaves_the_vice_president_to_the_senate(
        tmp_path: Path) -> None:
    rows = [{**r, "running_mate": MATES[r["candidate"]]}
            for r in csv.DictReader((EXAMPLES / "tie-2020.csv").open(newline=""))]
    with (EXAMPLES / "delegations.csv").open(newline="") as f:
        dele = {r["state"]: r["choice"] for r in csv.DictReader(f)}
    tie = write(tmp_path / "tie.csv", rows)
    res = tally(tie, 2020, delegations=dele)
    assert res.decided_by == "house" and res.president_elect == "donald-j-trump"
    assert res.vice_president_elect is None and res.outcome.vp_decided_by == "undecided"
    assert "the Senate chooses among" in res.outcome.vice_president_reason
    no_house = tally(tie, 2020)
    assert no_house.outcome.acting_president == "the Speaker of the House of Representatives"
    res = tally(write(tmp_path / "tie.csv", rows), 2020, delegations=dele,
                senators={"Democratic": 51, "Republican": 49})
    assert res.vice_president_elect == "kamala-d-harris"
    assert res.outcome.vp_decided_by == "senate"


def test_all_tied_returns_are_refused(tmp_path: Path, cli: CLI) -> None:
    rows = [{"state": r["state"], "district": r["district"], "candidate": r["candidate"],
             "party": r["party"], "votes": "1"} for r in rows_2020()]
    path = write(tmp_path / "tied.csv", rows)
    with pytest.raises(InputError, match="no electors appointed"):
        tally(path, 2020)
    r = cli("tally", str(path), "--year", "2020")
    assert r.code == 2 and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_fusion_lines_are_summed(tmp_path: Path) -> None:
    rows = rows_2020()
    ny = next(r for r in rows if r["state"] == "NY" and r["candidate"].startswith("Joseph"))
    rows.append({**ny, "party": "Working Families", "votes": "386010"})
    res = tally(write(tmp_path / "fusion.csv", rows), 2020)
    ny_pop = next(s for s in res.states if s.state == "NY").popular_vote or ()
    assert {r.name: r.votes for r in ny_pop}["Joseph R. Biden Jr."] == \
        int(ny["votes"]) + 386_010
    assert any("2 party lines" in n for n in res.notes)


def test_ballots_for_no_candidate_are_kept_apart(tmp_path: Path) -> None:
    rows = [*rows_2020(),
            {"state": "NV", "district": "", "candidate": "None of these candidates",
             "party": "", "votes": "14079"},
            {"state": "NV", "district": "", "candidate": "Blank", "party": "", "votes": "10"}]
    doc = tally(write(tmp_path / "nv.csv", rows), 2020).to_dict()
    nv = next(s for s in doc["states"] if s["state"] == "NV")
    assert nv["other_ballots"] == {"none_of_these_candidates": 14079, "blank": 10}
    assert all(p["name"] != "None of these candidates" for p in nv["popular_vote"])


@pytest.mark.parametrize(("rows", "message"), [
    ([{"state": "PA", "candidate": "A", "votes": "-5"}], "cannot be negative"),
    ([{"state": "Atlantis", "candidate": "A", "votes": "5"}], "unknown state"),
    ([{"state": "PA", "candidate": "A", "votes": "5" * 40}], "whole number"),
    ([{"state": "PA", "candidate": "A", "votes": "1e9"}], "whole number"),
    ([{"state": "PA", "candidate": "Blank", "votes": "5"}], "no candidate in the returns"),
])
def test_bad_returns(tmp_path: Path, rows: list[dict[str, str]], message: str) -> None:
    with pytest.raises(InputError, match=message):
        tally(write(tmp_path / "bad.csv", rows), 2020)


def test_json_returns_nested_too_deep_is_a_clean_error(tmp_path: Path, cli: CLI) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    r = cli("tally", str(path), "--year", "2020")
    assert r.code == 2 and "invalid JSON" in r.err and "Traceback" not in r.err
    json.loads("[]")


def test_unknown_second_votes_before_1804_leave_the_presidency_open(tmp_path: Path) -> None:
    rows = [{"state": "VA", "candidate": "Thomas Jefferson", "running_mate": "", "votes": "9"},
            {"state": "VA", "candidate": "John Adams", "running_mate": "Thomas Pinckney",
             "votes": "1"},
            {"state": "MA", "candidate": "John Adams", "running_mate": "Thomas Pinckney",
             "votes": "9"},
            {"state": "MA", "candidate": "Thomas Jefferson", "running_mate": "", "votes": "1"}]
    res = tally(write(tmp_path / "r1800.csv", rows), 1800, electors={"VA": 21, "MA": 16})
    # 21 Jefferson electors' second votes are unknown: they could make anyone's majority.
    assert res.decided_by == "undecided" and res.outcome.contingent == ()
    assert "21 second vote(s) unknown" in res.outcome.president_reason


def test_record_returns_round_trip_keeps_the_running_mates(cli: CLI, tmp_path: Path) -> None:
    out = cli("returns", "2016", "--top", "2").out
    path = tmp_path / "r2016.csv"
    path.write_text(out)
    res = tally(path, 2016)
    assert ev(res, Office.VICE_PRESIDENT) == {"Mike Pence": 306, "Tim Kaine": 232}
