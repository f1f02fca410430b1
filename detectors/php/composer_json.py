"""``composer.json``: a PHP package or project and the packages it requires.

Read: ``name`` (the component's name), ``require`` (``runtime``) and ``require-dev``
(``development``), each constraint as written (``^13.0``, ``~1.0``, ``dev-main``), and
``config.platform.php``, the PHP version Composer resolves for instead of the running one.
Platform requirements (``php``, ``ext-*``, ``lib-*``, ``composer-*-api``) are technologies, not
dependencies: see :mod:`detectors.php.platform`.
"""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import load_json_object, manifest, string_or_none
from detectors.php.json_lines import SectionLines
from detectors.php.platform import is_platform_package, platform_technology
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
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

_SECTIONS = (("require", Scope.RUNTIME), ("require-dev", Scope.DEVELOPMENT))


def parse_composer_json(file: SourceFile) -> DetectorOutput:
    """The package as a manifest, ``composer``, the PHP runtime and other platform
    technologies, and one declared dependency per required package.

    Raises :class:`DetectorError` for an empty file, invalid JSON or a document that is not an
    object; a ``require`` section that is not an object, or an entry whose constraint is not a
    string, is a :class:`Failure` and skipped.
    """
    document = load_json_object(file)
    text = file.text()
    technologies = [
        Technology(
            "composer",
            "Composer",
            Category.PACKAGE_MANAGER,
            (file.evidence("composer.json present"),),
        )
    ]
    dependencies: list[Dependency] = []
    failures: list[Failure] = []
    for section, scope in _SECTIONS:
        entries = document.get(section, {})
        if not isinstance(entries, dict):
            failures.append(_failure(file, f"'{section}' is not an object"))
            continue
        lines = SectionLines(text, section)
        for name, constraint in entries.items():
            if not isinstance(constraint, str):
                failures.append(_failure(file, f"{section} '{name}': constraint is not a string"))
                continue
            evidence = file.evidence(f"{section} entry '{name}'", lines.line(name))
            if is_platform_package(name):
                technology = platform_technology(name, constraint, evidence)
                if technology is not None:
                    technologies.append(technology)
                continue
            dependencies.append(
                Dependency(
                    Ecosystem.COMPOSER,
                    normalize_name(Ecosystem.COMPOSER, name),
                    (evidence,),
                    declared=constraint,
                    scope=scope,
                )
            )
    platform_php = _platform_php(document)
    if platform_php is not None:
        evidence = file.evidence(
            f"config.platform.php {platform_php!r}", SectionLines(text, "platform").line("php")
        )
        technologies.append(
            Technology(
                "php",
                "PHP",
                Category.RUNTIME,
                (evidence,),
                version=platform_php,
                version_source="declared",
                version_note="config.platform.php: Composer resolves as if PHP were this version",
            )
        )
    name = string_or_none(document.get("name"))
    return DetectorOutput(
        manifests=(manifest(file, Ecosystem.COMPOSER, "composer.json", name=name),),
        technologies=tuple(technologies),
        dependencies=tuple(dependencies),
        failures=tuple(failures),
    )


def _platform_php(document: dict[str, Any]) -> str | None:
    config = document.get("config")
    platform = config.get("platform") if isinstance(config, dict) else None
    return string_or_none(platform.get("php")) if isinstance(platform, dict) else None


def _failure(file: SourceFile, reason: str) -> Failure:
    return Failure(FailureKind.PARSE_ERROR, reason, file.path, file.detector)
