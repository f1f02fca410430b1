"""The ownership detector: who owns which paths, from CODEOWNERS and Backstage descriptors.

Only one CODEOWNERS file counts, the first of ``.github/CODEOWNERS``, ``CODEOWNERS``,
``docs/CODEOWNERS`` and ``.gitlab/CODEOWNERS`` present (GitHub reads the first three in that
order, GitLab the last three); the evidence of its rules names any other that is ignored.

The rules are returned after the walk so that their order is fixed: Backstage rules first,
shallower directories before deeper ones, then the CODEOWNERS rules. As the last matching rule
wins, CODEOWNERS is authoritative and Backstage descriptors own what it leaves unmatched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from detectors.ownership.backstage import parse_catalog_info
from detectors.ownership.codeowners import parse_codeowners
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.model import DetectorOutput, OwnershipRule

# CODEOWNERS locations, in order of precedence.
CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
CATALOG_NAMES = frozenset({"catalog-info.yaml", "catalog-info.yml"})


class OwnershipDetector(Detector):
    """Ownership rules from CODEOWNERS and Backstage ``catalog-info.yaml``."""

    name = "ownership"
    description = "Code owners: CODEOWNERS (GitHub, GitLab) and Backstage catalog-info.yaml."
    tags = frozenset({"ownership"})
    selector = FileSelector(
        filenames=CATALOG_NAMES, globs=tuple(f"/{path}" for path in CODEOWNERS_PATHS)
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._codeowners: dict[str, tuple[OwnershipRule, ...]] = {}
        self._catalogs: dict[str, tuple[OwnershipRule, ...]] = {}

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """Parse and keep the rules (:class:`DetectorError` for a file that cannot be read);
        they are reported by :meth:`inspect_tree`."""
        if file.name in CATALOG_NAMES:
            self._catalogs[file.path] = parse_catalog_info(file).ownership
        elif file.path in CODEOWNERS_PATHS:
            self._codeowners[file.path] = parse_codeowners(file).ownership
        return DetectorOutput()

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Every rule, in the order that makes the last match the right one."""
        rules: list[OwnershipRule] = []
        for path in sorted(self._catalogs, key=lambda p: (p.count("/"), p)):
            rules.extend(self._catalogs[path])
        present = [path for path in CODEOWNERS_PATHS if path in self._codeowners]
        if present:
            chosen, ignored = present[0], present[1:]
            suffix = f" ({', '.join(ignored)} ignored: {chosen} comes first)" if ignored else ""
            for rule in self._codeowners[chosen]:
                evidence = replace(rule.evidence, reason=rule.evidence.reason + suffix)
                rules.append(replace(rule, evidence=evidence))
        return DetectorOutput(ownership=tuple(rules))
