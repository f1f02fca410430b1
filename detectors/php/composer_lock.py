"""``composer.lock``: the exact version of every package Composer installs.

Read: ``packages`` (``runtime``) and ``packages-dev`` (``development``), each entry's ``name``,
``version`` (as Composer writes it: ``v13.24.0``, ``1.2.3``, ``dev-main``) and ``type``;
``platform`` and ``platform-dev`` (the root's platform requirements: the PHP runtime,
extensions), ``platform-overrides`` (``config.platform``) and ``plugin-api-version`` (the plugin
API of the Composer that wrote the lock, kept in the ``composer`` technology's note: it follows
Composer's minor releases only loosely, so it gives no Composer version).

The lock does not record which packages the root requires, so every package is indirect here;
merged with composer.json's declaration it becomes direct. A branch version (``dev-main``,
``2.x-dev``) is resolved to that name, with the commit in the note.
"""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import load_json_object, string_or_none
from detectors.php.json_lines import SectionLines, package_lines
from detectors.php.platform import platform_technology
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Failure,
    FailureKind,
    Scope,
    Technology,
)

_PACKAGE_LISTS = (("packages", Scope.RUNTIME), ("packages-dev", Scope.DEVELOPMENT))


def parse_composer_lock(file: SourceFile) -> DetectorOutput:
    """One resolved dependency per locked package, ``composer``, and the platform technologies.

    Raises :class:`DetectorError` for an empty file, invalid JSON, or ``packages`` /
    ``packages-dev`` that are not lists; an entry without a name and version is a
    :class:`Failure` and skipped.
    """
    document = load_json_object(file)
    text = file.text()
    lines = package_lines(text)
    dependencies: list[Dependency] = []
    failures: list[Failure] = []
    for key, scope in _PACKAGE_LISTS:
        for index, entry in enumerate(_package_list(document, key)):
            found = _package(file, entry, scope, lines)
            if found is None:
                failures.append(
                    Failure(
                        FailureKind.PARSE_ERROR,
                        f"{key}[{index}]: a package needs a name and a version, skipped",
                        file.path,
                        file.detector,
                    )
                )
            else:
                dependencies.append(found)
    technologies = [_composer(file, document)]
    technologies.extend(_platform(file, document, text))
    return DetectorOutput(
        technologies=tuple(technologies),
        dependencies=tuple(dependencies),
        failures=tuple(failures),
    )


def _package_list(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DetectorError(f"'{key}' is not a list")
    return value


def _package(
    file: SourceFile, entry: object, scope: Scope, lines: dict[str, int]
) -> Dependency | None:
    if not isinstance(entry, dict):
        return None
    name = string_or_none(entry.get("name"))
    version = string_or_none(entry.get("version"))
    if name is None or version is None:
        return None
    kind = string_or_none(entry.get("type")) or "library"
    evidence = file.evidence(f"composer.lock package {name} {version} ({kind})", lines.get(name))
    note = None
    if version.startswith("dev-") or version.endswith("-dev"):
        source = entry.get("source")
        reference = string_or_none(source.get("reference")) if isinstance(source, dict) else None
        note = f"branch {version}" + (f" at {reference}" if reference else "")
    return Dependency(
        Ecosystem.COMPOSER,
        normalize_name(Ecosystem.COMPOSER, name),
        (evidence,),
        resolved=version,
        direct=False,
        scope=scope,
        version_note=note,
    )


def _composer(file: SourceFile, document: dict[str, Any]) -> Technology:
    plugin_api = string_or_none(document.get("plugin-api-version"))
    note = f"locked by a Composer with plugin API {plugin_api}" if plugin_api else None
    return Technology(
        "composer",
        "Composer",
        Category.PACKAGE_MANAGER,
        (file.evidence("composer.lock present"),),
        version_note=note,
    )


def _platform(file: SourceFile, document: dict[str, Any], text: str) -> list[Technology]:
    technologies = []
    for key in ("platform", "platform-dev"):
        requirements = document.get(key)
        if not isinstance(requirements, dict):
            continue  # an empty platform is written as [] by PHP's JSON encoder
        lines = SectionLines(text, key)
        for name, constraint in requirements.items():
            if not isinstance(constraint, str):
                continue
            evidence = file.evidence(f"{key} requirement '{name}'", lines.line(name))
            technology = platform_technology(name, constraint, evidence)
            if technology is not None:
                technologies.append(technology)
    overrides = document.get("platform-overrides")
    php = string_or_none(overrides.get("php")) if isinstance(overrides, dict) else None
    if php is not None:
        line = SectionLines(text, "platform-overrides").line("php")
        technologies.append(
            Technology(
                "php",
                "PHP",
                Category.RUNTIME,
                (file.evidence(f"platform-overrides php {php!r}", line),),
                version=php,
                version_source="declared",
                version_note="config.platform.php: Composer resolved as if PHP were this version",
            )
        )
    return technologies
