"""Encrypted backup files: the zip in AES-256-GCM chunks, keyed by a passphrase or the field key.

A plain backup carries password hashes and API tokens readable to whoever holds the file.
The file is streamed in 1 MiB chunks, each sealed with its index and a last-chunk flag, so a
chunk cannot be swapped, dropped or the file cut short without the restore noticing.
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CSCBAK1\n"
CHUNK = 1024 * 1024
SALT_BYTES, PREFIX_BYTES = 16, 4


def is_encrypted(path):
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(secret, salt):
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(secret.encode())


def _nonce(prefix, index):
    return prefix + struct.pack(">Q", index)


def _aad(index, last):
    return struct.pack(">Q?", index, last)


def encrypt_file(source, target, secret):
    """Write ``source`` encrypted with ``secret`` to ``target``."""
    salt, prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
    cipher = AESGCM(_key(secret, salt))
    with open(source, "rb") as plain, open(target, "wb") as sealed:
        sealed.write(MAGIC + salt + prefix)
        chunk, index = plain.read(CHUNK), 0
        while True:
            following = plain.read(CHUNK)
            last = not following
            data = cipher.encrypt(_nonce(prefix, index), chunk, _aad(index, last))
            sealed.write(struct.pack(">I", len(data)) + data)
            if last:
                return
            chunk, index = following, index + 1


def decrypt_file(source, target, secret):
    """Write the plain zip of the encrypted ``source`` to ``target``; ValueError if it fails."""
    with open(source, "rb") as sealed, open(target, "wb") as plain:
        if sealed.read(len(MAGIC)) != MAGIC:
            raise ValueError("not an encrypted CSC backup")
        salt, prefix = sealed.read(SALT_BYTES), sealed.read(PREFIX_BYTES)
        cipher = AESGCM(_key(secret, salt))
        index = 0
        while header := sealed.read(4):
            data = sealed.read(struct.unpack(">I", header)[0])
            last = sealed.peek(1)[:1] == b"" if hasattr(sealed, "peek") else False
            try:
                plain.write(cipher.decrypt(_nonce(prefix, index), data, _aad(index, last)))
            except InvalidTag:
                raise ValueError("wrong passphrase or key, or the file was changed") from None
            if last:
                return
            index += 1
        raise ValueError("the encrypted backup is cut short")
