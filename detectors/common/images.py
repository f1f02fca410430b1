"""Container image references, ``[registry[:port]/]path[:tag][@digest]``, and the
``container-image`` technology each one becomes.

The grammar is the one of Docker's reference library: the first path segment is a registry
when it contains a ``.`` or a ``:``, is ``localhost``, or has an upper-case letter; a tag
follows the last ``:`` after the last ``/``; a digest follows ``@``. Docker Hub is the default
registry, and its official images live under ``library/``; neither is part of a key
(``docker.io/library/postgres`` is ``postgres``).

A reference may contain :data:`UNRESOLVED` where a variable could not be resolved (see
:mod:`detectors.common.interpolation`): in the tag or digest it leaves the version
unknown; in the registry or path it leaves the image unnamed, and no technology is made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scanner.model import Category, Evidence, Technology

UNRESOLVED = "\x00"
"""Stands for a variable reference that could not be resolved."""

DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})

# Upper case is accepted in paths (Docker rejects it; keys are lower-cased anyway).
_COMPONENT = r"[a-zA-Z0-9]+(?:(?:[._]|__|-+)[a-zA-Z0-9]+)*"
_PATH_RE = re.compile(rf"{_COMPONENT}(?:/{_COMPONENT})*\Z")
_DOMAIN_RE = re.compile(
    r"(?:\[[0-9a-fA-F:]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?\Z"
)
_TAG_RE = re.compile(r"[\w][\w.-]{0,127}\Z")
_DIGEST_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}\Z")
# A tag that names a full version (three numeric parts) pins the image; others float.
_EXACT_TAG_RE = re.compile(r"v?\d+\.\d+\.\d+(?![\d.])")
_DIGIT_RE = re.compile(r"\d")


class ImageReferenceError(ValueError):
    """An image reference that does not follow the grammar; the message says why."""


@dataclass(frozen=True, slots=True)
class ImageReference:
    """One parsed image reference; ``registry`` is ``None`` for the default (Docker Hub)."""

    registry: str | None
    path: str
    tag: str | None = None
    digest: str | None = None

    @property
    def on_docker_hub(self) -> bool:
        """Whether the image lives on Docker Hub (no registry, or Docker Hub's own names)."""
        return self.registry is None or self.registry.lower() in DOCKER_HUB

    @property
    def key(self) -> str:
        """The technology key: the repository without Docker Hub and ``library/``,
        lower-cased (``ghcr.io/org/app``, ``bitnami/redis``, ``postgres``)."""
        if self.on_docker_hub:
            path = self.path.lower()
            return path.removeprefix("library/") if path.count("/") == 1 else path
        return f"{self.registry}/{self.path}".lower()

    @property
    def unresolved(self) -> bool:
        """Whether the registry or path depend on an unresolved variable."""
        return UNRESOLVED in self.path or UNRESOLVED in (self.registry or "")

    def __str__(self) -> str:
        text = f"{self.registry}/{self.path}" if self.registry else self.path
        if self.tag is not None:
            text += f":{self.tag}"
        if self.digest is not None:
            text += f"@{self.digest}"
        return text


def parse_image_reference(text: str) -> ImageReference:
    """Parse ``[registry[:port]/]path[:tag][@digest]``.

    Raises :class:`ImageReferenceError` for an empty or malformed reference. Parts holding
    :data:`UNRESOLVED` are not validated beyond their structure.
    """
    text = text.strip()
    if not text:
        raise ImageReferenceError("empty image reference")
    name, at, digest = text.partition("@")
    if at and (not digest or "@" in digest):
        raise ImageReferenceError(f"{_shown(text)!r}: malformed digest")
    tag: str | None = None
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        name, tag = name[:colon], name[colon + 1 :]
        if not tag:
            raise ImageReferenceError(f"{_shown(text)!r}: empty tag")
    first, slash, rest = name.partition("/")
    registry: str | None = None
    path = name
    if slash and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        registry, path = first, rest
    _check(text, registry, _DOMAIN_RE, "registry")
    _check(text, path, _PATH_RE, "repository")
    _check(text, tag, _TAG_RE, "tag")
    _check(text, digest or None, _DIGEST_RE, "digest")
    return ImageReference(registry, path, tag, digest or None)


def _check(text: str, part: str | None, pattern: re.Pattern[str], what: str) -> None:
    if part is None:
        return
    probe = part.replace(UNRESOLVED, "a")
    if what == "digest" and UNRESOLVED in part:
        return
    if not probe or pattern.match(probe) is None:
        raise ImageReferenceError(f"{_shown(text)!r}: invalid {what} {_shown(part)!r}")


def _shown(text: str) -> str:
    return text.replace(UNRESOLVED, "${...}")


def image_technology(
    text: str,
    evidence: Evidence,
    *,
    notes: Sequence[str] = (),
    unresolved: Sequence[str] = (),
    untagged_note: str = "no tag (latest)",
) -> Technology | None:
    """The ``container-image`` technology of the reference ``text``.

    ``version`` is the tag (``None`` without one, noted ``"no tag (latest)"``), the digest
    goes to the note, and ``notes`` (how variables were resolved) are added to it.
    ``unresolved`` names the variables left as :data:`UNRESOLVED` in ``text``. Returns
    ``None`` when the repository itself is unresolved; raises :class:`ImageReferenceError`
    for a malformed reference. ``untagged_note`` replaces ``"no tag (latest)"`` where a
    missing tag means something else (a Kustomize override keeping the manifests' tag).
    """
    reference = parse_image_reference(text)
    if reference.unresolved:
        return None
    version, source, version_notes = _version_of(reference, unresolved, untagged_note)
    note = "; ".join([*version_notes, *notes]) or None
    return Technology(
        key=reference.key,
        name=reference.key,
        category=Category.CONTAINER_IMAGE,
        evidence=(evidence,),
        version=version,
        version_source=source,
        version_note=note,
    )


def _version_of(
    reference: ImageReference, unresolved: Sequence[str], untagged_note: str
) -> tuple[str | None, str | None, list[str]]:
    notes: list[str] = []
    tag, digest = reference.tag, reference.digest
    names = ", ".join(dict.fromkeys(unresolved)) or "?"
    if digest is not None and UNRESOLVED in digest:
        notes.append(f"digest depends on unresolved variable(s) {names}")
        digest = None
    elif digest is not None:
        notes.append(f"digest {digest}")
    if tag is not None and UNRESOLVED in tag:
        notes.insert(0, f"tag depends on unresolved variable(s) {names}")
        return None, None, notes
    if tag is None:
        if digest is None:
            return None, None, [untagged_note, *notes]
        return None, None, ["no tag, pinned by digest", *notes]
    if _DIGIT_RE.search(tag) is None:
        notes.insert(0, f"tag {tag!r} names no version")
    exact = digest is not None or _EXACT_TAG_RE.match(tag) is not None
    return tag, "resolved" if exact else "declared", notes
