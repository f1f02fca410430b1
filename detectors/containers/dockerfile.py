"""Dockerfiles (and Containerfiles): the images every build stage starts from or copies from.

The file is read the way BuildKit reads it: parser directives at the top (``# syntax=``,
``# escape=``), comments, line continuations with the escape character (comment and empty
lines inside a continuation skipped), and here-documents of ``RUN``/``COPY``/``ADD`` whose
bodies are skipped. Then, stage by stage:

* ``ARG`` before the first ``FROM`` declares the variables ``FROM`` lines may use; its
  default (itself interpolated) is their value. An ``ARG`` inside a stage is seen by that
  stage only, never by a later ``FROM``, exactly as Docker scopes it.
* ``FROM [--platform=...] image [AS name]``: the image, unless it names an earlier stage or
  is ``scratch``.
* ``COPY --from=image`` and ``RUN --mount=...,from=image``: an image when not a stage name or
  index.
* the ``# syntax=`` directive names the BuildKit frontend image.

A Dockerfile is not a manifest. Unknown instructions and malformed ``FROM`` lines are
reported as failures of their line; a file without any ``FROM`` or with an unterminated
here-document is not a Dockerfile and raises :class:`DetectorError`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from detectors.common.interpolation import Interpolation, InterpolationError, interpolate
from detectors.containers.records import Collector, tool_technology
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

INSTRUCTIONS = frozenset(
    {
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck",
        "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume",
        "workdir",
    }
)  # fmt: skip
_HEREDOC_INSTRUCTIONS = frozenset({"add", "copy", "run"})
_DIRECTIVES = frozenset({"syntax", "escape", "check"})
# The platform ARGs BuildKit defines in the global scope.
_PLATFORM_ARGS = frozenset(
    {
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    }
)  # fmt: skip

_DIRECTIVE_RE = re.compile(r"#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*\Z")
_HEREDOC_RE = re.compile(r"(\d*)<<(-?)([^<]*)\Z")
_ARG_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction, continuation lines joined: ``keyword`` lower-cased, ``arguments``
    as written after it, ``line`` where it starts (1-based)."""

    keyword: str
    arguments: str
    line: int


@dataclass(frozen=True, slots=True)
class Dockerfile:
    """The instructions of a Dockerfile, its parser directives (``name -> (value, line)``)
    and its escape character."""

    instructions: tuple[Instruction, ...]
    directives: dict[str, tuple[str, int]]
    escape: str


def read_dockerfile(text: str) -> Dockerfile:
    """Split a Dockerfile into instructions.

    Raises :class:`DetectorError` for a file with no instruction or an unterminated
    here-document.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    escape = "\\"
    directives: dict[str, tuple[str, int]] = {}
    in_directives = True
    instructions: list[Instruction] = []
    index = 0
    while index < len(lines):
        raw = lines[index].rstrip("\r\n")
        index += 1
        start = index
        stripped = raw.lstrip()
        if in_directives:
            match = _DIRECTIVE_RE.match(stripped)
            name = match.group(1).lower() if match else ""
            if match and name in _DIRECTIVES and name not in directives:
                directives[name] = (match.group(2), start)
                if name == "escape" and match.group(2) in ("`", "\\"):
                    escape = match.group(2)
                continue
            in_directives = False
        if not stripped or stripped.startswith("#"):
            continue
        body, continued = _trim_continuation(stripped, escape)
        parts = [body]
        while continued and index < len(lines):
            following = lines[index].rstrip("\r\n")
            index += 1
            if not following.strip() or following.lstrip().startswith("#"):
                continue
            body, continued = _trim_continuation(following, escape)
            parts.append(body)
        words = "".join(parts).split(None, 1)
        if not words:
            continue
        instruction = Instruction(
            words[0].lower(), words[1].strip() if len(words) > 1 else "", start
        )
        instructions.append(instruction)
        for name, chomp in _heredocs(instruction, escape):
            index = _skip_heredoc(lines, index, name, chomp, start)
    if not instructions:
        raise DetectorError("no instructions (not a Dockerfile)")
    return Dockerfile(tuple(instructions), directives, escape)


def _trim_continuation(line: str, escape: str) -> tuple[str, bool]:
    trimmed = line.rstrip(" \t")
    if trimmed == escape:
        return "", True
    if trimmed.endswith(escape) and trimmed[-2] != escape:
        return trimmed[:-1], True
    return line, False


def _heredocs(instruction: Instruction, escape: str) -> Iterator[tuple[str, bool]]:
    """The here-documents an instruction opens, as (delimiter, strip leading tabs)."""
    keyword, arguments = instruction.keyword, instruction.arguments
    if keyword == "onbuild":
        keyword, _, arguments = arguments.partition(" ")
        keyword = keyword.lower()
    if keyword not in _HEREDOC_INSTRUCTIONS or "<<" not in arguments:
        return
    if arguments.lstrip().startswith("["):
        return
    for word in _raw_words(arguments, escape):
        match = _HEREDOC_RE.match(word)
        if match is None or not match.group(3):
            continue
        name = match.group(3).replace('"', "").replace("'", "")
        if name:
            yield name, match.group(2) == "-"


def _skip_heredoc(lines: list[str], index: int, name: str, chomp: bool, start: int) -> int:
    while index < len(lines):
        candidate = lines[index].rstrip("\r\n")
        index += 1
        if (candidate.lstrip("\t") if chomp else candidate) == name:
            return index
    raise DetectorError(f"line {start}: here-document <<{name} is never terminated")


def _raw_words(text: str, escape: str) -> list[str]:
    """Whitespace-separated words, quotes kept, whitespace inside quotes not splitting."""
    words: list[str] = []
    current: list[str] = []
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            current.append(char)
            if char == quote:
                quote = ""
            elif char == escape and quote == '"' and index + 1 < len(text):
                current.append(text[index + 1])
                index += 1
        elif char in "\"'":
            quote = char
            current.append(char)
        elif char == escape and index + 1 < len(text):
            current.extend((char, text[index + 1]))
            index += 1
        elif char in " \t":
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(char)
        index += 1
    if current:
        words.append("".join(current))
    return words


def parse_dockerfile(file: SourceFile) -> DetectorOutput:
    """A Dockerfile: a ``container-image`` technology for every image it builds from,
    and ``docker`` itself. Raises :class:`DetectorError` (see the module docstring)."""
    dockerfile = read_dockerfile(file.text())
    found = Collector(file)
    found.technologies.append(tool_technology("docker", file.evidence("Dockerfile")))
    syntax = dockerfile.directives.get("syntax")
    if syntax is not None:
        evidence = file.evidence("syntax parser directive (BuildKit frontend image)", syntax[1])
        found.image(syntax[0].split()[0], evidence)
    stages = _Stages(_stage_names(dockerfile.instructions), dockerfile.escape)
    for instruction in dockerfile.instructions:
        keyword = instruction.keyword
        if keyword == "arg":
            _declare_args(found, instruction, stages)
        elif keyword == "from":
            _from(found, instruction, stages)
        elif keyword in ("copy", "run") and stages.names:
            _from_flags(found, instruction, stages)
        elif keyword not in INSTRUCTIONS:
            found.fail(f"line {instruction.line}: unknown instruction {keyword!r}")
    if not stages.names:
        raise DetectorError("no FROM instruction (not a Dockerfile)")
    return DetectorOutput(technologies=tuple(found.technologies), failures=tuple(found.failures))


class _Stages:
    """What the instructions seen so far declared: global ARGs, stage names, stage ARGs."""

    def __init__(self, all_names: frozenset[str], escape: str) -> None:
        self.escape = escape
        self.all_names = all_names
        self.names: list[str | None] = []
        self.global_args: dict[str, str | None] = {}
        self.args: dict[str, str | None] = {}
        self.stage_arg_names: set[str] = set()

    def start(self, name: str | None) -> str:
        """Open a stage; returns how reasons name it."""
        label = f"stage {name!r}" if name else f"stage {len(self.names)}"
        self.names.append(name)
        self.args = {}
        return label

    @property
    def current(self) -> str:
        """How reasons name the current stage."""
        name = self.names[-1]
        return f"stage {name!r}" if name else f"stage {len(self.names) - 1}"


def _stage_names(instructions: tuple[Instruction, ...]) -> frozenset[str]:
    names = set()
    for instruction in instructions:
        if instruction.keyword == "from":
            words = instruction.arguments.split()
            if len(words) >= 3 and words[-2].lower() == "as":
                names.add(words[-1].lower())
    return frozenset(names)


def _declare_args(found: Collector, instruction: Instruction, stages: _Stages) -> None:
    lexer = shlex.shlex(instruction.arguments, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    lexer.escape = stages.escape
    try:
        words = list(lexer)
    except ValueError as error:
        found.fail(f"line {instruction.line}: ARG: {error}")
        return
    in_stage = bool(stages.names)
    scope = stages.args if in_stage else stages.global_args
    for word in words:
        name, equals, value = word.partition("=")
        if _ARG_NAME_RE.match(name) is None:
            continue
        if equals:
            scope[name] = _expand_arg(value, scope, stages.escape)
        else:
            # A global ARG redeclared in a stage brings its default into the stage.
            scope[name] = stages.global_args.get(name) if in_stage else None
        if in_stage:
            stages.stage_arg_names.add(name)


def _expand_arg(value: str, scope: dict[str, str | None], escape: str) -> str | None:
    if "$" not in value:
        return value
    try:
        result = interpolate(value, scope.get, escape=escape)
    except InterpolationError:
        return None
    return result.text if result.resolved else None


def _from(found: Collector, instruction: Instruction, stages: _Stages) -> None:
    words = instruction.arguments.split()
    while words and words[0].startswith("--"):
        words.pop(0)
    name: str | None = None
    if len(words) == 3 and words[1].lower() == "as":
        name = words[2].lower()
    elif len(words) != 1:
        found.fail(
            f"line {instruction.line}: FROM takes an image and an optional 'AS name', "
            f"found {instruction.arguments!r}"
        )
        stages.start(None)
        return
    previous = {n for n in stages.names if n}
    stage = stages.start(name)
    image = words[0]
    if image.lower() == "scratch":
        return
    resolved = _interpolate(found, image, stages.global_args, stages.escape, instruction)
    if resolved is None or resolved.text.lower() in previous:
        return
    found.image(
        resolved.text,
        found.file.evidence(f"FROM {image}: base image of {stage}", instruction.line),
        notes=_notes(resolved, stages, global_scope=True),
        unresolved=resolved.unresolved,
    )


def _from_flags(found: Collector, instruction: Instruction, stages: _Stages) -> None:
    for word in instruction.arguments.split():
        if not word.startswith("--"):
            break
        flag, _, value = word.partition("=")
        if instruction.keyword == "copy" and flag == "--from":
            source, what = value, "COPY --from"
        elif instruction.keyword == "run" and flag == "--mount":
            fields = dict(part.partition("=")[::2] for part in value.split(","))
            source, what = fields.get("from", ""), "RUN --mount from"
        else:
            continue
        source = source.strip("\"'")
        if not source or source.isdigit():
            continue
        resolved = _interpolate(found, source, stages.args, stages.escape, instruction)
        if resolved is None or resolved.text.lower() in stages.all_names:
            continue
        found.image(
            resolved.text,
            found.file.evidence(f"{what}={source} in {stages.current}", instruction.line),
            notes=_notes(resolved, stages, global_scope=False),
            unresolved=resolved.unresolved,
        )


def _interpolate(
    found: Collector,
    text: str,
    scope: dict[str, str | None],
    escape: str,
    instruction: Instruction,
) -> Interpolation | None:
    try:
        return interpolate(text, scope.get, escape=escape)
    except InterpolationError as error:
        found.fail(f"line {instruction.line}: {error}")
        return None


def _notes(resolved: Interpolation, stages: _Stages, *, global_scope: bool) -> list[str]:
    """Why each variable of an image reference has the value it has, or none."""
    notes = [f"{name} is its ARG default {value!r}" for name, value in resolved.used]
    notes += [f"{name} unset, default {value!r} used" for name, value in resolved.defaulted]
    scope = stages.global_args if global_scope else stages.args
    for name in resolved.unresolved:
        if name in _PLATFORM_ARGS:
            notes.append(f"{name} is set by BuildKit for the platform being built")
        elif name in scope:
            notes.append(f"ARG {name} has no default (set with --build-arg)")
        elif global_scope and name in stages.stage_arg_names:
            notes.append(
                f"{name} is declared inside a stage; FROM sees only ARGs declared before "
                "the first FROM"
            )
        else:
            notes.append(f"{name} is not declared")
    return notes
