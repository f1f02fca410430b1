"""The PHP detector on hand-made composer.json and composer.lock files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.php.composer_json import parse_composer_json
from detectors.php.composer_lock import parse_composer_lock
from detectors.php.detector import PhpDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan, Scope


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "php")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, PhpDetector)


COMPOSER_JSON = """\
{
    "name": "Acme/Shop",
    "require": {
        "php": "^8.2",
        "ext-json": "*",
        "ext-SimpleXML": ">=7",
        "lib-icu": ">=70",
        "composer-runtime-api": "^2.2",
        "php-64bit": "*",
        "Laravel/Framework": "^11.0",
        "guzzlehttp/guzzle": "~7.8"
    },
    "require-dev": {
        "phpunit/phpunit": "^10.5",
        "roave/security-advisories": "dev-latest"
    },
    "suggest": {
        "laravel/framework": "suggested too, not a requirement"
    },
    "config": {
        "platform": {
            "php": "8.2.15"
        }
    }
}
"""


def test_composer_json_requirements_and_platform() -> None:
    output = parse_composer_json(source("shop/composer.json", COMPOSER_JSON))
    assert output.failures == ()
    (found,) = output.manifests
    assert (found.name, found.kind, found.ecosystem) == ("Acme/Shop", "composer.json", "composer")
    deps = {d.name: (d.declared, d.scope, d.evidence[0].line) for d in output.dependencies}
    assert deps == {
        "laravel/framework": ("^11.0", Scope.RUNTIME, 10),
        "guzzlehttp/guzzle": ("~7.8", Scope.RUNTIME, 11),
        "phpunit/phpunit": ("^10.5", Scope.DEVELOPMENT, 14),
        "roave/security-advisories": ("dev-latest", Scope.DEVELOPMENT, 15),
    }
    technologies = {
        (t.key, t.category, t.version, t.version_source, t.evidence[0].line)
        for t in output.technologies
    }
    assert technologies == {
        ("composer", "package-manager", None, None, None),
        ("php", "runtime", "^8.2", "declared", 4),
        ("php-ext-json", "library", None, None, 5),
        ("php-ext-simplexml", "library", ">=7", "declared", 6),
        ("php-lib-icu", "library", ">=70", "declared", 7),
        ("composer", "package-manager", "^2.2", "declared", 8),
        ("php", "runtime", "8.2.15", "declared", 22),
    }
    json_ext = next(t for t in output.technologies if t.key == "php-ext-json")
    assert json_ext.version_note == "any version ('*')"


def test_composer_json_bad_sections_are_failures() -> None:
    text = '{"require": ["not", "an", "object"], "require-dev": {"a/b": 1, "c/d": "^1"}}'
    output = parse_composer_json(source("composer.json", text))
    assert [d.name for d in output.dependencies] == ["c/d"]
    assert [f.reason for f in output.failures] == [
        "'require' is not an object",
        "require-dev 'a/b': constraint is not a string",
    ]
    assert output.dependencies[0].evidence[0].line == 1  # one-line JSON


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ('{"require": ', "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_malformed_composer_files(text: str, message: str) -> None:
    for parse in (parse_composer_json, parse_composer_lock):
        with pytest.raises(DetectorError, match=message):
            parse(source("composer.x", text))


COMPOSER_LOCK = {
    "_readme": ["This file locks the dependencies of your project to a known state"],
    "content-hash": "abc",
    "packages": [
        {
            "name": "laravel/framework",
            "version": "v11.9.2",
            "source": {"type": "git", "reference": "2b3e8d"},
            "type": "library",
            "authors": [{"name": "Taylor Otwell", "email": "taylor@laravel.com"}],
        },
        {"name": "guzzlehttp/guzzle", "version": "7.8.1", "type": "library"},
        {
            "name": "acme/forked",
            "version": "dev-main",
            "source": {"type": "git", "reference": "d4e5f6"},
            "type": "library",
        },
        {"name": "broken/entry"},
    ],
    "packages-dev": [
        {"name": "phpunit/phpunit", "version": "10.5.20", "type": "library"},
        {"name": "roave/security-advisories", "version": "dev-latest", "type": "metapackage"},
    ],
    "aliases": [],
    "minimum-stability": "stable",
    "platform": {"php": "^8.2", "ext-json": "*"},
    "platform-dev": [],
    "platform-overrides": {"php": "8.2.15"},
    "plugin-api-version": "2.6.0",
}


def test_composer_lock_packages_and_platform() -> None:
    text = json.dumps(COMPOSER_LOCK, indent=4)
    output = parse_composer_lock(source("composer.lock", text))
    found = {
        d.name: (d.resolved, d.direct, d.scope, d.version_note, d.evidence[0].line)
        for d in output.dependencies
    }
    assert found == {
        "laravel/framework": ("v11.9.2", False, Scope.RUNTIME, None, 7),
        "guzzlehttp/guzzle": ("7.8.1", False, Scope.RUNTIME, None, 22),
        "acme/forked": ("dev-main", False, Scope.RUNTIME, "branch dev-main at d4e5f6", 27),
        "phpunit/phpunit": ("10.5.20", False, Scope.DEVELOPMENT, None, 41),
        "roave/security-advisories": (
            "dev-latest",
            False,
            Scope.DEVELOPMENT,
            "branch dev-latest",
            46,
        ),
    }
    assert output.dependencies[0].evidence[0].reason == (
        "composer.lock package laravel/framework v11.9.2 (library)"
    )
    assert [f.reason for f in output.failures] == [
        "packages[3]: a package needs a name and a version, skipped"
    ]
    technologies = {(t.key, t.version, t.version_note) for t in output.technologies}
    assert technologies == {
        ("composer", None, "locked by a Composer with plugin API 2.6.0"),
        ("php", "^8.2", None),
        ("php-ext-json", None, "any version ('*')"),
        (
            "php",
            "8.2.15",
            "config.platform.php: Composer resolved as if PHP were this version",
        ),
    }


def test_composer_lock_packages_must_be_a_list() -> None:
    with pytest.raises(DetectorError, match="'packages' is not a list"):
        parse_composer_lock(source("composer.lock", '{"packages": {"a": 1}}'))
    output = parse_composer_lock(source("composer.lock", '{"packages": [], "packages-dev": null}'))
    assert output.dependencies == ()


def test_json_and_lock_merge(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "composer.json": COMPOSER_JSON,
            "composer.lock": json.dumps(COMPOSER_LOCK, indent=4),
        }
    )
    result = scan(root)
    deps = {d.name: d for d in result.dependencies}
    laravel = deps["laravel/framework"]
    assert (laravel.declared, laravel.resolved, laravel.direct, laravel.scope) == (
        "^11.0",
        "v11.9.2",
        True,
        Scope.RUNTIME,
    )
    assert laravel.purl == "pkg:composer/laravel/framework@v11.9.2"
    assert deps["acme/forked"].direct is False
    php = {(t.version, len(t.evidence)) for t in result.technologies if t.key == "php"}
    assert php == {("^8.2", 2), ("8.2.15", 2)}
    assert result.components[0].name == "Acme/Shop"
