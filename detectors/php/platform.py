"""Composer's platform packages: requirements on PHP itself, its extensions and libraries, and
Composer, which are not packages from a repository.

``php`` is the PHP runtime (``declared``). ``ext-<name>`` (a PHP extension) and ``lib-<name>``
(a system library PHP is built with) are kept as technologies of category ``library``, keyed
``php-ext-<name>`` and ``php-lib-<name>`` in lower case: they say what the runtime must provide
(``ext-redis`` reveals Redis, ``ext-pdo_pgsql`` PostgreSQL) without being dependencies with a
Package URL. ``composer``, ``composer-plugin-api`` and ``composer-runtime-api`` constrain
Composer (the ``composer`` technology, ``declared``). The PHP variants ``php-64bit``,
``php-ipv6``, ``php-zts`` and ``php-debug`` say how PHP is built, not which version: they are
not reported. All platform names compare case-insensitively, as Composer's do.
"""

from __future__ import annotations

from scanner.model import Category, Evidence, Technology

_PHP_VARIANTS = frozenset({"php-64bit", "php-ipv6", "php-zts", "php-debug"})
_COMPOSER_NAMES = frozenset({"composer", "composer-plugin-api", "composer-runtime-api"})


def is_platform_package(name: str) -> bool:
    """Whether a ``require`` key names a platform package rather than a Composer package."""
    lowered = name.lower()
    return (
        lowered in ("php", "hhvm")
        or lowered in _PHP_VARIANTS
        or lowered in _COMPOSER_NAMES
        or lowered.startswith(("ext-", "lib-"))
    )


def platform_technology(name: str, constraint: str, evidence: Evidence) -> Technology | None:
    """The technology a platform requirement names, or ``None`` for one not reported."""
    lowered = name.lower()
    version, note = _version(constraint)
    source = "declared" if version is not None else None
    if lowered == "php":
        key, title, category = "php", "PHP", Category.RUNTIME
    elif lowered == "hhvm":
        key, title, category = "hhvm", "HHVM", Category.RUNTIME
    elif lowered in _COMPOSER_NAMES:
        key, title, category = "composer", "Composer", Category.PACKAGE_MANAGER
        if lowered != "composer" and version is not None:
            note = f"{lowered} {constraint}"
    elif lowered.startswith("ext-"):
        key, title, category = f"php-{lowered}", f"PHP extension {lowered[4:]}", Category.LIBRARY
    elif lowered.startswith("lib-"):
        key, title, category = f"php-{lowered}", f"PHP library {lowered[4:]}", Category.LIBRARY
    else:
        return None
    return Technology(
        key,
        title,
        category,
        (evidence,),
        version=version,
        version_source=source,
        version_note=note,
    )


def _version(constraint: str) -> tuple[str | None, str | None]:
    """A constraint as a technology version: ``*`` and empty pin nothing."""
    constraint = constraint.strip()
    if constraint in ("", "*"):
        return None, "any version ('*')"
    return constraint, None
