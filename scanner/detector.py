"""The interface every detector plugin implements, built-in or third-party.

A detector never walks the file system. It declares, in :attr:`Detector.selector`, the files
it wants; the core walks the tree once, reads each wanted file once and calls
:meth:`Detector.inspect_file` for it. After every file, :meth:`Detector.inspect_tree` sees the
whole file list (paths and sizes) for tree-wide work such as the language census. Last,
:meth:`Detector.inspect_findings` sees what every detector found, components formed and
dependencies merged, for work on findings such as recognising frameworks by their packages.

All three hooks return a :class:`~scanner.model.DetectorOutput`. A detector that cannot parse a file
raises :class:`~scanner.errors.DetectorError` with a message for the user; any other exception
is recorded too, as a detector error. Either way the scan goes on.

Detectors register under the ``stackaudit.detectors`` entry-point group; a new instance is made
for every repository scanned, so a detector may keep state between the two hooks.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from scanner.errors import DetectorError
from scanner.model import (
    Component,
    Dependency,
    DetectorInfo,
    DetectorOutput,
    Evidence,
    Technology,
)

EMPTY_OUTPUT = DetectorOutput()

# Byte-order marks and the codecs that consume them; UTF-32 first, as its LE mark begins
# with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class FileSelector:
    """The files a detector wants to read.

    ``filenames`` are exact, case-sensitive base names (``"package.json"``); ``extensions`` are
    lower-case suffixes with their dot (``".csproj"``), matched case-insensitively; ``globs``
    follow :mod:`scanner.globs` (``"requirements*.txt"`` matches the base name at any depth,
    ``".github/workflows/*.yml"`` is anchored at the root).

    With ``presence_only``, the matching files are never read: the detector finds them in
    :attr:`TreeView.selected` instead of receiving each in :meth:`Detector.inspect_file`.
    """

    filenames: frozenset[str] = frozenset()
    extensions: frozenset[str] = frozenset()
    globs: tuple[str, ...] = ()
    presence_only: bool = False

    def describe(self) -> list[str]:
        """The selector as a sorted list of human-readable patterns, for docs and ``--help``."""
        return sorted(self.filenames) + sorted("*" + ext for ext in self.extensions) + sorted(
            self.globs
        )


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file of the walked tree: its repository-relative path, size, and whether it is a
    symbolic link (links are listed, never followed out of the tree, never counted as code)."""

    path: str
    size: int
    symlink: bool = False

    @property
    def name(self) -> str:
        """The base name."""
        return self.path.rpartition("/")[2]


class FileContent:
    """The bytes of one file, read once and shared by every detector that asked for it."""

    __slots__ = ("_text", "data", "path")

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data
        self._text: str | None = None

    def text(self) -> str:
        """The content decoded as Unicode text, honouring a UTF-8/16/32 byte-order mark.

        Raises :class:`DetectorError` when the bytes are not valid text in that encoding.
        """
        if self._text is None:
            self._text = decode_text(self.data, self.path)
        return self._text


def decode_text(data: bytes, path: str) -> str:
    """Decode file bytes as text: a BOM picks the encoding, UTF-8 otherwise."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DetectorError(
            f"not valid {encoding.upper()} text (byte {error.start}: {error.reason})"
        ) from error


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A wanted file as one detector sees it: the shared content plus the detector's name,
    so that the evidence it creates is stamped with both."""

    content: FileContent
    detector: str

    @property
    def path(self) -> str:
        """Repository-relative POSIX path."""
        return self.content.path

    @property
    def name(self) -> str:
        """The base name."""
        return self.content.path.rpartition("/")[2]

    @property
    def directory(self) -> str:
        """The containing directory, ``"."`` for the root."""
        return self.content.path.rpartition("/")[0] or "."

    @property
    def data(self) -> bytes:
        """The raw bytes."""
        return self.content.data

    def text(self) -> str:
        """See :meth:`FileContent.text`."""
        return self.content.text()

    def evidence(self, reason: str, line: int | None = None) -> Evidence:
        """Evidence pointing at this file (and line), found by this detector."""
        return Evidence(path=self.content.path, detector=self.detector, reason=reason, line=line)


@dataclass(frozen=True, slots=True)
class TreeView:
    """The whole walked tree as :meth:`Detector.inspect_tree` sees it.

    ``entries`` are every file left after pruning and exclusion; ``selected`` the entries a
    presence-only selector matched, in walk order. ``read(path, limit)`` returns a file's
    bytes (at most ``limit`` of them), from the copy already read when there is one; it
    returns ``None`` for a file that cannot be read or is larger than ``limit``.
    """

    entries: Sequence[FileEntry]
    detector: str
    read: Callable[[str, int], bytes | None]
    selected: Sequence[FileEntry] = ()

    def evidence(self, reason: str, path: str = ".", line: int | None = None) -> Evidence:
        """Evidence found by this detector, about the tree or about one of its files."""
        return Evidence(path=path, detector=self.detector, reason=reason, line=line)


@dataclass(frozen=True, slots=True)
class Findings:
    """What all detectors found, as :meth:`Detector.inspect_findings` sees it: components
    formed, dependencies merged (declared and resolved together, components assigned)."""

    components: Sequence[Component]
    dependencies: Sequence[Dependency]
    technologies: Sequence[Technology]
    detector: str

    def evidence(self, reason: str, path: str = ".", line: int | None = None) -> Evidence:
        """Evidence found by this detector."""
        return Evidence(path=path, detector=self.detector, reason=reason, line=line)


class Detector:
    """Base class of detector plugins.

    Subclasses set the class attributes and override one or both hooks. ``name`` is how users
    select the detector (``--detectors``) and how evidence names it; ``tags`` group detectors
    (``python``, ``manifest``...). ``options`` is the detector's own table from the
    configuration (``[tool.stackaudit.detector-options.NAME]``).
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    tags: ClassVar[frozenset[str]] = frozenset()
    selector: ClassVar[FileSelector] = FileSelector()

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options: Mapping[str, Any] = options or {}

    @classmethod
    def info(cls) -> DetectorInfo:
        """The detector as reports and docs describe it."""
        return DetectorInfo(
            cls.name,
            cls.description,
            tuple(sorted(cls.tags)),
            tuple(cls.selector.describe()),
            reads_content=not cls.selector.presence_only,
        )

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """Report what one wanted file reveals. Called once per file the selector matched."""
        return EMPTY_OUTPUT

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Report what the tree as a whole reveals. Called once, after every file."""
        return EMPTY_OUTPUT

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        """Report what the findings of all detectors reveal. Called once, after every
        detector's tree hook; only the technologies, findings and failures it returns are
        used."""
        return EMPTY_OUTPUT
