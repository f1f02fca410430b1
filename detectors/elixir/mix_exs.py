"""``mix.exs``: a Mix project, its Elixir requirement and its dependencies, read without
running Elixir.

mix.exs is an Elixir program; this is a tolerant scanner over its tokens
(:mod:`detectors.elixir.terms`), never an evaluator. Read from the ``project`` keyword list:
``app: :name`` (the component's name), ``version:``, ``elixir: "~> 1.11"`` (the Elixir runtime,
``declared``) and ``apps_path: "apps"`` (an umbrella project: a workspace declaration, tool
``mix-umbrella``, of ``apps/*``); module attributes (``@version "1.0.0"``) stand for their
literal value. Dependencies are the tuples of the list that ``deps`` returns (``defp deps do
[...] end`` or ``defp deps, do: [...]``): ``{:name, "~> 1.0"}``, ``{:name, "~> 1.0", only:
[:dev, :test], runtime: false}``, ``{:name, github: "owner/repo"}``, ``{:name, path: "../x"}``,
``{:alias, "~> 1.0", hex: :package}``. A tuple the scanner cannot read as a literal is skipped.

Scopes: ``only:`` without ``:prod`` is ``development`` (``test`` when only ``:test``);
``runtime: false`` without ``only:`` marks a build-time tool (``build``); ``optional: true``,
``optional``; otherwise ``runtime``.
"""

from __future__ import annotations

from detectors.common.parsing import manifest
from detectors.elixir.terms import Atom, TermError, TermParser, Token, tokenize
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Scope,
    Technology,
    WorkspaceDeclaration,
)


def parse_mix_exs(file: SourceFile) -> DetectorOutput:
    """The project as a manifest (kind ``mix.exs``, named by its ``app``), ``mix``, the Elixir
    runtime, and one declared dependency per ``deps`` tuple.

    Never raises for content it does not understand; only text that is not valid UTF-8 raises
    :class:`DetectorError`.
    """
    tokens = tokenize(file.text())
    attributes = _attributes(tokens)
    project = _project_values(tokens, attributes)
    technologies = [
        Technology("mix", "Mix", Category.BUILD_TOOL, (file.evidence("mix.exs present"),))
    ]
    elixir = project.get("elixir")
    if elixir is not None and isinstance(elixir[0], str):
        evidence = file.evidence(f"project elixir: {elixir[0]!r}", elixir[1])
        technologies.append(
            Technology(
                "elixir",
                "Elixir",
                Category.RUNTIME,
                (evidence,),
                version=elixir[0],
                version_source="declared",
            )
        )
    app = project.get("app")
    version = project.get("version")
    apps_path = project.get("apps_path")
    workspace = None
    if apps_path is not None and isinstance(apps_path[0], str):
        workspace = WorkspaceDeclaration("mix-umbrella", (apps_path[0].rstrip("/") + "/*",))
    found = manifest(
        file,
        Ecosystem.HEX,
        "mix.exs",
        name=app[0].name if app and isinstance(app[0], Atom) else None,
        version=version[0] if version and isinstance(version[0], str) else None,
        workspace=workspace,
    )
    return DetectorOutput(
        manifests=(found,),
        technologies=tuple(technologies),
        dependencies=tuple(_dependencies(file, tokens, attributes)),
    )


def _attributes(tokens: list[Token]) -> dict[str, object]:
    """Module attributes set to a literal: ``@version "1.0.0"``."""
    values: dict[str, object] = {}
    for index, token in enumerate(tokens[:-1]):
        if token.kind == "attribute" and tokens[index + 1].line == token.line:
            try:
                values.setdefault(token.value, TermParser(tokens, index + 1).value())
            except TermError:
                continue
    return values


def _project_values(
    tokens: list[Token], attributes: dict[str, object]
) -> dict[str, tuple[object, int]]:
    """The first literal value of each project key the scanner reads, with its line."""
    wanted = ("app", "version", "elixir", "apps_path")
    found: dict[str, tuple[object, int]] = {}
    for index, token in enumerate(tokens):
        if token.kind != "key" or token.value not in wanted or token.value in found:
            continue
        value = _literal(tokens, index + 1, attributes)
        if value is not None:
            found[token.value] = (value, token.line)
    return found


def _literal(tokens: list[Token], index: int, attributes: dict[str, object]) -> object | None:
    """The literal at ``index`` (an attribute standing for its value), or ``None``."""
    if index >= len(tokens):
        return None
    token = tokens[index]
    if token.kind == "attribute":
        return attributes.get(token.value)
    try:
        return TermParser(tokens, index).value()
    except TermError:
        return None


def _dependencies(
    file: SourceFile, tokens: list[Token], attributes: dict[str, object]
) -> list[Dependency]:
    start = _deps_list(tokens)
    if start is None:
        return []
    dependencies = []
    depth = 0
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "punct" and token.value in ("[", "{", "%{", "("):
            if depth == 1 and token.value == "{":
                found = _dependency(file, tokens, index, attributes)
                if found is not None:
                    dependencies.append(found)
            depth += 1
        elif token.kind == "punct" and token.value in ("]", "}", ")"):
            depth -= 1
            if depth == 0:
                break
        index += 1
    return dependencies


def _deps_list(tokens: list[Token]) -> int | None:
    """The index of the ``[`` that opens the list ``def(p) deps`` returns."""
    for index in range(len(tokens) - 2):
        first, second = tokens[index], tokens[index + 1]
        if first.kind == "name" and first.value in ("def", "defp") and second.value == "deps":
            for ahead in range(index + 2, min(index + 12, len(tokens))):
                if tokens[ahead].kind == "punct" and tokens[ahead].value == "[":
                    return ahead
            return None
    return None


def _dependency(
    file: SourceFile, tokens: list[Token], index: int, attributes: dict[str, object]
) -> Dependency | None:
    """The dependency tuple opening at ``index``, or ``None`` when its name is not an atom.
    Elements that are not literals (``runtime: Mix.env() == :dev``) are left out."""
    elements = _tuple_elements(tokens, index, attributes)
    if not elements or not isinstance(elements[0], Atom):
        return None
    name = elements[0].name
    requirement = elements[1] if len(elements) > 1 and isinstance(elements[1], str) else None
    options = {
        item[0].name: item[1]
        for item in elements[1:]
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Atom)
    }
    package = options.get("hex")
    notes = []
    if isinstance(package, Atom) and package.name != name:
        notes.append(f"Hex package {package.name}, named {name} in this project")
        name = package.name
    for key in ("github", "git", "path"):
        where = options.get(key)
        if isinstance(where, str):
            reference = next(
                (
                    f"{ref} {options[ref]}"
                    for ref in ("tag", "branch", "ref")
                    if isinstance(options.get(ref), str)
                ),
                None,
            )
            notes.append(f"{key} {where}" + (f" ({reference})" if reference else ""))
    if options.get("in_umbrella") == Atom("true"):
        notes.append("an application of this umbrella project")
    if any(_unknown(element) for element in elements[1:]):
        notes.append("an option is computed in Elixir (not evaluated)")
    reason = f"deps entry :{elements[0].name}"
    evidence: tuple[Evidence, ...] = (file.evidence(reason, tokens[index].line),)
    return Dependency(
        Ecosystem.HEX,
        normalize_name(Ecosystem.HEX, name),
        evidence,
        declared=requirement,
        scope=_scope(options),
        version_note="; ".join(notes) or None,
    )


_UNKNOWN = object()  # an element that is not a literal


def _unknown(element: object) -> bool:
    """Whether an element, or the value of a keyword option, is not a literal."""
    if isinstance(element, tuple) and len(element) == 2 and isinstance(element[0], Atom):
        element = element[1]
    return element is _UNKNOWN


def _tuple_elements(tokens: list[Token], index: int, attributes: dict[str, object]) -> list[object]:
    """The elements of the tuple opening at ``index``: literals, ``(Atom(key), value)`` for
    keyword options, :data:`_UNKNOWN` for what is not a literal."""
    end = _closing(tokens, index)
    elements: list[object] = []
    depth = 0
    start = index + 1
    for position in range(index + 1, end + 1):
        token = tokens[position]
        if token.kind == "punct" and token.value in ("[", "{", "%{", "("):
            depth += 1
        elif token.kind == "punct" and token.value in ("]", "}", ")") and depth:
            depth -= 1
        elif depth == 0 and token.kind == "punct" and token.value in (",", "}"):
            if position > start:
                elements.append(_element(tokens[start:position], attributes))
            start = position + 1
    return elements


def _element(tokens: list[Token], attributes: dict[str, object]) -> object:
    key = None
    if tokens[0].kind == "key":
        key, tokens = Atom(tokens[0].value), tokens[1:]
    value = _value_of(tokens, attributes)
    return value if key is None else (key, value)


def _value_of(tokens: list[Token], attributes: dict[str, object]) -> object:
    """The literal the tokens spell whole, or :data:`_UNKNOWN`."""
    if len(tokens) == 1 and tokens[0].kind == "attribute":
        return attributes.get(tokens[0].value, _UNKNOWN)
    if not tokens or any(token.kind == "attribute" for token in tokens):
        return _UNKNOWN
    parser = TermParser(tokens)
    try:
        value = parser.value()
    except TermError:
        return _UNKNOWN
    return value if parser.peek() is None else _UNKNOWN


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the token closing the bracket at ``index`` (the last token if none)."""
    depth = 0
    for position in range(index, len(tokens)):
        token = tokens[position]
        if token.kind == "punct" and token.value in ("[", "{", "%{", "("):
            depth += 1
        elif token.kind == "punct" and token.value in ("]", "}", ")"):
            depth -= 1
            if depth == 0:
                return position
    return len(tokens) - 1


def _scope(options: dict[str, object]) -> Scope:
    only = options.get("only")
    environments = (
        {only.name}
        if isinstance(only, Atom)
        else {item.name for item in only if isinstance(item, Atom)}
        if isinstance(only, list)
        else set()
    )
    if environments and "prod" not in environments:
        return Scope.TEST if environments == {"test"} else Scope.DEVELOPMENT
    if options.get("optional") == Atom("true"):
        return Scope.OPTIONAL
    if not environments and options.get("runtime") == Atom("false"):
        return Scope.BUILD
    return Scope.RUNTIME
