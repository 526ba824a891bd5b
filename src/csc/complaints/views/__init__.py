"""Pages of complaints, 8D, returns, reviews and KPIs; each write calls a verb in ``actions``."""
