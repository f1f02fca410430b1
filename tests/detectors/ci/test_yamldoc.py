"""The line-keeping YAML loader the CI and ownership parsers share."""

from __future__ import annotations

import pytest

from detectors.ci.yamldoc import YamlList, YamlMap, load_documents, load_mapping, scalars
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError


def source(text: str | bytes, path: str = "ci.yml") -> SourceFile:
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "ci")


def test_scalars_stay_as_written_and_lines_are_one_based() -> None:
    document = load_mapping(
        source("on: push\nversions: [3.10, 12.0, 6]\nempty:\nquoted: 'null'\nflag: yes\n"),
        "test",
    )
    assert document["on"] == "push"  # not the boolean YAML 1.1 would make of the key
    assert document["versions"] == ["3.10", "12.0", "6"]
    assert document["empty"] is None
    assert document["quoted"] == "null"
    assert document["flag"] == "yes"
    assert document.key_lines == {"on": 1, "versions": 2, "empty": 3, "quoted": 4, "flag": 5}
    versions = document["versions"]
    assert isinstance(versions, YamlList) and versions.item_lines == [2, 2, 2]


def test_merge_keys_follow_yaml_rules() -> None:
    text = (
        "a: &a {x: 1, y: 1}\n"
        "b: &b {x: 2, z: 2}\n"
        "two_merges:\n  <<: *a\n  <<: *b\n  y: 3\n"
        "merge_list:\n  <<: [*a, *b]\n"
    )
    document = load_mapping(source(text), "test")
    two = document["two_merges"]
    assert two == {"x": "2", "y": "3", "z": "2"}  # a later merge wins, explicit keys win
    assert isinstance(two, YamlMap) and two.line_of("y") == 6 and two.line_of("z") == 2
    assert document["merge_list"] == {"x": "1", "y": "1", "z": "2"}  # first of a list wins


def test_aliases_are_shared_and_recursion_does_not_loop() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    document = load_mapping(source(laughs), "test")
    assert document["i"][0] is document["h"]  # type: ignore[index]
    recursive = load_mapping(source("r: &r\n  self: *r\n  <<: *r\n"), "test")
    inner = recursive["r"]
    assert isinstance(inner, YamlMap) and inner["self"] is inner


def test_documents_bom_and_crlf() -> None:
    documents = load_documents(source(b"\xef\xbb\xbfa: 1\r\n---\r\nb: 2\r\n"))
    assert documents == [{"a": "1"}, {"b": "2"}]
    assert isinstance(documents[1], YamlMap) and documents[1].line_of("b") == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1, 2\n", "not valid YAML"),
        ("", "empty test: no YAML document"),
        ("- a\n- b\n", "expected a mapping at the top of the test, found a list"),
        ("a: 1\n---\nb: 2\n", "expected one YAML document in a test, found 2"),
        ("a: *missing\n", "not valid YAML"),
        ("a: " + "[" * 5000 + "]" * 5000, "not valid YAML|too deeply"),
        ("a: " + "[" * 900 + "]" * 900, "nested more than 256 levels deep"),
    ],
)
def test_malformed_input_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        load_mapping(source(text), "test")


def test_not_utf8_is_an_error() -> None:
    with pytest.raises(DetectorError, match="not valid UTF-8"):
        load_documents(source(b"a: \xff\n"))


def test_scalars_helper() -> None:
    document = load_mapping(source("one: x\nmany: [a, {b: c}, '', d]\nnone:\n"), "test")
    assert scalars(document["one"]) == ["x"]
    assert scalars(document["many"]) == ["a", "d"]
    assert scalars(document["none"]) == []
