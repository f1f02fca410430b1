"""MSBuild projects with the Directory.*.props above them: SDKs, target frameworks,
package references, central package management and property resolution."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.dotnet.detector import DotnetDetector
from detectors.dotnet.directory_props import (
    parse_directory_build_props,
    parse_directory_packages_props,
)
from detectors.dotnet.frameworks import runtime_of
from detectors.dotnet.msbuild import read_msbuild
from detectors.dotnet.project import parse_msbuild_project
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, FailureKind, RepositoryScan, Scope

MakeTree = Callable[[dict[str, str]], Path]


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "dotnet")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, DotnetDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


@pytest.mark.parametrize(
    ("moniker", "expected"),
    [
        ("net8.0", ("dotnet", "8.0")),
        ("net10.0", ("dotnet", "10.0")),
        ("net5.0", ("dotnet", "5.0")),
        ("net8.0-windows10.0.19041.0", ("dotnet", "8.0")),
        ("netcoreapp3.1", ("dotnet", "3.1")),
        ("netcoreapp2.1", ("dotnet", "2.1")),
        ("net48", ("dotnet-framework", "4.8")),
        ("net472", ("dotnet-framework", "4.7.2")),
        ("net35", ("dotnet-framework", "3.5")),
        ("NET462", ("dotnet-framework", "4.6.2")),
        ("netstandard2.0", None),
        ("netstandard2.1", None),
        ("uap10.0", None),
        ("monoandroid90", None),
    ],
)
def test_target_framework_monikers(moniker: str, expected: tuple[str, str] | None) -> None:
    found = runtime_of(moniker)
    assert (None if found is None else (found[0][0], found[1])) == expected


def test_sdk_style_project_packages_frameworks_and_sdks() -> None:
    project = """\ufeff<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFrameworks>net8.0;net48;netstandard2.0</TargetFrameworks>
    <SerilogVersion>3.1.1</SerilogVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="$(SerilogVersion)" />
    <PackageReference Include="Newtonsoft.Json">
      <Version>13.0.3</Version>
    </PackageReference>
    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="All" />
    <PackageReference Include="Missing.Version" />
    <PackageReference Include="Unresolved" Version="$(NoSuchProperty)" />
    <PackageReference Update="Microsoft.NETCore.App" Version="8.0.1" />
    <ProjectReference Include="..\\Core\\Core.csproj" />
    <DotNetCliToolReference Include="dotnet-watch" Version="2.0.0" />
  </ItemGroup>
</Project>
"""
    output = parse_msbuild_project(source("src/Web/Web.csproj", project))
    (found_manifest,) = output.manifests
    assert (found_manifest.name, found_manifest.kind, found_manifest.ecosystem) == (
        "Web",
        "msbuild",
        "nuget",
    )
    found = {(d.name, d.declared, d.scope) for d in output.dependencies}
    assert found == {
        ("microsoft.net.sdk.web", None, Scope.BUILD),
        ("serilog", "3.1.1", Scope.RUNTIME),
        ("newtonsoft.json", "13.0.3", Scope.RUNTIME),
        ("stylecop.analyzers", "1.1.118", Scope.BUILD),
        ("missing.version", None, Scope.RUNTIME),
        ("unresolved", "$(NoSuchProperty)", Scope.RUNTIME),
        ("dotnet-watch", "2.0.0", Scope.BUILD),
    }
    dependencies = by_name(output.dependencies)
    serilog = dependencies["serilog"]
    assert (serilog.evidence[0].line, serilog.evidence[0].reason) == (
        7,
        "PackageReference Serilog (Version $(SerilogVersion) = 3.1.1)",
    )
    assert dependencies["missing.version"].version_note == "no version given"
    assert dependencies["unresolved"].version_note == (
        "$(NoSuchProperty) is not defined in the project or the "
        "Directory.Build.props/Directory.Packages.props above it"
    )
    assert dependencies["microsoft.net.sdk.web"].version_note == (
        "an MSBuild SDK bundled with the .NET SDK, without a version of its own"
    )
    runtimes = {(t.key, t.version) for t in output.technologies if t.category == "runtime"}
    assert runtimes == {("dotnet", "8.0"), ("dotnet-framework", "4.8")}
    assert {t.key for t in output.technologies if t.category == "build-tool"} == {"msbuild"}


def test_legacy_project_with_namespace_and_framework_version() -> None:
    project = """<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <Import Project="$(MSBuildExtensionsPath)\\Microsoft.Common.props" />
  <PropertyGroup>
    <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>
  </PropertyGroup>
</Project>"""
    output = parse_msbuild_project(source("Legacy/Legacy.csproj", project))
    (runtime,) = [t for t in output.technologies if t.category == "runtime"]
    assert (runtime.key, runtime.version, runtime.evidence[0].line) == (
        "dotnet-framework",
        "4.7.2",
        5,
    )
    assert runtime.evidence[0].reason == "TargetFrameworkVersion v4.7.2"


def test_sdk_forms_and_global_json_pins(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "global.json": '{"sdk": {"version": "8.0.100", "rollForward": "disable"},\n'
            ' "msbuild-sdks": {\n  "Microsoft.Build.Traversal": "4.1.0"\n }}',
            "dirs.proj": '<Project Sdk="Microsoft.Build.Traversal"></Project>',
            "a/a.csproj": '<Project Sdk="Microsoft.NET.Sdk;MSBuild.Sdk.Extras/3.0.44">'
            "<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"
            "</Project>",
            "b/b.fsproj": '<Project><Sdk Name="Microsoft.NET.Sdk" />'
            '<Import Project="Sdk.targets" Sdk="Microsoft.Build.NoTargets" /></Project>',
            "c/c.vbproj": '<Project Sdk="Microsoft.Build.Traversal"></Project>',
        }
    )
    result = scan(root)
    assert not result.failures
    found = {(d.component, d.name, d.declared) for d in result.dependencies}
    assert found == {
        (".", "microsoft.build.traversal", "4.1.0"),
        ("a", "microsoft.net.sdk", None),
        ("a", "msbuild.sdk.extras", "3.0.44"),
        ("b", "microsoft.net.sdk", None),
        ("b", "microsoft.build.notargets", None),
        ("c", "microsoft.build.traversal", "4.1.0"),
    }
    traversal = next(d for d in result.dependencies if d.component == "c")
    assert [(e.path, e.line) for e in traversal.evidence] == [("c/c.vbproj", 1), ("global.json", 3)]
    sdk = next(t for t in result.technologies if t.key == "dotnet-sdk")
    assert (sdk.version, sdk.version_source, sdk.evidence[0].line) == ("8.0.100", "resolved", 1)


def test_central_package_management_with_directory_props(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "Directory.Build.props": """<Project>
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <LangVersion>latest</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SonarAnalyzer.CSharp" PrivateAssets="all" />
  </ItemGroup>
</Project>""",
            "Directory.Packages.props": """<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
    <EfVersion>8.0.1</EfVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Microsoft.EntityFrameworkCore" Version="$(EfVersion)" />
    <PackageVersion Include="Polly" Version="8.2.0" />
    <PackageVersion Include="xunit" Version="2.6.6" />
    <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="17.8.0" />
    <PackageVersion Include="SonarAnalyzer.CSharp" Version="9.16.0.82469" />
    <PackageVersion Include="Never.Used" Version="1.0.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>""",
            "src/Api/Api.csproj": """<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Microsoft.EntityFrameworkCore" />
    <PackageReference Include="Polly" VersionOverride="8.3.0" />
    <PackageReference Include="Not.Central" />
  </ItemGroup>
</Project>""",
            "tests/Api.Tests/Api.Tests.csproj": """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit" />
  </ItemGroup>
</Project>""",
        }
    )
    result = scan(root)
    assert not result.failures
    api = by_name([d for d in result.dependencies if d.component == "src/Api"])
    ef = api["microsoft.entityframeworkcore"]
    assert (ef.declared, ef.scope) == ("8.0.1", Scope.RUNTIME)
    assert [(e.path, e.line) for e in ef.evidence] == [
        ("src/Api/Api.csproj", 3),
        ("Directory.Packages.props", 7),
    ]
    assert ef.evidence[1].reason == (
        "PackageVersion Microsoft.EntityFrameworkCore Version $(EfVersion) = 8.0.1 "
        "(central package management)"
    )
    assert api["polly"].declared == "8.3.0"
    assert api["not.central"].version_note == "no PackageVersion for it in Directory.Packages.props"
    tests = by_name([d for d in result.dependencies if d.component == "tests/Api.Tests"])
    assert {(n, d.declared, d.scope) for n, d in tests.items()} == {
        ("microsoft.net.sdk", None, Scope.BUILD),
        ("microsoft.net.test.sdk", "17.8.0", Scope.TEST),
        ("xunit", "2.6.6", Scope.TEST),
    }
    root_deps = {
        (d.name, d.declared, d.scope, d.direct) for d in result.dependencies if d.component == "."
    }
    assert root_deps == {
        ("sonaranalyzer.csharp", "9.16.0.82469", Scope.BUILD, True),
        ("nerdbank.gitversioning", "3.6.133", Scope.BUILD, True),
    }
    # Without transitive pinning an unused PackageVersion has no effect: not reported.
    assert "never.used" not in {d.name for d in result.dependencies}
    runtimes = {(t.component, t.version) for t in result.technologies if t.key == "dotnet"}
    assert runtimes == {("src/Api", "8.0"), ("tests/Api.Tests", "9.0")}
    api_runtime = next(
        t for t in result.technologies if t.component == "src/Api" and t.key == "dotnet"
    )
    assert [(e.path, e.line, e.reason) for e in api_runtime.evidence] == [
        (
            "src/Api/Api.csproj",
            None,
            "TargetFramework net8.0, inherited from Directory.Build.props",
        ),
        ("Directory.Build.props", 3, "TargetFramework net8.0"),
    ]


def test_props_chain_nearest_wins_unless_it_imports_the_one_above(make_tree: MakeTree) -> None:
    above = (
        "<Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', "
        "'$(MSBuildThisFileDirectory)../'))\" />"
    )
    root = make_tree(
        {
            "Directory.Build.props": "<Project><PropertyGroup><TargetFramework>net6.0"
            "</TargetFramework><V>1.0.0</V></PropertyGroup></Project>",
            "chained/Directory.Build.props": f"<Project>{above}<PropertyGroup>"
            "<V>2.0.0</V></PropertyGroup></Project>",
            "chained/p/p.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>'
            '<PackageReference Include="A" Version="$(V)" /></ItemGroup></Project>',
            "isolated/Directory.Build.props": "<Project><PropertyGroup><V>3.0.0</V>"
            "</PropertyGroup></Project>",
            "isolated/q/q.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>'
            '<PackageReference Include="A" Version="$(V)" /></ItemGroup></Project>',
        }
    )
    result = scan(root)
    packages = {(d.component, d.declared) for d in result.dependencies if d.name == "a"}
    assert packages == {("chained/p", "2.0.0"), ("isolated/q", "3.0.0")}
    runtimes = {(t.component, t.version) for t in result.technologies if t.key == "dotnet"}
    # The isolated props file does not import the root one: no TargetFramework there.
    assert runtimes == {("chained/p", "6.0")}


def test_conditional_properties_apply_only_when_nothing_else_defines_them() -> None:
    project = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup Condition="'$(OS)' == 'Windows_NT'">
    <TargetFramework>net8.0-windows</TargetFramework>
    <V>9.9.9</V>
  </PropertyGroup>
  <PropertyGroup><V>1.2.3</V></PropertyGroup>
  <ItemGroup Condition="'$(Configuration)' == 'Debug'">
    <PackageReference Include="A" Version="$(V)" />
  </ItemGroup>
</Project>"""
    output = parse_msbuild_project(source("p/p.csproj", project))
    package = by_name(output.dependencies)["a"]
    assert package.declared == "1.2.3"
    assert package.evidence[0].reason == (
        "PackageReference A (Condition '$(Configuration)' == 'Debug') (Version $(V) = 1.2.3)"
    )
    (runtime,) = [t for t in output.technologies if t.key == "dotnet"]
    assert runtime.version == "8.0"
    assert runtime.evidence[0].reason == (
        "TargetFramework net8.0-windows (under Condition '$(OS)' == 'Windows_NT')"
    )


def test_props_files_alone() -> None:
    packages = parse_directory_packages_props(
        source(
            "Directory.Packages.props",
            "<Project><PropertyGroup><CentralPackageTransitivePinningEnabled>true"
            "</CentralPackageTransitivePinningEnabled></PropertyGroup>"
            "<ItemGroup><PackageVersion Include='A' Version='1.0' />"
            "<GlobalPackageReference Include='B' Version='2.0' /></ItemGroup></Project>",
        )
    )
    assert {(d.name, d.declared, d.direct, d.scope) for d in packages.dependencies} == {
        ("a", "1.0", False, Scope.RUNTIME),
        ("b", "2.0", True, Scope.BUILD),
    }
    build = parse_directory_build_props(
        source(
            "Directory.Build.props",
            "<Project><PropertyGroup><X>3.0</X></PropertyGroup><ItemGroup>"
            "<PackageReference Include='C' Version='$(X)' /></ItemGroup></Project>",
        )
    )
    ((name, declared),) = {(d.name, d.declared) for d in build.dependencies}
    assert (name, declared) == ("c", "3.0")


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        ("a.csproj", "<Nope/>", "root element is <Nope>, not <Project>"),
        ("a.csproj", "<Project>", "not well-formed XML"),
        ("a.csproj", "", "empty file"),
        ("Directory.Packages.props", "<Project><ItemGroup>", "not well-formed XML"),
        ("Directory.Build.props", "<Properties/>", "not <Project>"),
    ],
)
def test_malformed_msbuild_files_fail_with_a_reason(
    make_tree: MakeTree,
    path: str,
    text: str,
    message: str,
) -> None:
    result = scan(make_tree({path: text}))
    (failure,) = result.failures
    assert (failure.kind, failure.path, failure.detector) == (
        FailureKind.PARSE_ERROR,
        path,
        "dotnet",
    )
    assert message in failure.reason


def test_parse_function_raises_for_a_malformed_project() -> None:
    with pytest.raises(DetectorError, match="not <Project>"):
        parse_msbuild_project(source("a.csproj", "<Nope/>"))


def test_project_references_are_read_but_are_not_packages() -> None:
    text = (
        '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>'
        '<ProjectReference Include="..\\Core\\Core.csproj" />'
        '<PackageReference Include="A" Version="1.0" /></ItemGroup></Project>'
    )
    document = read_msbuild(source("src/App/App.csproj", text))
    assert [(i.type, i.include) for i in document.items] == [
        ("projectreference", "..\\Core\\Core.csproj"),
        ("packagereference", "A"),
    ]
    names = {d.name for d in parse_msbuild_project(source("src/App/App.csproj", text)).dependencies}
    assert names == {"microsoft.net.sdk", "a"}


def test_exponential_property_nesting_is_cut_short() -> None:
    properties = "<P0>xxxxxxxxxx</P0>" + "".join(
        f"<P{i}>$(P{i - 1})$(P{i - 1})</P{i}>" for i in range(1, 60)
    )
    text = (
        f'<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>{properties}</PropertyGroup>'
        '<ItemGroup><PackageReference Include="A" Version="$(P59)" /></ItemGroup></Project>'
    )
    package = by_name(parse_msbuild_project(source("p/p.csproj", text)).dependencies)["a"]
    assert package.declared is not None and len(package.declared) < 5000
    assert package.version_note is not None
