"""Variable references as Compose files, Dockerfiles and ``.env`` files write them.

Supported: ``$NAME``, ``${NAME}``, ``${NAME:-default}`` / ``${NAME-default}`` (default when
unset or empty / when unset), ``${NAME:+alt}`` / ``${NAME+alt}`` (alternative when set),
``${NAME:?message}`` / ``${NAME?message}`` (required), with references nested in the words.
An escape makes a literal ``$``: ``$$`` in Compose, ``\\$`` (or the Dockerfile's escape
character) in Dockerfiles.

Nothing is taken from the process environment: a variable is known only when ``lookup``
gives its value. A reference that cannot be resolved is replaced by
:data:`~detectors.common.images.UNRESOLVED` and its variable named in the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from detectors.common.images import UNRESOLVED

Lookup = Callable[[str], str | None]

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = (":-", ":+", ":?", "-", "+", "?")
_MAX_DEPTH = 20


class InterpolationError(ValueError):
    """A malformed reference (an unclosed ``${``); the message quotes it."""


@dataclass(frozen=True, slots=True)
class Interpolation:
    """The interpolated text, and how each variable was (or was not) resolved.

    ``used`` holds the variables ``lookup`` gave a value for, ``defaulted`` those that were
    unset and took the default (or alternative) written beside them, ``unresolved`` those
    left as :data:`UNRESOLVED` in ``text``; each in order of appearance, without repeats.
    """

    text: str
    used: tuple[tuple[str, str], ...] = ()
    defaulted: tuple[tuple[str, str], ...] = ()
    unresolved: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        """Whether every reference was resolved."""
        return not self.unresolved


@dataclass
class _State:
    lookup: Lookup
    escape: str
    used: dict[str, str] = field(default_factory=dict)
    defaulted: dict[str, str] = field(default_factory=dict)
    unresolved: dict[str, None] = field(default_factory=dict)


def interpolate(text: str, lookup: Lookup, *, escape: str = "$") -> Interpolation:
    """Resolve the variable references of ``text`` with ``lookup``.

    ``escape`` is the character that, before a ``$``, makes it literal: ``"$"`` for Compose
    (``$$``), ``"\\\\"`` or ``"`"`` for Dockerfiles. Raises :class:`InterpolationError` for
    an unclosed ``${``.
    """
    if "$" not in text:
        return Interpolation(text)
    state = _State(lookup, escape)
    result = _expand(text, state, 0)
    return Interpolation(
        result,
        tuple(state.used.items()),
        tuple(state.defaulted.items()),
        tuple(state.unresolved),
    )


def _expand(text: str, state: _State, depth: int) -> str:
    if depth > _MAX_DEPTH:
        raise InterpolationError(f"references nested too deeply in {text!r}")
    out: list[str] = []
    i, length = 0, len(text)
    while i < length:
        char = text[i]
        if char == state.escape and text.startswith("$", i + 1):
            out.append("$")
            i += 2
            continue
        if char != "$":
            out.append(char)
            i += 1
            continue
        if text.startswith("{", i + 1):
            end = _closing_brace(text, i + 2)
            if end < 0:
                raise InterpolationError(f"unclosed '${{' in {text!r}")
            out.append(_braced(text[i + 2 : end], state, depth))
            i = end + 1
            continue
        match = _NAME_RE.match(text, i + 1)
        if match is None:
            out.append("$")
            i += 1
            continue
        out.append(_plain(match.group(), state))
        i = match.end()
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _plain(name: str, state: _State) -> str:
    value = state.lookup(name)
    if value is None:
        state.unresolved.setdefault(name)
        return UNRESOLVED
    state.used.setdefault(name, value)
    return value


def _braced(body: str, state: _State, depth: int) -> str:
    match = _NAME_RE.match(body)
    if match is None:
        state.unresolved.setdefault(body or "${}")
        return UNRESOLVED
    name, rest = match.group(), body[match.end() :]
    if not rest:
        return _plain(name, state)
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        # Pattern operators (${NAME#x}, ${NAME/x/y}...) are not evaluated.
        state.unresolved.setdefault(name)
        return UNRESOLVED
    word = rest[len(operator) :]
    value = state.lookup(name)
    is_set = value is not None and (value != "" or ":" not in operator)
    if operator in (":-", "-"):
        if is_set:
            assert value is not None
            state.used.setdefault(name, value)
            return value
        default = _expand(word, state, depth + 1)
        state.defaulted.setdefault(name, default)
        return default
    if operator in (":+", "+"):
        if is_set:
            assert value is not None
            state.used.setdefault(name, value)
            return _expand(word, state, depth + 1)
        state.defaulted.setdefault(name, "")
        return ""
    if is_set:
        assert value is not None
        state.used.setdefault(name, value)
        return value
    state.unresolved.setdefault(name)
    return UNRESOLVED
