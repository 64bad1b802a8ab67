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

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402

WIDTH, HEIGHT = 1400, 900


def ready(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)


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
    page.fill("#deleg-R", "26")
    page.fill("#deleg-D", "20")
    page.press("#deleg-D", "Tab")
    page.wait_for_selector("#p-D")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / "scenario-house.png"))
    page.click("#new-scenario")
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
        browser.close()
    for f in sorted(args.out.glob("*.png")):
        print(f"wrote {f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
