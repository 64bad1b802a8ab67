"""The states and the District of Columbia: USPS codes, names, FIPS codes, admission year."""

from __future__ import annotations

from dataclasses import dataclass

from electoral.errors import InputError


@dataclass(frozen=True, slots=True)
class State:
    """A state (or the District of Columbia) that appoints presidential electors."""

    code: str  # USPS code, e.g. "PA"
    name: str
    fips: str  # two-digit FIPS code, as in the Census Bureau's boundary files
    first_election: int  # first presidential election in which it could appoint electors


# First election: admission before that year's appointment of electors; DC from 1964 (23rd Amd.).
_TABLE: tuple[tuple[str, str, str, int], ...] = (
    ("AL", "Alabama", "01", 1820), ("AK", "Alaska", "02", 1960), ("AZ", "Arizona", "04", 1912),
    ("AR", "Arkansas", "05", 1836), ("CA", "California", "06", 1852),
    ("CO", "Colorado", "08", 1876), ("CT", "Connecticut", "09", 1789),
    ("DE", "Delaware", "10", 1789), ("DC", "District of Columbia", "11", 1964),
    ("FL", "Florida", "12", 1848), ("GA", "Georgia", "13", 1789), ("HI", "Hawaii", "15", 1960),
    ("ID", "Idaho", "16", 1892), ("IL", "Illinois", "17", 1820), ("IN", "Indiana", "18", 1816),
    ("IA", "Iowa", "19", 1848), ("KS", "Kansas", "20", 1864), ("KY", "Kentucky", "21", 1792),
    ("LA", "Louisiana", "22", 1812), ("ME", "Maine", "23", 1820),
    ("MD", "Maryland", "24", 1789), ("MA", "Massachusetts", "25", 1789),
    ("MI", "Michigan", "26", 1836), ("MN", "Minnesota", "27", 1860),
    ("MS", "Mississippi", "28", 1820), ("MO", "Missouri", "29", 1820),
    ("MT", "Montana", "30", 1892), ("NE", "Nebraska", "31", 1868), ("NV", "Nevada", "32", 1864),
    ("NH", "New Hampshire", "33", 1789), ("NJ", "New Jersey", "34", 1789),
    ("NM", "New Mexico", "35", 1912), ("NY", "New York", "36", 1789),
    ("NC", "North Carolina", "37", 1792), ("ND", "North Dakota", "38", 1892),
    ("OH", "Ohio", "39", 1804), ("OK", "Oklahoma", "40", 1908), ("OR", "Oregon", "41", 1860),
    ("PA", "Pennsylvania", "42", 1789), ("RI", "Rhode Island", "44", 1792),
    ("SC", "South Carolina", "45", 1789), ("SD", "South Dakota", "46", 1892),
    ("TN", "Tennessee", "47", 1796), ("TX", "Texas", "48", 1848), ("UT", "Utah", "49", 1896),
    ("VT", "Vermont", "50", 1792), ("VA", "Virginia", "51", 1789),
    ("WA", "Washington", "53", 1892), ("WV", "West Virginia", "54", 1864),
    ("WI", "Wisconsin", "55", 1848), ("WY", "Wyoming", "56", 1892),
)

STATES: dict[str, State] = {code: State(code, name, fips, first) for code, name, fips, first in _TABLE}
_BY_NAME: dict[str, str] = {s.name.lower(): s.code for s in STATES.values()}
_BY_NAME["distric of columbia"] = "DC"  # a typo in one source's keys
_BY_NAME["washington dc"] = "DC"
_BY_NAME["washington, d.c."] = "DC"
_BY_NAME["d.c."] = "DC"
_BY_NAME["d. c."] = "DC"


def state_code(text: str) -> str:
    """Return the USPS code for a state given by code or name (case-insensitive).

    Raises InputError for anything that is not one of the 50 states or DC.
    """
    key = text.strip()
    if key.upper() in STATES:
        return key.upper()
    code = _BY_NAME.get(key.lower())
    if code is None:
        raise InputError(f"unknown state {text!r}")
    return code


def state_name(code: str) -> str:
    return STATES[state_code(code)].name


def states_in_union(year: int) -> int:
    """States that vote in a contingent election after the `year` election: those admitted by
    then (DC has no delegation and no Senators)."""
    return sum(1 for s in STATES.values() if s.code != "DC" and s.first_election <= year)
