"""`electoral check`: the pipeline over the whole record, compared with independent sources.
A changed figure must fail it: a check that cannot fail is no check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from electoral import check as run_check
from electoral.checks import CheckReport
from tests.conftest import Run

CLI = Callable[..., Run]


@pytest.fixture(scope="module")
def report() -> CheckReport:
    return run_check()


def test_the_record_passes_with_every_disagreement_resolved(report: CheckReport) -> None:
    assert report.ok and report.years == 60 and report.problems == ()
    n = {c.name: c.comparisons for c in report.checks}
    # The pipeline reproduces every state's recorded votes for both offices, every year.
    assert n["pipeline_vs_record"] > 4500 and n["outcome"] == 60
    assert n["national_president"] > 170 and n["national_vice_president"] > 150
    assert n["state_electoral_votes"] > 4000 and n["popular_votes_1900_2024"] > 3000
    assert n["popular_votes_historical"] > 1000 and n["deviations"] > 50
    # Each resolution names both values and a source.
    assert report.resolved and all((d.resolution and d.reference is not None) or
                                   d.record is not None for d in report.resolved)


def test_cli_check_json(cli: CLI) -> None:
    r = cli("check", "-f", "json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["ok"] and doc["problems"] == []
    assert set(doc["checks"]) == set(doc["sources"])
    assert all(d["resolution"] for d in doc["resolved"])


@pytest.fixture
def mutate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Callable[[dict[str, str]],
                                                                                    None]], None]]:
    """Change rows of a packaged table for the duration of a test."""
    import electoral.checks as chk
    from electoral import package_data
    from electoral.record import catalog

    def clear() -> None:
        for mod in (catalog, chk):
            for value in vars(mod).values():
                if hasattr(value, "cache_clear"):
                    value.cache_clear()

    def apply(table: str, change: Callable[[dict[str, str]], None]) -> None:
        original = package_data.table(table)
        rows = tuple(dict(r) for r in original)
        for r in rows:
            change(r)

        def fake(name: str) -> tuple[dict[str, str], ...]:
            return rows if name == table else package_data.table(name)

        monkeypatch.setattr(catalog, "table", fake)
        monkeypatch.setattr(chk, "table", fake)
        clear()

    yield apply
    clear()


def test_a_changed_popular_vote_fails_the_check(mutate: Callable[..., None]) -> None:
    # Give Michigan 2016 to Clinton by moving 20,000 of Trump's votes.
    def change(r: dict[str, str]) -> None:
        if (r["year"], r["state"], r["district"], r["candidate"]) == (
                "2016", "MI", "0", "donald-j-trump"):
            r["votes"] = str(int(r["votes"]) - 20_000)

    mutate("popular_votes", change)
    rep = run_check([2016])
    assert not rep.ok
    checks = {p.check for p in rep.problems}
    assert "pipeline_vs_record" in checks  # the recorded 16 Trump votes are not reproduced
    assert "national_president" in checks  # nor NARA's 304 for Trump
    assert any(p.check == "popular_votes_historical" and p.state == "MI" for p in rep.problems)


def test_a_changed_electoral_vote_fails_the_check(mutate: Callable[..., None]) -> None:
    def change(r: dict[str, str]) -> None:
        if (r["year"], r["state"], r["office"], r["candidate"]) == (
                "1960", "OK", "P", "harry-f-byrd"):
            r["votes"] = "2"

    mutate("electoral_votes", change)
    rep = run_check([1960])
    assert [(p.check, p.state) for p in rep.problems] == [("pipeline_vs_record", "OK")]
    assert "record 1, reference 2" in rep.problems[0].message


def test_a_resolution_does_not_cover_a_changed_value(mutate: Callable[..., None]) -> None:
    # 2024 Maryland's certified Harris vote is resolved against the pre-certification file;
    # the resolution names the value, so a changed record value is a problem again.
    def change(r: dict[str, str]) -> None:
        if (r["year"], r["state"], r["candidate"]) == ("2024", "MD", "kamala-d-harris"):
            r["votes"] = str(int(r["votes"]) + 5)

    mutate("popular_votes", change)
    rep = run_check([2024])
    assert any("the values have changed" in p.message for p in rep.problems)
