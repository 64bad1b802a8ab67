"""electoral: the United States presidential election machinery as code, on the record.

    >>> import electoral
    >>> r = electoral.results(2020)
    >>> r.majority, r.electors_appointed
    (270, 538)
"""

from typing import TYPE_CHECKING

from electoral.apportionment import (
    Apportionment,
    apportion,
    apportion_census,
    census_electors,
    electors_for,
)
from electoral.checks import CheckReport, check
from electoral.count import count
from electoral.count import tally as tally_votes
from electoral.elect import elect
from electoral.electors import appoint, plurality
from electoral.errors import ElectoralError, InputError, NoElectionError
from electoral.forecasting import Backtest, Forecast, backtest, forecast
from electoral.joint_session import CountSession, count_session
from electoral.law.calendar import timeline
from electoral.law.certification import (
    RecountStatus,
    StateLaw,
    recount_status,
    recount_status_for_votes,
    state_law,
    state_timeline,
)
from electoral.law.contingent import (
    contingent_election,
    eligible_candidates,
    house_ballot,
    senate_ballot,
)
from electoral.law.majority import majority_of_appointed
from electoral.law.objections import ObjectionRuling, objection_in_order
from electoral.law.regimes import census_for_election
from electoral.model import (
    ABSTAIN,
    Appointment,
    Candidate,
    ChamberVote,
    ContingentElection,
    CountResult,
    Deviation,
    ElectionInputs,
    ElectoralVotes,
    Event,
    NotCounted,
    Office,
    Outcome,
    ReturnRow,
    Returns,
    Timeline,
)
from electoral.outcome import decide
from electoral.record.sql import frame, sql
from electoral.result import ElectionResult
from electoral.results import counterfactual_results, results
from electoral.returns import read_returns
from electoral.tally import tally
from electoral.votes import cast

__all__ = [
    "ABSTAIN",
    "Appointment",
    "Apportionment",
    "Backtest",
    "Candidate",
    "ChamberVote",
    "CheckReport",
    "ContingentElection",
    "CountResult",
    "CountSession",
    "Deviation",
    "ElectionInputs",
    "ElectionResult",
    "ElectoralError",
    "ElectoralVotes",
    "Event",
    "Forecast",
    "InputError",
    "NoElectionError",
    "NotCounted",
    "ObjectionRuling",
    "Office",
    "Outcome",
    "RecountStatus",
    "ReturnRow",
    "Returns",
    "Scenario",
    "StateLaw",
    "Timeline",
    "analyze",
    "appoint",
    "apportion",
    "apportion_census",
    "backtest",
    "cast",
    "census_electors",
    "census_for_election",
    "check",
    "contingent_election",
    "count",
    "count_session",
    "counterfactual",
    "counterfactual_results",
    "decide",
    "elect",
    "electors_for",
    "eligible_candidates",
    "fewest_votes",
    "forecast",
    "frame",
    "history",
    "house_ballot",
    "inversions",
    "majority_of_appointed",
    "make_scenario",
    "map_svg",
    "objection_in_order",
    "plurality",
    "power_indices",
    "read_returns",
    "recount_status",
    "recount_status_for_votes",
    "recount_statuses",
    "results",
    "senate_ballot",
    "sql",
    "state_law",
    "state_timeline",
    "tally",
    "tally_votes",
    "timeline",
    "tipping_point",
]
__version__ = "0.1.0"

if TYPE_CHECKING:  # the lazily loaded names, for type checkers
    from electoral.analysis import (
        analyze,
        counterfactual,
        fewest_votes,
        history,
        inversions,
        power_indices,
        tipping_point,
    )
    from electoral.analysis.recounts import recount_statuses
    from electoral.web.mapfile import map_svg
    from electoral.web.scenario import Scenario, make_scenario

# Loaded on first use, to keep `import electoral` (and so `electoral --help`) quick.
_LAZY = {
    "analyze": "electoral.analysis", "counterfactual": "electoral.analysis",
    "fewest_votes": "electoral.analysis", "history": "electoral.analysis",
    "inversions": "electoral.analysis", "power_indices": "electoral.analysis",
    "tipping_point": "electoral.analysis", "recount_statuses": "electoral.analysis.recounts",
    "map_svg": "electoral.web.mapfile", "Scenario": "electoral.web.scenario",
    "make_scenario": "electoral.web.scenario",
}


def _result_svg(self: ElectionResult) -> str:
    """The map of a result, for notebooks (IPython calls `_repr_svg_`)."""
    from electoral.maps.render import svg
    from electoral.maps.view import result_view

    return svg(result_view(self))


# Registered here, at the edge: the result type knows nothing of maps.
ElectionResult._repr_svg_ = _result_svg  # type: ignore[attr-defined]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'electoral' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
