"""The refusals an action can give; views and the API turn them into messages and statuses."""

from django.utils.translation import gettext_lazy as _


class ActionError(Exception):
    """A refused action, with a translated message and optional per-field messages."""

    status = 400
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, fields=None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(str(self.message))

    def as_dict(self):
        """Return the API body: ``detail`` plus one list of messages per field."""
        body = {"detail": str(self.message)}
        body.update({name: [str(m) for m in msgs] for name, msgs in self.fields.items()})
        return body


class Invalid(ActionError):
    status = 400
    default_message = _("Please correct the errors below.")

    @classmethod
    def field(cls, name, message):
        return cls(fields={name: [message]})


class Denied(ActionError):
    status = 403
    default_message = _("You do not have permission to do this.")


class Conflict(ActionError):
    status = 409
    default_message = _(
        "Someone else changed this record while you were editing it. "
        "Reload it to see their change, then make yours again."
    )


class IllegalTransition(ActionError):
    status = 409
    default_message = _("This step is not allowed in the record's current state.")
