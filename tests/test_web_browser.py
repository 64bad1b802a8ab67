"""The app in a real browser: Playwright driving Debian's Chromium (headless) against a real
`electoral serve` on a loopback port. `.ci/run` installs Chromium (apt-get install chromium)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("web") / "scenarios.duckdb") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert not errors, errors


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def open_scenario(page: Page) -> None:
    """The Scenario tab, once its all toss-up map is drawn (the history map has units too)."""
    page.click("#tab-scenario")
    expect(page.locator("#total-T")).to_have_text("538")


def totals(page: Page) -> tuple[int, int]:
    return int(page.inner_text("#total-D")), int(page.inner_text("#total-R"))


def fills(page: Page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "#map path.unit", "els => Object.fromEntries(els.map(e => [e.dataset.unit, "
        "e.getAttribute('fill')]))")


def test_pick_2020_shows_306_232(page: Page, server: str) -> None:
    open_app(page, server)
    page.select_option("#year", "2020")
    expect(page.locator("#total-D")).to_have_text("306")
    assert totals(page) == (306, 232)
    assert page.inner_text("#name-D") == "Joseph R. Biden Jr."
    assert "Joseph R. Biden Jr." in page.inner_text("#message")
    # The record's map: Pennsylvania for Biden, Texas for Trump; ME-2 and NE-2 split.
    f = fills(page)
    assert f["PA"] == f["MI"] != f["TX"]
    assert page.get_attribute("#u-NE-2 rect", "fill") == f["PA"]
    assert page.get_attribute("#u-ME-2 rect", "fill") == f["TX"]
    assert "2020-12-14" in page.inner_text("#timeline")  # the electors met on 14 December


def test_history_shows_faithless_electors_and_1824_house(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2016")
    page.wait_for_selector("#faithless li")
    text = page.inner_text("#faithless")
    assert "TX: 1 pledged to Donald J. Trump voted for John Kasich" in text
    page.select_option("#year", "1824")
    expect(page.locator("#total-D")).to_have_text("99")
    assert "John Quincy Adams (by the House of Representatives)" in page.inner_text("#message")
    options = page.eval_on_selector_all("#year option", "els => els.map(e => e.value)")
    assert options[0] == "1789" and options[-1] == "2024" and len(options) == 60


def test_click_pennsylvania_changes_totals_by_19(page: Page, server: str) -> None:
    open_app(page, server)
    page.click("#tab-scenario")
    expect(page.locator("#total-T")).to_have_text("538")
    assert totals(page) == (0, 0)
    page.click("#u-PA")
    assert totals(page) == (19, 0)  # 2024's electors: Pennsylvania 19 after the 2020 census
    assert page.get_attribute("#u-PA", "fill") == "#2166ac"  # Safe D
    page.click("#u-PA")
    page.click("#u-PA")
    page.click("#u-PA")  # Safe, Likely, Lean D, then Safe R
    assert totals(page) == (0, 19)
    page.click("#undo")
    assert totals(page) == (19, 0)
    page.focus("#u-TX")
    page.keyboard.press("r")  # keyboard: R sets Safe R
    assert totals(page) == (19, 40)
    page.keyboard.press("Enter")  # and Enter cycles on: Safe R -> Likely R
    assert totals(page) == (19, 40) and page.get_attribute("#u-TX", "fill") == "#d6604d"
    page.click("#reset")
    expect(page.locator("#total-T")).to_have_text("538")


def test_269_269_says_the_house_decides(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2020")
    page.click("#to-scenario")
    expect(page.locator("#total-D")).to_have_text("306")
    for state in ("AZ", "GA", "WI"):  # Safe D -> Likely -> Lean D -> Safe R
        for _ in range(3):
            page.click(f"#u-{state}")
    assert totals(page) == (269, 269)
    message = page.inner_text("#message")
    assert "269-269" in message and "the House decides" in message
    assert "a majority of the 50 states needed (26)" in message
    # The delegation map starts from the House that counted the 2020 votes (117th Congress:
    # Republican majorities in 27 delegations, 20 Democratic, 3 tied).
    page.click("#house-view")
    expect(page.locator("#house-outcome")).to_have_text(
        "Donald J. Trump is elected by the House: 27 of 50 states.")
    assert (page.inner_text("#total-D"), page.inner_text("#total-R"),
            page.inner_text("#total-T")) == ("20", "27", "3")
    assert "no vote in the House" in page.get_attribute("#map [data-unit='DC']", "aria-label")
    for state in ("OH", "WI"):  # Republican delegations made divided
        page.click(f"#u-{state}")
    expect(page.locator("#total-R")).to_have_text("25")
    expect(page.locator("#house-outcome")).to_contain_text("No candidate has 26 states")
    page.click("#u-PA")  # Pennsylvania's 9-9 delegation, made Democratic
    expect(page.locator("#total-D")).to_have_text("21")
    states = sum(int(page.inner_text(f"#total-{k}")) for k in "DRT")
    assert states == 50  # one vote a state: never more than the 50
    page.click("#house-done")
    assert "Delegations Joseph R. Biden Jr. 21, Donald J. Trump 25" in page.inner_text("#message")
    link = page.evaluate("location.href")
    assert "#s=2020~" in link
    page.goto(server + "/#year=2016")  # elsewhere, then the link again: the map comes back
    expect(page.locator("#results h2")).to_contain_text("2016")
    page.goto(link)
    page.click("#house-view")
    expect(page.locator("#total-D")).to_have_text("21")
    assert (page.inner_text("#total-R"), page.inner_text("#total-T")) == ("25", "4")
    assert page.get_attribute("#u-OH", "fill") == "#e0e0e0"  # Ohio as it was left: divided


def test_saved_scenario_reloads_from_its_share_url(page: Page, server: str,
                                                   browser: Browser) -> None:
    open_app(page, server)
    open_scenario(page)
    page.click("#u-PA")
    page.click("#u-NE-2")
    page.click("#b-NH")  # a callout box clicks its state
    page.focus("#u-FL")
    page.keyboard.press("r")
    before = fills(page)
    page.fill("#scenario-name", "Browser test map")
    page.click("#save")
    expect(page.locator("#share-url")).to_have_value(re.compile(re.escape("#s=")))
    share = page.input_value("#share-url")
    page.wait_for_selector("#saved li[data-id]")
    assert "Browser test map" in page.inner_text("#saved")
    other = browser.new_page()
    try:
        open_app(other, share)
        assert fills(other) == before
        assert int(other.inner_text("#total-D")) == 19 + 1 + 4
        assert int(other.inner_text("#total-R")) == 30
        assert other.get_attribute("#u-NE-2 rect", "fill") == "#2166ac"
        assert other.input_value("#scenario-name") == "Browser test map"
    finally:
        other.close()


def test_a_cut_link_shows_a_banner_and_the_default_map(page: Page, server: str,
                                                       browser: Browser) -> None:
    open_app(page, server)
    open_scenario(page)
    page.click("#u-PA")
    page.fill("#scenario-name", "Cut me")
    page.fill("#scenario-notes", "Notes travel in the link")
    link = page.evaluate("location.href")
    assert "~" in link
    cut = browser.new_page()
    try:
        cut.goto(link[:-12])
        cut.wait_for_selector("body[data-ready='1']", timeout=20_000)
        expect(cut.locator("#banner")).to_be_visible()
        assert "damaged or cut short" in cut.inner_text("#banner")
        assert totals(cut) == (312, 226)  # the default: the latest election, its winner first
        assert "Trump" in cut.inner_text("#name-D")
        whole = browser.new_page()
        open_app(whole, link)
        assert whole.input_value("#scenario-notes") == "Notes travel in the link"
        assert whole.is_hidden("#banner")
        whole.close()
    finally:
        cut.close()


def test_back_and_forward_move_between_years(page: Page, server: str) -> None:
    open_app(page, server)
    page.select_option("#year", "2016")
    expect(page.locator("#total-D")).to_have_text("304")
    page.select_option("#year", "2000")
    expect(page.locator("#total-D")).to_have_text("271")
    page.go_back()
    expect(page.locator("#total-D")).to_have_text("304")
    page.go_forward()
    expect(page.locator("#total-D")).to_have_text("271")


def test_tile_grid_and_forecast_panel(page: Page, server: str) -> None:
    open_app(page, server)
    page.click("#tab-scenario")
    page.click("#view-grid")
    page.wait_for_selector("#map rect")
    assert page.locator("#map g.unit").count() == 56  # 51 tiles and 5 district tiles
    page.click("#u-CA")
    assert totals(page) == (54, 0)
    page.wait_for_selector("#p-D", timeout=20_000)
    assert page.inner_text("#forecast-body").count("%") >= 3


def test_export_and_import_csv(page: Page, server: str, tmp_path: Path) -> None:
    open_app(page, server)
    open_scenario(page)
    page.click("#u-PA")
    page.click("#u-ME-2")
    page.fill("#scenario-name", "Spreadsheet, \"quoted\"")
    with page.expect_download() as info:
        page.click("#export-csv")
    path = tmp_path / "scenario.csv"
    info.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "year,census,seats,method,unit,electors,rating,name,notes"
    assert "2024,,435,huntington-hill,PA,19,D3,," in lines and len(lines) == 57
    page.click("#new-scenario")
    expect(page.locator("#total-T")).to_have_text("538")
    page.set_input_files("#import", str(path))
    expect(page.locator("#total-D")).to_have_text("20")
    assert page.input_value("#scenario-name") == 'Spreadsheet, "quoted"'
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text().replace("PA,19,D3", "PA,19,Z9"))
    page.set_input_files("#import", str(bad))
    expect(page.locator("#banner")).to_be_visible()  # not in the share-link field
    assert "bad.csv could not be imported" in page.inner_text("#banner")
    assert "rating must be one of" in page.inner_text("#banner")
    assert totals(page) == (20, 0)  # the map is unchanged


def test_nothing_is_fetched_from_elsewhere_and_the_csp_holds(browser: Browser,
                                                             server: str) -> None:
    """The app and /docs work offline: every request stays on the server, and the page runs
    under its Content-Security-Policy without a violation."""
    pg = browser.new_page()
    requests: list[str] = []
    violations: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("console", lambda m: violations.append(m.text)
          if "Content Security Policy" in m.text else None)
    open_app(pg, server)
    pg.goto(server + "/docs")
    expect(pg.locator("#operations h2").first).to_contain_text("/api/")
    pg.close()
    assert requests and all(u.startswith(server) for u in requests), \
        [u for u in requests if not u.startswith(server)]
    assert violations == []


def test_the_models_forecast_opens_under_the_map(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2016")
    box = page.locator("#model-forecast")
    expect(box).to_be_visible()
    page.click("#model-forecast summary")
    expect(page.locator("#model-summary")).to_contain_text("Democrat")
    for chart in ("#snake-chart", "#series-chart"):
        expect(page.locator(chart)).to_have_js_property("complete", True, timeout=60_000)
        expect(page.locator(chart)).not_to_have_js_property("naturalWidth", 0)
    page.select_option("#year", "1824")  # no polls before 2008: nothing offered
    expect(box).to_be_hidden()


def test_history_lists_every_candidate_and_district_votes(page: Page, server: str) -> None:
    open_app(page, server + "/#year=1992")
    expect(page.locator("#results")).to_contain_text("Ross Perot")  # 18.9%, no elector
    open_app(page, server + "/#year=1800")
    expect(page.locator("#name-D")).to_have_text("Thomas Jefferson")  # tied 73-73 with Burr
    adams = page.eval_on_selector_all("#results tr", "rs => rs.filter(r => r.innerText.includes("
                                      "'John Adams')).map(r => r.querySelector('.swatch')"
                                      ".style.backgroundColor)")[0]
    assert page.eval_on_selector("#u-MA", "e => getComputedStyle(e).fill") == adams
    open_app(page, server + "/#year=1876")
    expect(page.locator("#results h2")).to_contain_text("1876")
    expect(page.locator("#u-OH")).to_have_attribute("fill", "#b2182b")  # Hayes: Republican
    open_app(page, server + "/#year=1824")
    expect(page.locator("#not-applicable")).to_contain_text("the house chose")
    open_app(page, server + "/#year=2020")
    page.check("#shade")  # margin shading: Pennsylvania's 1.2 points pale, California's 29 full
    assert page.get_attribute("#u-PA", "fill") == "#b1c9e2"
    assert page.get_attribute("#u-CA", "fill") == "#2166ac"
    page.uncheck("#shade")
    assert page.get_attribute("#u-PA", "fill") == "#2166ac"
    page.click("#u-NE-2")
    expect(page.locator("#unit-detail")).to_contain_text("district 2: 1 elector")
    expect(page.locator("#unit-detail")).to_contain_text("Joseph R. Biden Jr.")


def test_every_rating_moves_the_forecast(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2024")
    page.click("#tab-scenario")
    page.click("#new-scenario")
    expect(page.locator("#total-T")).to_have_text("538")
    page.wait_for_selector("#p-D")

    def chance() -> str:
        return page.inner_text("#p-D")

    start = chance()
    for _ in range(3):  # Safe D -> Likely D -> Lean D
        page.click("#u-PA")
    expect(page.locator("#p-D")).not_to_have_text(start)
    lean = chance()
    page.click("#u-PA", modifiers=["Shift"])  # back to Likely D
    expect(page.locator("#p-D")).not_to_have_text(lean)
    assert "fixed" not in page.inner_text("#forecast-body")
    expect(page.locator("#tipping")).to_contain_text("%")  # tipping points from every rating


def test_no_console_error_or_failed_request_through_every_year(browser: Browser,
                                                               server: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        open_app(page, server + "/#year=1789")
        years = [int(y) for y in page.eval_on_selector_all(
            "#year option", "os => os.map(o => o.value)")]
        assert years[0] == 1789 and years[-1] == 2024
        for year in years:
            page.select_option("#year", str(year))
            expect(page.locator("#results h2")).to_contain_text(str(year))
            expect(page.locator("#analysis p, #analysis li").first).not_to_have_text("Computing...")
        page.click("#tab-scenario")
        for year in years[::4]:
            page.select_option("#scenario-year", str(year))
            page.click(f"#u-{'VA' if year < 1792 else 'NY'}")
            page.wait_for_selector("#p-D")
            expect(page.locator("#forecast-body")).to_contain_text("wins")
        page.click("#tab-live")  # and the Live view, both years, along the slider
        for year, at in (("2024", "25"), ("2024", "75"), ("2020", "10")):
            page.select_option("#live-year", year)
            page.fill("#live-at", at)
            page.dispatch_event("#live-at", "input")
            expect(page.locator("#live-summary")).to_contain_text(f"{year} (", timeout=30_000)
            expect(page.locator("#live-summary")).to_contain_text(f"{at}% counted")
        assert problems == [], problems[:10]
    finally:
        page.close()


def _swing_state_map(page: Page) -> None:
    """2024 as it went, then the seven swing states made toss-ups with the keyboard."""
    page.click("#to-scenario")
    expect(page.locator("#total-D")).to_have_text("226")  # Harris, the D side
    for state in SWING_2024:
        page.focus(f"#u-{state}")
        page.keyboard.press("t")


SWING_2024 = ("AZ", "GA", "MI", "NV", "NC", "PA", "WI")


def _enumerate_2024() -> dict[str, int]:
    """Every combination of the swing states, enumerated here from the record's electors
    (results(2024)), not by the module under test."""
    from itertools import product

    from electoral.results import results

    doc = results(2024).to_dict()
    held = {"D": 0, "R": 0}
    swing = {}
    for s in doc["states"]:
        if s["state"] in SWING_2024:
            swing[s["state"]] = s["electors"]
            continue
        for c in s["president"]:
            held["D" if c["party"] == "Democratic" else "R"] += c["electoral_votes"]
    out = {"D": 0, "R": 0, "none": 0, "combinations": 0}
    for sides in product("DR", repeat=len(swing)):
        d = held["D"] + sum(n for n, s in zip(swing.values(), sides, strict=True) if s == "D")
        r = 538 - d
        out["combinations"] += 1
        out["D" if d >= 270 else "R" if r >= 270 else "none"] += 1
    return out


def test_paths_of_the_swing_states_in_the_app(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2024")
    _swing_state_map(page)
    expect(page.locator("#total-T")).to_have_text("93")
    ref = _enumerate_2024()
    expect(page.locator("#paths-combinations")).to_have_text(str(ref["combinations"]))
    assert ref["combinations"] == 128
    expect(page.locator("#paths-wins-D")).to_have_text(str(ref["D"]))
    assert page.inner_text("#paths-wins-R") == str(ref["R"])
    assert page.inner_text("#paths-none") == str(ref["none"])
    # The decision tree: Pennsylvania first, to Trump; then 64 paths remain.
    page.select_option("#paths-next", "PA")
    expect(page.locator("#paths-next")).to_have_value("PA")
    page.click("button.branch[data-side='R']")
    expect(page.locator("#paths .decided")).to_contain_text("PA")
    expect(page.locator("#paths-next")).not_to_have_value("PA")
    page.click("#paths-back")
    expect(page.locator("#paths .decided")).to_have_count(0)


@pytest.mark.parametrize(("width", "height", "touch"), [(390, 844, True), (1024, 768, False),
                                                       (360, 740, True)])
def test_phones_and_laptops_fit_with_44_pixel_targets(browser: Browser, server: str, width: int,
                                                       height: int, touch: bool) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch,
                              is_mobile=touch)
    pg = ctx.new_page()
    try:
        for mode in ("history", "scenario"):
            open_app(pg, server + "/#year=2024")
            if mode == "scenario":
                pg.click("#tab-scenario")
                pg.wait_for_selector("#u-PA")
            assert pg.evaluate("document.documentElement.scrollWidth <= innerWidth"), mode
            sizes = pg.eval_on_selector_all(
                "#map .unit", "es => es.map(e => { const r = e.getBoundingClientRect(); "
                "return [e.dataset.unit, r.width, r.height]; })")
            assert len(sizes) >= 56  # every voting unit is a target
            small = [s for s in sizes if s[1] < 44 or s[2] < 44]
            assert small == [], small[:5]
            # The totals: numbers a reader can read, apart from each other.
            boxes = [pg.locator(f"#total-{k}").bounding_box() for k in "DR"]
            assert all(b is not None and b["height"] >= 16 for b in boxes)
            assert boxes[0]["x"] + boxes[0]["width"] < boxes[1]["x"]  # type: ignore[index]
            assert int(pg.inner_text("#total-D")) + int(pg.inner_text("#total-R")) + (
                int(pg.inner_text("#total-T")) if mode == "scenario" else 0) == 538
        if touch:
            assert pg.locator("#map g.unit").count() >= 56  # phones start on the tiles
            assert "Tap a state" in pg.inner_text("#hint")
            pg.tap("#u-PA")
            expect(pg.locator("#sheet")).to_be_visible()
            pg.tap("#sheet button[data-rating='D1']")
            expect(pg.locator("#sheet")).to_be_hidden()
            assert pg.get_attribute("#u-PA rect", "fill") == "#92c5de"  # Lean D
            assert pg.inner_text("#total-D") == "19"
    finally:
        ctx.close()


def test_png_and_svg_export(page: Page, server: str, tmp_path: Path) -> None:
    import struct

    open_app(page, server + "/#year=2020")
    with page.expect_download() as info:
        page.click("#export-png")
    path = tmp_path / "map.png"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = struct.unpack(">II", data[16:24])  # IHDR: twice the map's size
    assert (width, height) == (2 * 1150, 2 * (674 + 56))
    assert info.value.suggested_filename == "electoral-2020.png"
    with page.expect_download() as info:
        page.click("#export-svg")
    svg = (tmp_path / "map.svg")
    info.value.save_as(svg)
    text = svg.read_text()
    assert text.startswith("<svg") and "Pennsylvania" in text and "306" in text


def test_a_link_round_trips_candidates_colours_notes_and_delegations(page: Page, server: str,
                                                                    browser: Browser) -> None:
    open_app(page, server + "/#year=1968")
    page.click("#to-scenario")  # Wallace's states go to the third candidate
    expect(page.locator("#total-O")).to_have_text("45")
    assert page.input_value("#cand-O") == "George C. Wallace"
    page.fill("#cand-D", "Hubert Humphrey (edited)")
    page.press("#cand-D", "Tab")
    page.fill("#color-D", "#008000")
    page.fill("#scenario-notes", "What if the South had voted otherwise?")
    page.focus("#u-TX")
    page.keyboard.press("o")  # Texas to Wallace too
    expect(page.locator("#total-O")).to_have_text("70")
    link = page.evaluate("location.href")
    other = browser.new_page()
    try:
        open_app(other, link)
        assert other.input_value("#cand-D") == "Hubert Humphrey (edited)"
        assert other.input_value("#cand-O") == "George C. Wallace"
        assert other.input_value("#color-D") == "#008000"
        assert other.input_value("#scenario-notes") == "What if the South had voted otherwise?"
        assert other.inner_text("#total-O") == "70"
        assert other.get_attribute("#u-MN", "fill") == "#008000"  # Humphrey's home, Safe
        assert other.get_attribute("#u-TX", "fill") == page.get_attribute("#u-AL", "fill")
    finally:
        other.close()


def test_save_writes_over_and_a_delete_can_be_undone(page: Page, server: str) -> None:
    open_app(page, server)
    open_scenario(page)
    page.fill("#scenario-name", "Only once")
    page.click("#u-PA")
    page.click("#save")
    row = page.locator("#saved li[data-id]", has_text="Only once")
    expect(row).to_have_count(1)
    page.click("#u-OH")
    page.click("#save")  # the same scenario again: written over, not added
    page.wait_for_timeout(300)
    expect(row).to_have_count(1)
    expect(page.locator("#save-copy")).to_be_visible()
    page.click("#saved li[data-id] button[aria-label='Delete Only once']")
    expect(row).to_have_count(0)
    page.click("#undo-delete")
    expect(row).to_have_count(1)
    row.locator("button", has_text="Open").click()
    expect(page.locator("#total-D")).to_have_text("36")  # PA 19 and OH 17, as saved last


def test_keyboard_skip_link_arrows_and_undo_focus(page: Page, server: str) -> None:
    open_app(page, server + "/#year=2024")
    open_scenario(page)
    first = page.evaluate("document.querySelector('a[href], button, select, input').id")
    assert first == "skip"  # the first stop in the tab order
    page.focus("#skip")
    expect(page.locator("#skip")).to_be_in_viewport()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#map') !== null")
    page.focus("#u-PA")
    page.keyboard.press("ArrowRight")  # east of Pennsylvania: New Jersey's box or New York
    east = page.evaluate("document.activeElement.dataset.unit")
    assert east in ("NJ", "NY", "CT", "MD", "DE")
    page.focus("#u-PA")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.unit") == "OH"
    page.keyboard.press("d")
    expect(page.locator("#total-D")).to_have_text("17")
    page.keyboard.press("u")  # undone, and the focus stays on Ohio
    expect(page.locator("#total-D")).to_have_text("0")
    assert page.evaluate("document.activeElement.dataset.unit") == "OH"
    assert "#year=" not in page.evaluate("location.href")


def test_the_live_view_replays_election_night(page: Page, server: str) -> None:
    """2020 replayed: at 50% counted the uncalled states are listed with intervals and the
    paths still open; with every county counted, the record's pledged 306-232."""
    open_app(page, server + "/#live=2020&at=50&seed=7&order=random")
    expect(page.locator("#live-table")).to_be_visible(timeout=30_000)
    assert page.locator("#tab-live").get_attribute("aria-selected") == "true"
    called = int(page.inner_text("#total-D")) + int(page.inner_text("#total-R"))
    assert called + int(page.inner_text("#total-T")) == 538
    assert "GA" in page.inner_text("#live-table")  # 0.24 point: never called at half the count
    expect(page.locator("#live-paths-combinations")).to_be_visible()
    page.click("#u-GA")
    expect(page.locator("#live-unit")).to_contain_text("Georgia: 16 electors")
    page.fill("#live-at", "100")
    page.dispatch_event("#live-at", "input")
    expect(page.locator("#total-D")).to_have_text("306", timeout=30_000)
    assert page.inner_text("#total-R") == "232" and page.inner_text("#total-T") == "0"
    expect(page.locator("#live-paths-none")).to_be_visible()
    assert "at=100" in page.evaluate("location.href")


@pytest.mark.parametrize("width", [1280, 1920])
def test_wide_screens_never_scroll_sideways(browser: Browser, server: str, width: int) -> None:
    pg = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for url, ready in (("/#year=1992", "#results h2"), ("/#live=2020&at=50", "#live-table")):
            pg.goto(server + url)
            pg.wait_for_selector(ready, timeout=30_000)
            assert pg.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
    finally:
        pg.close()
