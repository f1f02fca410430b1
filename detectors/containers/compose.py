"""Compose files (``docker-compose*.yml``, ``compose*.yaml``...): the image of every service.

``services.<name>.image`` is interpolated as Compose does (``${VAR}``, ``${VAR:-default}``,
``${VAR-default}``, ``$VAR``, ``$$``) with the variables of the ``.env`` file beside the
compose file when the caller read it, and defaults only otherwise; each variable's source is
noted. A service with only ``build:`` names no image; one with both names the image it
builds, and says so. ``x-`` extension fields, anchors and merge keys are plain YAML here.
Version 1 files, whose services sit at the top level, are read too. The same documents
give each service's topology (:mod:`detectors.containers.topology`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from detectors.common.interpolation import InterpolationError, interpolate
from detectors.containers.records import Collector, tool_technology
from detectors.containers.topology import ComposeService, read_service
from detectors.containers.yamlload import line_of, load_documents, scalar_text
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

COMPOSE_NAME_RE = re.compile(r"(?:docker-compose[^/]*|compose(?:[._-][^/]*)?)\.ya?ml\Z")
"""Base names of compose files: ``docker-compose*.yml|yaml``, ``compose.yml|yaml`` and
``compose.*``/``compose-*``/``compose_*`` variants (not ``composer.yml``)."""


_TOP_LEVEL_KEYS = frozenset(
    {"version", "name", "services", "networks", "volumes", "secrets", "configs", "include"}
)


@dataclass(frozen=True, slots=True)
class ServiceImage:
    """A service's ``image`` as written, its line, and its build context when the service
    builds the image itself."""

    service: str
    image: str
    line: int | None
    build: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeFile:
    """What a compose file says about images; ``problems`` are entries that could not be
    read (the rest could); ``topology`` how its services connect."""

    services: int
    images: tuple[ServiceImage, ...]
    problems: tuple[str, ...] = ()
    topology: tuple[ComposeService, ...] = ()

    @property
    def uses_variables(self) -> bool:
        """Whether any image refers to a variable (then a ``.env`` file matters)."""
        return any("$" in image.image for image in self.images)


def read_compose(file: SourceFile) -> ComposeFile:
    """The service images of a compose file.

    An empty file (or one of comments only) is a valid, empty overlay. Raises
    :class:`DetectorError` for malformed YAML, or a top level or ``services`` that is not a
    mapping.
    """
    documents = [d for d in load_documents(file.text()) if d is not None]
    images: list[ServiceImage] = []
    problems: list[str] = []
    topology: list[ComposeService] = []
    count = 0
    for document in documents:
        if not isinstance(document, dict):
            raise DetectorError(
                f"expected a mapping at the top level, found {type(document).__name__}"
            )
        services = _services(document)
        count += len(services)
        for name, service in services.items():
            topology.append(read_service(name, service))
            if not isinstance(service, dict) or "image" not in service:
                continue
            text = scalar_text(service["image"])
            if text is None:
                problems.append(f"service {name!r}: image is not a string")
                continue
            images.append(ServiceImage(str(name), text, line_of(service["image"]), _build(service)))
    return ComposeFile(count, tuple(images), tuple(problems), tuple(topology))


def _services(document: dict[object, object]) -> dict[object, object]:
    if "services" in document:
        services = document["services"]
        if services is None:
            return {}
        if not isinstance(services, dict):
            raise DetectorError(f"'services' is a {type(services).__name__}, not a mapping")
        return services
    if "version" in document:
        return {}
    # Version 1: services at the top level.
    return {
        name: value
        for name, value in document.items()
        if isinstance(value, dict)
        and ("image" in value or "build" in value)
        and name not in _TOP_LEVEL_KEYS
        and not str(name).startswith("x-")
    }


def _build(service: dict[object, object]) -> str | None:
    build = service.get("build")
    if isinstance(build, dict):
        return scalar_text(build.get("context")) or "."
    return scalar_text(build)


def compose_output(
    file: SourceFile,
    compose: ComposeFile,
    environment: Mapping[str, str] | None = None,
    environment_path: str = ".env",
) -> DetectorOutput:
    """The technologies of a read compose file: ``docker-compose`` and every service image,
    interpolated with ``environment`` (the variables of ``environment_path``) when given."""
    found = Collector(file)
    plural = "" if compose.services == 1 else "s"
    reason = f"compose file with {compose.services} service{plural}"
    found.technologies.append(tool_technology("docker-compose", file.evidence(reason)))
    variables = environment or {}
    for problem in compose.problems:
        found.fail(problem)
    for service in compose.images:
        try:
            result = interpolate(service.image, variables.get)
        except InterpolationError as error:
            found.fail(f"line {service.line}: service {service.service!r}: {error}")
            continue
        notes = [f"{name}={value!r} from {environment_path}" for name, value in result.used]
        notes += [f"{name} not set, default {value!r} used" for name, value in result.defaulted]
        notes += [f"{name} not set and has no default" for name in result.unresolved]
        reason = f"service {service.service!r} image"
        if service.build is not None:
            reason += f" (built here from context {service.build!r})"
        found.image(
            result.text,
            file.evidence(reason, service.line),
            notes=notes,
            unresolved=result.unresolved,
        )
    return DetectorOutput(technologies=tuple(found.technologies), failures=tuple(found.failures))


def parse_compose(file: SourceFile) -> DetectorOutput:
    """A compose file, with variables resolved by their defaults only (no ``.env``).

    Raises :class:`DetectorError` as :func:`read_compose` does."""
    return compose_output(file, read_compose(file))
