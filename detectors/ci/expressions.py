"""GitHub Actions ``${{ ... }}`` expressions that name a value the workflow itself holds:
``matrix.<key>`` (every value of the job's matrix, ``include`` entries too), ``env.<NAME>``
and ``inputs.<name>`` (an input's default). Anything else (functions, operators, contexts
known only at run time) is left unresolved, and the caller says so in a note."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from detectors.ci.yamldoc import YamlList, YamlMap, YamlValue

MAX_COMBINATIONS = 64
_MAX_DEPTH = 4  # nested matrix objects followed (a recursive anchor must not loop)

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
_BRACKET = re.compile(r"\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\]")
_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_0-9][A-Za-z0-9_-]*)*")


@dataclass(frozen=True, slots=True)
class Expanded:
    """One value a templated string can take: ``value`` with the expressions replaced, or
    ``None`` with ``note`` saying which expression could not be resolved. ``source`` names the
    expressions that were replaced, for evidence."""

    value: str | None
    note: str | None = None
    source: str | None = None


class Context:
    """The values expressions may name, by dotted path (``matrix.os``, ``env.NODE``)."""

    def __init__(self, values: Mapping[str, list[str]] | None = None) -> None:
        self.values: dict[str, list[str]] = {k: list(v) for k, v in (values or {}).items()}

    def with_values(self, prefix: str, entries: Mapping[str, str]) -> Context:
        """A copy with ``entries`` added under ``prefix`` (later sources override earlier)."""
        values = dict(self.values)
        for name, value in entries.items():
            values[f"{prefix}.{name}"] = [value]
        return Context(values)

    def with_matrix(self, matrix: YamlValue) -> Context:
        """A copy with the values of a job's ``strategy.matrix`` as ``matrix.*``; a matrix
        given by an expression adds nothing (its references stay unresolved)."""
        values = {k: v for k, v in self.values.items() if not k.startswith("matrix.")}
        if not isinstance(matrix, YamlMap):
            return Context(values)
        collected: dict[str, list[str]] = {}
        for key, entry in matrix.items():
            if key in ("include", "exclude"):
                continue
            items: Iterable[YamlValue] = entry if isinstance(entry, YamlList) else [entry]
            for item in items:
                _add_matrix_value(collected, f"matrix.{key}", item)
        include = matrix.get("include")
        if isinstance(include, YamlList):
            for combination in include:
                if isinstance(combination, YamlMap):
                    for key, item in combination.items():
                        _add_matrix_value(collected, f"matrix.{key}", item)
        values.update(collected)
        return Context(values)

    def expand(self, text: str) -> list[Expanded]:
        """Every value ``text`` takes: one per combination of the values its expressions name
        (at most :data:`MAX_COMBINATIONS`); one unresolved :class:`Expanded` when an
        expression names nothing this context knows."""
        found = list(_EXPRESSION.finditer(text))
        if not found:
            return [Expanded(text)]
        choices: list[list[str]] = []
        for match in found:
            path = _normalise(match.group(1))
            options = self.values.get(path) if path is not None else None
            if not options:
                return [Expanded(None, note=f"set by the expression {match.group(0)}")]
            choices.append(options)
        source = ", ".join(dict.fromkeys(match.group(0) for match in found))
        results: list[Expanded] = []
        for combination in itertools.islice(itertools.product(*choices), MAX_COMBINATIONS):
            value = _fill(text, combination)
            results.append(Expanded(value, source=source))
        return list({result.value: result for result in results}.values())


def _fill(text: str, values: tuple[str, ...]) -> str:
    """``text`` with its expressions replaced by ``values``, in order."""
    pieces = iter(values)
    return _EXPRESSION.sub(lambda _match: next(pieces), text)


def _normalise(expression: str) -> str | None:
    """``matrix['python-version']`` as ``matrix.python-version``; ``None`` for anything that
    is not a plain property path."""
    path = _BRACKET.sub(lambda m: "." + (m.group(1) or m.group(2) or ""), expression).strip()
    return path if _PATH.fullmatch(path) else None


def _add_matrix_value(
    collected: dict[str, list[str]], path: str, item: YamlValue, depth: int = 0
) -> None:
    if isinstance(item, str):
        known = collected.setdefault(path, [])
        if item not in known:
            known.append(item)
    elif isinstance(item, YamlMap) and depth < _MAX_DEPTH:
        for key, value in item.items():
            _add_matrix_value(collected, f"{path}.{key}", value, depth + 1)
