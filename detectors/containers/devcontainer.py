"""Dev containers: ``.devcontainer/devcontainer.json``, ``.devcontainer/<name>/devcontainer.json``
and ``.devcontainer.json`` (JSON with comments).

* ``image`` is an image; ``${localEnv:NAME:default}`` takes its default, other dev container
  variables (``${localEnv:NAME}``, ``${containerEnv:...}``...) are unknown at scan time.
* ``dockerComposeFile`` (one path or a list, relative to the file) and ``service``, or
  ``build.dockerfile``, say how the container is made: noted on the ``devcontainer``
  technology; the compose files are handed back so that the detector can read them.
* ``features``: the official runtime features (``ghcr.io/devcontainers/features/node:1``
  with ``{"version": "18"}``, or the older ``"node": "18"`` form) install runtimes, reported
  with the canonical keys and their declared version. ``"version": "none"`` installs
  nothing; ``latest``, ``lts`` and the like name no version.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from detectors.common.images import UNRESOLVED
from detectors.common.jsonc import line_of_key, load_object
from detectors.containers.records import Collector, tool_technology
from scanner.detector import SourceFile
from scanner.model import Category, DetectorOutput, Technology

# Feature name (last path segment of its id) -> (runtime key, name).
FEATURE_RUNTIMES: dict[str, tuple[str, str]] = {
    "node": ("nodejs", "Node.js"),
    "python": ("python", "Python"),
    "java": ("java", "Java"),
    "go": ("go", "Go"),
    "ruby": ("ruby", "Ruby"),
    "dotnet": ("dotnet", ".NET"),
    "rust": ("rust", "Rust"),
    "php": ("php", "PHP"),
}
_FLOATING_VERSIONS = frozenset({"latest", "lts", "current", "stable", "os-provided", "system"})
_VERSION_RE = re.compile(r"v?(\d+(?:\.\d+)*)")
_VARIABLE_RE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True, slots=True)
class DevContainer:
    """What a dev container file reports, and the repository paths of the compose files it
    uses (resolved against its directory; paths that leave the repository are dropped)."""

    output: DetectorOutput
    compose_files: tuple[str, ...] = ()


def is_devcontainer_path(path: str) -> bool:
    """Whether ``path`` is where dev container tools look for a configuration."""
    parts = path.split("/")
    if parts[-1] == ".devcontainer.json":
        return True
    return parts[-1] == "devcontainer.json" and ".devcontainer" in parts[-3:-1]


def read_devcontainer(file: SourceFile) -> DevContainer:
    """Read a dev container configuration.

    Raises :class:`~scanner.errors.DetectorError` for malformed JSONC or a file that is not
    an object.
    """
    document, cleaned = load_object(file.text())
    found = Collector(file)
    how: list[str] = []
    image = document.get("image")
    if isinstance(image, str) and image.strip():
        line = line_of_key(cleaned, "image")
        text, unresolved = _substitute(image.strip())
        found.image(
            text,
            file.evidence("dev container image", line),
            notes=[f"{name} is unknown at scan time" for name in unresolved],
            unresolved=unresolved,
        )
        how.append(f"image {image.strip()}")
    compose_files = _strings(document.get("dockerComposeFile"))
    if compose_files:
        service = document.get("service")
        how.append(
            f"compose file(s) {', '.join(compose_files)}"
            + (f", service {service!r}" if isinstance(service, str) else "")
        )
    build = document.get("build")
    dockerfile = build.get("dockerfile") if isinstance(build, dict) else None
    if isinstance(dockerfile, str):
        how.append(f"Dockerfile {dockerfile}")
    found.technologies.insert(
        0,
        tool_technology(
            "devcontainer",
            file.evidence("dev container configuration"),
            note="; ".join(how) or None,
        ),
    )
    features = document.get("features")
    if isinstance(features, dict):
        for feature, options in features.items():
            runtime = _feature_runtime(file, cleaned, feature, options)
            if runtime is not None:
                found.technologies.append(runtime)
    output = DetectorOutput(technologies=tuple(found.technologies), failures=tuple(found.failures))
    return DevContainer(output, tuple(_repository_paths(file.directory, compose_files)))


def parse_devcontainer(file: SourceFile) -> DetectorOutput:
    """A dev container configuration: see :func:`read_devcontainer`."""
    return read_devcontainer(file).output


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return []


def _substitute(text: str) -> tuple[str, tuple[str, ...]]:
    """Dev container variables: ``${localEnv:NAME:default}`` gives its default, any other
    is left :data:`UNRESOLVED` and named."""
    unresolved: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        kind, _, rest = match.group(1).partition(":")
        _name, has_default, default = rest.partition(":")
        if kind == "localEnv" and has_default:
            return default
        unresolved.setdefault(match.group(1))
        return UNRESOLVED

    return _VARIABLE_RE.sub(replace, text), tuple(unresolved)


def _repository_paths(directory: str, paths: list[str]) -> list[str]:
    resolved = []
    for path in paths:
        joined = posixpath.normpath(posixpath.join("" if directory == "." else directory, path))
        if not joined.startswith("../") and joined not in ("..", ".") and not path.startswith("/"):
            resolved.append(joined)
    return resolved


def _feature_runtime(
    file: SourceFile, cleaned: str, feature: str, options: Any
) -> Technology | None:
    identifier = feature.partition("@")[0]
    name = identifier.rpartition("/")[2].partition(":")[0].lower()
    if name not in FEATURE_RUNTIMES:
        return None
    key, display = FEATURE_RUNTIMES[name]
    raw: object = options.get("version") if isinstance(options, dict) else options
    written = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if written.lower() == "none":
        return None
    version: str | None = None
    note: str | None = None
    match = _VERSION_RE.match(written)
    if not written:
        note = "no version option (the feature's default)"
    elif written.lower() in _FLOATING_VERSIONS or match is None:
        note = f"feature version {written!r} names no version"
    else:
        version = match.group(1)
        if version != written:
            note = f"feature version {written!r}"
    evidence = file.evidence(f"dev container feature {feature!r}", line_of_key(cleaned, feature))
    return Technology(
        key,
        display,
        Category.RUNTIME,
        (evidence,),
        version=version,
        version_source="declared" if version else None,
        version_note=note,
    )
