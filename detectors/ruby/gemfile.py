"""``Gemfile`` (and ``gems.rb``): the gems a Ruby project asks for, read without running Ruby.

A Gemfile is a Ruby program; this is a tolerant scanner of its usual statements, never an
evaluator. Read: ``gem "name", "~> 1.2", ">= 1.2.3", group: :test, git:/github:/path: ...``
(statements spanning lines by a trailing comma or an open bracket included), ``group :a, :b
do ... end`` blocks (and ``group:``/``groups:`` options), the other ``do ... end`` blocks and
``if``/``unless``/``case``/``begin``/``def`` ... ``end`` so that ``end`` closes the right one,
and ``ruby "3.2.2"`` / ``ruby file: ".ruby-version"``. Anything else is skipped. A statement the
scanner cannot read literally (a gem named by a variable, a version from a constant) is
reported with what is known and a note, or skipped.

Scopes: gems outside any group (or in ``:default``) are ``runtime``; in ``:test`` only,
``test``; in ``:development`` (with or without ``:test``), ``development``. Other groups
(``:production``, custom ones) are installed by default and stay ``runtime``; the evidence
names the groups.

The Ruby runtime: an exact ``ruby "3.2.2"`` is ``resolved`` (Bundler refuses any other Ruby),
a requirement or a partial version (``"~> 3.2"``, ``"3.2"``) ``declared``; ``ruby file:`` names
a version file, read by the runtimes detector, and gives no version here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from detectors.common.parsing import manifest
from detectors.ruby.ruby_tokens import Token, tokenize
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Scope,
    Technology,
)

_BLOCK_KEYWORDS = frozenset(
    {"if", "unless", "case", "while", "until", "begin", "def", "class", "module", "for"}
)
# Words that start a statement: a line starting with one never continues the previous line.
_STATEMENT_WORDS = frozenset(
    {"gem", "group", "end", "source", "ruby", "platforms", "platform", "gemspec", "git", "path"}
)
_EXACT_VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
_DEVELOPMENT_GROUPS = frozenset({"development", "test"})
_SOURCE_OPTIONS = ("git", "github", "gitlab", "bitbucket", "path")
_GIT_REFERENCES = ("tag", "branch", "ref")


@dataclass(frozen=True, slots=True)
class _Block:
    """An open ``do ... end`` (or ``if ... end``...) block, and the groups or platforms it
    puts the gems inside it in."""

    groups: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Statement:
    tokens: list[Token]
    line: int


def parse_gemfile(file: SourceFile) -> DetectorOutput:
    """The Gemfile as a manifest (kind ``Gemfile``, or ``gems.rb``), ``bundler``, the Ruby
    runtime of a ``ruby`` statement, and one declared dependency per ``gem`` statement.

    Never raises for content it does not understand; only text that is not valid UTF-8 raises
    :class:`DetectorError`.
    """
    dependencies: list[Dependency] = []
    technologies = [
        Technology(
            "bundler",
            "Bundler",
            Category.PACKAGE_MANAGER,
            (file.evidence(f"{file.name} present"),),
        )
    ]
    blocks: list[_Block] = []
    for statement in _statements(file.text()):
        tokens = statement.tokens
        head = tokens[0].value if tokens[0].kind == "word" else ""
        if head == "end":
            if blocks:
                blocks.pop()
            continue
        if head == "gem":
            found = _gem(file, statement, blocks)
            if found is not None:
                dependencies.append(found)
        elif head == "ruby":
            technologies.append(_ruby(file, statement))
        if tokens[-1].kind == "word" and tokens[-1].value == "end":
            continue  # a block opened and closed on one line: `if x then gem "y" end`
        if _opens_block(tokens):
            names = tuple(_names(_arguments(tokens[1:])[0]))
            blocks.append(
                _Block(
                    groups=names if head == "group" else (),
                    platforms=names if head in ("platforms", "platform") else (),
                )
            )
        elif head in _BLOCK_KEYWORDS:
            blocks.append(_Block())
    kind = "gems.rb" if file.name == "gems.rb" else "Gemfile"
    return DetectorOutput(
        manifests=(manifest(file, Ecosystem.GEM, kind),),
        technologies=tuple(technologies),
        dependencies=tuple(dependencies),
    )


def _statements(text: str) -> Iterator[_Statement]:
    """Logical lines: a line ending in ``,`` or ``\\``, or leaving a bracket open, continues
    on the next one, unless that one starts a statement of its own (``gem``, ``end``...), so
    that one broken line cannot swallow the rest of the file."""
    pending: list[Token] = []
    first = 0
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = tokenize(line)
        if not tokens:
            continue
        if pending and tokens[0].kind == "word" and tokens[0].value in _STATEMENT_WORDS:
            yield _Statement(pending, first)
            pending, depth = [], 0
        if not pending:
            first = number
        pending.extend(tokens)
        for token in tokens:
            if token.kind == "punct" and token.value in "([{":
                depth += 1
            elif token.kind == "punct" and token.value in ")]}":
                depth = max(depth - 1, 0)
        continued = pending[-1].value == "," or line.rstrip().endswith("\\") or depth > 0
        if not continued:
            yield _Statement(pending, first)
            pending, depth = [], 0
    if pending:
        yield _Statement(pending, first)


def _opens_block(tokens: list[Token]) -> bool:
    """Whether the statement ends with ``do`` or ``do |params|``."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].kind == "word" and tokens[index].value == "do":
            rest = tokens[index + 1 :]
            return not rest or (rest[0].value == "|" and rest[-1].value == "|")
    return False


def _arguments(tokens: list[Token]) -> tuple[list[Token], dict[str, list[Token]]]:
    """Positional arguments and keyword options of a call (``gem "a", "1", group: :test``),
    up to a ``do`` block or an ``if``/``unless`` modifier; the contents of brackets belong to
    the argument they are in (``groups: [:a, :b]``)."""
    positional: list[Token] = []
    options: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    depth = 0
    for token in tokens:
        if depth == 0 and token.kind == "word" and token.value in ("do", "if", "unless"):
            break
        if token.kind == "punct":
            if token.value in "([{":
                depth += 1
            elif token.value in ")]}":
                depth = max(depth - 1, 0)
            elif token.value == "," and depth == 0:
                current = None
            continue
        if token.kind == "key" and depth == 0:
            current = options.setdefault(token.value, [])
        elif current is not None:
            current.append(token)
        else:
            positional.append(token)
    return positional, options


def _names(tokens: list[Token]) -> Iterator[str]:
    """The literal names among tokens: strings, symbols and word lists."""
    for token in tokens:
        if token.kind in ("string", "symbol") and not token.dynamic:
            yield token.value
        elif token.kind == "words":
            yield from token.value.split()


def _gem(file: SourceFile, statement: _Statement, blocks: list[_Block]) -> Dependency | None:
    tokens = statement.tokens[1:]
    positional, options = _arguments(tokens)
    if not positional or positional[0].kind != "string" or positional[0].dynamic:
        return None  # a gem named by an expression: nothing literal to report
    name = positional[0].value
    requirements = [t.value for t in positional[1:] if t.kind == "string" and not t.dynamic]
    notes = []
    if any(t.kind != "string" or t.dynamic for t in positional[1:]):
        notes.append("a version requirement is computed in Ruby (not evaluated)")
    groups = tuple(name for block in blocks for name in block.groups)
    platforms = [name for block in blocks for name in block.platforms]
    for key in ("group", "groups"):
        groups += tuple(_names(options.get(key, [])))
    for key in ("platforms", "platform"):
        platforms.extend(_names(options.get(key, [])))
    source = next((key for key in _SOURCE_OPTIONS if key in options), None)
    if source is not None:
        where = " ".join(_names(options[source])) or "?"
        reference = next(
            (
                f"{key} {' '.join(_names(options[key]))}"
                for key in _GIT_REFERENCES
                if key in options
            ),
            None,
        )
        notes.append(f"{source} {where}" + (f" ({reference})" if reference else ""))
    if platforms:
        notes.append(f"only on platforms {', '.join(platforms)}")
    if any(t.kind == "word" and t.value in ("if", "unless") for t in tokens):
        notes.append("installed only under a condition")
    reason = f"gem '{name}'" + (f" in group {', '.join(groups)}" if groups else "")
    return Dependency(
        Ecosystem.GEM,
        normalize_name(Ecosystem.GEM, name),
        (file.evidence(reason, statement.line),),
        declared=", ".join(requirements) or None,
        scope=_scope(groups),
        version_note="; ".join(notes) or None,
    )


def _scope(groups: tuple[str, ...]) -> Scope:
    names = set(groups)
    if not names or "default" in names or not names <= _DEVELOPMENT_GROUPS:
        return Scope.RUNTIME
    return Scope.TEST if names == {"test"} else Scope.DEVELOPMENT


def _ruby(file: SourceFile, statement: _Statement) -> Technology:
    positional, options = _arguments(statement.tokens[1:])
    versions = [t.value for t in positional if t.kind == "string" and not t.dynamic]
    written = ", ".join(repr(v) for v in versions)
    evidence = file.evidence(f"ruby {written}".rstrip(), statement.line)
    if "file" in options:
        names = list(_names(options["file"]))
        where = names[0] if names else "a version file"
        evidence = file.evidence(f"ruby file: {where!r}", statement.line)
        return Technology(
            "ruby", "Ruby", Category.RUNTIME, (evidence,), version_note=f"read from {where}"
        )
    if not versions or len(versions) != len(positional):
        return Technology(
            "ruby",
            "Ruby",
            Category.RUNTIME,
            (evidence,),
            version_note="the Ruby version is computed in Ruby (not evaluated)",
        )
    version = ", ".join(versions)
    exact = len(versions) == 1 and _EXACT_VERSION_RE.match(versions[0]) is not None
    engine = " ".join(_names(options.get("engine", [])))
    return Technology(
        "ruby",
        "Ruby",
        Category.RUNTIME,
        (evidence,),
        version=version,
        version_source="resolved" if exact else "declared",
        version_note=f"engine {engine}" if engine else None,
    )
