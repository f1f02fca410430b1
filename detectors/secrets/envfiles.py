"""``.env`` files that hold values, summarised without their values.

Which files: ``.env`` and ``.env.<suffix>`` (``.env.local``, ``.env.production``…), except
templates meant to be committed, whose suffix has a part in :data:`TEMPLATE_PARTS`
(``.env.example``, ``.env.local.sample``, ``.env.template``, ``.env.dist``…), and files of
another format that only start like one (``.env.ts``, ``.env.patch``: :data:`OTHER_FORMATS`).
Only the first :data:`MAX_ENV_BYTES` bytes of a file are read.

What counts: assignments (as :func:`detectors.containers.dotenv.dotenv_entries` reads them)
with a non-empty value that is not merely a reference to another variable (``$OTHER``,
``${OTHER}``). A variable is **named like a secret** when a part of its name (split at
``_``, ``-``, ``.``) is one of :data:`SECRET_PARTS` or ends in ``APIKEY``, ``TOKEN``,
``SECRET``, ``PASSWORD`` or ``PASSWD`` (``DB_PASSWORD``, ``STRIPE_APIKEY``), unless another
part says it is public (``PUBLIC``, ``PUBLISHABLE``) or its last part says it describes the
secret rather than holding it (:data:`DESCRIBING_PARTS`: ``AWS_ACCESS_KEY_ID``,
``SSL_KEY_FILE``, ``TOKEN_URL``). The summary keeps counts, names of secret-looking variables
and lines; never a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors.containers.dotenv import dotenv_entries

MAX_ENV_BYTES = 64 * 1024
TEMPLATE_PARTS = frozenset(
    {"example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl",
     "dist", "default", "defaults", "schema", "vault", "j2", "jinja", "jinja2", "erb"}
)  # fmt: skip
"""Suffix parts of env files meant to be committed: templates, and dotenv-vault's encrypted
``.env.vault``."""
OTHER_FORMATS = frozenset(
    {"patch", "diff", "orig", "rej", "md", "rst", "js", "mjs", "cjs", "ts", "mts", "cts", "py",
     "rb", "go", "sh", "ps1", "json", "yml", "yaml", "toml", "lock"}
)  # fmt: skip
"""Last suffixes of files that are not env files (code, documents, patches, data)."""
SECRET_PARTS = frozenset(
    {"KEY", "KEYS", "SECRET", "SECRETS", "TOKEN", "TOKENS", "PASSWORD", "PASSWORDS",
     "PASSWD", "PWD", "PASS", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "APIKEY"}
)  # fmt: skip
_SECRET_SUFFIXES = ("APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD")
_PUBLIC_PARTS = frozenset({"PUBLIC", "PUBLISHABLE"})
DESCRIBING_PARTS = frozenset(
    {"ID", "IDS", "NAME", "NAMES", "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST",
     "PORT", "TYPE", "LENGTH", "SIZE", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "ALGORITHM",
     "ALG", "HEADER", "PREFIX", "ENABLED", "REQUIRED", "MIN", "MAX", "COUNT", "VERSION"}
)  # fmt: skip
_REFERENCE_RE = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})\Z")


@dataclass(frozen=True, slots=True)
class EnvSummary:
    """What an env file holds: how many variables have a value, the line of the first, and
    the secret-looking variables with a value (name and line)."""

    valued: int
    first_line: int | None
    secrets: tuple[tuple[str, int], ...]


def is_env_file(name: str) -> bool:
    """Whether a base name is an env file this detector reads (see the module docstring)."""
    if name == ".env":
        return True
    if not name.startswith(".env.") or len(name) == len(".env."):
        return False
    parts = name[len(".env.") :].lower().split(".")
    return not TEMPLATE_PARTS.intersection(parts) and parts[-1] not in OTHER_FORMATS


def looks_secret(name: str) -> bool:
    """Whether a variable is named like a secret (see the module docstring)."""
    parts = [part for part in re.split(r"[^A-Z0-9]+", name.upper()) if part]
    if not parts or _PUBLIC_PARTS.intersection(parts) or parts[-1] in DESCRIBING_PARTS:
        return False
    return any(part in SECRET_PARTS or part.endswith(_SECRET_SUFFIXES) for part in parts)


def summarize_env(text: str) -> EnvSummary:
    """Count the variables of an env file that have values; values are looked at only to
    tell empty ones and references apart, and are not kept."""
    valued = 0
    first_line: int | None = None
    secrets: list[tuple[str, int]] = []
    for entry in dotenv_entries(text):
        value = entry.value.strip()
        if not value or (entry.quote != "'" and _REFERENCE_RE.match(value)):
            continue
        valued += 1
        first_line = entry.line if first_line is None else first_line
        if looks_secret(entry.name):
            secrets.append((entry.name, entry.line))
    return EnvSummary(valued, first_line, tuple(secrets))
