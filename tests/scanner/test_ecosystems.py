from __future__ import annotations

import pytest

from scanner.ecosystems import normalize_name, purl_for


@pytest.mark.parametrize(
    ("ecosystem", "name", "expected"),
    [
        ("pypi", "Django_REST.framework", "django-rest-framework"),
        ("pypi", "zope.interface", "zope-interface"),
        ("composer", "Laravel/Framework", "laravel/framework"),
        ("nuget", "Newtonsoft.Json", "newtonsoft.json"),
        ("npm", "@Babel/Core", "@Babel/Core"),
        ("golang", "github.com/Sirupsen/logrus", "github.com/Sirupsen/logrus"),
    ],
)
def test_normalize_name(ecosystem: str, name: str, expected: str) -> None:
    assert normalize_name(ecosystem, name) == expected


@pytest.mark.parametrize(
    ("ecosystem", "name", "version", "expected"),
    [
        ("npm", "@angular/core", "17.0.0", "pkg:npm/%40angular/core@17.0.0"),
        ("npm", "left-pad", None, "pkg:npm/left-pad"),
        ("pypi", "Django", "4.2.11", "pkg:pypi/django@4.2.11"),
        ("maven", "org.springframework.boot:spring-boot", "2.7.5",
         "pkg:maven/org.springframework.boot/spring-boot@2.7.5"),
        ("golang", "github.com/gin-gonic/gin", "v1.9.1",
         "pkg:golang/github.com/gin-gonic/gin@v1.9.1"),
        ("composer", "laravel/framework", "v13.24.0", "pkg:composer/laravel/framework@v13.24.0"),
        ("cargo", "serde", "1.0.200", "pkg:cargo/serde@1.0.200"),
        ("gem", "rails", "7.2.2.1", "pkg:gem/rails@7.2.2.1"),
        ("nuget", "Newtonsoft.Json", "13.0.3", "pkg:nuget/Newtonsoft.Json@13.0.3"),
        ("hex", "phoenix", "1.5.9", "pkg:hex/phoenix@1.5.9"),
    ],
)  # fmt: skip
def test_purls(ecosystem: str, name: str, version: str | None, expected: str) -> None:
    assert purl_for(ecosystem, name, version) == expected


def test_names_that_form_no_purl() -> None:
    assert purl_for("maven", "spring-boot", "1.0") is None
    assert purl_for("npm", "", "1.0") is None


def test_terraform_and_actions() -> None:
    assert normalize_name("terraform", "HashiCorp/AWS") == "hashicorp/aws"
    assert purl_for("terraform", "hashicorp/aws", "5.31.0") == "pkg:terraform/hashicorp/aws@5.31.0"
    assert (
        purl_for("githubactions", "actions/checkout", "v4")
        == "pkg:githubactions/actions/checkout@v4"
    )
