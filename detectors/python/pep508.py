"""PEP 508 requirement strings (``django[bcrypt]>=4.2,<5; python_version >= "3.10"``), read
with :class:`packaging.requirements.Requirement`, keeping the version constraint as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.ecosystems import normalize_name
from scanner.model import Ecosystem

# The name and extras at the start of a requirement; what follows is the constraint as written.
_NAME_AND_EXTRAS = re.compile(r"\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\])?\s*")
_EXACT_OPERATORS = frozenset({"==", "==="})
NO_CONSTRAINT = "no version constraint"


@dataclass(frozen=True, slots=True)
class ParsedRequirement:
    """One requirement: the PEP 503-normalised ``name``, the constraint as written
    (``declared``, ``None`` when there is none), the exact version when the constraint is a
    single ``==``/``===`` pin without a wildcard (``resolved``), the direct ``url`` of a
    ``name @ url`` requirement, and the extras and marker as text."""

    name: str
    declared: str | None
    resolved: str | None
    url: str | None
    extras: tuple[str, ...]
    marker: str | None

    @property
    def note(self) -> str | None:
        """Why no version is known, when none is."""
        if self.url is not None:
            return f"direct URL requirement ({self.url})"
        if self.declared is None:
            return NO_CONSTRAINT
        return None


def parse_requirement(text: str) -> ParsedRequirement:
    """Parse one PEP 508 requirement string.

    Raises :class:`ValueError` with packaging's explanation when the string is not a valid
    requirement.
    """
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        first_line = str(error).splitlines()[0] if str(error) else "invalid requirement"
        raise ValueError(first_line) from error
    declared: str | None = None
    resolved: str | None = None
    if requirement.url is None and len(requirement.specifier) > 0:
        declared = written_constraint(text) or str(requirement.specifier)
        specifiers = list(requirement.specifier)
        if (
            len(specifiers) == 1
            and specifiers[0].operator in _EXACT_OPERATORS
            and not specifiers[0].version.endswith(".*")
        ):
            resolved = specifiers[0].version
    return ParsedRequirement(
        name=normalize_name(Ecosystem.PYPI, requirement.name),
        declared=declared,
        resolved=resolved,
        url=requirement.url,
        extras=tuple(sorted(requirement.extras)),
        marker=str(requirement.marker) if requirement.marker is not None else None,
    )


def written_constraint(text: str) -> str | None:
    """The version constraint of a (valid, URL-less) requirement exactly as written:
    ``"fastapi[standard] >=0.1, <1.0 ; python_version>'3'"`` gives ``">=0.1, <1.0"``."""
    match = _NAME_AND_EXTRAS.match(text)
    if match is None:
        return None
    constraint = text[match.end() :].partition(";")[0].strip()
    if constraint.startswith("(") and constraint.endswith(")"):
        constraint = constraint[1:-1].strip()
    return constraint or None
