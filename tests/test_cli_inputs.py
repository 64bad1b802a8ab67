"""Bad input at the command line: one line on stderr, exit 2, nothing changed (issue 10's
reproducers, each a regression test)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run
from tests.web_server import serving

CLI = Callable[..., Run]
EXAMPLES = ROOT / "docs" / "examples"


def one_line_error(r: Run, needle: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert needle in r.err, r.err


def test_votes_with_thousands_of_digits(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("state,candidate,votes\nPA,A," + "9" * 5000 + "\n")
    one_line_error(cli("tally", str(path), "--year", "2020"), "whole number")
    path.write_text("state,candidate,votes\nPA,A," + str(2**70) + "\n")
    one_line_error(cli("tally", str(path), "--year", "2020"), "whole number")


def test_delegations_file_not_utf8(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"state,choice\nPA,\xff\xfe\n")
    one_line_error(cli("tally", str(EXAMPLES / "tie-2020.csv"), "--year", "2020",
                       "--delegations", str(path)), "not UTF-8")


def test_senate_counts_are_ascii_digits(cli: CLI) -> None:
    one_line_error(cli("tally", str(EXAMPLES / "tie-2020.csv"), "--year", "2020",
                       "--senate", "Republican=\u00b2"), "--senate")


@pytest.mark.parametrize(("args", "needle"), [
    (("results", "2020", "--house-size", "0"), "cannot give each of the 50 states"),
    (("results", "2020", "--house-size", "100000000"), "one Representative for every thirty"),
    (("apportion", "2020", "--seats", "100000000"), "one Representative for every thirty"),
    (("returns", "2020", "--top", "0"), "at least 1"),
    (("returns", "2020", "--top", "-3"), "at least 1"),
    (("forecast", "--from-year", "2020", "--engine", "montecarlo", "--sims", "10000000000"),
     "sims must be between 1 and 100,000,000"),
    (("forecast", "--from-year", "2020", "--swing", "D+200"), "between R+100 and D+100"),
])
def test_bounded_values(cli: CLI, args: tuple[str, ...], needle: str) -> None:
    one_line_error(cli(*args), needle)


@pytest.mark.parametrize(("name", "text", "needle"), [
    ("cr.csv", "year,census,seats,method,unit,electors,rating\n2024,,435,huntington-hill,PA,19,"
               "D3\n\"x\ry\",a\n", "fields, expected 7"),
    ("short.csv", "year,census,seats,method,unit,electors,rating\n2024,,435\n", "3 fields"),
    ("digit.csv", "year,census,seats,method,unit,electors,rating\n2024\u00b2,,435,"
                  "huntington-hill,PA,19,D3\n", "whole number"),
    ("big.json", '{"year": ' + "9" * 5000 + "}", "invalid JSON"),
    ("deep.json", '{"a": ' + "[" * 3000 + "]" * 3000 + "}", "invalid JSON"),
])
def test_map_of_a_bad_scenario_file(cli: CLI, tmp_path: Path, name: str, text: str,
                                    needle: str) -> None:
    path = tmp_path / name
    path.write_text(text, newline="")
    one_line_error(cli("map", str(path), "-o", str(tmp_path / "m.svg")), needle)
    assert not (tmp_path / "m.svg").exists()


def test_serve_refuses_a_file_that_is_not_a_store(cli: CLI, tmp_path: Path) -> None:
    for name, content in (("s.csv", b"a,b\n1,2\n"), ("s.json", b"[1, 2]"),
                          ("s.parquet", b"PAR1" + b"\0" * 40)):
        path = tmp_path / name
        path.write_bytes(content)
        one_line_error(cli("serve", "--db", str(path), "--port", "1"), "not a DuckDB database")
        assert path.read_bytes() == content  # untouched


def test_serve_refuses_a_truncated_store(cli: CLI, tmp_path: Path) -> None:
    from electoral.web.store import Store

    db = tmp_path / "t.duckdb"
    Store(db).close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    r = cli("serve", "--db", str(db), "--port", "1")
    assert r.code == 2 and "Traceback" not in r.err and "scenario store" in r.err


def test_a_second_server_on_the_same_store_refuses(cli: CLI, tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    with serving(db):
        one_line_error(cli("serve", "--db", str(db), "--port", "1"), "in use by another")


def test_sql_works_from_a_path_with_a_quote(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    import electoral.record.sql as sql

    home = tmp_path / "o'brien"
    shutil.copytree(Path(str(resources.files("electoral"))) / "data", home / "data")
    monkeypatch.setattr(sql.resources, "files", lambda _: home)
    cols, rows = sql.sql("select count(*) as n from elections")
    assert (cols, rows) == (["n"], [(60,)])


def test_a_path_that_is_not_a_file_is_named_for_what_it_is(cli: CLI, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path, needle in ((tmp_path, "is a directory"), (Path("/dev/null"), "character device"),
                         (fifo, "named pipe"), (tmp_path / "none.csv", "no such file")):
        one_line_error(cli("tally", str(path), "--year", "2020"), needle)
        one_line_error(cli("forecast", "--polls", str(path)), needle)
        one_line_error(cli("tally", str(EXAMPLES / "tie-2020.csv"), "--year", "2020",
                           "--delegations", str(path)), needle)


def test_utf16_without_a_mark_is_named_and_with_one_is_read(cli: CLI, tmp_path: Path) -> None:
    text = (EXAMPLES / "tie-2020.csv").read_text()
    bare = tmp_path / "bare.csv"
    bare.write_bytes(text.encode("utf-16-le"))
    one_line_error(cli("tally", str(bare), "--year", "2020"), "UTF-16 text without a byte-order")
    marked = tmp_path / "marked.csv"
    marked.write_bytes(text.encode("utf-16"))  # with the mark, as spreadsheets save it
    r = cli("tally", str(marked), "--year", "2020", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)  # the example's tie: 269 each, short of the majority of 270
    assert [c["electoral_votes"] for c in doc["president"]] == [269, 269]
    assert doc["majority"] == 270 and doc["decided_by"] == "undecided"


def test_a_json_year_that_is_not_a_whole_number(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "y.json"
    for year in ("1e400", "2020.5", '"2020"'):
        path.write_text('{"year": ' + year + ', "rows": []}')
        one_line_error(cli("tally", str(path)), "year must be a whole number")


@pytest.mark.parametrize(("name", "text"), [
    ("polls", "state,pollster,end_date,dem,rep\nPA,\"X\0\",2028-01-01,50,40\n"),
    ("inputs", "unit,margin,sd\nPA,\"1\0\",3\n"),
])
def test_forecast_files_with_a_malformed_csv_line(cli: CLI, tmp_path: Path, name: str,
                                                  text: str) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_text(text.replace("\0", "\r\x00"), newline="")
    args = ("forecast", "--polls", str(path)) if name == "polls" else ("forecast", str(path))
    r = cli(*args)
    assert r.code == 2 and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


def test_an_error_names_the_option_the_user_typed(cli: CLI) -> None:
    one_line_error(cli("forecast", "--from-year", "2020", "--condition", "XX=D"),
                   "--condition: unknown voting unit 'XX'")


def test_sql_limits(cli: CLI) -> None:
    r = cli("sql", "select ';' as semicolon", "-f", "csv")
    assert r.code == 0 and r.out.split() == ["semicolon", ";"]
    one_line_error(cli("sql", "select count(*) from range(100000000000)", "--timeout", "1"),
                   "ran longer than 1 s and was stopped")
    one_line_error(cli("sql", "select length(string_agg(x, '')) from (select repeat('x', 1000) "
                              "x from range(10000000))"), "Out of Memory")
    one_line_error(cli("sql", "select 1", "--timeout", "0"), "--timeout")


@pytest.mark.parametrize(("text", "needle"), [
    ('{"year": 2020, "rows": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
    ('{"year": 2020, "rows": [{"state": "PA", "candidate": "A", "votes": ' + "9" * 5000 + "}]}",
     "invalid JSON"),
])
def test_json_returns_nested_deep_or_with_huge_numbers(cli: CLI, tmp_path: Path, text: str,
                                                       needle: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text)
    one_line_error(cli("tally", str(path)), needle)
