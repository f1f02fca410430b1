"""``pnpm-workspace.yaml``: the workspace member globs of the package beside it (``!`` globs
exclude) and its version catalogs (``catalog``, ``catalogs``), which ``catalog:`` specifiers in
the workspace's ``package.json`` files refer to."""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.common.parsing import manifest, split_negations, string_list
from detectors.javascript.documents import load_yaml_mapping
from detectors.javascript.package_json import Catalogs, read_catalogs
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Ecosystem, WorkspaceDeclaration


@dataclass(slots=True)
class PnpmWorkspace:
    """The file as read: what :func:`parse_pnpm_workspace` reports and the catalogs."""

    output: DetectorOutput
    catalogs: Catalogs = field(default_factory=dict)


def parse_pnpm_workspace(file: SourceFile) -> DetectorOutput:
    """A manifest for the workspace's directory, with its member globs when it has any (a
    file holding only settings has none). An empty file is a workspace without settings.

    Raises :class:`DetectorError` for malformed YAML or a top level that is not a mapping.
    """
    return read_pnpm_workspace(file).output


def read_pnpm_workspace(file: SourceFile) -> PnpmWorkspace:
    """See :func:`parse_pnpm_workspace`; also returns the catalogs."""
    document = load_yaml_mapping(file, empty_ok=True)
    includes, excludes = split_negations(string_list(document.get("packages")))
    workspace = WorkspaceDeclaration("pnpm-workspace", includes, excludes) if includes else None
    found = manifest(file, Ecosystem.NPM, "pnpm-workspace.yaml", workspace=workspace)
    return PnpmWorkspace(DetectorOutput(manifests=(found,)), read_catalogs(document))
