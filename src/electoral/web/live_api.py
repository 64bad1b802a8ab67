"""The live model's web side: the replay request and its bounded cache of JSON documents
(GET and POST /api/live/replay in app.py)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

CACHE = 64  # replay documents kept (each about 60 kB): keyed by year, at, seed and order


class LiveReplayIn(BaseModel):
    """POST /api/live/replay: replay `year` (2020 or 2024) at the share `at` of each state's
    vote counted, in a reporting order (random, seeded; or small counties first)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"year": 2020, "at": 0.5, "seed": 7, "order": "random"}]})
    year: StrictInt = Field(ge=1789, le=2424)
    at: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False)
    seed: StrictInt = Field(default=0, ge=0, le=2**32 - 1)
    order: Literal["random", "small-first"] = "random"


@lru_cache(maxsize=CACHE)
def replay_document(year: int, at: float, seed: int, order: str) -> bytes:
    """electoral.live.replay(...).to_dict() serialised (at rounded to 0.1%: the slider's step,
    and a bound on what the cache can be keyed by)."""
    from electoral.live import replay

    doc = replay(year, round(at, 3), seed, order).to_dict()
    return json.dumps(doc, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()
