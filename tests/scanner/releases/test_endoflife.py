"""The endoflife.date client against a real HTTP server on 127.0.0.1 serving the snapshot."""

from __future__ import annotations

import pytest

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.endoflife import EndOfLifeSource, parse_product


def test_reads_a_product(endoflife_url: str) -> None:
    product = EndOfLifeSource(endoflife_url).product("django")
    assert (product.name, product.label) == ("django", "Django")
    names = [cycle.name for cycle in product.cycles]
    assert "6.0" in names and "1.11" in names
    eleven = next(cycle for cycle in product.cycles if cycle.name == "1.11")
    assert eleven.lts and eleven.end_of_life.on is not None


def test_unknown_product(endoflife_url: str) -> None:
    with pytest.raises(UnknownProduct, match="no product 'no-such-thing'"):
        EndOfLifeSource(endoflife_url).product("no-such-thing")


@pytest.mark.parametrize(
    ("product", "message"),
    [
        ("server-error", "answered 503"),
        ("malformed", "malformed JSON"),
        ("not-a-product", "not an endoflife.date product document"),
    ],
)
def test_failures_say_why(endoflife_url: str, product: str, message: str) -> None:
    with pytest.raises(SourceUnavailable, match=message):
        EndOfLifeSource(endoflife_url).product(product)


def test_timeout(endoflife_url: str) -> None:
    with pytest.raises(SourceUnavailable, match=r"unreachable at .*: timed out"):
        EndOfLifeSource(endoflife_url, timeout=0.3).product("slow")


def test_connection_refused() -> None:
    with pytest.raises(SourceUnavailable, match="unreachable"):
        EndOfLifeSource("http://127.0.0.1:9", timeout=2).product("python")


@pytest.mark.parametrize(
    "document",
    [None, [], {"result": None}, {"result": {"releases": [{"label": "no name"}]}}],
)
def test_documents_of_the_wrong_shape(document: object) -> None:
    with pytest.raises(SourceUnavailable):
        parse_product(document)


def test_runtime_requirements_come_from_the_cycles_custom_fields() -> None:
    document = {
        "result": {
            "name": "demo",
            "releases": [
                {"name": "5", "custom": {"supportedPythonVersions": "3.12 - 3.14"}},
                {"name": "4", "custom": {"supportedJavaVersions": "17, 21", "other": "x"}},
                {"name": "3", "custom": {"minRubyVersion": "3.1+"}},
                {"name": "2", "custom": {"supportedPythonVersions": None}},
                {"name": "1"},
            ],
        }
    }
    requires = [cycle.requires for cycle in parse_product(document).cycles]
    assert requires == [(("python", "3.12"),), (("java", "17"),), (("ruby", "3.1"),), (), ()]
