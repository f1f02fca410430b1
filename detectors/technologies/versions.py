"""Versions as the rules need them: the lowest version a declared range admits, the version an
image tag names, and the leading numeric release that ``versions`` ranges are compared on.

Declared ranges come in every ecosystem's syntax; one tolerant reader covers them all: PEP 440
(``>=4.2,<5``, ``~=4.2.0``, ``==1.11.*``), npm and Cargo (``^18.2.0``, ``~1.2``, ``1.x``,
``>=1 <2``, ``1.0 - 2.0``, ``a || b``), RubyGems and Hex (``~> 7.1``, ``>= 1.0 and < 2.0``,
``a or b``), Composer (``^7.4|^8.0``, ``10.*``, ``^1.0@dev``), Maven and NuGet intervals
(``[1.0,2.0)``, ``[1.2.3]``). Nothing here raises: what cannot be read gives ``None``.
"""

from __future__ import annotations

import re

_ALTERNATIVES = re.compile(r"\|\||\||\s+or\s+")
_HYPHEN_RANGE = re.compile(r"(\S+)\s+-\s+(\S+)")
_OPERATOR_SPACE = re.compile(r"(~>|===|==|~=|>=|<=|!=|\^|~|>|<|=)\s+")
_COMPARATOR = re.compile(r"(~>|===|==|~=|>=|<=|!=|\^|~|>|<|=)?(.*)\Z")
_VERSION = re.compile(
    r"[vV]?(?P<release>\d+(?:\.\d+)*)(?P<wildcard>(?:\.[xX*])+)?"
    r"(?P<rest>[-+.]?[0-9A-Za-z][0-9A-Za-z.+-]*)?\Z"
)
_INTERVAL = re.compile(r"([\[(])\s*([^,\])]*?)\s*(?:,[^\])]*)?[\])]")
_LEADING_RELEASE = re.compile(r"[vV]?(\d+(?:\.\d+)*)")
_UPPER_BOUNDS = frozenset({"<", "<=", "!="})


def lowest_declared(declared: str) -> str | None:
    """The lowest version ``declared`` admits when the range names it: ``>=4.2,<5`` → ``4.2``,
    ``^18.2.0`` → ``18.2.0``, ``~> 7.1`` → ``7.1``, ``1.x`` → ``1``, ``[1.0,2.0)`` → ``1.0``.
    ``None`` when no lower bound is named (``*``, ``<5``, ``>1.2``, ``latest``, a git URL).
    Of several alternatives the lowest wins; within one, the highest lower bound."""
    text = declared.strip()
    if text.startswith("npm:") and "@" in text[5:]:
        text = text[text.rindex("@") + 1 :]
    if text[:1] in ("[", "("):
        return _lowest_interval(text)
    lowest: str | None = None
    for alternative in _ALTERNATIVES.split(text):
        bound = _lower_bound(alternative)
        if bound is None:
            return None
        if lowest is None or _order(bound) < _order(lowest):
            lowest = bound
    return lowest


def _lower_bound(alternative: str) -> str | None:
    text = _HYPHEN_RANGE.sub(r">=\1 <=\2", alternative.strip())
    text = _OPERATOR_SPACE.sub(r"\1", text)
    bound: str | None = None
    for token in re.split(r"[\s,]+", text):
        token = token.strip("'\"")
        if not token or token == "and":
            continue
        match = _COMPARATOR.match(token.partition("@")[0])
        operator, version = (match.group(1) or "", match.group(2)) if match else ("", token)
        if operator in _UPPER_BOUNDS:
            continue
        if operator == ">":
            continue  # an exclusive bound names no version it admits
        cleaned = clean(version)
        if cleaned is not None and (bound is None or _order(cleaned) > _order(bound)):
            bound = cleaned
    return bound


def _lowest_interval(text: str) -> str | None:
    lowest: str | None = None
    for opening, lower in _INTERVAL.findall(text):
        if opening != "[" or not lower:
            return None
        cleaned = clean(lower)
        if cleaned is None:
            return None
        if lowest is None or _order(cleaned) < _order(lowest):
            lowest = cleaned
    return lowest


def clean(version: str) -> str | None:
    """A version as written, tidied: a leading ``v`` dropped, a wildcard tail cut (``1.2.x``
    → ``1.2``); ``None`` for something that is not a version (``*``, ``latest``, ``dev-main``)."""
    match = _VERSION.match(version.strip())
    if match is None:
        return None
    if match.group("wildcard"):
        return match.group("release")
    return match.group("release") + (match.group("rest") or "")


def release(version: str | None) -> tuple[int, ...] | None:
    """The leading numeric release of a version (``4.2.11`` → ``(4, 2, 11)``, ``8-alpine`` →
    ``(8,)``), or ``None`` when it does not start with one."""
    if version is None:
        return None
    match = _LEADING_RELEASE.match(version.strip())
    if match is None:
        return None
    return tuple(int(part) for part in match.group(1).split("."))


# Release codenames that OS images use as tags, per rule key: the release each names.
CODENAMES: dict[str, dict[str, str]] = {
    "ubuntu": {
        "trusty": "14.04", "xenial": "16.04", "bionic": "18.04", "focal": "20.04",
        "jammy": "22.04", "noble": "24.04", "plucky": "25.04", "questing": "25.10",
    },
    "debian": {
        "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12",
        "trixie": "13", "forky": "14",
    },
}  # fmt: skip


def version_of_tag(tag: str, key: str | None = None) -> str | None:
    """The version an image tag names: its leading numeric release, variant suffixes dropped
    (``15.3-bullseye`` → ``15.3``, ``8-alpine`` → ``8``, ``v2.10`` → ``2.10``,
    ``17.0.8_7-jre`` → ``17.0.8``); for the OS ``key`` (``ubuntu``, ``debian``) a release
    codename too (``jammy`` → ``22.04``, ``bookworm-slim`` → ``12``); else ``None`` for
    ``latest``, ``stable``…"""
    text = tag.strip()
    match = _LEADING_RELEASE.match(text)
    if match:
        return match.group(1)
    codenames = CODENAMES.get(key or "", {})
    return codenames.get(text.lower().split("-", 1)[0])


def _order(version: str) -> tuple[int, ...]:
    return release(version) or ()
