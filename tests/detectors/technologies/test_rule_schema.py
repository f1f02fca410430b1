"""The rule file schema: what a valid file gives, and a clear RuleError for each way a file
can break it (the file and the key named)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.technologies.rules import RuleError, load_rules, parse_rule

VALID = """\
key = "django"
name = "Django"
category = "framework"
endoflife = "django"
dependencies = ["pypi:django"]
files = ["manage.py"]
"""


def test_a_valid_rule_gives_every_field() -> None:
    rule = parse_rule(
        'key = "vue2"\nname = "Vue.js 2"\ncategory = "framework"\nversions = "<3"\n'
        'dependencies = ["npm:vue"]\nclients = ["docker:bitnami/x", "npm:@vue2/*"]\n'
        'images = ["bitnami/vue"]\nfiles = ["vue.config.*"]\n'
        'examples = ["npm:@vue2/x", "vue.config.js"]\n',
        "vue2.toml",
    )
    assert (rule.key, rule.name, rule.category, rule.versions) == (
        "vue2",
        "Vue.js 2",
        "framework",
        "<3",
    )
    assert rule.dependencies == ("npm:vue",)
    assert rule.clients == ("docker:bitnami/x", "npm:@vue2/*")
    assert rule.images == ("bitnami/vue",)
    assert rule.files == ("vue.config.*",)
    assert rule.admits((2, 7, 16)) and not rule.admits((3, 4)) and rule.admits(None)


def test_a_rule_file_with_a_bom_and_crlf_lines_loads(tmp_path: Path) -> None:
    (tmp_path / "django.toml").write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    (rule,) = load_rules(tmp_path)
    assert rule.dependencies == ("pypi:django",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('colour = "red"\n', "rules/django.toml: colour: unknown key"),
        ('key = "flask"\n', "rules/django.toml: key: 'flask' does not match the file name"),
        ('key = "Django"\n', "key: 'Django' is not lower-case"),
        ('name = ""\n', "name: must be a non-empty string"),
        ('category = "web"\n', "category: 'web' is not one of"),
        ('endoflife = "Django Project"\n', "endoflife: 'Django Project' is not an endoflife"),
        ('versions = "<<3"\n', "versions: not a PEP 440 specifier"),
        ('dependencies = "pypi:django"\n', "dependencies: must be a list of non-empty strings"),
        ('dependencies = ["django"]\n', "dependencies: 'django' does not start with an ecosystem"),
        ('dependencies = ["pip:django"]\n', "'pip:django' does not start with an ecosystem"),
        ('dependencies = ["pypi:Django_Core"]\n', "is not normalised (write 'django-core')"),
        ('dependencies = ["nuget:Microsoft.AspNetCore.Mvc"]\n', "write 'microsoft.aspnetcore.mvc'"),
        ('dependencies = ["npm:@aws-sdk/*-client"]\n', "'*' may only end it"),
        ('dependencies = ["npm:*"]\n', "a name is required"),
        ('dependencies = ["docker:postgres"]\n', "'docker:postgres' does not start with an eco"),
        ('dependencies = ["pypi:django", "pypi:django"]\n', "'pypi:django' is listed twice"),
        ('dependencies = [" pypi:django"]\n', "without surrounding spaces"),
        ('dependencies = ["pypi:django-*"]\n', "examples: required for the wildcard"),
        ('files = ["next.config.*"]\n', "examples: required for the wildcard 'next.config.*'"),
        ('files = ["/manage.py"]\n', "files: '/manage.py' must be a base name or a relative"),
        ('images = ["Postgres"]\n', "image 'Postgres' must be a lower-case repository name"),
        ('images = ["postgres:15"]\n', "must name a repository, without tag, digest or '*'"),
        ('images = ["postgres@sha256:abc"]\n', "without tag, digest"),
        ('images = ["library/postgres"]\n', "leave out the default registry and 'library/'"),
        ('images = ["docker.io/postgres"]\n', "leave out the default registry"),
        ('clients = ["docker:Bitnami/x"]\n', "clients: image 'Bitnami/x' must be a lower-case"),
        ("examples = [3]\n", "examples: must be a list of non-empty strings"),
    ],
)
def test_each_schema_violation_is_named_with_file_and_key(change: str, message: str) -> None:
    field = change.partition(" ")[0]
    lines = [line for line in VALID.splitlines(keepends=True) if not line.startswith(field + " ")]
    with pytest.raises(RuleError) as raised:
        parse_rule("".join(lines) + change, "django.toml")
    assert message in str(raised.value)
    assert str(raised.value).startswith("rules/django.toml")


def test_missing_required_keys_and_empty_claims_are_errors() -> None:
    with pytest.raises(RuleError, match=r"rules/django.toml: name: missing"):
        parse_rule('key = "django"\ncategory = "framework"\nfiles = ["manage.py"]\n', "django.toml")
    with pytest.raises(RuleError, match=r"rules/django.toml: category: missing"):
        parse_rule('key = "django"\nname = "Django"\nfiles = ["manage.py"]\n', "django.toml")
    with pytest.raises(RuleError, match="claims nothing"):
        parse_rule('key = "django"\nname = "Django"\ncategory = "framework"\n', "django.toml")


def test_invalid_toml_is_an_error_naming_the_file() -> None:
    with pytest.raises(RuleError, match=r"^rules/django.toml: not valid TOML: "):
        parse_rule('key = "django\n', "django.toml")


def test_loading_a_directory_stops_at_the_first_bad_file_and_needs_rules(tmp_path: Path) -> None:
    (tmp_path / "django.toml").write_text(VALID)
    (tmp_path / "README.md").write_text("not a rule")
    assert [rule.key for rule in load_rules(tmp_path)] == ["django"]
    (tmp_path / "flask.toml").write_text(VALID)
    with pytest.raises(RuleError, match=r"rules/flask.toml: key: 'django' does not match"):
        load_rules(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RuleError, match="no rule files"):
        load_rules(empty)
    with pytest.raises(RuleError, match="is the package data installed"):
        load_rules(tmp_path / "missing")
