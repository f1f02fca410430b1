"""Scanning several targets in one run: settings per target, one result per target.

A target that cannot be reached (a bad URL, a failed clone, a missing directory) becomes a
:class:`~scanner.model.RepositoryScan` holding one target error, and the other targets are
scanned all the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from scanner import __version__
from scanner.checkout import open_target
from scanner.config import Settings, discover_repository_config
from scanner.detector import Detector
from scanner.errors import ConfigError, PluginError, TargetError
from scanner.model import (
    DataSourceUse,
    Failure,
    FailureKind,
    Repository,
    RepositoryScan,
    ScanReport,
    finding_order,
)
from scanner.registry import select_plugins
from scanner.releases.http import HttpSettings
from scanner.releases.locations import RegistryLocations
from scanner.scan import scan_source
from scanner.suppress import apply_suppressions
from scanner.targets import parse_target, redact_url, repository_name

if TYPE_CHECKING:
    from scanner.releases.lookups import LookupResult, PackageKey, Progress
    from scanner.releases.packages import PackageSource


@dataclass(frozen=True)
class ReleaseDataSettings:
    """Where release data comes from and for which day it is evaluated.

    ``registries`` locates the package registries (``None``: end-of-life data only);
    ``progress(done, total)`` hears of each registry look-up.
    """

    endoflife_url: str
    http: HttpSettings
    as_of: date
    lookahead_days: int = 180
    registries: RegistryLocations | None = None
    abandoned_after_days: int = 730
    concurrency: int = 8
    timeout: float = 10.0
    github_token: str | None = field(default=None, repr=False)
    progress: Progress | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CliOverrides:
    """Settings given on the command line; they win over any configuration file."""

    detectors: tuple[str, ...] = ()
    skip_detectors: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int | None = None

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with these overrides laid over them (``exclude`` extends)."""
        return settings.with_overrides(
            detectors=self.detectors or None,
            skip_detectors=self.skip_detectors or None,
            exclude=settings.exclude + self.exclude if self.exclude else None,
            max_file_size=self.max_file_size,
        )


def run_scan(
    targets: Sequence[str],
    detector_types: Mapping[str, type[Detector]],
    explicit_settings: Settings | None = None,
    overrides: CliOverrides | None = None,
    ref: str | None = None,
    cache_dir: Path | None = None,
    release_data: ReleaseDataSettings | None = None,
) -> ScanReport:
    """Scan every target in turn and gather the results.

    ``explicit_settings`` (from ``--config``) replace each repository's own configuration.
    With ``release_data``, each scan's technologies are assessed against it afterwards (a
    separate stage: the walk never waits on the network).
    Raises :class:`PluginError` when the command line selects detectors that do not exist;
    everything that goes wrong with one target is recorded in that target's result.
    """
    overrides = overrides or CliOverrides()
    select_plugins(dict(detector_types), overrides.detectors, overrides.skip_detectors)
    scans = tuple(
        scan_target(raw, detector_types, explicit_settings, overrides, ref, cache_dir)
        for raw in targets
    )
    if release_data is not None:
        scans = _assess(scans, release_data)
    as_of = release_data.as_of if release_data else datetime.now(timezone.utc).date()
    scans = tuple(_suppress(scan, as_of) for scan in scans)
    generated_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return ScanReport(
        tool_version=__version__,
        generated_at=generated_at,
        scans=scans,
        detectors=tuple(kind.info() for kind in detector_types.values()),
    )


def scan_target(
    raw: str,
    detector_types: Mapping[str, type[Detector]],
    explicit_settings: Settings | None,
    overrides: CliOverrides,
    ref: str | None,
    cache_dir: Path | None,
) -> RepositoryScan:
    """Scan one target; a target that cannot be opened or listed gives a failed result."""
    try:
        target = parse_target(raw)
        with open_target(target, ref=ref, cache_dir=cache_dir) as opened:
            notes: list[Failure] = []
            settings = explicit_settings
            if settings is None:
                try:
                    settings = discover_repository_config(opened.source.read_root_file)
                except ConfigError as error:
                    notes.append(_config_failure(str(error)))
                    settings = Settings()
            if explicit_settings is None and settings.release_data is not None:
                notes.append(
                    _config_failure(
                        f"{settings.source}: [release-data] ignored: where stackaudit sends "
                        "requests is set with --config, not by a scanned repository"
                    )
                )
            settings = overrides.apply(settings)
            try:
                chosen = select_plugins(
                    dict(detector_types), settings.detectors, settings.skip_detectors
                )
            except PluginError as error:
                if explicit_settings is not None:
                    raise
                notes.append(_config_failure(f"{settings.source}: {error}"))
                chosen = select_plugins(
                    dict(detector_types), overrides.detectors, overrides.skip_detectors
                )
            result = scan_source(opened.source, opened.repository, chosen, settings)
            return replace(
                result,
                failures=tuple(notes) + result.failures,
                suppressions=settings.ignore,
            )
    except TargetError as error:
        display = redact_url(raw)
        return RepositoryScan(
            repository=Repository(repository_name(display), display, ref=ref),
            failures=(Failure(FailureKind.TARGET_ERROR, str(error)),),
        )


def _config_failure(reason: str) -> Failure:
    return Failure(
        FailureKind.PARSE_ERROR,
        f"repository configuration ignored, defaults used: {reason}",
        path=None,
    )


def _assess(
    scans: tuple[RepositoryScan, ...], settings: ReleaseDataSettings
) -> tuple[RepositoryScan, ...]:
    """Each reached scan with its release-data findings: end of life for its technologies,
    registry findings for its dependencies. Every product and package is fetched once per
    run, the packages several at a time."""
    from scanner.releases.assess import (
        EndOfLifeAssessor,
        EndOfLifeSupport,
        technologies_by_package_url,
    )
    from scanner.releases.endoflife import EndOfLifeSource
    from scanner.releases.freshness import FreshnessAssessor, FreshnessPolicy, wanted_versions
    from scanner.releases.http import make_session

    session = make_session(settings.http)
    endoflife = EndOfLifeSource(settings.endoflife_url, session=session, timeout=settings.timeout)
    assessor = EndOfLifeAssessor(endoflife, settings.as_of, settings.lookahead_days)
    reached = [scan for scan in scans if scan.completed]
    sources: dict[str, PackageSource] = {}
    histories: dict[PackageKey, LookupResult] = {}
    if settings.registries is not None:
        from scanner.releases.lookups import fetch_histories
        from scanner.releases.registries import make_sources

        dependencies = [dependency for scan in reached for dependency in scan.dependencies]
        wanted = wanted_versions(dependencies)
        sources = make_sources(
            settings.registries, session, {ecosystem for ecosystem, _ in wanted},
            settings.timeout, settings.github_token,
        )  # fmt: skip
        histories = fetch_histories(wanted, sources, settings.concurrency, settings.progress)
    support = EndOfLifeSupport(assessor)
    freshness = FreshnessAssessor(
        histories, settings.as_of, FreshnessPolicy(settings.abandoned_after_days), support
    )
    assessed = []
    for scan in scans:
        if not scan.completed:
            assessed.append(scan)
            continue
        by_package = technologies_by_package_url(
            scan.dependencies, scan.technologies, support.products()
        )
        findings, use = assessor.assess((*scan.technologies, *by_package))
        registry_findings, records = freshness.assess(scan.dependencies)
        registry_uses = _registry_uses(scan, sources, histories, settings.as_of)
        uses = (_with_age(use, endoflife.client.oldest_answer), *registry_uses)
        assessed.append(
            replace(
                scan,
                findings=(*scan.findings, *findings, *registry_findings),
                release_data=uses,
                freshness=tuple(records),
            )
        )
    return tuple(assessed)


def _suppress(scan: RepositoryScan, as_of: date) -> RepositoryScan:
    """The scan with its findings in report order and its suppressions applied."""
    if not scan.completed:
        return scan
    ordered = sorted(scan.findings, key=finding_order)
    kept, suppressed = apply_suppressions(ordered, scan.suppressions, as_of)
    return replace(scan, findings=tuple(kept), suppressed=tuple(suppressed))


_MAX_NAMED = 5


def _registry_uses(
    scan: RepositoryScan,
    sources: Mapping[str, PackageSource],
    histories: Mapping[PackageKey, LookupResult],
    as_of: date,
) -> tuple[DataSourceUse, ...]:
    """How each registry served this scan's dependencies: its problems (each message once;
    packages it does not know, named a few at a time) and the age of its answers."""
    from scanner.errors import UnknownProduct

    uses = []
    keys = {(dependency.ecosystem, dependency.name) for dependency in scan.dependencies}
    for ecosystem, source in sources.items():
        mine = sorted(key for key in keys if key[0] == ecosystem and key in histories)
        if not mine:
            continue
        problems: dict[str, None] = {}
        unknown: list[str] = []
        for key in mine:
            result = histories[key]
            if isinstance(result, UnknownProduct):
                unknown.append(key[1])
            elif isinstance(result, Exception):
                problems[str(result)] = None
        if unknown:
            named = ", ".join(unknown[:_MAX_NAMED])
            more = f" and {len(unknown) - _MAX_NAMED} more" if len(unknown) > _MAX_NAMED else ""
            problems[f"{source.label} does not know {len(unknown)} package(s): {named}{more}"] = (
                None
            )
        use = DataSourceUse(
            name=source.label, url=source.base_url, as_of=as_of.isoformat(),
            problems=tuple(problems),
        )  # fmt: skip
        uses.append(_with_age(use, source.client.oldest_answer))
    return tuple(uses)


def _with_age(use: DataSourceUse, oldest: datetime | None) -> DataSourceUse:
    if oldest is None:
        return use
    return replace(
        use, oldest_answer=oldest.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    )
