"""Azure Pipelines: ``azure-pipelines.yml`` and ``.azure-pipelines/*.yml``.

Reported: the CI system; ``pool.vmImage`` as a runner (a named agent pool without an image is
a self-hosted runner); ``resources.containers`` images, and job ``container:``/``services:``
images that are not the alias of such a resource; the runtimes the tool-installer tasks pin
(``UsePythonVersion@0``, ``NodeTool@0``, ``UseNode@1``, ``UseDotNet@2``,
``JavaToolInstaller@0``, ``GoTool@0``, ``UseRubyVersion@0``). Macros ``$(name)`` and
``${{ variables.name }}``/``${{ parameters.name }}`` are taken from the file's variables,
parameter defaults and the job's ``strategy.matrix`` (one runner or runtime per value).
Templates (``- template:``) name other files and are not followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.ci.expressions import Context
from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system, hosted_runner, runner, runtime
from detectors.ci.yamldoc import YamlList, YamlMap, YamlValue, load_mapping, mappings
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Technology

# Task (lower-cased, without its major version) -> (input holding the version, runtime key).
TASKS: dict[str, tuple[tuple[str, ...], str]] = {
    "usepythonversion": (("versionSpec",), "python"),
    "nodetool": (("versionSpec", "versionSource"), "nodejs"),
    "usenode": (("version",), "nodejs"),
    "usedotnet": (("version",), "dotnet"),
    "javatoolinstaller": (("versionSpec",), "java"),
    "gotool": (("version",), "go"),
    "userubyversion": (("versionSpec",), "ruby"),
}

_MACRO = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")
_MAX_DEPTH = 6


def parse_azure_pipelines(file: SourceFile) -> DetectorOutput:
    """An Azure Pipelines definition. Raises :class:`DetectorError` for malformed YAML or a
    top level that is not a mapping."""
    document = load_mapping(file, "Azure Pipelines definition")
    reader = _Reader(file)
    context = Context().with_values("parameters", _parameter_defaults(document.get("parameters")))
    context = _with_variables(context, document.get("variables"))
    resources = document.map_at("resources")
    containers = resources.get("containers") if resources is not None else None
    for container, _line in mappings(containers):
        alias = container.text_at("container")
        if alias:
            reader.aliases.add(alias)
        image = container.text_at("image")
        if image is not None:
            where = f"container resource '{alias}'" if alias else "container resource"
            reader.images(image, container.line_of("image"), context, where)
    reader.section(document, "pipeline", context, 0)
    return DetectorOutput(technologies=(*reader.system(), *reader.technologies))


def _parameter_defaults(parameters: YamlValue) -> dict[str, str]:
    defaults: dict[str, str] = {}
    if isinstance(parameters, YamlMap):  # the old form: name: default
        defaults.update({k: v for k, v in parameters.items() if isinstance(v, str)})
    for parameter, _ in mappings(parameters if isinstance(parameters, YamlList) else None):
        name, default = parameter.text_at("name"), parameter.text_at("default")
        if name and default:
            defaults[name] = default
    return defaults


def _with_variables(context: Context, variables: YamlValue) -> Context:
    """``variables:`` in its mapping form or its list form (``- name: x`` / ``value: y``)."""
    values: dict[str, str] = {}
    if isinstance(variables, YamlMap):
        values.update({k: v for k, v in variables.items() if isinstance(v, str)})
    for variable, _ in mappings(variables if isinstance(variables, YamlList) else None):
        name, value = variable.text_at("name"), variable.text_at("value")
        if name and value is not None:
            values[name] = value
    return context.with_values("variables", values)


@dataclass
class _Reader:
    file: SourceFile
    technologies: list[Technology] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    def system(self) -> list[Technology]:
        return [ci_system(self.file, "azure-pipelines", "Azure Pipelines definition")]

    def section(self, section: YamlMap, where: str, context: Context, depth: int) -> None:
        """A pipeline, stage or job: its pool, containers, steps, then its stages and jobs."""
        if depth > _MAX_DEPTH:
            return
        context = _with_variables(context, section.get("variables"))
        strategy = section.map_at("strategy")
        if strategy is not None:
            context = _with_matrix(context, strategy.get("matrix"))
        if "pool" in section:
            self.pool(section["pool"], section.line_of("pool"), context, where)
        container = section.get("container")
        if isinstance(container, YamlMap):
            container = container.get("image")
        if isinstance(container, str) and container not in self.aliases:
            self.images(container, section.line_of("container"), context, f"{where} container")
        services = section.map_at("services")
        for name, service in (services or {}).items():
            if isinstance(service, str) and service not in self.aliases and services is not None:
                self.images(service, services.line_of(name), context, f"{where} service {name}")
        self.steps(section.get("steps"), context, where)
        for phase in _deployment_steps(strategy):
            self.steps(phase, context, where)
        for key in ("stages", "jobs"):
            for child, line in mappings(section.get(key)):
                title = (
                    child.text_at("stage") or child.text_at("job") or child.text_at("deployment")
                )
                label = f"{key[:-1]} '{title}'" if title else f"{key[:-1]} at line {line}"
                self.section(child, label, context, depth + 1)

    def pool(self, pool: YamlValue, line: int, context: Context, where: str) -> None:
        name = pool if isinstance(pool, str) else None
        image = None
        if isinstance(pool, YamlMap):
            name, image = pool.text_at("name"), pool.text_at("vmImage")
        if image is not None:
            for expanded in context.expand(_macros(image)):
                if expanded.value is None:
                    continue
                hosted = hosted_runner(expanded.value)
                if hosted is not None:
                    family, version, note = hosted
                    reason = f"{where} pool vmImage {expanded.value}"
                    self.technologies.append(runner(self.file, family, version, note, line, reason))
        elif name is not None and name.strip().lower() != "azure pipelines":
            note = f"agent pool '{name}'"
            reason = f"{where} pool {name}"
            self.technologies.append(runner(self.file, "self-hosted", None, note, line, reason))

    def steps(self, steps: YamlValue, context: Context, where: str) -> None:
        for step, _ in mappings(steps if isinstance(steps, YamlList) else None):
            task = step.text_at("task")
            if task is None:
                continue
            task_name = task.partition("@")[0].strip().lower()
            known = TASKS.get(task_name)
            if known is None:
                continue
            input_names, key = known
            inputs = step.map_at("inputs")
            version = None
            for input_name in input_names:
                version = inputs.text_at(input_name) if inputs is not None else None
                if version:
                    break
            reason = f"{where} task {task}"
            if version is None:
                line = step.line_of("task")
                note = "no version given (the task's default)"
                self.technologies.append(runtime(self.file, key, None, line, reason, note))
                continue
            line = inputs.line_of(input_name) if inputs is not None else step.line_of("task")
            for expanded in context.expand(_macros(version)):
                self.technologies.append(
                    runtime(
                        self.file,
                        key,
                        expanded.value,
                        line,
                        f"{reason} {version}",
                        note=expanded.note,
                    )
                )

    def images(self, text: str, line: int, context: Context, where: str) -> None:
        for expanded in context.expand(_macros(text)):
            if expanded.value is None:
                continue
            technology = image_technology(self.file, expanded.value, line, where)
            if technology is not None:
                self.technologies.append(technology)


def _macros(text: str) -> str:
    """``$(name)`` written as the equivalent template expression."""
    return _MACRO.sub(lambda match: "${{ variables." + match.group(1) + " }}", text)


def _with_matrix(context: Context, matrix: YamlValue) -> Context:
    """A job matrix (``{leg: {var: value}}``): every leg's values of each variable."""
    if not isinstance(matrix, YamlMap):
        return context
    values = dict(context.values)
    legs: dict[str, list[str]] = {}
    for leg in matrix.values():
        if isinstance(leg, YamlMap):
            for name, value in leg.items():
                if isinstance(value, str) and value not in legs.setdefault(name, []):
                    legs[name].append(value)
    for name, options in legs.items():
        values[f"variables.{name}"] = options
    return Context(values)


def _deployment_steps(strategy: YamlMap | None) -> list[YamlValue]:
    """The step lists of a deployment job's strategy (``runOnce``, ``rolling``, ``canary``)."""
    found: list[YamlValue] = []
    if strategy is None:
        return found
    for kind in ("runOnce", "rolling", "canary"):
        phases = strategy.map_at(kind)
        for phase in (phases or {}).values():
            if isinstance(phase, YamlMap):
                found.append(phase.get("steps"))
                outcomes = phase.map_at("on")
                for outcome in (outcomes or {}).values():
                    if isinstance(outcome, YamlMap):
                        found.append(outcome.get("steps"))
    return found
