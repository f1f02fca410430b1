"""The language census: bytes per language, like GitHub's language bar.

Counted: files whose language is of a counted type (programming and markup by default), that
are not vendored, generated or documentation by path, after ``.gitattributes`` overrides
(``linguist-vendored``, ``-generated``, ``-documentation``, ``-detectable``, ``-language``).
A language with a ``group`` is counted under its group (TSX under TypeScript). Extensions that
several languages share are settled from content only for files small enough to read cheaply;
larger ones get the extension's usual language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detectors.census import heuristics, languages, path_rules
from detectors.census.gitattributes import LinguistAttributes
from scanner.detector import Detector, FileEntry, FileSelector, SourceFile, TreeView
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, FailureKind, LanguageShare

DEFAULT_TYPES = ("programming", "markup")
DEFAULT_HEURISTICS_MAX_BYTES = 64 * 1024
KNOWN_TYPES = frozenset({"programming", "markup", "data", "prose"})


class LanguageCensusDetector(Detector):
    """Measures the languages of the tree by bytes, honouring linguist's rules."""

    name = "languages"
    description = "Language census by bytes (GitHub linguist's rules and .gitattributes)."
    tags = frozenset({"languages", "census"})
    selector = FileSelector(filenames=frozenset({".gitattributes"}))

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        types = self.options.get("types", list(DEFAULT_TYPES))
        if not isinstance(types, list) or not set(types) <= KNOWN_TYPES:
            raise DetectorError(f"types must be a list drawn from {sorted(KNOWN_TYPES)}")
        self.types = frozenset(types)
        self.heuristics_max_bytes = int(
            self.options.get("heuristics-max-bytes", DEFAULT_HEURISTICS_MAX_BYTES)
        )
        self.attributes = LinguistAttributes()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        problems = self.attributes.add_file(file.path, file.text())
        failures = tuple(
            Failure(FailureKind.PARSE_ERROR, problem, file.path, self.name) for problem in problems
        )
        return DetectorOutput(failures=failures)

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        totals: dict[str, list[int]] = {}
        for entry in tree.entries:
            if entry.symlink:
                continue
            language = self._language_of(entry, tree)
            if language is None:
                continue
            if language.group and language.group in languages.BY_NAME:
                language = languages.BY_NAME[language.group]
            tally = totals.setdefault(language.name, [0, 0])
            tally[0] += entry.size
            tally[1] += 1
        grand_total = sum(size for size, _ in totals.values())
        shares = []
        for name, (size, count) in totals.items():
            language = languages.BY_NAME[name]
            percent = round(100.0 * size / grand_total, 2) if grand_total else 0.0
            shares.append(LanguageShare(name, language.type, size, count, percent, language.color))
        return DetectorOutput(languages=tuple(shares))

    def _language_of(self, entry: FileEntry, tree: TreeView) -> languages.Language | None:
        """The language ``entry`` counts for, or ``None``. The cheap questions come first
        (a dictionary look-up of the name), so that the path rules only run for files
        that could count."""
        path = entry.path
        attributes = self.attributes.lookup(path) if self.attributes else {}
        detectable = attributes.get("linguist-detectable")
        if detectable is False:
            return None
        forced = attributes.get("linguist-language")
        language = _by_any_name(forced) if isinstance(forced, str) else None
        candidates = (language,) if language else languages.candidates_for(entry.name)
        if detectable is not True and not any(c.type in self.types for c in candidates):
            return None
        if (
            _flag(attributes, "linguist-vendored", path_rules.is_vendored, path)
            or _flag(attributes, "linguist-generated", path_rules.is_generated, path)
            or _flag(attributes, "linguist-documentation", path_rules.is_documentation, path)
        ):
            return None
        language = language or self._classify(entry, candidates, tree)
        if language is None:
            return None
        if language.type not in self.types and detectable is not True:
            return None
        return language

    def _classify(
        self, entry: FileEntry, candidates: tuple[languages.Language, ...], tree: TreeView
    ) -> languages.Language | None:
        name = entry.name
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        extension = languages.matched_extension(name) or ""
        if entry.size <= self.heuristics_max_bytes:
            data = tree.read(entry.path, self.heuristics_max_bytes)
            if data is not None:
                text = data[: heuristics.MAX_TEXT * 4].decode("utf-8", errors="replace")
                chosen = heuristics.disambiguate(extension, text, candidates)
                if chosen is not None:
                    return chosen
        return heuristics.default_for(extension, candidates)


def _flag(attributes: dict[str, object], name: str, rule: Any, path: str) -> bool:
    value = attributes.get(name)
    if isinstance(value, bool):
        return value
    return bool(rule(path))


_LOWER_NAMES = {name.lower(): language for name, language in languages.BY_NAME.items()}


def _by_any_name(name: str) -> languages.Language | None:
    """A language by its name as ``linguist-language`` gives it (case-insensitive; ``-`` for
    a space, as in ``linguist-language=Objective-C`` or ``Emacs-Lisp``)."""
    lowered = name.lower()
    return _LOWER_NAMES.get(lowered) or _LOWER_NAMES.get(lowered.replace("-", " "))
