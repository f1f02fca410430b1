"""Terraform's address syntaxes: provider source addresses and module source addresses.

Provider names are reported lower-cased (Terraform compares them case-insensitively and the
lock file writes them lower-case), without the host when it is the default
``registry.terraform.io``: ``hashicorp/aws``. Registry module addresses are kept as written
(``terraform-aws-modules/vpc/aws``), the default host dropped the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs

DEFAULT_REGISTRY = "registry.terraform.io"

_PART = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
_PART_RE = re.compile(_PART)
_HOST_RE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?")
# <namespace>/<name>/<provider>, optionally behind a host and followed by //subdirectory.
_REGISTRY_MODULE_RE = re.compile(
    rf"(?:(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?)/)?"
    rf"(?P<address>{_PART}/{_PART}/[A-Za-z0-9]+)(?://(?P<subdir>.*))?\Z"
)
_GETTER_RE = re.compile(r"([a-z0-9]+)::(.*)\Z", re.S)
_SHORTHAND_HOSTS = ("github.com/", "bitbucket.org/")
_SCP_LIKE_RE = re.compile(r"[\w.-]+@[\w.-]+:")
_BUILTIN_HOST = "terraform.io"


def provider_name(source: str) -> str | None:
    """The dependency name of a provider source address: ``hashicorp/aws`` for
    ``registry.terraform.io/hashicorp/aws``, ``HashiCorp/AWS`` or the legacy bare ``aws``;
    ``example.com/acme/thing`` for another registry. ``None`` when ``source`` is not a
    provider address, or names a built-in provider (``terraform.io/builtin/…``)."""
    parts = source.strip().lower().split("/")
    if len(parts) > 3 or not all(_PART_RE.fullmatch(part) for part in parts[-2:]):
        return None
    if len(parts) == 3 and not _HOST_RE.fullmatch(parts[0]):
        return None
    if len(parts) == 1:
        parts.insert(0, "hashicorp")
    host = parts[0] if len(parts) == 3 else DEFAULT_REGISTRY
    if host == _BUILTIN_HOST:
        return None
    return "/".join(parts[-2:]) if host == DEFAULT_REGISTRY else "/".join(parts)


@dataclass(frozen=True, slots=True)
class ModuleSource:
    """What a module's ``source`` points at.

    ``kind`` is ``registry``, ``local`` or the remote kind (``git``, ``mercurial``, ``s3``,
    ``gcs``, ``http``). ``name`` is the registry address, or for a remote source the address
    with credentials and query string removed. ``ref`` is the ``?ref=`` of a remote source,
    ``subdir`` a ``//subdirectory`` of a registry module.
    """

    kind: str
    name: str
    ref: str | None = None
    subdir: str | None = None


def module_source(source: str) -> ModuleSource:
    """Classify a module source address the way ``terraform init`` does: local paths first,
    then registry addresses, then everything go-getter fetches."""
    source = source.strip()
    if source.startswith(("./", "../", ".\\", "..\\")) or source in (".", ".."):
        return ModuleSource("local", source)
    registry = _REGISTRY_MODULE_RE.match(source)
    if registry is not None and not source.startswith(_SHORTHAND_HOSTS):
        host = registry.group("host")
        address = registry.group("address")
        name = address if host in (None, DEFAULT_REGISTRY) else f"{host}/{address}"
        return ModuleSource("registry", name, subdir=registry.group("subdir"))
    return _remote_source(source)


def _remote_source(source: str) -> ModuleSource:
    forced = _GETTER_RE.match(source)
    getter, address = (forced.group(1), forced.group(2)) if forced else (None, source)
    kind = {"git": "git", "hg": "mercurial", "s3": "s3", "gcs": "gcs"}.get(getter or "")
    if kind is None:
        if address.startswith(_SHORTHAND_HOSTS) or _SCP_LIKE_RE.match(address):
            kind = "git"
        elif ".s3" in address.split("/", 1)[0] and "amazonaws.com" in address:
            kind = "s3"
        elif address.startswith("www.googleapis.com/storage"):
            kind = "gcs"
        else:
            kind = "git" if address.split("?", 1)[0].endswith(".git") else "http"
    name, ref = _without_secrets(address)
    if getter:
        name = f"{getter}::{name}"
    return ModuleSource(kind, name, ref=ref)


def _without_secrets(address: str) -> tuple[str, str | None]:
    """The address without user information and query string, and its ``ref`` argument."""
    path, _, query = address.partition("?")
    ref_values = parse_qs(query).get("ref") if query else None
    ref = ref_values[0] if ref_values else None
    if "://" in path:
        scheme, _, rest = path.partition("://")
        authority, slash, tail = rest.partition("/")
        path = f"{scheme}://{authority.rpartition('@')[2]}{slash}{tail}"
    elif _SCP_LIKE_RE.match(path):
        path = path.split("@", 1)[1]
    return path, ref
