"""Manifests of Go, Rust, .NET, PHP and Elixir: names and workspaces where they have them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from detectors.common.parsing import (
    load_json_object,
    load_toml,
    manifest,
    string_list,
    string_or_none,
)
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Ecosystem, WorkspaceDeclaration

_GO_MODULE_RE = re.compile(r"^\s*module\s+(\"[^\"]+\"|\S+)", re.M)
_MIX_APP_RE = re.compile(r"\bapp:\s*:([A-Za-z_][A-Za-z0-9_]*)")


def parse_go_mod(file: SourceFile) -> DetectorOutput:
    """A ``go.mod``: the module path names the component."""
    match = _GO_MODULE_RE.search(file.text())
    if match is None:
        raise DetectorError("no module directive")
    name = match.group(1).strip('"')
    return DetectorOutput(manifests=(manifest(file, Ecosystem.GOLANG, "go.mod", name=name),))


def parse_cargo_toml(file: SourceFile) -> DetectorOutput:
    """A ``Cargo.toml``: the package, and the ``[workspace]`` members and excludes."""
    document = load_toml(file)
    package = document.get("package")
    name = version = None
    if isinstance(package, dict):
        name = string_or_none(package.get("name"))
        version = string_or_none(package.get("version"))
    workspace = None
    table = document.get("workspace")
    if isinstance(table, dict):
        members = tuple(string_list(table.get("members")))
        excludes = tuple(string_list(table.get("exclude")))
        workspace = WorkspaceDeclaration("cargo-workspace", members, excludes)
    found = manifest(
        file, Ecosystem.CARGO, "Cargo.toml", name=name, version=version, workspace=workspace
    )
    return DetectorOutput(manifests=(found,))


def parse_dotnet_project(file: SourceFile) -> DetectorOutput:
    """A ``.csproj``/``.fsproj``/``.vbproj``: an MSBuild project, named after its file."""
    try:
        root = ElementTree.fromstring(file.data)
    except ElementTree.ParseError as error:
        raise DetectorError(f"not well-formed XML: {error}") from error
    if root.tag.rpartition("}")[2] != "Project":
        raise DetectorError(f"root element is <{root.tag}>, not <Project>")
    stem = file.name.rpartition(".")[0]
    return DetectorOutput(manifests=(manifest(file, Ecosystem.NUGET, "msbuild", name=stem),))


def parse_composer_json(file: SourceFile) -> DetectorOutput:
    """A ``composer.json``: the package name."""
    document = load_json_object(file)
    name = string_or_none(document.get("name"))
    found = manifest(file, Ecosystem.COMPOSER, "composer.json", name=name)
    return DetectorOutput(manifests=(found,))


def parse_mix_exs(file: SourceFile) -> DetectorOutput:
    """A ``mix.exs``: the OTP application name from ``app: :name``."""
    match = _MIX_APP_RE.search(file.text())
    name = match.group(1) if match else None
    return DetectorOutput(manifests=(manifest(file, Ecosystem.HEX, "mix.exs", name=name),))
