"""What ``*.tf`` and ``*.tf.json`` files declare: required_version, providers, modules,
backends; and the failures for entries that cannot be read."""

from __future__ import annotations

import json

import pytest

from detectors.terraform.detector import TerraformDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, Dependency, DetectorOutput, FailureKind


def inspect(path: str, content: str | bytes) -> DetectorOutput:
    data = content.encode() if isinstance(content, str) else content
    return TerraformDetector().inspect_file(SourceFile(FileContent(path, data), "terraform"))


def deps(output: DetectorOutput) -> list[tuple[str, str, str | None]]:
    return [(d.ecosystem, d.name, d.declared) for d in output.dependencies]


VERSIONS_TF = """\
terraform {
  required_version = ">= 1.5, < 2.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    google = {
      source  = "registry.terraform.io/HashiCorp/Google"
      version = ">= 4.0"
    }
    random = {
      version = "3.6.0"
    }
    acme = {
      source = "example.com/acme/thing"
    }
    legacy = "~> 2.1"
    tfe = {
      source                = "hashicorp/tfe"
      version               = var.tfe_version
      configuration_aliases = [tfe.alt]
    }
    terraform = {
      source = "terraform.io/builtin/terraform"
    }
  }

  backend "s3" {
    bucket = "state-bucket"
    key    = "prod/terraform.tfstate"
  }
}
"""


def test_required_version_and_providers() -> None:
    output = inspect("infra/versions.tf", VERSIONS_TF)
    (terraform, backend) = output.technologies
    assert (terraform.key, terraform.name, terraform.category) == (
        "terraform",
        "Terraform",
        Category.INFRASTRUCTURE,
    )
    assert (terraform.version, terraform.version_source) == (">= 1.5, < 2.0", "declared")
    assert (terraform.evidence[0].path, terraform.evidence[0].line) == ("infra/versions.tf", 2)
    assert deps(output) == [
        ("terraform", "hashicorp/aws", "~> 5.0"),
        ("terraform", "hashicorp/google", ">= 4.0"),
        ("terraform", "hashicorp/random", "3.6.0"),
        ("terraform", "example.com/acme/thing", None),
        ("terraform", "hashicorp/legacy", "~> 2.1"),
        ("terraform", "hashicorp/tfe", None),
    ]
    by_name = {d.name: d for d in output.dependencies}
    assert all(d.resolved is None and d.direct for d in output.dependencies)
    assert by_name["hashicorp/aws"].evidence[0].line == 5
    assert "implied source hashicorp/random" in by_name["hashicorp/random"].evidence[0].reason
    assert by_name["example.com/acme/thing"].version_note == "no version constraint (any version)"
    assert by_name["hashicorp/tfe"].version_note == (
        "version is not a literal constraint: var.tfe_version"
    )
    assert (backend.key, backend.name, backend.category) == (
        "terraform-backend-s3",
        "Terraform s3 backend",
        Category.INFRASTRUCTURE,
    )
    assert backend.version is None and backend.version_note
    assert backend.evidence[0].line == 30
    assert output.failures == ()


def test_modules_registry_remote_and_local() -> None:
    output = inspect(
        "main.tf",
        """\
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
}
module "consul" {
  source = "app.terraform.io/example-corp/consul/aws//modules/cluster"
  version = "~> 0.1"
}
module "default_host" {
  source = "registry.terraform.io/terraform-aws-modules/iam/aws"
}
module "git" {
  source = "git::https://user:secret@example.com/network.git?ref=v1.2.0"
}
module "github" {
  source = "github.com/hashicorp/example"
}
module "local" {
  source = "./modules/local"
}
module "url" {
  source = "https://example.com/#not-a-comment/vpc.zip"
}
""",
    )
    assert deps(output) == [
        ("terraform", "terraform-aws-modules/vpc/aws", "5.1.0"),
        ("terraform", "app.terraform.io/example-corp/consul/aws", "~> 0.1"),
        ("terraform", "terraform-aws-modules/iam/aws", None),
        ("terraform", "git::https://example.com/network.git", None),
        ("terraform", "github.com/hashicorp/example", None),
        ("terraform", "https://example.com/#not-a-comment/vpc.zip", None),
    ]
    vpc, consul, iam, git, github, url = output.dependencies
    assert vpc.evidence[0].line == 2 and vpc.evidence[0].reason == "module 'vpc' from the registry"
    assert "subdirectory 'modules/cluster'" in consul.evidence[0].reason
    assert iam.version_note == "no version constraint (any version)"
    assert git.version_note is not None and "ref 'v1.2.0'" in git.version_note
    assert "secret" not in repr(git)
    assert github.version_note is not None and "git module source" in github.version_note
    assert url.version_note is not None and url.version_note.startswith("http module source")
    assert output.technologies == () and output.failures == ()


def test_module_without_literal_source_is_a_failure() -> None:
    output = inspect(
        "main.tf",
        'module "a" {\n  source = var.src\n}\nmodule "b" {\n}\n'
        'module "c" {\n  source = "hashicorp/consul/aws"\n}\n',
    )
    assert deps(output) == [("terraform", "hashicorp/consul/aws", None)]
    first, second = output.failures
    assert first.kind == FailureKind.PARSE_ERROR
    assert first.reason == "line 1: module 'a': source is not a literal: var.src"
    assert second.reason == "line 4: module 'b': no source"
    assert first.path == "main.tf" and first.detector == "terraform"


def test_invalid_provider_source_is_a_failure_and_legacy_provider_version() -> None:
    output = inspect(
        "providers.tf",
        'terraform {\n  required_providers {\n    bad = { source = "a/b/c/d" }\n'
        '    mycloud = { source = "MyCorp/MyCloud" }\n'
        '    other = { source = "corp/other", version = ">= 2.0" }\n  }\n}\n'
        'provider "mycloud" {\n  version = "~> 1.0"\n}\n'
        'provider "other" {\n  version = "< 3.0"\n}\n'
        'provider "aws" {\n  version = "~> 2.70"\n  region = "eu-west-1"\n}\n'
        'provider "google" {\n  project = "x"\n}\n',
    )
    assert deps(output) == [
        ("terraform", "mycorp/mycloud", "~> 1.0"),
        ("terraform", "corp/other", ">= 2.0, < 3.0"),
        ("terraform", "hashicorp/aws", "~> 2.70"),
    ]
    mycloud, other, aws = output.dependencies
    assert [e.line for e in mycloud.evidence] == [4, 9]
    assert mycloud.version_note is None
    assert [e.line for e in other.evidence] == [5, 12]
    assert "deprecated" in aws.evidence[0].reason
    (failure,) = output.failures
    assert failure.reason == "line 3: required_providers entry 'bad': invalid source 'a/b/c/d'"


def test_cloud_block_and_templated_required_version() -> None:
    output = inspect(
        "main.tf",
        'terraform {\n  required_version = "${local.v}"\n'
        '  cloud {\n    organization = "org"\n  }\n}\n',
    )
    terraform, cloud = output.technologies
    assert terraform.version is None
    assert terraform.version_note == (
        'required_version is not a literal version constraint: "${local.v}"'
    )
    assert (cloud.key, cloud.name) == ("terraform-cloud", "HCP Terraform")


def test_empty_and_resource_only_files() -> None:
    assert inspect("empty.tf", "") == DetectorOutput()
    output = inspect(
        "main.tf",
        'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = {\n    Name = "y"\n  }\n}\n',
    )
    assert output == DetectorOutput()


def test_bom_crlf() -> None:
    text = 'terraform {\r\n  required_version = "~> 1.6"\r\n}\r\n'
    output = inspect("versions.tf", b"\xef\xbb\xbf" + text.encode())
    (terraform,) = output.technologies
    assert (terraform.version, terraform.evidence[0].line) == ("~> 1.6", 2)


def test_malformed_tf_is_an_error() -> None:
    with pytest.raises(DetectorError, match="line 3: block is never closed"):
        inspect("main.tf", '\n\nterraform {\n  required_version = "1"\n')


def test_tf_json() -> None:
    document = {
        "//": "generated",
        "terraform": {
            "required_version": ">= 1.3",
            "required_providers": {
                "aws": {"source": "hashicorp/aws", "version": "~> 5.0"},
                "legacy": "~> 1.0",
            },
            "backend": {"gcs": {"bucket": "b"}},
        },
        "provider": {"aws": [{"region": "us-east-1"}, {"alias": "eu", "version": "~> 5.1"}]},
        "module": {
            "vpc": {"source": "terraform-aws-modules/vpc/aws", "version": "5.1.0"},
            "dyn": {"source": "${var.x}"},
        },
    }
    output = inspect("cdk.tf.json", json.dumps(document))
    assert [(t.key, t.version) for t in output.technologies] == [
        ("terraform", ">= 1.3"),
        ("terraform-backend-gcs", None),
    ]
    assert deps(output) == [
        ("terraform", "hashicorp/aws", "~> 5.0, ~> 5.1"),
        ("terraform", "hashicorp/legacy", "~> 1.0"),
        ("terraform", "terraform-aws-modules/vpc/aws", "5.1.0"),
    ]
    assert all(d.evidence[0].line is None for d in output.dependencies)
    (failure,) = output.failures
    assert failure.reason == "module 'dyn': source is not a literal: ${var.x}"
    with pytest.raises(DetectorError, match="not valid JSON"):
        inspect("bad.tf.json", "{")
    with pytest.raises(DetectorError, match="expected a JSON object"):
        inspect("bad.tf.json", "[]")


def test_dependency_names_are_normalised() -> None:
    text = 'terraform {\n  required_providers {\n    x = { source = "Hashicorp/AWS" }\n  }\n}\n'
    output = inspect("a.tf", text)
    (dependency,) = output.dependencies
    assert isinstance(dependency, Dependency) and dependency.name == "hashicorp/aws"
