"""A real IMAP server for the intake tests: Debian's dovecot, started with its own config in a
temporary directory, listening on 127.0.0.1 on a free port, no TLS, one plain-password user."""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "service@test.local", "imap-test-password"
DOVECOT_PATHS = ("/usr/sbin/dovecot",)


def dovecot_path_or_none():
    found = shutil.which("dovecot")
    return found or next((p for p in DOVECOT_PATHS if os.access(p, os.X_OK)), None)


def dovecot_path():
    """Return dovecot's path, or skip (fail on CI, where .ci/run installs it)."""
    path = dovecot_path_or_none()
    if path is None:
        # CI requires its system tools; CSC_REQUIRE_BROWSER is how .ci/run says "this is CI".
        if os.environ.get("CSC_REQUIRE_DOVECOT") or os.environ.get("CSC_REQUIRE_BROWSER"):
            pytest.fail("dovecot is required on CI but is not installed (dovecot-imapd)")
        pytest.skip("dovecot is not installed")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accounts():
    """Return (login user, group, uid, gid): dovecot refuses to log in as root."""
    if os.geteuid() == 0:
        return "nobody", "nogroup", 65534, 65534
    import grp
    import pwd

    return (
        pwd.getpwuid(os.getuid()).pw_name,
        grp.getgrgid(os.getgid()).gr_name,
        os.getuid(),
        os.getgid(),
    )


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
ssl = no
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
  default_fields = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    user: str = USER
    password: str = PASSWORD

    def url(self, folder="INBOX"):
        return f"imap://{self.user}:{self.password}@{self.host}:{self.port}/{folder}"

    def append(self, raw):
        """Deliver one raw message into the inbox through IMAP APPEND."""
        from imap_tools import MailBoxUnencrypted

        with MailBoxUnencrypted(self.host, self.port).login(self.user, self.password) as box:
            box.append(raw, "INBOX")

    def count(self, folder="INBOX"):
        from imap_tools import MailBoxUnencrypted

        with MailBoxUnencrypted(self.host, self.port).login(self.user, self.password) as box:
            if not box.folder.exists(folder):
                return 0
            box.folder.set(folder)
            return len(box.uids())


def start(tmp_root):
    """Start dovecot in ``tmp_root``; return (process, ImapServer)."""
    binary = dovecot_path()
    root = Path(tmp_root)
    root.chmod(0o777)  # the unprivileged mail processes write the maildir here
    (root / "passwd").touch(mode=0o644)
    user, group, uid, gid = _accounts()
    port = free_port()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, user=user, group=group, uid=uid, gid=gid, port=port))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _wait_for(port, process, root)
    return process, ImapServer("127.0.0.1", port)


def _wait_for(port, process, root):
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot did not start: {process.stderr.read()!r} {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                if conn.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not answer within 15 s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
