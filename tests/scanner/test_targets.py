from __future__ import annotations

from pathlib import Path

import pytest

from scanner.errors import TargetError
from scanner.targets import parse_target, redact_url, scrub_credentials, validate_ref


def test_local_directory(tmp_path: Path) -> None:
    target = parse_target(str(tmp_path))
    assert target.kind == "path"
    assert target.name == tmp_path.name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://github.com/pallets/flask.git", "flask"),
        ("ssh://git@github.com/pallets/flask", "flask"),
        ("git://example.org/repo.git", "repo"),
        ("file:///srv/git/project.git", "project"),
        ("git@github.com:pallets/flask.git", "flask"),
    ],
)
def test_accepted_urls(url: str, name: str) -> None:
    target = parse_target(url)
    assert target.kind == "url"
    assert target.name == name


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ext::sh -c touch% /tmp/pwned", "transport ext:: is not accepted"),
        ("fd::17", "transport fd:: is not accepted"),
        ("http://example.org/repo.git", "http:// URLs are not accepted"),
        ("ftp://example.org/repo.git", "ftp:// URLs are not accepted"),
        ("--upload-pack=touch /tmp/pwned", "looks like an option"),
        ("-uevil", "looks like an option"),
        ("https://example.org/a\nb", "control characters"),
        ("", "non-empty"),
        ("definitely/not/here", "no such directory"),
    ],
)
def test_refused_targets(raw: str, message: str) -> None:
    with pytest.raises(TargetError, match=message):
        parse_target(raw)


def test_a_file_is_not_a_target(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("x")
    with pytest.raises(TargetError, match="is not a directory"):
        parse_target(str(path))


def test_credentials_never_reach_the_display_form() -> None:
    target = parse_target("https://user:s3cr3t-token@example.org/org/repo.git")
    assert target.display == "https://example.org/org/repo.git"
    assert "s3cr3t" not in target.name
    assert target.location.startswith("https://user:s3cr3t-token@")


def test_token_as_user_name_is_removed_too() -> None:
    assert redact_url("https://ghp_abc123@github.com/o/r") == "https://github.com/o/r"
    assert redact_url("https://github.com/o/r") == "https://github.com/o/r"


def test_scrub_removes_credentials_from_messages() -> None:
    target = parse_target("https://user:hunter2@example.org/r.git")
    message = "fatal: could not read from https://user:hunter2@example.org/r.git"
    assert "hunter2" not in scrub_credentials(message, target)
    assert "other://bob:pw@host/x" not in scrub_credentials("see other://bob:pw@host/x", target)


@pytest.mark.parametrize("ref", ["main", "v1.2.3", "release/2024.1", "a1b2c3d", "HEAD~1"])
def test_acceptable_refs(ref: str) -> None:
    assert validate_ref(ref) == ref


@pytest.mark.parametrize(
    "ref", ["--upload-pack=x", "-x", "main:refs/heads/evil", "a..b", "has space", "x\ny"]
)
def test_refused_refs(ref: str) -> None:
    with pytest.raises(TargetError):
        validate_ref(ref)
