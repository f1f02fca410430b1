"""Target framework monikers (TFMs) and the runtime they mean.

``net5.0`` and later and ``netcoreapp3.1`` are .NET (key ``dotnet``, version ``major.minor``);
``net48``, ``net472`` and ``v4.7.2`` (``TargetFrameworkVersion``) are the .NET Framework (key
``dotnet-framework``); ``netstandard2.0`` is an API contract that runs anywhere and names no
runtime, like the other monikers not listed here.
"""

from __future__ import annotations

import re

from scanner.model import Category, Evidence, Technology

_DOTNET_RE = re.compile(r"net(?:coreapp)?([0-9]+)\.([0-9]+)(?:-[A-Za-z0-9.]+)?\Z")
_FRAMEWORK_RE = re.compile(r"net([1-4])([0-9])([0-9])?\Z")
_FRAMEWORK_VERSION_RE = re.compile(r"v?([1-4]\.[0-9](?:\.[0-9])?)\Z")

DOTNET = ("dotnet", ".NET")
DOTNET_FRAMEWORK = ("dotnet-framework", ".NET Framework")


def runtime_of(moniker: str) -> tuple[tuple[str, str], str] | None:
    """``((key, name), version)`` of the runtime a TFM targets, ``None`` for none."""
    value = moniker.strip().lower()
    match = _DOTNET_RE.match(value)
    if match is not None and (value.startswith("netcoreapp") or int(match.group(1)) >= 5):
        return DOTNET, f"{match.group(1)}.{match.group(2)}"
    match = _FRAMEWORK_RE.match(value)
    if match is not None:
        parts = [part for part in match.groups() if part is not None]
        return DOTNET_FRAMEWORK, ".".join(parts)
    return None


def framework_version(value: str) -> str | None:
    """The .NET Framework version of a legacy ``TargetFrameworkVersion`` (``v4.7.2``)."""
    match = _FRAMEWORK_VERSION_RE.match(value.strip())
    return match.group(1) if match else None


def runtime_technology(
    kind: tuple[str, str], version: str, evidence: tuple[Evidence, ...]
) -> Technology:
    """The runtime technology a target framework declares."""
    key, name = kind
    return Technology(
        key, name, Category.RUNTIME, evidence, version=version, version_source="declared"
    )
