"""Gradle settings scripts (``settings.gradle``, ``settings.gradle.kts``): the root project's
name, the subprojects ``include`` adds to the build (``:libs:core`` is ``libs/core``) and the
version catalogs ``dependencyResolutionManagement`` declares (``versionCatalogs { create("x")
{ from(files("...")) } }``, ``defaultLibrariesExtensionName``).

Plugins and ``pluginManagement`` of the settings script are read by
:func:`detectors.jvm.gradle_build.read_gradle_script` like any script's;
:func:`detectors.jvm.gradle.parse_gradle_settings` is the parser of the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.common.parsing import manifest
from detectors.jvm.gradle_script import (
    Token,
    is_punct,
    split_arguments,
    statements,
    strip_call,
    tokenize,
)
from scanner.detector import SourceFile
from scanner.model import Ecosystem, Manifest, WorkspaceDeclaration


@dataclass(frozen=True, slots=True)
class GradleSettings:
    """The root project name, the included project directories (relative to the settings
    file, in order), the catalogs declared from files (accessor name → path relative to the
    settings file) and the accessor name of ``gradle/libs.versions.toml``."""

    name: str | None
    includes: tuple[str, ...]
    catalogs: dict[str, str] = field(default_factory=dict)
    default_catalog: str = "libs"


def read_gradle_settings(file: SourceFile) -> GradleSettings:
    """Scan a settings script. Raises :class:`~scanner.errors.DetectorError` only for bytes
    that are not text."""
    name: str | None = None
    includes: list[str] = []
    catalogs: dict[str, str] = {}
    default_catalog = "libs"
    declaring: str | None = None
    for statement in statements(tokenize(file.text())):
        tokens = list(statement.tokens)
        texts = [token.text for token in tokens]
        if statement.block == "versionCatalogs" and statement.opens_block:
            declaring = _catalog_name(tokens)
            continue
        if texts[:1] == ["defaultLibrariesExtensionName"] and tokens[-1].kind == "string":
            default_catalog = tokens[-1].text
            continue
        if (
            declaring is not None
            and statement.blocks[-2:-1] == ("versionCatalogs",)
            and texts[:4] == ["from", "(", "files", "("]
            and len(tokens) > 4
            and tokens[4].kind == "string"
        ):
            catalogs[declaring] = _settings_relative(tokens[4].text)
            continue
        if statement.blocks:
            continue
        if (
            texts[:3] == ["rootProject", ".", "name"]
            and len(tokens) == 5
            and is_punct(tokens[3], "=")
        ):
            if tokens[4].kind == "string":
                name = tokens[4].text
            continue
        if texts[:1] != ["include"]:
            continue
        for argument in split_arguments(strip_call(tokens[1:])):
            if len(argument) == 1 and argument[0].kind == "string":
                project = argument[0].text.strip().strip(":").replace(":", "/")
                if project:
                    includes.append(project)
    return GradleSettings(
        name=name,
        includes=tuple(dict.fromkeys(includes)),
        catalogs=catalogs,
        default_catalog=default_catalog,
    )


def _catalog_name(tokens: list[Token]) -> str | None:
    """``create("libs")``/``register("libs")`` (Kotlin) or ``libs`` (Groovy)."""
    if len(tokens) == 1 and tokens[0].kind == "ident":
        return tokens[0].text
    if len(tokens) >= 4 and tokens[0].text in ("create", "register") and tokens[2].kind == "string":
        return tokens[2].text
    return None


def _settings_relative(path: str) -> str:
    """A catalog path as written, relative to the settings file (``$rootDir/`` dropped)."""
    for prefix in ("${rootDir}/", "$rootDir/", "${rootProject.projectDir}/", "./"):
        path = path.removeprefix(prefix)
    return path


def settings_manifest(file: SourceFile, settings: GradleSettings) -> Manifest:
    """The settings file as a manifest, its includes as a workspace."""
    workspace = (
        WorkspaceDeclaration("gradle-include", settings.includes) if settings.includes else None
    )
    return manifest(
        file, Ecosystem.MAVEN, "gradle-settings", name=settings.name, workspace=workspace
    )
