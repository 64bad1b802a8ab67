"""The JSON API and the single-page app (`electoral serve`).

Every endpoint mirrors a Python function and returns its documented JSON (docs/json.md,
docs/web.md). Bad requests get a 4xx with a one-line `detail`; request bodies are validated
(pydantic: finite numbers in range, text that is valid Unicode) and bounded in size.

The server defends itself: it answers only to the host names it is bound to (DNS
rebinding), sends nosniff, a Content-Security-Policy of its own origin and frame-ancestors
'none'; CPU-heavy work (tallies, forecasts, the record's documents on first use, rendered
maps) runs in a bounded pool of worker threads, and a full pool answers 503 with Retry-After;
every cache a request can key is bounded. The scenario store is opened and verified at start.
The only file the server writes is its scenario store.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, MutableMapping
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import anyio
from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as Path_
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException

from electoral.errors import ElectoralError, InputError, NoElectionError
from electoral.web.live_api import LiveReplayIn, replay_document
from electoral.web.store import MAX_PAGE, MAX_SCENARIOS, PAGE

MAX_BODY = 2 * 1024 * 1024  # bytes; a full year's returns as JSON rows are about 1 MiB
MAX_ROWS = 20_000
T = TypeVar("T")
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



def _valid_text(value: str) -> str:
    """Text must be encodable: a lone surrogate ("\\ud800") is refused, not stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text (a lone surrogate)") from None
    return value


Text = Annotated[StrictStr, AfterValidator(_valid_text)]


class Problem(BaseModel):
    """Every error: one line saying where and what."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A bad request: the detail says what and where"},
    404: {"model": Problem, "description": "No such election, scenario or census"},
    413: {"model": Problem, "description": "Request body too large"},
    422: {"model": Problem, "description": "The request does not match the schema"},
    503: {"model": Problem, "description": "Busy: try again after Retry-After seconds"},
}


class ReturnRowIn(BaseModel):
    """One row of returns, as in a returns file (electoral.returns)."""

    model_config = ConfigDict(extra="forbid")
    state: Text = Field(max_length=40)
    district: StrictInt | None = Field(default=None, ge=0, le=99)
    candidate: Text = Field(max_length=200)
    party: Text | None = Field(default=None, max_length=200)
    votes: StrictInt = Field(ge=0, le=10**10)
    running_mate: Text | None = Field(default=None, max_length=200)


class TallyIn(BaseModel):
    """POST /api/tally: returns and the election year; optional contingent-election votes."""

    model_config = ConfigDict(extra="forbid")
    year: StrictInt = Field(ge=1789, le=2424)
    rows: list[ReturnRowIn] = Field(min_length=1, max_length=MAX_ROWS)
    delegations: dict[Text, Text] | None = Field(default=None, max_length=60)
    senators: dict[Text, Annotated[StrictInt, Field(ge=0, le=200)]] | None = Field(
        default=None, max_length=20)
    strict: bool = False  # refuse two spellings of one candidate instead of merging them


class ImportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "year,census,seats,method,unit,electors,rating\n"
                "2024,,435,huntington-hill,PA,19,D3\n"}]})
    text: Text = Field(max_length=200_000)


Points = Annotated[float, Field(allow_inf_nan=False)]


class ForecastIn(BaseModel):
    """POST /api/forecast: a prior from a past election plus a swing, an error model (left
    out: the sizes fitted on history), and the units the user has fixed (unit -> "D" or
    "R")."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"year": 2028, "swing": "R+1", "conditions": {"PA": "D"}}]})
    year: StrictInt = Field(ge=1789, le=2424)
    from_year: StrictInt | None = Field(default=None, ge=1789, le=2424)
    swing: Annotated[Text, Field(max_length=12)] | Annotated[
        Points, Field(strict=True, ge=-100, le=100)] = 0.0
    sd: Annotated[Points, Field(gt=0, le=30)] | None = None  # None: fitted on history
    national_sd: Annotated[Points, Field(ge=0, le=30)] | None = None
    regional_sd: Annotated[Points, Field(ge=0, le=30)] | None = None
    conditions: dict[Annotated[Text, Field(max_length=8)], Literal["D", "R"]] = Field(
        default_factory=dict, max_length=60)


class ScenarioForecastIn(BaseModel):
    """POST /api/scenario/forecast: a scenario (as POST /api/scenario takes it) and a national
    swing applied to every unit."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"scenario": {"year": 2024, "ratings": {"PA": "D1", "GA": "R1"}}, "swing": "0"}]})
    scenario: dict[str, Any]
    swing: Annotated[Text, Field(max_length=12)] | Annotated[
        Points, Field(strict=True, ge=-100, le=100)] = 0.0


UnitCode = Annotated[Text, Field(max_length=8)]


class ShareIn(BaseModel):
    """POST /api/share: a share code, as after #s= in the app's URL."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"code": "2024~AAAAAAAAAAAAAAAADAAAABAAq~0f310ba0"}]})
    code: Text = Field(max_length=16_000)


class PathsIn(BaseModel):
    """POST /api/paths: a year's toss-ups (the other units as in the record, or `fixed`),
    optional probabilities, and the decision tree's order and decisions so far."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"year": 2024, "tossups": ["AZ", "GA", "MI", "NV", "NC", "PA", "WI"],
         "order": ["PA", "GA"], "decisions": {"PA": "D"}}]})
    year: StrictInt = Field(ge=1789, le=2424)
    tossups: list[UnitCode] = Field(max_length=60)
    fixed: dict[UnitCode, Literal["D", "R", "O"]] = Field(default_factory=dict, max_length=60)
    probabilities: dict[UnitCode, Annotated[Points, Field(ge=0, le=1)]] = Field(
        default_factory=dict, max_length=60)
    order: list[UnitCode] | None = Field(default=None, max_length=60)
    decisions: dict[UnitCode, Literal["D", "R"]] | None = Field(default=None, max_length=60)
    max_sets: StrictInt = Field(default=20, ge=0, le=1000)


class ScenarioPathsIn(BaseModel):
    """POST /api/scenario/paths: a scenario (its units rated Toss-up are the toss-ups), and
    the decision tree's order and decisions so far."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"scenario": {"year": 2024, "ratings": {"CA": "D3", "TX": "R3"}},
         "order": ["PA"], "decisions": {}}]})
    scenario: dict[str, Any]
    order: list[UnitCode] | None = Field(default=None, max_length=60)
    decisions: dict[UnitCode, Literal["D", "R"]] | None = Field(default=None, max_length=60)
    max_sets: StrictInt = Field(default=20, ge=0, le=1000)


def out(doc: Any, status: int = 200) -> Response:
    """A JSON response, serialised once with the json module (ASCII-escaped: any text can be
    sent, valid or not)."""
    return Response(json.dumps(doc, ensure_ascii=True, allow_nan=False,
                               separators=(",", ":")).encode(), status,
                    media_type="application/json")


class LRU:
    """A bounded, thread-safe cache of the record's serialised documents, keyed by what a
    request names (a kind and a year): at most `size` entries."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[str, int], value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def record_document(kind: str, key: int) -> bytes:
    """One of the record's documents, serialised (errors are raised, never cached)."""
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
        from electoral.maps.view import RATING_TINTS, rating_fill, readable_ink
        from electoral.web.scenario import ALL_RATINGS, ALPHABET, DEFAULT_COLORS, RATING_LABELS

        doc = {**shapes().to_dict(), "ratings": [
            {"code": r, "label": RATING_LABELS[r], "fill": rating_fill(r, DEFAULT_COLORS),
             "ink": readable_ink(rating_fill(r, DEFAULT_COLORS))} for r in ALL_RATINGS],
            "alphabet": ALPHABET, "colors": DEFAULT_COLORS, "tints": RATING_TINTS}
    elif kind in ("forecast", "series", "snake.svg", "series.svg"):
        return _model_document(kind, key)
    else:
        from electoral.analysis import analyze

        doc = analyze(key).to_dict()
    return json.dumps(doc, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()


SERIES_DAYS = 120  # the web's probability-over-time chart: the campaign's last 120 days


def _model_document(kind: str, year: int) -> bytes:
    """The model's forecast of a past election from the packaged polls: on the eve (JSON,
    the snake chart) or day by day over the last SERIES_DAYS days (JSON, the chart)."""
    from electoral.forecasting.charts import series_svg, snake_svg

    if kind in ("forecast", "snake.svg"):
        f = _model_forecast(year)
        if kind == "snake.svg":
            return snake_svg(f).encode()
        doc = f.to_dict()
    else:
        s = _model_series(year)
        if kind == "series.svg":
            return series_svg(s).encode()
        doc = s.to_dict()
    return json.dumps(doc, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()


def _check_model_year(year: int) -> None:
    from electoral.forecasting.polls import packaged_cycles
    from electoral.law.regimes import is_election_year

    if not is_election_year(year):
        raise NoElectionError(f"no presidential election is held in {year}", str(year))
    if year not in packaged_cycles():
        raise NoElectionError(f"no packaged polls for {year} (2008-2024)", str(year))


@lru_cache(maxsize=8)  # keyed by a year with packaged polls (others raise): five at most
def _model_forecast(year: int) -> Any:
    from electoral.forecasting.run import PACKAGED, forecast

    _check_model_year(year)
    return forecast(polls=PACKAGED, year=year)


@lru_cache(maxsize=8)
def _model_series(year: int) -> Any:
    import datetime as dt

    from electoral.forecasting.cycle import cycle_window
    from electoral.forecasting.run import PACKAGED
    from electoral.forecasting.series import forecast_series

    _check_model_year(year)
    _, day = cycle_window(year)
    return forecast_series(year, PACKAGED, day - dt.timedelta(days=SERIES_DAYS), day)


class Busy(Exception):
    """The worker pool is full: the request is refused, to be retried."""


class WorkPool:
    """CPU-heavy work off the event loop: at most `workers` jobs run at once, in threads, and
    at most `queue` wait; a request beyond that is refused (503, Retry-After) rather than
    queued without limit."""

    def __init__(self, workers: int = 1, queue: int = 16) -> None:
        self.workers, self.queue = workers, queue
        self._limiter = anyio.CapacityLimiter(workers)
        self.pending = 0  # running and waiting (the event loop is single-threaded)

    async def run(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        if self.pending >= self.workers + self.queue:
            raise Busy()
        self.pending += 1
        try:
            return await anyio.to_thread.run_sync(partial(fn, *args, **kw),
                                                  limiter=self._limiter)
        finally:
            self.pending -= 1


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """ASGI middleware: answer only requests for the host names the server is bound to (a
    page on another site cannot reach it by rebinding its name to 127.0.0.1), send the
    security headers with every response, and answer HEAD as GET without the body (RFC 9110
    s9.3.2: link checkers and `curl -I` use it)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.strip("[]") not in self.hosts and "*" not in self.hosts:
            body = b'{"detail":"host not allowed: this server answers only to its own name"}'
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode()),
                                    *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return

        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  *SECURITY_HEADERS]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, with_headers)


def _status(e: ElectoralError) -> int:
    from electoral.web.store import NotFound

    return 404 if isinstance(e, NoElectionError | NotFound) else 400


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
Year = Annotated[int, Path_(ge=1, le=9999, examples=[2020])]


def create_app(db_path: Path | str | None = None, hosts: Iterable[str] = (),
               workers: int = 1, queue: int = 16) -> FastAPI:
    """The app. `db_path`: the scenario store's DuckDB file (default: the user's data
    directory, see electoral.web.store.default_path), opened and verified now (a bad or busy
    file raises InputError). `hosts`: host names it answers to besides the loopback names
    (the name it is bound to; "*" for any). `workers`/`queue`: the CPU pool's size."""
    from electoral.web.store import Store

    store = Store(db_path)
    pool = WorkPool(workers, queue)
    documents = LRU(512)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="electoral", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None, responses=ERRORS,
                  description="The United States presidential election machinery: the record "
                              "1789-2024, the engine, scenarios and forecasts.")
    app.state.pool = pool
    app.state.documents = documents
    app.state.store = store
    app.add_middleware(BodyLimit)
    app.add_middleware(Guard, hosts=[*LOCAL_HOSTS, "testserver", *hosts])

    async def record_json(kind: str, key: int, media: str = "application/json") -> Response:
        """A cached document at once; a new one computed in the pool, then cached."""
        data = documents.get((kind, key))
        if data is None:
            data = await pool.run(record_document, kind, key)
            documents.put((kind, key), data)
        return Response(data, media_type=media)

    @app.exception_handler(ElectoralError)
    async def electoral_error(_: Request, exc: ElectoralError) -> Response:
        return out({"detail": str(exc)}, _status(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> Response:
        return out({"detail": _validation_detail(exc)}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        r = out({"detail": str(exc.detail)}, exc.status_code)
        if exc.status_code == 405:  # every method of the path, not only the first route's
            from starlette.routing import Match

            methods = sorted({m for route in app.routes
                              if route.matches(request.scope)[0] is not Match.NONE
                              for m in getattr(route, "methods", None) or ()})
            r.headers["allow"] = ", ".join(methods)
        return r

    @app.exception_handler(Busy)
    async def busy(_: Request, exc: Busy) -> Response:
        r = out({"detail": "busy: too many requests at once; retry shortly"}, 503)
        r.headers["retry-after"] = "1"
        return r

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(resources.files("electoral.web").joinpath("static", "index.html")
                            .read_text("utf-8"), headers={"cache-control": "no-cache"})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """The API's operations, read from /openapi.json by a page of our own (no CDN)."""
        return HTMLResponse(resources.files("electoral.web").joinpath("static", "api.html")
                            .read_text("utf-8"))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/map", summary="Map shapes and palette (map_states/insets/grid data)")
    async def map_shapes() -> Response:
        return await record_json("map", 0)

    @app.get("/api/years", summary="Election years in the record; censuses and methods")
    def years() -> Response:
        from electoral.apportionment import METHODS, censuses
        from electoral.law.regimes import census_for_election
        from electoral.record.catalog import years as run

        recorded = list(run())
        # A scenario may also take the next election, apportioned like the last recorded one.
        later = recorded[-1] + 4
        extra = [later] if census_for_election(later) == census_for_election(recorded[-1]) \
            else []
        from electoral.forecasting.polls import packaged_cycles
        from electoral.record.house import house_years

        return out({"years": recorded, "scenario_years": [*recorded, *extra],
                    "censuses": list(censuses()), "methods": list(METHODS),
                    "forecast_years": list(packaged_cycles()), "house_years": house_years()})

    @app.get("/api/results/{year}", summary="results(year).to_dict(): as `electoral results`")
    async def results(year: Year) -> Response:
        return await record_json("results", year)

    @app.get("/api/timeline/{year}", summary="timeline(year): as `electoral timeline`")
    async def timeline(year: Year) -> Response:
        from electoral.law.regimes import is_election_year

        if not is_election_year(year):
            raise NoElectionError(f"no presidential election is held in {year}", str(year))
        return await record_json("timeline", year)

    @app.get("/api/view/{year}", summary="The record's map of a year: a colour per unit")
    async def view(year: Year) -> Response:
        return await record_json("view", year)

    @app.post("/api/tally", summary="tally(returns, year).to_dict(): as `electoral tally`")
    async def tally(body: TallyIn) -> Response:
        return out(await pool.run(_tally, body))

    @app.get("/api/apportion/{census}", summary="apportion_census(census, seats, method)")
    async def apportion(census: Annotated[int, Path_(ge=1, le=9999, examples=[2020])],
                        seats: Annotated[int | None, Query(ge=1, le=2000)] = None,
                        method: Annotated[str | None, Query(max_length=40)] = None) -> Response:
        from electoral.apportionment import apportion_census

        a = await pool.run(apportion_census, census, seats, method)
        return out(a.to_dict())

    @app.get("/api/analyze/{year}", summary="analysis.analyze(year).to_dict()")
    async def analyze(year: Year) -> Response:
        return await record_json("analyze", year)

    @app.post("/api/forecast", summary="forecast(...).to_dict(), conditioned on fixed units")
    async def forecast(body: ForecastIn) -> Response:
        return out(await pool.run(_forecast, body))

    @app.post("/api/scenario/forecast", summary="forecast_scenario(scenario, swing): the "
                                                "forecast of a map from its ratings")
    async def scenario_forecast(body: ScenarioForecastIn) -> Response:
        from electoral.web.rating_forecast import forecast_scenario
        from electoral.web.scenario import make_scenario

        return out(await pool.run(lambda: forecast_scenario(make_scenario(body.scenario),
                                                            body.swing).to_dict()))

    @app.get("/api/house/{year}", summary="house_delegations(year): the House delegations "
                                         "that would choose the President after that election")
    async def house(year: Year) -> Response:
        from electoral.record.house import house_delegations

        try:
            return out(house_delegations(year).to_dict())
        except InputError as e:
            return out({"detail": e.problem}, 404)

    @app.post("/api/paths", summary="paths_document(year, tossups, ...): every way the "
                                     "toss-ups can fall, and a node of the decision tree")
    async def paths_api(body: PathsIn) -> Response:
        from electoral.analysis.paths import paths_document

        return out(await pool.run(lambda: paths_document(
            body.year, body.tossups, body.fixed, body.probabilities, body.order,
            body.decisions, body.max_sets)))

    @app.post("/api/scenario/paths", summary="scenario_paths_document(scenario): the paths "
                                              "of a map's toss-ups")
    async def scenario_paths(body: ScenarioPathsIn) -> Response:
        from electoral.web.scenario import make_scenario
        from electoral.web.scenario_paths import scenario_paths_document

        return out(await pool.run(lambda: scenario_paths_document(
            make_scenario(body.scenario), body.order, body.decisions, body.max_sets)))

    # --- election night (electoral.live, docs/live.md): replays of the county results ---
    @app.post("/api/live/replay", summary="live.replay(year, at, seed, order).to_dict(): "
                                          "election night replayed on the county results")
    async def live_replay(body: LiveReplayIn) -> Response:
        data = await pool.run(replay_document, body.year, round(body.at, 3), body.seed,
                              body.order)
        return Response(data, media_type="application/json")

    @app.get("/api/live/replay/{year}", summary="As POST /api/live/replay, by query")
    async def live_replay_get(year: Year, at: Annotated[float, Query(ge=0, le=1)] = 0.5,
                              seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
                              order: Literal["random", "small-first"] = "random") -> Response:
        data = await pool.run(replay_document, year, round(at, 3), seed, order)
        return Response(data, media_type="application/json")

    @app.get("/api/forecast/{year}", summary="The model's election-eve forecast of a past "
                                             "election from the packaged polls (2008-2024)")
    async def model_forecast(year: Year) -> Response:
        return await record_json("forecast", year)

    @app.get("/api/forecast/{year}/series", summary="forecast_series(): the model day by day "
                                                    "over the campaign's last 120 days")
    async def model_series(year: Year) -> Response:
        return await record_json("series", year)

    @app.get("/api/forecast/{year}/snake.svg", summary="snake_svg() of the eve forecast",
             response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
    async def model_snake(year: Year) -> Response:
        return await record_json("snake.svg", year, "image/svg+xml")

    @app.get("/api/forecast/{year}/series.svg", summary="series_svg(): the chance of winning "
                                                        "day by day", response_class=Response,
             responses={200: {"content": {"image/svg+xml": {}}}})
    async def model_series_svg(year: Year) -> Response:
        return await record_json("series.svg", year, "image/svg+xml")

    @app.post("/api/scenario", summary="Validate a scenario: its units, totals and share code")
    async def scenario(doc: Annotated[dict[str, Any], Body(examples=[
            {"year": 2024, "ratings": {"PA": "D3", "NE-2": "D1"}}])]) -> Response:
        from electoral.web.scenario import make_scenario

        return out(await pool.run(lambda: make_scenario(doc).to_dict()))

    @app.get("/api/share/{code}", summary="The scenario a share code encodes")
    async def share(code: Annotated[str, Path_(max_length=4000, examples=["2024~DDDA~4e0d8f25"])]
                    ) -> Response:
        from electoral.web.scenario import from_share_code

        return out(await pool.run(lambda: from_share_code(code).to_dict()))

    @app.post("/api/share", summary="The scenario a share code encodes (a long code: in the "
                                    "body, not the URL)")
    async def share_post(body: ShareIn) -> Response:
        from electoral.web.scenario import from_share_code

        return out(await pool.run(lambda: from_share_code(body.code).to_dict()))

    @app.post("/api/scenario/import", summary="A scenario from exported JSON or CSV text")
    async def import_scenario(body: ImportIn) -> Response:
        from electoral.web.scenario import parse_scenario

        return out(await pool.run(lambda: parse_scenario(body.text, "import").to_dict()))

    @app.get("/api/scenarios", summary=f"Saved scenarios, newest first ({PAGE} a page, at most "
                                       f"{MAX_PAGE}; the store holds at most {MAX_SCENARIOS})")
    def list_scenarios(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
                       offset: Annotated[int, Query(ge=0, le=MAX_SCENARIOS)] = 0) -> Response:
        return out({"scenarios": store.list(limit, offset), "total": store.count(),
                    "limit": limit, "offset": offset, "capacity": MAX_SCENARIOS})

    @app.post("/api/scenarios", status_code=201, summary="Save a scenario")
    def create(doc: Annotated[dict[str, Any], Body(examples=[
            {"year": 2024, "name": "Blue wall", "ratings": {"PA": "D2"}}])]) -> Response:
        from electoral.web.scenario import make_scenario

        return out(store.create(make_scenario(doc)).to_dict(), 201)

    @app.put("/api/scenarios/{sid}", summary="Save a scenario over a saved one (same id)")
    def update(sid: Annotated[str, Path_(max_length=40)],
               doc: Annotated[dict[str, Any], Body(examples=[
                   {"year": 2024, "name": "Blue wall", "ratings": {"PA": "D1"}}])]) -> Response:
        from electoral.web.scenario import make_scenario

        return out(store.update(sid, make_scenario(doc)).to_dict())

    @app.get("/api/scenarios/{sid}", summary="A saved scenario")
    def read(sid: Annotated[str, Path_(max_length=40)]) -> Response:
        return out(store.get(sid).to_dict())

    @app.get("/api/scenarios/{sid}/export", summary="A saved scenario as JSON or CSV",
             responses={200: {"content": {"application/json": {}, "text/csv": {}},
                              "description": "The scenario as a file"}})
    def export(sid: Annotated[str, Path_(max_length=40)],
               format: Literal["json", "csv"] = "json") -> Response:
        from electoral.web.scenario import to_csv

        saved = store.get(sid)
        name = f"scenario-{sid}.{format}"
        headers = {"content-disposition": f'attachment; filename="{name}"'}
        if format == "csv":
            return Response(to_csv(saved.scenario), media_type="text/csv", headers=headers)
        return Response(json.dumps(saved.to_dict(), indent=2, ensure_ascii=True),
                        media_type="application/json", headers=headers)

    @app.delete("/api/scenarios/{sid}", status_code=204, summary="Delete a saved scenario")
    def delete(sid: Annotated[str, Path_(max_length=40)]) -> Response:
        store.delete(sid)
        return Response(status_code=204)

    @app.get("/api/map.svg", summary="The map rendered in Python (as `electoral map`)",
             responses={200: {"content": {"image/svg+xml": {}}, "description": "The map"}})
    async def map_svg(year: Annotated[int | None, Query(ge=1, le=9999)] = None,
                      code: Annotated[str | None, Query(max_length=4000)] = None,
                      grid: bool = False) -> Response:
        if (year is None) == (code is None):
            raise InputError("give either year or code", "map.svg")
        return Response(await pool.run(_map_svg, year, code, grid), media_type="image/svg+xml")

    return app


def _tally(body: TallyIn) -> dict[str, Any]:
    from electoral.law.regimes import is_election_year
    from electoral.record import catalog
    from electoral.returns import parse_rows
    from electoral.tally import tally as run

    if not is_election_year(body.year):
        raise NoElectionError(f"no presidential election is held in {body.year}",
                              str(body.year))
    known = catalog.year_candidates(body.year) if body.year in catalog.years() else ()
    returns = parse_rows(((i, r.model_dump()) for i, r in enumerate(body.rows, start=1)),
                         "rows", body.year, catalog.names(), known, body.strict)
    return run(returns, body.year, delegations=body.delegations,
               senators=body.senators).to_dict()


def _forecast(body: ForecastIn) -> dict[str, Any]:
    from dataclasses import replace

    from electoral.forecasting import ErrorModel
    from electoral.forecasting.inputs import base_year
    from electoral.forecasting.run import run_setup, setup

    st = setup(year=body.year, from_year=body.from_year or base_year(body.year),
               swing=body.swing, sd=body.sd)
    if body.national_sd is not None or body.regional_sd is not None:
        e = st.errors
        st = replace(st, errors=ErrorModel(
            e.national_sd if body.national_sd is None else body.national_sd,
            e.regional_sd if body.regional_sd is None else body.regional_sd))
    return run_setup(st, conditions=body.conditions).to_dict()


def _map_svg(year: int | None, code: str | None, grid: bool) -> str:
    from electoral.maps.render import svg
    from electoral.web.scenario import from_share_code
    from electoral.web.view import history_view, scenario_view

    v = history_view(year) if year is not None else scenario_view(from_share_code(code or ""))
    return svg(v, grid)
