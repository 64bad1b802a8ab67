"""Paths to victory (electoral.analysis.paths): every count checked against an independent
enumeration of the combinations (itertools.product), or a combinatorial identity where 2^k
is too many to enumerate."""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from electoral.analysis.paths import (
    MAX_SETS,
    MAX_TOSSUPS,
    Board,
    analyse,
    board,
    custom_board,
    decide,
    paths,
    paths_document,
)
from electoral.errors import InputError, NoElectionError

SWING_2024 = ["AZ", "GA", "MI", "NV", "NC", "PA", "WI"]
NYT_2012 = ["FL", "OH", "NC", "VA", "WI", "CO", "IA", "NV", "NH"]


@dataclass
class Brute:
    """Every combination enumerated: the reference the DP must equal."""

    wins: dict[str, int]
    no_majority: int
    ties: int
    must_win: dict[str, set[str]]
    minimal: dict[str, set[frozenset[str]]]
    probability: dict[str, float]


def brute(tossups: Mapping[str, int], held: Mapping[str, int],
          p_dem: Mapping[str, float] | None = None) -> Brute:
    """Enumerate the 2^k combinations; majority of all electors appointed (amend. XII)."""
    units = list(tossups)
    appointed = sum(held.values()) + sum(tossups.values())
    majority = appointed // 2 + 1
    wins = {"D": 0, "R": 0}
    no_majority = ties = 0
    winning: dict[str, list[frozenset[str]]] = {"D": [], "R": []}
    prob = {"D": 0.0, "R": 0.0, "no_majority": 0.0}
    for sides in product("DR", repeat=len(units)):
        d = held.get("D", 0) + sum(tossups[u] for u, s in zip(units, sides, strict=True) if s == "D")
        r = held.get("R", 0) + sum(tossups[u] for u, s in zip(units, sides, strict=True) if s == "R")
        pr = math.prod((p_dem or {}).get(u, 0.5) if s == "D" else 1 - (p_dem or {}).get(u, 0.5)
                       for u, s in zip(units, sides, strict=True))
        for side, mine in (("D", d), ("R", r)):
            if mine >= majority:
                wins[side] += 1
                prob[side] += pr
                winning[side].append(frozenset(u for u, s in zip(units, sides, strict=True) if s == side))
        if d < majority and r < majority:
            no_majority += 1
            prob["no_majority"] += pr
            ties += d == r
    must = {s: set.intersection(*map(set, w)) if w else set() for s, w in winning.items()}
    minimal = {s: {a for a in w if not any(b < a for b in w)} for s, w in winning.items()}
    return Brute(wins, no_majority, ties, must, minimal, prob)


def check(b: Board, max_sets: int = MAX_SETS, p_dem: Mapping[str, float] | None = None) -> None:
    """analyse(b) equals the brute force in every figure."""
    p = analyse(b, max_sets)
    ref = brute({t.unit: t.electors for t in b.tossups}, b.held, p_dem)
    assert p.combinations == 2 ** len(b.tossups)
    assert dict(p.wins) == ref.wins
    assert p.no_majority == ref.no_majority and p.ties == ref.ties
    assert p.wins["D"] + p.wins["R"] + p.no_majority == p.combinations
    for side in ("D", "R"):
        assert set(p.must_win[side]) == ref.must_win[side]
        sets = p.minimal_winning_sets[side]
        assert sets.total == len(ref.minimal[side])
        listed = [frozenset(s) for s in sets.sets]
        assert len(listed) == min(sets.total, max_sets) and len(set(listed)) == len(listed)
        assert set(listed) <= ref.minimal[side]
        sizes = [len(s) for s in sets.sets]
        assert sizes == sorted(sizes)  # smallest sets first
        if sets.total:
            assert sets.smallest == min(len(s) for s in ref.minimal[side])
        assert sets.truncated == (sets.total > max_sets)
    for k in ("D", "R", "no_majority"):
        assert p.probability[k] == pytest.approx(ref.probability[k], abs=1e-12)
    assert sum(o.combinations for o in p.outcomes) == p.combinations


# --- The record ----------------------------------------------------------------------------


def _held_from_results(year: int, tossups: Sequence[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Electors per side outside the toss-ups, and the toss-ups' electors, from the record's
    electoral votes per state (results(year)), not from the module under test."""
    from electoral.results import results

    doc = results(year).to_dict()
    held = {"D": 0, "R": 0, "O": 0}
    party = {"Democratic": "D", "Republican": "R"}
    units: dict[str, int] = {}
    for s in doc["states"]:
        if s["state"] in tossups:
            units[s["state"]] = s["electors"]
            continue
        for c in s["president"]:
            held[party.get(c["party"], "O")] += c["electoral_votes"]
    return held, units


def test_2024_seven_swing_states() -> None:
    """The 2024 map with the seven swing states as toss-ups: 128 combinations, Harris 71,
    Trump 54, three 269-269 ties."""
    p = paths(2024, SWING_2024)
    held, units = _held_from_results(2024, SWING_2024)
    assert dict(p.board.held) == held == {"D": 226, "R": 219, "O": 0}
    assert {t.unit: t.electors for t in p.board.tossups} == units
    assert p.board.majority == 270 and p.board.electors_appointed == 538
    assert p.combinations == 128
    assert dict(p.wins) == {"D": 71, "R": 54} and p.no_majority == 3 and p.ties == 3
    assert p.probability["D"] == pytest.approx(71 / 128)
    assert p.must_win == {"D": (), "R": ()}
    assert p.minimal_winning_sets["D"].total == 20 and p.minimal_winning_sets["R"].total == 21
    assert p.minimal_winning_sets["R"].sets[0] == ("PA", "GA", "NC")
    check(p.board)
    ref = brute(units, held)
    assert ref.wins == {"D": 71, "R": 54} and ref.no_majority == 3


def test_2012_the_512_paths() -> None:
    """The New York Times's "512 Paths to the White House" (2012): Obama 431, Romney 76, five
    ties. The record's base map is the graphic's (Obama 237, Romney 191 outside the nine)."""
    p = paths(2012, NYT_2012)
    held, units = _held_from_results(2012, NYT_2012)
    assert dict(p.board.held) == held == {"D": 237, "R": 191, "O": 0}
    assert {t.unit: t.electors for t in p.board.tossups} == units
    assert p.combinations == 512
    assert dict(p.wins) == {"D": 431, "R": 76} and p.no_majority == p.ties == 5
    check(p.board)
    # Florida: with it Obama has 255 of the 256 paths left, Romney 1.
    fl = decide(p, decisions={"FL": "D"})
    assert (fl.now.wins["D"], fl.now.wins["R"], fl.now.no_majority) == (255, 1, 0)
    top = decide(p)
    assert top.next == "FL" and top.order == ("FL", "OH", "NC", "VA", "WI", "CO", "IA", "NV",
                                              "NH")
    assert top.children["D"].wins["D"] == 255 and top.children["R"].wins["R"] == 75


def test_1968_electors_for_a_third_candidate() -> None:
    """Wallace's 45 pledged electors count toward the electors appointed, for neither side:
    no majority without a tie is then possible."""
    p = paths(1968, ["IL", "OH", "CA", "TX"])
    assert p.board.held["O"] == 45 and p.board.electors_appointed == 538
    assert (p.wins["D"], p.wins["R"], p.no_majority, p.ties) == (1, 8, 7, 0)
    assert p.must_win["D"] == ("CA", "IL", "OH", "TX")
    check(p.board)


def test_fixed_overrides_the_record_and_decided_maps() -> None:
    p = paths(2024, ["PA"], fixed={"ga": "d", "NC": "D", "MI": "D", "AZ": "D", "WI": "D",
                                    "NV": "D"})
    assert p.board.held["D"] == 226 + 16 + 16 + 15 + 11 + 10 + 6
    assert p.tally.decided == "D" and p.must_win["D"] == ()
    assert p.minimal_winning_sets["D"].sets == ((),) and p.minimal_winning_sets["D"].smallest == 0
    assert p.minimal_winning_sets["R"].total == 0 and p.minimal_winning_sets["R"].smallest is None
    none = paths(2024, [])
    assert none.combinations == 1 and none.wins["R"] == 1
    assert {f.unit: f.side for f in none.board.fixed}["NE-2"] == "D"


def test_other_apportionment() -> None:
    from electoral.apportionment import electors_for

    e = electors_for(2024, 2020, 500)
    p = paths(2024, SWING_2024, electors=e)
    assert p.board.electors_appointed == sum(e.values())
    check(p.board)


def test_probabilities_exact() -> None:
    probs = {"PA": 0.55, "GA": 0.3, "NC": 0.25, "MI": 0.6, "AZ": 0.2, "WI": 0.6, "NV": 0.45}
    p = paths(2024, SWING_2024, probabilities=probs)
    check(p.board, p_dem=probs)
    assert sum(p.probability.values()) == pytest.approx(1.0)
    certain = paths(2024, SWING_2024, probabilities=dict.fromkeys(SWING_2024, 1.0))
    assert certain.probability["D"] == 1.0 and certain.wins["D"] == 71


def test_decision_tree() -> None:
    p = paths(2024, SWING_2024)
    b = decide(p, ["WI", "PA"], {"WI": "R", "PA": "D"})
    assert b.order[:2] == ("WI", "PA") and b.next == "GA"
    assert b.held["D"] == 226 + 19 and b.held["R"] == 219 + 10
    remaining = {u: e for u, e in zip(("GA", "NC", "MI", "AZ", "NV"), (16, 16, 15, 11, 6),
                                      strict=True)}
    ref = brute(remaining, {"D": 245, "R": 229})
    assert dict(b.now.wins) == ref.wins and b.now.no_majority == ref.no_majority
    assert b.children["D"].combinations + b.children["R"].combinations == b.now.combinations
    for s in ("D", "R"):
        assert b.children["D"].wins[s] + b.children["R"].wins[s] == b.now.wins[s]
    done = decide(p, None, {"PA": "D", "GA": "D", "NC": "D"})
    assert done.now.decided == "D" and done.now.wins["D"] == 16
    leaf = decide(p, None, dict.fromkeys(SWING_2024, "R"))
    assert leaf.next is None and leaf.children == {} and leaf.now.combinations == 1
    assert leaf.to_dict()["children"] is None and leaf.now.decided == "R"


def test_json_document() -> None:
    doc = paths_document(2024, "AZ,GA,MI,NV,NC,PA,WI", order="PA", decisions={"PA": "D"},
                         max_sets=5)
    text = json.dumps(doc)
    back = json.loads(text)
    p = back["paths"]
    assert p["combinations"] == 128 and p["wins"] == {"D": 71, "R": 54}
    assert p["no_majority"] == 3 and p["ties"] == 3 and p["decided"] is None
    assert p["minimal_winning_sets"]["D"] == {
        "total": 20, "smallest": 3, "truncated": True,
        "sets": [["PA", "GA", "NC"], ["PA", "GA", "MI"], ["PA", "GA", "AZ"], ["PA", "GA", "WI"],
                 ["PA", "NC", "MI"]]}
    assert p["tossups"][0] == {"unit": "PA", "electors": 19, "p_dem": 0.5}
    assert len(p["fixed"]) == 56 - 7 and {"unit": "NE-2", "electors": 1, "side": "D",
                                          "split": None} in p["fixed"]
    assert set(p) >= {"year", "candidates", "electors_appointed", "majority", "held", "needs",
                      "must_win", "probability", "outcomes"}
    br = back["branch"]
    assert br["decisions"] == {"PA": "D"} and br["next"] == "GA"
    assert br["children"]["D"]["combinations"] == 32
    assert paths_document(2024, ["PA"])["branch"] is None


# --- Random boards against brute force ---------------------------------------------------

small_boards = st.builds(
    lambda electors, held, ps: (electors, held, ps),
    st.lists(st.integers(0, 20), max_size=8),
    st.fixed_dictionaries({"D": st.integers(0, 60), "R": st.integers(0, 60),
                           "O": st.integers(0, 15)}),
    st.lists(st.floats(0, 1), min_size=8, max_size=8))


@given(small_boards, st.integers(0, 30))
def test_random_boards_match_brute_force(case: tuple[list[int], dict[str, int], list[float]],
                                         cap: int) -> None:
    electors, held, ps = case
    if sum(electors) + sum(held.values()) == 0:
        return
    units = {f"U{i}": e for i, e in enumerate(electors)}
    probs = {u: p for u, p in zip(units, ps, strict=False)}
    check(custom_board(units, held, probs), cap, probs)


@given(small_boards, st.data())
def test_random_branches_match_brute_force(
        case: tuple[list[int], dict[str, int], list[float]], data: st.DataObject) -> None:
    electors, held, _ = case
    if sum(electors) + sum(held.values()) == 0:
        return
    units = {f"U{i}": e for i, e in enumerate(electors)}
    b = custom_board(units, held)
    order = data.draw(st.permutations(list(units)))
    k = data.draw(st.integers(0, len(order)))
    sides = data.draw(st.lists(st.sampled_from("DR"), min_size=k, max_size=k))
    decisions = dict(zip(order[:k], sides, strict=True))
    node = decide(b, order, decisions)
    h = dict(held)
    for u, s in decisions.items():
        h[s] += units[u]
    appointed = sum(held.values()) + sum(electors)
    rest = {u: units[u] for u in order[k:]}
    # The brute force's majority must be of all electors appointed, decided ones included.
    ref = brute(rest, {**h, "O": h["O"]})
    assert sum(h.values()) + sum(rest.values()) == appointed
    assert dict(node.now.wins) == ref.wins and node.now.no_majority == ref.no_majority
    assert node.remaining == tuple(order[k:])
    assert node.next == (order[k] if k < len(order) else None)


# --- Many toss-ups: exact against identities ---------------------------------------------


def test_thirty_tossups_against_meet_in_the_middle() -> None:
    """30 toss-ups of unequal size: 2^30 combinations, counted by splitting them in two
    halves of 2^15 sums each (an enumeration, not the DP)."""
    electors = [3 + (7 * i) % 29 for i in range(30)]
    units = {f"U{i:02}": e for i, e in enumerate(electors)}
    b = custom_board(units, {"D": 100, "R": 90, "O": 3})
    p = analyse(b, 50)
    majority = b.majority
    half = [sum(c) for c in _subset_sums(electors[:15])]
    other = sorted(sum(c) for c in _subset_sums(electors[15:]))
    total = sum(electors)
    d_need = majority - 100
    r_max = 90 + total - majority  # R wins iff x <= r_max
    d_wins = sum(len(other) - bisect_left(other, d_need - a) for a in half)
    r_wins = sum(bisect_left(other, r_max - a + 1) for a in half)
    assert p.combinations == 2 ** 30
    assert dict(p.wins) == {"D": d_wins, "R": r_wins}
    assert p.no_majority == 2 ** 30 - d_wins - r_wins
    assert len(p.minimal_winning_sets["D"].sets) == 50
    for s in p.minimal_winning_sets["D"].sets:  # each listed set is minimal winning
        got = sum(units[u] for u in s)
        assert got >= d_need and got - min(units[u] for u in s) < d_need


def _subset_sums(es: list[int]) -> list[tuple[int, ...]]:
    return [tuple(e for e, bit in zip(es, bits, strict=True) if bit)
            for bits in product((0, 1), repeat=len(es))]


def test_fifty_tossups_binomial() -> None:
    """50 one-elector toss-ups, R holding 1: D wins with 26 or more (sum of binomials), the
    minimal sets are the subsets of exactly the size needed."""
    units = {f"U{i:02}": 1 for i in range(50)}
    p = analyse(custom_board(units, {"R": 1}), 10)
    assert p.combinations == 2 ** 50
    assert p.wins["D"] == sum(math.comb(50, x) for x in range(26, 51))
    assert p.wins["R"] == sum(math.comb(50, x) for x in range(0, 26))
    assert p.no_majority == 0 and p.ties == 0
    assert p.minimal_winning_sets["D"].total == math.comb(50, 26)
    assert p.minimal_winning_sets["R"].total == math.comb(50, 25)
    assert p.minimal_winning_sets["D"].truncated and len(p.minimal_winning_sets["D"].sets) == 10
    assert p.must_win == {"D": (), "R": ()}


def test_fifty_tossups_two_sizes() -> None:
    """25 one-elector and 25 two-elector toss-ups, 75 electors, majority 38: counts and
    minimal sets by a closed sum over how many of each size a side takes."""
    units = {**{f"A{i:02}": 1 for i in range(25)}, **{f"B{i:02}": 2 for i in range(25)}}
    p = analyse(custom_board(units), 0)
    c = math.comb
    need = 38
    assert p.wins["D"] == sum(c(25, a) * c(25, b) for a in range(26) for b in range(26)
                              if a + 2 * b >= need)
    assert p.wins["R"] == p.wins["D"]  # the board is symmetric
    # A minimal set holding a 1 adds up to exactly `need`; one of 2s only, to need or need+1.
    minimal = sum(c(25, a) * c(25, b) for a in range(1, 26) for b in range(26)
                  if a + 2 * b == need) + sum(c(25, b) for b in range(26) if 2 * b in (need,
                                                                                    need + 1))
    assert p.minimal_winning_sets["D"].total == minimal
    assert p.minimal_winning_sets["D"].sets == () and p.minimal_winning_sets["D"].truncated


def test_every_unit_of_2024_a_tossup() -> None:
    from electoral.units import voting_units

    codes = [u.code for u in voting_units(2024)]
    p = paths(2024, codes, max_sets=3)
    assert p.combinations == 2 ** 56 and p.wins["D"] == p.wins["R"]  # nothing fixed: symmetric
    assert p.ties == p.no_majority and p.ties % 2 == 0
    assert len(p.minimal_winning_sets["D"].sets) == 3


# --- Errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "place", "words"), [
    ({"tossups": ["ZZ"]}, "tossups", "unknown unit 'ZZ'"),
    ({"tossups": ["PA", "pa"]}, "tossups", "PA listed twice"),
    ({"tossups": ["ME-2"], "year": 1968}, "tossups", "unknown unit 'ME-2' in 1968"),
    ({"tossups": ["PA"], "fixed": {"PA": "D"}}, "fixed", "both fixed and a toss-up"),
    ({"tossups": ["PA"], "fixed": {"GA": "X"}}, "fixed", "the side is D or R or O"),
    ({"tossups": ["PA"], "fixed": {"XX": "D"}}, "fixed", "unknown unit"),
    ({"tossups": ["PA"], "probabilities": {"PA": 1.5}}, "probabilities", "from 0 to 1"),
    ({"tossups": ["PA"], "probabilities": {"PA": math.nan}}, "probabilities", "from 0 to 1"),
    ({"tossups": ["PA"], "probabilities": {"PA": True}}, "probabilities", "from 0 to 1"),
    ({"tossups": ["PA"], "probabilities": {"GA": 0.5}}, "probabilities", "not a toss-up"),
    ({"tossups": ["PA"], "year": 1912}, "fixed", "no D and R sides in the record of 1912"),
    ({"tossups": ["PA"], "year": 2028}, "fixed", "give every unit"),
    ({"tossups": ["PA"], "electors": {"PA": -1}}, "electors", "whole number"),
    ({"tossups": ["PA"], "max_sets": MAX_SETS + 1}, "max_sets", "max_sets"),
    ({"tossups": [3]}, "tossups", "a unit is a code"),
])
def test_input_errors(kwargs: dict[str, object], place: str, words: str) -> None:
    args = {"year": 2024, **kwargs}
    with pytest.raises(InputError) as e:
        paths(**args)  # type: ignore[arg-type]
    assert e.value.place == place and words in e.value.problem
    assert "\n" not in str(e.value)


def test_no_election() -> None:
    with pytest.raises(NoElectionError) as e:
        paths(2023, ["PA"])
    assert e.value.place == "2023"
    with pytest.raises(NoElectionError):
        paths(2023, ["PA"], electors={"PA": 19})


def test_too_many_tossups() -> None:
    with pytest.raises(InputError) as e:
        custom_board({f"U{i}": 1 for i in range(MAX_TOSSUPS + 1)})
    assert e.value.place == "tossups" and f"at most {MAX_TOSSUPS}" in e.value.problem
    assert analyse(custom_board({f"U{i}": 1 for i in range(MAX_TOSSUPS)}), 1).combinations \
        == 2 ** MAX_TOSSUPS


def test_decide_errors() -> None:
    p = paths(2024, SWING_2024)
    for order, decisions, place in ((["TX"], None, "order"), (["PA", "PA"], None, "order"),
                                    (None, {"TX": "D"}, "decisions"),
                                    (None, {"PA": "O"}, "decisions")):
        with pytest.raises(InputError) as e:
            decide(p, order, decisions)
        assert e.value.place == place


def test_a_fully_given_board_needs_no_record() -> None:
    """2028's units with every side given: no record needed (and no candidates' names)."""
    from electoral.units import voting_units

    codes = [u.code for u in voting_units(2028)]
    fixed = {c: "D" if i % 2 else "R" for i, c in enumerate(codes) if c not in SWING_2024}
    b = board(2028, SWING_2024, fixed)
    assert b.candidates is None and b.electors_appointed == 538
    check(b)


# --- The command -------------------------------------------------------------------------


def _app() -> typer.Typer:
    """The CLI's app with every command, this one included (also before cli.py lists it)."""
    import electoral.cli  # registers every listed command on the shared app
    import electoral.commands.paths  # noqa: F401  (and this one)
    from electoral.commands.base import app

    return app


def _cli(*args: str) -> str:
    result = CliRunner().invoke(_app(), ["paths", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_json_and_csv() -> None:
    doc = json.loads(_cli("2012", "--tossup", ",".join(NYT_2012), "--format", "json"))
    assert doc["wins"] == {"D": 431, "R": 76} and doc["no_majority"] == 5
    assert doc["candidates"] == {"D": "Barack Obama", "R": "Mitt Romney"}
    assert len(doc["minimal_winning_sets"]["D"]["sets"]) == 10  # --sets defaults to 10
    rows = _cli("2024", "-t", "AZ,GA,MI,NV,NC,PA,WI", "--format", "csv").splitlines()
    assert rows[0] == ("side,candidate,fixed,needs,wins,share,probability,must_win,"
                       "minimal_sets,smallest")
    assert rows[1].startswith("D,Kamala D. Harris,226,44,71,")
    assert rows[3].startswith("none,no majority: the House,,,3,")


def test_cli_branch() -> None:
    doc = json.loads(_cli("2012", "-t", ",".join(NYT_2012), "--decide", "FL=R", "--order",
                          "FL,OH", "--format", "json"))
    assert doc["branch"]["next"] == "OH" and doc["branch"]["wins"] == {"D": 176, "R": 75}
    table = _cli("2012", "-t", ",".join(NYT_2012), "--decide", "FL=D")
    assert "FL=D" in table and "255" in table


def test_cli_errors_name_the_option() -> None:
    for args, words in ((["--fixed", "PA"], "UNIT=VALUE"),
                        (["--probability", "PA=abc"], "from 0 to 1")):
        result = CliRunner().invoke(_app(), ["paths", "2024", "-t", "PA,GA", *args])
        assert isinstance(result.exception, InputError), result.output
        assert words in result.exception.problem


def test_combinations_enumerated_by_pairs_agree() -> None:
    """Minimal winning sets of 2024's swing states, straight from their definition."""
    units = {"AZ": 11, "GA": 16, "MI": 15, "NV": 6, "NC": 16, "PA": 19, "WI": 10}
    need = 270 - 226
    expected = {frozenset(c) for k in range(1, 8) for c in combinations(units, k)
                if sum(units[u] for u in c) >= need
                and all(sum(units[u] for u in c) - units[v] < need for v in c)}
    got = paths(2024, SWING_2024).minimal_winning_sets["D"]
    assert {frozenset(s) for s in got.sets} == expected and got.total == len(expected)
