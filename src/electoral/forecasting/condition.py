"""Conditions ("what if Pennsylvania goes Republican?"): unit -> the party that carries it.

The exact engines condition by reweighting the nodes by the probability of the conditions and
fixing the conditioned units; Monte Carlo keeps the simulations that meet them (rejection) and
reports how many it kept, the effective sample size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from electoral.errors import InputError


def parse_conditions(text: str | Mapping[str, str] | None) -> dict[str, str]:
    """'PA=R,ME-2=D' -> {"PA": "R", "ME-2": "D"}."""
    if not text:
        return {}
    items = text.items() if isinstance(text, Mapping) else (
        part.partition("=")[::2] for part in text.split(","))
    out: dict[str, str] = {}
    for unit, party in items:
        unit, party = unit.strip().upper(), party.strip().upper()
        if not unit or party not in ("D", "R"):
            raise InputError(f"expected UNIT=D or UNIT=R, got {unit}={party}", "conditions")
        if unit in out:
            raise InputError(f"{unit} given twice", "conditions")
        out[unit] = party
    return out


def indices(conditions: Mapping[str, str], codes: Sequence[str]) -> dict[int, bool]:
    """Unit index -> True when the Democrat carries it."""
    out = {}
    for unit, party in conditions.items():
        if unit not in codes:
            raise InputError(f"unknown voting unit {unit!r}", "conditions")
        out[codes.index(unit)] = party == "D"
    return out
