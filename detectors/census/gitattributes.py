"""The ``linguist-*`` attributes of ``.gitattributes`` files, as the census honours them.

Follows git's rules for attribute files: a pattern without a slash matches a base name at any
depth below the file's directory, a pattern with one is relative to that directory; patterns
are case-sensitive; later lines win over earlier ones, and deeper files over shallower ones.
``attr``/``attr=true`` sets, ``-attr``/``attr=false`` unsets, ``!attr`` returns an attribute to
unspecified, ``attr=value`` gives it a value (``linguist-language=Rust``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from scanner.globs import glob_to_regex

LINGUIST_ATTRIBUTES = frozenset(
    {
        "linguist-vendored",
        "linguist-generated",
        "linguist-documentation",
        "linguist-detectable",
        "linguist-language",
    }
)
UNSPECIFIED = object()


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    settings: tuple[tuple[str, object], ...]
    depth: int
    order: int


class LinguistAttributes:
    """Collects the linguist rules of every ``.gitattributes`` and answers per path."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []
        self._sorted = True

    def __bool__(self) -> bool:
        return bool(self._rules)

    def add_file(self, path: str, text: str) -> list[str]:
        """Add the rules of the ``.gitattributes`` file at ``path``.

        Returns a description of each line that could not be understood (it is skipped).
        """
        directory = path.rpartition("/")[0]
        base = directory + "/" if directory else ""
        depth = base.count("/")
        problems = []
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#") or "linguist-" not in stripped:
                continue
            try:
                words = shlex.split(stripped, comments=False, posix=True)
            except ValueError as error:
                problems.append(f"{path}:{number}: {error}")
                continue
            pattern, settings = words[0], _parse_settings(words[1:])
            if not settings or pattern.startswith("!"):
                continue  # negative patterns are not allowed in attribute files
            regex = _compile_pattern(base, pattern)
            if regex is not None:
                self._rules.append(_Rule(regex, settings, depth, len(self._rules)))
                self._sorted = False
        return problems

    def lookup(self, path: str) -> dict[str, object]:
        """The linguist attributes in force for ``path``: name -> True, False or a value."""
        if not self._sorted:
            self._rules.sort(key=lambda rule: (rule.depth, rule.order))
            self._sorted = True
        found: dict[str, object] = {}
        for rule in self._rules:
            if rule.pattern.match(path):
                for name, value in rule.settings:
                    if value is UNSPECIFIED:
                        found.pop(name, None)
                    else:
                        found[name] = value
        return found


def _parse_settings(words: list[str]) -> tuple[tuple[str, object], ...]:
    settings: list[tuple[str, object]] = []
    for word in words:
        value: object
        if word.startswith("-"):
            name, value = word[1:], False
        elif word.startswith("!"):
            name, value = word[1:], UNSPECIFIED
        elif "=" in word:
            name, _, raw = word.partition("=")
            value = {"true": True, "false": False}.get(raw.lower(), raw)
        else:
            name, value = word, True
        if name in LINGUIST_ATTRIBUTES:
            settings.append((name, value))
    return tuple(settings)


def _compile_pattern(base: str, pattern: str) -> re.Pattern[str] | None:
    if pattern.endswith("/"):
        return None  # git never matches a directory pattern against files
    if "/" in pattern:
        body = glob_to_regex(pattern.lstrip("/"))
        return re.compile(re.escape(base) + body + r"\Z")
    return re.compile(re.escape(base) + r"(?:.*/)?" + glob_to_regex(pattern) + r"\Z")
