"""Fixtures of the order tests."""

import pytest

from csc.core import company_calendar


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The loaded calendar is cached per thread; never let one test's holidays leak."""
    company_calendar.forget()
    yield
    company_calendar.forget()
