"""The ``stackaudit`` command line: the one place that prints, writes reports and exits.

Exit codes: 0 when every target was scanned (files that could not be read are reported, not
fatal), 1 when a finding is at or above ``--fail-on``, 2 for a usage error, a bad
configuration, a plugin that cannot load, or when no target could be scanned at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scanner import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from reports.base import Reporter
    from scanner.config import Settings
    from scanner.model import ScanReport
    from scanner.runner import ReleaseDataSettings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_FATAL = 2
SEVERITIES = ("critical", "high", "medium", "low", "info")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(
        prog="stackaudit",
        description="Discover a repository's tech stack: languages, components, technologies "
        "and dependencies, with the evidence for each.",
    )
    parser.add_argument("--version", action="version", version=f"stackaudit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    scan = commands.add_parser(
        "scan",
        help="scan repositories (paths or git URLs)",
        description="Scan one or more repositories: local directories or git URLs (https, "
        "ssh, git, file). Prints a summary, or writes reports with --format/--output.",
    )
    scan.add_argument("targets", nargs="+", metavar="TARGET", help="a directory or git URL")
    scan.add_argument("--ref", help="branch, tag or commit to scan instead of the default")
    scan.add_argument(
        "-f", "--format", action="append", dest="formats", metavar="FORMAT",
        help="report format (text, markdown, json, sarif, cyclonedx, csv, or a plugin's); "
        "repeatable",
    )  # fmt: skip
    scan.add_argument(
        "-o", "--output", type=Path, metavar="PATH",
        help="file to write the report to ('-' for standard output); with several formats, "
        "a directory that receives stackaudit.<extension> files",
    )  # fmt: skip
    scan.add_argument("--config", type=Path, metavar="FILE", help="configuration file to use")
    scan.add_argument(
        "--detectors", action="append", metavar="NAMES",
        help="only these detectors (comma-separated names or tags); repeatable",
    )  # fmt: skip
    scan.add_argument(
        "--skip-detectors", action="append", metavar="NAMES",
        help="leave out these detectors (comma-separated names or tags); repeatable",
    )  # fmt: skip
    scan.add_argument(
        "--exclude", action="append", metavar="GLOB", help="leave out matching paths; repeatable"
    )
    scan.add_argument("--max-file-size", metavar="SIZE", help="largest file parsed, e.g. '16 MiB'")
    scan.add_argument(
        "--cache-dir", type=Path, metavar="DIR",
        help="keep clones of remote repositories here and reuse them (default: a temporary "
        "directory removed after the scan)",
    )  # fmt: skip
    scan.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing but errors to the terminal"
    )
    releases = scan.add_argument_group("release data")
    releases.add_argument(
        "--release-data", action=argparse.BooleanOptionalAction, default=None,
        help="check versions against end-of-life data (endoflife.date) and the package "
        "registries (default: on, unless $STACKAUDIT_RELEASE_DATA is 0)",
    )  # fmt: skip
    releases.add_argument(
        "--eol-only", action="store_true",
        help="end-of-life data only: ask no package registry",
    )  # fmt: skip
    releases.add_argument(
        "--as-of", metavar="YYYY-MM-DD",
        help="evaluate dates as of this day instead of today (reproducible reports)",
    )  # fmt: skip
    releases.add_argument(
        "--offline", action="store_true", help="use only release data already in the cache"
    )
    releases.add_argument(
        "--endoflife-url", metavar="URL",
        help="endoflife.date API base (default: $STACKAUDIT_ENDOFLIFE_URL or "
        "https://endoflife.date)",
    )  # fmt: skip
    releases.add_argument(
        "--data-cache", type=Path, metavar="FILE",
        help="release-data cache (default: stackaudit/release-data.sqlite in the user cache)",
    )  # fmt: skip
    releases.add_argument(
        "--fail-on", choices=SEVERITIES, metavar="SEVERITY",
        help="exit 1 when a finding is at least this severe: " + ", ".join(SEVERITIES),
    )  # fmt: skip

    data = commands.add_parser(
        "data",
        help="export or import cached release data (for machines without network)",
        description="Move the release-data cache to a machine that cannot reach the sources: "
        "export it here, import it there, then scan with --offline.",
    )
    data_commands = data.add_subparsers(dest="data_command", metavar="ACTION")
    data_commands.required = True
    for action, text in (
        ("export", "write the cached release data to FILE"),
        ("import", "merge the release data in FILE into the cache"),
    ):
        command = data_commands.add_parser(action, help=text, description=text + ".")
        command.add_argument("file", type=Path, metavar="FILE")
        command.add_argument(
            "--data-cache", type=Path, metavar="FILE", help="the release-data cache to use"
        )

    roadmap = commands.add_parser(
        "roadmap",
        help="draft a technology roadmap from a saved scan (scan -f json -o scan.json)",
        description="Turn a scan's findings into a debt catalog, initiatives scored with RICE "
        "and ordered by their dependencies, and a roadmap draft in phases and quarters. "
        "Writes roadmap.md (table, rationale, Mermaid Gantt and dependency graph), "
        "roadmap.csv and roadmap.json.",
    )
    roadmap.add_argument("scan", type=Path, metavar="SCAN_JSON", help="a JSON scan report")
    roadmap.add_argument(
        "-o", "--output", type=Path, default=Path("."), metavar="DIR",
        help="directory to write roadmap.md, roadmap.csv and roadmap.json to (default: .)",
    )  # fmt: skip
    roadmap.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    roadmap.add_argument(
        "--start-quarter", metavar="YYYY-Qn",
        help="first quarter of the plan (default: the quarter after the scan's day)",
    )  # fmt: skip
    roadmap.add_argument(
        "--capacity", type=float, metavar="WEEKS",
        help="person-weeks the team gives the roadmap each quarter (default 12)",
    )  # fmt: skip
    roadmap.add_argument(
        "--buffer", type=float, metavar="SHARE",
        help="share added to every effort, 0.2 to 0.3 (default 0.25)",
    )  # fmt: skip
    roadmap.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    detectors = commands.add_parser(
        "detectors",
        help="list the available detectors and the files each reads",
        description="List every registered detector plugin with its tags and the files it reads.",
    )
    detectors.add_argument(
        "--markdown", action="store_true", help="print a Markdown table (as in docs/detectors.md)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    from scanner.errors import StackauditError

    try:
        if args.command == "detectors":
            return _list_detectors(markdown=args.markdown)
        if args.command == "data":
            return _data(args)
        if args.command == "roadmap":
            return _roadmap(args)
        return _scan(args)
    except StackauditError as error:
        print(f"stackaudit: error: {error}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("stackaudit: interrupted", file=sys.stderr)
        return EXIT_FATAL


def _list_detectors(markdown: bool) -> int:
    from scanner.detector import Detector
    from scanner.registry import DETECTOR_GROUP, load_plugins

    infos = [kind.info() for kind in load_plugins(DETECTOR_GROUP, Detector).values()]
    if markdown:
        print("| Detector | Tags | Reads | What it reports |")
        print("| --- | --- | --- | --- |")
        for info in infos:
            reads = ", ".join(f"`{pattern}`" for pattern in info.reads) or "the file list"
            if info.reads and not info.reads_content:
                reads = f"the presence of {reads}"
            print(f"| `{info.name}` | {', '.join(info.tags)} | {reads} | {info.description} |")
        return EXIT_OK
    for info in infos:
        print(f"{info.name}: {info.description}")
        if info.tags:
            print(f"  tags: {', '.join(info.tags)}")
        files = ", ".join(info.reads) if info.reads else "the file list only"
        print(f"  {'reads' if info.reads_content else 'notes the presence of'}: {files}")
    return EXIT_OK


def _scan(args: argparse.Namespace) -> int:
    from reports.base import Reporter
    from scanner.config import load_config_file, parse_size
    from scanner.detector import Detector
    from scanner.errors import ConfigError
    from scanner.model import FailureKind
    from scanner.registry import DETECTOR_GROUP, REPORTER_GROUP, find_entry_points, load_plugins
    from scanner.runner import CliOverrides, run_scan

    formats = args.formats or []
    available = sorted(point.name for point in find_entry_points(REPORTER_GROUP))
    unknown = [name for name in formats if name not in available]
    if unknown:
        raise ConfigError(f"unknown format {', '.join(unknown)}; available: {', '.join(available)}")
    if len(formats) > 1 and args.output is None:
        raise ConfigError("several formats need -o/--output DIRECTORY to write them to")
    to_files = args.output is not None and str(args.output) != "-"
    show_summary = not args.quiet and (not formats or to_files)
    reporters: dict[str, type[Reporter]] = load_plugins(
        REPORTER_GROUP, Reporter, only={*formats, "text"} if show_summary else set(formats)
    )

    overrides = CliOverrides(
        detectors=_split_words(args.detectors),
        skip_detectors=_split_words(args.skip_detectors),
        exclude=tuple(args.exclude or ()),
        max_file_size=parse_size(args.max_file_size, "--max-file-size")
        if args.max_file_size
        else None,
    )
    explicit = load_config_file(args.config) if args.config else None
    report = run_scan(
        args.targets,
        detector_types=load_plugins(DETECTOR_GROUP, Detector),
        explicit_settings=explicit,
        overrides=overrides,
        ref=args.ref,
        cache_dir=args.cache_dir,
        release_data=_release_data_settings(args, explicit) if _wants_release_data(args) else None,
    )

    for scan in report.scans:
        for failure in scan.failures:
            if failure.kind is FailureKind.TARGET_ERROR:
                print(f"stackaudit: error: {failure.reason}", file=sys.stderr)

    if formats:
        _write_reports(report, [reporters[name]() for name in formats], args.output)
    if show_summary:
        sys.stdout.write(reporters["text"]().render(report))

    if report.scans and not any(scan.completed for scan in report.scans):
        return EXIT_FATAL
    if args.fail_on is not None:
        threshold = SEVERITIES.index(args.fail_on)
        if any(f.severity.rank <= threshold for scan in report.scans for f in scan.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _wants_release_data(args: argparse.Namespace) -> bool:
    import os

    if args.release_data is not None:
        return bool(args.release_data)
    return os.environ.get("STACKAUDIT_RELEASE_DATA", "1").strip().lower() not in {"0", "no", "off"}


def _release_data_settings(
    args: argparse.Namespace, explicit: Settings | None
) -> ReleaseDataSettings:
    """Release-data settings from the flags, the ``[release-data]`` table of ``--config``,
    the environment and the user's cache folder."""
    import os
    from datetime import date, datetime, timezone

    from scanner.config import ReleaseDataOptions
    from scanner.errors import ConfigError
    from scanner.releases.endoflife import DEFAULT_BASE_URL
    from scanner.releases.http import HttpSettings
    from scanner.runner import ReleaseDataSettings

    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise ConfigError(f"--as-of {args.as_of!r}: expected a day as YYYY-MM-DD") from None
    else:
        as_of = datetime.now(timezone.utc).date()
    options = (explicit.release_data if explicit else None) or ReleaseDataOptions()
    url = (
        args.endoflife_url
        or os.environ.get("STACKAUDIT_ENDOFLIFE_URL")
        or options.registries.get("endoflife")
        or DEFAULT_BASE_URL
    )
    cache = args.data_cache or _user_cache() / "release-data.sqlite"
    registries = None
    if not args.eol_only:
        from scanner.releases.locations import discover_locations
        from scanner.releases.registries import public_registry_urls

        registries = discover_locations(public_registry_urls(), options.registries)
    return ReleaseDataSettings(
        endoflife_url=url,
        http=HttpSettings(cache_path=cache, offline=args.offline),
        as_of=as_of,
        lookahead_days=options.lookahead_days,
        registries=registries,
        abandoned_after_days=options.abandoned_after_days,
        concurrency=options.concurrency,
        timeout=options.timeout,
        github_token=os.environ.get("GITHUB_TOKEN") or None,
        progress=None if args.quiet else _progress_bar(),
    )


def _progress_bar() -> Callable[[int, int], None] | None:
    """A one-line progress bar of registry look-ups on standard error, when that is a
    terminal; ``None`` otherwise (logs and pipes get no bar)."""
    if not sys.stderr.isatty():
        return None
    width = 30

    def show(done: int, total: int) -> None:
        if total == 0:
            return
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rrelease data [{bar}] {done}/{total} packages{end}")
        sys.stderr.flush()

    return show


def _data(args: argparse.Namespace) -> int:
    from scanner.releases.snapshot import export_cache, import_cache

    cache = args.data_cache or _user_cache() / "release-data.sqlite"
    if args.data_command == "export":
        count = export_cache(cache, args.file)
        print(f"exported {count} cached answers from {cache} to {args.file}")
    else:
        count = import_cache(args.file, cache)
        print(f"imported {count} cached answers from {args.file} into {cache}")
    return EXIT_OK


def _roadmap(args: argparse.Namespace) -> int:
    """Draft the roadmap of a saved scan and write its three files."""
    from dataclasses import replace

    from reports.roadmap import write_roadmap
    from scanner.config import load_config_file, roadmap_settings
    from scanner.debt.roadmap import draft_roadmap
    from scanner.debt.settings import RoadmapSettings
    from scanner.deserialize import load_report

    settings = RoadmapSettings()
    if args.config is not None:
        settings = load_config_file(args.config).roadmap or settings
    overrides: dict[str, object] = {}
    if args.start_quarter:
        overrides["start-quarter"] = args.start_quarter
    if args.capacity is not None:
        overrides["capacity-weeks"] = args.capacity
    if args.buffer is not None:
        overrides["buffer"] = args.buffer
    if overrides:
        flags = roadmap_settings(overrides, "command line")
        settings = replace(
            settings,
            start_quarter=flags.start_quarter or settings.start_quarter,
            capacity_weeks=flags.capacity_weeks if args.capacity is not None
            else settings.capacity_weeks,
            buffer=flags.buffer if args.buffer is not None else settings.buffer,
        )  # fmt: skip
    roadmap = draft_roadmap(load_report(args.scan), settings)
    written = write_roadmap(roadmap, args.output)
    if not args.quiet:
        titles = {initiative.id: initiative.title for initiative in roadmap.initiatives}
        for phase in roadmap.phases:
            print(f"{phase.name} ({phase.start_quarter} to {phase.end_quarter}): {phase.theme}")
            for initiative in phase.initiatives:
                print(f"  - {titles[initiative]}")
        if not roadmap.phases:
            print("No debt found: nothing to plan.")
        for path in written:
            print(f"wrote {path}")
    return EXIT_OK


def _user_cache() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stackaudit"


def _write_reports(report: ScanReport, chosen: list[Reporter], output: Path | None) -> None:
    """Write each report: to standard output, to one file, or into a directory."""
    from scanner.errors import ConfigError

    if output is None or (len(chosen) == 1 and str(output) == "-"):
        for reporter in chosen:
            sys.stdout.write(reporter.render(report))
        return
    try:
        if len(chosen) == 1:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(chosen[0].render(report), encoding="utf-8")
            return
        output.mkdir(parents=True, exist_ok=True)
        for reporter in chosen:
            (output / f"stackaudit.{reporter.extension}").write_text(
                reporter.render(report), encoding="utf-8"
            )
    except OSError as error:
        raise ConfigError(f"cannot write report to {output}: {error.strerror}") from error


def _split_words(values: list[str] | None) -> tuple[str, ...]:
    words = (word.strip() for value in values or () for word in value.split(","))
    return tuple(word for word in words if word)
