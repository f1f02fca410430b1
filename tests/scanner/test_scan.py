"""The scan core with small fake detectors: dispatch, read-once, and failures kept as data."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import ClassVar

from helpers import scan_with

from scanner.config import Settings
from scanner.detector import Detector, FileSelector, Findings, SourceFile, TreeView
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    FailureKind,
    Finding,
    Manifest,
    Repository,
    Severity,
    Technology,
)
from scanner.scan import scan_source
from scanner.sources import DirectorySource, WorkTreeSource

READS: Counter[str] = Counter()


class RecordingSource(DirectorySource):
    """A directory source that counts reads per path."""

    def read(self, path: str, limit: int) -> bytes:
        READS[path] += 1
        return super().read(path, limit)


class JsonDetector(Detector):
    name = "json-files"
    selector = FileSelector(extensions=frozenset({".json"}))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        if b"crash" in file.data:
            raise RuntimeError("boom")
        if b"bad" in file.data:
            raise DetectorError("not valid JSON: expecting value at line 1")
        return DetectorOutput(
            manifests=(Manifest(file.path, file.directory, "npm", "json", file.evidence("json")),),
            technologies=(
                Technology("thing", "Thing", Category.TOOL, (file.evidence("seen", line=1),)),
            ),
        )


class PackageJsonDetector(Detector):
    name = "package-json"
    selector = FileSelector(filenames=frozenset({"package.json"}), globs=("config/*.json",))
    seen: ClassVar[list[str]] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        PackageJsonDetector.seen.append(file.path)
        return DetectorOutput()


class TreeCounter(Detector):
    name = "tree-counter"
    last_count = 0

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        TreeCounter.last_count = len(tree.entries)
        return DetectorOutput()


def _scan(root: Path, *detectors: type[Detector], **settings: object):  # type: ignore[no-untyped-def]
    source = RecordingSource(root)
    return scan_source(source, Repository("r", str(root)), detectors, Settings(**settings))  # type: ignore[arg-type]


def test_each_wanted_file_is_read_once_for_all_detectors(make_tree) -> None:  # type: ignore[no-untyped-def]
    READS.clear()
    PackageJsonDetector.seen = []
    root = make_tree({"package.json": "{}", "config/app.json": "{}", "src/a.py": "x"})
    result = _scan(root, JsonDetector, PackageJsonDetector, TreeCounter)
    assert Counter({"package.json": 1, "config/app.json": 1}) == READS
    assert sorted(PackageJsonDetector.seen) == ["config/app.json", "package.json"]
    assert TreeCounter.last_count == 3
    assert result.walk is not None and result.walk.files_read == 2


def test_failures_are_recorded_per_file_and_the_scan_goes_on(make_tree, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.json"
    outside.write_text("{}")
    root = make_tree(
        {
            "a/good.json": "{}",
            "b/bad.json": "bad",
            "c/crash.json": "crash",
            "d/binary.json": b"\x00\x01\x02",
            "e/huge.json": "{" + " " * 2000 + "}",
        }
    )
    os.symlink(outside, root / "link.json")
    result = _scan(root, JsonDetector, max_file_size=1000)
    kinds = {(f.path, f.kind) for f in result.failures}
    assert kinds == {
        ("b/bad.json", FailureKind.PARSE_ERROR),
        ("c/crash.json", FailureKind.DETECTOR_ERROR),
        ("d/binary.json", FailureKind.BINARY),
        ("e/huge.json", FailureKind.TOO_LARGE),
        ("link.json", FailureKind.SYMLINK_OUTSIDE),
    }
    crash = next(f for f in result.failures if f.path == "c/crash.json")
    assert crash.detector == "json-files" and "RuntimeError: boom" in crash.reason
    assert [c.path for c in result.components] == [".", "a"]


def test_utf16_with_bom_is_text_not_binary(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"x.json": "{}".encode("utf-16")})
    result = _scan(root, JsonDetector)
    assert result.failures == ()


def test_symlink_inside_the_tree_is_read_through(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"real/data.json": "{}"})
    os.symlink("real/data.json", root / "alias.json")
    result = _scan(root, JsonDetector)
    assert result.failures == ()
    assert {m for c in result.components for m in c.manifests} == {
        "alias.json",
        "real/data.json",
    }


def test_technologies_are_assigned_to_the_nearest_component_and_merged(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"svc/a.json": "{}", "svc/b.json": "{}", "svc/deep/c.txt": ""})
    result = _scan(root, JsonDetector)
    assert [(t.key, t.component, len(t.evidence)) for t in result.technologies] == [
        ("thing", "svc", 2)
    ]
    assert result.technologies[0].evidence[0].detector == "json-files"


def test_a_detector_with_invalid_options_is_reported_and_left_out(make_tree) -> None:  # type: ignore[no-untyped-def]
    class Picky(Detector):
        name = "picky"

        def __init__(self, options=None) -> None:  # type: ignore[no-untyped-def]
            raise ValueError("colour must be blue")

    root = make_tree({"x.json": "{}"})
    result = _scan(root, Picky, JsonDetector, detector_options={"picky": {"colour": "red"}})
    assert result.detectors == ("json-files",)
    (failure,) = result.failures
    assert failure.detector == "picky" and "colour must be blue" in failure.reason


def test_work_tree_scan_stats(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"a.json": "{}", "node_modules/x/package.json": "{}"})
    result = scan_source(
        WorkTreeSource(root), Repository("r", str(root)), [JsonDetector], Settings()
    )
    assert result.walk is not None
    assert (result.walk.mode, result.walk.files, result.walk.pruned_directories) == (
        "git-work-tree",
        1,
        1,
    )


class FrameworkFromDependencies(Detector):
    """A findings-stage detector: a technology for every dependency named 'flask'."""

    name = "flask-rule"
    seen_components: ClassVar[list[str]] = []

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        FrameworkFromDependencies.seen_components = [c.path for c in findings.components]
        technologies = tuple(
            Technology(
                "flask",
                "Flask",
                Category.FRAMEWORK,
                dependency.evidence,
                version=dependency.resolved or dependency.declared,
            )
            for dependency in findings.dependencies
            if dependency.name == "flask"
        )
        return DetectorOutput(technologies=technologies)


class RequirementsDetector(Detector):
    name = "requirements"
    selector = FileSelector(filenames=frozenset({"requirements.txt"}))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        name, _, version = file.text().strip().partition("==")
        manifest = Manifest(file.path, file.directory, "pypi", "req", file.evidence("req"))
        dependency = Dependency("pypi", name, (file.evidence("pinned", 1),), resolved=version)
        return DetectorOutput(manifests=(manifest,), dependencies=(dependency,))


def test_findings_hook_sees_merged_dependencies_and_components(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"svc/requirements.txt": "flask==3.0.2\n"})
    result = _scan(root, RequirementsDetector, FrameworkFromDependencies)
    assert FrameworkFromDependencies.seen_components == [".", "svc"]
    (technology,) = result.technologies
    assert (technology.key, technology.version, technology.component) == ("flask", "3.0.2", "svc")
    assert result.dependencies[0].purl == "pkg:pypi/flask@3.0.2"


class PresenceDetector(Detector):
    name = "presence"
    selector = FileSelector(filenames=frozenset({"manage.py"}), presence_only=True)
    noted: ClassVar[list[str]] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        raise AssertionError("a presence-only selector never reads")

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        PresenceDetector.noted = [entry.path for entry in tree.selected]
        return DetectorOutput()


def test_presence_only_selectors_read_nothing(make_tree) -> None:  # type: ignore[no-untyped-def]
    READS.clear()
    root = make_tree({"manage.py": b"\0\0 binary is fine", "app/manage.py": "", "x.json": "{}"})
    result = _scan(root, PresenceDetector, JsonDetector)
    assert sorted(PresenceDetector.noted) == ["app/manage.py", "manage.py"]
    assert "manage.py" not in READS and "app/manage.py" not in READS
    assert result.failures == ()


class KeyFileDetector(Detector):
    """Reports every ``*.pem`` file as a finding, as a secrets check would."""

    name = "keyfile"
    selector = FileSelector(extensions=frozenset({".pem"}))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        finding = Finding(
            id=f"private-key:{file.path}", kind="private-key", severity=Severity.HIGH,
            title=f"{file.path} holds a private key", subject=file.path, version=None,
            component=".", facts=(), evidence=(file.evidence("private key"),), advice="Remove it.",
        )  # fmt: skip
        return DetectorOutput(findings=(finding,))


def test_detector_findings_reach_the_scan_and_suppressions_apply_without_release_data(
    make_tree,  # type: ignore[no-untyped-def]
) -> None:
    from scanner.runner import run_scan

    root = make_tree(
        {
            "a.pem": "-----BEGIN PRIVATE KEY-----\n",
            "b.pem": "-----BEGIN PRIVATE KEY-----\n",
            ".stackaudit.toml": '[[ignore]]\nid = "private-key:b.pem"\nreason = "test fixture"\n',
        }
    )
    assert [f.id for f in scan_with(root, KeyFileDetector).findings] == [
        "private-key:a.pem",
        "private-key:b.pem",
    ]
    (scan,) = run_scan([str(root)], {"keyfile": KeyFileDetector}).scans
    assert [f.id for f in scan.findings] == ["private-key:a.pem"]
    assert [s.finding.id for s in scan.suppressed] == ["private-key:b.pem"]
