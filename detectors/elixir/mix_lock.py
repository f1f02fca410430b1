"""``mix.lock``: the exact version of every dependency of a Mix project.

The file is an Elixir map literal, read with :mod:`detectors.elixir.terms` (never evaluated):
``"name": {:hex, :package, "1.2.3", "checksum", [:mix], [requirements...], "hexpm", "checksum"}``
for Hex packages (shorter tuples of older Mix versions too: ``{:hex, :package, "1.2.3"}`` and
on), and ``"name": {:git, "url", "commit", [tag: ..., branch: ...]}`` for git dependencies.

A Hex entry is a resolved dependency named by its Hex package (the tuple's second element,
which differs from the key when the project renames it with ``hex:``), with a note when it comes
from another repository than ``hexpm``. A git entry has no version: its note gives the URL,
commit and ref. The lock does not record which dependencies the project asks for: every entry
is indirect until merged with mix.exs's declaration.
"""

from __future__ import annotations

from detectors.elixir.terms import Atom, Map, TermError, TermParser, tokenize
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Failure,
    FailureKind,
    Technology,
)


def read_mix_lock(text: str) -> Map:
    """The lock's map. Raises :class:`DetectorError` for an empty file or text that is not a
    single Elixir map literal."""
    if not text.strip():
        raise DetectorError("empty file")
    tokens = tokenize(text)
    parser = TermParser(tokens)
    try:
        document = parser.value()
    except TermError as error:
        raise DetectorError(f"not a mix.lock map: {error}") from error
    if not isinstance(document, Map):
        raise DetectorError("not a mix.lock: expected a map %{...}")
    if parser.peek() is not None:
        raise DetectorError(f"line {tokens[parser.position].line}: text after the map")
    return document


def parse_mix_lock(file: SourceFile) -> DetectorOutput:
    """One dependency per entry (see the module's docstring) and the ``mix`` build tool.
    Raises :class:`DetectorError` as :func:`read_mix_lock`; an entry of an unknown form is a
    :class:`Failure` and skipped."""
    lock = read_mix_lock(file.text())
    dependencies: list[Dependency] = []
    failures: list[Failure] = []
    for key, value, line in lock.entries:
        name = key.name if isinstance(key, Atom) else key if isinstance(key, str) else None
        found = _entry(file, name, value, line) if name else None
        if isinstance(found, Dependency):
            dependencies.append(found)
        else:
            reason = found or "the key is not a dependency name"
            failures.append(
                Failure(FailureKind.PARSE_ERROR, f"line {line}: {reason}", file.path, file.detector)
            )
    mix = Technology("mix", "Mix", Category.BUILD_TOOL, (file.evidence("mix.lock present"),))
    return DetectorOutput(
        technologies=(mix,), dependencies=tuple(dependencies), failures=tuple(failures)
    )


def _entry(file: SourceFile, name: str, value: object, line: int) -> Dependency | str:
    if not isinstance(value, tuple) or not value or not isinstance(value[0], Atom):
        return f"'{name}': expected a tuple {{:hex, ...}} or {{:git, ...}}"
    scm = value[0].name
    if scm == "hex":
        if len(value) < 3 or not isinstance(value[1], Atom) or not isinstance(value[2], str):
            return f"'{name}': expected {{:hex, :package, \"version\", ...}}"
        package, version = value[1].name, value[2]
        repository = value[6] if len(value) > 6 and isinstance(value[6], str) else "hexpm"
        notes = []
        if package != name:
            notes.append(f"Hex package {package}, named {name} in this project")
        if repository != "hexpm":
            notes.append(f"from the Hex repository {repository}")
        return Dependency(
            Ecosystem.HEX,
            normalize_name(Ecosystem.HEX, package),
            (file.evidence(f"mix.lock entry '{name}' (hex {package} {version})", line),),
            resolved=version,
            direct=False,
            version_note="; ".join(notes) or None,
        )
    if scm == "git":
        if len(value) < 3 or not isinstance(value[1], str) or not isinstance(value[2], str):
            return f'\'{name}\': expected {{:git, "url", "commit", ...}}'
        url, commit = value[1], value[2]
        options = value[3] if len(value) > 3 and isinstance(value[3], list) else []
        reference = next(
            (
                f"{option[0].name} {option[1]}"
                for option in options
                if isinstance(option, tuple)
                and len(option) == 2
                and isinstance(option[0], Atom)
                and option[0].name in ("tag", "branch", "ref")
                and isinstance(option[1], str)
            ),
            None,
        )
        note = f"git {url} at {commit}" + (f" ({reference})" if reference else "")
        return Dependency(
            Ecosystem.HEX,
            normalize_name(Ecosystem.HEX, name),
            (file.evidence(f"mix.lock entry '{name}' (git)", line),),
            direct=False,
            version_note=note,
        )
    return f"'{name}': unknown source :{scm}"
