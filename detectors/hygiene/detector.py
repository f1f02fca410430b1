"""The hygiene detector: technical debt that the layout of the repository and the findings
of the other detectors show, without release data.

:meth:`HygieneDetector.inspect_tree` classifies the file list once (lockfiles, source and
test files: :mod:`detectors.hygiene.layout`), reading nothing; :meth:`inspect_findings` then
runs every check on the components, merged dependencies and technologies:

* ``no-lockfile`` and ``unpinned-dependencies`` (:mod:`detectors.hygiene.lockfiles`);
* ``no-ci`` and ``several-ci-systems`` (:mod:`detectors.hygiene.ci`);
* ``no-tests`` (:mod:`detectors.hygiene.testing`);
* ``several-majors`` (:mod:`detectors.hygiene.majors`);
* ``duplicate-purpose`` (:mod:`detectors.hygiene.purposes`).

Components inside test, fixture and example directories are not judged
(:func:`detectors.hygiene.records.judged`). Runtimes pinned differently within a component
are the core's ``disagreements`` and are not repeated here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from detectors.hygiene.ci import ci_findings
from detectors.hygiene.layout import TreeLayout, read_layout
from detectors.hygiene.lockfiles import lockfile_findings, unpinned_findings
from detectors.hygiene.majors import majors_findings
from detectors.hygiene.purposes import purpose_findings
from detectors.hygiene.testing import test_findings
from scanner.detector import EMPTY_OUTPUT, Detector, FileEntry, Findings, TreeView
from scanner.model import DetectorOutput


class HygieneDetector(Detector):
    """Lockfiles, floating versions, CI, tests, framework majors and duplicate libraries."""

    name = "hygiene"
    description = (
        "Debt the tree and the other detectors' findings show: missing lockfiles, floating "
        "versions, no CI or several CI systems, components without tests, a framework at "
        "several majors, two ORMs or HTTP clients in one component."
    )
    tags = frozenset({"debt"})

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._layout = TreeLayout(frozenset(), ())
        self._entries: Sequence[FileEntry] = ()

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Classify the file list for :meth:`inspect_findings`."""
        self._entries = tree.entries
        self._layout = read_layout(tree.entries)
        return EMPTY_OUTPUT

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        """Every check's findings."""
        has_code = any(not file.test for file in self._layout.code)
        return DetectorOutput(
            findings=(
                *lockfile_findings(findings, self._layout.lockfiles),
                *unpinned_findings(findings),
                *ci_findings(findings, self._entries, has_code),
                *test_findings(findings, self._layout.code),
                *majors_findings(findings),
                *purpose_findings(findings),
            )
        )
