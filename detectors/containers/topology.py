"""What a compose file says about how its services connect, and the debt that shows.

Read from the documents :func:`~detectors.containers.compose.read_compose` already loaded
(nothing is parsed twice), for every service:

* its image as written and the line, and whether it builds its own image (``build``: the
  context and Dockerfile, which tell applications apart);
* ``container_name``, ``deploy.replicas`` and the legacy ``scale``;
* the services it refers to, with the line of each reference: ``depends_on`` (list or
  mapping form), ``links`` and ``external_links`` (``name`` or ``name:alias``), and the host
  that an ``environment`` variable points at: the host of a URL (``postgres://u:p@db:5432/x``,
  several for ``mongodb://a,b/``), the ``Server``/``Host``/``Data Source``/``Address`` of a
  connection string (``Server=tcp:sqlserver,1433;...``), or the value of a variable named
  like a host (``*HOST``, ``*HOSTNAME``, ``*SERVER``, ``*ADDR``, ``*ADDRESS``). Values are
  interpolated with their defaults only (``${DB_HOST:-db}`` is ``db``); a host that needs a
  variable without a default is skipped. Only the host is kept, never the value, which may
  hold a password.

:func:`topology_findings` turns the services of every compose file into findings, once the
core has merged what every detector found:

* A **database service** is one whose image (as the containers detector keyed it, variables
  resolved) the technology rules call a ``datastore``, other than the object stores and
  in-memory key-value stores in :data:`NOT_DATABASES`. An **application service** is any
  other service that builds its image or whose image no technology rule describes (so
  proxies, admin tools such as Adminer, mail catchers and brokers are neither). Application
  services built from the same context and Dockerfile, or running the same image, are one
  **application** (a web process and its worker).
* ``shared-database`` (medium, architectural coupling): two or more applications of one
  compose file refer to the same database service, through ``depends_on``, ``links``, an
  environment variable, or ``external_links`` to a database service of another compose file
  in the same directory (matched by ``container_name`` or service name). The finding names
  every service and the line of every reference.
* ``single-database-instance`` (low, scaling bottleneck): a database service that an
  application service of a compose file in the same directory uses, with no
  ``deploy.replicas`` or ``scale`` above 1 and no other service of the same image in its
  file (a replica or secondary). In a compose file whose path says it is for development or
  tests (``dev``, ``development``, ``devcontainer``, ``local``, ``test``, ``testing``,
  ``e2e``, ``ci``, ``gitpod`` as a path or name part) it is only ``info``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from detectors.common.images import UNRESOLVED
from detectors.common.interpolation import InterpolationError, interpolate
from detectors.containers.yamlload import line_of, scalar_text
from detectors.technologies.rules import IMAGE, choose, rule_table
from detectors.technologies.versions import release
from scanner.model import Category, Evidence, Fact, Finding, Severity

NOT_DATABASES = frozenset({"redis", "valkey", "minio", "etcd"})
"""Datastores that are not a system of record shared by design: in-memory key-value stores
(caches and brokers) and object storage."""

_HOST_NAME_RE = re.compile(r"(?:HOST|HOSTNAME|SERVER|ADDR|ADDRESS)\Z", re.I)
_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")
_CONNECTION_KEY_RE = re.compile(
    r"(?:^|;)\s*(?:server|host|data source|address|addr)\s*=\s*([^;]+)", re.I
)
_HOST_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
_DEVELOPMENT_PARTS = frozenset(
    {"dev", "development", "devcontainer", "local", "test", "tests", "testing", "e2e", "ci",
     "gitpod"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ServiceLink:
    """A reference from one service to another: ``target`` is a service name (a container
    name for ``external_links``), ``via`` how it is made (``depends_on``, ``links``,
    ``external_links``, ``environment NAME``), ``alias`` the name a link gives it."""

    target: str
    via: str
    line: int | None
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeService:
    """One service as the topology checks need it (see the module docstring)."""

    name: str
    line: int | None
    image: str | None = None
    image_line: int | None = None
    build: str | None = None
    container_name: str | None = None
    replicas: int | None = None
    links: tuple[ServiceLink, ...] = ()


def read_service(name: object, service: object) -> ComposeService:
    """The topology of one ``services`` entry; never raises (what is unreadable is left
    out)."""
    node = service if isinstance(service, dict) else {}
    image = scalar_text(node.get("image"))
    links = [
        *_depends_on(node.get("depends_on")),
        *_links(node.get("links"), "links"),
        *_links(node.get("external_links"), "external_links"),
        *_environment_links(node.get("environment")),
    ]
    return ComposeService(
        name=str(name),
        line=line_of(name),
        image=image,
        image_line=line_of(node.get("image")) if image is not None else None,
        build=_build_identity(node.get("build")),
        container_name=scalar_text(node.get("container_name")),
        replicas=_replicas(node),
        links=tuple(links),
    )


def _build_identity(build: object) -> str | None:
    if isinstance(build, dict):
        context = scalar_text(build.get("context")) or "."
        dockerfile = scalar_text(build.get("dockerfile")) or "Dockerfile"
        return f"{context} ({dockerfile})"
    written = scalar_text(build)
    return f"{written} (Dockerfile)" if written is not None else None


def _replicas(node: dict[object, object]) -> int | None:
    deploy = node.get("deploy")
    for value in (deploy.get("replicas") if isinstance(deploy, dict) else None, node.get("scale")):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _depends_on(value: object) -> Iterator[ServiceLink]:
    names = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
    for name in names:
        text = scalar_text(name)
        if text:
            yield ServiceLink(text, "depends_on", line_of(name))


def _links(value: object, via: str) -> Iterator[ServiceLink]:
    for item in value if isinstance(value, list) else []:
        text = scalar_text(item)
        if text:
            target, _, alias = text.partition(":")
            yield ServiceLink(target.strip(), via, line_of(item), alias.strip() or None)


def _environment_links(value: object) -> Iterator[ServiceLink]:
    pairs: list[tuple[str, object]] = []
    if isinstance(value, dict):
        pairs = [(str(key), item) for key, item in value.items()]
    elif isinstance(value, list):
        for item in value:
            text = scalar_text(item)
            if text is not None and "=" in text:
                variable, _, assigned = text.partition("=")
                pairs.append((variable.strip(), _Lined(assigned, line_of(item))))
    for variable, item in pairs:
        text = item.text if isinstance(item, _Lined) else scalar_text(item)
        if not text:
            continue
        for host in hosts_named(variable, text):
            yield ServiceLink(host, f"environment {variable}", line_of(item))


@dataclass(frozen=True, slots=True)
class _Lined:
    """The value of a ``NAME=value`` list item, with the item's line."""

    text: str
    line: int | None


def hosts_named(variable: str, value: str) -> list[str]:
    """The hosts an environment variable's value points at (see the module docstring);
    empty when it names none or a host needs a variable without a default."""
    try:
        text = interpolate(value, lambda _name: None).text
    except InterpolationError:
        return []
    candidates: list[str] = []
    url = _URL_RE.match(text.strip())
    if url is not None:
        candidates = url.group(1).rpartition("@")[2].split(",")
    elif "=" in text and ";" in text:
        candidates = [match.group(1) for match in _CONNECTION_KEY_RE.finditer(text)]
    elif _HOST_NAME_RE.search(variable):
        candidates = [text]
    hosts = (_without_port(candidate) for candidate in candidates)
    return [host for host in hosts if UNRESOLVED not in host and _HOST_RE.match(host)]


def _without_port(address: str) -> str:
    """``db:5432``, ``tcp:sqlserver,1433`` → the host alone."""
    host = address.strip().removeprefix("tcp:").split(",")[0]
    return host.rpartition(":")[0] or host


# ----------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class _Role:
    """What a service is: a database (the technology's key and name), an application
    (``identities``: its build and its image, which other services may share), or
    neither."""

    database: tuple[str, str] | None = None
    identities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Use:
    """An application service's reference to a database service (``target``: the
    database's file and service)."""

    path: str
    service: ComposeService
    application: str
    link: ServiceLink
    target: tuple[str, ComposeService]


Services = tuple[ComposeService, ...]


def topology_findings(
    files: Sequence[tuple[str, Services]],
    images: Mapping[tuple[str, int], tuple[str, str | None]],
    owner_of: Callable[[str], str],
    detector: str,
) -> list[Finding]:
    """``shared-database`` and ``single-database-instance`` findings for the services of
    every compose file (``(path, services)``), given the container images the scan found
    (``(path, line)`` of the image to its key and tag) and the component owning a path."""
    roles = {
        (path, service.name): _role(path, service, images) for path, services in files
        for service in services
    }  # fmt: skip
    found: list[Finding] = []
    for group in _by_directory(files):
        uses = sorted(_uses(group, roles), key=lambda u: (u.path, u.link.line or 0))
        found.extend(_shared(uses, roles, owner_of, detector))
        found.extend(_single(uses, group, roles, owner_of, detector))
    return found


def _role(
    path: str, service: ComposeService, images: Mapping[tuple[str, int], tuple[str, str | None]]
) -> _Role:
    """A database when the rules call its image a datastore (and not one of
    :data:`NOT_DATABASES`); else an application when it builds its image or no rule
    describes its image; else neither."""
    image = images.get((path, service.image_line)) if service.image_line is not None else None
    claims = rule_table().claims(f"{IMAGE}:{image[0]}") if image is not None else ()
    claim = choose(claims, release(image[1] if image is not None else None)) if claims else None
    if claim is not None:
        rule = claim.rule
        if rule.category == Category.DATASTORE and rule.key not in NOT_DATABASES:
            return _Role(database=(rule.key, rule.name))
        if service.build is None:
            return _Role()
    identities = [f"build {service.build}"] if service.build is not None else []
    if image is not None:
        identities.append(f"image {image[0]}")
    return _Role(identities=tuple(identities))


def _by_directory(files: Sequence[tuple[str, Services]]) -> list[list[tuple[str, Services]]]:
    """The compose files grouped by directory, each group sorted by path."""
    grouped: dict[str, list[tuple[str, Services]]] = {}
    for path, services in sorted(files, key=lambda item: item[0]):
        grouped.setdefault(posixpath.dirname(path), []).append((path, services))
    return list(grouped.values())


def _applications(
    path: str, services: Services, roles: Mapping[tuple[str, str], _Role]
) -> dict[str, str]:
    """Each application service of a file to its application: the first service of the
    services that share a build or an image with it, directly or through others."""
    application: dict[str, str] = {}
    owner: dict[str, str] = {}
    for service in services:
        identities = roles[(path, service.name)].identities
        if not identities:
            continue
        joined = {application[owner[i]] for i in identities if i in owner}
        label = min(joined, key=[s.name for s in services].index) if joined else service.name
        for name, current in application.items():
            if current in joined:
                application[name] = label
        application[service.name] = label
        for identity in identities:
            owner.setdefault(identity, service.name)
    return application


def _uses(
    group: list[tuple[str, Services]], roles: Mapping[tuple[str, str], _Role]
) -> Iterator[_Use]:
    """Every reference from an application service to a database service."""
    for path, services in group:
        local = _names(path, services)
        applications = _applications(path, services, roles)
        for service in services:
            if service.name not in applications:
                continue
            aliases = {link.alias: link.target for link in service.links if link.alias}
            for link in service.links:
                if link.via == "external_links":
                    targets = [t for p, s in group for t in _names(p, s).get(link.target, [])]
                else:
                    targets = local.get(aliases.get(link.target, link.target), [])
                target = next(
                    (t for t in targets if roles[(t[0], t[1].name)].database is not None), None
                )
                if target is not None:
                    yield _Use(path, service, applications[service.name], link, target)


def _names(path: str, services: Services) -> dict[str, list[tuple[str, ComposeService]]]:
    """Services by the names other services reach them by: service and container name."""
    names: dict[str, list[tuple[str, ComposeService]]] = {}
    for service in services:
        for name in dict.fromkeys((service.name, service.container_name)):
            if name:
                names.setdefault(name, []).append((path, service))
    return names


def _shared(
    uses: list[_Use],
    roles: Mapping[tuple[str, str], _Role],
    owner_of: Callable[[str], str],
    detector: str,
) -> Iterator[Finding]:
    """One finding per database service that several applications of one file use."""
    by_database: dict[tuple[str, str, str], list[_Use]] = {}
    for use in uses:
        by_database.setdefault((use.path, use.target[0], use.target[1].name), []).append(use)
    for (path, database_path, name), database_uses in sorted(by_database.items()):
        applications = dict.fromkeys(use.application for use in database_uses)
        if len(applications) < 2:
            continue
        database = database_uses[0].target[1]
        technology = roles[(database_path, name)].database
        assert technology is not None
        services = list(dict.fromkeys(use.service.name for use in database_uses))
        component = owner_of(path)
        evidence = [_image_evidence(database_path, database, technology[1], detector)]
        evidence += [
            Evidence(path, detector, f"service {u.service.name!r} {_how(u.link)}", u.link.line)
            for u in database_uses
        ]
        yield Finding(
            id=f"shared-database:{path}:{name}:{component}",
            kind="shared-database",
            severity=Severity.MEDIUM,
            title=(
                f"{len(applications)} applications of {path} share the {technology[1]} "
                f"service {name!r}"
            ),
            subject=technology[0],
            version=None,
            component=component,
            facts=(
                Fact("database service", f"{name} ({database_path})"),
                Fact("database", technology[1]),
                Fact("applications", str(len(applications))),
                Fact("services", ", ".join(services)),
            ),
            evidence=tuple(evidence),
            advice=(
                "Give each application its own database (or schema and credentials) and let "
                "the others reach its data through its API; until then a schema change in one "
                "can break the others."
            ),
        )


def _single(
    uses: list[_Use],
    group: list[tuple[str, Services]],
    roles: Mapping[tuple[str, str], _Role],
    owner_of: Callable[[str], str],
    detector: str,
) -> Iterator[Finding]:
    """One finding per database service in use that runs one instance."""
    users: dict[tuple[str, str], list[_Use]] = {}
    for use in uses:
        users.setdefault((use.target[0], use.target[1].name), []).append(use)
    for path, services in group:
        for database in services:
            database_uses = users.get((path, database.name))
            technology = roles[(path, database.name)].database
            if not database_uses or technology is None or _replicated(database, services):
                continue
            component = owner_of(path)
            development = _for_development(path)
            names = list(dict.fromkeys(use.service.name for use in database_uses))
            yield Finding(
                id=f"single-database-instance:{path}:{database.name}:{component}",
                kind="single-database-instance",
                severity=Severity.INFO if development else Severity.LOW,
                title=f"{technology[1]} service {database.name!r} of {path} runs one instance",
                subject=technology[0],
                version=None,
                component=component,
                facts=(
                    Fact("database service", database.name),
                    Fact("database", technology[1]),
                    Fact(
                        "replicas",
                        str(database.replicas) if database.replicas is not None else "not set",
                    ),
                    Fact("used by", ", ".join(names)),
                    Fact("compose file for", "development or tests" if development else "any use"),
                ),
                evidence=(_image_evidence(path, database, technology[1], detector),),
                advice=(
                    "Plan for more than one instance where this topology runs in production: "
                    "a replica for reads and failover, or a managed database with high "
                    "availability; one instance is a single point of failure and caps reads."
                ),
            )


def _replicated(database: ComposeService, services: Iterable[ComposeService]) -> bool:
    if database.replicas is not None and database.replicas > 1:
        return True
    repository = _repository(database.image)
    return repository is not None and any(
        other is not database and _repository(other.image) == repository for other in services
    )


def _repository(image: str | None) -> str | None:
    if not image:
        return None
    name = image.partition("@")[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


def _for_development(path: str) -> bool:
    return any(part in _DEVELOPMENT_PARTS for part in re.split(r"[/._-]", path.lower()))


def _image_evidence(path: str, service: ComposeService, database: str, detector: str) -> Evidence:
    line = service.image_line or service.line
    return Evidence(path, detector, f"service {service.name!r} runs {database}", line)


def _how(link: ServiceLink) -> str:
    if link.via.startswith("environment"):
        return f"points {link.via} at {link.target!r}"
    alias = f" as {link.alias!r}" if link.alias else ""
    return f"names {link.target!r} in {link.via}{alias}"
