"""Parsing: the scheme registry, pre-release flags and release numbers, what is not a
version, and garbage of every kind, which never makes a scheme raise."""

from __future__ import annotations

import random

import pytest

from scanner.releases.versions import ParsedVersion, VersionScheme, scheme_for

ECOSYSTEMS = (
    "pypi", "npm", "cargo", "golang", "maven", "gem", "composer", "nuget", "githubactions",
)  # fmt: skip

# (ecosystem, version, prerelease, major, minor)
FLAGS = [
    ("pypi", "1.0rc1", True, 1, 0),
    ("pypi", "1.0.dev0", True, 1, 0),
    ("pypi", "1.0.post1", False, 1, 0),
    ("pypi", "2026.3", False, 2026, 3),
    ("pypi", "3", False, 3, 0),
    ("pypi", "1!2.3.4", False, 2, 3),
    ("npm", "1.2.3-beta.1", True, 1, 2),
    ("npm", "v1.2.3+build.7", False, 1, 2),
    ("cargo", "0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8", False, 0, 7),
    ("cargo", "1.0.0-rc.1", True, 1, 0),
    ("golang", "v0.0.0-20191109021931-daa7c04131f5", True, 0, 0),
    ("golang", "v1.2.4-0.20191109021931-daa7c04131f5", True, 1, 2),
    ("golang", "v29.7.2+incompatible", False, 29, 7),
    ("golang", "v2", False, 2, 0),
    ("maven", "1.0-SNAPSHOT", True, 1, 0),
    ("maven", "2.0.0.M1", True, 2, 0),
    ("maven", "1.0-alpha-1", True, 1, 0),
    ("maven", "5.3.8.RC1", True, 5, 3),
    ("maven", "1.0.0.RELEASE", False, 1, 0),
    ("maven", "4.38.61.ALL", False, 4, 38),
    ("maven", "31.1-jre", False, 31, 1),
    ("maven", "1.0-sp1", False, 1, 0),
    ("maven", "r09", False, None, None),
    ("gem", "1.0.0.pre", True, 1, 0),
    ("gem", "1.0.0-rc1", True, 1, 0),
    ("gem", "7.2.2.1", False, 7, 2),
    ("composer", "v1.2.3", False, 1, 2),
    ("composer", "1.0.0-beta2", True, 1, 0),
    ("composer", "1.0.0-dev", True, 1, 0),
    ("composer", "1.0.0-p1", False, 1, 0),
    ("composer", "1.0.x-dev", True, 1, 0),
    ("composer", "2", False, 2, 0),
    ("nuget", "1.0.0-Beta", True, 1, 0),
    ("nuget", "1.2.3.4", False, 1, 2),
    ("githubactions", "v4", False, 4, 0),
    ("githubactions", "4.1", False, 4, 1),
    ("githubactions", "v1.0.0-beta.1", True, 1, 0),
]

# (ecosystem, text): not a version of that ecosystem.
NOT_VERSIONS = [
    ("pypi", "1.0+"),
    ("pypi", "not-a-version"),
    ("pypi", "1..0"),
    ("npm", "1.2"),
    ("npm", "01.2.3"),
    ("npm", "1.2.3.4"),
    ("npm", "1.2.3-01"),
    ("npm", "=1.2.3"),
    ("npm", "^1.2.3"),
    ("cargo", "v1.2.3"),
    ("cargo", "1.2"),
    ("golang", "1.2.3"),
    ("golang", "v1.2.3.4"),
    ("golang", "v01.2.3"),
    ("golang", "v1-beta"),
    ("maven", "${project.version}"),
    ("maven", "LATEST"),
    ("maven", "RELEASE"),
    ("maven", "[1.0,2.0)"),
    ("maven", "1.0 beta"),
    ("gem", "v1.0"),
    ("gem", "1.0-"),
    ("gem", ".1"),
    ("gem", "1..0"),
    ("composer", "dev-master"),
    ("composer", "dev-latest"),
    ("composer", "master"),
    ("composer", "1.2.3.4.5"),
    ("nuget", "1.2.3.4.5"),
    ("nuget", "1.0.0-"),
    ("nuget", "v1.0"),
    ("githubactions", "main"),
    ("githubactions", "release/v1"),
    ("githubactions", "0273be72a0bbd58fcd71d0d6c02c209b50d1e5e1"),
    ("githubactions", "v1.x"),
    *((ecosystem, text) for ecosystem in ECOSYSTEMS for text in ("", "   ", "latest")),
    *((ecosystem, "\u0661.2.3") for ecosystem in ECOSYSTEMS),  # Arabic-Indic digit one
    *((ecosystem, "1" * 300) for ecosystem in ECOSYSTEMS),
]

_ALPHABET = "0123456789" * 3 + ".-+_~^*xXvV=<>!,|[]() @#$/:abcdeprlsRCDEV\u0663\u00e9\U0001f4a5\t"
_NUMBERS = ("0", "1", "2", "10", "007", "20191109021931")
_WORDS = ("alpha", "a", "beta", "b", "rc", "RC", "dev", "pre", "SNAPSHOT", "Final", "sp", "x", "*")


def _garbage(generator: random.Random) -> str:
    """Any characters at all."""
    return "".join(generator.choices(_ALPHABET, k=generator.randint(0, 24)))


def _version_like(generator: random.Random) -> str:
    """Numbers, labels and separators in roughly the shape of a version."""
    text = generator.choice(("", "", "v", "="))
    text += ".".join(generator.choices(_NUMBERS, k=generator.randint(1, 4)))
    if generator.random() < 0.6:
        words = generator.choices(_WORDS + _NUMBERS, k=generator.randint(1, 3))
        text += generator.choice(("-", "-", ".", "")) + generator.choice((".", "-")).join(words)
    if generator.random() < 0.2:
        text += "+" + generator.choice(_WORDS + _NUMBERS)
    return text


def _scheme(ecosystem: str) -> VersionScheme:
    scheme = scheme_for(ecosystem)
    assert scheme is not None, ecosystem
    return scheme


def test_every_ecosystem_has_its_scheme_and_others_have_none() -> None:
    for ecosystem in ECOSYSTEMS:
        assert _scheme(ecosystem).ecosystem == ecosystem
    for ecosystem in ("hex", "terraform", "helm", "", "PyPI"):
        assert scheme_for(ecosystem) is None


@pytest.mark.parametrize(("ecosystem", "text", "prerelease", "major", "minor"), FLAGS)
def test_prerelease_flag_and_release_numbers(
    ecosystem: str, text: str, prerelease: bool, major: int | None, minor: int | None
) -> None:
    version = _scheme(ecosystem).parse(text)
    assert version is not None
    assert (version.text, version.prerelease, version.major, version.minor) == (
        text,
        prerelease,
        major,
        minor,
    )


def test_text_is_kept_as_written_without_surrounding_space() -> None:
    version = _scheme("npm").parse("  v1.2.3 \n")
    assert version is not None and version.text == "v1.2.3"


@pytest.mark.parametrize(("ecosystem", "text"), NOT_VERSIONS)
def test_not_a_version(ecosystem: str, text: str) -> None:
    assert _scheme(ecosystem).parse(text) is None


@pytest.mark.parametrize("ecosystem", ECOSYSTEMS)
def test_garbage_never_raises_and_keys_always_compare(ecosystem: str) -> None:
    scheme = _scheme(ecosystem)
    generator = random.Random(ecosystem)
    texts = [make(generator) for make in (_garbage, _version_like) for _ in range(1000)]
    found: list[ParsedVersion] = []
    for text in texts:
        version = scheme.parse(text)
        if version is not None:
            found.append(version)
            assert scheme.parse(version.text) == version
    reference = scheme.parse("v1.0.0" if ecosystem == "golang" else "1.0.0")
    assert reference is not None
    for text in texts:
        assert scheme.admits(text, reference) in (True, False, None)
        pinned = scheme.pinned(text)
        assert pinned is None or isinstance(pinned, str)
    assert len(found) > 20
    # Every key compares with every other: sorting (and sets) must not raise TypeError.
    ordered = sorted([*found, reference])
    assert ordered[0] <= ordered[-1]
    assert len(set(ordered)) <= len(ordered)
