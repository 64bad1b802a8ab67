"""Screenshots of the app's main views for the docs (docs/screenshots/*.png).

    python scripts/screenshots.py [--out docs/screenshots]

Starts `electoral serve` on a free loopback port with a throw-away scenario store, drives
Debian's Chromium (headless) with Playwright, and saves one PNG per view.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402

WIDTH, HEIGHT = 1400, 900


def ready(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    if "#year=" in url:  # a hash change on the same page: wait for that year's results
        expect(page.locator("#results h2")).to_contain_text(url.split("#year=")[1],
                                                            timeout=30_000)


def history(page: Page, base: str, out: Path) -> None:
    ready(page, base + "/#year=2020")
    page.wait_for_selector("#analysis li")
    page.screenshot(path=str(out / "history-2020.png"))
    ready(page, base + "/#year=1824")
    page.wait_for_selector("#timeline tr")
    page.screenshot(path=str(out / "history-1824.png"))
    ready(page, base + "/#year=2016")
    page.click("#model-forecast summary")
    page.wait_for_selector("#series-chart", timeout=60_000)
    for chart in ("#series-chart", "#snake-chart"):
        expect(page.locator(chart)).to_have_js_property("complete", True, timeout=60_000)
        expect(page.locator(chart)).not_to_have_js_property("naturalWidth", 0)
    page.locator("#model-forecast").screenshot(path=str(out / "forecast-2016.png"))


def scenario(page: Page, base: str, out: Path) -> None:
    ready(page, base + "/#year=2020")
    page.click("#to-scenario")
    expect(page.locator("#total-D")).to_have_text("306")
    for state in ("AZ", "GA", "WI"):
        for _ in range(3):
            page.click(f"#u-{state}")
    page.wait_for_selector("#p-D")
    page.wait_for_selector("#paths-combinations")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-269.png"))
    page.click("#house-view")  # the delegation map: the 117th Congress's delegations
    page.wait_for_selector("#house-outcome")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-house.png"))
    page.click("#house-done")
    ready(page, base + "/#year=2024")
    page.click("#to-scenario")
    expect(page.locator("#total-D")).to_have_text("226")
    for state in ("AZ", "GA", "MI", "NV", "NC", "PA", "WI"):
        page.focus(f"#u-{state}")
        page.keyboard.press("t")
    expect(page.locator("#paths-combinations")).to_have_text("128")
    page.select_option("#paths-next", "PA")
    page.click("button.branch[data-side='R']")
    page.wait_for_selector("#paths .decided")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-paths.png"), full_page=True)
    ready(page, base + "/#year=1968")
    page.click("#to-scenario")
    expect(page.locator("#total-O")).to_have_text("45")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-1968-third.png"))
    ready(page, base + "/")
    page.click("#tab-scenario")
    expect(page.locator("#total-T")).to_have_text("538")
    page.click("#view-grid")
    for unit in ("CA", "NY", "IL", "PA", "MI", "NE-2"):
        page.click(f"#u-{unit}")
    for unit in ("TX", "FL", "OH", "GA", "NC"):
        page.focus(f"#u-{unit}")
        page.keyboard.press("r")
    page.click("#u-AZ")
    page.click("#u-AZ")
    page.click("#u-AZ")  # Lean D
    page.wait_for_timeout(600)
    page.wait_for_selector("#p-D")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-tiles.png"), full_page=True)


def live(page: Page, base: str, out: Path) -> None:
    """Election night, 2020 replayed at half the count and 2024 at 90%."""
    ready(page, base + "/#live=2020&at=50&seed=7&order=random")
    page.click("#view-map")
    page.wait_for_selector("#live-table", timeout=60_000)
    page.click("#u-GA")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "live-2020-half.png"), full_page=True)
    ready(page, base + "/#live=2024&at=90&seed=7&order=small-first")
    expect(page.locator("#live-summary")).to_contain_text("2024", timeout=60_000)
    page.wait_for_selector("#live-paths li, #live-paths-none", timeout=60_000)
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "live-2024-90.png"), full_page=True)


def phone(browser: Browser, base: str, out: Path) -> None:
    """A 390x844 phone: the tiles, the totals, a rating sheet; and a 1024x768 laptop."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                              is_mobile=True, device_scale_factor=2)
    page = ctx.new_page()
    ready(page, base + "/#year=2020")
    page.screenshot(path=str(out / "phone-history-2020.png"))
    page.click("#tab-scenario")
    page.wait_for_selector("#u-PA")
    for unit, rating in (("CA", "D3"), ("TX", "R3"), ("NY", "D3"), ("FL", "R2")):
        page.tap(f"#u-{unit}")
        page.tap(f"#sheet button[data-rating='{rating}']")
    page.tap("#u-PA")
    expect(page.locator("#sheet")).to_be_visible()
    page.screenshot(path=str(out / "phone-scenario-sheet.png"))
    ctx.close()
    laptop = browser.new_page(viewport={"width": 1024, "height": 768})
    ready(laptop, base + "/#year=2024")
    laptop.check("#shade")
    laptop.mouse.move(0, 0)
    laptop.screenshot(path=str(out / "laptop-2024-margins.png"))
    laptop.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "s.duckdb") as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        history(page, base, args.out)
        scenario(page, base, args.out)
        live(page, base, args.out)
        phone(browser, base, args.out)
        browser.close()
    for f in sorted(args.out.glob("*.png")):
        print(f"wrote {f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
