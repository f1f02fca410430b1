"""How each runtime's version files write versions, turned into :class:`~.pins.Pin`\\ s.

Each interpreter takes one version word as written (``v18.17.0``, ``pypy3.10-7.3.12``,
``temurin-21``) and returns the pins it means: usually one, two for an implementation that
also names the language level (PyPy 7.3.12 is Python 3.10). :data:`INTERPRETERS` maps
technology keys to them; :func:`interpreter` falls back to :func:`~.pins.generic`.
"""

from __future__ import annotations

import re

from detectors.runtimes.pins import (
    DECLARED,
    RESOLVED,
    Interpreter,
    Pin,
    alias,
    generic,
    numbered,
)

# Python -------------------------------------------------------------------------------------

_CPYTHON_RE = re.compile(
    r"(?:c?python[-@]?)?(?P<version>\d+(?:\.\d+){0,2}(?:(?:a|b|rc)\d+)?)(?P<threaded>t)?"
    r"(?P<dev>-dev)?(?:-[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_]+)?\Z",
    re.I,
)
_PYPY_RE = re.compile(r"pypy(?P<lang>\d+(?:\.\d+)?)?(?:-(?P<pypy>v?\d[\w.]*?)(?:-src)?)?\Z", re.I)
_PYPY_UV_RE = re.compile(r"pypy@(?P<lang>\d+(?:\.\d+)*)\Z", re.I)
_PYTHON_DISTRIBUTIONS = {
    "anaconda": "Anaconda",
    "miniconda": "Miniconda",
    "miniforge": "Miniforge",
    "mambaforge": "Mambaforge",
    "micromamba": "micromamba",
    "activepython": "ActivePython",
    "jython": "Jython",
    "graalpy": "GraalPy",
    "graalpython": "GraalPython",
    "ironpython": "IronPython",
    "stackless": "Stackless Python",
    "micropython": "MicroPython",
    "pyston": "Pyston",
    "cinder": "Cinder",
    "nogil": "nogil Python",
    "pyodide": "Pyodide",
}
_DISTRIBUTION_RE = re.compile(r"(?P<name>[a-z]+)\d*-(?P<version>\S+)\Z", re.I)


def python(raw: str) -> list[Pin]:
    """pyenv, uv and asdf-python names: ``3.12.4``, ``3.12``, ``3.13t``, ``3.12-dev``,
    ``cpython@3.12``, ``pypy3.10-7.3.12``, ``miniconda3-latest``, ``system``, ``>=3.11``."""
    if raw[:1] in "<>=!~":
        return [Pin("python", raw, DECLARED)]
    if raw.lower() == "system":
        return [Pin("python", note="system: the system Python, whatever version it is")]
    cpython = _CPYTHON_RE.match(raw)
    if cpython is not None:
        version = cpython.group("version")
        notes = []
        if cpython.group("threaded"):
            notes.append("free-threaded build")
        if cpython.group("dev"):
            notes.append(f"development build ({raw})")
            return [Pin("python", version, DECLARED, "; ".join(notes))]
        return [numbered("python", version, note="; ".join(notes) or None)]
    pypy = _PYPY_RE.match(raw) or _PYPY_UV_RE.match(raw)
    if pypy is not None:
        return _pypy(raw, pypy.group("lang"), pypy.groupdict().get("pypy"))
    distribution = _DISTRIBUTION_RE.match(raw)
    if distribution is not None and distribution.group("name").lower() in _PYTHON_DISTRIBUTIONS:
        name = _PYTHON_DISTRIBUTIONS[distribution.group("name").lower()]
        return [Pin("python", note=f"{raw}: {name}; the Python version is not stated")]
    return [Pin("python", note=f"{raw!r} is not a Python version (a pyenv virtualenv name?)")]


def _pypy(raw: str, language: str | None, pypy_version: str | None) -> list[Pin]:
    pins = []
    if language is not None:
        note = f"{raw}: PyPy implementing Python {language}"
        pins.append(Pin("python", language, DECLARED, note))
    else:
        pins.append(Pin("python", note=f"{raw}: PyPy; the Python version is not stated"))
    if pypy_version is not None:
        pins.append(numbered("pypy", pypy_version.removeprefix("v")))
    else:
        pins.append(Pin("pypy", note=f"{raw}: no PyPy version stated"))
    return pins


# Node.js ------------------------------------------------------------------------------------

NODE_LTS_CODENAMES = {
    "argon": 4,
    "boron": 6,
    "carbon": 8,
    "dubnium": 10,
    "erbium": 12,
    "fermium": 14,
    "gallium": 16,
    "hydrogen": 18,
    "iron": 20,
    "jod": 22,
    "krypton": 24,
}
_NODE_LATEST = frozenset({"node", "stable", "latest", "current", "unstable"})


def nodejs(raw: str) -> list[Pin]:
    """nvm, nodenv, fnm, asdf and mise names: ``v18.17.0``, ``18``, ``lts/hydrogen``,
    ``lts/*``, ``node``, ``system``, ``iojs-v3.3.1``."""
    lowered = raw.lower()
    if lowered in _NODE_LATEST:
        return [Pin("nodejs", note=f"{raw}: the latest Node.js release")]
    if lowered in ("lts/*", "lts"):
        return [Pin("nodejs", note=f"{raw}: the latest long-term-support release")]
    if lowered.startswith("lts/"):
        codename = lowered[4:]
        major = NODE_LTS_CODENAMES.get(codename)
        if major is not None:
            return [Pin("nodejs", str(major), DECLARED, f"{raw}: LTS line {codename.title()}")]
        if re.fullmatch(r"-\d+", codename):
            return [Pin("nodejs", note=f"{raw}: an LTS line counted back from the latest")]
        return [Pin("nodejs", note=f"{raw}: unknown LTS codename {codename!r}")]
    if lowered.startswith("iojs"):
        return [Pin("nodejs", note=f"{raw}: io.js, the 2015 fork of Node.js")]
    known = alias("nodejs", raw)
    if known is not None:
        return [known]
    version = raw[1:] if lowered.startswith("v") and raw[1:2].isdigit() else raw
    return [numbered("nodejs", version)]


# Ruby ---------------------------------------------------------------------------------------

_RUBY_IMPLEMENTATIONS: dict[str, tuple[str | None, str]] = {
    "jruby": ("jruby", "JRuby"),
    "truffleruby": ("truffleruby", "TruffleRuby"),
    "truffleruby+graalvm": ("truffleruby", "TruffleRuby"),
    "mruby": ("mruby", "mruby"),
    "rbx": ("rubinius", "Rubinius"),
    "rubinius": ("rubinius", "Rubinius"),
    "maglev": (None, "MagLev"),
    "ree": (None, "Ruby Enterprise Edition"),
    "macruby": (None, "MacRuby"),
    "topaz": (None, "Topaz"),
    "artichoke": (None, "Artichoke"),
}
_RUBY_IMPLEMENTATION_RE = re.compile(r"(?P<name>[a-z+]+)-(?P<version>\S+)\Z", re.I)


def ruby(raw: str) -> list[Pin]:
    """rbenv, chruby, rvm and asdf names: ``3.2.2``, ``ruby-3.2.2``, ``3.2``,
    ``2.0.0-p247``, ``3.4-dev``, ``jruby-9.4.3.0``, ``ruby-3.1.2@gemset``, ``system``."""
    version, _, gemset = raw.partition("@")
    note = f"rvm gemset {gemset!r}" if gemset else None
    known = alias("ruby", version)
    if known is not None:
        return [known]
    lowered = version.lower()
    if lowered in ("head", "ruby-head", "dev"):
        return [Pin("ruby", note=f"{raw}: the development head of Ruby")]
    version = version[5:] if lowered.startswith("ruby-") else version
    implementation = _RUBY_IMPLEMENTATION_RE.match(version)
    if implementation is not None:
        entry = _RUBY_IMPLEMENTATIONS.get(implementation.group("name").lower())
        if entry is not None:
            key, name = entry
            pins = [Pin("ruby", note=f"{raw}: {name}; the Ruby version is not stated")]
            if key is not None:
                pins.append(numbered(key, implementation.group("version")))
            return pins
    if version.endswith("-dev"):
        return [Pin("ruby", version[:-4], DECLARED, f"development build ({raw})")]
    return [numbered("ruby", version, note=note)]


# Java ---------------------------------------------------------------------------------------

_JAVA_DISTRIBUTION_RE = re.compile(
    r"(?P<dist>[A-Za-z][\w.+]*(?:-[A-Za-z][\w.+]*)*)-(?P<version>\d\S*)\Z"
)
_JAVA_LEGACY_RE = re.compile(r"1\.(?P<major>[1-9])(?P<rest>(?:\.\d+)?(?:[._]\d+)?)(?P<tail>\S*)\Z")
_JAVA_FOR_JDK_RE = re.compile(r"\+java(\d+)")


def java(raw: str) -> list[Pin]:
    """jenv, asdf-java, mise and Heroku names: ``17``, ``21.0``, ``1.8`` (Java 8),
    ``temurin-21``, ``openjdk64-17.0.2``, ``corretto-17.0.5.8.1``, ``zulu-17.38.21`` (Zulu's
    own numbering: Java 17), ``graalvm-22.3.0+java17``, ``system``."""
    known = alias("java", raw)
    if known is not None:
        return [known]
    distribution = _JAVA_DISTRIBUTION_RE.match(raw)
    dist, version = (None, raw)
    if distribution is not None:
        dist, version = distribution.group("dist"), distribution.group("version")
    notes = [f"distribution {dist}"] if dist else []
    for_jdk = _JAVA_FOR_JDK_RE.search(version)
    parts = version.split(".")
    if for_jdk is not None:
        major = for_jdk.group(1)
        return [Pin("java", major, DECLARED, f"{raw}: built on Java {major}")]
    if dist and "zulu" in dist.lower() and len(parts) >= 2 and "0" != parts[1] != parts[0] != "1":
        return [Pin("java", parts[0], DECLARED, f"{raw}: Zulu's own version numbering")]
    legacy = _JAVA_LEGACY_RE.match(version)
    if legacy is not None:
        modern = legacy.group("major") + legacy.group("rest").replace("_", ".")
        modern += legacy.group("tail")
        notes.append(f"written {version} (Java {legacy.group('major')})")
        version = modern
    return [numbered("java", version, note="; ".join(notes) or None)]


# Go, Rust, Erlang, Elixir, Terraform --------------------------------------------------------

_GO_RE = re.compile(r"(?:go)?(?P<version>1\.(?P<minor>\d+)(?:\.\d+)?(?P<pre>(?:rc|beta)\d+)?)\Z")


def go(raw: str) -> list[Pin]:
    """goenv, asdf and mise names: ``1.21.5``, ``go1.21.5``, ``1.22rc1``, ``1.20`` (a
    release before Go 1.21 named its first version so), ``1.21`` (any 1.21.x), ``latest``."""
    known = alias("go", raw)
    if known is not None:
        return [known]
    release = _GO_RE.match(raw)
    if release is None:
        return [numbered("go", raw.removeprefix("go"))]
    version = release.group("version")
    exact = version.count(".") == 2 or release.group("pre") or int(release.group("minor")) < 21
    return [Pin("go", version, RESOLVED if exact else DECLARED)]


_RUST_CHANNEL_RE = re.compile(
    r"(?P<channel>stable|beta|nightly|\d+\.\d+(?:\.\d+)?)(?:-(?P<date>\d{4}-\d{2}-\d{2}))?"
    r"(?:-(?P<host>[\w-]+))?\Z"
)


def rust(raw: str) -> list[Pin]:
    """rustup channels: ``1.76.0`` (resolved), ``1.76`` (declared), ``stable``, ``beta``,
    ``nightly``, ``nightly-2024-01-01``, each optionally followed by a host triple."""
    channel = _RUST_CHANNEL_RE.match(raw)
    if channel is None:
        return [Pin("rust", note=f"{raw!r} is not a rustup channel")]
    name, date = channel.group("channel"), channel.group("date")
    if name[0].isdigit():
        return [numbered("rust", name)]
    if date:
        return [Pin("rust", note=f"{raw}: the {name} toolchain of {date}")]
    return [Pin("rust", note=f"{raw}: the current {name} toolchain, whatever version it is")]


def erlang(raw: str) -> list[Pin]:
    """kerl/asdf names: ``26.2.1``, ``25.3`` (OTP releases are named with two parts),
    ``OTP-26.2``, ``26`` (declared)."""
    version = re.sub(r"^OTP[-_]", "", raw, flags=re.I)
    return [alias("erlang", version) or numbered("erlang", version, exact_parts=2)]


_ELIXIR_OTP_RE = re.compile(r"(?P<version>.+?)-otp-(?P<otp>\d+)\Z", re.I)


def elixir(raw: str) -> list[Pin]:
    """asdf/mise names: ``1.11.3-otp-23`` (Elixir 1.11.3 compiled for OTP 23), ``1.16``,
    ``main-otp-26``."""
    compiled = _ELIXIR_OTP_RE.match(raw)
    version, note = (
        (compiled.group("version"), f"compiled for Erlang/OTP {compiled.group('otp')}")
        if compiled
        else (raw, None)
    )
    known = alias("elixir", version)
    if known is not None:
        return [known]
    if version in ("main", "master"):
        return [Pin("elixir", note=f"{raw}: the development branch")]
    return [numbered("elixir", version.removeprefix("v"), note=note)]


_TFENV_SPECIAL = {
    "min-required": "the lowest version the configuration's required_version allows",
    "latest-allowed": "the newest version the configuration's required_version allows",
}


def terraform(raw: str) -> list[Pin]:
    """tfenv names: ``1.5.7``, ``latest``, ``latest:^1.5`` (a regex), ``min-required``,
    ``latest-allowed``."""
    lowered = raw.lower()
    if lowered in _TFENV_SPECIAL:
        return [Pin("terraform", note=f"{raw}: {_TFENV_SPECIAL[lowered]}")]
    if lowered.startswith("latest:"):
        return [Pin("terraform", note=f"{raw}: the newest release matching {raw[7:]!r}")]
    return [alias("terraform", raw) or numbered("terraform", raw.removeprefix("v"))]


INTERPRETERS: dict[str, Interpreter] = {
    "python": python,
    "nodejs": nodejs,
    "ruby": ruby,
    "java": java,
    "go": go,
    "rust": rust,
    "erlang": erlang,
    "elixir": elixir,
    "terraform": terraform,
}


def interpreter(key: str) -> Interpreter:
    """The interpreter of versions of ``key``; :func:`~.pins.generic` when it has none."""
    return INTERPRETERS.get(key) or generic(key)
