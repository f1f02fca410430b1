"""Every file of the corpus (needs ../shared/corpus) is either read by the detector that claims
its kind, without a failure, or its kind is listed below as unclaimed, with the reason."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from helpers import corpus_repositories, inventory

from scanner.detector import Detector
from scanner.model import RepositoryScan
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.runner import run_scan

# INVENTORY.tsv kind -> the detector that reads it.
CLAIMED = {
    "bun-lock": "javascript",
    "cargo-lock": "rust",
    "cargo-lock-empty": "rust",
    "cargo-toml": "rust",
    "circleci": "ci",
    "cloudbuild": "ci",
    "codeowners": "ownership",
    "composer-json": "php",
    "composer-lock": "php",
    "csproj": "dotnet",
    "dependabot": "ci",
    "devcontainer": "containers",
    "docker-compose": "containers",
    "dotnet-directory-build-props": "dotnet",
    "dotnet-directory-packages-props": "dotnet",
    "dotnet-global-json": "dotnet",
    "dotnet-sln": "dotnet",
    "dotnet-tools-json": "dotnet",
    "gemfile-lock": "ruby",
    "gha-action": "ci",
    "gha-workflow": "ci",
    "gitlab-ci": "ci",
    "go-mod": "go",
    "go-sum": "go",
    "helm-chart": "containers",
    "java-version": "runtimes",
    "maven-wrapper-properties": "jvm",
    "mix-lock": "elixir",
    "npm-lock-v1": "javascript",
    "npm-lock-v2": "javascript",
    "npm-lock-v3": "javascript",
    "nvmrc": "runtimes",
    "package-json": "javascript",
    "pip-requirements": "python",
    "pip-requirements-in": "python",
    "pipfile": "python",
    "pipfile-lock": "python",
    "pnpm-lock-v9.0": "javascript",
    "pnpm-workspace": "javascript",
    "poetry-lock": "python",
    "pom": "jvm",
    "pre-commit-config": "ci",
    "pyproject-pep621": "python",
    "pyproject-poetry": "python",
    "pyproject-tools-only": "python",
    "python-version": "runtimes",
    "renovate": "ci",
    "ruby-version": "runtimes",
    "runtime-txt": "runtimes",
    "setup-cfg": "python",
    "terraform-lock": "terraform",
    "tool-versions": "runtimes",
    "travis": "ci",
    "uv-lock": "python",
    "woodpecker-ci": "ci",
    "yarn-berry": "javascript",
    "yarn-lock-empty": "javascript",
    "yarn-lock-v1": "javascript",
    "yarnrc-yml": "javascript",
}
# Kinds whose files are claimed but are empty: each gives exactly this failure.
EMPTY = {"package-json-empty": "javascript", "cargo-toml-empty": "rust"}
# Kinds no detector reads yet, and why.
UNCLAIMED = {
    "app-json-other": "an app.json that belongs to no known platform",
    "expo-app-json": "Expo configuration: the React Native packages already reveal Expo",
    "heroku-app-json": "Heroku app manifest: buildpacks and add-ons are not modelled yet",
    "heroku-buildpack-config": "buildpack settings: not modelled yet",
    "js-monorepo-config": "turbo.json: its presence is a technology rule, its content unused",
    "nix-flake-lock": "Nix inputs are not an ecosystem stackaudit models yet",
    "npmrc": "registry settings, not dependencies (used later for registry locations)",
    "nuget-config": "package sources, not dependencies (used later for registry locations)",
    "vercel-json": "Vercel configuration: its presence is a technology rule",
}


@cache
def _scan(root: Path) -> RepositoryScan:
    (result,) = run_scan([str(root)], load_plugins(DETECTOR_GROUP, Detector)).scans
    return result


def test_every_kind_is_claimed_or_explained() -> None:
    kinds = {kind for _, _, kind in inventory()}
    assert kinds == set(CLAIMED) | set(EMPTY) | set(UNCLAIMED)
    assert set(CLAIMED).isdisjoint(UNCLAIMED)
    installed = {point for point in load_plugins(DETECTOR_GROUP, Detector)}
    assert set(CLAIMED.values()) | set(EMPTY.values()) <= installed


@pytest.mark.parametrize("folder", corpus_repositories())
def test_claimed_files_scan_without_failure(
    folder: str, corpus_repo: Callable[[str], Path]
) -> None:
    files = [(path, kind) for repo, path, kind in inventory() if repo == folder]
    result = _scan(corpus_repo(folder))
    failures = {failure.path: failure for failure in result.failures}
    for path, kind in files:
        if kind in CLAIMED:
            assert path not in failures, f"{path} ({kind}): {failures[path].reason}"
        elif kind in EMPTY:
            failure = failures[path]
            assert (failure.detector, failure.reason) == (EMPTY[kind], "empty file"), path
