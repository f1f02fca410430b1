"""``yarn.lock``, in both of Yarn's formats.

* Yarn classic (v1): Yarn's own indented format, ``"a@^1", a@^2:`` headers over ``version``,
  ``resolved``, ``integrity``, ``dependencies`` fields. It does not say what the project asked
  for: :attr:`Lockfile.descriptors` (``"a@^1"`` → entry) lets the detector match the
  ``package.json`` declarations it serves.
* Yarn Berry (2+): YAML with ``__metadata: {version, cacheKey}``; keys are descriptor lists
  (``"lodash@npm:^4.17.21"``), entries carry ``version``, ``resolution``, ``languageName`` and
  ``linkType``. ``linkType: soft`` entries are the project's own packages (``@workspace:``,
  ``link:``, ``portal:``), not dependencies; each workspace entry lists what that workspace
  asks for, which makes those packages direct for its directory.

An empty (or comments-only) ``yarn.lock`` is what ``yarn`` leaves for a project with nothing
installed yet: an empty lockfile, not an error.
"""

from __future__ import annotations

import json
import re
from typing import Any

from detectors.javascript.documents import load_yaml_mapping, yaml_key_lines
from detectors.javascript.lockfile import CatalogAsk, DirectAsk, LockedPackage, Lockfile
from detectors.javascript.lockfile import lockfile_output as _output
from detectors.javascript.specifiers import split_name
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

_BERRY_MARKER = re.compile(r'^["\']?__metadata["\']?[ \t]*:', re.MULTILINE)
# One token of a Yarn classic line: a quoted string, a bare word, a comma, a colon.
_V1_TOKEN = re.compile(r'[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s:,"#]+)|(,)|(:))')
_SOFT_PROTOCOLS = ("workspace:", "link:", "portal:")


def parse_yarn_lock(file: SourceFile) -> DetectorOutput:
    """One dependency per package and version (see
    :func:`~detectors.javascript.lockfile.lockfile_output`).

    Raises :class:`DetectorError` for a malformed file: ``"line N: …"`` for Yarn classic,
    ``"not valid YAML: …"`` for Berry.
    """
    return _output(file, read_yarn_lock(file))


def read_yarn_lock(file: SourceFile) -> Lockfile:
    """The lockfile as read, classic or Berry by the presence of ``__metadata``."""
    text = file.text()
    if _BERRY_MARKER.search(text):
        return _read_berry(file)
    return _read_classic(text)


# Yarn classic ---------------------------------------------------------------------------


def read_classic_document(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Yarn classic's format (``yarn.lock`` v1, ``.yarnrc``) as nested dicts of strings, and
    the 1-based line of each top-level key.

    Lines are ``key value``, ``key: value`` or ``key1, key2:`` opening a block indented
    deeper; keys and values are bare words or double-quoted JSON strings; ``#`` starts a
    comment line. Raises :class:`DetectorError` (``"line N: …"``) for anything else.
    """
    root: dict[str, Any] = {}
    lines: dict[str, int] = {}
    # (indentation of the block's lines, the block); the root's is 0.
    stack: list[tuple[int, dict[str, Any]]] = [(0, root)]
    opened: dict[str, Any] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.strip()
        if not content or content.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        if "\t" in raw[:indent]:
            raise DetectorError(f"line {number}: tab in indentation")
        if opened is not None:
            if indent > stack[-1][0]:
                stack.append((indent, opened))
            opened = None
        while indent < stack[-1][0]:
            stack.pop()
        if indent != stack[-1][0]:
            raise DetectorError(f"line {number}: unexpected indentation")
        keys, value = _classic_line(content, number)
        block = stack[-1][1]
        target: Any = value
        if value is None:
            target = opened = {}
        for key in keys:
            block[key] = target
            if len(stack) == 1:
                lines.setdefault(key, number)
    return root, lines


def _classic_line(content: str, number: int) -> tuple[list[str], str | None]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(content):
        match = _V1_TOKEN.match(content, position)
        if match is None or match.end() == position:
            raise DetectorError(f"line {number}: cannot read {content[position:][:40]!r}")
        position = match.end()
        if match.group(1) is not None:
            tokens.append(("value", _json_string(match.group(1), number)))
        elif match.group(2) is not None:
            tokens.append(("value", match.group(2)))
        else:
            tokens.append(("comma" if match.group(3) else "colon", ""))
    keys = [tokens[0][1]] if tokens and tokens[0][0] == "value" else []
    if not keys:
        raise DetectorError(f"line {number}: expected a key, found {content[:40]!r}")
    index = 1
    while index + 1 < len(tokens) and tokens[index][0] == "comma":
        if tokens[index + 1][0] != "value":
            raise DetectorError(f"line {number}: expected a key after ','")
        keys.append(tokens[index + 1][1])
        index += 2
    colon = index < len(tokens) and tokens[index][0] == "colon"
    index += colon
    rest = tokens[index:]
    if not rest:
        if not colon:
            raise DetectorError(f"line {number}: {keys[0]!r} has no value")
        return keys, None
    if len(rest) != 1 or rest[0][0] != "value" or len(keys) != 1:
        raise DetectorError(f"line {number}: cannot read {content[:60]!r}")
    return keys, rest[0][1]


def _json_string(body: str, number: int) -> str:
    if "\\" not in body:
        return body
    try:
        value = json.loads(f'"{body}"')
    except ValueError as error:
        raise DetectorError(f"line {number}: bad escape in a quoted string") from error
    return value if isinstance(value, str) else body


def _read_classic(text: str) -> Lockfile:
    document, lines = read_classic_document(text)
    lock = Lockfile(format="yarn.lock v1", records_asks=False)
    entries: dict[int, LockedPackage] = {}
    for descriptor, entry in document.items():
        if not isinstance(entry, dict):
            continue
        # A header of several descriptors shares one entry: read it once.
        package = entries.get(id(entry))
        if package is None:
            package = _classic_package(descriptor, entry, lines.get(descriptor))
            if package is None:
                continue
            entries[id(entry)] = package
            lock.packages.append(package)
        lock.descriptors[descriptor] = package
    return lock


def _classic_package(
    descriptor: str, entry: dict[str, Any], line: int | None
) -> LockedPackage | None:
    name, requested = split_name(descriptor)
    if requested.startswith("npm:"):
        name = split_name(requested[len("npm:") :])[0] or name
    if requested.startswith(_SOFT_PROTOCOLS):
        return None
    version = entry.get("version")
    version = version if isinstance(version, str) and version else None
    resolved = entry.get("resolved")
    note = None
    if version is None:
        note = "no version recorded"
    elif isinstance(resolved, str) and not resolved.startswith(("http://", "https://")):
        note = f"not from a registry: {resolved[:80]}"
    elif requested.startswith(("file:", "git", "github:")) or "://" in requested:
        note = f"not from a registry: {requested[:80]}"
    return LockedPackage(name, version, line, note=note)


# Yarn Berry ------------------------------------------------------------------------------


def _read_berry(file: SourceFile) -> Lockfile:
    document = load_yaml_mapping(file)
    metadata = document.get("__metadata")
    version = metadata.get("version") if isinstance(metadata, dict) else None
    version = version if isinstance(version, str) else None
    lock = Lockfile(format=f"yarn.lock (Berry, v{version})" if version else "yarn.lock (Berry)")
    lines = {key[0]: line for key, line in yaml_key_lines(file.text(), max_depth=1).items()}
    workspaces: list[tuple[str, dict[str, Any]]] = []
    versions_by_name: dict[str, set[str | None]] = {}
    for key, entry in document.items():
        if key == "__metadata" or not isinstance(entry, dict):
            continue
        resolution = entry.get("resolution")
        resolution = resolution if isinstance(resolution, str) else key.split(",")[0].strip()
        name, reference = split_name(resolution)
        protocol = reference.partition(":")[0]
        if protocol == "workspace":
            workspaces.append((reference[len("workspace:") :], entry))
        if entry.get("linkType") == "soft" or reference.startswith(_SOFT_PROTOCOLS):
            lock.local_names.add(name)
            continue
        package = _berry_package(name, reference, entry, lines.get(key))
        lock.packages.append(package)
        versions_by_name.setdefault(name, set()).add(package.version)
        for descriptor in key.split(","):
            lock.descriptors[descriptor.strip()] = package
    for directory, entry in workspaces:
        _berry_asks(lock, directory or ".", entry, versions_by_name)
    return lock


def _berry_package(
    name: str, reference: str, entry: dict[str, Any], line: int | None
) -> LockedPackage:
    version = entry.get("version")
    version = version if isinstance(version, str) and version else None
    protocol = reference.partition(":")[0] if ":" in reference else ""
    note = None
    if version is None:
        note = "no version recorded"
    elif protocol not in ("npm", "patch"):
        note = f"not from a registry: {reference[:80]}"
    return LockedPackage(name, version, line, note=note)


def _berry_asks(
    lock: Lockfile,
    directory: str,
    entry: dict[str, Any],
    versions_by_name: dict[str, set[str | None]],
) -> None:
    dependencies = entry.get("dependencies")
    if not isinstance(dependencies, dict):
        return
    for name, requested in dependencies.items():
        if not isinstance(requested, str) or requested.startswith(_SOFT_PROTOCOLS):
            continue
        if requested.startswith("catalog:"):
            versions = versions_by_name.get(name, set())
            package = lock.descriptors.get(f"{name}@{requested}")
            if package is None and len(versions) != 1:
                catalog = requested[len("catalog:") :] or "default"
                lock.catalog_asks.append(CatalogAsk(directory, name, catalog))
                continue
            if package is None:
                package = next(p for p in lock.packages if p.name == name)
        else:
            package = lock.descriptors.get(f"{name}@{requested}")
            if package is None:
                continue
        lock.asks.append(DirectAsk(directory, package))
