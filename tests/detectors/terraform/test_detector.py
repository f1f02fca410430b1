"""The Terraform detector through whole scans: modules as components, declarations merged with
the lock file, and corpus trees (needs ../shared/corpus; fails without it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import require_corpus

from detectors.runtimes.detector import RuntimesDetector
from detectors.terraform.detector import TerraformDetector
from scanner.config import Settings
from scanner.dispatch import Dispatcher
from scanner.model import Category, FailureKind, Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource


def scan(root: Path, *extra: type[RuntimesDetector]) -> RepositoryScan:
    return scan_source(
        DirectorySource(root),
        Repository("repo", str(root)),
        [TerraformDetector, *extra],
        Settings(),
    )


PROVIDERS = """\
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}
"""

LOCK = """\
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.31.0"
  constraints = "~> 5.0"
}
"""


def test_modules_are_components_and_lock_merges_with_declarations(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "infra/versions.tf": PROVIDERS,
            "infra/main.tf": 'module "vpc" {\n  source = "./modules/vpc"\n}\n',
            "infra/.terraform.lock.hcl": LOCK,
            "infra/.terraform-version": "1.6.6\n",
            "infra/modules/vpc/main.tf": 'resource "aws_vpc" "this" {\n  cidr_block = "x"\n}\n',
            "infra/.terraform/modules/cached/main.tf": "this is { not read",
            "docs/README.md": "terraform apply\n",
        }
    )
    result = scan(root, RuntimesDetector)
    assert result.failures == ()
    assert [(c.path, c.ecosystems, c.manifests) for c in result.components] == [
        (".", (), ()),
        ("infra", ("terraform",), ("infra/versions.tf",)),
        ("infra/modules/vpc", ("terraform",), ("infra/modules/vpc/main.tf",)),
    ]
    (aws,) = result.dependencies
    assert (aws.component, aws.name, aws.declared, aws.resolved, aws.direct) == (
        "infra",
        "hashicorp/aws",
        "~> 5.0",
        "5.31.0",
        True,
    )
    assert aws.purl == "pkg:terraform/hashicorp/aws@5.31.0"
    assert {(e.path, e.line) for e in aws.evidence} == {
        ("infra/versions.tf", 4),
        ("infra/.terraform.lock.hcl", 1),
    }
    terraform = {
        (t.component, t.version, t.version_source): t
        for t in result.technologies
        if t.key == "terraform"
    }
    assert set(terraform) == {
        ("infra", ">= 1.5", "declared"),
        ("infra", "1.6.6", "resolved"),
        ("infra/modules/vpc", None, None),
    }
    declared = terraform[("infra", ">= 1.5", "declared")]
    assert declared.category == Category.INFRASTRUCTURE
    assert [(e.path, e.line) for e in declared.evidence] == [("infra/versions.tf", 2)]
    (manifest_evidence,) = result.components[1].evidence
    assert manifest_evidence.reason == "Terraform module (2 configuration files)"
    assert terraform[("infra/modules/vpc", None, None)].version_note == (
        "no required_version read in this module"
    )


def test_a_module_whose_files_fail_is_still_a_component(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"stack/main.tf": "terraform {\n", "stack/other.tf": b"\0\0binary"})
    result = scan(root)
    assert [c.path for c in result.components] == [".", "stack"]
    failures = {(f.path, f.kind) for f in result.failures}
    assert failures == {
        ("stack/main.tf", FailureKind.PARSE_ERROR),
        ("stack/other.tf", FailureKind.BINARY),
    }
    parse_error = next(f for f in result.failures if f.kind == FailureKind.PARSE_ERROR)
    assert parse_error.reason == "line 1: block is never closed"
    assert parse_error.detector == "terraform"


def test_selector() -> None:
    dispatcher = Dispatcher([TerraformDetector()])
    for path in ("main.tf", "a/b/VARIABLES.TF", "cdk.tf.json", "infra/.terraform.lock.hcl"):
        assert dispatcher.wanted_by(path), path
    for path in ("terraform.tfvars", "x.tfstate", "main.hcl", "tf.json", "lock.hcl"):
        assert not dispatcher.wanted_by(path), path


def test_corpus_terraform_trees(corpus_tree: Callable[[str], Path]) -> None:
    """pythondotorg copied only the lock file and microservices-demo no Terraform file at all:
    their ``*.tf`` are sparse NUL-filled files, read as binary. The modules are components
    all the same, and the lock's providers belong to ``infra``."""
    require_corpus()
    result = scan(corpus_tree("python__pythondotorg"))
    assert {(c.path, c.manifests) for c in result.components} == {
        (".", ()),
        ("infra", ("infra/main.tf",)),
        ("infra/cdn", ("infra/cdn/versions.tf",)),
    }
    assert {f.kind for f in result.failures} == {FailureKind.BINARY}
    assert all(f.path is not None and f.path.endswith(".tf") for f in result.failures)
    assert [(d.component, d.name, d.resolved) for d in result.dependencies] == [
        ("infra", "fastly/fastly", "5.13.0"),
        ("infra", "signalsciences/sigsci", "3.3.0"),
    ]
    demo = scan(corpus_tree("GoogleCloudPlatform__microservices-demo"))
    assert {c.path for c in demo.components if "terraform" in c.ecosystems} == {
        ".github/terraform",
        "terraform",
    }
    assert {f.kind for f in demo.failures} == {FailureKind.BINARY}
    assert demo.dependencies == ()
