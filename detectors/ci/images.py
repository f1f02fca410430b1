"""Container images named in CI files, as ``container-image`` technologies.

The reference parser and the technology's shape are the ones every detector shares
(:mod:`detectors.common.images`); this module adds what CI files need: ``$VAR`` references
resolved from the variables the file defines (:mod:`detectors.common.interpolation`), and
evidence pointing at the line.
"""

from __future__ import annotations

from collections.abc import Mapping

from detectors.common.images import ImageReferenceError
from detectors.common.images import image_technology as shared_image_technology
from detectors.common.interpolation import InterpolationError, interpolate
from scanner.detector import SourceFile
from scanner.model import Technology


def image_technology(
    file: SourceFile,
    text: str,
    line: int | None,
    reason: str,
    variables: Mapping[str, str] | None = None,
) -> Technology | None:
    """The ``container-image`` technology for the image ``text`` used at ``line``, with
    ``$VAR``/``${VAR:-default}`` resolved from ``variables``. ``None`` when no image can be
    named: the repository depends on a variable without a value, or the text is not an image
    reference. A tag that depends on such a variable gives ``version=None`` and a note."""
    written = text.strip()
    values = variables or {}
    try:
        resolved = interpolate(written, values.get)
        notes = [f"tag from the default of ${name}" for name, _ in resolved.defaulted]
        shown = resolved.text if resolved.resolved else written
        return shared_image_technology(
            resolved.text,
            file.evidence(f"{reason}: {shown}", line=line),
            notes=notes,
            unresolved=resolved.unresolved,
        )
    except (ImageReferenceError, InterpolationError):
        return None
