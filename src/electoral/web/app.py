"""The JSON API and the single-page app (`electoral serve`).

Every endpoint mirrors a Python function and returns its documented JSON (docs/json.md,
docs/web.md). Bad requests get a 4xx with a one-line `detail`; request bodies are validated
(pydantic) and bounded in size. The only file the server writes is its scenario store.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as Path_
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from electoral.errors import ElectoralError, InputError, NoElectionError

MAX_BODY = 2 * 1024 * 1024  # bytes; a full year's returns as JSON rows are about 1 MiB
MAX_ROWS = 20_000
STATIC = Path(__file__).resolve().parent / "static"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes with 413, whether or not
    the client declared a Content-Length (the body is read up to the limit, then replayed)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "DELETE", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _too_large(self.limit, send)
                return
            chunks.append(chunk)
            more = msg.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(limit: int, send: Send) -> None:
    body = f'{{"detail":"request body larger than {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class ReturnRowIn(BaseModel):
    """One row of returns, as in a returns file (electoral.returns)."""

    model_config = ConfigDict(extra="forbid")
    state: StrictStr = Field(max_length=40)
    district: StrictInt | None = Field(default=None, ge=0, le=99)
    candidate: StrictStr = Field(max_length=200)
    party: StrictStr | None = Field(default=None, max_length=200)
    votes: StrictInt = Field(ge=0, le=10**10)
    running_mate: StrictStr | None = Field(default=None, max_length=200)


class TallyIn(BaseModel):
    """POST /api/tally: returns and the election year; optional contingent-election votes."""

    model_config = ConfigDict(extra="forbid")
    year: StrictInt
    rows: list[ReturnRowIn] = Field(min_length=1, max_length=MAX_ROWS)
    delegations: dict[StrictStr, StrictStr] | None = Field(default=None, max_length=60)
    senators: dict[StrictStr, StrictInt] | None = Field(default=None, max_length=20)
    strict: bool = False  # refuse two spellings of one candidate instead of merging them


class ImportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(max_length=200_000)


class ForecastIn(BaseModel):
    """POST /api/forecast: a prior from a past election plus a swing, an error model, and the
    units the user has fixed (unit -> "D" or "R")."""

    model_config = ConfigDict(extra="forbid")
    year: StrictInt = Field(ge=1789, le=2028)
    from_year: StrictInt | None = Field(default=None, ge=1789, le=2024)
    swing: StrictStr | float = Field(default=0.0)
    sd: float = Field(default=4.0, gt=0, le=30)
    national_sd: float = Field(default=3.0, ge=0, le=30)
    conditions: dict[StrictStr, Literal["D", "R"]] = Field(default_factory=dict, max_length=60)


def out(doc: Any, status: int = 200) -> Response:
    """A JSON response, serialised once with the json module: FastAPI's generic encoder
    (jsonable_encoder) costs more than the tally itself on a full results document."""
    return Response(json.dumps(doc, ensure_ascii=False, allow_nan=False,
                               separators=(",", ":")).encode(), status,
                    media_type="application/json")


@lru_cache(maxsize=512)
def record_json(kind: str, key: int) -> bytes:
    """The record's documents, serialised once per process: the record is immutable.
    Errors (an unknown year) are raised, not cached."""
    if kind == "results":
        from electoral.results import results

        doc = results(key).to_dict()
    elif kind == "view":
        from electoral.web.view import history_view

        doc = history_view(key).to_dict()
    elif kind == "timeline":
        from electoral.documents import timeline_document

        doc = timeline_document(key)
    elif kind == "map":
        from electoral.maps.shapes import shapes
        from electoral.web.scenario import ALPHABET, RATING_LABELS, RATINGS
        from electoral.web.view import RATING_FILLS, RATING_INKS

        doc = {**shapes().to_dict(), "ratings": [
            {"code": r, "label": RATING_LABELS[r], "fill": RATING_FILLS[r],
             "ink": RATING_INKS[r]} for r in RATINGS], "alphabet": ALPHABET}
    else:
        from electoral.analysis import analyze

        doc = analyze(key).to_dict()
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _status(e: ElectoralError) -> int:
    from electoral.web.store import NotFound

    return 404 if isinstance(e, NoElectionError | NotFound) else 400


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(db_path: Path | str | None = None) -> FastAPI:
    """The app. `db_path`: the scenario store's DuckDB file (default: the user's data
    directory, see electoral.web.store.default_path); opened on first use."""
    from electoral.web.store import Store

    store: list[Store] = []

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if store:
            store[0].close()

    app = FastAPI(title="electoral", version="0.1.0", lifespan=lifespan,
                  description="The United States presidential election machinery: the record "
                              "1789-2024, the engine, scenarios and forecasts.")
    app.add_middleware(BodyLimit)

    def db() -> Store:
        if not store:
            store.append(Store(db_path))
        return store[0]

    @app.exception_handler(ElectoralError)
    async def electoral_error(_: Request, exc: ElectoralError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=_status(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_detail(exc)}, status_code=422)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(resources.files("electoral.web").joinpath("static", "index.html")
                            .read_text("utf-8"), headers={"cache-control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/map", summary="Map shapes and palette (map_states/insets/grid data)")
    def map_shapes() -> Response:
        return Response(record_json("map", 0), media_type="application/json")

    @app.get("/api/years", summary="Election years in the record; censuses and methods")
    def years() -> Response:
        from electoral.apportionment import METHODS, censuses
        from electoral.record.catalog import years as run

        return out({"years": list(run()), "scenario_years": [*run(), 2028],
                "censuses": list(censuses()), "methods": list(METHODS)})

    @app.get("/api/results/{year}", summary="results(year).to_dict(): as `electoral results`")
    def results(year: int) -> Response:
        return Response(record_json("results", year), media_type="application/json")

    @app.get("/api/timeline/{year}", summary="timeline(year): as `electoral timeline`")
    def timeline(year: int) -> Response:
        from electoral.law.regimes import is_election_year

        if not is_election_year(year):
            raise NoElectionError(f"no presidential election is held in {year}", str(year))
        return Response(record_json("timeline", year), media_type="application/json")

    @app.get("/api/view/{year}", summary="The record's map of a year: a colour per unit")
    def view(year: int) -> Response:
        return Response(record_json("view", year), media_type="application/json")

    # Run on the event loop, not the thread pool: a tally is a few milliseconds of pure
    # Python, and threads contending for the GIL would add their switch interval to each.
    @app.post("/api/tally", summary="tally(returns, year).to_dict(): as `electoral tally`")
    async def tally(body: TallyIn) -> Response:
        from electoral.errors import NoElectionError as NoElection
        from electoral.law.regimes import is_election_year
        from electoral.record import catalog
        from electoral.returns import parse_rows
        from electoral.tally import tally as run

        if not is_election_year(body.year):
            raise NoElection(f"no presidential election is held in {body.year}", str(body.year))
        known = catalog.year_candidates(body.year) if body.year in catalog.years() else ()
        returns = parse_rows(((i, r.model_dump()) for i, r in enumerate(body.rows, start=1)),
                             "rows", body.year, catalog.names(), known, body.strict)
        return out(run(returns, body.year, delegations=body.delegations,
                   senators=body.senators).to_dict())

    @app.get("/api/apportion/{census}", summary="apportion_census(census, seats, method)")
    def apportion(census: int, seats: Annotated[int | None, Query(ge=1, le=2000)] = None,
                  method: Annotated[str | None, Query(max_length=40)] = None) -> Response:
        from electoral.apportionment import apportion_census

        return out(apportion_census(census, seats, method).to_dict())

    @app.get("/api/analyze/{year}", summary="analysis.analyze(year).to_dict()")
    def analyze(year: int) -> Response:
        return Response(record_json("analyze", year), media_type="application/json")

    @app.post("/api/forecast", summary="forecast(...).to_dict(), conditioned on fixed units")
    def forecast(body: ForecastIn) -> Response:
        from electoral.forecasting import ErrorModel
        from electoral.forecasting import forecast as run
        from electoral.forecasting.inputs import base_year

        if isinstance(body.swing, str) and len(body.swing) > 12:
            raise InputError("swing looks like D+2 or R+1.5", "swing")
        return out(run(year=body.year, from_year=body.from_year or base_year(body.year),
                   swing=body.swing, sd=body.sd, errors=ErrorModel(national_sd=body.national_sd),
                   conditions=body.conditions).to_dict())

    @app.post("/api/scenario", summary="Validate a scenario: its units, totals and share code")
    def scenario(doc: Annotated[dict[str, Any], Body()]) -> Response:
        from electoral.web.scenario import make_scenario

        return out(make_scenario(doc).to_dict())

    @app.get("/api/share/{code}", summary="The scenario a share code encodes")
    def share(code: Annotated[str, Path_(max_length=200)]) -> Response:
        from electoral.web.scenario import from_share_code

        return out(from_share_code(code).to_dict())

    @app.post("/api/scenario/import", summary="A scenario from exported JSON or CSV text")
    def import_scenario(body: ImportIn) -> Response:
        from electoral.web.scenario import parse_scenario

        return out(parse_scenario(body.text, "import").to_dict())

    @app.get("/api/scenarios", summary="Saved scenarios, newest first")
    def list_scenarios() -> Response:
        return out({"scenarios": [s.summary() for s in db().list()]})

    @app.post("/api/scenarios", status_code=201, summary="Save a scenario")
    def create(doc: Annotated[dict[str, Any], Body()]) -> Response:
        from electoral.web.scenario import make_scenario

        return out(db().create(make_scenario(doc)).to_dict(), 201)

    @app.get("/api/scenarios/{sid}", summary="A saved scenario")
    def read(sid: Annotated[str, Path_(max_length=40)]) -> Response:
        return out(db().get(sid).to_dict())

    @app.get("/api/scenarios/{sid}/export", summary="A saved scenario as JSON or CSV")
    def export(sid: Annotated[str, Path_(max_length=40)],
               format: Literal["json", "csv"] = "json") -> Response:
        from electoral.web.scenario import to_csv

        saved = db().get(sid)
        name = f"scenario-{sid}.{format}"
        headers = {"content-disposition": f'attachment; filename="{name}"'}
        if format == "csv":
            return Response(to_csv(saved.scenario), media_type="text/csv", headers=headers)
        return Response(json.dumps(saved.to_dict(), indent=2), media_type="application/json",
                        headers=headers)

    @app.delete("/api/scenarios/{sid}", status_code=204, summary="Delete a saved scenario")
    def delete(sid: Annotated[str, Path_(max_length=40)]) -> Response:
        db().delete(sid)
        return Response(status_code=204)

    @app.get("/api/map.svg", summary="The map rendered in Python (as `electoral map`)")
    def map_svg(year: Annotated[int | None, Query()] = None,
                code: Annotated[str | None, Query(max_length=200)] = None,
                grid: bool = False) -> Response:
        from electoral.maps.render import svg
        from electoral.web.scenario import from_share_code
        from electoral.web.view import history_view, scenario_view

        if (year is None) == (code is None):
            raise InputError("give either year or code", "map.svg")
        v = history_view(year) if year is not None else scenario_view(
            from_share_code(code or ""))
        return Response(svg(v, grid), media_type="image/svg+xml")

    return app

