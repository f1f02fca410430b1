"""``.terraform.lock.hcl``: hand-made cases, malformed files, and the corpus lock file checked
against an independent count of its provider blocks."""

from __future__ import annotations

import re

import pytest
from helpers import require_corpus

from detectors.terraform.detector import TerraformDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, FailureKind

LOCK = """\
# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.31.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:abc=",
    "zh:0123",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.0"
  hashes = [
    "h1:def=",
  ]
}

provider "example.com/acme/thing" {
  version     = "1.0.0"
  constraints = ">= 1.0.0, < 2.0.0"
}
"""


def inspect(content: str | bytes, path: str = ".terraform.lock.hcl") -> DetectorOutput:
    data = content.encode() if isinstance(content, str) else content
    return TerraformDetector().inspect_file(SourceFile(FileContent(path, data), "terraform"))


def test_providers_are_resolved_direct_dependencies() -> None:
    output = inspect(LOCK)
    found = [(d.ecosystem, d.name, d.resolved, d.declared, d.direct) for d in output.dependencies]
    assert found == [
        ("terraform", "hashicorp/aws", "5.31.0", "~> 5.0", True),
        ("terraform", "hashicorp/random", "3.6.0", None, True),
        ("terraform", "example.com/acme/thing", "1.0.0", ">= 1.0.0, < 2.0.0", True),
    ]
    aws = output.dependencies[0]
    assert (aws.evidence[0].path, aws.evidence[0].line, aws.evidence[0].detector) == (
        ".terraform.lock.hcl",
        4,
        "terraform",
    )
    assert aws.evidence[0].reason == (
        ".terraform.lock.hcl provider registry.terraform.io/hashicorp/aws"
    )
    assert output.manifests == () and output.technologies == () and output.failures == ()


def test_bad_entries_are_failures_the_rest_is_read() -> None:
    output = inspect(
        'provider "not/a/valid/address/at/all" {\n  version = "1.0.0"\n}\n'
        'provider {\n}\n'
        'provider "hashicorp/null" {\n  constraints = "~> 3.0"\n}\n'
    )
    (null,) = output.dependencies
    assert (null.name, null.resolved, null.version_note) == (
        "hashicorp/null",
        None,
        "lock entry without a version",
    )
    first, second = output.failures
    assert first.kind == FailureKind.PARSE_ERROR
    assert first.reason.startswith("line 1: provider block with 'not/a/valid/address/at/all'")
    assert second.reason.startswith("line 4: provider block with no label")


def test_comment_only_lock_is_empty_and_malformed_ones_are_errors() -> None:
    assert inspect("# nothing locked yet\n").dependencies == ()
    with pytest.raises(DetectorError, match="empty file"):
        inspect("")
    with pytest.raises(DetectorError, match="line 1: block is never closed"):
        inspect('provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.0.0"\n')
    with pytest.raises(DetectorError, match="line 2: unterminated string"):
        inspect('provider "hashicorp/aws" {\n  version = "5.0.0\n}\n')


def test_crlf_and_bom() -> None:
    output = inspect(b"\xef\xbb\xbf" + LOCK.replace("\n", "\r\n").encode())
    assert [d.name for d in output.dependencies] == [
        "hashicorp/aws",
        "hashicorp/random",
        "example.com/acme/thing",
    ]
    assert output.dependencies[1].evidence[0].line == 13


def test_pythondotorg_lock_against_an_independent_count() -> None:
    path = require_corpus() / "python__pythondotorg" / "infra" / ".terraform.lock.hcl"
    text = path.read_text(encoding="utf-8")
    # Independently: provider block headers, and their version lines, by plain text search.
    headers = re.findall(r'^provider "([^"]+)" \{$', text, re.M)
    versions = re.findall(r'^  version\s+= "([^"]+)"$', text, re.M)
    assert text.count('provider "') == len(headers) == len(versions) == 2
    output = inspect(text, "infra/.terraform.lock.hcl")
    assert output.failures == ()
    assert len(output.dependencies) == len(headers)
    assert [d.name for d in output.dependencies] == [
        header.removeprefix("registry.terraform.io/") for header in headers
    ]
    assert [d.resolved for d in output.dependencies] == versions
    assert [(d.name, d.resolved, d.declared) for d in output.dependencies] == [
        ("fastly/fastly", "5.13.0", ">= 5.13.0"),
        ("signalsciences/sigsci", "3.3.0", "3.3.0"),
    ]
