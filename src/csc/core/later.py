"""Messages translated when they are read or sent, in the reader's language (issue 11 item 2).

A notification written by an English-speaking engineer for a Chinese-reading manager must not
be frozen in English: the verb passes ``Later(msgid, **params)``, the record stores the msgid
and its parameters, and the page or the e-mail renders them in the recipient's language.
"""

from django.utils.translation import gettext


class Later:
    """A translatable message with %-parameters, rendered at the time it is shown."""

    def __init__(self, msgid, **params):
        # A gettext_lazy msgid is unwrapped to its source text: that is what is stored.
        self.msgid = msgid._proxy____args[0] if hasattr(msgid, "_proxy____args") else msgid
        self.params = params

    def __str__(self):
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {k: str(v) for k, v in self.params.items()}

    def __getitem__(self, key):  # slicing keeps working for fields with a length limit
        return str(self)[key]

    def stored(self):
        """Return the JSON form: the msgid and parameters (nested messages stay messages)."""
        return {"msgid": self.msgid, "params": {k: _stored(v) for k, v in self.params.items()}}


def _stored(value):
    return value.stored() if isinstance(value, Later) else str(value)


def from_stored(data):
    """Return the message a ``stored()`` dict describes."""
    params = {k: from_stored(v) if isinstance(v, dict) else v for k, v in data["params"].items()}
    return Later(data["msgid"], **params)


def stored_or_none(value):
    return value.stored() if isinstance(value, Later) else None
