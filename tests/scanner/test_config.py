from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_PRUNE_DIRS,
    Settings,
    discover_repository_config,
    load_config_file,
    parse_size,
    settings_from_mapping,
)
from scanner.errors import ConfigError


def test_every_key_is_read() -> None:
    settings = settings_from_mapping(
        {
            "detectors": ["manifests"],
            "skip-detectors": ["languages"],
            "exclude": ["docs/**"],
            "max-file-size": "2 MiB",
            "extend-prune-dirs": ["generated"],
            "detector-options": {"languages": {"types": ["programming"]}},
        },
        "test",
    )
    assert settings.detectors == ("manifests",)
    assert settings.skip_detectors == ("languages",)
    assert settings.exclude == ("docs/**",)
    assert settings.max_file_size == 2 * 1024 * 1024
    assert settings.prune_dirs == DEFAULT_PRUNE_DIRS | {"generated"}
    assert settings.detector_options == {"languages": {"types": ["programming"]}}


def test_prune_dirs_replaces_the_defaults() -> None:
    settings = settings_from_mapping({"prune-dirs": ["out"]}, "test")
    assert settings.prune_dirs == frozenset({"out"})


def test_unknown_key_names_the_file_and_key() -> None:
    with pytest.raises(ConfigError, match=r"cfg\.toml: unknown key\(s\) exlcude"):
        settings_from_mapping({"exlcude": []}, "cfg.toml")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"exclude": "docs"}, "exclude must be a list of strings"),
        ({"detectors": [1]}, "detectors must be a list of strings"),
        ({"max-file-size": "lots"}, "expected a positive size"),
        ({"max-file-size": 0}, "expected a positive size"),
        ({"detector-options": {"languages": 3}}, "table of tables"),
    ],
)
def test_invalid_values_are_reported(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_mapping(table, "cfg")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1024, 1024), ("16 MiB", 16 * 1024**2), ("500kb", 500_000), ("1.5KiB", 1536), ("7", 7)],
)
def test_sizes(value: object, expected: int) -> None:
    assert parse_size(value, "size") == expected


def test_explicit_pyproject_is_read_from_its_tool_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool.stackaudit]\nexclude = ["a"]\n')
    assert load_config_file(path).exclude == ("a",)


def test_explicit_file_errors_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read configuration file"):
        load_config_file(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("exclude = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config_file(broken)


def _reader(files: dict[str, bytes]):
    return files.get


def test_repository_config_prefers_stackaudit_toml() -> None:
    settings = discover_repository_config(
        _reader(
            {
                ".stackaudit.toml": b'exclude = ["from-dotfile"]',
                "pyproject.toml": b'[tool.stackaudit]\nexclude = ["from-pyproject"]',
            }
        )
    )
    assert settings.exclude == ("from-dotfile",)
    assert settings.source == ".stackaudit.toml"


def test_repository_config_from_pyproject() -> None:
    settings = discover_repository_config(
        _reader({"pyproject.toml": b'[tool.stackaudit]\nexclude = ["x"]'})
    )
    assert settings.exclude == ("x",)


def test_repository_without_config_gets_defaults() -> None:
    settings = discover_repository_config(_reader({"pyproject.toml": b"[project]\nname='x'"}))
    assert settings == Settings()
    assert settings.max_file_size == DEFAULT_MAX_FILE_SIZE


def test_a_broken_pyproject_is_not_a_config_error() -> None:
    assert discover_repository_config(_reader({"pyproject.toml": b"[project"})) == Settings()
