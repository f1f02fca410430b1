"""pre-commit: ``.pre-commit-config.yaml`` (and ``.pre-commit-config.yml``).

Reported: the tool ``pre-commit`` (``minimum_pre_commit_version`` as a declared version);
each remote hook repository as a technology of category ``tool``, keyed by the repository
address without scheme and ``.git`` (``github.com/astral-sh/ruff-pre-commit``), its ``rev``
as the version, the hook ids in the evidence. Hook repositories are git addresses, not
packages of an ecosystem, so they are not dependencies. A commit-SHA ``rev`` keeps the
``# frozen: v1.2.3`` comment ``pre-commit autoupdate --freeze`` writes in its note. ``local``
and ``meta`` hooks are part of the repository and add only evidence.
"""

from __future__ import annotations

import re

from detectors.ci.technologies import tool
from detectors.ci.yamldoc import YamlList, YamlMap, load_mapping, mappings
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Technology

_SHA = re.compile(r"[0-9a-fA-F]{40}")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?|^[^@/:]+@", re.IGNORECASE)


def parse_pre_commit(file: SourceFile) -> DetectorOutput:
    """A pre-commit configuration. Raises :class:`DetectorError` for malformed YAML, a top
    level that is neither a mapping nor the old top-level list, or no ``repos`` list."""
    from detectors.ci.yamldoc import load_documents

    documents = [document for document in load_documents(file) if document is not None]
    if len(documents) == 1 and isinstance(documents[0], YamlList):
        repos: YamlList = documents[0]  # the format before pre-commit 0.12
        minimum = None
        minimum_line = 1
    else:
        document = load_mapping(file, "pre-commit configuration")
        found = document.get("repos")
        if not isinstance(found, YamlList):
            raise DetectorError("not a pre-commit configuration: no 'repos' list")
        repos = found
        minimum = document.text_at("minimum_pre_commit_version")
        minimum_line = document.line_of("minimum_pre_commit_version")
    technologies: list[Technology] = []
    lines: list[str] | None = None
    local_hooks: list[str] = []
    for repo, line in mappings(repos):
        url = repo.text_at("repo")
        hooks = _hook_ids(repo)
        if url is None:
            continue
        if url in ("local", "meta"):
            local_hooks.extend(hooks)
            continue
        rev = repo.text_at("rev") or repo.text_at("sha")  # "sha" before pre-commit 0.7
        note = None if rev else "no rev given"
        source = None
        if rev and _SHA.fullmatch(rev):
            source = "resolved"
            if lines is None:
                lines = file.text().splitlines()
            note = "pinned to a commit SHA" + _comment(lines, repo.line_of("rev"), rev)
        key = _key(url)
        reason = f"pre-commit hooks {', '.join(hooks) or '(none)'} from {url}"
        if rev:
            reason += f" at {rev}"
        technologies.append(
            tool(
                file,
                key,
                key.rpartition("/")[2],
                line,
                reason,
                version=rev,
                note=note,
                version_source=source,
            )
        )
    reason = "pre-commit configuration"
    if local_hooks:
        reason += "; local hooks " + ", ".join(local_hooks)
    own = tool(
        file,
        "pre-commit",
        "pre-commit",
        minimum_line if minimum else 1,
        reason,
        version=f">={minimum}" if minimum else None,
        note=None if minimum else "no minimum_pre_commit_version",
        category=Category.TOOL,
    )
    return DetectorOutput(technologies=(own, *technologies))


def _hook_ids(repo: YamlMap) -> list[str]:
    return [hook.text_at("id") or "?" for hook, _ in mappings(repo.list_at("hooks"))]


def _key(url: str) -> str:
    """``https://github.com/Org/Repo.git/`` as ``github.com/org/repo``; ``git@host:org/repo``
    as ``host/org/repo``."""
    address = url.strip()
    scp = re.match(r"^[^@/:]+@([^:/]+):(.*)$", address)
    address = f"{scp.group(1)}/{scp.group(2)}" if scp else _SCHEME.sub("", address)
    return address.rstrip("/").removesuffix(".git").lower()


def _comment(lines: list[str], line: int, rev: str) -> str:
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    at = text.find(rev)
    rest = text[at + len(rev) :].lstrip("'\" \t") if at != -1 else ""
    if not rest.startswith("#"):
        return ""
    comment = rest.lstrip("#").strip()
    return f"; the comment says {comment}" if comment else ""
