"""Messages translated when they are read or sent, in the reader's language (issue 11 item 2).

A notification written by an English-speaking engineer for a Chinese-reading manager must not
be frozen in English: the verb passes ``Later(msgid, **params)``, the record stores the msgid
and its parameters, and the page or the e-mail renders them in the recipient's language.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext


class Later:
    """A translatable message with %-parameters, rendered at the time it is shown.

    ``msgid`` is a ``gettext_noop`` or ``gettext_lazy`` text (a choice label, say), or an
    ``ngettext_lazy(singular, plural, "count")`` pair whose form the ``count`` parameter picks.
    """

    def __init__(self, msgid, plural=None, **params):
        if isinstance(msgid, Promise):  # a lazy text is unwrapped to its source: that is stored
            plural = msgid._kw.get("plural", plural)
            msgid = msgid._kw["singular"] if "singular" in msgid._kw else msgid._args[0]
        self.msgid, self.plural, self.params = msgid, plural, params

    def __str__(self):
        if self.plural is None:
            text = gettext(self.msgid)
        else:
            text = ngettext(self.msgid, self.plural, int(self.params["count"]))
        if not self.params:
            return text
        return text % {k: str(v) for k, v in self.params.items()}

    def __getitem__(self, key):  # slicing keeps working for fields with a length limit
        return str(self)[key]

    def stored(self):
        """Return the JSON form: the msgid and parameters (nested messages stay messages)."""
        data = {"msgid": self.msgid, "params": {k: _stored(v) for k, v in self.params.items()}}
        if self.plural is not None:
            data["plural"] = self.plural
        return data


class Lines(Later):
    """Messages shown one a line (a reminder listing a person's records); each line may be a
    Later message or plain text."""

    def __init__(self, lines):
        super().__init__("")
        self.lines = list(lines)

    def __str__(self):
        return "\n".join(str(line) for line in self.lines)

    def stored(self):
        return {"lines": [_stored(line) for line in self.lines]}


def _stored(value):
    if isinstance(value, Promise):  # a lazy label (a status, a choice) is shown translated too
        value = Later(value)
    return value.stored() if isinstance(value, Later) else str(value)


def from_stored(data):
    """Return the message a ``stored()`` dict describes."""
    if "lines" in data:
        return Lines(from_stored(v) if isinstance(v, dict) else v for v in data["lines"])
    params = {k: from_stored(v) if isinstance(v, dict) else v for k, v in data["params"].items()}
    return Later(data["msgid"], data.get("plural"), **params)


def stored_or_none(value):
    return value.stored() if isinstance(value, Later) else None
