"""Rules that changed over time, as data keyed by election year, each row citing its provision.

Code asks `rule_for(TABLE, year)`; no `if year > ...` elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from electoral.errors import NoElectionError


class Ranged(Protocol):
    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int | None: ...


R = TypeVar("R", bound=Ranged)


def rule_for(table: Sequence[R], year: int) -> R:
    """The row of `table` in force for the election held in `year`."""
    for row in table:
        if row.first <= year and (row.last is None or year <= row.last):
            return row
    raise NoElectionError(f"no rule in force for {year}", place=str(year))


# Elections are held every four years from 1788-89 (first) on: 1789, 1792, 1796, ...
# Art. II s. 1 cl. 1 (four-year term); the first term began 4 March 1789.
FIRST_ELECTION = 1789
LAST_ELECTION = 2024 + 4 * 100  # the calendar is computed up to here; beyond it, refused


def is_election_year(year: int) -> bool:
    return year == FIRST_ELECTION or (1792 <= year <= LAST_ELECTION and year % 4 == 0)


@dataclass(frozen=True, slots=True)
class VotingRule:
    """How the electors vote, and who decides when they give no majority."""

    first: int
    last: int | None
    votes_per_elector: int  # votes for President per elector
    separate_vice_president: bool  # a distinct ballot for Vice President
    # The House: "tied" = among those with an equal majority, else among the top N.
    house_chooses_among: int
    house_among_tied_majority: bool
    senate_chooses_among: int | None  # top N for Vice President; None: among those tied
    citation: str


VOTING: tuple[VotingRule, ...] = (
    # Art. II s. 1 cl. 3: two votes per elector; equal majorities -> the House "one of them";
    # no majority -> the House from the five highest; after the President, the highest is
    # Vice President, and the Senate chooses among any left equal.
    VotingRule(1789, 1800, 2, False, 5, True, None, "U.S. Const. art. II, s. 1, cl. 3"),
    # Amend. XII (1804): distinct ballots; the House from the top three, the Senate the top two.
    VotingRule(1804, None, 1, True, 3, False, 2, "U.S. Const. amend. XII"),
)


@dataclass(frozen=True, slots=True)
class ChamberRule:
    """A chamber's contingent election: its voting unit, quorum and the votes needed."""

    first: int
    last: int | None
    chamber: Literal["house", "senate"]
    unit: str  # "states" (one vote per delegation) or "senators"
    quorum: tuple[int, int] | None  # fraction of the members (None: the text sets none)
    needed: Literal["majority_of_all", "majority_of_votes_cast"]
    citation: str


CONTINGENT: tuple[ChamberRule, ...] = (
    # Art. II s. 1 cl. 3: "the Votes shall be taken by States ... a quorum ... two thirds of the
    # States, and a Majority of all the States shall be necessary to a Choice."
    ChamberRule(1789, 1800, "house", "states", (2, 3), "majority_of_all",
                "U.S. Const. art. II, s. 1, cl. 3"),
    # Amend. XII keeps the House's rule: one vote per state, a majority of all the states.
    ChamberRule(1804, None, "house", "states", (2, 3), "majority_of_all",
                "U.S. Const. amend. XII"),
    # Art. II s. 1 cl. 3: "the Senate shall chuse from them by Ballot": no quorum or threshold
    # is written; a majority of the ballots cast is taken as the choice.
    ChamberRule(1789, 1800, "senate", "senators", None, "majority_of_votes_cast",
                "U.S. Const. art. II, s. 1, cl. 3"),
    # Amend. XII: "a quorum ... two thirds of the whole number of Senators, and a majority of
    # the whole number shall be necessary to a choice."
    ChamberRule(1804, None, "senate", "senators", (2, 3), "majority_of_all",
                "U.S. Const. amend. XII"),
)


def chamber_rule(chamber: str, year: int) -> ChamberRule:
    return rule_for(tuple(r for r in CONTINGENT if r.chamber == chamber), year)


@dataclass(frozen=True, slots=True)
class ActingRule:
    """Who acts as President when the term begins and no President has been chosen."""

    first: int
    last: int | None
    vice_president_elect_acts: bool
    neither: str | None  # the office that acts when neither is chosen; None: no provision
    citation: str
    text: str


ACTING: tuple[ActingRule, ...] = (
    # The Succession Act of 1792 covers death, removal, resignation or inability of both
    # officers, not a failure to choose: the Constitution and the statutes are silent.
    ActingRule(1789, 1800, False, None, "U.S. Const. art. II, s. 1, cl. 3",
               "no provision for a President not chosen by the start of the term"),
    ActingRule(1804, 1932, True, None, "U.S. Const. amend. XII",
               "if the House has not chosen by 4 March, the Vice President acts as President; "
               "no provision if there is no Vice President either"),
    ActingRule(1936, 1944, True, None, "U.S. Const. amend. XX, s. 3",
               "the Vice-President-elect acts until a President qualifies; Congress had "
               "made no law for neither qualifying"),
    ActingRule(1948, None, True, "the Speaker of the House of Representatives",
               "U.S. Const. amend. XX, s. 3; 3 U.S.C. 19(a)(1)",
               "the Vice-President-elect acts until a President qualifies; if neither has "
               "qualified, the Speaker, on resigning, acts (then the President pro tempore, "
               "then the Cabinet in order)"),
)


@dataclass(frozen=True, slots=True)
class DistrictRule:
    """A state that appoints one elector per congressional district and two at large."""

    state: str
    first: int
    last: int | None
    citation: str


DISTRICT_METHOD: tuple[DistrictRule, ...] = (
    DistrictRule("ME", 1972, None, "Me. Rev. Stat. tit. 21-A, s. 802 (enacted 1969)"),
    DistrictRule("NE", 1992, None, "Neb. Rev. Stat. s. 32-710 (enacted 1991)"),
)


def district_rule(state: str, year: int) -> DistrictRule | None:
    """The district-method statute in force in `state` for `year`, if any."""
    for row in DISTRICT_METHOD:
        if row.state == state and row.first <= year and (row.last is None or year <= row.last):
            return row
    return None


@dataclass(frozen=True, slots=True)
class CountRegime:
    """How the joint session treats objections to a state's electoral votes."""

    first: int
    last: int | None
    name: str
    # An objection is in order when signed by at least this many members of each house:
    # an absolute number (min_*) or a fraction of the house's members (fraction).
    min_senators: int | None
    min_representatives: int | None
    fraction: tuple[int, int] | None  # (numerator, denominator) of each house's membership
    grounds: tuple[str, ...]  # permitted grounds; empty = any
    to_sustain: str  # what rejecting a vote takes
    citation: str


_COUNT_TEXT = "the President of the Senate opens the certificates before both houses"

COUNT: tuple[CountRegime, ...] = (
    CountRegime(1789, 1800, "no statutory procedure", None, None, None, (),
                "no rule: the two houses decided any question as it arose",
                f"U.S. Const. art. II, s. 1, cl. 3 ({_COUNT_TEXT})"),
    CountRegime(1804, 1860, "no statutory procedure", None, None, None, (),
                "no rule: the two houses decided any question as it arose (by concurrent "
                "resolution before the count, e.g. the alternative counts of 1821 and 1837)",
                f"U.S. Const. amend. XII ({_COUNT_TEXT})"),
    # The twenty-second joint rule (6 Feb 1865), used for the counts of 1865, 1869 and 1873;
    # the Senate did not re-adopt it in 1876.
    CountRegime(1864, 1872, "Twenty-second Joint Rule", None, None, None, (),
                "either house alone rejects: no vote objected to is counted except by the "
                "concurrent votes of the two houses",
                "Joint Rule 22 of the two houses (adopted 6 Feb 1865); U.S. Const. amend. XII"),
    CountRegime(1876, 1876, "Electoral Commission Act of 1877", 1, 1, None, (),
                "a single return is rejected only by both houses concurring; where a state sent "
                "more than one return the Electoral Commission decides, and its decision stands "
                "unless both houses reject it",
                "Act of 29 Jan 1877, ch. 37, 19 Stat. 227, ss. 1-2"),
    CountRegime(1880, 1884, "no statutory procedure", None, None, None, (),
                "no rule: concurrent resolutions for each count (e.g. Georgia counted in the "
                "alternative in 1881)", f"U.S. Const. amend. XII ({_COUNT_TEXT})"),
    CountRegime(
        1888, 2020, "Electoral Count Act of 1887", 1, 1, None, (),
        "both houses, voting separately, agree to reject (a vote regularly given is not rejected "
        "unless both houses concur)",
        "Electoral Count Act of 1887, 24 Stat. 373; 3 U.S.C. 15 (1948)",
    ),
    CountRegime(
        2024, None, "Electoral Count Reform Act of 2022", None, None, (1, 5),
        ("electors not lawfully certified under a certificate of ascertainment",
         "vote not regularly given by electors whose appointment was lawfully certified"),
        "each house, voting separately, sustains the objection by a majority of its votes",
        "Electoral Count Reform Act of 2022, Pub. L. 117-328, div. P; 3 U.S.C. 15(d)",
    ),
)


@dataclass(frozen=True, slots=True)
class ElectorsRule:
    """Who appoints electors, and how many: Art. II s. 1 cl. 2; DC by the 23rd Amendment."""

    first: int
    last: int | None
    district_of_columbia: bool
    citation: str


ELECTORS: tuple[ElectorsRule, ...] = (
    ElectorsRule(1789, 1960, False, "U.S. Const. art. II, s. 1, cl. 2"),
    ElectorsRule(1964, None, True, "U.S. Const. art. II, s. 1, cl. 2; amend. XXIII"),
)


@dataclass(frozen=True, slots=True)
class ApportionmentRule:
    """Which census's apportionment fixed the electors of an election."""

    first: int
    last: int | None
    census: int | None  # None: the census of the decade before the election
    district_of_columbia_from: int  # first census whose apportionment gives DC electors
    citation: str
    by_census: bool = True  # False: no census yet (the Constitution's own apportionment)


APPORTIONMENT: tuple[ApportionmentRule, ...] = (
    # Art. I s. 2 cl. 3 fixed the House until the first census (65 seats).
    ApportionmentRule(1789, 1789, None, 1960, "U.S. Const. art. I, s. 2, cl. 3", False),
    ApportionmentRule(1792, 1908, None, 1960, "U.S. Const. art. I, s. 2, cl. 3 and the "
                      "apportionment acts after each census"),
    # No apportionment followed the 1920 census: the 1911 Act governed until the 1929 Act.
    ApportionmentRule(1912, 1928, 1910, 1960, "Apportionment Act of 1911, 37 Stat. 13"),
    ApportionmentRule(1932, None, None, 1960, "2 U.S.C. 2a (Reapportionment Act of 1929, "
                      "as amended 1941); amend. XXIII"),
)


def census_for_election(year: int) -> int | None:
    """The census whose apportionment fixed the electors of the `year` election: the census
    of the decade before (2020 for 2024 and 2028), save where the law kept an older one
    (the 1910 apportionment governed the 1920s). None for 1789 (the Constitution's own)."""
    rule = rule_for(APPORTIONMENT, year)
    if not rule.by_census:
        return None
    return rule.census if rule.census is not None else (year - 2) // 10 * 10


def dc_appoints(year: int) -> bool:
    """Whether the District of Columbia appoints electors in `year` (amend. XXIII, from 1964)."""
    return rule_for(ELECTORS, year).district_of_columbia


def dc_in_census(census: int) -> bool:
    """Whether an apportionment of `census` gives the District its three electors (it governs
    elections from 1964 on: the 1960 census's and later)."""
    return census >= APPORTIONMENT[-1].district_of_columbia_from


@dataclass(frozen=True, slots=True)
class CensusLaw:
    """The method and House size the law applied to a census's apportionment (censuses for
    which the law applied no method mechanically are absent: 1920 had no reapportionment)."""

    census: int
    method: str
    house_size: int
    citation: str


CENSUS_LAW: tuple[CensusLaw, ...] = (
    CensusLaw(1910, "webster", 435, "Apportionment Act of 1911, 37 Stat. 13 (433 seats, plus "
                                    "one each for Arizona and New Mexico on admission)"),
    CensusLaw(1930, "webster", 435, "Reapportionment Act of 1929, 46 Stat. 21 (major "
                                    "fractions, reported by the President)"),
    *(CensusLaw(c, "huntington-hill", 435, "2 U.S.C. 2a, as amended 1941 (55 Stat. 761): "
                                          "equal proportions") for c in range(1940, 2030, 10)),
)


# Art. I s. 2 cl. 3: "The Number of Representatives shall not exceed one for every thirty
# Thousand": the largest House a census allows.
PERSONS_PER_REPRESENTATIVE = 30_000


def largest_house(population: int) -> int:
    return population // PERSONS_PER_REPRESENTATIVE


def census_law(census: int) -> CensusLaw | None:
    return next((c for c in CENSUS_LAW if c.census == census), None)


# Censuses after which Congress made no apportionment (the earlier one stayed in force).
UNAPPORTIONED: tuple[tuple[int, str], ...] = (
    (1920, "Congress made no reapportionment; the 1911 apportionment of the 1910 census "
           "stayed in force until the 1929 Act (37 Stat. 13; 46 Stat. 21)"),
)


def census_unapportioned(census: int) -> str | None:
    return next((text for c, text in UNAPPORTIONED if c == census), None)
