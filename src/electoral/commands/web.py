"""`electoral serve` (the browser app) and `electoral map` (the map as SVG or PNG)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from electoral.commands.base import app


@app.command(short_help="Start the browser app (the electoral map) on 127.0.0.1.")
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to bind (loopback by default; "
                                                    "0.0.0.0 exposes the app to the network).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="TCP port.")] = 8000,
    db: Annotated[Path | None, typer.Option("--db", help="Scenario store (DuckDB file); default "
                                            "$XDG_DATA_HOME/electoral/scenarios.duckdb.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="A host name the app answers to besides the one it is bound to "
                             "and the loopback names (repeat it; '*' for any).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=16,
                                         help="Threads for CPU-heavy requests (1: the "
                                              "work mostly holds Python's lock, so a "
                                              "second thread slows both).")] = 1,
) -> None:
    """Serve the interactive map, scenarios and the JSON API (create_app()). The store is
    opened and checked first: a file that is not a scenario store, or one another server is
    using, is refused with one line."""
    import uvicorn

    from electoral.web.app import create_app

    hosts = [*(allow_host or [])]
    if host not in ("0.0.0.0", "::"):
        hosts.append(host)
    elif not hosts:
        print("electoral: bound to all interfaces: give the names clients use with "
              "--allow-host (only the loopback names are answered now)", flush=True)
    app = create_app(db, hosts=hosts, workers=workers)  # a bad --db fails here, one line
    print(f"electoral: serving the map at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@app.command("map", short_help="Draw an election's or a scenario's map as SVG or PNG.")
def map_cmd(
    source: Annotated[str, typer.Argument(help="An election year (the record's map), a scenario "
                                               "file (JSON or CSV, as exported by the app) or a "
                                               "share code.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.svg or FILE.png.")],
    grid: Annotated[bool, typer.Option("--grid", help="The tile grid instead of the map.")
                    ] = False,
    margins: Annotated[bool, typer.Option(
        "--margins", help="Shade a year's units by the winner's margin (15+, 5-15, <5 points).")
                       ] = False,
) -> None:
    """Render the map the app shows, in Python (render.svg(); PNG via headless Chromium)."""
    from electoral.web.mapfile import write_map

    write_map(source, output, grid, margins)
    print(f"wrote {output}")
