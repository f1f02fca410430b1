"""npm-ecosystem manifests: ``package.json`` and ``pnpm-workspace.yaml``."""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import (
    load_json_object,
    manifest,
    split_negations,
    string_list,
    string_or_none,
)
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Scope,
    Technology,
    WorkspaceDeclaration,
)

DEPENDENCY_SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("devDependencies", Scope.DEVELOPMENT),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.PEER),
)

# Package managers Corepack's ``packageManager`` field can name: key -> display name.
PACKAGE_MANAGERS = {"npm": "npm", "yarn": "Yarn", "pnpm": "pnpm", "bun": "Bun"}


def parse_package_json(file: SourceFile) -> DetectorOutput:
    """A ``package.json``: the package, its workspace globs and its direct dependencies."""
    document = load_json_object(file)
    workspace = _workspace(document.get("workspaces"))
    dependencies = []
    for section, scope in DEPENDENCY_SECTIONS:
        table = document.get(section)
        if not isinstance(table, dict):
            continue
        for name, requirement in table.items():
            dependencies.append(
                Dependency(
                    ecosystem=Ecosystem.NPM,
                    name=name,
                    declared=requirement if isinstance(requirement, str) else None,
                    scope=scope,
                    evidence=(file.evidence(f"{section} entry {name!r}"),),
                    version_note=None if isinstance(requirement, str) else "no version given",
                )
            )
    found = manifest(
        file,
        Ecosystem.NPM,
        "package.json",
        name=string_or_none(document.get("name")),
        version=string_or_none(document.get("version")),
        workspace=workspace,
    )
    return DetectorOutput(
        manifests=(found,),
        dependencies=tuple(dependencies),
        technologies=_package_manager(file, document),
    )


def _package_manager(file: SourceFile, document: dict[str, Any]) -> tuple[Technology, ...]:
    """The tool named by Corepack's ``packageManager`` field (``"pnpm@9.1.0+sha512..."``)."""
    value = string_or_none(document.get("packageManager"))
    if value is None:
        return ()
    tool, _, version = value.partition("@")
    if tool not in PACKAGE_MANAGERS:
        return ()
    version = version.split("+", 1)[0]
    return (
        Technology(
            tool,
            PACKAGE_MANAGERS[tool],
            Category.PACKAGE_MANAGER,
            (file.evidence(f"packageManager field {value.split('+', 1)[0]!r}"),),
            version=version or None,
            version_source="declared" if version else None,
            version_note=None if version else "packageManager names no version",
        ),
    )


def _workspace(value: object) -> WorkspaceDeclaration | None:
    # npm and Yarn accept a list, or (Yarn classic) an object with a "packages" list.
    patterns = string_list(value.get("packages") if isinstance(value, dict) else value)
    if not patterns:
        return None
    includes, excludes = split_negations(patterns)
    return WorkspaceDeclaration(tool="npm-workspaces", patterns=includes, excludes=excludes)


def parse_pnpm_workspace(file: SourceFile) -> DetectorOutput:
    """A ``pnpm-workspace.yaml``: the workspace globs of the package beside it."""
    import yaml

    try:
        document = yaml.safe_load(file.text()) or {}
    except yaml.YAMLError as error:
        raise DetectorError(f"not valid YAML: {error}") from error
    if not isinstance(document, dict):
        raise DetectorError("expected a mapping at the top level")
    includes, excludes = split_negations(string_list(document.get("packages")))
    workspace = WorkspaceDeclaration("pnpm-workspace", includes, excludes) if includes else None
    return DetectorOutput(
        manifests=(manifest(file, Ecosystem.NPM, "pnpm-workspace.yaml", workspace=workspace),)
    )
