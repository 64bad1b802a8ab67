"""Forecasts: electoral-vote distributions from expected margins and an error model, by exact
convolution, quadrature over a shared error, or Monte Carlo; and backtests against the record.

    >>> from electoral.forecasting import forecast
    >>> f = forecast(from_year=2020, swing="R+1", sd=4)   # doctest: +SKIP
    >>> f.win_probability["D"]                              # doctest: +SKIP
"""

from electoral.forecasting.average import PollAverage, average
from electoral.forecasting.backtest import Backtest, backtest
from electoral.forecasting.errors import ErrorModel
from electoral.forecasting.inputs import ForecastInput, UnitInput, prior, read_inputs
from electoral.forecasting.polls import Poll, packaged_polls, read_polls
from electoral.forecasting.result import Forecast, UnitForecast
from electoral.forecasting.run import forecast

__all__ = [
    "Backtest", "ErrorModel", "Forecast", "ForecastInput", "Poll", "PollAverage", "UnitForecast",
    "UnitInput", "average", "backtest", "forecast", "packaged_polls", "prior", "read_inputs",
    "read_polls",
]
