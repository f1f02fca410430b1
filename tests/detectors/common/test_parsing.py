from __future__ import annotations

import pytest

from detectors.common.parsing import load_json_object, load_toml, load_yaml
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError


def source(text: str, name: str = "f") -> SourceFile:
    return SourceFile(FileContent(name, text.encode()), "test")


@pytest.mark.parametrize(
    ("loader", "text", "message"),
    [
        (load_json_object, "", "empty file"),
        (load_json_object, "{", "not valid JSON"),
        (load_json_object, "[1]", "expected a JSON object"),
        (load_json_object, "[" * 100_000, "nested too deeply"),
        (load_toml, "a = [", "not valid TOML"),
        (load_yaml, "a: [", "not valid YAML"),
    ],
)
def test_malformed_input_is_a_detector_error(loader, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DetectorError, match=message):
        loader(source(text))


def test_yaml_is_loaded_safely() -> None:
    with pytest.raises(DetectorError):
        load_yaml(source("!!python/object/apply:os.system ['true']"))


def test_toml_lines_find_keys_headers_and_dotted_keys() -> None:
    from detectors.common.toml_lines import TomlLines

    text = (
        'name = "x"\n'
        "[dependencies]\n"
        'serde = "1"\n'
        '"dotted".version = "4.1"\n'
        "[dependencies.uuid]\n"
        'version = "1.6"\n'
        "[[package]]\n"
        "[[package]]\n"
    )
    lines = TomlLines(text)
    assert lines.key_line(("name",)) == 1
    assert lines.key_line(("dependencies", "serde")) == 3
    assert lines.key_line(("dependencies", "dotted")) == 4
    assert lines.key_line(("dependencies", "uuid")) == 5
    assert lines.key_line(("dependencies", "missing")) is None
    assert lines.array_headers("package") == [7, 8]
