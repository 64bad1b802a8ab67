"""Recount thresholds as written in the statutes, in a small language the law tables use.

A rule is one of:

- ``none``: the law provides no such recount;
- ``any``: at any margin (a requested recount with no margin test);
- a comparison of the margin between the two leading candidates, ``<=`` ("not more than") or
  ``<`` ("less than"), with a number of votes (``<= 2000 votes``) or a share of a basis
  (``<= 0.5% total``); ``tie`` is ``<= 0 votes``;
- comparisons joined by ``&`` (all must hold: "the lesser of") or ``|`` (any may hold:
  "whichever is greater"), grouped with parentheses.

The bases are the statutes' denominators:

- ``total``: all the votes cast for the office (every candidate and write-ins);
- ``top_two``: the votes of the two leading candidates ("cast for both such candidates");
- ``winner``: the votes of the leading candidate ("of the highest vote cast").

Shares are compared exactly (fractions of integers), never rounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

BASES = ("total", "top_two", "winner")
BASIS_TEXT = {"total": "the total votes cast for the office",
              "top_two": "the votes cast for the two leading candidates",
              "winner": "the leading candidate's votes"}
Basis = Literal["total", "top_two", "winner"]


@dataclass(frozen=True, slots=True)
class Compare:
    """margin <= or < a number of votes (basis None) or a percentage of a basis."""

    strict: bool
    value: Fraction
    basis: str | None

    def holds(self, margin: int, bases: Mapping[str, int]) -> bool:
        if self.basis is None:
            bound = self.value
            scaled = Fraction(margin)
        else:
            bound = self.value * bases[self.basis]
            scaled = Fraction(margin * 100)
        return scaled < bound if self.strict else scaled <= bound

    def limit(self, bases: Mapping[str, int]) -> int:
        """The largest margin in votes that satisfies the comparison (-1: none does)."""
        bound = self.value if self.basis is None else self.value * bases[self.basis] / 100
        whole = bound.numerator // bound.denominator
        if self.strict and whole == bound:
            whole -= 1
        return max(whole, -1)

    def text(self) -> str:
        op = "less than" if self.strict else "not more than"
        if self.basis is None:
            return "a tie" if self.value == 0 and not self.strict else f"{op} {_num(self.value)} votes"
        return f"{op} {_num(self.value)}% of {BASIS_TEXT[self.basis]}"


@dataclass(frozen=True, slots=True)
class Join:
    """All of the parts (``&``) or any of them (``|``)."""

    all_of: bool
    parts: tuple[Node, ...]

    def holds(self, margin: int, bases: Mapping[str, int]) -> bool:
        results = (p.holds(margin, bases) for p in self.parts)
        return all(results) if self.all_of else any(results)

    def limit(self, bases: Mapping[str, int]) -> int:
        limits = [p.limit(bases) for p in self.parts]
        return min(limits) if self.all_of else max(limits)

    def text(self) -> str:
        word = " and " if self.all_of else " or "
        return word.join(f"({p.text()})" if isinstance(p, Join) else p.text() for p in self.parts)


Node = Compare | Join


@dataclass(frozen=True, slots=True)
class RecountRule:
    """A parsed threshold: kind "none", "any" or "margin" (then `tree` holds the test)."""

    source: str  # the rule as written in the table
    kind: Literal["none", "any", "margin"]
    tree: Node | None = None

    def inside(self, margin: int, bases: Mapping[str, int]) -> bool:
        """Whether a margin (in votes) falls inside the rule."""
        if self.kind == "none":
            return False
        if self.kind == "any" or self.tree is None:
            return True
        return self.tree.holds(margin, bases)

    def limit(self, bases: Mapping[str, int]) -> int | None:
        """The largest margin in votes inside the rule (None: any margin; -1: none)."""
        if self.kind == "none":
            return -1
        if self.kind == "any" or self.tree is None:
            return None
        return self.tree.limit(bases)

    def bases(self) -> frozenset[str]:
        """The bases the rule measures the margin against."""
        out: set[str] = set()
        stack: list[Node] = [self.tree] if self.tree is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, Join):
                stack.extend(node.parts)
            elif node.basis is not None:
                out.add(node.basis)
        return frozenset(out)

    def text(self) -> str:
        if self.kind == "none":
            return "none"
        if self.kind == "any" or self.tree is None:
            return "at any margin"
        text = self.tree.text()
        return text if text == "a tie" else "margin " + text


_TOKEN = re.compile(r"\s*(<=|<|&|\||\(|\)|tie\b|[0-9]+(?:\.[0-9]+)?%\s*[a-z_]+|[0-9]+\s+votes\b)")


def parse_rule(text: str) -> RecountRule:
    """Parse a threshold of the law tables; ValueError on anything else."""
    source = text.strip()
    if source in ("none", "any"):
        return RecountRule(source, source)  # type: ignore[arg-type]
    tokens: list[str] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ValueError(f"recount rule {source!r}: cannot read {source[pos:]!r}")
        tokens.append(m.group(1))
        pos = m.end()
        while pos < len(source) and source[pos].isspace():
            pos += 1
    parser = _Parser(tokens, source)
    tree = parser.expr()
    if parser.i != len(tokens):
        raise ValueError(f"recount rule {source!r}: unexpected {tokens[parser.i]!r}")
    return RecountRule(source, "margin", tree)


class _Parser:
    def __init__(self, tokens: list[str], source: str) -> None:
        self.tokens, self.source, self.i = tokens, source, 0

    def _peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _take(self) -> str:
        tok = self._peek()
        if tok is None:
            raise ValueError(f"recount rule {self.source!r}: incomplete")
        self.i += 1
        return tok

    def expr(self) -> Node:
        return self._join("|", all_of=False, sub=lambda: self._join("&", True, self.atom))

    def _join(self, sep: str, all_of: bool, sub: Callable[[], Node]) -> Node:
        parts = [sub()]
        while self._peek() == sep:
            self.i += 1
            parts.append(sub())
        return parts[0] if len(parts) == 1 else Join(all_of, tuple(parts))

    def atom(self) -> Node:
        tok = self._take()
        if tok == "(":
            node = self.expr()
            if self._take() != ")":
                raise ValueError(f"recount rule {self.source!r}: ')' expected")
            return node
        if tok == "tie":
            return Compare(False, Fraction(0), None)
        if tok not in ("<=", "<"):
            raise ValueError(f"recount rule {self.source!r}: '<=' or '<' expected, got {tok!r}")
        amount = self._take()
        if amount.endswith("votes"):
            return Compare(tok == "<", Fraction(amount.split()[0]), None)
        number, _, basis = amount.partition("%")
        basis = basis.strip()
        if basis not in BASES:
            raise ValueError(f"recount rule {self.source!r}: unknown basis {basis!r} "
                             f"(bases: {', '.join(BASES)})")
        return Compare(tok == "<", Fraction(number), basis)


def _num(x: Fraction) -> str:
    return f"{x.numerator:,}" if x.denominator == 1 else format(float(x), "g")
