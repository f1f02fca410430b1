"""The technologies version files name: keys, display names, categories, and the names the
version managers (asdf, mise, SDKMAN!) give them."""

from __future__ import annotations

from detectors.runtimes.pins import DECLARED, RESOLVED, Pin
from scanner.model import Category, Evidence, Technology

# key: (name, category). Keys follow docs/detectors.md.
TECHNOLOGIES: dict[str, tuple[str, str]] = {
    "python": ("Python", Category.RUNTIME),
    "pypy": ("PyPy", Category.RUNTIME),
    "nodejs": ("Node.js", Category.RUNTIME),
    "ruby": ("Ruby", Category.RUNTIME),
    "jruby": ("JRuby", Category.RUNTIME),
    "truffleruby": ("TruffleRuby", Category.RUNTIME),
    "mruby": ("mruby", Category.RUNTIME),
    "rubinius": ("Rubinius", Category.RUNTIME),
    "go": ("Go", Category.RUNTIME),
    "java": ("Java", Category.RUNTIME),
    "dotnet": (".NET", Category.RUNTIME),
    "php": ("PHP", Category.RUNTIME),
    "rust": ("Rust", Category.RUNTIME),
    "elixir": ("Elixir", Category.RUNTIME),
    "erlang": ("Erlang/OTP", Category.RUNTIME),
    "bun": ("Bun", Category.RUNTIME),
    "deno": ("Deno", Category.RUNTIME),
    "terraform": ("Terraform", Category.INFRASTRUCTURE),
    "postgresql": ("PostgreSQL", Category.DATASTORE),
    "mysql": ("MySQL", Category.DATASTORE),
    "redis": ("Redis", Category.DATASTORE),
    "mongodb": ("MongoDB", Category.DATASTORE),
    "npm": ("npm", Category.PACKAGE_MANAGER),
    "yarn": ("Yarn", Category.PACKAGE_MANAGER),
    "pnpm": ("pnpm", Category.PACKAGE_MANAGER),
    "pip": ("pip", Category.PACKAGE_MANAGER),
    "pipenv": ("Pipenv", Category.PACKAGE_MANAGER),
    "poetry": ("Poetry", Category.PACKAGE_MANAGER),
    "pdm": ("PDM", Category.PACKAGE_MANAGER),
    "uv": ("uv", Category.PACKAGE_MANAGER),
    "bundler": ("Bundler", Category.PACKAGE_MANAGER),
    "composer": ("Composer", Category.PACKAGE_MANAGER),
    "maven": ("Maven", Category.BUILD_TOOL),
    "gradle": ("Gradle", Category.BUILD_TOOL),
}

# Names asdf plugins, mise tools and SDKMAN! candidates use for a key of their own.
_ALIASES: dict[str, str] = {
    "node": "nodejs",
    "golang": "go",
    "dotnet-core": "dotnet",
    "dotnet-sdk": "dotnet",
    "postgres": "postgresql",
    "mongo": "mongodb",
}

# mise backends whose tool name is a package or repository, reduced to its last segment.
_MISE_BACKEND_PREFIXES = ("asdf-", "vfox-", "mise-")


def tool_key(name: str) -> str:
    """The technology key of an asdf plugin or SDKMAN! candidate name: ``golang`` → ``go``,
    ``postgres`` → ``postgresql``; a name with no key of its own is its own key."""
    lowered = name.strip().lower()
    return _ALIASES.get(lowered, lowered)


def mise_tool_key(name: str) -> str:
    """The key of a mise ``[tools]`` name, through its backend: ``node`` and ``core:node``
    → ``nodejs``; ``aqua:hashicorp/terraform`` → ``terraform``; ``npm:prettier`` →
    ``prettier``; ``ubi:BurntSushi/ripgrep[exe=rg]`` → ``ripgrep``."""
    tool = name.partition(":")[2] if ":" in name else name
    tool = tool.partition("[")[0].rstrip("/").rpartition("/")[2]
    for prefix in _MISE_BACKEND_PREFIXES:
        tool = tool.removeprefix(prefix)
    return tool_key(tool or name)


def technology(pin: Pin, evidence: Evidence, written: str | None = None) -> Technology:
    """The technology of a pin. A key without a catalogue entry is a ``tool`` named as the
    file writes it (``written``, else the key).

    A datastore's version is ``declared`` however exact: a version manager installs the
    developer's local server, which says what the project expects, not what it runs on.
    """
    name, category = TECHNOLOGIES.get(pin.key, (written or pin.key, Category.TOOL))
    source = pin.source if pin.version is not None else None
    if category == Category.DATASTORE and source == RESOLVED:
        source = DECLARED
    return Technology(
        key=pin.key,
        name=name,
        category=category,
        evidence=(evidence,),
        version=pin.version,
        version_source=source,
        version_note=pin.note,
    )
