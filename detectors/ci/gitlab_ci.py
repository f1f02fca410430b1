"""GitLab CI/CD: ``.gitlab-ci.yml`` and the files it includes locally.

Reported: the CI system (its evidence also names every remote, project, template and component
include, with its line); the images of the top level, ``default:`` and every job, ``services:``
included (string or ``{name: ...}``), with ``$VAR``/``${VAR}`` taken from the file's
``variables:`` (the job's own first); runner ``tags:`` naming a Windows or macOS SaaS runner,
and any other tag as a self-hosted runner (``saas-linux-*`` tags add nothing: the image is the
environment).

Hidden jobs (``.template:``) are read like any job: an image is reported where it is written,
so a template's image counts once at its own line whatever ``extends:`` it; ``extends`` itself
is not followed (YAML anchors and ``<<`` merges are, by the YAML loader).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system, runner
from detectors.ci.variables import string_values
from detectors.ci.yamldoc import (
    YamlList,
    YamlMap,
    YamlValue,
    kind,
    load_documents,
    require_mapping,
    scalars,
)
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Evidence, Failure, FailureKind, Technology

# Top-level keys that are not jobs.
RESERVED = frozenset(
    {
        "default",
        "include",
        "stages",
        "variables",
        "workflow",
        "image",
        "services",
        "cache",
        "before_script",
        "after_script",
        "types",
        "spec",
    }
)


def parse_gitlab_ci(file: SourceFile) -> DetectorOutput:
    """A GitLab CI configuration file (the root ``.gitlab-ci.yml`` or an included one).
    Raises :class:`DetectorError` for malformed YAML or a top level that is not a mapping; an
    ``image:`` that is neither a name nor ``{name: ...}`` is skipped with a failure in the
    output, the rest of the file being read."""
    output, _ = parse_gitlab_ci_with_includes(file)
    return output


def parse_gitlab_ci_with_includes(file: SourceFile) -> tuple[DetectorOutput, list[str]]:
    """The findings of :func:`parse_gitlab_ci` and the paths (or globs) of the files the
    configuration includes from this repository, relative to the repository root."""
    document = _configuration(file)
    reader = _Reader(file, string_values(document.get("variables")))
    local = reader.includes(document.get("include"), document.line_of("include"))
    where = "top level"
    reader.images(document, where, reader.variables)
    default = document.map_at("default")
    if default is not None:
        reader.images(default, "default", reader.variables)
        reader.tags(default, "default")
    for name, job in document.items():
        if name in RESERVED or not isinstance(job, YamlMap):
            continue
        label = "hidden job" if name.startswith(".") else "job"
        variables = {**reader.variables, **string_values(job.get("variables"))}
        reader.images(job, f"{label} '{name}'", variables)
        reader.tags(job, f"{label} '{name}'")
    included = file.path != ".gitlab-ci.yml"
    reason = "GitLab CI configuration" + (" (a file included by another)" if included else "")
    system = ci_system(file, "gitlab-ci", reason)
    system = Technology(
        system.key,
        system.name,
        system.category,
        system.evidence + tuple(reader.include_evidence),
    )
    output = DetectorOutput(
        technologies=(system, *reader.technologies), failures=tuple(reader.failures)
    )
    return output, local


def _configuration(file: SourceFile) -> YamlMap:
    """The configuration document; a header document holding only ``spec:`` (CI/CD inputs)
    is skipped, as GitLab does."""
    documents = [document for document in load_documents(file) if document is not None]
    if documents and isinstance(documents[0], YamlMap) and set(documents[0]) == {"spec"}:
        documents = documents[1:]
    if not documents:
        raise DetectorError("empty GitLab CI configuration: no YAML document")
    if len(documents) > 1:
        raise DetectorError(
            f"expected one YAML document in a GitLab CI configuration, found {len(documents)}"
        )
    return require_mapping(documents[0], "GitLab CI configuration")


@dataclass
class _Reader:
    file: SourceFile
    variables: dict[str, str]
    technologies: list[Technology] = field(default_factory=list)
    include_evidence: list[Evidence] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def includes(self, value: YamlValue, line: int) -> list[str]:
        """The local includes; evidence for every other kind."""
        entries: list[tuple[YamlValue, int]]
        if isinstance(value, YamlList):
            entries = list(value.items_with_lines())
        elif value is not None:
            entries = [(value, line)]
        else:
            entries = []
        local: list[str] = []
        for entry, entry_line in entries:
            if isinstance(entry, str):
                if "://" in entry:
                    self.include(f"includes remote {entry}", entry_line)
                else:
                    local.append(entry.lstrip("/"))
            elif isinstance(entry, YamlMap):
                local.extend(self.include_mapping(entry, entry_line))
        return local

    def include_mapping(self, entry: YamlMap, line: int) -> list[str]:
        local = entry.get("local")
        if isinstance(local, str):
            return [local.lstrip("/")]
        if entry.text_at("remote"):
            self.include(f"includes remote {entry.text_at('remote')}", line)
        elif entry.text_at("template"):
            self.include(f"includes template {entry.text_at('template')}", line)
        elif entry.text_at("component"):
            self.include(f"includes component {entry.text_at('component')}", line)
        elif entry.text_at("project"):
            files = ", ".join(scalars(entry.get("file"))) or "(no file)"
            ref = entry.text_at("ref")
            at = f" at ref {ref}" if ref else ""
            self.include(f"includes project {entry.text_at('project')} file {files}{at}", line)
        return []

    def include(self, reason: str, line: int) -> None:
        self.include_evidence.append(self.file.evidence(reason, line=line))

    def images(self, section: YamlMap, where: str, variables: dict[str, str]) -> None:
        image = section.get("image")
        if image is not None:
            self.image(image, section.line_of("image"), f"{where} image", variables)
        services = section.get("services")
        if isinstance(services, YamlList):
            for service, line in services.items_with_lines():
                self.image(service, line, f"{where} service", variables)

    def image(self, value: YamlValue, line: int, reason: str, variables: dict[str, str]) -> None:
        if isinstance(value, YamlMap):
            value = value.get("name")
        if not isinstance(value, str):
            if value is not None:
                problem = f"line {line}: {reason} is {kind(value)}, not an image name; skipped"
                self.failures.append(
                    Failure(FailureKind.PARSE_ERROR, problem, self.file.path, self.file.detector)
                )
            return
        technology = image_technology(self.file, value, line, reason, variables)
        if technology is not None:
            self.technologies.append(technology)

    def tags(self, section: YamlMap, where: str) -> None:
        line = section.line_of("tags")
        for tag in scalars(section.get("tags")):
            lowered = tag.lower()
            if lowered.startswith("saas-linux") or "$" in tag:
                continue
            reason = f"{where} runner tag {tag}"
            if "windows" in lowered:
                family = "windows"
            elif "macos" in lowered:
                family = "macos"
            else:
                family = "self-hosted"
            note = (
                f"custom runner tag '{tag}'" if family == "self-hosted" else f"runner tag '{tag}'"
            )
            self.technologies.append(runner(self.file, family, None, note, line, reason))
