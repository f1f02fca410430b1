"""What a scan target may be, and how it is shown without leaking credentials.

Accepted: a local directory, or a git URL with one of the schemes ``https``, ``ssh``, ``git``
and ``file``, or scp-like ``user@host:path``. Refused, before git ever sees them: other schemes
(``http``, ``ext::`` and other transport helpers), anything that could pass for a command-line
option, control characters, and refs that could act as options or refspecs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scanner.errors import TargetError

ALLOWED_SCHEMES = ("https", "ssh", "git", "file")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SCP_RE = re.compile(r"^(?:[A-Za-z0-9._+-]+@)?[A-Za-z0-9.-]+:(?!//)[^\s]+$")
_TRANSPORT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_REF_RE = re.compile(r"^[A-Za-z0-9._/@{}^~+-]+$")
_USERINFO_RE = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")


@dataclass(frozen=True, slots=True)
class Target:
    """A validated scan target.

    ``location`` is what git or the file system is given (it may hold credentials and is never
    shown); ``display`` is the same with credentials removed, for messages and reports.
    """

    kind: str  # "path" or "url"
    location: str
    display: str
    name: str


def parse_target(raw: str) -> Target:
    """Classify and validate a target given on the command line; raises :class:`TargetError`."""
    if not raw or _CONTROL_RE.search(raw):
        raise TargetError("a target must be a non-empty path or URL without control characters")
    if raw.startswith("-"):
        raise TargetError(f"{raw!r} looks like an option, not a path or URL (use ./{raw})")
    path = Path(raw)
    if path.exists():
        if not path.is_dir():
            raise TargetError(f"{raw} is not a directory")
        resolved = path.resolve()
        return Target("path", str(resolved), str(raw), resolved.name or str(resolved))
    if _TRANSPORT_RE.match(raw):
        scheme = raw.split("::", 1)[0]
        raise TargetError(f"git transport {scheme}:: is not accepted; use an {_allowed()} URL")
    match = _SCHEME_RE.match(raw)
    if match:
        scheme = match.group(1).lower()
        if scheme not in ALLOWED_SCHEMES:
            raise TargetError(f"{scheme}:// URLs are not accepted; use an {_allowed()} URL")
        display = redact_url(raw)
        return Target("url", raw, display, repository_name(display))
    if _SCP_RE.match(raw):
        return Target("url", raw, raw, repository_name(raw))
    raise TargetError(f"{raw}: no such directory, and not an {_allowed()} or user@host:path URL")


def validate_ref(ref: str) -> str:
    """Accept a branch, tag or commit name; refuse what git could read as an option,
    a refspec or a range. Returns the ref unchanged."""
    if ref.startswith("-") or ".." in ref or not _REF_RE.match(ref):
        raise TargetError(f"{ref!r} is not an acceptable branch, tag or commit name")
    return ref


def redact_url(url: str) -> str:
    """The URL without user name or password (tokens are often passed as either)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def scrub_credentials(text: str, target: Target) -> str:
    """Remove a target's credentials from text such as a git error message."""
    if target.location != target.display:
        text = text.replace(target.location, target.display)
    return _USERINFO_RE.sub(r"\1", text)


def repository_name(url: str) -> str:
    """A short name for a repository URL: its last path segment without ``.git``."""
    tail = url.rstrip("/").replace(":", "/").rsplit("/", 1)[-1]
    return tail.removesuffix(".git") or url


def _allowed() -> str:
    return ", ".join(ALLOWED_SCHEMES[:-1]) + " or " + ALLOWED_SCHEMES[-1]
