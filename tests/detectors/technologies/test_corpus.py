"""The rules on real repositories of the corpus: a deliberately simple reader (json, XML,
TOML, YAML, a few regular expressions) stands in for the ecosystem detectors, so that these
tests check the rules and nothing else; the technologies each repository is known to use
must come out, with the versions its files pin."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from helpers import require_corpus

from detectors.technologies.detector import TechnologyRulesDetector
from detectors.technologies.rules import rule_table
from scanner.config import Settings
from scanner.detector import Detector, FileSelector, SourceFile
from scanner.dispatch import Dispatcher
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Manifest,
    Repository,
    RepositoryScan,
    Technology,
)
from scanner.scan import scan_source
from scanner.sources import DirectorySource

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_GEM_SPEC = re.compile(r"^    ([A-Za-z0-9_.-]+) \(([^)]+)\)$", re.MULTILINE)
_HEX_LOCK = re.compile(r'"(\w+)": \{:hex, :\w+, "([^"]+)"')
_COMPOSE = re.compile(r"(?:docker-)?compose[^/]*\.ya?ml\Z")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;\\#]+)", re.M)


class CorpusReader(Detector):
    """Dependencies and images of the corpus's manifests, read the simplest way."""

    name = "corpus-reader"
    selector = FileSelector(
        filenames=frozenset(
            {
                "package.json",
                "composer.json",
                "composer.lock",
                "pom.xml",
                "Gemfile.lock",
                "mix.lock",
                "pyproject.toml",
                "Directory.Packages.props",
            }
        ),
        extensions=frozenset({".csproj"}),
        globs=(
            "requirements*.txt",
            "**/requirements/*.txt",
            "docker-compose*.yml",
            "compose*.y*ml",
        ),
    )

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        name = file.name
        if _COMPOSE.match(name):
            return DetectorOutput(technologies=tuple(self._images(file)))
        if name == "package.json":
            document = json.loads(file.text() or "{}")
            found = [
                self._dep(file, "npm", package, declared=spec)
                for field in ("dependencies", "devDependencies")
                for package, spec in (document.get(field) or {}).items()
            ]
        elif name == "composer.json":
            document = json.loads(file.text())
            found = [
                self._dep(file, "composer", package, declared=spec)
                for field in ("require", "require-dev")
                for package, spec in document.get(field, {}).items()
                if "/" in package
            ]
        elif name == "composer.lock":
            document = json.loads(file.text())
            found = [
                self._dep(file, "composer", package["name"], resolved=package["version"])
                for field in ("packages", "packages-dev")
                for package in document.get(field, [])
            ]
        elif name in ("pom.xml",) or name.endswith((".csproj", ".props")):
            found = list(self._xml(file))
        elif name == "Gemfile.lock":
            found = [
                self._dep(file, "gem", gem, resolved=version)
                for gem, version in _GEM_SPEC.findall(file.text())
            ]
        elif name == "mix.lock":
            found = [
                self._dep(file, "hex", package, resolved=version)
                for package, version in _HEX_LOCK.findall(file.text())
            ]
        elif name == "pyproject.toml":
            project = tomllib.loads(file.text()).get("project", {})
            found = [
                self._dep(
                    file, "pypi", re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0], declared=spec
                )
                for spec in project.get("dependencies", [])
            ]
        else:
            found = [
                self._dep(file, "pypi", package, resolved=version)
                for package, version in _PIN.findall(file.text())
            ]
        manifest = Manifest(file.path, file.directory, "any", name, file.evidence("manifest"))
        lockfile = name.endswith(".lock")
        return DetectorOutput(dependencies=tuple(found), manifests=() if lockfile else (manifest,))

    def _dep(self, file: SourceFile, ecosystem: str, name: str, **version: str) -> Dependency:
        return Dependency(
            ecosystem,
            normalize_name(ecosystem, name),
            (file.evidence(f"{ecosystem} {name}"),),
            **version,  # type: ignore[arg-type]
        )

    def _xml(self, file: SourceFile) -> Iterator[Dependency]:
        root = ElementTree.fromstring(file.data)
        for element in root.iter():
            tag = element.tag.rpartition("}")[2]
            if tag in ("PackageReference", "PackageVersion"):
                version = element.get("Version")
                extra = {"resolved": version} if version else {}
                yield self._dep(file, "nuget", element.get("Include", ""), **extra)
            elif tag in ("parent", "dependency", "plugin"):
                group = element.findtext("{*}groupId") or "org.apache.maven.plugins"
                artifact = element.findtext("{*}artifactId")
                version = element.findtext("{*}version")
                extra = {"declared": version} if version else {}
                yield self._dep(file, "maven", f"{group}:{artifact}", **extra)

    def _images(self, file: SourceFile) -> Iterator[Technology]:
        document = yaml.safe_load(file.text()) or {}
        for service in (document.get("services") or {}).values():
            reference = (service or {}).get("image")
            if not isinstance(reference, str) or "$" in reference:
                continue
            reference = reference.partition("@")[0]
            repository, colon, tag = reference.rpartition(":")
            if not colon or "/" in tag:
                repository, tag = reference, ""
            key = repository.lower().removeprefix("docker.io/").removeprefix("library/")
            yield Technology(
                key,
                key,
                Category.CONTAINER_IMAGE,
                (file.evidence(f"image {reference}"),),
                version=tag or None,
            )


@pytest.fixture
def scan_corpus(corpus_tree: Callable[[str], Path]) -> Callable[[str], RepositoryScan]:
    def scan(folder: str) -> RepositoryScan:
        require_corpus()
        root = corpus_tree(folder)
        detectors = [CorpusReader, TechnologyRulesDetector]
        return scan_source(
            DirectorySource(root), Repository(folder, str(root)), detectors, Settings()
        )

    return scan


def technologies(result: RepositoryScan) -> set[tuple[str, str | None]]:
    """(key, version) of every technology the rules revealed, in any component."""
    assert [f for f in result.failures if f.detector == "technologies"] == []
    return {
        (t.key, t.version) for t in result.technologies if t.category != Category.CONTAINER_IMAGE
    }


EXPECTED: dict[str, set[tuple[str, str | None]]] = {
    "angular__angular-phonecat": {
        ("angularjs", "1.8"), ("bootstrap", "3.3"), ("jquery", "3.3"), ("karma", "3.1.4"),
        ("jasmine", "3.5.0"), ("protractor", "5.4.4"),
    },
    "koel__koel": {
        ("laravel", "13.24.0"), ("phpunit", "11.5.55"), ("laravel-sanctum", "4.3.2"),
        ("vue", "3.5.29"), ("tailwindcss", "4.3.0"), ("meilisearch", None), ("redis", None),
    },
    "spring-projects__spring-petclinic": {
        ("spring-boot", "4.0.3"), ("mysql", "9.6"), ("postgresql", "18.3"), ("h2", None),
        ("checkstyle", None), ("testcontainers", None), ("caffeine", None),
    },
    "dotnet-architecture__eShopOnWeb": {
        ("aspnetcore", None), ("blazor", None), ("entity-framework-core", None),
        ("xunit", "2.7.0"), ("sql-server", None), ("mediatr", "12.0.1"), ("mstest", "3.2.2"),
    },
    "mozilla__mozillians": {
        ("django", "1.11.25"), ("mariadb", "10.2"), ("elasticsearch", "2.4.5"),
        ("redis", "3"), ("memcached", None), ("celery", "4.2.1"), ("mysql", None),
    },
    "maybe-finance__maybe": {
        ("rails", "7.2.2.1"), ("activerecord", "7.2.2.1"), ("sidekiq", "8.0.5"),
        ("postgresql", "16"), ("redis", None), ("puma", "6.6.0"), ("rubocop", "1.76.1"),
        ("stripe", None), ("plaid", None), ("hotwire-turbo", None),
    },
    "papercups-io__papercups": {
        ("phoenix", "1.5.5"), ("ecto", "3.4.6"), ("oban", "2.1.0"), ("postgresql", None),
        ("react", "16.13.1"), ("create-react-app", "3.4.1"),
    },
    "fastapi__full-stack-fastapi-template": {
        ("fastapi", None), ("sqlmodel", None), ("alembic", "1.12.1"), ("postgresql", "18"),
        ("traefik", "3.6"), ("adminer", None), ("mailpit", None), ("react", "19.2.8"),
    },
    "python__pythondotorg": {("django", None), ("postgresql", "15.3"), ("redis", "7")},
    "getsentry__self-hosted": {
        ("kafka", None), ("postgresql", "14.24"), ("memcached", "1.6.45"), ("nginx", "1.31.3"),
        ("valkey", "8.1.9"),
    },
    "documenso__documenso": {
        ("prisma", "6.19.0"), ("react-router", None), ("postgresql", "15"), ("redis", "8"),
        ("turborepo", "2.10.0"), ("trpc", "11.17.0"), ("minio", None),
    },
    "netbox-community__netbox": {
        ("django", "6.0.8"), ("django-rest-framework", "3.17.1"), ("postgresql", None),
        ("strawberry", "0.324.0"), ("rq", "2.10.0"),
    },
}  # fmt: skip


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_each_corpus_repository_reveals_its_known_stack(
    folder: str, scan_corpus: Callable[[str], RepositoryScan]
) -> None:
    found = technologies(scan_corpus(folder))
    keys = {key for key, _ in found}
    for key, version in EXPECTED[folder]:
        if version is None:
            assert key in keys, f"{folder}: {key} not revealed"
        else:
            assert (key, version) in found, f"{folder}: {key} {version} not in " + str(
                sorted(v for k, v in found if k == key)
            )


def test_a_property_that_is_not_a_version_is_not_taken_for_one(
    scan_corpus: Callable[[str], RepositoryScan],
) -> None:
    # eShopOnWeb's Directory.Packages.props gives versions as $(AspNetVersion); this simple
    # reader leaves them as written, and the rules do not take them for versions.
    result = scan_corpus("dotnet-architecture__eShopOnWeb")
    versions = {t.version for t in result.technologies if t.key == "aspnetcore"}
    assert versions == {None, "2.2.0"}


def test_angularjs_is_not_mistaken_for_angular(
    scan_corpus: Callable[[str], RepositoryScan],
) -> None:
    keys = {key for key, _ in technologies(scan_corpus("angular__angular-phonecat"))}
    assert "angularjs" in keys and "angular" not in keys


# Files of the corpus file lists (TREE.tsv) that reveal technologies by their presence. The
# listed files are laid out sparse (zero bytes), so the scan itself cannot read them: this
# checks the rules' file patterns on the real paths instead.
PRESENT: dict[str, set[str]] = {
    "angular__angular-phonecat": {"karma", "protractor", "jshint"},
    "heroku__heroku-django-template": {"django", "heroku"},
    "spring-projects__spring-petclinic": {"maven", "gradle"},
    "koel__koel": {"laravel", "phpunit", "phpstan", "vite", "tailwindcss", "commitlint"},
    "netbox-community__netbox": {"django", "mkdocs", "uwsgi", "pre-commit"},
    "documenso__documenso": {"nextjs", "prisma", "playwright", "vitest", "railway"},
    "maybe-finance__maybe": {"rails", "rubocop", "rack"},
}


@pytest.mark.parametrize("folder", sorted(PRESENT))
def test_corpus_file_lists_reveal_technologies_by_file(folder: str) -> None:
    corpus = require_corpus()
    with open(corpus / folder / "TREE.tsv", encoding="utf-8", newline="") as handle:
        paths = [row.split("\t", 1)[0] for row in handle.read().splitlines()[1:]]
    table = rule_table()
    found = {rule.key for path in paths for rule in table.rules_for_file(path)}
    assert PRESENT[folder] <= found
    # What the core hands the detector (its selector) is exactly what some rule names.
    dispatcher = Dispatcher([TechnologyRulesDetector()])
    wanted = {path for path in paths if dispatcher.wanted_by(path)}
    assert {path for path in paths if table.rules_for_file(path)} == wanted
