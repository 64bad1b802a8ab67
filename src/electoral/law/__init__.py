"""The law as code: regimes keyed by year, the majority, the calendar, the count, contingent elections."""
