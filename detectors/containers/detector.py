"""The containers detector: Dockerfiles, Compose files, Kubernetes manifests, Kustomize, Helm
charts and dev containers, and every container image they name.

Most files are read when they are offered. What depends on other files waits for the tree
hook: a compose file whose images use variables is interpolated with the ``.env`` beside it;
compose files that a dev container names but that do not look like compose files by their
name are read then; a chart's ``values.yaml`` (and the ``requirements`` files of a v1 chart)
are read beside its ``Chart.yaml``.

After the merge, the services of every compose file read are checked for shared databases
and single database instances (:mod:`detectors.containers.topology`), with the container
images the scan found.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from detectors.containers import compose, devcontainer, dockerfile, helm, kubernetes, kustomize
from detectors.containers.dotenv import parse_dotenv
from detectors.containers.topology import ComposeService, topology_findings
from scanner.components import ComponentIndex
from scanner.detector import (
    EMPTY_OUTPUT,
    Detector,
    FileContent,
    FileSelector,
    Findings,
    SourceFile,
    TreeView,
    decode_text,
)
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Failure, FailureKind

DOCKERFILE_NAMES = frozenset({"Dockerfile", "dockerfile", "Containerfile", "containerfile"})
# Dockerfile.<suffix> files that are not Dockerfiles, or templates of one.
_NOT_DOCKERFILE_SUFFIXES = frozenset(
    {
        "dockerignore", "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "erb", "mustache",
        "hbs", "gotmpl", "in", "md", "txt", "orig", "bak", "swp", "sh", "json", "yml", "yaml",
    }
)  # fmt: skip
_DOCKERFILE_RE = re.compile(
    r"(?:(?:Dockerfile|Containerfile)\.[^/]+|[^/]+\.(?:[Dd]ockerfile|[Cc]ontainerfile))\Z"
)
_YAML_SUFFIXES = (".yaml", ".yml")
_READ_LIMIT = 4 * 1024 * 1024


def route(path: str) -> str | None:
    """Which format a path is read as: ``dockerfile``, ``compose``, ``chart``, ``chart-lock``,
    ``kustomization``, ``devcontainer``, ``values``, ``yaml`` (maybe Kubernetes), or
    ``None``."""
    name = path.rpartition("/")[2]
    if name in DOCKERFILE_NAMES or (
        _DOCKERFILE_RE.match(name)
        and name.rpartition(".")[2].lower() not in _NOT_DOCKERFILE_SUFFIXES
    ):
        return "dockerfile"
    if compose.COMPOSE_NAME_RE.match(name):
        return "compose"
    if name == "Chart.yaml":
        return "chart"
    if name == "Chart.lock":
        return "chart-lock"
    if name in kustomize.KUSTOMIZATION_NAMES:
        return "kustomization"
    if name.endswith("devcontainer.json"):
        return "devcontainer" if devcontainer.is_devcontainer_path(path) else None
    if name == "values.yaml":
        return "values"
    if name.lower().endswith(_YAML_SUFFIXES):
        return "yaml"
    return None


@dataclass(frozen=True, slots=True)
class _Chart:
    directory: str
    api_version: str | None
    app_version: str | None


class ContainersDetector(Detector):
    """Container images and the tools around them; Helm charts as components."""

    name = "containers"
    description = (
        "Dockerfiles, Compose files, Kubernetes manifests, Kustomize, Helm charts and dev "
        "containers: container images, chart dependencies, the container tools in use; "
        "Compose services sharing a database or running a single database instance."
    )
    tags = frozenset({"infrastructure", "containers"})
    selector = FileSelector(
        filenames=frozenset(
            DOCKERFILE_NAMES
            | kustomize.KUSTOMIZATION_NAMES
            | {"Chart.yaml", "Chart.lock", "values.yaml", "devcontainer.json", ".devcontainer.json"}
        ),
        extensions=frozenset({".dockerfile", ".containerfile", ".yaml", ".yml"}),
        globs=(
            "Dockerfile.*",
            "Containerfile.*",
            "docker-compose*.yml",
            "docker-compose*.yaml",
            "compose.yml",
            "compose.yaml",
            "compose[._-]*.yml",
            "compose[._-]*.yaml",
        ),
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._compose_read: set[str] = set()
        self._compose_waiting: list[tuple[SourceFile, compose.ComposeFile]] = []
        self._devcontainer_compose: dict[str, str] = {}
        self._charts: list[_Chart] = []
        self._topologies: list[tuple[str, tuple[ComposeService, ...]]] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        kind = route(file.path)
        if kind == "dockerfile":
            return dockerfile.parse_dockerfile(file)
        if kind == "compose":
            self._compose_read.add(file.path)
            return self._compose(file)
        if kind == "chart":
            return self._chart(file)
        if kind == "chart-lock":
            return helm.parse_chart_lock(file)
        if kind == "kustomization":
            return kustomize.parse_kustomization(file)
        if kind == "devcontainer":
            found = devcontainer.read_devcontainer(file)
            for path in found.compose_files:
                self._devcontainer_compose.setdefault(path, file.path)
            return found.output
        if kind == "yaml":
            return kubernetes.parse_kubernetes(file)
        return EMPTY_OUTPUT

    def _compose(self, file: SourceFile) -> DetectorOutput:
        parsed = self._read_compose(file)
        if parsed.uses_variables:
            # The .env beside it may set the variables: wait for the tree hook.
            self._compose_waiting.append((file, parsed))
            return EMPTY_OUTPUT
        return compose.compose_output(file, parsed)

    def _read_compose(self, file: SourceFile) -> compose.ComposeFile:
        """Read a compose file (:class:`DetectorError` as :func:`compose.read_compose`),
        keeping its services' topology for :meth:`inspect_findings`."""
        parsed = compose.read_compose(file)
        self._topologies.append((file.path, parsed.topology))
        return parsed

    def _chart(self, file: SourceFile) -> DetectorOutput:
        chart = helm.read_chart(file)
        self._charts.append(_Chart(file.directory, chart.api_version, chart.app_version))
        return chart.output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Compose files waiting for their ``.env``, compose files named by dev containers,
        and the values and requirements files of charts."""
        outputs: list[DetectorOutput] = []
        failures: list[Failure] = []
        for path, named_by in sorted(self._devcontainer_compose.items()):
            if path in self._compose_read:
                continue
            file = self._read(tree, path)
            if file is None:
                continue
            try:
                self._compose_waiting.append((file, self._read_compose(file)))
            except DetectorError as error:
                failures.append(_failure(path, f"compose file of {named_by}: {error}", self.name))
        environments: dict[str, tuple[dict[str, str] | None, str]] = {}
        for file, parsed in self._compose_waiting:
            if file.directory not in environments:
                environments[file.directory] = self._environment(tree, file.directory)
            environment, env_path = environments[file.directory]
            outputs.append(compose.compose_output(file, parsed, environment, env_path))
        for chart in self._charts:
            outputs.extend(self._chart_files(tree, chart, failures))
        return DetectorOutput(
            manifests=tuple(m for o in outputs for m in o.manifests),
            technologies=tuple(t for o in outputs for t in o.technologies),
            dependencies=tuple(d for o in outputs for d in o.dependencies),
            failures=tuple(f for o in outputs for f in o.failures) + tuple(failures),
        )

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        """Shared databases and single database instances of the compose files read, their
        services told apart by the images the scan keyed."""
        if not self._topologies:
            return EMPTY_OUTPUT
        images = {
            (evidence.path, evidence.line): (technology.key, technology.version)
            for technology in findings.technologies
            if technology.category == Category.CONTAINER_IMAGE
            for evidence in technology.evidence
            if evidence.line is not None
        }
        index = ComponentIndex(findings.components)
        found = topology_findings(self._topologies, images, index.owner_of, self.name)
        return DetectorOutput(findings=tuple(found))

    def _environment(self, tree: TreeView, directory: str) -> tuple[dict[str, str] | None, str]:
        path = _join(directory, ".env")
        data = tree.read(path, _READ_LIMIT)
        if data is None or b"\0" in data:
            return None, path
        try:
            return parse_dotenv(decode_text(data, path)), path
        except DetectorError:
            return None, path

    def _chart_files(
        self, tree: TreeView, chart: _Chart, failures: list[Failure]
    ) -> list[DetectorOutput]:
        parsers: list[tuple[str, Callable[[SourceFile], DetectorOutput]]] = [
            ("values.yaml", lambda f: helm.parse_values(f, chart.app_version))
        ]
        if chart.api_version == "v1":
            parsers += [
                ("requirements.yaml", helm.parse_requirements_yaml),
                ("requirements.lock", helm.parse_chart_lock),
            ]
        outputs = []
        for name, parse in parsers:
            path = _join(chart.directory, name)
            file = self._read(tree, path)
            if file is None:
                continue
            try:
                outputs.append(parse(file))
            except DetectorError as error:
                failures.append(_failure(path, str(error), self.name))
        return outputs

    def _read(self, tree: TreeView, path: str) -> SourceFile | None:
        data = tree.read(path, _READ_LIMIT)
        if data is None or b"\0" in data[:8192]:
            return None
        return SourceFile(FileContent(path, data), self.name)


def _join(directory: str, name: str) -> str:
    return name if directory == "." else posixpath.join(directory, name)


def _failure(path: str, reason: str, detector: str) -> Failure:
    return Failure(FailureKind.PARSE_ERROR, reason, path=path, detector=detector)
