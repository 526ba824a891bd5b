import shutil
import tempfile

import pytest

from . import imapserver


@pytest.fixture(scope="session")
def imap_server():
    """A real dovecot IMAP server for this test session."""
    # Not under pytest's tmp_path: its parents are private to us, and dovecot's unprivileged
    # processes must reach the password file and the maildir.
    root = tempfile.mkdtemp(prefix="csc-dovecot-")
    process, server = imapserver.start(root)
    yield server
    imapserver.stop(process)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_inbox(imap_server):
    """The server with an empty inbox and no processed folder, for one test."""
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted(imap_server.host, imap_server.port).login(
        imap_server.user, imap_server.password
    ) as box:
        for folder in ("INBOX", "CSC-Processed"):
            if box.folder.exists(folder):
                box.folder.set(folder)
                uids = box.uids()
                if uids:
                    box.delete(uids)
    return imap_server
