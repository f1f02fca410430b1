"""Package identity per ecosystem: how names compare, and the Package URL of a package.

Names are normalised the way the ecosystem itself compares them, so that the same package
declared in a manifest and resolved in a lockfile is recognised as one: PEP 503 for PyPI,
lower case for Composer (Packagist), NuGet and Terraform, a lower-case owner and repository
for GitHub Actions (``owner/repo[/path]``), as written elsewhere. Maven packages are named
``group:artifact``, Go modules by their module path, scoped npm packages ``@scope/name``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scanner.model import Ecosystem

_PEP503_SEPARATORS = re.compile(r"[-_.]+")
_CASE_INSENSITIVE = frozenset({Ecosystem.COMPOSER, Ecosystem.NUGET, Ecosystem.TERRAFORM})
_NAMESPACED = frozenset(
    {
        Ecosystem.NPM,
        Ecosystem.COMPOSER,
        Ecosystem.GOLANG,
        Ecosystem.TERRAFORM,
    }
)


def normalize_name(ecosystem: str, name: str) -> str:
    """The name as the ecosystem compares names: ``Django_REST.framework`` is
    ``django-rest-framework`` on PyPI; Composer, NuGet and Terraform registry names ignore
    case."""
    name = name.strip()
    if ecosystem == Ecosystem.GITHUB_ACTIONS:
        owner, _, rest = name.partition("/")
        repository, slash, path = rest.partition("/")
        return f"{owner.lower()}/{repository.lower()}{slash}{path}"
    if ecosystem == Ecosystem.PYPI:
        return _PEP503_SEPARATORS.sub("-", name).lower()
    if ecosystem in _CASE_INSENSITIVE:
        return name.lower()
    return name


@lru_cache(maxsize=65536)
def purl_for(ecosystem: str, name: str, version: str | None = None) -> str | None:
    """The Package URL of a package (``pkg:npm/%40angular/core@17.0.0``), or ``None`` when the
    name cannot form one (an empty name, a Maven name without its group)."""
    from packageurl import PackageURL

    namespace: str | None = None
    subpath: str | None = None
    if ecosystem == Ecosystem.GITHUB_ACTIONS:
        owner, _, rest = name.partition("/")
        repository, _, path = rest.partition("/")
        if not owner or not repository:
            return None
        namespace, name, subpath = owner, repository, path or None
    elif ecosystem == Ecosystem.MAVEN:
        group, _, artifact = name.partition(":")
        if not group or not artifact:
            return None
        namespace, name = group, artifact
    elif ecosystem in _NAMESPACED and "/" in name:
        namespace, _, name = name.rpartition("/")
    if not name:
        return None
    try:
        return PackageURL(
            type=ecosystem, namespace=namespace, name=name, version=version or None, subpath=subpath
        ).to_string()
    except ValueError:
        return None
