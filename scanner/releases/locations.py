"""Where each package registry is: the user's package-manager configuration first, as the
ecosystem's own tools read it, then stackaudit's overrides.

* PyPI: pip's ``index-url`` from pip's configuration files (global, user, then
  ``PIP_CONFIG_FILE``; the ``[install]`` section over ``[global]``) and ``PIP_INDEX_URL``;
  without one, the default of the Simple-API client library (``pypi-simple``), which is
  pip's own default index.
* npm: ``registry`` (and ``@scope:registry``) from the global ``npmrc``, the user's
  ``.npmrc`` (``NPM_CONFIG_USERCONFIG``) and ``npm_config_registry``; without one, what
  ``npm config get registry`` answers (npm's built-in default). A scanned repository's own
  ``.npmrc`` is not read: scanning a repository must not send requests where it says.
* Go: the first proxy in ``GOPROXY``; GitHub: ``GITHUB_API_URL`` (set by Actions runners,
  also on GitHub Enterprise Server).
* Everything else: the public registry, each client's ``DEFAULT_BASE_URL``.

Any of them is replaced by stackaudit's ``[release-data.registries]`` configuration.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The sources stackaudit can ask, by the name configuration uses.
SOURCE_NAMES = (
    "endoflife", "pypi", "npm", "crates", "go", "rubygems", "maven", "packagist", "nuget",
    "github",
)  # fmt: skip
_NPM_TIMEOUT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class Location:
    """A source's base URL and where that came from (``"PIP_INDEX_URL"``,
    ``"/etc/pip.conf"``, ``"npm's default"``); ``url`` is ``None`` when no location could be
    found, ``origin`` then says why."""

    url: str | None
    origin: str


@dataclass(frozen=True)
class RegistryLocations:
    """The location of every source by its configuration name, and npm's scoped
    registries (``"@corp" -> URL``)."""

    sources: Mapping[str, Location]
    npm_scopes: Mapping[str, str] = field(default_factory=dict)

    def url(self, source: str) -> str | None:
        """The base URL of ``source``; ``None`` when it has none."""
        location = self.sources.get(source)
        return location.url if location else None


def discover_locations(
    defaults: Mapping[str, str],
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    npm_default: Callable[[], str | None] | None = None,
) -> RegistryLocations:
    """Every source's location.

    ``defaults`` maps source names to the public registry's URL (PyPI's comes from the
    Simple-API library when absent); ``overrides`` are stackaudit's configuration and win.
    ``environ``, ``home`` and ``npm_default`` (asks npm for its default registry) stand for
    the process environment, the home folder and the ``npm`` command, so that tests can
    give their own.
    """
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    overrides = overrides or {}
    sources: dict[str, Location] = {
        name: Location(url, "the public registry") for name, url in defaults.items()
    }
    sources["pypi"] = _pip_index(environ, home) or Location(_pypi_simple_default(), "pip's default")
    npm_registry, scopes = _npm_registries(environ, home)
    if npm_registry is None:
        asked = (npm_default or _ask_npm)()
        npm_registry = (
            Location(asked, "npm's default")
            if asked
            else Location(None, "no npm registry configured and no npm command to ask")
        )
    sources["npm"] = npm_registry
    proxy = _go_proxy(environ.get("GOPROXY", ""))
    if proxy is not None:
        sources["go"] = proxy
    if environ.get("GITHUB_API_URL"):
        sources["github"] = Location(environ["GITHUB_API_URL"], "GITHUB_API_URL")
    for name, url in overrides.items():
        sources[name] = Location(url, "stackaudit configuration")
    return RegistryLocations(sources=sources, npm_scopes=scopes)


def _pypi_simple_default() -> str:
    from pypi_simple import PYPI_SIMPLE_ENDPOINT

    return PYPI_SIMPLE_ENDPOINT


def _pip_index(environ: Mapping[str, str], home: Path) -> Location | None:
    """pip's index URL as ``pip install`` would use it, or ``None`` when nothing sets one."""
    if environ.get("PIP_INDEX_URL"):
        return Location(environ["PIP_INDEX_URL"], "PIP_INDEX_URL")
    found: Location | None = None
    for path in _pip_config_files(environ, home):
        parser = configparser.RawConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for section in ("global", "install"):
            if not parser.has_section(section):
                continue
            for key in ("index-url", "index_url"):
                value = parser.get(section, key, fallback="").strip()
                if value:
                    found = Location(value, str(path))
    return found


def _pip_config_files(environ: Mapping[str, str], home: Path) -> list[Path]:
    """pip's configuration files, lowest precedence first."""
    explicit = environ.get("PIP_CONFIG_FILE")
    if explicit == os.devnull:
        return []
    config_dirs = environ.get("XDG_CONFIG_DIRS", "/etc/xdg").split(os.pathsep)
    files = [Path(folder) / "pip" / "pip.conf" for folder in config_dirs if folder]
    files.append(Path("/etc/pip.conf"))
    files.append(home / ".pip" / "pip.conf")
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    files.append(config_home / "pip" / "pip.conf")
    if explicit:
        files.append(Path(explicit))
    return [path for path in files if path.is_file()]


def _npm_registries(
    environ: Mapping[str, str], home: Path
) -> tuple[Location | None, dict[str, str]]:
    """npm's registry and scoped registries from its configuration files and environment."""
    registry: Location | None = None
    scopes: dict[str, str] = {}
    for path in _npmrc_files(environ, home):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for key, value in _npmrc_entries(text, environ):
            if key == "registry":
                registry = Location(value, str(path))
            elif key.startswith("@") and key.endswith(":registry"):
                scopes[key.removesuffix(":registry")] = value
    for key, value in environ.items():
        if key.lower() == "npm_config_registry" and value:
            registry = Location(value, key)
    return registry, scopes


def _npmrc_files(environ: Mapping[str, str], home: Path) -> list[Path]:
    """npm's global then user configuration files that exist."""
    prefix = environ.get("npm_config_prefix") or environ.get("PREFIX")
    if not prefix:
        node = shutil.which("node")
        prefix = str(Path(node).resolve().parent.parent) if node else None
    files = [Path(prefix) / "etc" / "npmrc"] if prefix else []
    user = environ.get("NPM_CONFIG_USERCONFIG") or environ.get("npm_config_userconfig")
    files.append(Path(user) if user else home / ".npmrc")
    return [path for path in files if path.is_file()]


_ENV_REFERENCE = re.compile(r"\$\{([^}]+)\}")


def _npmrc_entries(text: str, environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """The ``key=value`` lines of an npmrc, with ``${VAR}`` references expanded."""
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = _ENV_REFERENCE.sub(lambda m: environ.get(m.group(1), ""), value.strip())
        entries.append((key.strip(), value.strip().strip("\"'")))
    return entries


def _ask_npm() -> str | None:
    """npm's own default registry, from ``npm config get registry`` run outside any project
    (so that no project's ``.npmrc`` applies); ``None`` without npm."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        completed = subprocess.run(
            [npm, "config", "get", "registry"],
            capture_output=True,
            text=True,
            timeout=_NPM_TIMEOUT_SECONDS,
            cwd=Path.home(),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    answer = completed.stdout.strip().splitlines()
    return answer[-1] if completed.returncode == 0 and answer else None


def _go_proxy(value: str) -> Location | None:
    """The first proxy URL in a ``GOPROXY`` value; ``None`` when it names none."""
    for entry in re.split(r"[,|]", value):
        entry = entry.strip()
        if entry == "off":
            return None
        if entry and entry != "direct":
            return Location(entry, "GOPROXY")
    return None
