"""`electoral map`: a year's or a scenario's map written as SVG, or as PNG through a headless
Chromium (Debian's `chromium` package) screenshot of that SVG."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from electoral.errors import InputError
from electoral.maps.view import MapView
from electoral.textfile import read_text

if TYPE_CHECKING:
    from electoral.web.scenario import Scenario

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def scenario_from(source: str) -> Scenario:
    """A scenario from a file (JSON or CSV, as exported) or a share code."""
    from electoral.web.scenario import from_share_code, parse_scenario

    path = Path(source)
    if path.exists():
        return parse_scenario(read_text(path, max_bytes=1_000_000), source)
    if re.fullmatch(r"\d{4}(c\d{4}-\d+-[a-z-]+)?[.~][A-Za-z0-9_~-]*", source):
        return from_share_code(source)
    raise InputError("not a scenario file or a share code", source)


def view_of(source: str) -> MapView:
    """A year ("2020"), a scenario file (JSON or CSV) or a share code ("2024~QhA...~1a2b3c4d")."""
    from electoral.web.view import history_view, scenario_view

    if re.fullmatch(r"\d{4}", source):
        return history_view(int(source))
    try:
        return scenario_view(scenario_from(source))
    except InputError as e:
        if e.problem == "not a scenario file or a share code":
            raise InputError("not a year, a scenario file or a share code", source) from None
        raise


def map_svg(source: int | str, grid: bool = False, margins: bool = False) -> str:
    """The map as an SVG document: `source` is an election year (the record's map), a scenario
    file (JSON or CSV) or a share code; `grid` draws the tile grid; `margins` shades a year's
    units by the winner's popular-vote margin (15 points or more, 5 to 15, under 5)."""
    from electoral.maps.render import svg
    from electoral.maps.view import shade_by_margin

    view = view_of(str(source))
    if margins:
        if not re.fullmatch(r"\d{4}", str(source)):
            raise InputError("margins shade an election year's map, not a scenario", "margins")
        view = shade_by_margin(view)
    return svg(view, grid)


def chromium() -> str | None:
    """The Chromium executable: $ELECTORAL_CHROMIUM, else the first on PATH."""
    given = os.environ.get("ELECTORAL_CHROMIUM")
    if given:
        return given
    return next((p for n in CHROMIUM_NAMES if (p := shutil.which(n))), None)


def svg_size(svg: str) -> tuple[int, int]:
    m = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    if not m:
        raise ValueError("SVG without width and height")
    return round(float(m.group(1))), round(float(m.group(2)))


def png_of(svg: str, out: Path) -> None:
    """Screenshot the SVG at its own size with headless Chromium."""
    exe = chromium()
    if exe is None:
        raise InputError("PNG output needs Chromium (apt-get install chromium); or write .svg",
                         str(out))
    w, h = svg_size(svg)
    with tempfile.TemporaryDirectory(prefix="electoral-map-") as tmp:
        src = Path(tmp) / "map.html"
        # An HTML wrapper: no margins, the SVG at its natural size.
        src.write_text("<!doctype html><html><body style='margin:0'>" + svg + "</body></html>",
                       encoding="utf-8")
        shot = Path(tmp) / "map.png"
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--hide-scrollbars",
               "--force-device-scale-factor=1", f"--user-data-dir={tmp}/profile",
               f"--window-size={w},{h}", f"--screenshot={shot}", src.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise InputError(f"Chromium failed: {e}", str(out)) from None
        if proc.returncode != 0 or not shot.is_file():
            raise InputError(f"Chromium failed (exit {proc.returncode})", str(out))
        shutil.move(str(shot), out)


def write_map(source: str, out: Path, grid: bool = False, margins: bool = False) -> None:
    """Write the map of `source` to `out` (.svg or .png); nothing is written on error."""
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise InputError("the output must end in .svg or .png", str(out))
    if not out.parent.is_dir():
        raise InputError("no such directory", str(out.parent))
    text = map_svg(source, grid, margins)
    if suffix == ".svg":
        out.write_text(text, encoding="utf-8")
    else:
        png_of(text, out)
