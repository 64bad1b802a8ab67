"""electoral: the United States presidential election machinery as code, on the record.

    >>> import electoral
    >>> r = electoral.results(2020)
    >>> r.majority, r.electors_appointed
    (270, 538)
"""

from electoral.apportionment import (
    Apportionment,
    apportion,
    apportion_census,
    census_electors,
    census_for_election,
)
from electoral.count import count
from electoral.count import tally as tally_votes
from electoral.electors import appoint, plurality
from electoral.errors import ElectoralError, InputError, NoElectionError
from electoral.joint_session import CountSession, count_session
from electoral.law.calendar import timeline
from electoral.law.contingent import contingent_election, senate_election
from electoral.law.majority import majority_of_appointed
from electoral.law.objections import ObjectionRuling, objection_in_order
from electoral.model import (
    Appointment,
    Candidate,
    ContingentElection,
    CountResult,
    ElectoralVotes,
    Event,
    Office,
    Outcome,
    ReturnRow,
    Returns,
    Timeline,
)
from electoral.outcome import decide
from electoral.record.check import CheckReport, check
from electoral.record.sql import frame, sql
from electoral.results import ElectionResult, counterfactual_results, results
from electoral.returns import read_returns
from electoral.tally import electors_for, tally
from electoral.votes import Deviation, cast

__all__ = [
    "Appointment",
    "Apportionment",
    "Candidate",
    "CheckReport",
    "ContingentElection",
    "CountResult",
    "CountSession",
    "Deviation",
    "ElectionResult",
    "ElectoralError",
    "ElectoralVotes",
    "Event",
    "InputError",
    "NoElectionError",
    "ObjectionRuling",
    "Office",
    "Outcome",
    "ReturnRow",
    "Returns",
    "Timeline",
    "appoint",
    "apportion",
    "apportion_census",
    "cast",
    "census_electors",
    "census_for_election",
    "check",
    "contingent_election",
    "count",
    "count_session",
    "counterfactual_results",
    "decide",
    "electors_for",
    "frame",
    "majority_of_appointed",
    "objection_in_order",
    "plurality",
    "read_returns",
    "results",
    "senate_election",
    "sql",
    "tally",
    "tally_votes",
    "timeline",
]
__version__ = "0.1.0"
