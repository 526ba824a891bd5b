"""Fields encrypted at rest (SEC-2) and how they are masked for users who may not see them."""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

TOKEN_PREFIX = "enc1:"


def _fernet():
    """Return the cipher: encrypts with the field key, decrypts with it or a previous one."""
    return _cipher(settings.FIELD_ENCRYPTION_KEY, tuple(settings.PREVIOUS_FIELD_KEYS))


@functools.lru_cache(maxsize=4)
def _cipher(secret, previous=()):
    # Deriving the key costs a fifth of each decryption; exports decrypt 100,000 values.
    return MultiFernet([_derive(key) for key in (secret, *previous)])


def _derive(secret):
    key = base64.urlsafe_b64encode(hashlib.sha256(f"csc-field:{secret}".encode()).digest())
    return Fernet(key)


def encrypt(text):
    return TOKEN_PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """Return the plain text of a stored token; a plain (legacy) value is returned as it is."""
    if not token.startswith(TOKEN_PREFIX):
        return token
    try:
        return _fernet().decrypt(token[len(TOKEN_PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ValueError("the field encryption key does not match the stored data") from exc


def reencrypt(token):
    """Return ``token`` encrypted with the current field key (plain values are encrypted)."""
    if not token.startswith(TOKEN_PREFIX):
        return encrypt(token)
    try:
        rotated = _fernet().rotate(token[len(TOKEN_PREFIX) :].encode())
    except InvalidToken as exc:
        raise ValueError("the field encryption key does not match the stored data") from exc
    return TOKEN_PREFIX + rotated.decode()


def digest(text):
    """Return the keyed digest of a value looked up by equality (an e-mail address): HMAC with
    a key derived from the field key, of the value trimmed and in lower case; "" for none.

    Ciphertext cannot be searched; the digest can, and without the key it tells nothing."""
    text = (text or "").strip().lower()
    if not text:
        return ""
    key = hashlib.sha256(f"csc-lookup:{settings.FIELD_ENCRYPTION_KEY}".encode()).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


class DigestField(models.CharField):
    """The digest of another field of the record, set on every save (bulk ones too)."""

    def __init__(self, *args, source=None, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key in ("max_length", "blank", "editable"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = digest(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def digest_fields():
    """Return (model, digest field) for every DigestField of every installed model."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, DigestField)
    ]


def encrypted_fields():
    """Return (model, field name) for every encrypted field of every installed model."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedCharField)
    ]


def mask(text, visible=4):
    """Return '•••• 1234' for an account number; short values are hidden entirely."""
    if not text:
        return ""
    if len(text) <= visible:
        return "••••"
    return "•••• " + text[-visible:]


class EncryptedCharField(models.TextField):
    """Plain text in Python, Fernet ciphertext in the database and in backups.

    The field is never filtered or sorted on: ciphertext is random, so lookups cannot work.
    """

    sensitive = True

    def __init__(self, *args, max_length=None, masker=None, **kwargs):
        self.plain_max_length = max_length
        # How the value shows to who may not read it, in the audit trail too: the trail
        # keeps only the masked form (default: the last four characters, as for accounts).
        self.masker = masker
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length:
            kwargs["max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def mask(self, value):
        return self.masker(value or "") if self.masker else mask(value or "")

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(TOKEN_PREFIX):
            return decrypt(value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def value_to_string(self, obj):
        # Serialised copies (backups) keep the ciphertext, never the plain number.
        value = self.value_from_object(obj)
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        kwargs.setdefault("widget", forms.TextInput)
        kwargs.setdefault("max_length", self.plain_max_length)
        return super().formfield(**kwargs)


def encrypt_stored(app_label, model_name, *fields, batch=1000):
    """Return a migration step that encrypts the values ``fields`` held in clear before they
    became encrypted fields: each row is read (a plain value reads as it is) and written back."""

    def step(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model.objects.only("pk", *fields).order_by("pk").iterator(chunk_size=batch)
        pending = []
        for row in rows:
            pending.append(row)
            if len(pending) == batch:
                model.objects.bulk_update(pending, fields)
                pending = []
        if pending:
            model.objects.bulk_update(pending, fields)

    return step
