from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from scanner import registry
from scanner.detector import Detector
from scanner.errors import PluginError
from scanner.registry import (
    DETECTOR_GROUP,
    REPORTER_GROUP,
    find_entry_points,
    load_plugins,
    select_plugins,
)


def test_built_in_plugins_are_registered_as_entry_points() -> None:
    assert {"languages", "python", "javascript", "technologies"} <= {
        p.name for p in find_entry_points(DETECTOR_GROUP)
    }
    assert {"json", "markdown", "text"} <= {p.name for p in find_entry_points(REPORTER_GROUP)}


def _fake_group(monkeypatch, tmp_path: Path, source: str, *points: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fake_plugins.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    entries = [EntryPoint(name, value, DETECTOR_GROUP) for name, value in points]
    monkeypatch.setattr(registry, "entry_points", lambda group: entries)


PLUGIN_SOURCE = """
from scanner.detector import Detector
class Good(Detector):
    name = "good"
    tags = frozenset({"python"})
class Other(Detector):
    name = "other"
    tags = frozenset({"python", "js"})
class Misnamed(Detector):
    name = "something-else"
class NotADetector:
    name = "plain"
"""


def test_third_party_plugin_loads_like_a_built_in(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fake_group(monkeypatch, tmp_path, PLUGIN_SOURCE, ("good", "fake_plugins:Good"))
    plugins = load_plugins(DETECTOR_GROUP, Detector)
    assert list(plugins) == ["good"] and plugins["good"].__name__ == "Good"


@pytest.mark.parametrize(
    ("point", "message"),
    [
        (("broken", "fake_plugins:Missing"), r"'broken' \(fake_plugins:Missing\).*failed to load"),
        (("gone", "no_such_module:X"), r"'gone'.*ModuleNotFoundError"),
        (("plain", "fake_plugins:NotADetector"), "is not a Detector"),
        (("misnamed", "fake_plugins:Misnamed"), "calls itself 'something-else'"),
    ],
)
def test_a_plugin_that_cannot_load_is_named(monkeypatch, tmp_path, point, message) -> None:  # type: ignore[no-untyped-def]
    _fake_group(monkeypatch, tmp_path, PLUGIN_SOURCE, point)
    with pytest.raises(PluginError, match=message):
        load_plugins(DETECTOR_GROUP, Detector)


def test_duplicate_names_are_refused(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fake_group(
        monkeypatch, tmp_path, PLUGIN_SOURCE, ("good", "fake_plugins:Good"), ("good", "x:Y")
    )
    with pytest.raises(PluginError, match="several plugins registered as good"):
        load_plugins(DETECTOR_GROUP, Detector)


class _A(Detector):
    name = "a"
    tags = frozenset({"python"})


class _B(Detector):
    name = "b"
    tags = frozenset({"python", "js"})


class _C(Detector):
    name = "c"


AVAILABLE = {"a": _A, "b": _B, "c": _C}


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        ((), (), ["a", "b", "c"]),
        (("a",), (), ["a"]),
        (("python",), (), ["a", "b"]),
        ((), ("js",), ["a", "c"]),
        (("python", "c"), ("b",), ["a", "c"]),
    ],
)
def test_selection_by_name_and_tag(include, exclude, expected) -> None:  # type: ignore[no-untyped-def]
    assert [p.name for p in select_plugins(AVAILABLE, include, exclude)] == expected


def test_unknown_selection_lists_what_exists() -> None:
    with pytest.raises(PluginError, match=r"unknown detector or tag 'pyton'.*detectors: a, b, c"):
        select_plugins(AVAILABLE, ("pyton",), ())


def test_loading_only_some_plugins(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fake_group(
        monkeypatch,
        tmp_path,
        PLUGIN_SOURCE,
        ("good", "fake_plugins:Good"),
        ("broken", "fake_plugins:Missing"),
    )
    assert list(load_plugins(DETECTOR_GROUP, Detector, only={"good"})) == ["good"]
    with pytest.raises(PluginError, match="unknown detector nope; available: broken, good"):
        load_plugins(DETECTOR_GROUP, Detector, only={"nope"})
