"""Dependabot version updates: ``.github/dependabot.yml``/``.yaml``.

Reported: the tool ``dependabot`` (category ``tool``), its note naming the ecosystems it
updates; each ``updates`` entry adds evidence (its line, ecosystem, directories, schedule).
"""

from __future__ import annotations

from detectors.ci.yamldoc import YamlList, load_mapping, mappings, scalars
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Evidence, Technology


def parse_dependabot(file: SourceFile) -> DetectorOutput:
    """A Dependabot configuration. Raises :class:`DetectorError` for malformed YAML, a top
    level that is not a mapping, or no ``updates`` list."""
    document = load_mapping(file, "Dependabot configuration")
    updates = document.get("updates")
    if not isinstance(updates, YamlList):
        raise DetectorError("not a Dependabot configuration: no 'updates' list")
    evidence: list[Evidence] = [file.evidence("Dependabot configuration", line=1)]
    ecosystems: list[str] = []
    for update, line in mappings(updates):
        ecosystem = update.text_at("package-ecosystem")
        if ecosystem is None:
            continue
        if ecosystem not in ecosystems:
            ecosystems.append(ecosystem)
        directories = scalars(update.get("directory")) + scalars(update.get("directories"))
        schedule = update.map_at("schedule")
        interval = schedule.text_at("interval") if schedule is not None else None
        reason = f"Dependabot updates {ecosystem}"
        if directories:
            reason += " in " + ", ".join(directories)
        if interval:
            reason += f" ({interval})"
        evidence.append(file.evidence(reason, line=line))
    note = "updates " + ", ".join(ecosystems) if ecosystems else "no update entries"
    technology = Technology(
        key="dependabot",
        name="Dependabot",
        category=Category.TOOL,
        evidence=tuple(evidence),
        version_note=note,
    )
    return DetectorOutput(technologies=(technology,))
