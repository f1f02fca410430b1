"""The PHP detector on every composer.json and composer.lock of the corpus (needs
../shared/corpus), with counts checked by simpler means than the parsers'."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.php.composer_json import parse_composer_json
from detectors.php.composer_lock import parse_composer_lock
from detectors.php.detector import PhpDetector
from scanner.detector import FileContent, SourceFile
from scanner.model import RepositoryScan, Scope


def corpus_files(kind: str) -> list[Path]:
    return [require_corpus() / folder / path for folder, path, _ in inventory(kind)]


def source(path: Path) -> SourceFile:
    return SourceFile(FileContent(path.name, path.read_bytes()), "php")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, PhpDetector)


def test_every_corpus_composer_json_parses() -> None:
    files = corpus_files("composer-json")
    assert len(files) == 2
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        output = parse_composer_json(source(path))
        assert output.failures == (), path
        requirements = {**document.get("require", {}), **document.get("require-dev", {})}
        packages = [name for name in requirements if "/" in name]  # platform names have none
        assert sorted(d.name for d in output.dependencies) == sorted(n.lower() for n in packages)
        assert all(d.evidence[0].line for d in output.dependencies)


def test_every_corpus_composer_lock_parses_with_every_package() -> None:
    (path,) = corpus_files("composer-lock")
    document = json.loads(path.read_text(encoding="utf-8"))
    output = parse_composer_lock(source(path))
    assert output.failures == ()
    scopes = [d.scope for d in output.dependencies]
    assert scopes.count(Scope.RUNTIME) == len(document["packages"]) == 156
    assert scopes.count(Scope.DEVELOPMENT) == len(document["packages-dev"]) == 46
    assert all(d.evidence[0].line for d in output.dependencies)


def test_koel_laravel(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("koel__koel"))
    assert result.components[0].name == "koel/koel"
    deps = {d.name: d for d in result.dependencies}
    laravel = deps["laravel/framework"]
    assert (laravel.declared, laravel.resolved, laravel.direct) == ("^13.0", "v13.24.0", True)
    assert {e.path for e in laravel.evidence} == {"composer.json", "composer.lock"}
    assert deps["phpunit/phpunit"].scope is Scope.DEVELOPMENT
    assert deps["symfony/console"].direct is False
    php = {(t.version, t.version_source) for t in result.technologies if t.key == "php"}
    assert php == {(">=8.3", "declared"), ("8.3.0", "declared")}
    extensions = {t.key for t in result.technologies if t.key.startswith("php-ext-")}
    assert extensions == {
        "php-ext-exif", "php-ext-gd", "php-ext-fileinfo", "php-ext-json", "php-ext-simplexml",
    }  # fmt: skip
    assert result.failures == ()


def test_opentelemetry_demo_quote(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    quote = {d.name: d for d in result.dependencies if d.component == "src/quote"}
    assert len(quote) == 13
    assert quote["slim/slim"].declared == "4.15.2"
    php = [t for t in result.technologies if t.key == "php"]
    assert [(t.component, t.version) for t in php] == [("src/quote", ">= 8.5")]
