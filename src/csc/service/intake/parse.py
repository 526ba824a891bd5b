"""Reading one raw e-mail into what intake needs; pure, so it is tested without a server."""

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Precedence values mailing lists and autoresponders use (RFC 3834 and practice).
BULK = {"bulk", "junk", "list", "auto_reply"}


@dataclass
class Parsed:
    message_id: str
    from_address: str = ""
    subject: str = ""
    body: str = ""
    references: list = field(default_factory=list)
    attachments: list = field(default_factory=list)  # (file name, bytes)
    automatic: str = ""  # why it is an automatic message, or ""
    malformed: str = ""  # why it cannot be read, or ""


def parse(raw):
    """Return the Parsed message of ``raw`` bytes; never raises on bad input."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        parsed = Parsed(message_id=_message_id(message, raw))
        parsed.subject = str(message.get("Subject", "") or "")[:250]
        parsed.from_address = _sender(message)
        parsed.references = _references(message)
        parsed.automatic = _automatic(message)
        parsed.body, parsed.attachments = _content(message)
    except Exception as exc:  # a message we cannot read is quarantined, never a crash
        return Parsed(message_id=_fallback_id(raw), malformed=f"{type(exc).__name__}: {exc}")
    if not parsed.from_address:
        parsed.malformed = "no sender address"
    return parsed


def _message_id(message, raw):
    found = MESSAGE_ID.findall(str(message.get("Message-ID", "") or ""))
    return found[0][:250] if found else _fallback_id(raw)


def _fallback_id(raw):
    # Without a Message-ID the content itself identifies the message, so a re-poll still
    # finds it taken.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id>"


def _sender(message):
    _name, address = parseaddr(str(message.get("From", "") or ""))
    return address.strip().lower() if "@" in address else ""


def _references(message):
    ids = []
    for header in ("In-Reply-To", "References"):
        ids += MESSAGE_ID.findall(str(message.get(header, "") or ""))
    return ids


def _automatic(message):
    submitted = str(message.get("Auto-Submitted", "") or "").strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted}"
    precedence = str(message.get("Precedence", "") or "").strip().lower()
    if precedence in BULK:
        return f"Precedence: {precedence}"
    for header in ("X-Autoreply", "X-Autorespond"):
        if message.get(header):
            return header
    if message.get("List-Id") or getaddresses(message.get_all("Return-Path", [])) == [("", "")]:
        return "mailing list or bounce"
    return ""


def _content(message):
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        body = body_part.get_content()
        if body_part.get_content_type() == "text/html":
            body = strip_tags(body)
    attachments = []
    for part in message.iter_attachments():
        name = part.get_filename() or "attachment.bin"
        attachments.append((name[:200], part.get_payload(decode=True) or b""))
    return body.strip(), attachments


def number_in(subject, prefix):
    """Return the record number (e.g. SR-2026-0012) quoted in a subject, or ""."""
    found = re.search(rf"\b{prefix}-\d{{4}}-\d{{4,}}\b", subject or "")
    return found.group(0) if found else ""
