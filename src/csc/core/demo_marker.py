"""A marker in the data directory that says the demo company is still being loaded.

`csc serve` starts the web before it loads the demo on a first start (the load takes a minute
on a busy machine); while the marker is there, the pages say so instead of looking empty.
"""

from django.conf import settings


def _path():
    return settings.VAR_DIR / "demo-loading"


def begin():
    _path().touch()


def end():
    _path().unlink(missing_ok=True)


def loading():
    """Return whether the demo is being loaded right now."""
    return _path().exists()
