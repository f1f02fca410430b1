"""CODEOWNERS files (GitHub and GitLab syntax) as ownership rules, in file order.

A line is a pattern followed by owners (``@user``, ``@org/team``, an e-mail address; GitLab's
``@@role`` too). ``#`` starts a comment at the start of a line or as a word after the pattern;
``\\#`` escapes a pattern that begins with ``#`` and ``\\ `` a space inside a pattern. A pattern
without owners is a rule with no owners (GitHub: the paths are unowned), except inside a GitLab
section with default owners (``[Docs] @docs-team``), whose owners it takes. GitLab section
headers (``[Section]``, ``^[Optional section]``, ``[Section][2]``) are named in the evidence.
GitLab combines the last match of every section, which a single last-match-wins rule list
cannot express; the rules are kept in file order and the last matching one wins.
"""

from __future__ import annotations

import re

from scanner.detector import SourceFile
from scanner.model import DetectorOutput, OwnershipRule

SOURCE = "codeowners"

_SECTION = re.compile(
    r"(?P<optional>\^)?\[(?P<name>[^\]]+)\](?:\[(?P<approvals>\d+)\])?(?P<owners>(?:\s+.*)?)"
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_codeowners(file: SourceFile) -> DetectorOutput:
    """The rules of a CODEOWNERS file. Raises :class:`DetectorError` only for bytes that are
    not text; lines that are not rules are comments, blank or section headers."""
    rules: list[OwnershipRule] = []
    section: str | None = None
    section_owners: tuple[str, ...] = ()
    for number, raw in enumerate(file.text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.fullmatch(line)
        if header is not None:
            section = header.group("name").strip()
            if header.group("optional"):
                section += " (optional)"
            section_owners = owners_of(_words(header.group("owners") or ""))
            continue
        words = _words(line)
        if not words:
            continue
        pattern, owners = words[0], owners_of(words[1:])
        if not owners and section is not None:
            owners = section_owners
        shown = " ".join(owners) if owners else "no owners"
        reason = f"CODEOWNERS rule {pattern} → {shown}"
        if section is not None:
            reason += f" (section {section})"
        rules.append(OwnershipRule(pattern, owners, SOURCE, file.evidence(reason, line=number)))
    return DetectorOutput(ownership=tuple(rules))


def owners_of(words: list[str]) -> tuple[str, ...]:
    """The owners among the words after a pattern, up to a ``#`` comment."""
    owners: list[str] = []
    for word in words:
        if word.startswith("#"):
            break
        if (word.startswith("@") and len(word) > 1) or _EMAIL.fullmatch(word):
            owners.append(word)
    return tuple(owners)


def _words(line: str) -> list[str]:
    """Split on whitespace not escaped by a backslash, unescaping ``\\#`` and ``\\ ``."""
    words: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line:
        if escaped:
            if char not in "# \t":
                current.append("\\")
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char.isspace():
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    if current:
        words.append("".join(current))
    return words
