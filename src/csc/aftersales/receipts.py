"""The service receipt's two ways of being signed (SVC-5): a drawing from the pad, checked to
be a real PNG with ink on it, and a one-time link for the customer (no login).

A link is ``/aftersales/receipt/<token>/`` with a 256-bit random token; the database keeps
only its SHA-256, so neither a backup nor a database reader can sign for a customer. A link
works until it expires, and once.
"""

import base64
import binascii
import hashlib
import io
import re
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csc.core.errors import ActionError, Invalid

from .conf import setting
from .models import ReceiptLink

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{40,64}$")
DATA_URL = "data:image/png;base64,"
MAX_SIDE = 2000


class LinkError(ActionError):
    """A receipt link that cannot be used; nothing is recorded."""


class UnknownLink(LinkError):
    status = 404
    default_message = gettext_lazy("This receipt link is not valid.")


class UsedLink(LinkError):
    status = 409
    default_message = gettext_lazy("This receipt has already been confirmed. Thank you!")


class ExpiredLink(LinkError):
    status = 410
    default_message = gettext_lazy("This receipt link has expired. Ask our service staff for a new one.")  # fmt: skip


def _decode(signature):
    """Return the PNG bytes of a data URL, base64 text or bytes, or raise Invalid."""
    if isinstance(signature, bytes):
        return signature
    text = (signature or "").strip()
    if text.startswith(DATA_URL):
        text = text[len(DATA_URL) :]
    if not text:
        raise Invalid.field("signature", _("Sign in the box first."))
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid.field("signature", _("The signature is not a PNG image.")) from None


def signature_png(signature):
    """Return the PNG bytes of a drawn signature after checking it, or raise Invalid."""
    from PIL import Image, UnidentifiedImageError

    data = _decode(signature)
    if len(data) > setting("SIGNATURE_MAX_BYTES"):
        raise Invalid.field("signature", _("The signature image is too large."))
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Invalid.field("signature", _("The signature is not a PNG image.")) from None
    if image.format != "PNG" or max(image.size) > MAX_SIDE:
        raise Invalid.field("signature", _("The signature is not a PNG image."))
    if not _has_ink(image):
        raise Invalid.field("signature", _("Sign in the box first."))
    return data


def _has_ink(image):
    """Return True when the drawing has visible strokes (not blank or fully transparent)."""
    from PIL import ImageChops

    rgba = image.convert("RGBA")
    visible = rgba.getchannel("A").point(lambda a: 255 if a > 0 else 0)
    # A stroke is a pixel both visible and darker than paper.
    dark = rgba.convert("L").point(lambda g: 255 if g < 200 else 0)
    return ImageChops.multiply(visible, dark).getbbox() is not None


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(record, email=""):
    """Create a link for ``record``; return its token (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    expires = timezone.now() + timezone.timedelta(days=setting("RECEIPT_LINK_DAYS"))
    ReceiptLink.objects.create(
        record=record, token_hash=token_hash(token), email=email or "", expires_at=expires
    )
    if email:
        _send_link(record, email, token)
    return token


def _send_link(record, email, token):
    """Queue the link's e-mail in the customer's correspondence language."""
    from django.utils import translation

    from csc.core.actions import queue_email

    language = getattr(record.customer, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Please confirm service receipt %(number)s") % {"number": record.number}
        body = _("Please confirm the service job at your site:\n%(url)s") % {"url": link_url(token)}
    queue_email([email], subject, body)


def link_url(token):
    return settings.SITE_URL + reverse("aftersales:receipt-confirm", args=[token])


def resolve(token, now=None):
    """Return the link of ``token`` if it may be used now, else raise a LinkError."""
    if not TOKEN_SHAPE.match(token or ""):
        raise UnknownLink()
    link = (
        ReceiptLink.objects.select_related("record__customer", "record__staff__person")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None:
        raise UnknownLink()
    if link.used_at is not None:
        raise UsedLink()
    if link.expires_at <= (now or timezone.now()):
        raise ExpiredLink()
    return link


def use(link):
    """Mark the link used; only one of two simultaneous uses succeeds."""
    claimed = ReceiptLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not claimed:
        raise UsedLink()
