"""The CI detector: CI systems, their runners, the runtimes and images CI jobs use, the
GitHub Actions they call, and the automation around them (Dependabot, Renovate, pre-commit).

Files are read where each tool reads them: most only at the repository root (a
``.travis.yml`` in a test fixture configures nothing); ``Jenkinsfile``, ``azure-pipelines*.yml``
and ``cloudbuild*.yaml`` at any depth, as monorepos keep one per service. The files a root
``.gitlab-ci.yml`` includes locally are read after the walk, whatever their names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from detectors.ci import (
    azure_pipelines,
    bitbucket,
    circleci,
    cloudbuild,
    dependabot,
    github_actions,
    gitlab_ci,
    jenkins,
    pre_commit,
    renovate,
    travis,
    woodpecker,
)
from detectors.ci.technologies import CI_SYSTEMS
from scanner.detector import Detector, FileContent, FileSelector, SourceFile, TreeView
from scanner.errors import DetectorError
from scanner.globs import glob_to_regex
from scanner.model import Category, DetectorOutput, Failure, FailureKind, Technology

Parser = Callable[[SourceFile], DetectorOutput]

# Included GitLab CI files are read through the tree view, at most this large and this many.
MAX_INCLUDED_SIZE = 4 * 1024 * 1024
MAX_INCLUDED_FILES = 500


@dataclass(frozen=True, slots=True)
class CiFormat:
    """One file format: the globs naming its files (with a ``/``: anchored at the root, a
    leading ``/`` meaning the root itself; without: a base name at any depth) and its parser."""

    parse: Parser
    globs: tuple[str, ...]


FORMATS: tuple[CiFormat, ...] = (
    CiFormat(
        github_actions.parse_workflow,
        ("/.github/workflows/*.yml", "/.github/workflows/*.yaml"),
    ),
    CiFormat(
        github_actions.parse_action,
        (
            "/.github/actions/**/action.yml",
            "/.github/actions/**/action.yaml",
            "/action.yml",
            "/action.yaml",
        ),
    ),
    CiFormat(gitlab_ci.parse_gitlab_ci, ("/.gitlab-ci.yml",)),
    CiFormat(circleci.parse_circleci, ("/.circleci/config.yml", "/.circleci/config.yaml")),
    CiFormat(travis.parse_travis, ("/.travis.yml",)),
    CiFormat(
        azure_pipelines.parse_azure_pipelines,
        (
            "azure-pipelines*.yml",
            "azure-pipelines*.yaml",
            "/.azure-pipelines/*.yml",
            "/.azure-pipelines/*.yaml",
        ),
    ),
    CiFormat(bitbucket.parse_bitbucket_pipelines, ("/bitbucket-pipelines.yml",)),
    CiFormat(jenkins.parse_jenkinsfile, ("Jenkinsfile", "Jenkinsfile.*", "*.jenkinsfile")),
    CiFormat(
        woodpecker.parse_woodpecker,
        (
            "/.woodpecker.yml",
            "/.woodpecker.yaml",
            "/.woodpecker/*.yml",
            "/.woodpecker/*.yaml",
        ),
    ),
    CiFormat(cloudbuild.parse_cloudbuild, ("cloudbuild*.yaml", "cloudbuild*.yml")),
    CiFormat(dependabot.parse_dependabot, ("/.github/dependabot.yml", "/.github/dependabot.yaml")),
    CiFormat(
        renovate.parse_renovate,
        (
            *(
                f"/{directory}{name}"
                for directory in ("", ".github/", ".gitlab/")
                for name in ("renovate.json", "renovate.json5")
            ),
            "/.renovaterc",
            "/.renovaterc.json",
            "/.renovaterc.json5",
        ),
    ),
    CiFormat(pre_commit.parse_pre_commit, ("/.pre-commit-config.yaml", "/.pre-commit-config.yml")),
)


def _compile(pattern: str) -> re.Pattern[str]:
    if "/" in pattern:
        return re.compile(glob_to_regex(pattern.lstrip("/")) + r"\Z")
    return re.compile(r"(?:.*/)?" + glob_to_regex(pattern) + r"\Z")


_PARSERS: tuple[tuple[re.Pattern[str], Parser], ...] = tuple(
    (_compile(pattern), form.parse) for form in FORMATS for pattern in form.globs
)


def parser_for(path: str) -> Parser | None:
    """The parser for a repository-relative path, ``None`` for a file this detector does not
    read."""
    for pattern, parse in _PARSERS:
        if pattern.match(path):
            return parse
    return None


class CiDetector(Detector):
    """CI systems, runners, CI runtimes and images, GitHub Actions, and update automation."""

    name = "ci"
    description = (
        "CI systems (GitHub Actions, GitLab CI, CircleCI, Travis CI, Azure Pipelines, "
        "Bitbucket, Jenkins, Woodpecker, Cloud Build): runners, runtimes, images, actions; "
        "Dependabot, Renovate, pre-commit."
    )
    tags = frozenset({"ci"})
    selector = FileSelector(globs=tuple(pattern for form in FORMATS for pattern in form.globs))

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._gitlab_includes: list[tuple[str, str]] = []
        self._seen: set[str] = set()
        self._jenkinsfiles: set[str] = set()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """The findings of the file's format parser; :class:`DetectorError` from it."""
        self._seen.add(file.path)
        parse = parser_for(file.path)
        if parse is None:
            return DetectorOutput()
        if parse is gitlab_ci.parse_gitlab_ci:
            output, includes = gitlab_ci.parse_gitlab_ci_with_includes(file)
            self._gitlab_includes.extend((file.path, include) for include in includes)
            return output
        output = parse(file)
        if parse is jenkins.parse_jenkinsfile:
            self._jenkinsfiles.add(file.path)
        return output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Jenkins for every Jenkinsfile that could not be read as text (its presence is
        enough); the GitLab CI files included locally (and the files they include), read now
        that the whole file list is known, a parse error in one being a failure for that file.
        """
        technologies: list[Technology] = []
        for entry in tree.entries:
            if _is_jenkinsfile(entry.name) and entry.path not in self._jenkinsfiles:
                reason = "Jenkinsfile present (its content could not be read)"
                evidence = (tree.evidence(reason, path=entry.path),)
                technologies.append(
                    Technology("jenkins", CI_SYSTEMS["jenkins"], Category.CI, evidence)
                )
        if not self._gitlab_includes:
            return DetectorOutput(technologies=tuple(technologies))
        paths = {entry.path for entry in tree.entries if not entry.symlink}
        failures: list[Failure] = []
        pending = list(self._gitlab_includes)
        parsed = 0
        while pending and parsed < MAX_INCLUDED_FILES:
            includer, pattern = pending.pop(0)
            for path in _matching(pattern, paths):
                if path in self._seen:
                    continue
                self._seen.add(path)
                data = tree.read(path, MAX_INCLUDED_SIZE)
                if data is None:
                    continue
                parsed += 1
                file = SourceFile(FileContent(path, data), self.name)
                try:
                    output, includes = gitlab_ci.parse_gitlab_ci_with_includes(file)
                except DetectorError as error:
                    reason = f"included by {includer}: {error}"
                    failures.append(Failure(FailureKind.PARSE_ERROR, reason, path, self.name))
                    continue
                technologies.extend(output.technologies)
                pending.extend((path, include) for include in includes)
        return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))


def _is_jenkinsfile(name: str) -> bool:
    """Whether a base name is one the Jenkins format claims (a cheap test for every file)."""
    return name == "Jenkinsfile" or name.startswith("Jenkinsfile.") or name.endswith(".jenkinsfile")


def _matching(pattern: str, paths: set[str]) -> list[str]:
    """The paths a GitLab ``include: local`` names: the path itself, or every match of a
    glob (``*`` within a directory, ``**`` across directories), relative to the root."""
    pattern = pattern.strip().lstrip("/")
    if not any(char in pattern for char in "*?["):
        return [pattern] if pattern in paths else []
    compiled = re.compile(glob_to_regex(pattern) + r"\Z")
    return sorted(path for path in paths if compiled.match(path))
