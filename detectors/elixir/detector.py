"""The Elixir detector: Mix's mix.exs and mix.lock."""

from __future__ import annotations

from collections.abc import Callable

from detectors.common.routing import RoutingDetector
from detectors.elixir.mix_exs import parse_mix_exs
from detectors.elixir.mix_lock import parse_mix_lock
from scanner.detector import FileSelector, SourceFile
from scanner.model import DetectorOutput, Ecosystem

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "mix.exs": parse_mix_exs,
    "mix.lock": parse_mix_lock,
}
MANIFEST_KINDS = {"mix.exs": "mix.exs"}


class ElixirDetector(RoutingDetector):
    """Mix: the dependencies an Elixir project declares and locks, its Elixir version."""

    name = "elixir"
    description = "Mix: mix.exs project, Elixir version and deps; mix.lock versions."
    tags = frozenset({"manifest", "dependencies", "elixir"})
    selector = FileSelector(filenames=frozenset(PARSERS))
    parsers = PARSERS
    manifest_kinds = MANIFEST_KINDS
    ecosystem = Ecosystem.HEX
