"""One repository's scan: list the tree once, feed the detectors, assemble the result.

This module joins a :class:`~scanner.sources.FileSource` to detector instances; it never
imports a concrete detector. Per file, a failure (unreadable, too large, binary, a link out of
the tree, a parse error, a detector that crashed) becomes a :class:`~scanner.model.Failure` in
the result and the scan goes on.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from scanner.components import ComponentIndex, build_components
from scanner.config import Settings
from scanner.consistency import find_disagreements
from scanner.detector import Detector, FileContent, FileEntry, Findings, SourceFile, TreeView
from scanner.dispatch import Dispatcher
from scanner.errors import DetectorError, SourceReadError
from scanner.globs import compile_globs
from scanner.merge import merge_dependencies, merge_technologies
from scanner.model import (
    Component,
    Dependency,
    DetectorOutput,
    Failure,
    FailureKind,
    Finding,
    LanguageShare,
    Manifest,
    OwnershipRule,
    Repository,
    RepositoryScan,
    Technology,
    WalkStats,
    finding_order,
)
from scanner.ownership import assign_owners
from scanner.sources import FileSource, WalkRules

ALWAYS_PRUNED = frozenset({".git", ".hg", ".svn"})
_BINARY_SNIFF_BYTES = 8192
_TEXT_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def scan_source(
    source: FileSource,
    repository: Repository,
    detector_types: Sequence[type[Detector]],
    settings: Settings,
) -> RepositoryScan:
    """Scan one tree with fresh instances of ``detector_types`` and return the whole result.

    Raises :class:`~scanner.errors.TargetError` only when the tree cannot be listed at all.
    """
    started = time.perf_counter()
    rules = WalkRules(
        prune_dirs=settings.prune_dirs | ALWAYS_PRUNED, exclude=compile_globs(settings.exclude)
    )
    listing = source.list_files(rules)
    collected = _Collected()
    detectors = collected.instantiate(detector_types, settings)
    reader = _Reader(source, listing.entries, settings.max_file_size)
    selected = _file_pass(listing.entries, detectors, reader, collected)
    _tree_pass(listing.entries, detectors, reader, collected, selected)
    components, dependencies, technologies = _findings_pass(repository, detectors, collected)
    walk = WalkStats(
        mode=source.mode,
        files=sum(1 for entry in listing.entries if not entry.symlink),
        bytes=sum(entry.size for entry in listing.entries),
        pruned_directories=listing.pruned_directories,
        files_read=reader.files_read,
        seconds=round(time.perf_counter() - started, 3),
    )
    return RepositoryScan(
        repository=repository,
        components=tuple(components),
        languages=tuple(sorted(collected.languages, key=lambda s: (-s.bytes, s.name))),
        technologies=tuple(sorted(technologies, key=_technology_order)),
        dependencies=tuple(sorted(dependencies, key=_dependency_order)),
        failures=tuple(sorted(collected.failures, key=_failure_order)),
        disagreements=tuple(find_disagreements(technologies)),
        findings=tuple(sorted(collected.findings, key=finding_order)),
        detectors=tuple(detector.name for detector in detectors),
        walk=walk,
    )


def _file_pass(
    entries: list[FileEntry], detectors: list[Detector], reader: _Reader, collected: _Collected
) -> dict[str, list[FileEntry]]:
    """Every wanted file, read once, to every detector that asked for it; returns, per
    detector with a presence-only selector, the entries it matched (none of them read)."""
    dispatcher = Dispatcher(detectors)
    selected: dict[str, list[FileEntry]] = {}
    for entry in entries:
        if entry.symlink and reader.resolve(entry) is None:
            collected.failures.append(
                Failure(
                    FailureKind.SYMLINK_OUTSIDE,
                    "symbolic link leads out of the scanned tree (or nowhere); not followed",
                    path=entry.path,
                )
            )
            continue
        wanted = dispatcher.wanted_by(entry.path)
        if not wanted:
            continue
        readers = []
        for detector in wanted:
            if detector.selector.presence_only:
                selected.setdefault(detector.name, []).append(entry)
            else:
                readers.append(detector)
        if not readers:
            continue
        content = reader.read_wanted(entry, collected.failures)
        if content is None:
            continue
        for detector in readers:
            collected.run(
                detector.name, detector.inspect_file, SourceFile(content, detector.name), entry.path
            )
    return selected



def _tree_pass(
    entries: list[FileEntry],
    detectors: list[Detector],
    reader: _Reader,
    collected: _Collected,
    selected: dict[str, list[FileEntry]],
) -> None:
    """The whole file list to every detector, with the entries its selector matched."""
    for detector in detectors:
        view = TreeView(
            entries=entries,
            detector=detector.name,
            read=reader.read_quietly,
            selected=selected.get(detector.name, ()),
        )
        collected.run(detector.name, detector.inspect_tree, view, None)


def _findings_pass(
    repository: Repository, detectors: list[Detector], collected: _Collected
) -> tuple[list[Component], list[Dependency], list[Technology]]:
    """Form components, merge dependencies, then show every detector the findings."""
    components = assign_owners(
        build_components(collected.manifests, repository.name), collected.ownership
    )
    index = ComponentIndex(components)
    dependencies = merge_dependencies(_assign(collected.dependencies, index))
    technologies = _assign(collected.technologies, index)
    findings_outputs = _Collected()
    for detector in detectors:
        findings = Findings(components, dependencies, technologies, detector.name)
        findings_outputs.run(detector.name, detector.inspect_findings, findings, None)
    technologies = merge_technologies(
        technologies + _assign(findings_outputs.technologies, index)
    )
    collected.failures.extend(findings_outputs.failures)
    collected.findings.extend(findings_outputs.findings)
    return components, dependencies, technologies


class _Reader:
    """Reads files of the tree at most once, enforcing the size cap and the binary check."""

    def __init__(self, source: FileSource, entries: list[FileEntry], max_size: int) -> None:
        self._source = source
        self._entries = entries
        self._by_path: dict[str, FileEntry] | None = None
        self._max_size = max_size
        self._contents: dict[str, FileContent] = {}
        self._links: dict[str, str | None] = {}
        self.files_read = 0

    def resolve(self, entry: FileEntry) -> str | None:
        """The path a symbolic link leads to inside the tree, or ``None``."""
        if entry.path not in self._links:
            self._links[entry.path] = self._source.symlink_target(entry.path)
        return self._links[entry.path]

    def read_wanted(self, entry: FileEntry, failures: list[Failure]) -> FileContent | None:
        """Read a file a detector asked for; on failure append why and return ``None``."""
        target = self.resolve(entry) if entry.symlink else entry.path
        assert target is not None
        size = entry.size if not entry.symlink else self._size_of(target)
        if size is not None and size > self._max_size:
            failures.append(
                Failure(
                    FailureKind.TOO_LARGE,
                    f"{size} bytes is over the {self._max_size}-byte limit (max-file-size); "
                    "listed but not parsed",
                    path=entry.path,
                )
            )
            return None
        try:
            data = self._source.read(target, self._max_size)
        except SourceReadError as error:
            failures.append(Failure(FailureKind.UNREADABLE, str(error), path=entry.path))
            return None
        self.files_read += 1
        if b"\0" in data[:_BINARY_SNIFF_BYTES] and not data.startswith(_TEXT_BOMS):
            failures.append(
                Failure(FailureKind.BINARY, "binary content where text was expected", entry.path)
            )
            return None
        content = FileContent(entry.path, data)
        self._contents[entry.path] = content
        return content

    def read_quietly(self, path: str, limit: int) -> bytes | None:
        """For tree-wide detectors: a file's bytes if it is readable and within ``limit``."""
        content = self._contents.get(path)
        if content is not None:
            return content.data if len(content.data) <= limit else None
        entry = self._entry(path)
        if entry is None or entry.symlink or entry.size > min(limit, self._max_size):
            return None
        try:
            data = self._source.read(path, limit)
        except SourceReadError:
            return None
        self.files_read += 1
        return data

    def _size_of(self, path: str) -> int | None:
        entry = self._entry(path)
        return entry.size if entry is not None else None

    def _entry(self, path: str) -> FileEntry | None:
        if self._by_path is None:
            self._by_path = {entry.path: entry for entry in self._entries}
        return self._by_path.get(path)


class _Collected:
    """What the detectors reported, and the failures, gathered over the whole scan."""

    def __init__(self) -> None:
        self.manifests: list[Manifest] = []
        self.technologies: list[Technology] = []
        self.dependencies: list[Dependency] = []
        self.languages: list[LanguageShare] = []
        self.failures: list[Failure] = []
        self.ownership: list[OwnershipRule] = []
        self.findings: list[Finding] = []

    def instantiate(
        self, detector_types: Sequence[type[Detector]], settings: Settings
    ) -> list[Detector]:
        """Fresh detector instances with their options; one that refuses its options is
        recorded as failed and left out."""
        detectors = []
        for kind in detector_types:
            try:
                detectors.append(kind(settings.detector_options.get(kind.name)))
            except Exception as error:
                self.failures.append(
                    Failure(
                        FailureKind.DETECTOR_ERROR,
                        f"detector not run, its options are invalid: {error}",
                        detector=kind.name,
                    )
                )
        return detectors

    def run(
        self, detector: str, hook: Callable[[Any], object], argument: object, path: str | None
    ) -> None:
        """Run one detector hook, keeping its output or recording why it failed."""
        try:
            output = hook(argument)
        except DetectorError as error:
            self.failures.append(
                Failure(FailureKind.PARSE_ERROR, str(error), path=path, detector=detector)
            )
            return
        except Exception as error:
            self.failures.append(
                Failure(
                    FailureKind.DETECTOR_ERROR,
                    f"detector crashed: {type(error).__name__}: {error}",
                    path=path,
                    detector=detector,
                )
            )
            return
        if not isinstance(output, DetectorOutput):
            self.failures.append(
                Failure(
                    FailureKind.DETECTOR_ERROR,
                    f"detector returned {type(output).__name__}, not DetectorOutput",
                    path=path,
                    detector=detector,
                )
            )
            return
        self.manifests.extend(output.manifests)
        self.technologies.extend(output.technologies)
        self.dependencies.extend(output.dependencies)
        self.languages.extend(output.languages)
        self.failures.extend(output.failures)
        self.ownership.extend(output.ownership)
        self.findings.extend(output.findings)


_Assignable = TypeVar("_Assignable", Dependency, Technology)


def _assign(items: list[_Assignable], index: ComponentIndex) -> list[_Assignable]:
    """Give each item without a component the nearest one to its first evidence."""
    assigned = []
    for item in items:
        if item.component is None:
            path = item.evidence[0].path if item.evidence else "."
            item = replace(item, component=index.owner_of(path))
        assigned.append(item)
    return assigned


def _technology_order(technology: Technology) -> tuple[str, str, str, str]:
    return (
        technology.component or ".",
        technology.category,
        technology.key,
        technology.version or "",
    )


def _dependency_order(dependency: Dependency) -> tuple[str, str, str, str, str]:
    return (
        dependency.component or ".",
        dependency.ecosystem,
        dependency.name,
        dependency.resolved or "",
        dependency.scope.value,
    )


def _failure_order(failure: Failure) -> tuple[str, str, str]:
    return (failure.path or "", failure.detector or "", failure.reason)
