"""Gradle build scripts (``build.gradle``, ``build.gradle.kts`` and other ``*.gradle(.kts)``
script plugins), read into a :class:`GradleScript` as written.

What is read, in the Groovy and the Kotlin DSL alike:

* ``dependencies {}`` declarations (also under ``buildscript``, and ``constraints {}``):
  ``conf 'g:a:v'``, ``conf("g:a:v")``, ``conf group: 'g', name: 'a', version: 'v'``,
  ``conf(group = "g", name = "a", version = "v")``, ``platform(...)``/``enforcedPlatform(...)``,
  ``kotlin("stdlib")``, catalog references (``libs.spring.core``, ``libs.bundles.x``) and
  variables holding a notation; ``project(...)``, ``files(...)`` and the like are skipped;
* ``plugins {}``: ``id 'x' version 'v'``, ``id("x") version "v"``, ``kotlin("jvm")``,
  ``alias(libs.plugins.x)``; core plugins (no dot in the id) are skipped; in a settings
  script, ``pluginManagement { plugins {} }`` gives versions, not requests;
* variables: ``ext.x = ...``, ``ext { x = ... }``, ``extra["x"] = ...``, ``def``/``val``/``var``,
  and Groovy map literals (``versions = [spring: '5.3']`` gives ``versions.spring``);
* the Java version: toolchain ``JavaLanguageVersion.of(n)``, ``jvmToolchain(n)``,
  ``options.release``, ``targetCompatibility``, ``sourceCompatibility``, Kotlin ``jvmTarget``;
* top-level ``group``/``version``.

:mod:`detectors.jvm.gradle` resolves variables, catalog references and plugin versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detectors.jvm.gradle_script import (
    Statement,
    Token,
    dotted_name,
    is_punct,
    split_arguments,
    statements,
    strip_call,
    tokenize,
)
from scanner.detector import SourceFile

BUILD_SCRIPT_NAMES = frozenset({"build.gradle", "build.gradle.kts"})
SETTINGS_SCRIPT_NAMES = frozenset({"settings.gradle", "settings.gradle.kts"})
# Java settings, most authoritative first.
JAVA_SETTINGS = (
    "toolchain languageVersion",
    "jvmToolchain",
    "options.release",
    "targetCompatibility",
    "sourceCompatibility",
    "kotlin jvmTarget",
)
_INHERITING_BLOCKS = frozenset({"subprojects", "allprojects"})
_PLATFORMS = frozenset({"platform", "enforcedPlatform"})
_VARIABLE_KEYWORDS = frozenset({"def", "val", "var", "String", "final", "const", "private"})


@dataclass(frozen=True, slots=True)
class Value:
    """A value as written: a string literal (``quote`` set), a number, or a reference to a
    variable or catalog entry (``reference=True``, ``text`` the dotted name)."""

    text: str
    quote: str = ""
    reference: bool = False

    def written(self) -> str:
        """The value as the script writes it (a string with its quotes)."""
        return f"{self.quote}{self.text}{self.quote}"


@dataclass(frozen=True, slots=True)
class GradleDependency:
    """One declaration. Exactly one of ``notation`` (``"g:a:v"`` or a variable), ``parts``
    (map notation) and ``catalog`` (a dotted catalog reference) is set."""

    configuration: str
    line: int
    notation: Value | None = None
    parts: dict[str, Value] = field(default_factory=dict)
    catalog: str | None = None
    platform: bool = False
    buildscript: bool = False
    constraint: bool = False
    kotlin_module: bool = False


@dataclass(frozen=True, slots=True)
class GradlePlugin:
    """A ``plugins {}`` request: an ``id`` or a catalog ``alias``, and the version if given."""

    line: int
    plugin_id: str | None
    catalog: str | None
    version: Value | None
    applied: bool = True


@dataclass(frozen=True, slots=True)
class JavaSetting:
    """A statement that sets the Java version: which kind (one of :data:`JAVA_SETTINGS`), the
    value as written, and whether it sits in ``subprojects``/``allprojects``."""

    label: str
    value: Value
    line: int
    inherited: bool
    applies_to_self: bool = True


@dataclass
class GradleScript:
    """One script as written."""

    path: str
    directory: str
    kotlin: bool
    dependencies: list[GradleDependency] = field(default_factory=list)
    plugins: list[GradlePlugin] = field(default_factory=list)
    managed_plugins: list[GradlePlugin] = field(default_factory=list)
    variables: dict[str, tuple[Value, int]] = field(default_factory=dict)
    java: list[JavaSetting] = field(default_factory=list)
    group: str | None = None
    version: str | None = None

    @property
    def is_build(self) -> bool:
        """Whether this is a project's ``build.gradle(.kts)`` (a manifest)."""
        return self.path.rpartition("/")[2] in BUILD_SCRIPT_NAMES


def read_gradle_script(file: SourceFile) -> GradleScript:
    """Scan a Gradle script. Never fails on content it does not understand; raises
    :class:`~scanner.errors.DetectorError` only for bytes that are not text."""
    script = GradleScript(
        path=file.path, directory=file.directory, kotlin=file.name.endswith(".kts")
    )
    for statement in statements(tokenize(file.text())):
        read_statement(script, statement)
    return script


def read_statement(script: GradleScript, statement: Statement) -> None:
    """Record what ``statement`` declares into ``script``."""
    blocks = statement.blocks
    _read_variable(script, statement)
    _read_java(script, statement)
    if statement.block == "dependencies" or (
        statement.block == "constraints" and "dependencies" in blocks[:-1]
    ):
        script.dependencies.extend(read_dependencies(statement))
    elif statement.block == "plugins":
        plugin = read_plugin(statement)
        if plugin is not None and "pluginManagement" in blocks:
            script.managed_plugins.append(plugin)
        elif plugin is not None:
            script.plugins.append(plugin)
    elif not blocks:
        _read_coordinates(script, statement.tokens)


def read_dependencies(statement: Statement) -> list[GradleDependency]:
    """The declarations a statement of a ``dependencies {}`` block makes (Groovy allows
    several notations in one call), ``[]`` if it makes none."""
    tokens = list(statement.tokens)
    head = tokens[0]
    if head.kind not in ("string", "ident"):
        return []
    base = GradleDependency(
        configuration=head.text,
        line=statement.line,
        buildscript="buildscript" in statement.blocks,
        constraint=statement.block == "constraints",
    )
    arguments = strip_call(tokens[1:])
    named = _named_parts(split_arguments(arguments))
    if named:
        return [derive_dependency(base, parts=named)] if "name" in named else []
    found = (
        _notation(part, derive_dependency(base, line=part[0].line))
        for part in split_arguments(arguments)
    )
    return [declared for declared in found if declared is not None]


def derive_dependency(base: GradleDependency, **changes: Any) -> GradleDependency:
    """``base`` with ``changes`` (``dataclasses.replace`` without its cost, for hot paths)."""
    values: dict[str, Any] = {
        "configuration": base.configuration,
        "line": base.line,
        "notation": base.notation,
        "parts": base.parts,
        "catalog": base.catalog,
        "platform": base.platform,
        "buildscript": base.buildscript,
        "constraint": base.constraint,
        "kotlin_module": base.kotlin_module,
    }
    values.update(changes)
    return GradleDependency(**values)


def _notation(argument: list[Token], base: GradleDependency) -> GradleDependency | None:
    """One notation: a string, a variable, a catalog reference, ``platform(...)`` or
    ``kotlin(...)``; ``None`` for anything else (``project(...)``, closures...)."""
    first = argument[0]
    if first.kind == "ident" and len(argument) > 1 and is_punct(argument[1], "("):
        inner = strip_call(argument[1:])
        if first.text in _PLATFORMS and inner:
            return _notation(inner, derive_dependency(base, platform=True))
        if first.text == "kotlin":
            return _kotlin_module(inner, base)
        return None
    if len(argument) == 1 and argument[0].kind == "string":
        return derive_dependency(base, notation=Value(first.text, first.quote))
    name = dotted_name(argument)
    if name is None:
        return None
    if "." in name:
        return derive_dependency(base, catalog=name)
    return derive_dependency(base, notation=Value(name, reference=True))


def _kotlin_module(arguments: list[Token], base: GradleDependency) -> GradleDependency | None:
    """``kotlin("stdlib")`` is ``org.jetbrains.kotlin:kotlin-stdlib``, an optional second
    argument its version."""
    parts = split_arguments(arguments)
    if not parts or len(parts[0]) != 1 or parts[0][0].kind != "string":
        return None
    named = {
        "group": Value("org.jetbrains.kotlin", '"'),
        "name": Value(f"kotlin-{parts[0][0].text}", '"'),
    }
    if len(parts) > 1:
        version = _value(parts[1])
        if version is not None:
            named["version"] = version
    return derive_dependency(base, parts=named, kotlin_module=True)


def _named_parts(parts: list[list[Token]]) -> dict[str, Value]:
    """``group: 'g', name: 'a'`` (Groovy) or ``group = "g", name = "a"`` (Kotlin)."""
    named: dict[str, Value] = {}
    for part in parts:
        if (
            len(part) < 3
            or part[0].kind != "ident"
            or not (is_punct(part[1], ":") or is_punct(part[1], "="))
        ):
            return named if named else {}
        value = _value(part[2:])
        if value is not None:
            named[part[0].text] = value
    return named


def _value(tokens: list[Token]) -> Value | None:
    """A literal or a reference; ``None`` for an expression."""
    if len(tokens) == 1 and tokens[0].kind in ("string", "number"):
        return Value(tokens[0].text, tokens[0].quote)
    name = dotted_name(tokens)
    if name is not None and name not in ("true", "false", "null"):
        return Value(name, reference=True)
    return None


def read_plugin(statement: Statement) -> GradlePlugin | None:
    """The plugin request of a ``plugins {}`` statement."""
    tokens = list(statement.tokens)
    head = tokens[0]
    if head.kind != "ident":
        return None
    rest = tokens[1:]
    argument, rest = _leading_argument(rest)
    if argument is None:
        return None
    plugin_id: str | None = None
    catalog: str | None = None
    if head.text == "id" and len(argument) == 1 and argument[0].kind == "string":
        plugin_id = argument[0].text.strip()
    elif head.text == "kotlin" and len(argument) == 1 and argument[0].kind == "string":
        plugin_id = f"org.jetbrains.kotlin.{argument[0].text.strip()}"
    elif head.text == "alias":
        catalog = dotted_name(argument)
    if plugin_id is None and catalog is None:
        return None
    if plugin_id is not None and "." not in plugin_id:
        return None
    version: Value | None = None
    applied = True
    index = 0
    while index < len(rest):
        token = rest[index]
        if token.kind == "ident" and token.text in ("version", "apply"):
            value, remaining = _leading_argument(rest[index + 1 :])
            if value is not None:
                if token.text == "version":
                    version = _value(value)
                elif [t.text for t in value] == ["false"]:
                    applied = False
                rest = remaining
                index = 0
                continue
        index += 1
    return GradlePlugin(statement.line, plugin_id, catalog, version, applied)


def _leading_argument(tokens: list[Token]) -> tuple[list[Token] | None, list[Token]]:
    """The argument right after a call's name: ``("x")`` or `` "x"`` (Groovy) or a dotted
    name, and the tokens after it."""
    if not tokens:
        return None, []
    if is_punct(tokens[0], "("):
        depth = 0
        for index, token in enumerate(tokens):
            if is_punct(token, "("):
                depth += 1
            elif is_punct(token, ")"):
                depth -= 1
                if depth == 0:
                    return tokens[1:index], tokens[index + 1 :]
        return None, []
    if tokens[0].kind in ("string", "number"):
        return tokens[:1], tokens[1:]
    end = 1
    while end + 1 < len(tokens) and is_punct(tokens[end], ".") and tokens[end + 1].kind == "ident":
        end += 2
    if tokens[0].kind == "ident":
        return tokens[:end], tokens[end:]
    return None, tokens


def _read_variable(script: GradleScript, statement: Statement) -> None:
    tokens = list(statement.tokens)
    # val x by extra("v")
    if (
        len(tokens) >= 5
        and tokens[0].text in ("val", "var")
        and tokens[1].kind == "ident"
        and tokens[2].text == "by"
        and tokens[3].text == "extra"
    ):
        argument, _ = _leading_argument(tokens[4:])
        value = _value(argument) if argument else None
        if value is not None:
            script.variables[tokens[1].text] = (value, statement.line)
        return
    # set("x", "v") inside ext/extra
    if tokens[0].text == "set" and statement.block in ("ext", "extra"):
        argument, _ = _leading_argument(tokens[1:])
        parts = split_arguments(argument or [])
        if len(parts) == 2 and len(parts[0]) == 1 and parts[0][0].kind == "string":
            value = _value(parts[1])
            if value is not None:
                script.variables[parts[0][0].text] = (value, statement.line)
        return
    equals = next((i for i, t in enumerate(tokens) if is_punct(t, "=")), None)
    if equals is None or equals == 0 or equals + 1 >= len(tokens):
        return
    if equals + 1 < len(tokens) and is_punct(tokens[equals + 1], "="):
        return
    target = tokens[:equals]
    name = _variable_name(target, statement.block)
    if name is None:
        return
    value_tokens = tokens[equals + 1 :]
    if is_punct(value_tokens[0], "[") and is_punct(value_tokens[-1], "]"):
        for part in split_arguments(value_tokens[1:-1]):
            if len(part) >= 3 and part[0].kind in ("ident", "string") and is_punct(part[1], ":"):
                value = _value(part[2:])
                if value is not None:
                    script.variables[f"{name}.{part[0].text}"] = (value, part[0].line)
        return
    value = _value(value_tokens)
    if value is not None and (value.quote or not value.reference):
        script.variables[name] = (value, statement.line)


def _variable_name(target: list[Token], block: str) -> str | None:
    """The variable a left-hand side names: ``x`` in ``ext``, ``ext.x``, ``ext["x"]``,
    ``extra["x"]``, ``project.ext.x``, ``def x``, ``val x: String``."""
    texts = [t.text for t in target]
    while texts and texts[0] in _VARIABLE_KEYWORDS:
        texts = texts[1:]
        target = target[1:]
        if texts[:1] == ["val"] or texts[:1] == ["var"]:
            continue
        if (
            len(texts) >= 1
            and target[0].kind == "ident"
            and (len(texts) == 1 or (len(texts) == 3 and texts[1] == ":"))
        ):
            return texts[0]
    for prefix in ("rootProject.", "project."):
        joined = "".join(texts)
        if joined.startswith(prefix):
            texts = texts[2:]
            target = target[2:]
    if len(texts) == 1 and target and target[0].kind == "ident":
        return texts[0] if block in ("ext", "extra") else None
    if len(texts) == 3 and texts[0] in ("ext", "extra") and texts[1] == ".":
        return texts[2]
    if len(texts) == 4 and texts[0] in ("ext", "extra") and texts[1] == "[" and texts[3] == "]":
        return texts[2] if target[2].kind == "string" else None
    return None


def _read_java(script: GradleScript, statement: Statement) -> None:
    tokens = list(statement.tokens)
    inherited = any(block in _INHERITING_BLOCKS for block in statement.blocks)
    self_too = "subprojects" not in statement.blocks
    for index, token in enumerate(tokens):
        if token.kind != "ident":
            continue
        label: str | None = None
        value: Value | None = None
        following = tokens[index + 1 :]
        if token.text == "JavaLanguageVersion" and _texts(following[:2]) == [".", "of"]:
            label, value = "toolchain languageVersion", _call_value(following[2:])
        elif token.text == "jvmToolchain":
            label, value = "jvmToolchain", _call_value(following)
        elif token.text in ("sourceCompatibility", "targetCompatibility"):
            label, value = token.text, _assigned_value(following)
        elif (
            token.text == "release"
            and index >= 2
            and _texts(tokens[index - 2 : index]) == ["options", "."]
        ):
            label, value = "options.release", _assigned_value(following)
        elif token.text == "jvmTarget":
            label, value = "kotlin jvmTarget", _assigned_value(following)
        if label is not None and value is not None:
            script.java.append(JavaSetting(label, value, token.line, inherited, self_too))
            return


def _texts(tokens: list[Token]) -> list[str]:
    return [token.text for token in tokens]


def _call_value(tokens: list[Token]) -> Value | None:
    argument, _ = _leading_argument(tokens)
    if argument is None or not argument or not is_punct(tokens[0], "("):
        return None
    return _java_value(argument)


def _assigned_value(tokens: list[Token]) -> Value | None:
    """The value after ``=``, ``.set(...)``, ``(...)`` or (Groovy) a space."""
    if not tokens:
        return None
    if is_punct(tokens[0], "="):
        return _java_value(tokens[1:])
    if _texts(tokens[:2]) == [".", "set"]:
        return _call_value(tokens[2:])
    if is_punct(tokens[0], "("):
        return _call_value(tokens)
    return _java_value(tokens)


def _java_value(tokens: list[Token]) -> Value | None:
    """``17``, ``'1.8'``, ``JavaVersion.VERSION_17``, ``JavaVersion.toVersion(17)``,
    ``JavaLanguageVersion.of(17)``, ``JvmTarget.JVM_17``, or a variable."""
    texts = _texts(tokens)
    if len(texts) >= 3 and texts[0] in ("JavaVersion", "JvmTarget") and texts[1] == ".":
        if texts[2] in ("toVersion", "fromTarget"):
            return _call_value(tokens[3:])
        return Value(f"{texts[0]}.{texts[2]}")
    if len(texts) >= 3 and texts[:3] == ["JavaLanguageVersion", ".", "of"]:
        return _call_value(tokens[3:])
    if len(tokens) == 1 and tokens[0].kind in ("string", "number"):
        return Value(tokens[0].text, tokens[0].quote)
    name = dotted_name(tokens)
    return Value(name, reference=True) if name is not None else None


def _read_coordinates(script: GradleScript, tokens: tuple[Token, ...]) -> None:
    """Top-level ``group = '...'`` and ``version = '...'``."""
    if (
        len(tokens) == 3
        and tokens[0].text in ("group", "version")
        and is_punct(tokens[1], "=")
        and tokens[2].kind == "string"
    ):
        setattr(script, tokens[0].text, tokens[2].text)
