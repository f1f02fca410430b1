"""Provider and module source addresses."""

from __future__ import annotations

import pytest

from detectors.terraform.addresses import ModuleSource, module_source, provider_name


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("hashicorp/aws", "hashicorp/aws"),
        ("HashiCorp/AWS", "hashicorp/aws"),
        ("registry.terraform.io/hashicorp/aws", "hashicorp/aws"),
        ("aws", "hashicorp/aws"),
        ("registry.opentofu.org/hashicorp/aws", "registry.opentofu.org/hashicorp/aws"),
        ("example.com:8443/acme/thing", "example.com:8443/acme/thing"),
        ("terraform.io/builtin/terraform", None),
        ("a/b/c/d", None),
        ("notahost/acme/thing", None),
        ("hashicorp/aws/", None),
        ("", None),
    ],
)
def test_provider_name(source: str, name: str | None) -> None:
    assert provider_name(source) == name


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("./modules/vpc", ModuleSource("local", "./modules/vpc")),
        ("../shared", ModuleSource("local", "../shared")),
        ("corp/vpc/aws", ModuleSource("registry", "corp/vpc/aws")),
        (
            "registry.terraform.io/terraform-aws-modules/vpc/aws",
            ModuleSource("registry", "terraform-aws-modules/vpc/aws"),
        ),
        (
            "app.terraform.io/corp/vpc/aws//modules/sub",
            ModuleSource("registry", "app.terraform.io/corp/vpc/aws", subdir="modules/sub"),
        ),
        ("github.com/hashicorp/example", ModuleSource("git", "github.com/hashicorp/example")),
        (
            "github.com/org/repo//sub?ref=v1.0.0",
            ModuleSource("git", "github.com/org/repo//sub", ref="v1.0.0"),
        ),
        (
            "git::https://user:token@example.com/vpc.git?ref=v1.2.0&depth=1",
            ModuleSource("git", "git::https://example.com/vpc.git", ref="v1.2.0"),
        ),
        ("git@github.com:org/repo.git", ModuleSource("git", "github.com:org/repo.git")),
        ("hg::http://example.com/vpc.hg", ModuleSource("mercurial", "hg::http://example.com/vpc.hg")),
        (
            "s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip",
            ModuleSource("s3", "s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip"),
        ),
        (
            "bucket.s3-eu-west-1.amazonaws.com/vpc.zip",
            ModuleSource("s3", "bucket.s3-eu-west-1.amazonaws.com/vpc.zip"),
        ),
        (
            "gcs::https://www.googleapis.com/storage/v1/bucket/vpc.zip",
            ModuleSource("gcs", "gcs::https://www.googleapis.com/storage/v1/bucket/vpc.zip"),
        ),
        ("https://example.com/vpc.zip", ModuleSource("http", "https://example.com/vpc.zip")),
    ],
)
def test_module_source(source: str, expected: ModuleSource) -> None:
    assert module_source(source) == expected
