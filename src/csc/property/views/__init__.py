"""Pages of customer property; each write calls a verb in ``actions``."""

from . import anomalies, checks, items, ledger, lots, stocktakes

__all__ = ["anomalies", "checks", "items", "ledger", "lots", "stocktakes"]
