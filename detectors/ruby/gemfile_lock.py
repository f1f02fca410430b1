"""``Gemfile.lock`` (and ``gems.locked``): the exact gems Bundler installs.

The format, as Bundler's ``LockfileParser`` reads it: sections start at column 0. Source
sections (``GEM``, ``GIT``, ``PATH``, ``PLUGIN SOURCE``) have 2-space options (``remote:``,
``revision:``, ``branch:``, ``tag:``, ``ref:``...) and ``specs:``, under which a 4-space line is a
locked gem, ``name (version)`` or ``name (version-platform)``, and a 6-space line one of its
requirements. ``PLATFORMS`` lists platforms; ``DEPENDENCIES`` the gems the Gemfile asks for,
with their requirements and a ``!`` when pinned to a git or path source; ``RUBY VERSION`` the
Ruby the bundle was locked with (``ruby 3.4.4p34``); ``BUNDLED WITH`` the Bundler version;
``CHECKSUMS`` the gems' checksums. Unknown sections are skipped, as Bundler does.

Reported: one resolved dependency per locked gem and version (a gem locked for several
platforms is one dependency), direct when DEPENDENCIES names it (with its requirement as
``declared``), git and path gems with a note saying where they come from. A ``PATH`` source at
``.`` holds the project's own gem (``gemspec`` in the Gemfile): it is not a dependency, and its
requirements are the project's direct dependencies. A gem DEPENDENCIES names that has no locked
spec (one installed on other platforms only) is reported declared-only with a note. Also: the
Ruby runtime (``resolved``) and ``bundler`` with its version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Failure,
    FailureKind,
    Scope,
    Technology,
)

_SOURCE_SECTIONS = frozenset({"GEM", "GIT", "PATH", "PLUGIN SOURCE"})
_KNOWN_SECTIONS = _SOURCE_SECTIONS | {
    "PLATFORMS",
    "DEPENDENCIES",
    "RUBY VERSION",
    "BUNDLED WITH",
    "CHECKSUMS",
}
# Bundler's NAME_VERSION: 2, 4 or 6 spaces, a name, an optional "(version[-platform])",
# an optional "!" and, in CHECKSUMS, a checksum.
_NAME_VERSION_RE = re.compile(
    r"^( {2}| {4}| {6})(?! )(.*?)(?: \(([^-]*)(?:-(.*))?\))?(!)?(?: (\S+))?$"
)
_OPTION_RE = re.compile(r"^  ([a-z]+): (.*)$", re.I)
_CONFLICT_RE = re.compile(r"^(?:<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)")
# "ruby 3.4.4p34", "ruby 3.3.0", "ruby 2.6.8p205 (jruby 9.3.0.0)"
_RUBY_VERSION_RE = re.compile(
    r"^ruby (\d+(?:\.\d+)*(?:\.[A-Za-z]\w*)?)(?:p(\d+))?(?: \((\w+) ([^)]+)\))?$"
)
_REQUIREMENT_RE = re.compile(r"^(\S+) \((.*)\)$")


@dataclass(slots=True)
class _Spec:
    name: str
    version: str
    line: int
    source: str  # the section: GEM, GIT, PATH, PLUGIN SOURCE
    remote: str | None
    options: dict[str, str]
    platforms: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Direct:
    requirement: str | None
    pinned: bool
    line: int


@dataclass(slots=True)
class GemfileLock:
    """A parsed Gemfile.lock: its specs by (name, version) in file order, DEPENDENCIES, the
    platforms, RUBY VERSION and BUNDLED WITH lines (with their line numbers), and the entries
    that could not be read."""

    specs: dict[tuple[str, str], _Spec] = field(default_factory=dict)
    direct: dict[str, _Direct] = field(default_factory=dict)
    platforms: list[str] = field(default_factory=list)
    ruby: tuple[str, int] | None = None
    bundler: tuple[str, int] | None = None
    failures: list[str] = field(default_factory=list)


def read_gemfile_lock(text: str) -> GemfileLock:
    """The lockfile's sections. Raises :class:`DetectorError` for an empty file, merge
    conflict markers, or a file with none of Bundler's sections; a line that does not fit its
    section is listed in ``failures`` and skipped."""
    if not text.strip():
        raise DetectorError("empty file")
    lock = GemfileLock()
    section: str | None = None
    options: dict[str, str] = {}
    in_specs = False
    current: _Spec | None = None
    seen_sections = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line:
            continue
        if _CONFLICT_RE.match(line):
            raise DetectorError(f"line {number}: merge conflict marker")
        if not line.startswith(" "):
            section = line.strip()
            options, in_specs, current = {}, False, None
            seen_sections += section in _KNOWN_SECTIONS
            continue
        if section in _SOURCE_SECTIONS:
            if line == "  specs:":
                in_specs = True
                continue
            option = _OPTION_RE.match(line)
            if option and not in_specs:
                options[option.group(1)] = option.group(2)
                continue
            entry = _NAME_VERSION_RE.match(line) if in_specs else None
            if entry is None or entry.group(1) == "  ":
                lock.failures.append(
                    f"line {number}: unexpected line in {section}: {line.strip()!r}"
                )
                continue
            if len(entry.group(1)) == 4:
                if entry.group(3) is None:
                    lock.failures.append(f"line {number}: locked gem without a version")
                    current = None
                    continue
                current = _add_spec(lock, entry, number, section, options)
            elif current is not None:
                current.requirements.append(entry.group(2))
        elif section == "PLATFORMS":
            lock.platforms.append(line.strip())
        elif section == "DEPENDENCIES":
            _add_direct(lock, line, number)
        elif section == "RUBY VERSION":
            lock.ruby = (line.strip(), number)
        elif section == "BUNDLED WITH":
            lock.bundler = (line.strip(), number)
        # CHECKSUMS and sections Bundler does not know say nothing more.
    if not seen_sections:
        raise DetectorError("not a Gemfile.lock: none of GEM, GIT, PATH, DEPENDENCIES...")
    return lock


def _add_spec(
    lock: GemfileLock, entry: re.Match[str], number: int, section: str, options: dict[str, str]
) -> _Spec:
    name, version, platform = entry.group(2), entry.group(3), entry.group(4)
    spec = lock.specs.get((name, version))
    if spec is None:
        spec = _Spec(name, version, number, section, options.get("remote"), dict(options))
        lock.specs[(name, version)] = spec
    if platform:
        spec.platforms.append(platform)
    return spec


def _add_direct(lock: GemfileLock, line: str, number: int) -> None:
    text = line.strip()
    pinned = text.endswith("!")
    text = text.removesuffix("!")
    match = _REQUIREMENT_RE.match(text)
    name, requirement = (match.group(1), match.group(2)) if match else (text, None)
    if not name or " " in name:
        lock.failures.append(f"line {number}: unexpected line in DEPENDENCIES: {line.strip()!r}")
        return
    lock.direct[name] = _Direct(requirement, pinned, number)


def parse_gemfile_lock(file: SourceFile) -> DetectorOutput:
    """Locked gems as resolved dependencies, the Ruby runtime and Bundler (see the module's
    docstring). Raises :class:`DetectorError` as :func:`read_gemfile_lock`."""
    lock = read_gemfile_lock(file.text())
    own = [s for s in lock.specs.values() if s.source == "PATH" and s.remote == "."]
    own_ids = {id(spec) for spec in own}
    gemspec_requirements = {
        requirement.partition(" ")[0]: spec for spec in own for requirement in spec.requirements
    }
    dependencies: list[Dependency] = []
    locked_names = set()
    for spec in lock.specs.values():
        locked_names.add(spec.name)
        if id(spec) in own_ids:
            continue
        evidence: tuple[Evidence, ...] = (
            file.evidence(
                f"Gemfile.lock {spec.source} spec {spec.name} ({spec.version})", spec.line
            ),
        )
        direct = lock.direct.get(spec.name)
        declared = None
        if direct is not None:
            declared = direct.requirement
            evidence += (file.evidence(f"DEPENDENCIES entry '{spec.name}'", direct.line),)
        elif spec.name in gemspec_requirements:
            gemspec = gemspec_requirements[spec.name]
            evidence += (
                file.evidence(f"requirement of the project's gem {gemspec.name}", gemspec.line),
            )
        dependencies.append(
            Dependency(
                Ecosystem.GEM,
                normalize_name(Ecosystem.GEM, spec.name),
                evidence,
                declared=declared,
                resolved=spec.version,
                direct=direct is not None or spec.name in gemspec_requirements,
                scope=Scope.RUNTIME,
                version_note=_source_note(spec),
            )
        )
    for name, direct in lock.direct.items():
        if name in locked_names:
            continue
        platforms = ", ".join(lock.platforms) or "none"
        dependencies.append(
            Dependency(
                Ecosystem.GEM,
                normalize_name(Ecosystem.GEM, name),
                (file.evidence(f"DEPENDENCIES entry '{name}'", direct.line),),
                declared=direct.requirement,
                version_note=f"not locked for the lockfile's platforms ({platforms})",
            )
        )
    failures = tuple(
        Failure(FailureKind.PARSE_ERROR, reason, file.path, file.detector)
        for reason in lock.failures
    )
    return DetectorOutput(
        technologies=tuple(_technologies(file, lock)),
        dependencies=tuple(dependencies),
        failures=failures,
    )


def _technologies(file: SourceFile, lock: GemfileLock) -> list[Technology]:
    technologies = []
    if lock.bundler is not None:
        version, line = lock.bundler
        evidence = file.evidence(f"BUNDLED WITH {version}", line)
        technologies.append(
            Technology(
                "bundler",
                "Bundler",
                Category.PACKAGE_MANAGER,
                (evidence,),
                version=version,
                version_source="resolved",
            )
        )
    else:
        evidence = file.evidence(f"{file.name} present")
        technologies.append(
            Technology(
                "bundler",
                "Bundler",
                Category.PACKAGE_MANAGER,
                (evidence,),
                version_note="no BUNDLED WITH section (Bundler before 1.10)",
            )
        )
    if lock.ruby is not None:
        text, line = lock.ruby
        evidence = file.evidence(f"RUBY VERSION {text}", line)
        match = _RUBY_VERSION_RE.match(text)
        if match is None:
            technologies.append(
                Technology(
                    "ruby",
                    "Ruby",
                    Category.RUNTIME,
                    (evidence,),
                    version_note=f"RUBY VERSION {text!r} is not a Ruby version",
                )
            )
        else:
            note = None
            if match.group(3):
                note = f"engine {match.group(3)} {match.group(4)}"
            technologies.append(
                Technology(
                    "ruby",
                    "Ruby",
                    Category.RUNTIME,
                    (evidence,),
                    version=match.group(1),
                    version_source="resolved",
                    version_note=note,
                )
            )
    return technologies


def _source_note(spec: _Spec) -> str | None:
    """Where a gem not from a gem server comes from."""
    if spec.source == "GIT":
        where = spec.remote or "?"
        reference = next(
            (
                f"{key} {spec.options[key]}"
                for key in ("tag", "branch", "ref")
                if key in spec.options
            ),
            None,
        )
        revision = spec.options.get("revision")
        details = ", ".join(
            x for x in (reference, f"revision {revision}" if revision else None) if x
        )
        return f"git {where}" + (f" ({details})" if details else "")
    if spec.source == "PATH":
        return f"path {spec.remote or '?'}"
    if spec.source == "PLUGIN SOURCE":
        return f"plugin source {spec.remote or '?'}"
    return None
