"""rustup's toolchain files: ``rust-toolchain.toml`` (``[toolchain] channel = "1.76.0"``)
and the legacy ``rust-toolchain``, either a bare channel on one line or the same TOML.

``1.76.0`` is resolved, ``1.76`` declared; ``stable``, ``beta``, ``nightly`` and dated
nightlies give no version and say which toolchain they mean; ``path = "…"`` (a custom
toolchain) gives no version. A file with neither a channel nor a path raises
:class:`DetectorError`.
"""

from __future__ import annotations

from detectors.common.parsing import load_toml
from detectors.runtimes.catalog import technology
from detectors.runtimes.interpret import rust
from detectors.runtimes.lines import content_lines, toml_key_lines
from detectors.runtimes.pins import Pin
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput


def parse_rust_toolchain_toml(file: SourceFile) -> DetectorOutput:
    """``rust-toolchain.toml``: the ``[toolchain]`` table."""
    toolchain = load_toml(file).get("toolchain")
    if not isinstance(toolchain, dict):
        raise DetectorError("no [toolchain] table")
    lines = toml_key_lines(file.text(), "toolchain")
    channel = toolchain.get("channel")
    if isinstance(channel, str) and channel.strip():
        evidence = file.evidence(f"[toolchain] channel = {channel!r}", lines.get("channel"))
        pins = rust(channel.strip())
    elif isinstance(toolchain.get("path"), str):
        evidence = file.evidence("[toolchain] path (a custom toolchain)", lines.get("path"))
        pins = [Pin("rust", note="a custom toolchain at a path")]
    else:
        raise DetectorError("[toolchain] has neither a channel nor a path")
    return DetectorOutput(technologies=tuple(technology(pin, evidence) for pin in pins))


def parse_rust_toolchain(file: SourceFile) -> DetectorOutput:
    """``rust-toolchain``: a bare channel, or TOML when it holds a ``[toolchain]`` table."""
    lines = list(content_lines(file.text()))
    if not lines:
        raise DetectorError("no toolchain channel in the file")
    if any(content.startswith("[") for _, content in lines):
        return parse_rust_toolchain_toml(file)
    number, content = lines[0]
    channel = content.split()[0]
    evidence = file.evidence(f"rust-toolchain channel {channel!r}", number)
    return DetectorOutput(technologies=tuple(technology(pin, evidence) for pin in rust(channel)))
