"""Variable interpolation (Compose and Dockerfile dialects) and ``.env`` files."""

from __future__ import annotations

import pytest

from detectors.common.images import UNRESOLVED
from detectors.common.interpolation import InterpolationError, interpolate
from detectors.containers.dotenv import parse_dotenv

ENV = {"TAG": "1.2", "EMPTY": "", "REG": "ghcr.io"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgres:15", "postgres:15"),
        ("app:${TAG}", "app:1.2"),
        ("app:$TAG", "app:1.2"),
        ("app:$TAG-slim", "app:1.2-slim"),
        ("$REG/app", "ghcr.io/app"),
        ("app:${MISSING:-3.11}", "app:3.11"),
        ("app:${MISSING-3.11}", "app:3.11"),
        ("app:${EMPTY:-3.11}", "app:3.11"),
        ("app:${EMPTY-3.11}", "app:"),
        ("app:${TAG:-9}", "app:1.2"),
        ("app${TAG:+-tagged}", "app-tagged"),
        ("app${MISSING:+-tagged}", "app"),
        ("app${EMPTY:+-x}", "app"),
        ("app${EMPTY+-x}", "app-x"),
        ("${MISSING:-${REG}}/app", "ghcr.io/app"),
        ("${MISSING:-${ALSO_MISSING:-docker.io}}/app", "docker.io/app"),
        ("cost $$5 and $$TAG", "cost $5 and $TAG"),
        ("a $ b $1", "a $ b $1"),
        ("app:${TAG:?tag is required}", "app:1.2"),
    ],
)
def test_compose_dialect(text: str, expected: str) -> None:
    result = interpolate(text, ENV.get)
    assert result.text == expected
    assert result.resolved


def test_records_how_each_variable_was_resolved() -> None:
    result = interpolate("${REG}/app:${V:-3}${REG}", ENV.get)
    assert result.used == (("REG", "ghcr.io"),)
    assert result.defaulted == (("V", "3"),)
    assert result.unresolved == ()


@pytest.mark.parametrize(
    ("text", "expected", "unresolved"),
    [
        ("app:${VERSION}", f"app:{UNRESOLVED}", ("VERSION",)),
        ("app:$VERSION-$OTHER", f"app:{UNRESOLVED}-{UNRESOLVED}", ("VERSION", "OTHER")),
        ("app:${VERSION:?set it}", f"app:{UNRESOLVED}", ("VERSION",)),
        ("app:${VERSION#v}", f"app:{UNRESOLVED}", ("VERSION",)),
        ("${IMAGE}:${IMAGE}", f"{UNRESOLVED}:{UNRESOLVED}", ("IMAGE",)),
        ("app:${1}", f"app:{UNRESOLVED}", ("1",)),
    ],
)
def test_unresolved_references(text: str, expected: str, unresolved: tuple[str, ...]) -> None:
    result = interpolate(text, ENV.get)
    assert result.text == expected
    assert result.unresolved == unresolved
    assert not result.resolved


def test_dockerfile_escapes() -> None:
    assert interpolate(r"a\$TAG $TAG", ENV.get, escape="\\").text == "a$TAG 1.2"
    assert interpolate("a`$TAG $TAG", ENV.get, escape="`").text == "a$TAG 1.2"
    # In the Dockerfile dialect $$ is not an escape.
    assert interpolate("$$", ENV.get, escape="\\").text == "$$"


def test_unclosed_reference_is_an_error() -> None:
    with pytest.raises(InterpolationError, match="unclosed"):
        interpolate("app:${TAG", ENV.get)


def test_runaway_nesting_is_an_error() -> None:
    text = "${A:-" * 30 + "x" + "}" * 30
    with pytest.raises(InterpolationError, match="nested too deeply"):
        interpolate(text, ENV.get)


def test_dotenv() -> None:
    text = (
        "# settings\r\n"
        "export A=1\r\n"
        'B="x ${A}\\n y"\n'
        "C='literal $A'\n"
        "D=plain value # comment\n"
        'E="two\nlines"\n'
        "F=${NOT_DEFINED}\n"
        "G=${A}.2\n"
        'H="\\$A"\n'
        "  I = spaced  \n"
        "not an assignment\n"
        "J=\n"
    )
    assert parse_dotenv(text) == {
        "A": "1",
        "B": "x 1\n y",
        "C": "literal $A",
        "D": "plain value",
        "E": "two\nlines",
        "G": "1.2",
        "H": "$A",
        "I": "spaced",
        "J": "",
    }


def test_dotenv_unclosed_quote_takes_the_rest() -> None:
    assert parse_dotenv('A="open\nB=2') == {"A": "open\nB=2"}
