"""Travis CI: ``.travis.yml``.

Reported: the CI system; the runtimes of the version lists (``python: ["2.7", "3.6"]``,
``node_js: [6, 10]``, ``jdk``, ``go``, ``ruby``/``rvm``, ``php``, ``rust``, ``elixir``,
``otp_release``, ``dotnet``) at the top level and in ``matrix``/``jobs`` ``include`` entries,
one technology per version (``language:`` alone gives the runtime without a version); ``dist``
as an Ubuntu runner (``trusty`` is 14.04), ``os: osx``/``windows`` as macOS/Windows runners;
``services:`` and version-pinning ``addons:`` (``postgresql: "9.6"``) as datastores, keyed as
the technology rules key them (``postgresql``, ``mysql``, ``redis``...), since no image or
package names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.ci.technologies import UBUNTU_CODENAMES, ci_system, runner, runtime, tool
from detectors.ci.yamldoc import YamlList, YamlMap, load_mapping, mappings
from scanner.detector import SourceFile
from scanner.model import Category, DetectorOutput, Technology

# Version keys and the runtime each one pins.
VERSION_KEYS: dict[str, str] = {
    "python": "python",
    "node_js": "nodejs",
    "ruby": "ruby",
    "rvm": "ruby",
    "go": "go",
    "jdk": "java",
    "php": "php",
    "rust": "rust",
    "elixir": "elixir",
    "otp_release": "erlang",
    "dotnet": "dotnet",
}

# ``language:`` values and the runtime they imply.
LANGUAGES: dict[str, str] = {
    "python": "python",
    "node_js": "nodejs",
    "ruby": "ruby",
    "go": "go",
    "java": "java",
    "jvm": "java",
    "scala": "java",
    "groovy": "java",
    "clojure": "java",
    "android": "java",
    "php": "php",
    "rust": "rust",
    "elixir": "elixir",
    "erlang": "erlang",
    "csharp": "dotnet",
}

# Travis services and addons, as (key, name, category).
SERVICES: dict[str, tuple[str, str, str]] = {
    "mysql": ("mysql", "MySQL", Category.DATASTORE),
    "mariadb": ("mariadb", "MariaDB", Category.DATASTORE),
    "postgresql": ("postgresql", "PostgreSQL", Category.DATASTORE),
    "redis": ("redis", "Redis", Category.DATASTORE),
    "redis-server": ("redis", "Redis", Category.DATASTORE),
    "mongodb": ("mongodb", "MongoDB", Category.DATASTORE),
    "elasticsearch": ("elasticsearch", "Elasticsearch", "search"),
    "memcached": ("memcached", "Memcached", "cache"),
    "rabbitmq": ("rabbitmq", "RabbitMQ", "queue"),
    "cassandra": ("cassandra", "Apache Cassandra", Category.DATASTORE),
    "couchdb": ("couchdb", "Apache CouchDB", Category.DATASTORE),
    "neo4j": ("neo4j", "Neo4j", Category.DATASTORE),
    "riak": ("riak", "Riak", Category.DATASTORE),
    "rethinkdb": ("rethinkdb", "RethinkDB", Category.DATASTORE),
    "docker": ("docker", "Docker", Category.TOOL),
}

_JDK = re.compile(r"[a-z]*?jdk-?(\d+)", re.IGNORECASE)


def parse_travis(file: SourceFile) -> DetectorOutput:
    """A Travis CI configuration. Raises :class:`DetectorError` for malformed YAML or a top
    level that is not a mapping."""
    document = load_mapping(file, "Travis CI configuration")
    technologies = [ci_system(file, "travis-ci", "Travis CI configuration")]
    runtimes: list[Technology] = []
    for section, where in _sections(document):
        runtimes.extend(_versions(file, section, where))
        technologies.extend(_runners(file, section, where))
        technologies.extend(_services(file, section, where))
    language = document.text_at("language")
    key = LANGUAGES.get(language.strip().lower()) if language else None
    if key is not None and not any(t.key == key for t in runtimes):
        reason = f"language: {language}"
        note = "no version given (Travis's default)"
        runtimes.append(runtime(file, key, None, document.line_of("language"), reason, note))
    return DetectorOutput(technologies=(*technologies, *runtimes))


def _sections(document: YamlMap) -> Iterator[tuple[YamlMap, str]]:
    """The top level and every ``matrix``/``jobs`` ``include`` entry."""
    yield document, "top level"
    for key in ("matrix", "jobs"):
        matrix = document.get(key)
        include = matrix.get("include") if isinstance(matrix, YamlMap) else matrix
        for entry, line in mappings(include if isinstance(include, YamlList) else None):
            yield entry, f"{key}.include entry at line {line}"


def _versions(file: SourceFile, section: YamlMap, where: str) -> list[Technology]:
    found: list[Technology] = []
    for version_key, key in VERSION_KEYS.items():
        value = section.get(version_key)
        if isinstance(value, YamlList):
            items = list(value.items_with_lines())
        elif isinstance(value, str):
            items = [(value, section.line_of(version_key))]
        else:
            continue
        for item, line in items:
            if not isinstance(item, str) or not item:
                continue
            reason = f"{where}: {version_key} {item}"
            if version_key == "jdk":
                match = _JDK.fullmatch(item.strip())
                version = match.group(1) if match else item
                found.append(runtime(file, key, version, line, reason, f"jdk {item}"))
            else:
                found.append(runtime(file, key, item, line, reason))
    return found


def _runners(file: SourceFile, section: YamlMap, where: str) -> list[Technology]:
    found: list[Technology] = []
    dist = section.text_at("dist")
    if dist is not None:
        version = UBUNTU_CODENAMES.get(dist.strip().lower())
        note = f"dist {dist}" if version else f"unknown dist '{dist}'"
        reason = f"{where}: dist {dist}"
        found.append(runner(file, "ubuntu", version, note, section.line_of("dist"), reason))
    systems = section.get("os")
    for system in [systems] if isinstance(systems, str) else list(systems or []):
        if not isinstance(system, str):
            continue
        lowered = system.strip().lower()
        line = section.line_of("os")
        if lowered == "osx":
            image = section.text_at("osx_image")
            note = f"osx_image {image}" if image else "no osx_image given (Travis's default)"
            found.append(runner(file, "macos", None, note, line, f"{where}: os {system}"))
        elif lowered == "windows":
            note = "Travis's Windows image"
            found.append(runner(file, "windows", None, note, line, f"{where}: os {system}"))
        elif lowered == "linux" and dist is None:
            note = "no dist given (Travis's default Ubuntu)"
            found.append(runner(file, "ubuntu", None, note, line, f"{where}: os {system}"))
    return found


def _services(file: SourceFile, section: YamlMap, where: str) -> list[Technology]:
    found: list[Technology] = []
    services = section.get("services")
    items = (
        list(services.items_with_lines())
        if isinstance(services, YamlList)
        else [(services, section.line_of("services"))]
    )
    for service, line in items:
        known = SERVICES.get(service.strip().lower()) if isinstance(service, str) else None
        if known is not None:
            key, name, category = known
            found.append(
                tool(
                    file,
                    key,
                    name,
                    line,
                    f"{where}: Travis service {service}",
                    note="Travis CI service; version not pinned",
                    category=category,
                )
            )
    addons = section.map_at("addons")
    for addon, value in (addons or {}).items():
        known = SERVICES.get(addon.lower())
        if known is not None and isinstance(value, str) and addons is not None:
            key, name, category = known
            found.append(
                tool(
                    file,
                    key,
                    name,
                    addons.line_of(addon),
                    f"{where}: addon {addon} {value}",
                    version=value,
                    category=category,
                )
            )
    return found
