"""What a version file asks for, before it becomes a technology: a :class:`Pin`.

A version with every part a release needs (``3.12.4``, ``18.17.0``) is ``resolved``; a
partial one (``3.12``, ``20``) or a range is ``declared``; an alias (``latest``, ``system``,
``lts/*``) has no version and a note saying what it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

RESOLVED = "resolved"
DECLARED = "declared"


@dataclass(frozen=True, slots=True)
class Pin:
    """One technology a version file pins: ``key`` (see :mod:`.catalog`), the version, how
    exact it is (``resolved``/``declared``, ``None`` without a version) and a note."""

    key: str
    version: str | None = None
    source: str | None = None
    note: str | None = None


Interpreter = Callable[[str], list[Pin]]

_RELEASE_RE = re.compile(r"(\d+(?:\.\d+)*)(.*)\Z", re.S)
_RANGE_RE = re.compile(r"[<>=~^!*|,\s]|\.[xX*](?:\.|\Z)")
_ALIASES = {
    "latest": "the latest release",
    "stable": "the latest stable release",
    "current": "the latest release",
    "lts": "the latest long-term-support release",
    "system": "the system installation, whatever version it is",
}
_SUB_RE = re.compile(r"sub-\d+(?:\.\d+)*:")


def numbered(key: str, version: str, *, exact_parts: int = 3, note: str | None = None) -> Pin:
    """A pin for a version number: ``resolved`` with at least ``exact_parts`` numeric parts
    (a pre-release or build suffix allowed), ``declared`` with fewer or for a range; no
    version, with a note, for something that is not a version number."""
    source = exactness(version, exact_parts)
    if source is None:
        return Pin(key, note=f"{version!r} is not a version number")
    return Pin(key, version, source, note)


def exactness(version: str, exact_parts: int = 3) -> str | None:
    """``resolved``, ``declared`` or ``None`` (not a version), as :func:`numbered` says."""
    if _RANGE_RE.search(version):
        return DECLARED if any(char.isdigit() for char in version) else None
    release = _RELEASE_RE.match(version)
    if release is None:
        return None
    parts = release.group(1).count(".") + 1
    return RESOLVED if parts >= exact_parts else DECLARED


def alias(key: str, raw: str) -> Pin | None:
    """A pin without a version for a common alias (``latest``, ``system``…), else ``None``."""
    meaning = _ALIASES.get(raw.lower())
    return Pin(key, note=f"{raw}: {meaning}") if meaning else None


def generic(key: str) -> Interpreter:
    """The interpreter for a tool with no rules of its own: aliases, then version numbers."""

    def interpret(raw: str) -> list[Pin]:
        return [alias(key, raw) or numbered(key, raw.removeprefix("v"))]

    return interpret


def with_manager_prefix(key: str, raw: str, interpret: Interpreter) -> list[Pin]:
    """Read a version as asdf and mise write it: ``ref:<git ref>`` and ``path:<dir>`` (no
    version), ``latest:<prefix>`` and mise's ``prefix:<prefix>`` (the newest matching, so
    ``declared``), ``sub-1:latest`` (relative to another version); anything else goes to
    ``interpret``."""
    head, _, rest = raw.partition(":")
    if head == "ref" and rest:
        return [Pin(key, note=f"built from the source ref {rest!r}")]
    if head == "path" and rest:
        return [Pin(key, note="a local installation at a path (path:)")]
    if _SUB_RE.match(raw):
        return [Pin(key, note=f"{raw}: relative to another version")]
    if head in ("latest", "prefix") and rest:
        return [
            _declared(pin, f"{raw}: the newest release matching {rest}") for pin in interpret(rest)
        ]
    return interpret(raw)


def _declared(pin: Pin, note: str) -> Pin:
    if pin.version is None:
        return replace(pin, note=note)
    return replace(pin, source=DECLARED, note=note)
