"""Polling the IMAP mailboxes (IF-5) with imap-tools.

A message leaves the inbox only after its record is committed: a worker killed in between
finds the message again on its next run, and ``take_in`` sees its Message-ID already taken.
"""

import logging
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from imap_tools import MailBox, MailBoxUnencrypted

from ..choices import Mailbox
from ..conf import setting

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailboxConfig:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    tls: bool = False


def config_from_url(url):
    """Return the MailboxConfig of imap[s]://user:password@host:port/FOLDER, or None."""
    if not url:
        return None
    parts = urlsplit(url)
    tls = parts.scheme == "imaps"
    return MailboxConfig(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (993 if tls else 143),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
        tls=tls,
    )


def configured():
    """Return [(mailbox kind, MailboxConfig)] of the mailboxes set up in the settings."""
    urls = {
        Mailbox.SERVICE: setting("SERVICE_MAILBOX_URL"),
        Mailbox.COMPLAINTS: setting("COMPLAINT_MAILBOX_URL"),
    }
    return [(kind, config_from_url(url)) for kind, url in urls.items() if url]


def open_mailbox(config):
    kind = MailBox if config.tls else MailBoxUnencrypted
    return kind(config.host, config.port).login(config.user, config.password, config.folder)


#: Committed messages leave the inbox together, this many per MOVE: one command per message
#: costs more than taking the message in, and a worker killed before the move only finds
#: these again (their Message-IDs already taken).
MOVE_BATCH = 50


def poll(kind, config, limit=500):
    """Take in up to ``limit`` messages of one mailbox; return (taken, already taken)."""
    from ..actions.intake import intake_user, take_in

    actor = intake_user()
    done_folder = setting("MAILBOX_DONE_FOLDER")
    taken = repeated = 0
    done = []
    with open_mailbox(config) as mailbox:
        if not mailbox.folder.exists(done_folder):
            mailbox.folder.create(done_folder)
        for message in mailbox.fetch(limit=limit, mark_seen=False, bulk=True):
            inbound = take_in(actor, kind, message.obj.as_bytes())
            taken, repeated = (taken + 1, repeated) if inbound else (taken, repeated + 1)
            # Committed: only now may the message leave the inbox.
            done.append(message.uid)
            if len(done) == MOVE_BATCH:
                mailbox.move(done, done_folder)
                done = []
        mailbox.move(done, done_folder)  # nothing to do when empty
    return taken, repeated


def poll_all():
    """Poll every configured mailbox; a mailbox that fails does not stop the others."""
    results = {}
    for kind, config in configured():
        try:
            results[kind] = poll(kind, config)
        except Exception as exc:  # network or login trouble: try again on the next run
            logger.warning("Cannot poll the %s mailbox: %s", kind, exc)
    return results
