"""Version schemes per package ecosystem: how each orders its versions, tells pre-releases
apart and reads its requirement syntax (see :mod:`.base` for the contract).

:func:`scheme_for` gives the scheme of an ecosystem named by its Package URL type (``pypi``,
``npm``, ``cargo``, ``golang``, ``maven``, ``gem``, ``composer``, ``nuget``,
``githubactions``); each module states the rules it follows and where they come from.
"""

from __future__ import annotations

from scanner.releases.versions.actions import ActionsScheme
from scanner.releases.versions.base import ParsedVersion, VersionScheme
from scanner.releases.versions.cargo import CargoScheme
from scanner.releases.versions.composer import ComposerScheme
from scanner.releases.versions.golang import GoScheme
from scanner.releases.versions.maven import MavenScheme
from scanner.releases.versions.npm import NpmScheme
from scanner.releases.versions.nuget import NuGetScheme
from scanner.releases.versions.pep440 import PyPIScheme
from scanner.releases.versions.rubygems import GemScheme

_SCHEMES: dict[str, VersionScheme] = {
    scheme.ecosystem: scheme
    for scheme in (
        PyPIScheme(),
        NpmScheme(),
        CargoScheme(),
        GoScheme(),
        MavenScheme(),
        GemScheme(),
        ComposerScheme(),
        NuGetScheme(),
        ActionsScheme(),
    )
}


def scheme_for(ecosystem: str) -> VersionScheme | None:
    """The version scheme of ``ecosystem`` (a Package URL type), or ``None`` when there is
    none for it (``hex``, ``terraform``, ``helm``)."""
    return _SCHEMES.get(ecosystem)


__all__ = ["ParsedVersion", "VersionScheme", "scheme_for"]
