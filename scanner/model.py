"""The data model of a scan: plain, frozen, serialisable records.

Everything a detector reports carries :class:`Evidence` (where, which detector, why). Anything
that could not be handled is kept as data too: a :class:`Failure` for a file or detector that
failed, a ``version_note`` for a version that could not be resolved. Nothing in here does I/O.

Identifiers follow public conventions so that later stages can join on them: ecosystems are
Package URL types (``pypi``, ``npm``, ``cargo``, ``golang``, ``maven``, ``nuget``, ``composer``,
``gem``, ``hex``), paths are repository-relative POSIX paths, ``"."`` being the root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Ecosystem:
    """Known package ecosystems, named by their Package URL type."""

    PYPI = "pypi"
    NPM = "npm"
    CARGO = "cargo"
    GOLANG = "golang"
    MAVEN = "maven"
    NUGET = "nuget"
    COMPOSER = "composer"
    GEM = "gem"
    HEX = "hex"
    GITHUB_ACTIONS = "githubactions"
    TERRAFORM = "terraform"
    HELM = "helm"


class Category:
    """Known technology categories; detectors may use others, these are the shared vocabulary."""

    LANGUAGE = "language"
    RUNTIME = "runtime"
    FRAMEWORK = "framework"
    LIBRARY = "library"
    PACKAGE_MANAGER = "package-manager"
    BUILD_TOOL = "build-tool"
    DATASTORE = "datastore"
    CONTAINER_IMAGE = "container-image"
    CI = "ci"
    INFRASTRUCTURE = "infrastructure"
    SERVICE = "service"
    TOOL = "tool"


class Scope(str, Enum):
    """What a dependency is needed for, as far as its manifest says."""

    RUNTIME = "runtime"
    DEVELOPMENT = "development"
    OPTIONAL = "optional"
    PEER = "peer"
    BUILD = "build"
    TEST = "test"


class FailureKind(str, Enum):
    """Why something was not (fully) read. Every kind is reported, none aborts the scan."""

    TOO_LARGE = "too-large"
    BINARY = "binary"
    UNREADABLE = "unreadable"
    SYMLINK_OUTSIDE = "symlink-outside-tree"
    PARSE_ERROR = "parse-error"
    DETECTOR_ERROR = "detector-error"
    TARGET_ERROR = "target-error"


class Severity(str, Enum):
    """How much a finding matters, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe; comparing ranks orders findings."""
        return list(Severity).index(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where and why something was found.

    ``path`` is repository-relative (``"."`` for the repository as a whole), ``line`` is 1-based
    when known, ``detector`` is the registered name of the detector that found it.
    """

    path: str
    detector: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that could not be read or parsed, and why. Kept in the result, never raised."""

    kind: FailureKind
    reason: str
    path: str | None = None
    detector: str | None = None


@dataclass(frozen=True, slots=True)
class WorkspaceDeclaration:
    """A manifest's claim that other directories belong to its workspace.

    ``patterns`` are the member globs exactly as the manifest writes them, relative to the
    manifest's directory (npm/yarn/pnpm ``workspaces``, Cargo ``[workspace] members``, Maven
    ``<modules>``). ``excludes`` are globs the manifest excludes from membership.
    """

    tool: str
    patterns: tuple[str, ...]
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Manifest:
    """A package manifest found by a detector; each manifest's ``directory`` becomes a
    component. That is usually the directory holding the file, but not always: a
    ``requirements/prod.txt`` belongs to the directory above ``requirements/``."""

    path: str
    directory: str
    ecosystem: str
    kind: str
    evidence: Evidence
    name: str | None = None
    version: str | None = None
    workspace: WorkspaceDeclaration | None = None


@dataclass(frozen=True, slots=True)
class OwnershipRule:
    """Who owns the paths a pattern matches, as an ownership file says.

    ``pattern`` follows CODEOWNERS syntax (gitignore-like, relative to the repository root);
    ``source`` names the convention (``codeowners``, ``backstage``). Rules are applied in the
    order found, the last matching rule winning, as GitHub applies CODEOWNERS.
    """

    pattern: str
    owners: tuple[str, ...]
    source: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Component:
    """A unit of the repository that is built or released on its own: a manifest directory.

    The root directory is always a component (``path == "."``), even with no manifest, so that
    everything found has a component to belong to. ``workspace_root`` names the component whose
    workspace declares this one a member; ``workspace_members`` lists the members of this one.
    """

    path: str
    name: str
    ecosystems: tuple[str, ...]
    manifests: tuple[str, ...]
    workspace_root: str | None = None
    workspace_members: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    owners: tuple[str, ...] = ()
    owners_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Technology:
    """A technology in use: a language, runtime, framework, datastore, tool or service.

    ``key`` is stable and lower-case (``django``, ``python``, ``postgres``). ``version`` is the
    most exact version known; when it is ``None``, ``version_note`` says why (for example "no
    version pinned"). ``version_source`` tells how exact it is: ``resolved`` (from a lockfile
    or an exact pin), ``declared`` (a range or constraint), ``inferred``. ``component`` is left
    ``None`` by detectors that let the core assign the nearest component to the evidence.
    ``product`` is the endoflife.date product the technology maps to, when there is one.
    """

    key: str
    name: str
    category: str
    evidence: tuple[Evidence, ...]
    version: str | None = None
    version_source: str | None = None
    version_note: str | None = None
    component: str | None = None
    product: str | None = None


@dataclass(frozen=True, slots=True)
class VersionPin:
    """One place that pins a version."""

    version: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class VersionDisagreement:
    """A runtime or datastore pinned to different release cycles in one component.

    ``pins`` are every place that pins a version, ordered by version, oldest first (see
    :mod:`scanner.consistency` for what counts as a pin).
    """

    key: str
    name: str
    component: str
    pins: tuple[VersionPin, ...]

    @property
    def versions(self) -> tuple[str, ...]:
        """The distinct pinned versions, oldest first."""
        return tuple(dict.fromkeys(pin.version for pin in self.pins))


@dataclass(frozen=True, slots=True)
class Dependency:
    """A package a component depends on.

    ``name`` is normalised the way its ecosystem compares names (see
    :func:`scanner.ecosystems.normalize_name`), ``declared`` is the requirement as written,
    ``resolved`` the exact version from a lockfile when there is one. When no exact version is
    known, ``version_note`` says why. The core merges a manifest's declaration with the
    lockfile's resolution of the same package into one record, fills ``purl`` (the Package
    URL) and, where a detector left ``component`` as ``None``, the nearest component.
    """

    ecosystem: str
    name: str
    evidence: tuple[Evidence, ...]
    declared: str | None = None
    resolved: str | None = None
    direct: bool = True
    scope: Scope = Scope.RUNTIME
    version_note: str | None = None
    component: str | None = None
    purl: str | None = None


@dataclass(frozen=True, slots=True)
class LanguageShare:
    """One language's share of the census: bytes and files counted, and its percentage."""

    name: str
    type: str
    bytes: int
    files: int
    percent: float
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Repository:
    """What was scanned. ``source`` never contains credentials."""

    name: str
    source: str
    ref: str | None = None
    commit: str | None = None


@dataclass(frozen=True, slots=True)
class WalkStats:
    """Figures of the one walk over the tree."""

    mode: str
    files: int
    bytes: int
    pruned_directories: int
    files_read: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact behind a finding (``"end of life"``: ``"2020-01-01"``)."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the stack that needs attention, with the facts that show it.

    ``id`` is stable across runs (kind, technology, version, component), so that a finding can
    be suppressed or tracked. ``kind`` is one of ``end-of-life``, ``end-of-life-soon``,
    ``security-support-only`` (from end-of-life data); ``majors-behind``, ``minors-behind``,
    ``deprecated``, ``yanked``, ``abandoned``, ``action-old-major``,
    ``range-excludes-supported`` (from registry data); the detectors' own (``private-key``,
    ``no-lockfile``, ``shared-database``... see ``docs/output-schema.md``); and ``unknown``
    (the release data could not be had: the ``advice`` says why). ``subject`` is a
    technology key or an ``ecosystem/package`` name. ``facts`` carry the versions, dates,
    the source and the day the data was evaluated for; ``evidence`` is the technology's or
    the dependency's.
    """

    id: str
    kind: str
    severity: Severity
    title: str
    subject: str
    version: str | None
    component: str
    facts: tuple[Fact, ...]
    evidence: tuple[Evidence, ...]
    advice: str


def finding_order(finding: Finding) -> tuple[int, str, str, str, str]:
    """The order findings are reported in: most severe first, then by component, subject,
    version and kind."""
    return (
        finding.severity.rank, finding.component, finding.subject, finding.version or "",
        finding.kind,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Suppression:
    """A repository's decision to silence findings: ``id`` is a finding id or a glob over
    ids (``end-of-life:python:*``), ``reason`` is required, and the suppression lapses after
    ``until`` (an ISO day) when one is given."""

    id: str
    reason: str
    until: str | None = None


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    """A finding a suppression silenced, kept in the report with the suppression."""

    finding: Finding
    suppression: Suppression


@dataclass(frozen=True, slots=True)
class DataSourceUse:
    """A release-data source a scan consulted: where, for which day, what went wrong, and
    when the oldest answer used was fetched (``oldest_answer``, ISO time; a cached answer
    keeps the time it was first fetched)."""

    name: str
    url: str
    as_of: str
    problems: tuple[str, ...] = ()
    oldest_answer: str | None = None


@dataclass(frozen=True, slots=True)
class PackageFreshness:
    """How far one dependency has drifted from its registry's newest release.

    ``current`` is the version assessed and ``current_from`` where it comes from
    (``resolved``: a lockfile's version or an exact pin the detector read;
    ``pinned`` by the requirement as the ecosystem reads it; or ``newest the range admits``
    when only a range is declared). ``latest`` is the newest stable release (a pre-release
    only when the current version is one). ``libyears`` is the time between the two
    releases' publication in years, never negative, ``None`` when either date is unknown;
    ``majors_behind`` counts the major versions released since, ``minors_behind`` the minor
    versions in the current major line. Dates are ISO days.
    """

    ecosystem: str
    name: str
    component: str
    direct: bool
    scope: Scope
    current: str
    current_from: str
    latest: str | None
    current_published: str | None
    latest_published: str | None
    libyears: float | None
    majors_behind: int | None
    minors_behind: int | None
    source: str


@dataclass(frozen=True, slots=True)
class DetectorOutput:
    """Everything one detector reported about one file or about the tree. ``findings`` are
    problems a detector can see in the files alone (a committed private key, services
    sharing one database); the release-data stage adds its own to the scan later."""

    manifests: tuple[Manifest, ...] = ()
    technologies: tuple[Technology, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    languages: tuple[LanguageShare, ...] = ()
    failures: tuple[Failure, ...] = ()
    ownership: tuple[OwnershipRule, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class RepositoryScan:
    """The complete result for one repository.

    When the target could not be scanned at all (a clone that failed, a missing path) the lists
    are empty and ``failures`` holds one :attr:`FailureKind.TARGET_ERROR` saying why.
    """

    repository: Repository
    components: tuple[Component, ...] = ()
    languages: tuple[LanguageShare, ...] = ()
    technologies: tuple[Technology, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    failures: tuple[Failure, ...] = ()
    disagreements: tuple[VersionDisagreement, ...] = ()
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[SuppressedFinding, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    release_data: tuple[DataSourceUse, ...] = ()
    freshness: tuple[PackageFreshness, ...] = ()
    detectors: tuple[str, ...] = ()
    walk: WalkStats | None = None

    @property
    def completed(self) -> bool:
        """Whether the target was reached and walked (files may still have failed)."""
        return self.walk is not None


@dataclass(frozen=True, slots=True)
class DetectorInfo:
    """A detector plugin as a report describes it: what it is and which files it reads
    (``reads_content`` false: it only notes that they are present)."""

    name: str
    description: str
    tags: tuple[str, ...]
    reads: tuple[str, ...]
    reads_content: bool = True


@dataclass(frozen=True, slots=True)
class ScanReport:
    """The result of one ``stackaudit scan`` run over one or more targets.

    ``detectors`` describes every detector available to the run (each scan lists the ones
    it ran).
    """

    tool_version: str
    generated_at: str
    scans: tuple[RepositoryScan, ...] = field(default_factory=tuple)
    detectors: tuple[DetectorInfo, ...] = ()
