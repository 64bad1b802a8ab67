"""Analysis of elections in the record: tipping point, Electoral College bias, uniform swing,
the fewest votes that change an outcome, inversions, power indices and alternative rules.

One module per concept; numpy is imported inside the functions that need it, so importing
this package stays cheap.
"""

from electoral.analysis.analyze import Analysis, analyze, analyze_contest, tipping_point
from electoral.analysis.contest import Contest, contest
from electoral.analysis.fewest_votes import FewestVotes, Plan, fewest_votes
from electoral.analysis.history import History, history
from electoral.analysis.inversions import Inversion, inversions
from electoral.analysis.power import CensusPower, PowerIndices, census_power, power_indices
from electoral.analysis.rules import Counterfactual, counterfactual

__all__ = [
    "Analysis", "CensusPower", "Contest", "Counterfactual", "FewestVotes", "History", "Inversion",
    "Plan", "PowerIndices", "analyze", "analyze_contest", "census_power", "contest",
    "counterfactual", "fewest_votes", "history", "inversions", "power_indices", "tipping_point",
]
