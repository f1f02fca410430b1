"""Which detectors want which file: lookup tables built once per scan.

For each path the cost is a dictionary look-up on the base name, one per extension suffix, and
at most two regular-expression matches for all glob patterns together, whatever the number of
detectors. This runs for every file of the tree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from scanner.detector import Detector
from scanner.globs import glob_to_regex


class Dispatcher:
    """Maps a repository-relative path to the detectors whose selectors want it."""

    def __init__(self, detectors: Sequence[Detector]) -> None:
        self._by_name: dict[str, list[Detector]] = defaultdict(list)
        self._by_extension: dict[str, list[Detector]] = defaultdict(list)
        name_globs: list[tuple[str, Detector]] = []
        path_globs: list[tuple[str, Detector]] = []
        for detector in detectors:
            selector = detector.selector
            for filename in selector.filenames:
                self._by_name[filename].append(detector)
            for extension in selector.extensions:
                self._by_extension[extension.lower()].append(detector)
            for pattern in selector.globs:
                if "/" in pattern:
                    path_globs.append((pattern.lstrip("/"), detector))
                else:
                    name_globs.append((pattern, detector))
        self._name_globs = _GlobTable(name_globs)
        self._path_globs = _GlobTable(path_globs)

    def wanted_by(self, path: str) -> list[Detector]:
        """The detectors that asked for ``path``, each once, in registration order."""
        name = path.rpartition("/")[2]
        found: list[Detector] = []
        found.extend(self._by_name.get(name, ()))
        lowered = name.lower()
        dot = lowered.find(".", 1)
        while dot != -1:
            found.extend(self._by_extension.get(lowered[dot:], ()))
            dot = lowered.find(".", dot + 1)
        found.extend(self._name_globs.match(name))
        found.extend(self._path_globs.match(path))
        if len(found) > 1:
            found = list(dict.fromkeys(found))
        return found


class _GlobTable:
    """Many globs behind one combined regex; the individual ones are tried only on a hit."""

    def __init__(self, globs: list[tuple[str, Detector]]) -> None:
        self._globs = [(re.compile(glob_to_regex(p) + r"\Z"), d) for p, d in globs]
        combined = "|".join(f"(?:{glob_to_regex(pattern)})" for pattern, _ in globs)
        self._any = re.compile(f"(?:{combined})\\Z") if globs else None

    def match(self, text: str) -> list[Detector]:
        if self._any is None or self._any.match(text) is None:
            return []
        return [detector for pattern, detector in self._globs if pattern.match(text)]
