"""Scanning several targets in one run: settings per target, one result per target.

A target that cannot be reached (a bad URL, a failed clone, a missing directory) becomes a
:class:`~scanner.model.RepositoryScan` holding one target error, and the other targets are
scanned all the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path

from scanner import __version__
from scanner.checkout import open_target
from scanner.config import Settings, discover_repository_config
from scanner.detector import Detector
from scanner.errors import ConfigError, PluginError, TargetError
from scanner.model import Failure, FailureKind, Repository, RepositoryScan, ScanReport
from scanner.registry import select_plugins
from scanner.releases.assess import DEFAULT_LOOKAHEAD_DAYS, EndOfLifeAssessor
from scanner.releases.endoflife import EndOfLifeSource
from scanner.releases.http import HttpSettings, make_session
from scanner.scan import scan_source
from scanner.suppress import apply_suppressions
from scanner.targets import parse_target, redact_url, repository_name


@dataclass(frozen=True)
class ReleaseDataSettings:
    """Where release data comes from and for which day it is evaluated."""

    endoflife_url: str
    http: HttpSettings
    as_of: date
    lookahead_days: int = DEFAULT_LOOKAHEAD_DAYS


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
    """Each reached scan with its end-of-life findings; products are fetched once."""
    source = EndOfLifeSource(settings.endoflife_url, session=make_session(settings.http))
    assessor = EndOfLifeAssessor(source, settings.as_of, settings.lookahead_days)
    assessed = []
    for scan in scans:
        if not scan.completed:
            assessed.append(scan)
            continue
        findings, use = assessor.assess(scan.technologies)
        findings.sort(key=lambda f: (f.severity.rank, f.component, f.subject, f.version or ""))
        kept, suppressed = apply_suppressions(findings, scan.suppressions, settings.as_of)
        assessed.append(
            replace(scan, findings=kept, suppressed=suppressed, release_data=(use,))
        )
    return tuple(assessed)
