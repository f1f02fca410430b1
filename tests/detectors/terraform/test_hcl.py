"""The HCL reader: structure, literals, what it leaves opaque, lines, and its errors."""

from __future__ import annotations

import pytest

from detectors.terraform.hcl import Opaque, parse_hcl
from scanner.errors import DetectorError

CONFIG = """\
# A comment
// another
/* a block
   comment */
terraform {
  required_version = ">= 1.5" # trailing
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    legacy = "~> 2.0"
  }
  backend "s3" { bucket = "state" }
}

locals {
  number   = 42
  float    = 2.5
  flags    = [true, false, null]
  list     = [
    "a",
    "b", # comment in a list
  ]
  object   = { "quoted": 1, bare = "x",
    nested = { deep = ["y"] } }
  escaped  = "tab\\tquote\\"unicode\\u00e9"
  literal  = "$${not} %%{a template}"
  template = "${var.name}-${lookup(var.map, "key", "}")}"
  heredoc  = <<-EOT
    hello ${var.name}
    } unbalanced { inside a heredoc is fine
    EOT
  cond     = var.enabled ? "yes" : "no"
  for_list = [for s in var.list : upper(s)]
  for_obj  = { for k, v in var.map : k => v if v != null }
  splat    = aws_instance.web[*].id
  call     = merge(local.a, {
    b = 1
  })
  negative = -1
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
}
"""


def test_blocks_attributes_and_lines() -> None:
    body = parse_hcl(CONFIG)
    assert [(b.type, b.labels, b.line) for b in body.blocks] == [
        ("terraform", (), 5),
        ("locals", (), 17),
        ("module", ("vpc",), 44),
    ]
    terraform = body.blocks[0].body
    assert terraform.attributes["required_version"].value == ">= 1.5"
    assert terraform.attributes["required_version"].line == 6
    providers, backend = terraform.blocks
    assert providers.type == "required_providers" and providers.line == 7
    aws = {"source": "hashicorp/aws", "version": "~> 5.0"}
    assert providers.body.attributes["aws"].value == aws
    assert providers.body.attributes["aws"].line == 8
    assert providers.body.attributes["legacy"].value == "~> 2.0"
    assert (backend.type, backend.labels, backend.line) == ("backend", ("s3",), 14)
    assert backend.body.attributes["bucket"].value == "state"
    module = body.blocks[2].body.attributes
    assert (module["source"].value, module["version"].value) == (
        "terraform-aws-modules/vpc/aws",
        "5.1.0",
    )
    assert module["version"].line == 46


def test_literals() -> None:
    values = {name: a.value for name, a in parse_hcl(CONFIG).blocks[1].body.attributes.items()}
    assert values["number"] == 42
    assert values["float"] == 2.5
    assert values["flags"] == [True, False, None]
    assert values["list"] == ["a", "b"]
    assert values["object"] == {"quoted": 1, "bare": "x", "nested": {"deep": ["y"]}}
    assert values["escaped"] == 'tab\tquote"unicodeé'
    assert values["literal"] == "${not} %{a template}"


def test_expressions_stay_opaque_with_their_source() -> None:
    locals_ = parse_hcl(CONFIG).blocks[1].body.attributes
    assert locals_["template"].value == Opaque('"${var.name}-${lookup(var.map, "key", "}")}"')
    assert locals_["cond"].value == Opaque('var.enabled ? "yes" : "no"')
    assert locals_["for_list"].value == Opaque("[for s in var.list : upper(s)]")
    assert locals_["for_obj"].value == Opaque("{ for k, v in var.map : k => v if v != null }")
    assert locals_["splat"].value == Opaque("aws_instance.web[*].id")
    assert locals_["negative"].value == Opaque("-1")
    call = locals_["call"].value
    assert isinstance(call, Opaque) and call.text.startswith("merge(local.a, {")
    heredoc = locals_["heredoc"].value
    assert isinstance(heredoc, Opaque) and heredoc.text.startswith("<<-EOT")
    assert locals_["cond"].line == 34  # the heredoc's lines were counted


def test_one_line_blocks_crlf_and_empty() -> None:
    body = parse_hcl('a { b = 1 }\r\nc "x" "y" {}\r\nd {\r\n}\r\n')
    assert [(b.type, b.labels, b.line) for b in body.blocks] == [
        ("a", (), 1),
        ("c", ("x", "y"), 2),
        ("d", (), 3),
    ]
    assert body.blocks[0].body.attributes["b"].value == 1
    assert parse_hcl("").blocks == []
    assert parse_hcl("# only a comment").attributes == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a = "unterminated\n', r"line 1: unterminated string"),
        ("a = 1\n/* never closed\n", r"line 2: unterminated /\* comment"),
        ("a = <<EOT\nno end\n", r"line 1: heredoc EOT is never closed"),
        ("block {\n  a = 1\n", r"line 1: block is never closed"),
        ("a = 1\n}\n", r"line 2: '}' without an open block"),
        ("a = [1, 2\n", r"line 1: '\[' is never closed"),
        ("a = (1 + 2]\n", r"line 1: unbalanced '\]'"),
        ("a = 1\na = 2\n", r"line 2: attribute 'a' is defined twice \(first at line 1\)"),
        ("a = \n", r"line 1: expected a value, found newline"),
        ("a = 1 b = 2\n", r"line 1: unexpected '=' in an expression"),
        ("a = 1\nb {} c = 2\n", r"line 2: expected a new line after 'b'"),
        ('"quoted" = 1\n', r"line 1: expected an attribute or a block"),
        ("a = 1 ; b\n", r"line 1: unexpected character ';'"),
        ('a = "bad \\q escape"\n', r"line 1: invalid escape sequence"),
        ("block label\n", r"line 1: expected '=' or a block after 'block'"),
        ("a = { b c }\n", r"line 1: expected '=' or ':' after an object key"),
        ("a = << EOT\n", r"line 1: '<<' does not start a heredoc"),
        ('a = "${never closed\n', r"line 1: unterminated template sequence"),
    ],
)
def test_syntax_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_hcl(text)
