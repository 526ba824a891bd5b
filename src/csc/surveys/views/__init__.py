"""Staff pages of the survey area; each write calls a verb in ``actions``."""
