"""Files chosen on a form that came back with an error are held, so nobody chooses them again.

A browser cannot put a file back into a file input. When a form with uploads is refused, the
files that arrived are saved under ``held/`` and the page carries a signed token naming them;
the next submit without new files uses the held ones. A token is signed for one user and
expires after a day; held files older than that are removed by ``forget_old``.
"""

import datetime as dt
import mimetypes
import uuid

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import get_valid_filename

FIELD = "held_files"
FOLDER = "held"
MAX_AGE = dt.timedelta(days=1)
_SALT = "csc.held-uploads"


def hold(user, uploads):
    """Save ``uploads`` for ``user``; return {"token", "names"} for the page, or None."""
    uploads = list(uploads)
    if not uploads:
        return None
    folder = f"{FOLDER}/{uuid.uuid4().hex}"
    stored = []
    for n, upload in enumerate(uploads):
        upload.seek(0)
        path = default_storage.save(f"{folder}/{n}-{get_valid_filename(upload.name)}", upload)
        stored.append((path, upload.name))
    token = signing.dumps({"u": user.pk, "f": stored}, salt=_SALT)
    return {"token": token, "names": [name for _path, name in stored]}


def _stored(user, token):
    if not token:
        return []
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    if data.get("u") != user.pk:
        return []
    return [(path, name) for path, name in data.get("f", []) if default_storage.exists(path)]


def held(user, token):
    """Return {"token", "names"} of what ``token`` still holds for ``user``, or None."""
    stored = _stored(user, token)
    if not stored:
        return None
    return {"token": token, "names": [name for _path, name in stored]}


def take(user, token):
    """Return the held files as uploads, in the order they were chosen."""
    files = []
    for path, name in _stored(user, token):
        with default_storage.open(path, "rb") as source:
            content = source.read()
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        files.append(SimpleUploadedFile(name, content, content_type=kind))
    return files


def discard(user, token):
    """Remove the held files once they are stored on their record."""
    for path, _name in _stored(user, token):
        default_storage.delete(path)


def forget_old(now=None):
    """Remove held files older than a day; return how many were removed."""
    limit = (now or timezone.now()) - MAX_AGE
    removed = 0
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    for folder in folders:
        _subfolders, names = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in names:
            path = f"{FOLDER}/{folder}/{name}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
    return removed


def keep(user, uploads, token):
    """Return what a refused page shows as held: the new ``uploads`` if any (replacing what
    ``token`` held), else what ``token`` still holds."""
    if uploads:
        discard(user, token)
        return hold(user, uploads)
    return held(user, token)
