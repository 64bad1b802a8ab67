"""The map's shapes, scenarios and their encodings, the scenario store, and `electoral map`
(SVG rendered in Python; PNG through headless Chromium)."""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import electoral
import electoral.web.mapfile
from electoral.errors import ElectoralError, InputError, NoElectionError
from electoral.maps.render import svg
from electoral.maps.shapes import shapes
from electoral.web.rating_forecast import forecast_scenario
from electoral.web.scenario import (
    checksum,
    from_share_code,
    make_scenario,
    parse_scenario,
    share_code,
    to_csv,
    totals,
)
from electoral.web.store import NotFound, Store
from electoral.web.view import history_view, scenario_view
from tests.conftest import Run

CLI = Callable[..., Run]


def test_shapes_cover_every_state_dc_and_the_districts() -> None:
    sh = shapes()
    assert len(sh.states) == 51
    pa = sh.state("PA")
    assert pa.fips == "42" and pa.name == "Pennsylvania" and pa.path.startswith("M")
    # Pennsylvania's label lies inside its bounding box in the Albers viewport.
    nums = [float(v) for v in re.findall(r"-?\d+\.\d", pa.path)]
    xs, ys = nums[0::2], nums[1::2]
    assert min(xs) < pa.label[0] < max(xs) and min(ys) < pa.label[1] < max(ys)
    kinds = {(b.unit, b.kind) for b in sh.insets}
    assert ("DC", "marker") in kinds and ("DC", "callout") in kinds
    assert {u for u, k in kinds if k == "district"} == {"ME-1", "ME-2", "NE-1", "NE-2", "NE-3"}
    cells = [(c, r) for _, c, r in sh.grid]
    assert len(cells) == len(set(cells)) == 56


@pytest.mark.skipif(not (Path(__file__).resolve().parent.parent.parent / "shared" / "data"
                          / "geo").is_dir(), reason="raw data (../shared/data) not present")
def test_rebuilt_shapes_are_identical(tmp_path: Path) -> None:
    import importlib.util
    import sys

    from tests.conftest import ROOT

    raw = ROOT.parent / "shared" / "data"
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("build_web", ROOT / "scripts" / "build_web.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from build_data import Report  # type: ignore[import-not-found]

    rep = Report()
    mod.build(raw, tmp_path, rep)
    assert not rep.errors
    data = ROOT / "src" / "electoral" / "data"
    for name in ("map_states.csv", "map_insets.csv", "map_grid.csv"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name


def test_scenario_totals_follow_the_law() -> None:
    s = make_scenario({"year": 2024, "ratings": {"CA": "D3", "TX": "R3", "NE-2": "D1"}})
    t = totals(s)
    assert (t.electors_appointed, t.majority) == (538, 270)
    assert (t.side("D"), t.side("R"), t.by_rating["T"]) == (55, 40, 443)
    assert t.outcome == "open"
    # 2020 with Arizona, Georgia and Wisconsin flipped: 269-269, the House decides.
    base = history_view(2020)
    ratings = {u.unit: ("D3" if u.key == "joseph-r-biden-jr" else "R3") for u in base.units}
    for st in ("AZ", "GA", "WI"):
        ratings[st] = "R1"
    tie = make_scenario({"year": 2020, "ratings": ratings, "delegations": {"D": 20, "R": 26}})
    t = totals(tie)
    assert (t.side("D"), t.side("R"), t.outcome) == (269, 269, "house")
    assert (t.house_needed, t.house_winner) == (26, "R")
    # 1824 under its own apportionment: 261 electors, 131 a majority.
    assert totals(make_scenario({"year": 1824})).majority == 131


def test_scenario_under_another_apportionment() -> None:
    s = make_scenario({"year": 2024, "census": 2010, "ratings": {"PA": "D3"}})
    assert totals(s).side("D") == 20  # Pennsylvania had 20 electors from the 2010 census
    back = from_share_code(share_code(s))
    assert back.census == 2010 and back.ratings == s.ratings
    with pytest.raises(InputError, match="no census 2015"):
        make_scenario({"year": 2024, "census": 2015})


def test_share_code_round_trip_and_errors() -> None:
    s = make_scenario({"year": 2024, "ratings": {"AK": "R3", "WY": "D2", "ME-2": "R1"}})
    code = share_code(s)
    assert re.fullmatch(r"2024~[A-Za-w]+~[0-9a-f]{8}", code) and len(code) <= 5 + 28 + 9
    assert from_share_code(code).ratings == s.ratings
    assert share_code(make_scenario({"year": 2024})) == "2024~~" + checksum("2024~")
    # the first form (ratings only, no checksum) is still read
    assert from_share_code("2024.AAAAAAAAAAAAAAAADAAAABAAq").ratings["PA"] == "D3"
    for bad in ("2024", "2024.!!", "2023.A", "x.A", "2024." + "B" * 40, code[:-1],
                code[:-12] + code[-9:], code.replace("~", ".", 1)):
        with pytest.raises(ElectoralError):
            from_share_code(bad)


def test_a_link_carries_the_whole_scenario() -> None:
    s = make_scenario({"year": 2024, "ratings": {"PA": "D1"}, "name": "Ma carte, été 2024",
                       "notes": "Line 1\nLine 2", "candidates": {"D": "Harris", "R": "Trump"},
                       "delegations": {"D": 20, "R": 26}})
    back = from_share_code(share_code(s))
    assert (back.name, back.notes, dict(back.candidates), dict(back.delegations or {})) == (
        "Ma carte, été 2024", "Line 1\nLine 2", {"D": "Harris", "R": "Trump"},
        {"D": 20, "R": 26})
    cut = share_code(s)[:60]  # a link cut short in a message
    with pytest.raises(InputError, match="damaged or cut short"):
        from_share_code(cut)


def test_json_and_csv_round_trip() -> None:
    s = make_scenario({"year": 2020, "name": "n", "notes": "x", "ratings": {"PA": "D1"},
                       "candidates": {"D": "Biden", "R": "Trump"}})
    assert parse_scenario(json.dumps(s.to_dict())) == s
    from_csv = parse_scenario(to_csv(s))
    assert from_csv.ratings == s.ratings and from_csv.year == 2020
    assert (from_csv.name, from_csv.notes) == ("n", "x")
    lines = to_csv(s).splitlines()
    assert lines[0] == "year,census,seats,method,unit,electors,rating,name,notes"
    assert "2020,,435,huntington-hill,PA,20,D1,," in lines
    old_form = "\n".join(line.rsplit(",", 2)[0] for line in lines)  # before name and notes
    assert parse_scenario(old_form).ratings == s.ratings
    wrong = to_csv(s).replace("PA,20,D1", "PA,21,D1")
    with pytest.raises(InputError, match="PA has 20 electors"):
        parse_scenario(wrong, "f.csv")
    with pytest.raises(InputError, match="invalid JSON"):
        parse_scenario("{oops", "f.json")
    with pytest.raises(NoElectionError):
        make_scenario({"year": 2022})


def test_store_create_read_list_delete(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    store = Store(db)
    saved = store.create(make_scenario({"year": 2024, "name": "A", "ratings": {"PA": "D3"}}))
    store.create(make_scenario({"year": 2020, "name": "B"}))
    store.close()
    again = Store(db)  # persisted in the file
    assert again.get(saved.id).scenario.ratings == {"PA": "D3"}
    assert sorted(s["name"] for s in again.list()) == ["A", "B"]
    pages = again.list(limit=1) + again.list(limit=1, offset=1)
    assert again.count() == 2 and sorted(s["name"] for s in pages) == ["A", "B"]
    again.delete(saved.id)
    with pytest.raises(NotFound):
        again.get(saved.id)
    with pytest.raises(InputError, match="needs a name"):
        again.create(make_scenario({"year": 2024}))
    assert [s["name"] for s in again.list()] == ["B"]
    again.close()


def test_store_default_path_is_the_user_data_directory(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    from electoral.web.store import default_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "electoral" / "scenarios.duckdb"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_path() == Path.home() / ".local" / "share" / "electoral" / "scenarios.duckdb"


def test_svg_of_the_record_and_of_a_scenario() -> None:
    doc = svg(history_view(2020))
    assert doc.startswith("<svg") and doc.count('class="unit"') == 51 + 9 + 5
    pa = re.search(r'<path class="unit" id="u-PA" d="[^"]+" fill="(#\w+)"', doc)
    tx = re.search(r'<path class="unit" id="u-TX" d="[^"]+" fill="(#\w+)"', doc)
    assert pa and tx and pa.group(1) == "#2166ac" and tx.group(1) == "#b2182b"
    assert "Joseph R. Biden Jr. (Democratic) 306" in doc and "Nebraska districts" in doc
    grid = svg(scenario_view(make_scenario({"year": 2024, "ratings": {"PA": "D3"}})), grid=True)
    assert grid.count('class="unit"') == 56 and ">PA 19<" in grid
    assert "Safe D 19" in grid
    # 1789: no districts; states not yet in the Union are drawn without electors.
    old = svg(history_view(1789))
    assert 'id="u-ME-1"' not in old and "Ohio: no electoral votes in 1789" in old


def test_repr_svg_for_notebooks() -> None:
    assert electoral.results(2020)._repr_svg_().startswith("<svg")


def _png_pixels(path: Path) -> np.ndarray:
    """Decode an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes) into an array."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, head = 8, b"", b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", head)
    assert depth == 8 and ctype in (2, 6) and interlace == 0
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    out = np.zeros((h, w * bpp), dtype=np.int64)
    stride = w * bpp + 1
    for y in range(h):
        f, line = raw[y * stride], np.frombuffer(raw[y * stride + 1:(y + 1) * stride], np.uint8)
        cur = line.astype(np.int64)
        prev = out[y - 1] if y else np.zeros(w * bpp, np.int64)
        if f == 2:
            cur = (cur + prev) % 256
        elif f in (1, 3, 4):  # sub, average, Paeth: left-dependent, one pixel at a time
            row = np.zeros(w * bpp, np.int64)
            for i in range(w * bpp):
                a = row[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                if f == 1:
                    pred = a
                elif f == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                row[i] = (cur[i] + pred) % 256
            cur = row
        out[y] = cur
    return out.reshape(h, w, bpp)[:, :, :3]


def test_map_command_svg_and_png(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    r = cli("map", "2020", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text().startswith("<svg")
    png = tmp_path / "m.png"
    r = cli("map", "2020", "-o", str(png))
    assert r.code == 0, r.err
    px = _png_pixels(png)
    assert px.shape[:2] == (718, 1150)  # the SVG's own size (map and legend band)
    # Pennsylvania's label point (the state's interior, 62 and 40 from the viewport's origin)
    # is Biden blue; Texas's is Trump red.
    pa, tx = shapes().state("PA").label, shapes().state("TX").label
    def at(p: tuple[float, float]) -> tuple[int, ...]:
        return tuple(int(v) for v in px[round(p[1] + 40 - 14), round(p[0] + 62)])
    assert at(pa) == (0x21, 0x66, 0xAC)
    assert at(tx) == (0xB2, 0x18, 0x2B)


def test_map_command_scenario_file_and_errors(cli: CLI, tmp_path: Path) -> None:
    f = tmp_path / "s.json"
    f.write_text(json.dumps({"year": 2024, "ratings": {"PA": "R3"}}))
    out = tmp_path / "s.svg"
    r = cli("map", str(f), "-o", str(out), "--grid")
    assert r.code == 0, r.err
    assert "Safe R 19" in out.read_text()
    code = share_code(make_scenario({"year": 2024, "ratings": {"PA": "R3"}}))
    r = cli("map", code, "-o", str(tmp_path / "c.svg"))
    assert r.code == 0 and "Safe R 19" in (tmp_path / "c.svg").read_text()
    for args, message in ((["2019", "-o", str(tmp_path / "x.svg")], "2019: no presidential"),
                          (["2020", "-o", str(tmp_path / "x.gif")], "must end in .svg or .png"),
                          (["nope", "-o", str(tmp_path / "x.svg")], "nope: not a year"),
                          (["2020", "-o", str(tmp_path / "no" / "x.svg")], "no such directory")):
        r = cli("map", *args)
        assert r.code == 2 and r.err.startswith("electoral: error:") and message in r.err
        assert "Traceback" not in r.err
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2024, "ratings": {"PQ": "D3"}}')
    r = cli("map", str(bad), "-o", str(tmp_path / "b.svg"))
    assert r.code == 2 and "unknown unit 'PQ'" in r.err
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "b.svg").exists()


def test_serve_rejects_a_bad_db_path(cli: CLI, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = cli("serve", "--db", str(blocker / "sub" / "s.duckdb"))
    assert r.code == 2 and "cannot open the scenario store" in r.err


def test_serve_binds_loopback_by_default(cli: CLI) -> None:
    import inspect

    from electoral.commands.web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert "127.0.0.1" in cli("serve", "--help").out


def test_1800_tie_states_take_the_president_elects_colour() -> None:
    from electoral.maps.view import result_view
    from electoral.results import results

    v = result_view(results(1800))
    legend = {i.key: i.fill for i in v.legend}
    va = v.unit("VA")
    assert va is not None and va.key == "thomas-jefferson"  # 21 votes each for him and Burr
    assert va.fill == legend["thomas-jefferson"] != legend["aaron-burr"]
    assert v.electors_appointed == 138 and v.majority == 70


def test_tied_candidates_keep_the_national_order_and_party_colours() -> None:
    from electoral.results import results
    from electoral.web.view import history_view

    r = results(1800)
    assert [c.name for c in r.president[:2]] == ["Thomas Jefferson", "Aaron Burr"]  # 73 each
    v = history_view(1800)
    # Federalist electors voted Adams and Pinckney alike: the states are Adams's
    assert {u.unit: u.key for u in v.units if u.unit in ("MA", "CT", "NJ")} == dict.fromkeys(
        ("MA", "CT", "NJ"), "john-adams")
    colour = {y: next(i.fill for i in history_view(y).legend if i.key == "thomas-jefferson")
              for y in (1796, 1800, 1804)}
    assert len(set(colour.values())) == 1  # one party, one colour across years
    hayes = next(i.fill for i in history_view(1876).legend if i.key == "rutherford-b-hayes")
    assert hayes == next(i.fill for i in history_view(2020).legend
                         if i.key == "donald-j-trump")  # the Republican colour


def _record_map(year: int) -> dict[str, str]:
    """The record's map of `year` as ratings: Safe for the state's winner by party, O for a
    third party's states (from results(), not from the module under test)."""
    from electoral.results import results

    side = {"Democratic": "D3", "Republican": "R3"}
    ratings = {}
    for s in results(year).to_dict()["states"]:
        top = max(s["president"], key=lambda c: c["electoral_votes"])
        ratings[s["state"]] = side.get(top["party"], "O")
    return ratings


def test_a_third_candidate_holds_electors_and_a_colour() -> None:
    """1968 as a map: Nixon 302 pledged, Humphrey 191, Wallace 45 (the five Deep South states);
    the third side counts toward the electors appointed, for neither of the two."""
    s = make_scenario({"year": 1968, "ratings": _record_map(1968),
                       "candidates": {"D": "Humphrey", "R": "Nixon", "O": "Wallace"},
                       "colors": {"O": "#E69F00", "R": "#cc0000"}})
    t = totals(s)
    assert (t.side("R"), t.side("D"), t.side("O")) == (302, 191, 45)
    assert t.majority == 270 and t.outcome == "R"
    assert s.colors["R"] == "#cc0000" and s.colors["O"] == "#e69f00"
    again = from_share_code(share_code(s))
    assert again == s  # candidates, colours and the third's units travel in the link
    view = scenario_view(s)
    fills = {u.unit: u.fill for u in view.units}
    assert fills["AL"] == "#e69f00" and fills["TX"] == "#2166ac" and fills["CA"] == "#cc0000"
    assert "Wallace 45" in view.title
    with pytest.raises(InputError, match="two-candidate race; 5 unit"):
        forecast_scenario(s)


def test_without_a_third_candidate_O_names_one() -> None:
    s = parse_scenario("year,census,seats,method,unit,electors,rating\n"
                       "1968,,435,huntington-hill,AL,10,O\n")
    assert s.candidates["O"] == "Other" and totals(s).side("O") == 10


def test_delegations_are_checked_against_the_states_of_the_year() -> None:
    with pytest.raises(InputError, match="more than the 48 states"):
        make_scenario({"year": 1956, "delegations": {"D": 30, "R": 19}})
    assert make_scenario({"year": 1960, "delegations": {"D": 30, "R": 20}}).delegations
    with pytest.raises(InputError, match="colour like #2166ac"):
        make_scenario({"year": 2024, "colors": {"D": "blue"}})


def test_history_shaded_by_margin(tmp_path: Path) -> None:
    """Each unit's margin is its leader's popular-vote lead over the runner-up (points of all
    its votes): Pennsylvania 2020 1.16 points, pale; California 29.2, the full colour."""
    from electoral.maps.view import margin_fill, shade_by_margin
    from electoral.results import results

    pa = next(s for s in results(2020).to_dict()["states"] if s["state"] == "PA")
    votes = sorted((c["votes"] for c in pa["popular_vote"]), reverse=True)
    view = history_view(2020)
    units = {u.unit: u for u in view.units}
    assert units["PA"].margin == pytest.approx(100 * (votes[0] - votes[1]) / sum(votes))
    assert round(units["PA"].margin, 2) == 1.16 and round(units["CA"].margin, 1) == 29.2
    shaded = {u.unit: u.fill for u in shade_by_margin(view).units}
    assert shaded["CA"] == units["CA"].fill == "#2166ac"
    assert shaded["PA"] == margin_fill("#2166ac", 1.16) == "#b1c9e2"  # Lean's tint
    assert shaded["TX"] == margin_fill(units["TX"].fill, 5.6) != units["TX"].fill  # 5.6: Likely
    assert units["NE-2"].margin is not None  # districts from their own returns
    out = tmp_path / "m.svg"
    electoral.web.mapfile.write_map("2020", out, margins=True)
    assert "#b1c9e2" in out.read_text() and "shaded by margin" in out.read_text()


def test_the_house_map_travels_with_the_scenario() -> None:
    """A House map (one side, or divided, per state; amend. XII) fixes the delegation counts
    and round-trips through the link (one letter a state) and the JSON."""
    from electoral.record.house import house_delegations

    states = dict(house_delegations(2024).to_dict()["states"])  # R 30, D 18, 2 divided
    states["PA"] = "divided"
    s = make_scenario({"year": 2024, "house": states})
    assert dict(s.delegations or {}) == {"D": 18, "R": 29}
    assert from_share_code(share_code(s)) == s
    assert parse_scenario(json.dumps(s.to_dict())) == s
    with pytest.raises(InputError, match="do not match the House map"):
        make_scenario({"year": 2024, "house": states, "delegations": {"D": 18, "R": 30}})
    with pytest.raises(InputError, match="each of the 50 states"):
        make_scenario({"year": 2024, "house": {"PA": "R"}})
    with pytest.raises(InputError, match="is not one of"):
        make_scenario({"year": 2024, "house": {**states, "OH": "O"}})  # no third candidate
    assert make_scenario({"year": 1956}).house is None
