"""CSC's own settings with one change: the harness's URLs, which add the floor pages.

The floor pages exist only in this run; csc.urls (what users get) is untouched.
"""

from csc.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
