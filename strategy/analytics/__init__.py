"""What the uploaded exports say, account by account: the meaning layer over the importer.

Each figure knows its account, grain, measure, denominator, follower source, time zone and
sample, so the page, the report and `python -m strategy analyze` say the same true thing.
"""

from strategy.analytics.analyze import AccountAnalysis, Analysis, Options, analyze

__all__ = ["AccountAnalysis", "Analysis", "Options", "analyze"]
