"""MSBuild projects in their repository: what each project inherits from the
``Directory.Build.props`` and ``Directory.Packages.props`` above it, and what it reports.

MSBuild imports the nearest ``Directory.Build.props`` at or above a project, then (for
central package management) the nearest ``Directory.Packages.props``; each may import the
next one up. A ``PackageReference`` without a version takes its ``PackageVersion`` from there
when ``ManagePackageVersionsCentrally`` is true (``VersionOverride`` wins over it).

Scopes: packages of a test project (``IsTestProject``, or one referencing
``Microsoft.NET.Test.Sdk``) are :attr:`Scope.TEST`; a ``PackageReference`` with
``PrivateAssets="all"`` (analyzers, source generators, build tools: they do not flow to
consumers), ``DotNetCliToolReference``, ``GlobalPackageReference`` and project SDKs are
:attr:`Scope.BUILD`; the rest :attr:`Scope.RUNTIME`. With transitive pinning
(``CentralPackageTransitivePinningEnabled``), ``PackageVersion`` entries that no project of
the repository uses are reported by their props file with ``direct=False``; without it they
have no effect on the build and are not reported.
``ProjectReference`` items link projects of the same repository and are not packages; they
are not reported as dependencies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from detectors.dotnet.frameworks import (
    DOTNET_FRAMEWORK,
    framework_version,
    runtime_of,
    runtime_technology,
)
from detectors.dotnet.msbuild import (
    BUILD_PROPS,
    PACKAGES_PROPS,
    Evaluated,
    Evaluation,
    ImportAbove,
    Item,
    MsbuildDocument,
    Sdk,
    evaluate,
)
from scanner.ecosystems import normalize_name
from scanner.model import Dependency, DetectorOutput, Ecosystem, Evidence, Scope, Technology

TEST_SDK = "microsoft.net.test.sdk"
BUNDLED_SDK_PREFIX = "microsoft.net.sdk"


@dataclass(frozen=True, slots=True)
class PinnedSdk:
    """A ``global.json`` ``msbuild-sdks`` entry."""

    version: str
    path: str
    line: int | None


@dataclass
class DotnetIndex:
    """The MSBuild files and ``global.json`` pins of a repository."""

    detector: str
    projects: dict[str, MsbuildDocument] = field(default_factory=dict)
    build_props: dict[str, MsbuildDocument] = field(default_factory=dict)
    packages_props: dict[str, MsbuildDocument] = field(default_factory=dict)
    msbuild_sdks: dict[str, dict[str, PinnedSdk]] = field(default_factory=dict)
    referenced: set[tuple[str, str]] = field(default_factory=set)

    def props_chain(self, directory: str, file_name: str) -> list[MsbuildDocument]:
        """The ``file_name`` props a file in ``directory`` imports, outermost first."""
        table = self.build_props if file_name == BUILD_PROPS else self.packages_props
        chain: list[MsbuildDocument] = []
        current = _nearest(table, directory)
        while current is not None and current not in chain:
            chain.insert(0, current)
            imports_above = any(
                isinstance(event, ImportAbove) and event.file_name == file_name
                for event in current.events
            )
            if not imports_above or current.directory == ".":
                break
            current = _nearest(table, _parent(current.directory))
        return chain

    def evaluation_chain(self, directory: str) -> list[MsbuildDocument]:
        """The implicit imports of a project in ``directory``, in import order."""
        return self.props_chain(directory, BUILD_PROPS) + self.props_chain(
            directory, PACKAGES_PROPS
        )

    def pinned_sdk(self, directory: str, name: str) -> PinnedSdk | None:
        """The version the nearest ``global.json`` pins for the SDK ``name``."""
        for candidate in _ancestors(directory):
            pins = self.msbuild_sdks.get(candidate)
            if pins is not None:
                return pins.get(name.lower())
        return None


def _parent(directory: str) -> str:
    return directory.rpartition("/")[0] or "."


def _ancestors(directory: str) -> Iterator[str]:
    current = directory
    while True:
        yield current
        if current == ".":
            return
        current = _parent(current)


def _nearest(table: dict[str, MsbuildDocument], directory: str) -> MsbuildDocument | None:
    for candidate in _ancestors(directory):
        if candidate in table:
            return table[candidate]
    return None


@dataclass(frozen=True, slots=True)
class CentralVersion:
    """A ``PackageVersion`` in force for a project."""

    item: Item
    path: str


class _Records:
    """Builds the records of one evaluated file (a project or a props file)."""

    def __init__(
        self, index: DotnetIndex, document: MsbuildDocument, evaluation: Evaluation
    ) -> None:
        self.index = index
        self.document = document
        self.evaluation = evaluation
        self.central: dict[str, CentralVersion] = {}
        if evaluation.flag("ManagePackageVersionsCentrally"):
            for props in index.props_chain(document.directory, PACKAGES_PROPS):
                for item in props.items:
                    if item.type == "packageversion" and item.include:
                        name = evaluation.expand(item.include).value.lower()
                        self.central[name] = CentralVersion(item, props.path)

    def evidence(self, reason: str, line: int | None, path: str | None = None) -> Evidence:
        return Evidence(path or self.document.path, self.index.detector, reason, line)

    def package(self, item: Item, scope: Scope, label: str) -> Iterator[Dependency]:
        """One dependency per package an item includes."""
        include = item.include
        if include is None:
            return
        for raw_name in self.evaluation.expand(include).value.split(";"):
            name = raw_name.strip()
            if not name or "$(" in name:
                continue
            yield self._package(item, name, scope, label)

    def _package(self, item: Item, name: str, scope: Scope, label: str) -> Dependency:
        details = []
        if item.condition:
            details.append(f"Condition {item.condition}")
        if "all" in (item.get("PrivateAssets") or "").lower():
            details.append("PrivateAssets all")
        suffix = f" ({'; '.join(details)})" if details else ""
        evidence = [self.evidence(f"{label} {name}{suffix}", item.line)]
        raw = item.get("VersionOverride") or item.get("Version")
        where = "VersionOverride" if item.get("VersionOverride") else "Version"
        note: str | None = None
        version: str | None = None
        central = self.central.get(name.lower())
        if central is not None:
            self.index.referenced.add((central.path, name.lower()))
        if raw is None and central is not None and central.item.get("Version"):
            raw = central.item.get("Version")
            assert raw is not None
            where = "PackageVersion"
            expanded = self.evaluation.expand(raw)
            shown = raw if raw == expanded.value else f"{raw} = {expanded.value}"
            evidence.append(
                self.evidence(
                    f"PackageVersion {central.item.include} Version {shown} "
                    "(central package management)",
                    central.item.line,
                    central.path,
                )
            )
        if raw is None:
            note = (
                f"no PackageVersion for it in {PACKAGES_PROPS}"
                if self.evaluation.flag("ManagePackageVersionsCentrally")
                else "no version given"
            )
        else:
            expanded = self.evaluation.expand(raw)
            version = expanded.value
            if expanded.unresolved:
                note = self._unresolved(expanded.unresolved)
            elif where != "PackageVersion" and raw != expanded.value:
                evidence[0] = self.evidence(
                    f"{label} {name}{suffix} ({where} {raw} = {version})", item.line
                )
        return Dependency(
            ecosystem=Ecosystem.NUGET,
            name=normalize_name(Ecosystem.NUGET, name),
            declared=version,
            scope=scope,
            evidence=tuple(evidence),
            version_note=note,
        )

    def _unresolved(self, names: tuple[str, ...]) -> str:
        shown = ", ".join(names)
        return (
            f"{shown} is not defined in the project or the {BUILD_PROPS}/{PACKAGES_PROPS} above it"
        )

    def sdk(self, sdk: Sdk) -> Dependency:
        """A project SDK as a build dependency."""
        evidence = [self.evidence(f"project SDK {sdk.name}", sdk.line)]
        version = sdk.version
        note = None
        if version is None:
            pinned = self.index.pinned_sdk(self.document.directory, sdk.name)
            if pinned is not None:
                version = pinned.version
                evidence.append(
                    self.evidence(
                        f"global.json msbuild-sdks {sdk.name} {version}", pinned.line, pinned.path
                    )
                )
            elif sdk.name.lower().startswith(BUNDLED_SDK_PREFIX):
                note = "an MSBuild SDK bundled with the .NET SDK, without a version of its own"
            else:
                note = "no version given (global.json msbuild-sdks may pin it)"
        return Dependency(
            ecosystem=Ecosystem.NUGET,
            name=normalize_name(Ecosystem.NUGET, sdk.name),
            declared=version,
            scope=Scope.BUILD,
            evidence=tuple(evidence),
            version_note=note,
        )

    def runtimes(self) -> list[Technology]:
        """The runtimes of ``TargetFramework(s)`` or a legacy ``TargetFrameworkVersion``."""
        found: list[Technology] = []
        for property_name in ("TargetFrameworks", "TargetFramework"):
            evaluated = self.evaluation.get(property_name)
            if evaluated is None or not evaluated.value:
                continue
            for moniker in evaluated.value.split(";"):
                runtime = runtime_of(moniker)
                if runtime is not None:
                    kind, version = runtime
                    reason = f"{property_name} {moniker.strip()}"
                    found.append(
                        runtime_technology(
                            kind, version, self._property_evidence(reason, evaluated)
                        )
                    )
            if found:
                return found
        evaluated = self.evaluation.get("TargetFrameworkVersion")
        if evaluated is not None:
            legacy = framework_version(evaluated.value)
            if legacy is not None:
                reason = f"TargetFrameworkVersion {evaluated.value}"
                found.append(
                    runtime_technology(
                        DOTNET_FRAMEWORK,
                        legacy,
                        self._property_evidence(reason, evaluated),
                    )
                )
        return found

    def _property_evidence(self, reason: str, evaluated: Evaluated) -> tuple[Evidence, ...]:
        if evaluated.conditional:
            reason += f" (under Condition {evaluated.definition.condition})"
        if evaluated.path == self.document.path:
            return (self.evidence(reason, evaluated.definition.line),)
        name = evaluated.path.rpartition("/")[2]
        return (
            self.evidence(f"{reason}, inherited from {name}", None),
            self.evidence(reason, evaluated.definition.line, evaluated.path),
        )


def evaluate_project(index: DotnetIndex, project: MsbuildDocument) -> Evaluation:
    """The properties of ``project`` with its implicit imports."""
    chain = [*index.evaluation_chain(project.directory), project]
    return evaluate(chain, {"MSBuildProjectName": project.stem})


def is_test_project(project: MsbuildDocument, evaluation: Evaluation) -> bool:
    """``IsTestProject`` is true, or the project references the test SDK package."""
    if evaluation.flag("IsTestProject"):
        return True
    return any(
        item.type == "packagereference" and (item.include or "").strip().lower() == TEST_SDK
        for item in project.items
    )


def project_output(index: DotnetIndex, project: MsbuildDocument) -> DetectorOutput:
    """The dependencies (packages, tools, SDKs) and runtimes of one project."""
    evaluation = evaluate_project(index, project)
    records = _Records(index, project, evaluation)
    test = is_test_project(project, evaluation)
    dependencies: list[Dependency] = [records.sdk(sdk) for sdk in project.sdks]
    for item in project.items:
        if item.type == "packagereference":
            private = "all" in (item.get("PrivateAssets") or "").lower()
            scope = Scope.TEST if test else Scope.BUILD if private else Scope.RUNTIME
            label = "PackageReference" + (" in test project" if test else "")
            dependencies.extend(records.package(item, scope, label))
        elif item.type == "dotnetclitoolreference":
            dependencies.extend(records.package(item, Scope.BUILD, "DotNetCliToolReference"))
    return DetectorOutput(dependencies=tuple(dependencies), technologies=tuple(records.runtimes()))


def props_output(index: DotnetIndex) -> Iterator[Dependency]:
    """What props files declare for every project below them, reported once by the props
    file: ``GlobalPackageReference`` items, ``PackageReference`` items of a
    ``Directory.Build.props``; then, where ``CentralPackageTransitivePinningEnabled`` makes
    them pin transitive packages, ``PackageVersion`` entries no project uses
    (``direct=False``; without pinning such entries have no effect and are not reported).
    Call after :func:`project_output` for every project."""
    for props in sorted(index.build_props.values(), key=lambda d: d.path):
        records = _Records(index, props, evaluate(index.evaluation_chain(props.directory)))
        for item in props.items:
            if item.type == "packagereference":
                private = "all" in (item.get("PrivateAssets") or "").lower()
                scope = Scope.BUILD if private else Scope.RUNTIME
                yield from records.package(
                    item, scope, f"PackageReference for every project below {BUILD_PROPS}"
                )
    for props in sorted(index.packages_props.values(), key=lambda d: d.path):
        records = _Records(index, props, evaluate(index.evaluation_chain(props.directory)))
        for item in props.items:
            if item.type == "globalpackagereference":
                yield from records.package(item, Scope.BUILD, "GlobalPackageReference")
        if not records.evaluation.flag("CentralPackageTransitivePinningEnabled"):
            continue
        for item in props.items:
            if item.type != "packageversion" or not item.include:
                continue
            name = records.evaluation.expand(item.include).value
            if (props.path, name.lower()) in index.referenced:
                continue
            for found in records.package(item, Scope.RUNTIME, "PackageVersion"):
                yield Dependency(
                    ecosystem=found.ecosystem,
                    name=found.name,
                    declared=found.declared,
                    direct=False,
                    scope=found.scope,
                    evidence=(
                        records.evidence(
                            f"PackageVersion {name}: no project in this repository uses it; "
                            "it pins the version of a transitive package",
                            item.line,
                        ),
                    ),
                    version_note=found.version_note,
                )
