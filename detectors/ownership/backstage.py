"""Backstage catalog descriptors (``catalog-info.yaml``/``.yml``) as ownership rules.

Every entity of kind ``Component``, ``System``, ``API`` or ``Resource`` (in any of the file's
YAML documents) with a ``spec.owner`` gives a rule for the descriptor's directory: ``/dir/``,
or ``*`` for the repository root. The entity's name, type and lifecycle are in the evidence.
Other kinds (``Group``, ``User``, ``Location``, ``Domain``...) own no paths and are skipped.
"""

from __future__ import annotations

from detectors.ci.yamldoc import YamlMap, load_documents
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, OwnershipRule

SOURCE = "backstage"
OWNING_KINDS = {"component": "Component", "system": "System", "api": "API", "resource": "Resource"}


def parse_catalog_info(file: SourceFile) -> DetectorOutput:
    """The ownership rules of a catalog descriptor. Raises :class:`DetectorError` for
    malformed YAML; documents that are not entities are skipped."""
    pattern = "*" if file.directory == "." else f"/{file.directory}/"
    rules: list[OwnershipRule] = []
    for document in load_documents(file):
        if not isinstance(document, YamlMap):
            continue
        kind = OWNING_KINDS.get((document.text_at("kind") or "").strip().lower())
        spec = document.map_at("spec")
        owner = spec.text_at("owner") if spec is not None else None
        if kind is None or spec is None or owner is None:
            continue
        metadata = document.map_at("metadata")
        name = metadata.text_at("name") if metadata is not None else None
        details = [
            f"{label} {value}"
            for label, value in (
                ("type", spec.text_at("type")),
                ("lifecycle", spec.text_at("lifecycle")),
            )
            if value
        ]
        reason = f"Backstage {kind} '{name or '(unnamed)'}'"
        if details:
            reason += f" ({', '.join(details)})"
        reason += f" owned by {owner.strip()}"
        evidence = file.evidence(reason, line=spec.line_of("owner"))
        rules.append(OwnershipRule(pattern, (owner.strip(),), SOURCE, evidence))
    return DetectorOutput(ownership=tuple(rules))
