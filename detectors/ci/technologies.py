"""Builders for the technologies CI files reveal: the CI system, runners, runtimes, tools.

Versions are classified the same way for every CI format: ``3.12.4`` is exact (``resolved``),
``3.12``, ``20.x`` or ``>=3.9`` are partial or ranges (``declared``), and a word such as
``latest``, ``stable``, ``lts/*`` or ``*`` is no version at all (``None``, with a note)."""

from __future__ import annotations

import re

from scanner.detector import SourceFile
from scanner.model import Category, Technology

CI_RUNNER = "ci-runner"

CI_SYSTEMS: dict[str, str] = {
    "github-actions": "GitHub Actions",
    "gitlab-ci": "GitLab CI/CD",
    "circleci": "CircleCI",
    "travis-ci": "Travis CI",
    "azure-pipelines": "Azure Pipelines",
    "bitbucket-pipelines": "Bitbucket Pipelines",
    "jenkins": "Jenkins",
    "woodpecker": "Woodpecker CI",
    "cloud-build": "Google Cloud Build",
}

RUNTIMES: dict[str, str] = {
    "python": "Python",
    "nodejs": "Node.js",
    "ruby": "Ruby",
    "go": "Go",
    "java": "Java",
    "dotnet": ".NET",
    "php": "PHP",
    "rust": "Rust",
    "elixir": "Elixir",
    "erlang": "Erlang/OTP",
    "bun": "Bun",
    "deno": "Deno",
}

RUNNER_FAMILIES: dict[str, str] = {
    "ubuntu": "Ubuntu",
    "windows": "Windows",
    "macos": "macOS",
    "self-hosted": "Self-hosted runner",
}

UBUNTU_CODENAMES: dict[str, str] = {
    "precise": "12.04",
    "trusty": "14.04",
    "xenial": "16.04",
    "bionic": "18.04",
    "focal": "20.04",
    "jammy": "22.04",
    "noble": "24.04",
}

_HOSTED_LABEL = re.compile(
    r"(?P<family>ubuntu|windows|macos)(?:-(?P<version>latest|\d+(?:\.\d+)*))?(?:-(?P<variant>.+))?"
)
_AZURE_WINDOWS = re.compile(r"vs20\d\d-win(\d{4})")
_EXACT = re.compile(r"\d+(?:\.\d+){2,}(?:[-+.][0-9A-Za-z.-]+)?")
_NUMERIC = re.compile(r"\d[0-9A-Za-z.*+-]*")
_RANGE = re.compile(r"[<>=^~!]+\s*\d.*|\d[0-9.x*]*\s*(?:-|\|\||,|\s)\s*[<>=^~]?\s*\d.*")


def ci_system(file: SourceFile, key: str, reason: str, line: int | None = 1) -> Technology:
    """The CI system ``key`` (one of :data:`CI_SYSTEMS`), seen in ``file``."""
    return Technology(key, CI_SYSTEMS[key], Category.CI, (file.evidence(reason, line=line),))


def classify_version(raw: str) -> tuple[str | None, str | None, str | None]:
    """``(version, version_source, version_note)`` for a version as a CI file writes it.

    A leading ``v`` is dropped (``v22.x`` is ``22.x``); an exact version is ``resolved``, a
    partial one or a range ``declared``; anything else gives no version and a note."""
    value = raw.strip().strip("'\"").strip()
    if value[:1] in ("v", "V") and value[1:2].isdigit():
        value = value[1:]
    if not value:
        return None, None, "empty version"
    if _EXACT.fullmatch(value):
        return value, "resolved", None
    if _NUMERIC.fullmatch(value) or _RANGE.fullmatch(value):
        return value, "declared", None
    return None, None, f"'{value}' is not a version number"


def runtime(
    file: SourceFile,
    key: str,
    raw: str | None,
    line: int | None,
    reason: str,
    note: str | None = None,
) -> Technology:
    """The runtime ``key`` (one of :data:`RUNTIMES`) at the version ``raw`` as written, or with
    no version (``raw=None``) and ``note`` saying why."""
    version = source = version_note = None
    if raw is not None:
        version, source, version_note = classify_version(raw)
    notes = "; ".join(part for part in (version_note, note) if part)
    return Technology(
        key=key,
        name=RUNTIMES[key],
        category=Category.RUNTIME,
        evidence=(file.evidence(reason, line=line),),
        version=version,
        version_source=source,
        version_note=notes or None,
    )


def runner(
    file: SourceFile,
    family: str,
    version: str | None,
    note: str | None,
    line: int | None,
    reason: str,
    product: str | None = None,
) -> Technology:
    """A CI runner of the OS ``family`` (``ubuntu``, ``windows``, ``macos``, ``self-hosted``).
    A runner without a version says why in ``note``; ``product`` names the endoflife.date
    product that retires its images, where there is one."""
    return Technology(
        key=family,
        name=RUNNER_FAMILIES[family],
        category=CI_RUNNER,
        evidence=(file.evidence(reason, line=line),),
        version=version,
        version_source="declared" if version is not None else None,
        version_note=note or (None if version is not None else "no version given"),
        product=product,
    )


# endoflife.date's product for the images of GitHub-hosted runners (cycles named by label).
GITHUB_RUNNER_IMAGES = "github-actions-runner-images"


def hosted_runner(label: str) -> tuple[str, str | None, str | None] | None:
    """``(family, version, note)`` for a hosted-runner image label (``ubuntu-22.04``,
    ``windows-2019``, ``macos-13``, ``macos-latest-xlarge``, ``ubuntu-24.04-arm``,
    Azure's ``vs2017-win2016``), ``None`` for any other label."""
    match = _HOSTED_LABEL.fullmatch(label.strip().lower())
    if match is None:
        legacy = _AZURE_WINDOWS.fullmatch(label.strip().lower())
        if legacy is not None:
            return "windows", legacy.group(1), f"image {label}"
        return None
    family, version, variant = match.group("family", "version", "variant")
    if version is None or version == "latest":
        note = f"{label}: the version moves with the provider's images"
        if version is None:
            note = f"{label}: the label names no version"
        return family, None, note
    return family, version, f"variant {variant}" if variant else None


def tool(
    file: SourceFile,
    key: str,
    name: str,
    line: int | None,
    reason: str,
    *,
    version: str | None = None,
    note: str | None = None,
    category: str = Category.TOOL,
    version_source: str | None = None,
) -> Technology:
    """A tool (category ``tool`` unless told otherwise), with the version as written; its
    ``version_source`` is classified as for runtimes unless given."""
    source = version_source
    if version is not None and source is None:
        classified, source, _ = classify_version(version)
        source = source if classified is not None else "declared"
    return Technology(
        key=key,
        name=name,
        category=category,
        evidence=(file.evidence(reason, line=line),),
        version=version,
        version_source=source,
        version_note=note,
    )
