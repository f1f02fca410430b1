"""The technology rules: their schema, the loader, and the lookup tables built from them.

One TOML file per technology in ``detectors/technologies/rules/``, named after its key::

    key = "django"          # unique, lower-case, [a-z0-9][a-z0-9.+-]*, equal to the file name
    name = "Django"         # display name
    category = "framework"  # one of CATEGORIES below
    endoflife = "django"    # optional: the endoflife.date product it maps to
    versions = "<3"         # optional: PEP 440 specifiers; the rule takes only dependencies and
                            #   images whose version's major.minor falls in this range
    dependencies = ["pypi:django"]    # packages that ARE the technology: their version is its
    clients = ["pypi:psycopg2", "docker:confluentinc/cp-kafka"]
                            # packages (or ``docker:`` images) that reveal it but version on their
                            #   own (client libraries, SDKs, vendor images): no version taken
    images = ["postgres", "bitnami/postgresql"]  # container images whose tag is its version
    files = ["manage.py", "next.config.*"]       # base names or globs (scanner.globs dialect)
                            #   of files whose presence reveals it
    examples = ["next.config.mjs", "npm:@aws-sdk/client-s3"]
                            # required when a dependency, client or file has a wildcard

Packages are written ``ecosystem:name`` with the ecosystem's Package URL type and the name as
:func:`scanner.ecosystems.normalize_name` gives it (``pypi:django-rest-framework``,
``nuget:microsoft.aspnetcore.mvc``, ``maven:org.postgresql:postgresql``). A name may end in
``*``: then it is a prefix (``npm:@aws-sdk/client-*``), and examples (names, or paths for
``files`` globs) must show every wildcard at work and resolve to this rule alone.
Images are written as the containers detector keys them: the repository without the default
registry and ``library/``, lower-cased, without tag or digest.

Which rule a name belongs to: the rule that names it exactly, else the rule with the longest
matching prefix. So a narrower rule may carve a family out of a broader one (Blazor's
``microsoft.aspnetcore.components.webassembly*`` inside ASP.NET Core's ``microsoft.aspnetcore.*``);
:func:`carve_outs` lists every such case so that none happens by accident. Two rules may claim
the same name only with disjoint ``versions`` (Vue 2 and Vue 3 are both ``npm:vue``); a name
of unknown version then goes to the rule whose range admits the newest versions.

Rules load once per process (:func:`rule_table`). :func:`load_rules` raises :class:`RuleError`,
naming the file and the key, for a file that breaks the schema; :func:`check_rules` finds what
only the whole set can show (duplicates, examples that do not resolve to their rule).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NoReturn

from scanner.detector import FileSelector
from scanner.ecosystems import normalize_name
from scanner.globs import glob_to_regex
from scanner.model import Ecosystem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    from packaging.specifiers import SpecifierSet

CATEGORIES = frozenset(
    {
        "runtime", "framework", "library", "datastore", "package-manager", "build-tool",
        "container-image", "ci", "ci-runner", "infrastructure", "service", "tool",
        "test-framework", "linter", "orm", "queue", "cache", "search", "observability",
        "cloud-sdk", "auth", "payment", "messaging",
    }
)  # fmt: skip
# The ecosystems detectors report (scanner.model.Ecosystem), and Bower, which no detector reads
# yet but which AngularJS-era front ends declare their libraries in.
ECOSYSTEMS = frozenset(
    value for name, value in vars(Ecosystem).items() if name.isupper() and isinstance(value, str)
) | {"bower"}
IMAGE = "docker"
"""The pseudo-ecosystem of container images in :class:`RuleTable` names (``docker:postgres``),
after the Package URL type of Docker images."""

FIELDS = frozenset(
    {"key", "name", "category", "endoflife", "versions", "dependencies", "clients", "images",
     "files", "examples"}
)  # fmt: skip
_KEY = re.compile(r"[a-z0-9][a-z0-9.+-]*\Z")
_PRODUCT = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_GLOB_CHARS = frozenset("*?[")

RULES_PACKAGE = "detectors.technologies"


class RuleError(ValueError):
    """A rule file breaks the schema; the message names the file and, where one is to blame,
    the key."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One technology as its rule file describes it (see the module docstring)."""

    key: str
    name: str
    category: str
    source: str
    endoflife: str | None = None
    versions: str | None = None
    dependencies: tuple[str, ...] = ()
    clients: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    specifier: SpecifierSet | None = field(default=None, compare=False, repr=False)

    def admits(self, release: tuple[int, ...] | None) -> bool:
        """Whether the rule takes a version whose leading numeric release is ``release``
        (compared on major.minor). Always true without ``versions``; an unknown version
        (``None``) is admitted too, the caller deciding what to do with it."""
        if self.specifier is None or release is None:
            return True
        from packaging.version import Version

        return self.specifier.contains(Version(".".join(map(str, release[:2]))), prereleases=True)


@dataclass(frozen=True, slots=True)
class Claim:
    """A rule's claim on a name: whether the name's version is the technology's version
    (``dependencies`` and ``images``) or not (``clients``)."""

    rule: Rule
    carries_version: bool


# ------------------------------------------------------------------------ loading


def parse_rule(text: str, source: str) -> Rule:
    """One rule from the text of its file; ``source`` is the file name (``django.toml``).

    Raises :class:`RuleError` for invalid TOML, a missing or unknown key, a value of the wrong
    type or shape, or a wildcard without examples.
    """
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"rules/{source}: not valid TOML: {error}") from error
    fields = _Fields(table, source)
    fields.reject_unknown()
    key = fields.string("key")
    if not _KEY.match(key):
        fields.fail("key", f"{key!r} is not lower-case [a-z0-9][a-z0-9.+-]*")
    if source != f"{key}.toml":
        fields.fail("key", f"{key!r} does not match the file name (expected {key}.toml)")
    category = fields.string("category")
    if category not in CATEGORIES:
        fields.fail("category", f"{category!r} is not one of {', '.join(sorted(CATEGORIES))}")
    endoflife = fields.optional_string("endoflife")
    if endoflife is not None and not _PRODUCT.match(endoflife):
        fields.fail("endoflife", f"{endoflife!r} is not an endoflife.date product id")
    versions = fields.optional_string("versions")
    specifier = _specifier(versions, fields) if versions is not None else None
    dependencies = tuple(
        _package(item, False, fields, "dependencies") for item in fields.strings("dependencies")
    )
    clients = tuple(_package(item, True, fields, "clients") for item in fields.strings("clients"))
    images = tuple(_image(item, fields) for item in fields.strings("images"))
    files = tuple(_file(item, fields) for item in fields.strings("files"))
    examples = fields.strings("examples")
    if not (dependencies or clients or images or files):
        fields.fail(None, "claims nothing: give dependencies, clients, images or files")
    wildcards = [item for item in dependencies + clients if item.endswith("*")]
    wildcards += [item for item in files if _GLOB_CHARS & set(item)]
    if wildcards and not examples:
        fields.fail("examples", f"required for the wildcard {wildcards[0]!r}")
    return Rule(
        key=key,
        name=fields.string("name"),
        category=category,
        source=source,
        endoflife=endoflife,
        versions=versions,
        dependencies=dependencies,
        clients=clients,
        images=images,
        files=files,
        examples=examples,
        specifier=specifier,
    )


def load_rules(directory: Traversable | None = None) -> tuple[Rule, ...]:
    """Every rule of ``directory`` (the packaged ``rules/`` by default), sorted by key.

    Raises :class:`RuleError` for the first file that breaks the schema, and for a directory
    without rules.
    """
    if directory is None:
        directory = resources.files(RULES_PACKAGE) / "rules"
    if not directory.is_dir():
        raise RuleError(f"no rule files in {directory} (is the package data installed?)")
    rules = []
    for entry in directory.iterdir():
        if entry.name.endswith(".toml"):
            rules.append(parse_rule(entry.read_text(encoding="utf-8-sig"), entry.name))
    if not rules:
        raise RuleError(f"no rule files in {directory}")
    return tuple(sorted(rules, key=lambda rule: rule.key))


@lru_cache(maxsize=1)
def rule_table() -> RuleTable:
    """The packaged rules, loaded and compiled once per process."""
    return RuleTable(load_rules())


class _Fields:
    """Typed access to one rule file's table, with errors naming the file and the key."""

    def __init__(self, table: Mapping[str, Any], source: str) -> None:
        self.table = table
        self.source = source

    def fail(self, key: str | None, message: str) -> NoReturn:
        where = f"rules/{self.source}" + (f": {key}" if key else "")
        raise RuleError(f"{where}: {message}")

    def string(self, key: str) -> str:
        value = self.table.get(key)
        if value is None:
            self.fail(key, "missing")
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty string")
        return str(value)

    def optional_string(self, key: str) -> str | None:
        return self.string(key) if key in self.table else None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() == item and item for item in value
        ):
            self.fail(key, "must be a list of non-empty strings without surrounding spaces")
        if len(set(value)) != len(value):
            duplicate = next(item for item in value if value.count(item) > 1)
            self.fail(key, f"{duplicate!r} is listed twice")
        return tuple(value)

    def reject_unknown(self) -> None:
        unknown = sorted(set(self.table) - FIELDS)
        if unknown:
            self.fail(unknown[0], f"unknown key (known: {', '.join(sorted(FIELDS))})")


def _specifier(text: str, fields: _Fields) -> SpecifierSet:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        return SpecifierSet(text)
    except InvalidSpecifier as error:
        fields.fail("versions", f"not a PEP 440 specifier: {error}")


def _package(item: str, images_allowed: bool, fields: _Fields, key: str) -> str:
    """Check one ``ecosystem:name`` entry (``docker:image`` too where ``images_allowed``)."""
    ecosystem, _, name = item.partition(":")
    if ecosystem == IMAGE and images_allowed:
        _image(name.removesuffix("*"), fields, key)
    elif ecosystem not in ECOSYSTEMS:
        known = sorted(ECOSYSTEMS | ({IMAGE} if images_allowed else set()))
        fields.fail(key, f"{item!r} does not start with an ecosystem ({', '.join(known)})")
    bare = name.removesuffix("*")
    if not bare or "*" in bare:
        fields.fail(key, f"{item!r}: a name is required, and '*' may only end it")
    if ecosystem != IMAGE and normalize_name(ecosystem, bare) != bare:
        fields.fail(key, f"{item!r} is not normalised (write {normalize_name(ecosystem, bare)!r})")
    return item


def _image(item: str, fields: _Fields, key: str = "images") -> str:
    """Check one image repository (as the containers detector keys images)."""
    if not item or item != item.lower():
        fields.fail(key, f"image {item!r} must be a lower-case repository name")
    if "@" in item or "*" in item or ":" in item.rpartition("/")[2]:
        fields.fail(key, f"image {item!r} must name a repository, without tag, digest or '*'")
    if item.startswith(("docker.io/", "index.docker.io/", "library/")):
        fields.fail(key, f"image {item!r}: leave out the default registry and 'library/'")
    return item


def _file(item: str, fields: _Fields) -> str:
    if item.startswith("/") or item.endswith("/") or "//" in item:
        fields.fail("files", f"{item!r} must be a base name or a relative glob")
    return item


# -------------------------------------------------------------------- lookup tables


class RuleTable:
    """The rules compiled for look-ups: names (``ecosystem:name``, ``docker:image``) to claims
    with one dictionary and one regular expression per ecosystem, files to rules, and the file
    selector."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.by_key: dict[str, Rule] = {rule.key: rule for rule in rules}
        exact: dict[str, list[Claim]] = {}
        prefixes: dict[str, list[Claim]] = {}
        for rule in rules:
            for name, claim in _claims(rule):
                target = prefixes if name.endswith("*") else exact
                target.setdefault(name.removesuffix("*"), []).append(claim)
        self.exact: dict[str, tuple[Claim, ...]] = {k: tuple(v) for k, v in exact.items()}
        # Longest prefix first, so that the first alternative to match is the most specific.
        self.prefixes: tuple[tuple[str, tuple[Claim, ...]], ...] = tuple(
            (prefix, tuple(prefixes[prefix])) for prefix in sorted(prefixes, key=len, reverse=True)
        )
        # One regular expression per ecosystem: group i is the i-th prefix of its list.
        grouped: dict[str, list[tuple[str, tuple[Claim, ...]]]] = {}
        for prefix, claims in self.prefixes:
            grouped.setdefault(prefix.partition(":")[0], []).append((prefix, claims))
        self._prefix_regexes = {
            ecosystem: (re.compile("|".join(f"({re.escape(p)})" for p, _ in entries)), entries)
            for ecosystem, entries in grouped.items()
        }
        self.file_names: dict[str, tuple[Rule, ...]] = {}
        globs: list[tuple[str, Rule]] = []
        for rule in rules:
            for pattern in rule.files:
                if "/" in pattern or _GLOB_CHARS & set(pattern):
                    globs.append((pattern, rule))
                else:
                    self.file_names[pattern] = (*self.file_names.get(pattern, ()), rule)
        self.file_globs: tuple[tuple[re.Pattern[str], bool, Rule], ...] = tuple(
            (re.compile(glob_to_regex(pattern) + r"\Z"), "/" in pattern, rule)
            for pattern, rule in globs
        )
        self.selector = FileSelector(
            filenames=frozenset(self.file_names),
            globs=tuple(sorted({p for p, _ in globs})),
            presence_only=True,
        )

    def claims(self, name: str) -> tuple[Claim, ...]:
        """The claims on ``name`` (``pypi:django``, ``docker:postgres``): the exact ones, else
        those of the longest matching prefix, else none."""
        found = self.exact.get(name)
        if found is not None:
            return found
        prefixes = self._prefix_regexes.get(name.partition(":")[0])
        if prefixes is not None:
            match = prefixes[0].match(name)
            if match is not None and match.lastindex is not None:
                return prefixes[1][match.lastindex - 1][1]
        return ()

    def rules_for_file(self, path: str) -> tuple[Rule, ...]:
        """The rules whose ``files`` match ``path`` (repository-relative)."""
        base = path.rpartition("/")[2]
        found = list(self.file_names.get(base, ()))
        for regex, anchored, rule in self.file_globs:
            if regex.match(path if anchored else base) and rule not in found:
                found.append(rule)
        return tuple(found)


def _claims(rule: Rule) -> Iterable[tuple[str, Claim]]:
    carrying, free = Claim(rule, True), Claim(rule, False)
    for name in rule.dependencies:
        yield name, carrying
    for name in rule.images:
        yield f"{IMAGE}:{name}", carrying
    for name in rule.clients:
        yield name, free


def choose(claims: Sequence[Claim], release: tuple[int, ...] | None) -> Claim | None:
    """The claim that takes a name of version ``release`` (its leading numeric release), or
    ``None`` when the version falls outside every claim's ``versions``.

    Claims that share a name have disjoint ranges. With the version unknown, the claim
    without a range wins, else the one whose range admits the newest versions (``vue`` of
    unknown version is taken for Vue 3).
    """
    if release is not None:
        return next((claim for claim in claims if claim.rule.admits(release)), None)
    if len(claims) == 1:
        return claims[0]
    unbounded = [claim for claim in claims if claim.rule.specifier is None]
    if unbounded:
        return unbounded[0]
    newest = (10**6,)
    return next((claim for claim in claims if claim.rule.admits(newest)), claims[0])


# ----------------------------------------------------------------------- checking


def check_rules(table: RuleTable) -> list[str]:
    """What only the whole set of rules can show, as messages (empty when all is well):
    a name claimed by two rules whose ``versions`` overlap, a file name claimed twice, a
    wildcard no example shows at work, an example that does not resolve to its own rule."""
    problems: list[str] = []
    for name, claims in [*table.exact.items(), *((p + "*", c) for p, c in table.prefixes)]:
        for index, first in enumerate(claims):
            for second in claims[index + 1 :]:
                if first.rule is second.rule:
                    problems.append(f"{first.rule.key}: {name!r} is claimed twice")
                elif not _disjoint(first.rule, second.rule):
                    problems.append(
                        f"{name!r} is claimed by {first.rule.key} and {second.rule.key}, "
                        "whose versions overlap"
                    )
    for filename, rules in table.file_names.items():
        if len(rules) > 1:
            problems.append(f"file {filename!r} is claimed by {', '.join(r.key for r in rules)}")
    for rule in table.rules:
        problems.extend(_check_examples(table, rule))
    return problems


def carve_outs(table: RuleTable) -> list[tuple[str, str, str]]:
    """Names one rule claims inside another rule's prefix, as ``(name, rule, shadowed
    rule)``: the narrower claim wins; the list exists so that none goes unnoticed."""
    found: list[tuple[str, str, str]] = []
    names = [*table.exact, *(prefix for prefix, _ in table.prefixes)]
    for name in names:
        owners = {claim.rule.key for claim in table.exact.get(name, ())} | {
            claim.rule.key
            for prefix, claims in table.prefixes
            if prefix == name
            for claim in claims
        }
        for prefix, claims in table.prefixes:
            if name != prefix and name.startswith(prefix):
                for claim in claims:
                    if claim.rule.key not in owners:
                        found.extend((name, owner, claim.rule.key) for owner in sorted(owners))
    return sorted(set(found))


def _check_examples(table: RuleTable, rule: Rule) -> list[str]:
    problems = []
    packages = [e for e in rule.examples if e.partition(":")[0] in ECOSYSTEMS | {IMAGE}]
    paths = [e for e in rule.examples if e not in packages]
    for pattern in (*rule.dependencies, *rule.clients):
        if pattern.endswith("*") and not any(e.startswith(pattern[:-1]) for e in packages):
            problems.append(f"{rule.key}: no example shows {pattern!r}")
    for pattern in rule.files:
        if _GLOB_CHARS & set(pattern):
            regex = re.compile(glob_to_regex(pattern) + r"\Z")
            anchored = "/" in pattern
            if not any(regex.match(p if anchored else p.rpartition("/")[2]) for p in paths):
                problems.append(f"{rule.key}: no example shows the file pattern {pattern!r}")
    for example in packages:
        owners = sorted({claim.rule.key for claim in table.claims(example)})
        if owners != [rule.key]:
            problems.append(f"{rule.key}: example {example!r} resolves to {owners or 'no rule'}")
    for example in paths:
        owners = sorted(r.key for r in table.rules_for_file(example))
        if owners != [rule.key]:
            problems.append(f"{rule.key}: example {example!r} matches {owners or 'no rule'}")
    return problems


def _disjoint(first: Rule, second: Rule) -> bool:
    """Whether two rules' ``versions`` admit no major.minor in common (checked on every
    major.minor up to 100.49 and the boundaries either range names)."""
    if first.specifier is None or second.specifier is None:
        return False
    releases = {(major, minor) for major in range(101) for minor in range(50)}
    for spec in (*first.specifier, *second.specifier):
        numbers = re.findall(r"\d+", spec.version)[:2]
        if numbers:
            major, minor = int(numbers[0]), int(numbers[1]) if len(numbers) > 1 else 0
            releases |= {(major, minor), (major, minor + 1), (major + 1, 0)}
    return not any(first.admits(r) and second.admits(r) for r in releases)
