"""How each runtime's version words are read: key, version, exactness and note."""

from __future__ import annotations

import pytest

from detectors.runtimes.interpret import (
    NODE_LTS_CODENAMES,
    elixir,
    erlang,
    go,
    java,
    nodejs,
    python,
    ruby,
    rust,
    terraform,
)
from detectors.runtimes.pins import Interpreter, Pin, exactness, generic, with_manager_prefix

R, D = "resolved", "declared"


def brief(pins: list[Pin]) -> list[tuple[str, str | None, str | None]]:
    return [(pin.key, pin.version, pin.source) for pin in pins]


@pytest.mark.parametrize(
    ("interpret", "raw", "expected"),
    [
        (python, "3.12.4", [("python", "3.12.4", R)]),
        (python, "3.12", [("python", "3.12", D)]),
        (python, "3.13.0rc1", [("python", "3.13.0rc1", R)]),
        (python, "3.13t", [("python", "3.13", D)]),
        (python, "3.12-dev", [("python", "3.12", D)]),
        (python, "cpython@3.12", [("python", "3.12", D)]),
        (python, "cpython-3.12.3-macos-aarch64-none", [("python", "3.12.3", R)]),
        (python, ">=3.11,<3.13", [("python", ">=3.11,<3.13", D)]),
        (python, "pypy3.10-7.3.12", [("python", "3.10", D), ("pypy", "7.3.12", R)]),
        (python, "pypy-5.7.1", [("python", None, None), ("pypy", "5.7.1", R)]),
        (python, "system", [("python", None, None)]),
        (python, "miniconda3-latest", [("python", None, None)]),
        (python, "my-virtualenv", [("python", None, None)]),
        (nodejs, "v18.17.0", [("nodejs", "18.17.0", R)]),
        (nodejs, "18.17.0", [("nodejs", "18.17.0", R)]),
        (nodejs, "18", [("nodejs", "18", D)]),
        (nodejs, "v20.11", [("nodejs", "20.11", D)]),
        (nodejs, "lts/hydrogen", [("nodejs", "18", D)]),
        (nodejs, "lts/Iron", [("nodejs", "20", D)]),
        (nodejs, "lts/*", [("nodejs", None, None)]),
        (nodejs, "node", [("nodejs", None, None)]),
        (nodejs, "lts/unknownname", [("nodejs", None, None)]),
        (ruby, "3.2.2", [("ruby", "3.2.2", R)]),
        (ruby, "ruby-3.2.2", [("ruby", "3.2.2", R)]),
        (ruby, "3.2", [("ruby", "3.2", D)]),
        (ruby, "2.0.0-p247", [("ruby", "2.0.0-p247", R)]),
        (ruby, "ruby-3.1.2@myapp", [("ruby", "3.1.2", R)]),
        (ruby, "jruby-9.4", [("ruby", None, None), ("jruby", "9.4", D)]),
        (ruby, "jruby-9.4.3.0", [("ruby", None, None), ("jruby", "9.4.3.0", R)]),
        (ruby, "truffleruby+graalvm-23.1.1", [("ruby", None, None), ("truffleruby", "23.1.1", R)]),
        (java, "17", [("java", "17", D)]),
        (java, "21.0", [("java", "21.0", D)]),
        (java, "17.0.9", [("java", "17.0.9", R)]),
        (java, "1.8", [("java", "8", D)]),
        (java, "1.8.0_292", [("java", "8.0.292", R)]),
        (java, "temurin-21", [("java", "21", D)]),
        (java, "openjdk-17", [("java", "17", D)]),
        (java, "openjdk64-17.0.2", [("java", "17.0.2", R)]),
        (java, "zulu-17.38.21", [("java", "17", D)]),
        (java, "graalvm-22.3.0+java17", [("java", "17", D)]),
        (go, "1.21.5", [("go", "1.21.5", R)]),
        (go, "go1.22.0", [("go", "1.22.0", R)]),
        (go, "1.20", [("go", "1.20", R)]),
        (go, "1.21", [("go", "1.21", D)]),
        (go, "1.22rc1", [("go", "1.22rc1", R)]),
        (rust, "1.76.0", [("rust", "1.76.0", R)]),
        (rust, "1.76", [("rust", "1.76", D)]),
        (rust, "stable", [("rust", None, None)]),
        (rust, "nightly-2024-01-01", [("rust", None, None)]),
        (rust, "1.76.0-x86_64-unknown-linux-gnu", [("rust", "1.76.0", R)]),
        (erlang, "23.0.3", [("erlang", "23.0.3", R)]),
        (erlang, "25.3", [("erlang", "25.3", R)]),
        (erlang, "26", [("erlang", "26", D)]),
        (elixir, "1.11.2-otp-23", [("elixir", "1.11.2", R)]),
        (elixir, "1.16", [("elixir", "1.16", D)]),
        (terraform, "1.5.7", [("terraform", "1.5.7", R)]),
        (terraform, "latest:^1.5", [("terraform", None, None)]),
        (terraform, "min-required", [("terraform", None, None)]),
    ],
)
def test_version_words(
    interpret: Interpreter, raw: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    pins = interpret(raw)
    assert brief(pins) == expected
    for pin in pins:
        if pin.version is None:
            assert pin.note, f"{raw}: a pin without a version must say why"


def test_every_lts_codename_gives_its_major() -> None:
    assert NODE_LTS_CODENAMES == {
        "argon": 4, "boron": 6, "carbon": 8, "dubnium": 10, "erbium": 12, "fermium": 14,
        "gallium": 16, "hydrogen": 18, "iron": 20, "jod": 22, "krypton": 24,
    }  # fmt: skip
    for codename, major in NODE_LTS_CODENAMES.items():
        assert brief(nodejs(f"lts/{codename}")) == [("nodejs", str(major), D)]


def test_notes_say_what_an_alias_means() -> None:
    (lts,) = nodejs("lts/*")
    assert lts.note is not None and "long-term-support" in lts.note
    (hydrogen,) = nodejs("lts/hydrogen")
    assert hydrogen.note is not None and "Hydrogen" in hydrogen.note
    (legacy,) = java("1.8")
    assert legacy.note is not None and "1.8" in legacy.note
    (otp,) = elixir("1.11.2-otp-23")
    assert otp.note == "compiled for Erlang/OTP 23"
    (nightly,) = rust("nightly-2024-01-01")
    assert nightly.note is not None and "2024-01-01" in nightly.note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.2.3", R),
        ("1.2.3-beta.1", R),
        ("1.2", D),
        ("1", D),
        ("~> 1.2", D),
        ("^18", D),
        ("18.x", D),
        ("latest", None),
        ("main", None),
    ],
)
def test_exactness(raw: str, expected: str | None) -> None:
    assert exactness(raw) == expected


def test_manager_prefixes() -> None:
    interpret = generic("kubectl")
    assert brief(with_manager_prefix("kubectl", "1.29.0", interpret)) == [
        ("kubectl", "1.29.0", R)
    ]
    (ref,) = with_manager_prefix("kubectl", "ref:abc123", interpret)
    assert ref.version is None and ref.note is not None and "abc123" in ref.note
    (path,) = with_manager_prefix("kubectl", "path:/opt/kubectl", interpret)
    assert path.version is None and path.note is not None
    (prefix,) = with_manager_prefix("python", "prefix:3.11.4", python)
    assert (prefix.version, prefix.source) == ("3.11.4", D)
    (latest,) = with_manager_prefix("nodejs", "latest:20", nodejs)
    assert (latest.version, latest.source) == ("20", D)
    (sub,) = with_manager_prefix("nodejs", "sub-1:latest", nodejs)
    assert sub.version is None and sub.note is not None
