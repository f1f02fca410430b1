"""Builders of the records every container format reports: the tools themselves (Docker,
Compose, Kubernetes, Helm, Kustomize, dev containers), images, and failures of one entry."""

from __future__ import annotations

from collections.abc import Sequence

from detectors.common.images import ImageReferenceError, image_technology
from scanner.detector import SourceFile
from scanner.model import Category, Evidence, Failure, FailureKind, Technology

# key -> (name, category) of the tools the container formats reveal.
TOOLS: dict[str, tuple[str, str]] = {
    "docker": ("Docker", Category.INFRASTRUCTURE),
    "docker-compose": ("Docker Compose", Category.INFRASTRUCTURE),
    "kubernetes": ("Kubernetes", Category.INFRASTRUCTURE),
    "kustomize": ("Kustomize", Category.INFRASTRUCTURE),
    "helm": ("Helm", Category.INFRASTRUCTURE),
    "devcontainer": ("Dev Containers", Category.TOOL),
}


def tool_technology(
    key: str,
    evidence: Evidence,
    *,
    version: str | None = None,
    note: str | None = None,
) -> Technology:
    """The technology of one of :data:`TOOLS`; a version is a declared constraint."""
    name, category = TOOLS[key]
    return Technology(
        key,
        name,
        category,
        (evidence,),
        version=version,
        version_source="declared" if version else None,
        version_note=note,
    )


def parse_failure(file: SourceFile, reason: str) -> Failure:
    """A parse failure of one entry of ``file`` (the rest of the file was read)."""
    return Failure(FailureKind.PARSE_ERROR, reason, path=file.path, detector=file.detector)


class Collector:
    """The technologies and failures one file yields, in the order found."""

    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.technologies: list[Technology] = []
        self.failures: list[Failure] = []

    def image(
        self,
        text: str,
        evidence: Evidence,
        *,
        notes: Sequence[str] = (),
        unresolved: Sequence[str] = (),
        untagged_note: str = "no tag (latest)",
    ) -> None:
        """Add the image ``text`` (see :func:`image_technology`); a malformed reference
        becomes a failure naming the line, an unresolved repository is left out."""
        try:
            technology = image_technology(
                text, evidence, notes=notes, unresolved=unresolved, untagged_note=untagged_note
            )
        except ImageReferenceError as error:
            where = f"line {evidence.line}: " if evidence.line else ""
            self.fail(f"{where}{evidence.reason}: {error}")
            return
        if technology is not None:
            self.technologies.append(technology)

    def fail(self, reason: str) -> None:
        """Record a failure of one entry."""
        self.failures.append(parse_failure(self.file, reason))
