"""Registry locations from the user's pip and npm configuration, GOPROXY and overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.releases.locations import RegistryLocations, discover_locations

DEFAULTS = {"crates": "https://crates.io", "go": "https://proxy.golang.org"}


def _discover(home: Path, environ: dict[str, str], **kwargs: Any) -> RegistryLocations:
    environ = {"XDG_CONFIG_DIRS": str(home / "no-such-dir"), "PREFIX": str(home / "np"), **environ}
    return discover_locations(
        DEFAULTS, environ=environ, home=home, npm_default=lambda: "http://npm.default/", **kwargs
    )


def test_pip_user_configuration_and_its_install_section(tmp_path: Path) -> None:
    config = tmp_path / ".config" / "pip" / "pip.conf"
    config.parent.mkdir(parents=True)
    config.write_text(
        "[global]\nindex-url = http://mirror/simple\n[install]\nindex-url = http://install/simple\n"
    )
    locations = _discover(tmp_path, {})
    assert locations.url("pypi") == "http://install/simple"
    assert locations.sources["pypi"].origin == str(config)


def test_pip_environment_wins_over_files(tmp_path: Path) -> None:
    config = tmp_path / "custom.conf"
    config.write_text("[global]\nindex-url = http://file/simple\n")
    locations = _discover(
        tmp_path, {"PIP_CONFIG_FILE": str(config), "PIP_INDEX_URL": "http://env/simple"}
    )
    assert locations.url("pypi") == "http://env/simple"


def test_without_pip_configuration_the_client_library_default_is_used(tmp_path: Path) -> None:
    from pypi_simple import PYPI_SIMPLE_ENDPOINT

    locations = _discover(tmp_path, {"PIP_CONFIG_FILE": "/dev/null"})
    assert locations.url("pypi") == PYPI_SIMPLE_ENDPOINT


def test_npmrc_registry_scopes_and_environment_references(tmp_path: Path) -> None:
    (tmp_path / ".npmrc").write_text(
        "# comment\nregistry=${MIRROR}/npm/\n@corp:registry=http://corp/npm/\n"
        "//corp/npm/:_authToken=secret\n"
    )
    locations = _discover(tmp_path, {"MIRROR": "http://mirror"})
    assert locations.url("npm") == "http://mirror/npm/"
    assert locations.npm_scopes == {"@corp": "http://corp/npm/"}


def test_npm_environment_then_npm_default(tmp_path: Path) -> None:
    assert _discover(tmp_path, {"npm_config_registry": "http://env/"}).url("npm") == "http://env/"
    assert _discover(tmp_path, {}).url("npm") == "http://npm.default/"


def test_without_npm_the_registry_is_missing_with_a_reason(tmp_path: Path) -> None:
    locations = discover_locations(
        {}, environ={"PREFIX": str(tmp_path)}, home=tmp_path, npm_default=lambda: None
    )
    assert locations.url("npm") is None
    assert "no npm registry configured" in locations.sources["npm"].origin


def test_goproxy_and_overrides(tmp_path: Path) -> None:
    locations = _discover(
        tmp_path,
        {"GOPROXY": "direct,http://goproxy.corp|https://proxy.golang.org"},
        overrides={"crates": "http://crates.corp"},
    )
    assert locations.url("go") == "http://goproxy.corp"
    assert locations.url("crates") == "http://crates.corp"
    assert _discover(tmp_path, {"GOPROXY": "off"}).url("go") == DEFAULTS["go"]
