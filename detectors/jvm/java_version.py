"""The ``java`` runtime technology and how Java versions are written.

Java 8 and earlier were numbered ``1.x`` (``1.8`` is Java 8); the version reported is the
modern number, with what the file wrote kept in the evidence's reason.
"""

from __future__ import annotations

import re

from scanner.model import Category, Evidence, Technology

_LEGACY_RE = re.compile(r"1\.([1-9])(?:\.[0-9_]+)?\Z")
_JAVA_VERSION_CONSTANT_RE = re.compile(r"VERSION_(?:1_)?([0-9]+)\Z")
_JVM_TARGET_CONSTANT_RE = re.compile(r"JVM_(?:1_)?([0-9]+)\Z")


def normalize_java_version(raw: str) -> str:
    """``1.8`` → ``8``, ``VERSION_1_8``/``VERSION_17``/``JVM_17`` → ``8``/``17``; anything
    else is returned stripped, as written."""
    value = raw.strip().strip("'\"")
    for pattern in (_LEGACY_RE, _JAVA_VERSION_CONSTANT_RE, _JVM_TARGET_CONSTANT_RE):
        match = pattern.search(value) if pattern is not _LEGACY_RE else pattern.match(value)
        if match is not None:
            return match.group(1)
    return value


def java_technology(
    raw: str | None,
    evidence: tuple[Evidence, ...],
    *,
    version_note: str | None = None,
    component: str | None = None,
) -> Technology:
    """The ``java`` runtime at ``raw`` (normalised), declared by ``evidence``.

    ``raw=None`` (a version that could not be resolved) gives no version and ``version_note``.
    """
    version = normalize_java_version(raw) if raw else None
    return Technology(
        key="java",
        name="Java",
        category=Category.RUNTIME,
        evidence=evidence,
        version=version,
        version_source="declared" if version else None,
        version_note=None if version else version_note or "no Java version could be resolved",
        component=component,
    )


def describe(raw: str) -> str:
    """``1.8`` → ``"1.8 (Java 8)"``; a version already modern is shown once."""
    normalized = normalize_java_version(raw)
    return raw if normalized == raw.strip() else f"{raw} (Java {normalized})"
