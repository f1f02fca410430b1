"""What the scan must find, with versions, in the corpus repositories (needs ../shared/corpus).

Each repository is laid out from its TREE.tsv with the real manifests, committed into a git
repository and scanned with every installed detector, once per test session.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from scanner.detector import Detector
from scanner.model import RepositoryScan, Technology
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.runner import run_scan


@cache
def _scan(root: Path) -> RepositoryScan:
    (result,) = run_scan([str(root)], load_plugins(DETECTOR_GROUP, Detector)).scans
    return result


@pytest.fixture
def scan(corpus_repo: Callable[[str], Path]) -> Callable[[str], RepositoryScan]:
    return lambda folder: _scan(corpus_repo(folder))


def versions(result: RepositoryScan, key: str) -> set[str]:
    """Every version of technology ``key`` found anywhere in the repository."""
    return {t.version for t in result.technologies if t.key == key and t.version is not None}


def find(result: RepositoryScan, key: str) -> list[Technology]:
    return [t for t in result.technologies if t.key == key]


def test_netbox_django_6_0_8(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("netbox-community__netbox")
    assert versions(result, "django") == {"6.0.8"}
    (django,) = find(result, "django")
    assert django.version_source == "resolved"
    assert any(e.path == "requirements.txt" for e in django.evidence)


def test_mozillians_django_1_11_on_python_2_7(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("mozilla__mozillians")
    assert versions(result, "django") == {"1.11.25"}
    assert "2.7" in versions(result, "python")


def test_maybe_rails_7_2_on_ruby_3_4(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("maybe-finance__maybe")
    assert {v[:3] for v in versions(result, "rails")} == {"7.2"}
    assert {v[:3] for v in versions(result, "ruby")} == {"3.4"}


def test_petclinic_spring_boot_4_0_3_on_java_17(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("spring-projects__spring-petclinic")
    assert "4.0.3" in versions(result, "spring-boot")
    from_pom = {
        t.version for t in find(result, "java") if any(e.path == "pom.xml" for e in t.evidence)
    }
    assert from_pom == {"17"}
    # The dev container pins Java 21: a real disagreement, and it is reported.
    (disagreement,) = [d for d in result.disagreements if d.key == "java"]
    assert disagreement.versions == ("17", "21")


def test_mall_spring_boot_2_7_5_on_java_8(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("macrozheng__mall")
    assert "2.7.5" in versions(result, "spring-boot")
    assert "8" in versions(result, "java")


def test_angular_phonecat_is_angularjs_not_angular(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("angular__angular-phonecat")
    assert {v[:3] for v in versions(result, "angularjs")} == {"1.8"}
    assert find(result, "angular") == []


def test_koel_laravel(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("koel__koel")
    assert versions(result, "laravel") == {"13.24.0"} or versions(result, "laravel") == {"v13.24.0"}


def test_eshoponweb_dotnet_8(scan: Callable[[str], RepositoryScan]) -> None:
    result = scan("dotnet-architecture__eShopOnWeb")
    dotnet = find(result, "dotnet")
    assert {t.version.split(".")[0] for t in dotnet if t.version} == {"8"}
    places = {e.path for t in dotnet for e in t.evidence}
    assert "global.json" in places
    assert "Directory.Packages.props" in places


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "macrozheng__mall",
            {"mysql": "5.7", "redis": "7", "elasticsearch": "7.17.3", "mongodb": "4"},
        ),
        ("mozilla__mozillians", {"mariadb": "10.2", "elasticsearch": "2.4.5", "redis": "3"}),
        ("documenso__documenso", {"postgresql": "15", "redis": "8"}),
        ("spring-projects__spring-petclinic", {"mysql": "9.6", "postgresql": "18.3"}),
        ("maybe-finance__maybe", {"postgresql": "16"}),
    ],
)
def test_datastores_from_compose_images(
    scan: Callable[[str], RepositoryScan], folder: str, expected: dict[str, str]
) -> None:
    result = scan(folder)
    for key, version in expected.items():
        assert version in versions(result, key), (key, versions(result, key))
