"""Private keys, recognised by their format's markers, never by their content.

Candidates are picked by name (:data:`KEY_NAMES`, :data:`KEY_EXTENSIONS`) and only their
first :data:`MAX_KEY_BYTES` bytes are looked at (a key is a few kilobytes; a larger ``.pem``
is a certificate bundle). What counts as a private key:

* a PEM block ``-----BEGIN … PRIVATE KEY-----`` (PKCS#1 ``RSA``, ``EC``, ``DSA``, PKCS#8,
  ``ENCRYPTED``, ``OPENSSH``) or ``-----BEGIN PGP PRIVATE KEY BLOCK-----``; a file of
  certificates or public keys only is not one;
* a PuTTY key file (``PuTTY-User-Key-File-``);
* a PKCS#12 container (``.p12``, ``.pfx``, also a ``.jks``/``.keystore`` in that format):
  DER ``SEQUENCE`` then ``INTEGER 3``; such a container holds a private key unless it is a
  trust store, which cannot be told without its password;
* a Java keystore (JKS ``FEEDFEED``, JCEKS ``CECECECE``) with a private-key or secret-key
  entry (a trust store of certificates only is not one).

Whether the key is encrypted is told where the format says so without decrypting anything:
``ENCRYPTED PRIVATE KEY``, a ``Proc-Type: 4,ENCRYPTED`` header, the cipher an OpenSSH key
names in its header, PuTTY's ``Encryption:`` line, and Java keystores (whose private keys are
always protected by a password). Nothing read here leaves this module but the format, the
encryption flag and the line of the marker.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from dataclasses import dataclass

MAX_KEY_BYTES = 64 * 1024
KEY_NAMES = frozenset(
    {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"}
)
"""Base names of OpenSSH private keys (their public halves end in ``.pub``)."""
KEY_EXTENSIONS = frozenset({".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".asc"})

_PEM_RE = re.compile(rb"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----")
_PUTTY_RE = re.compile(rb"\APuTTY-User-Key-File-\d+:")
_PUTTY_ENCRYPTION_RE = re.compile(rb"^Encryption:[ \t]*(\S+)", re.M)
_OPENSSH_MAGIC = b"openssh-key-v1\0"
_JKS_MAGICS = {b"\xfe\xed\xfe\xed": "Java keystore (JKS)", b"\xce\xce\xce\xce": "JCEKS keystore"}
_JKS_PRIVATE_KEY, _JKS_TRUSTED_CERTIFICATE, _JKS_SECRET_KEY = 1, 2, 3


@dataclass(frozen=True, slots=True)
class PrivateKey:
    """A private key found in a file: its ``format`` for people (``"PEM RSA private
    key"``), whether it is ``encrypted`` (``None``: the format does not say), and the
    1-based ``line`` of its marker in a text format."""

    format: str
    encrypted: bool | None
    line: int | None = None


def is_key_candidate(name: str) -> bool:
    """Whether a base name is one a private key is stored under."""
    if name in KEY_NAMES:
        return True
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in KEY_EXTENSIONS


def find_private_key(data: bytes) -> PrivateKey | None:
    """The private key ``data`` holds, or ``None`` (certificates, public keys, anything
    else)."""
    head = data[:8]
    if head[:4] in _JKS_MAGICS:
        return _java_keystore(data, _JKS_MAGICS[head[:4]])
    if _is_pkcs12(head):
        return PrivateKey("PKCS#12 container", None)
    if _PUTTY_RE.match(data):
        encryption = _PUTTY_ENCRYPTION_RE.search(data)
        encrypted = None if encryption is None else encryption.group(1) != b"none"
        return PrivateKey("PuTTY private key", encrypted, 1)
    match = _PEM_RE.search(data)
    if match is None:
        return None
    label = match.group(1).decode("ascii")
    line = data.count(b"\n", 0, match.start()) + 1
    if label == "PGP PRIVATE KEY BLOCK":
        return PrivateKey("PGP private key block", None, line)
    if label == "OPENSSH PRIVATE KEY":
        return PrivateKey("OpenSSH private key", _openssh_encrypted(data, match.end()), line)
    kind = label.removesuffix("PRIVATE KEY").strip()
    encrypted = kind == "ENCRYPTED" or b"Proc-Type: 4,ENCRYPTED" in data[match.end() :][:200]
    described = "PEM private key" if kind in ("", "ENCRYPTED") else f"PEM {kind} private key"
    return PrivateKey(described, encrypted, line)


def _is_pkcs12(head: bytes) -> bool:
    """A DER SEQUENCE (any length form) whose first element is INTEGER 3, PKCS#12's
    version."""
    if len(head) < 5 or head[0] != 0x30:
        return False
    length = head[1]
    start = 2 if length < 0x80 else 2 + (length & 0x7F)
    return head[start : start + 3] == b"\x02\x01\x03"


def _openssh_encrypted(data: bytes, start: int) -> bool | None:
    """Whether an OpenSSH key names a cipher other than ``none`` (read from the first
    base64 line of the body, which holds only the header)."""
    body = data[start:].lstrip()
    first = body.split(b"\n", 1)[0].strip()
    try:
        decoded = base64.b64decode(first[: len(first) // 4 * 4])
    except (binascii.Error, ValueError):
        return None
    if not decoded.startswith(_OPENSSH_MAGIC) or len(decoded) < len(_OPENSSH_MAGIC) + 4:
        return None
    offset = len(_OPENSSH_MAGIC)
    (size,) = struct.unpack(">I", decoded[offset : offset + 4])
    cipher = decoded[offset + 4 : offset + 4 + size]
    if len(cipher) != size:
        return None
    return cipher != b"none"


def _java_keystore(data: bytes, described: str) -> PrivateKey | None:
    """A JKS or JCEKS keystore with a private-key or secret-key entry; ``None`` for a trust
    store or an entry list that cannot be walked before a key is seen."""
    reader = _Reader(data, 8)
    try:
        count = reader.u4()
        for _ in range(count):
            tag = reader.u4()
            reader.skip(reader.u2())  # alias
            reader.skip(8)  # creation time
            if tag == _JKS_PRIVATE_KEY:
                return PrivateKey(described, True)
            if tag == _JKS_SECRET_KEY:
                return PrivateKey(f"{described} with a secret-key entry", True)
            if tag != _JKS_TRUSTED_CERTIFICATE:
                return None
            _skip_certificate(reader)
    except _Truncated:
        return None
    return None


def _skip_certificate(reader: _Reader) -> None:
    reader.skip(reader.u2())  # certificate type
    reader.skip(reader.u4())  # encoded certificate


class _Truncated(Exception):
    """The data ended inside a record."""


class _Reader:
    """Big-endian reads over bytes, raising :class:`_Truncated` past the end."""

    def __init__(self, data: bytes, offset: int) -> None:
        self.data = data
        self.offset = offset

    def u2(self) -> int:
        return int.from_bytes(self._take(2), "big")

    def u4(self) -> int:
        return int.from_bytes(self._take(4), "big")

    def skip(self, size: int) -> None:
        self._take(size)

    def _take(self, size: int) -> bytes:
        end = self.offset + size
        if end > len(self.data):
            raise _Truncated
        chunk = self.data[self.offset : end]
        self.offset = end
        return chunk
