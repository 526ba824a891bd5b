"""Settings of the process areas: every number from the seeds is a setting (rule 3)."""

from django.conf import settings


def settings_of(defaults):
    """Return an area's ``setting(name)``: the company's ``settings.CSC[name]``, else the seed's
    value in ``defaults`` (a name missing from both is a KeyError: a typo must not pass)."""

    def setting(name):
        return settings.CSC.get(name, defaults[name])

    return setting
