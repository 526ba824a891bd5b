"""The restricted viewset every area's API builds on."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from .permissions import is_customer_user, perm_name, restrict
from .privacy import masked_address, may_see_contact_details

EDIT_METHODS = {"PUT", "PATCH"}
# Sent by browsers posting a form with a session: never a field of the record.
TRANSPORT_KEYS = {"csrfmiddlewaretoken"}


def may_write_in(user, app_label):
    """Return True when the user holds any permission beyond ``view`` in the app ``app_label``.

    The first gate of every API write: a read-only role is refused before its body is read,
    so field errors never tell it the shape of the data. The action checks the exact
    permission (and the record) again.
    """
    prefix = f"{app_label}."
    return any(
        perm.startswith(prefix) and not perm[len(prefix) :].startswith("view_")
        for perm in user.get_all_permissions()
    )


def refuse_unwritable_fields(serializer, data):
    """Raise 400 naming each field sent that the write cannot set (read-only or unknown).

    DRF ignores such fields; a client would believe it changed a status or number it did not.
    """
    if not hasattr(data, "keys"):
        return
    writable = {name for name, field in serializer.fields.items() if not field.read_only}
    refused = sorted(set(data.keys()) - writable - TRANSPORT_KEYS)
    if refused:
        message = _("This field cannot be set here.")
        raise exceptions.ValidationError({name: [message] for name in refused})


def require_version(serializer, data):
    """Raise 400 when an edit of a versioned record does not say which version it changes."""
    if "version" in serializer.fields and hasattr(data, "keys") and "version" not in data:
        message = _("Send the version of the record you edited (a conflict check needs it).")
        raise exceptions.ValidationError({"version": [message]})


@extend_schema_field(OpenApiTypes.STR)
class ContactAddressField(serializers.Field):
    """A contact's address or its copy (a notice's "to", a letter's recipients) as the reader
    may see it (SEC-2): in clear with the permission to see contact details, and then logged
    once per answer; masked without."""

    def __init__(self, masker=masked_address, **kwargs):
        self.masker = masker
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.field_name) or ""
        request = self.context.get("request")
        if not value or not may_see_contact_details(getattr(request, "user", None)):
            return self.masker(value)
        if not getattr(request, "_csc_contact_details_logged", False):
            from .actions import log_contact_details_shown

            request._csc_contact_details_logged = True  # one entry per answer, not per row
            log_contact_details_shown(request.user, instance)
        return value


class NoteSerializer(serializers.Serializer):
    """The body of a workflow step that takes an optional note."""

    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    """The body of a refusal or cancellation, which must say why."""

    reason = serializers.CharField()


class VersionedNoteSerializer(NoteSerializer):
    """A note on a step of a versioned record: a stale ``version`` is refused as a conflict."""

    version = serializers.IntegerField(required=False)


class VersionedReasonSerializer(ReasonSerializer):
    version = serializers.IntegerField(required=False)


INT32_MAX = 2**31 - 1


def bound_values(serializer):
    """Give whole numbers and dates without limits of their own the range the database takes.

    A count of 10**30, or a date in year 1 that the company time zone shifts into year 0,
    would otherwise reach the database and fail there with a 500.
    """
    for field in serializer.fields.values():
        limits = _limits_of(field)
        if limits is None:
            continue
        lowest, highest = limits
        field.validators.append(
            MinValueValidator(lowest, _("Enter a value of at least %(limit_value)s."))
        )
        field.validators.append(
            MaxValueValidator(highest, _("Enter a value of at most %(limit_value)s."))
        )


def _limits_of(field):
    from .filters import DATE_MAX, DATE_MIN, DATETIME_MAX, DATETIME_MIN

    if isinstance(field, serializers.IntegerField) and field.max_value is None:
        return -INT32_MAX - 1, INT32_MAX
    if isinstance(field, serializers.DateTimeField):
        return DATETIME_MIN, DATETIME_MAX
    if isinstance(field, serializers.DateField):
        return DATE_MIN, DATE_MAX
    return None


def limit_text(serializer):
    """Give free-text fields without a length limit the forms' limit."""
    limit = settings.CSC["TEXT_MAX_LENGTH"]
    for field in serializer.fields.values():
        if isinstance(field, serializers.CharField) and field.max_length is None:
            field.max_length = limit
            message = _("Ensure this field has no more than {max_length} characters.")
            field.validators.append(
                MaxLengthValidator(limit, message=message.format(max_length=limit))
            )


class RestrictedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read endpoints over ``restrict(queryset, user)``; subclasses add writes through actions.

    ``portal_serializer_class``, when set, is what a customer contact gets instead of
    ``serializer_class``: their own records without the internal fields. The schema documents
    both shapes (``csc.core.schema``).
    """

    portal_serializer_class = None

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user)

    def get_serializer_class(self):
        if self.portal_serializer_class and is_customer_user(self.request.user):
            return self.portal_serializer_class
        return super().get_serializer_class()

    def perform_authentication(self, request):
        """Answer a token user in their saved language unless the call asks for another."""
        super().perform_authentication(request)
        user = request.user
        if user.is_authenticated and "Accept-Language" not in request.headers:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language

    def validated(self, serializer_class, partial=False, instance=None):
        """Return the request body validated by ``serializer_class``.

        1. 403 for a role that may not write here, before the body is looked at;
        2. 400 for fields the write cannot set, and for an edit without its version;
        3. 400 with the serializer's field errors.
        """
        if not self.may_write():
            raise exceptions.PermissionDenied(_("You do not have permission to do this."))
        serializer = serializer_class(
            instance=instance,
            data=self.request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        refuse_unwritable_fields(serializer, self.request.data)
        if self.request.method in EDIT_METHODS:
            require_version(serializer, self.request.data)
        limit_text(serializer)
        bound_values(serializer)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def may_write(self):
        """Return True when the user may attempt this write at all (the action decides).

        An edit needs the model's ``change`` permission; other writes any permission beyond
        ``view`` in the area, as each custom action checks its own.
        """
        model = self.get_queryset().model
        if self.action in ("update", "partial_update"):
            return self.request.user.has_perm(perm_name(model, "change"))
        return may_write_in(self.request.user, model._meta.app_label)

    def respond(self, instance, status=200):
        return Response(self.get_serializer(instance).data, status=status)
