"""The variables a CI file defines for itself (``variables:``, ``env:``), which resolve the
``$VAR`` references of its image names (see :mod:`detectors.ci.images`). Nothing is looked
up outside the file."""

from __future__ import annotations

import re

_REFERENCE = re.compile(
    r"\$(?:\$|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def string_values(mapping: object) -> dict[str, str]:
    """The scalar entries of a ``variables:``/``env:`` mapping; GitLab's ``{value: ...}``
    form counts too. Anything else is ignored."""
    values: dict[str, str] = {}
    if not isinstance(mapping, dict):
        return values
    for name, value in mapping.items():
        if isinstance(value, dict):
            value = value.get("value")
        if isinstance(name, str) and isinstance(value, str):
            values[name] = value
    return values
