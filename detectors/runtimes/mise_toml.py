"""mise's configuration (``mise.toml``, ``.mise.toml``, ``mise.local.toml``,
``mise.<env>.toml``, ``.config/mise.toml``, ``.config/mise/config.toml``…): its ``[tools]``.

A tool's value is a version string, a list of them (all installed, the first used), or a
table with ``version`` (and options such as ``os``). Tool names go through their backend
(``core:node``, ``aqua:hashicorp/terraform``, ``npm:prettier``) to a key, see
:func:`~.catalog.mise_tool_key`; versions may be ``lts``, ``latest``, ``prefix:…``,
``ref:…``, ``path:…``, ``sub-1:latest``. A configuration without ``[tools]`` reveals
nothing; an entry of another shape is a failure for that entry; TOML that does not parse
raises :class:`DetectorError`.
"""

from __future__ import annotations

from detectors.common.parsing import load_toml
from detectors.runtimes.catalog import mise_tool_key, technology
from detectors.runtimes.interpret import interpreter
from detectors.runtimes.lines import line_failure, toml_key_lines
from detectors.runtimes.pins import with_manager_prefix
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, FailureKind, Technology


def parse_mise_toml(file: SourceFile) -> DetectorOutput:
    """The tools of a mise configuration file."""
    if not file.text().strip():
        return DetectorOutput()
    tools = load_toml(file).get("tools")
    if tools is None:
        return DetectorOutput()
    if not isinstance(tools, dict):
        raise DetectorError(f"'tools' is a {type(tools).__name__}, not a table")
    lines = toml_key_lines(file.text(), "tools")
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for name, value in tools.items():
        line = lines.get(name)
        versions = _versions(value)
        if versions is None:
            reason = f"tools.{name}: expected a version, a list of versions or a table"
            failures.append(
                line_failure(file, line, reason)
                if line is not None
                else Failure(FailureKind.PARSE_ERROR, reason, file.path, file.detector)
            )
            continue
        key = mise_tool_key(name)
        for raw in versions:
            evidence = file.evidence(f"[tools] {name} = {raw!r}", line)
            for pin in with_manager_prefix(key, raw, interpreter(key)):
                technologies.append(technology(pin, evidence, written=name))
    return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))


def _versions(value: object) -> list[str] | None:
    """The version strings of one ``[tools]`` entry; ``None`` for an unreadable one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        return [str(value).strip()] if str(value).strip() else None
    if isinstance(value, dict):
        return _versions(value.get("version"))
    if isinstance(value, list) and value:
        versions = [_versions(item) for item in value]
        if any(item is None for item in versions):
            return None
        return [version for item in versions if item for version in item]
    return None
