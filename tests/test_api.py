"""The Python API for notebook users: SQL and DataFrames over the record."""

from __future__ import annotations

import pytest

import electoral


def test_sql_returns_columns_and_rows() -> None:
    cols, rows = electoral.sql(
        "select candidate, sum(votes) as ev from electoral_votes where year = 1860 and "
        "office = 'P' group by candidate order by ev desc")
    assert cols == ["candidate", "ev"]
    assert rows[0] == ("abraham-lincoln", 180)


def test_frame_is_a_pandas_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    df = electoral.frame("electors")
    assert isinstance(df, pd.DataFrame)
    assert int(df[df.year == 2020].appointed.sum()) == 538


def test_frame_unknown_table() -> None:
    with pytest.raises(electoral.InputError, match="no table"):
        electoral.frame("nope")


def test_results_are_immutable() -> None:
    import dataclasses

    r = electoral.results(2020)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.year = 2021  # type: ignore[misc]
    assert isinstance(r.states, tuple) and isinstance(r.president, tuple)
    votes = electoral.record.catalog.electoral_votes(2020, electoral.Office.PRESIDENT).states[0]
    with pytest.raises(TypeError):
        votes.votes["x"] = 1  # type: ignore[index]
