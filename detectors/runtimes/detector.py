"""The runtime version-file detector: the runtimes, toolchains and tools a repository pins in
the files version managers read.

| file | tool | parser |
| --- | --- | --- |
| ``.python-version``, ``.python-versions`` | pyenv, uv | :mod:`.version_files` |
| ``.nvmrc``, ``.node-version`` | nvm, nodenv, fnm | :mod:`.version_files` |
| ``.ruby-version`` | rbenv, chruby, rvm | :mod:`.version_files` |
| ``.java-version`` | jenv | :mod:`.version_files` |
| ``.go-version`` | goenv | :mod:`.version_files` |
| ``.terraform-version`` | tfenv | :mod:`.version_files` |
| ``runtime.txt`` | Heroku (Python) | :mod:`.runtime_txt` |
| ``system.properties`` | Heroku (Java) | :mod:`.system_properties` |
| ``.tool-versions`` | asdf, mise | :mod:`.tool_versions` |
| ``mise.toml`` and the other mise configuration files | mise | :mod:`.mise_toml` |
| ``rust-toolchain``, ``rust-toolchain.toml`` | rustup | :mod:`.rust_toolchain` |
| ``.sdkmanrc`` | SDKMAN! | :mod:`.sdkmanrc` |

Each pinned runtime is a technology under the keys of ``docs/detectors.md`` (category
``runtime``); an exact version is ``resolved``, a partial one or a range ``declared``, an alias
(``lts/*``, ``latest``, ``system``) gives no version and a note. Line-based files report a
line they cannot read as a failure for that line and go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from detectors.runtimes.mise_toml import parse_mise_toml
from detectors.runtimes.runtime_txt import parse_runtime_txt
from detectors.runtimes.rust_toolchain import parse_rust_toolchain, parse_rust_toolchain_toml
from detectors.runtimes.sdkmanrc import parse_sdkmanrc
from detectors.runtimes.system_properties import parse_system_properties
from detectors.runtimes.tool_versions import parse_tool_versions
from detectors.runtimes.version_files import (
    parse_go_version,
    parse_java_version,
    parse_node_version,
    parse_python_version,
    parse_ruby_version,
    parse_terraform_version,
)
from scanner.detector import Detector, FileSelector, SourceFile
from scanner.globs import glob_to_regex
from scanner.model import DetectorOutput

Parser = Callable[[SourceFile], DetectorOutput]

PARSERS_BY_NAME: dict[str, Parser] = {
    ".python-version": parse_python_version,
    ".python-versions": parse_python_version,
    ".nvmrc": parse_node_version,
    ".node-version": parse_node_version,
    ".ruby-version": parse_ruby_version,
    ".java-version": parse_java_version,
    ".go-version": parse_go_version,
    ".terraform-version": parse_terraform_version,
    "runtime.txt": parse_runtime_txt,
    "system.properties": parse_system_properties,
    ".tool-versions": parse_tool_versions,
    "rust-toolchain": parse_rust_toolchain,
    "rust-toolchain.toml": parse_rust_toolchain_toml,
    ".sdkmanrc": parse_sdkmanrc,
    "mise.toml": parse_mise_toml,
    ".mise.toml": parse_mise_toml,
    "mise.local.toml": parse_mise_toml,
    ".mise.local.toml": parse_mise_toml,
}

# mise's other configuration files: per-environment files and the ones in config folders.
MISE_GLOBS = (
    "mise.*.toml",
    ".mise.*.toml",
    "**/.config/mise/config.toml",
    "**/.config/mise/conf.d/*.toml",
    "**/.mise/config.toml",
    "**/mise/config.toml",
)
_MISE_PATH_RE = re.compile(
    "|".join(f"(?:(?:.*/)?{glob_to_regex(glob.removeprefix('**/'))})" for glob in MISE_GLOBS)
    + r"\Z"
)


class RuntimesDetector(Detector):
    """Runtimes and tools pinned by version-manager files."""

    name = "runtimes"
    description = (
        "Runtime and tool versions pinned in version files: .python-version, .nvmrc, "
        ".node-version, .ruby-version, .java-version, .go-version, .tool-versions, mise.toml, "
        "rust-toolchain(.toml), .sdkmanrc, runtime.txt, system.properties, .terraform-version."
    )
    tags = frozenset({"runtimes"})
    selector = FileSelector(filenames=frozenset(PARSERS_BY_NAME), globs=MISE_GLOBS)

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        parse = PARSERS_BY_NAME.get(file.name)
        if parse is None and _MISE_PATH_RE.match(file.path):
            parse = parse_mise_toml
        if parse is None:
            raise LookupError(f"no runtime file format for {file.path}")
        return parse(file)
