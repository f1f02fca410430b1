"""global.json, dotnet-tools.json, packages.config, packages.lock.json and solutions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import scan_with

from detectors.dotnet.detector import DotnetDetector
from detectors.dotnet.global_json import parse_global_json
from detectors.dotnet.packages_config import parse_packages_config
from detectors.dotnet.packages_lock import parse_packages_lock
from detectors.dotnet.solution import parse_solution, parse_solution_xml
from detectors.dotnet.tools_manifest import parse_dotnet_tools
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan, Scope

MakeTree = Callable[[dict[str, str]], Path]


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "dotnet")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, DotnetDetector)


def test_global_json_sdk_and_runtime() -> None:
    text = '{\n  "sdk": {\n    "version": "8.0.x",\n    "rollForward": "latestFeature"\n  }\n}'
    output = parse_global_json(source("global.json", text))
    found = {(t.key, t.category, t.version, t.version_source) for t in output.technologies}
    assert found == {
        ("dotnet-sdk", "build-tool", "8.0.x", "declared"),
        ("dotnet", "runtime", "8.0", "declared"),
    }
    sdk = next(t for t in output.technologies if t.key == "dotnet-sdk")
    assert (sdk.evidence[0].line, sdk.evidence[0].reason) == (
        3,
        "global.json sdk.version 8.0.x, rollForward latestFeature",
    )
    assert output.dependencies == ()


def test_global_json_without_sdk_and_with_msbuild_sdks() -> None:
    text = '{"msbuild-sdks": {"Microsoft.Build.NoTargets": "3.7.0", "Bad": 3}}'
    output = parse_global_json(source("global.json", text))
    assert output.technologies == ()
    assert [(d.name, d.declared, d.scope) for d in output.dependencies] == [
        ("microsoft.build.notargets", "3.7.0", Scope.BUILD)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"sdk": "8.0"}', "'sdk' is not an object"),
        ('{"msbuild-sdks": []}', "'msbuild-sdks' is not an object"),
    ],
)
def test_malformed_global_json(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_global_json(source("global.json", text))


def test_dotnet_tools_manifest() -> None:
    text = json.dumps(
        {
            "version": 1,
            "isRoot": True,
            "tools": {
                "dotnet-ef": {"version": "8.0.0", "commands": ["dotnet-ef"]},
                "csharpier": {"version": "0.27.0", "commands": ["dotnet-csharpier"]},
                "broken": {"commands": []},
            },
        },
        indent=2,
    )
    output = parse_dotnet_tools(source(".config/dotnet-tools.json", text))
    found = [(d.name, d.declared, d.scope, d.evidence[0].line) for d in output.dependencies]
    assert found == [
        ("dotnet-ef", "8.0.0", Scope.BUILD, 5),
        ("csharpier", "0.27.0", Scope.BUILD, 11),
        ("broken", None, Scope.BUILD, 17),
    ]
    assert output.dependencies[2].version_note == "the tool manifest gives no version"
    with pytest.raises(DetectorError, match="'tools' is not an object"):
        parse_dotnet_tools(source("dotnet-tools.json", '{"tools": []}'))


def test_packages_config() -> None:
    text = """<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Newtonsoft.Json" version="12.0.3" targetFramework="net472" />
  <package id="StyleCop.Analyzers" version="1.1.118" developmentDependency="true" />
  <package id="" version="1.0" />
</packages>"""
    output = parse_packages_config(source("Legacy/packages.config", text))
    found = [
        (d.name, d.declared, d.resolved, d.scope, d.evidence[0].line) for d in output.dependencies
    ]
    assert found == [
        ("newtonsoft.json", "12.0.3", "12.0.3", Scope.RUNTIME, 3),
        ("stylecop.analyzers", "1.1.118", "1.1.118", Scope.BUILD, 4),
    ]
    with pytest.raises(DetectorError, match="not <packages>"):
        parse_packages_config(source("packages.config", "<configuration/>"))


LOCK: dict[str, Any] = {
    "version": 1,
    "dependencies": {
        "net8.0": {
            "Serilog": {
                "type": "Direct",
                "requested": "[3.1.1, )",
                "resolved": "3.1.1",
                "contentHash": "x",
            },
            "System.Memory": {"type": "Transitive", "resolved": "4.5.5", "contentHash": "y"},
            "Polly.Core": {
                "type": "CentralTransitive",
                "requested": "[8.2.0, )",
                "resolved": "8.2.0",
            },
            "core": {"type": "Project", "dependencies": {"Serilog": "[3.1.1, )"}},
        },
        "net6.0": {
            "Serilog": {"type": "Direct", "requested": "[3.1.1, )", "resolved": "3.1.1"},
            "System.Memory": {"type": "Transitive", "resolved": "4.5.4"},
        },
    },
}


def test_packages_lock_json_counts_and_directness() -> None:
    text = json.dumps(LOCK, indent=2)
    output = parse_packages_lock(source("src/App/packages.lock.json", text))
    found = {(d.name, d.declared, d.resolved, d.direct) for d in output.dependencies}
    assert found == {
        ("serilog", None, "3.1.1", True),
        ("system.memory", None, "4.5.5", False),
        ("polly.core", None, "8.2.0", False),
        ("system.memory", None, "4.5.4", False),
    }
    # Independent count: distinct (name, resolved) pairs over the frameworks, Projects left out.
    expected = {
        (name.lower(), entry["resolved"])
        for packages in LOCK["dependencies"].values()
        for name, entry in packages.items()
        if entry["type"] != "Project"
    }
    assert len(output.dependencies) == len(expected) == 4
    with pytest.raises(DetectorError, match="'dependencies' is missing"):
        parse_packages_lock(source("packages.lock.json", '{"version": 1}'))


def test_packages_lock_resolves_what_the_project_declares(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>'
            '<PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup></Project>',
            "App/packages.lock.json": json.dumps(LOCK),
        }
    )
    serilog = [d for d in scan(root).dependencies if d.name == "serilog"]
    assert [(d.declared, d.resolved, d.direct, d.component) for d in serilog] == [
        ("3.1.1", "3.1.1", True, "App")
    ]


FOLDER = "2150E333-8FDC-42A3-9474-1A3956D46DE8"
CSHARP = "9A19103F-16F7-4668-BE54-9A1E7A4F7556"


def sln_project(kind: str, name: str, path: str, guid: str) -> str:
    return f'Project("{{{kind}}}") = "{name}", "{path}", "{{{guid}}}"\nEndProject\n'


SLN = (
    "\ufeff\nMicrosoft Visual Studio Solution File, Format Version 12.00\n"
    "# Visual Studio Version 17\n"
    + sln_project(FOLDER, "src", "src", "419A6ACE-0419-4315-A6FB-B0E63D39432E")
    + sln_project(CSHARP, "Web", "src\\Web\\Web.csproj", "227CF035-29B0-448D-97E4-944F9EA850E5")
    + sln_project(CSHARP, "Lib", "src\\Lib\\Lib.fsproj", "7C461394-ABDC-43CD-A798-71249C58BA67")
    + sln_project(CSHARP, "Out", "..\\other\\O.csproj", "7C461394-ABDC-43CD-A798-71249C58BA68")
    + "Global\nEndGlobal\n"
)


def test_solutions_declare_their_projects_as_workspace_members(make_tree: MakeTree) -> None:
    (found,) = parse_solution(source("All.sln", SLN)).manifests
    assert found.workspace is not None
    assert found.workspace.patterns == ("src/Web", "src/Lib")
    assert found.name is None
    slnx = (
        '<Solution><Folder Name="/src/"><Project Path="src/Web/Web.csproj" /></Folder>'
        '<Project Path="tests/T/T.csproj" /></Solution>'
    )
    (xml_found,) = parse_solution_xml(source("All.slnx", slnx)).manifests
    assert xml_found.workspace is not None
    assert xml_found.workspace.patterns == ("src/Web", "tests/T")
    root = make_tree(
        {
            "All.sln": SLN,
            "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web" />',
            "src/Lib/Lib.fsproj": '<Project Sdk="Microsoft.NET.Sdk" />',
        }
    )
    components = {c.path: c.workspace_root for c in scan(root).components}
    assert components == {".": None, "src/Lib": ".", "src/Web": "."}


def test_malformed_solutions() -> None:
    with pytest.raises(DetectorError, match="no 'Microsoft Visual Studio Solution File' header"):
        parse_solution(source("x.sln", "hello"))
    with pytest.raises(DetectorError, match="not <Solution>"):
        parse_solution_xml(source("x.slnx", "<Project/>"))


def test_packages_lock_lines_point_at_the_package_entries() -> None:
    text = json.dumps(
        {
            "version": 1,
            "dependencies": {
                "net8.0": {
                    "Alpha": {
                        "type": "Direct",
                        "resolved": "1.0.0",
                        "dependencies": {"Zulu": "2.0.0"},
                    },
                    "Zulu": {"type": "Transitive", "resolved": "2.0.0"},
                }
            },
        },
        indent=2,
    )
    output = parse_packages_lock(source("packages.lock.json", text))
    lines = text.splitlines()
    for dependency in output.dependencies:
        line = dependency.evidence[0].line
        assert line is not None
        assert lines[line - 1].strip().lower().startswith(f'"{dependency.name}": {{')
