"""Renovate: ``renovate.json``, ``renovate.json5``, ``.renovaterc``, ``.renovaterc.json``,
``.renovaterc.json5``, and the same under ``.github/`` and ``.gitlab/``. (A ``renovate`` key in
``package.json`` belongs to the JavaScript detector.)

Reported: the tool ``renovate`` (category ``tool``); the evidence names the presets it
``extends`` and the managers it enables or disables.
"""

from __future__ import annotations

import json
from typing import Any

from detectors.ci import json5
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Technology


def parse_renovate(file: SourceFile) -> DetectorOutput:
    """A Renovate configuration (JSON, or JSON5 for ``*.json5``). Raises
    :class:`DetectorError` for an empty or malformed file or one that is not an object."""
    text = file.text()
    if not text.strip():
        raise DetectorError("empty file")
    if file.name.endswith(".json5"):
        document = json5.loads(text)
    else:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise DetectorError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    if not isinstance(document, dict):
        raise DetectorError(f"expected a JSON object, found {type(document).__name__}")
    reason = "Renovate configuration"
    presets = _strings(document.get("extends"))
    if presets:
        reason += "; extends " + ", ".join(presets)
    managers = _managers(document)
    if managers:
        reason += "; " + managers
    technology = Technology(
        key="renovate",
        name="Renovate",
        category=Category.TOOL,
        evidence=(file.evidence(reason, line=1),),
        version_note="a service configured by this file; no version",
    )
    return DetectorOutput(technologies=(technology,))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _managers(document: dict[str, Any]) -> str:
    """``enabledManagers``, and the managers a top-level ``{"enabled": ...}`` switches."""
    parts = []
    enabled = _strings(document.get("enabledManagers"))
    if enabled:
        parts.append("enabled managers " + ", ".join(enabled))
    switched_on: list[str] = []
    switched_off: list[str] = []
    for key, value in document.items():
        if isinstance(value, dict) and isinstance(value.get("enabled"), bool):
            (switched_on if value["enabled"] else switched_off).append(key)
    if switched_on:
        parts.append("enables " + ", ".join(switched_on))
    if switched_off:
        parts.append("disables " + ", ".join(switched_off))
    return "; ".join(parts)
