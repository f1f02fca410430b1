"""GitHub Actions: workflows (``.github/workflows/*.yml``) and action definitions
(``action.yml``: composite, JavaScript and Docker actions).

Reported: the CI system; every action a step or job ``uses`` as a dependency of ecosystem
``githubactions`` (scope build, ``declared`` = the ref, a commit SHA's ``# v4.1.0`` comment in
the note; local ``./`` actions are not dependencies); ``docker://`` steps, job containers and
service containers as images; ``runs-on`` as runners, with ``${{ matrix.* }}`` expanded; the
runtimes the setup actions install (``actions/setup-python`` and friends), one per version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.ci.expressions import Context, Expanded
from detectors.ci.images import image_technology
from detectors.ci.technologies import (
    GITHUB_RUNNER_IMAGES,
    ci_system,
    hosted_runner,
    runner,
    runtime,
    tool,
)
from detectors.ci.variables import string_values
from detectors.ci.yamldoc import YamlList, YamlMap, YamlValue, load_mapping, mappings, scalars
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Category, Dependency, DetectorOutput, Scope, Technology

ECOSYSTEM = "githubactions"

_SHA = re.compile(r"[0-9a-fA-F]{40}")
_NODE_RUNTIME = re.compile(r"node(\d+)")


@dataclass(frozen=True, slots=True)
class SetupAction:
    """What a setup action installs: ``inputs`` maps a version input to a runtime key,
    ``files`` a version-file input to the runtime it configures; ``default`` is the note
    for a step that gives neither (the runtime is still in use)."""

    inputs: tuple[tuple[str, str], ...]
    files: tuple[tuple[str, str], ...] = ()
    default: str = "no version given (the runner's default)"
    category: str = Category.RUNTIME
    name: str = ""


SETUP_ACTIONS: dict[str, SetupAction] = {
    "actions/setup-python": SetupAction(
        (("python-version", "python"),), (("python-version-file", "python"),)
    ),
    "actions/setup-node": SetupAction(
        (("node-version", "nodejs"),), (("node-version-file", "nodejs"),)
    ),
    "actions/setup-java": SetupAction(
        (("java-version", "java"),), (("java-version-file", "java"),)
    ),
    "actions/setup-go": SetupAction((("go-version", "go"),), (("go-version-file", "go"),)),
    "actions/setup-dotnet": SetupAction(
        (("dotnet-version", "dotnet"),), (("global-json-file", "dotnet"),)
    ),
    "ruby/setup-ruby": SetupAction(
        (("ruby-version", "ruby"),),
        default="version read from .ruby-version or .tool-versions (the action's default)",
    ),
    "shivammathur/setup-php": SetupAction(
        (("php-version", "php"),), (("php-version-file", "php"),)
    ),
    "erlef/setup-beam": SetupAction((("otp-version", "erlang"), ("elixir-version", "elixir"))),
    "erlef/setup-elixir": SetupAction((("otp-version", "erlang"), ("elixir-version", "elixir"))),
    "actions-rs/toolchain": SetupAction((("toolchain", "rust"),)),
    "dtolnay/rust-toolchain": SetupAction((("toolchain", "rust"),), default="no toolchain given"),
    "oven-sh/setup-bun": SetupAction((("bun-version", "bun"),), (("bun-version-file", "bun"),)),
    "denoland/setup-deno": SetupAction((("deno-version", "deno"),)),
    "pnpm/action-setup": SetupAction(
        (("version", "pnpm"),),
        default="version from packageManager in package.json (the action's default)",
        category=Category.PACKAGE_MANAGER,
        name="pnpm",
    ),
    "astral-sh/setup-uv": SetupAction(
        (("version", "uv"),),
        (("version-file", "uv"),),
        default="no version given (the latest uv)",
        category=Category.PACKAGE_MANAGER,
        name="uv",
    ),
    "snok/install-poetry": SetupAction(
        (("version", "poetry"),),
        default="no version given (the latest Poetry)",
        category=Category.PACKAGE_MANAGER,
        name="Poetry",
    ),
}


def parse_workflow(file: SourceFile) -> DetectorOutput:
    """A workflow file. Raises :class:`DetectorError` for malformed YAML or a file that is not
    a workflow (no mapping at the top, no ``jobs`` mapping)."""
    document = load_mapping(file, "workflow")
    jobs = document.get("jobs")
    if not isinstance(jobs, YamlMap):
        raise DetectorError("not a GitHub Actions workflow: no 'jobs' mapping")
    reader = _Reader(file)
    reader.technologies.append(ci_system(file, "github-actions", "GitHub Actions workflow"))
    context = Context().with_values("inputs", _input_defaults(document))
    context = context.with_values("env", string_values(document.get("env")))
    for job_id, job in jobs.items():
        if isinstance(job, YamlMap):
            reader.job(job_id, job, context)
    return reader.output()


def parse_action(file: SourceFile) -> DetectorOutput:
    """An action definition (``action.yml``). Raises :class:`DetectorError` for malformed
    YAML or a file without a ``runs`` mapping."""
    document = load_mapping(file, "action definition")
    runs = document.get("runs")
    if not isinstance(runs, YamlMap):
        raise DetectorError("not a GitHub Action definition: no 'runs' mapping")
    reader = _Reader(file)
    reader.technologies.append(ci_system(file, "github-actions", "GitHub Action definition"))
    defaults = _defaults(document.get("inputs"))
    context = Context().with_values("inputs", defaults)
    using = (runs.text_at("using") or "").strip().lower()
    line = runs.line_of("using")
    node = _NODE_RUNTIME.fullmatch(using)
    if node is not None:
        reader.technologies.append(
            runtime(file, "nodejs", node.group(1), line, f"JavaScript action runs on {using}")
        )
    elif using == "docker":
        image = runs.text_at("image") or ""
        if image.startswith("docker://"):
            reader.image(image.removeprefix("docker://"), runs.line_of("image"), "Docker action")
    elif using == "composite":
        steps = runs.get("steps")
        for step, _ in mappings(steps if isinstance(steps, YamlList) else None):
            reader.step(step, context, "composite action")
    return reader.output()


def _input_defaults(document: YamlMap) -> dict[str, str]:
    """Defaults of the inputs a reusable or manually run workflow declares."""
    triggers = document.get("on")
    defaults: dict[str, str] = {}
    if isinstance(triggers, YamlMap):
        for event in ("workflow_dispatch", "workflow_call"):
            trigger = triggers.get(event)
            if isinstance(trigger, YamlMap):
                defaults.update(_defaults(trigger.get("inputs")))
    return defaults


def _defaults(inputs: YamlValue) -> dict[str, str]:
    if not isinstance(inputs, YamlMap):
        return {}
    defaults = {}
    for name, spec in inputs.items():
        default = spec.text_at("default") if isinstance(spec, YamlMap) else None
        if default:
            defaults[name] = default
    return defaults


@dataclass
class _Reader:
    """Collects what one workflow or action file reveals."""

    file: SourceFile
    technologies: list[Technology] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    _lines: list[str] | None = None

    def output(self) -> DetectorOutput:
        return DetectorOutput(
            technologies=tuple(self.technologies), dependencies=tuple(self.dependencies)
        )

    def job(self, job_id: str, job: YamlMap, context: Context) -> None:
        """A job: its runners, container, services, reusable workflow and steps."""
        strategy = job.get("strategy")
        matrix = strategy.get("matrix") if isinstance(strategy, YamlMap) else None
        context = context.with_matrix(matrix).with_values("env", string_values(job.get("env")))
        where = f"job '{job_id}'"
        if "runs-on" in job:
            self.runners(job["runs-on"], job.line_of("runs-on"), context, where)
        container = job.get("container")
        if isinstance(container, YamlMap):
            container = container.get("image")
        if isinstance(container, str):
            self.images(container, job.line_of("container"), context, f"{where} container")
        services = job.get("services")
        if isinstance(services, YamlMap):
            for name, service in services.items():
                image = service.get("image") if isinstance(service, YamlMap) else service
                if isinstance(image, str):
                    self.images(image, services.line_of(name), context, f"{where} service '{name}'")
        uses = job.text_at("uses")
        if uses is not None:
            self.uses(uses, job.line_of("uses"), f"{where} calls a reusable workflow")
        steps = job.get("steps")
        for step, _ in mappings(steps if isinstance(steps, YamlList) else None):
            self.step(step, context, where)

    def step(self, step: YamlMap, context: Context, where: str) -> None:
        """A step: the action it uses, and what a setup action installs."""
        uses = step.text_at("uses")
        if uses is None:
            return
        uses_line = step.line_of("uses")
        self.uses(uses, uses_line, f"{where} step uses")
        action, _, ref = uses.strip().partition("@")
        setup = SETUP_ACTIONS.get(action.lower())
        if setup is not None:
            inputs = step.get("with")
            if not isinstance(inputs, YamlMap):
                inputs = YamlMap(uses_line)
            self.setup(action.lower(), ref, setup, inputs, context, where)

    def uses(self, value: str, line: int, reason: str) -> None:
        """A ``uses:``: a dependency, an image (``docker://``), or nothing (a local action)."""
        value = value.strip()
        if value.startswith("docker://"):
            self.image(value.removeprefix("docker://"), line, reason)
            return
        if value.startswith(".") or "${{" in value:
            return
        name, _, ref = value.partition("@")
        parts = name.split("/")
        if len(parts) < 2 or not all(parts):
            return
        parts[0], parts[1] = parts[0].lower(), parts[1].lower()
        note = None
        if not ref:
            note = "no ref given"
        elif _SHA.fullmatch(ref):
            comment = self.comment_after(line, ref)
            note = "pinned to a commit SHA" + (f"; the comment says {comment}" if comment else "")
        self.dependencies.append(
            Dependency(
                ecosystem=ECOSYSTEM,
                name=normalize_name(ECOSYSTEM, "/".join(parts)),
                evidence=(self.file.evidence(f"{reason} {value}", line=line),),
                declared=ref or None,
                scope=Scope.BUILD,
                version_note=note,
            )
        )

    def setup(
        self,
        action: str,
        ref: str,
        setup: SetupAction,
        inputs: YamlMap,
        context: Context,
        where: str,
    ) -> None:
        """The runtimes (or package managers) a setup action step installs: one per version
        its inputs give, or one without a version saying where the version comes from."""
        distribution = inputs.text_at("distribution") if action == "actions/setup-java" else None
        extra = f"distribution {distribution}" if distribution else None
        given = False
        for input_name, key in setup.inputs:
            line = inputs.line_of(input_name)
            for text in _version_texts(inputs.get(input_name)):
                given = True
                reason = f"{where}: {action} {input_name} {text}"
                for expanded in context.expand(text):
                    self.setup_technology(setup, key, expanded, line, reason, extra)
        for input_name, key in setup.files:
            path = inputs.text_at(input_name)
            if path is not None:
                given = True
                reason = f"{where}: {action} {input_name} {path}"
                expanded = Expanded(None, note=f"version read from {path}")
                self.setup_technology(
                    setup, key, expanded, inputs.line_of(input_name), reason, extra
                )
        if not given:
            implied = Expanded(None, note=setup.default)
            if action == "dtolnay/rust-toolchain" and ref not in ("", "master", "main"):
                # This action's ref names the toolchain (@stable, @1.75.0) unless it is a SHA.
                sha = _SHA.fullmatch(ref) is not None
                implied = Expanded(None, note="no toolchain given") if sha else Expanded(ref)
            key = setup.inputs[0][1]
            self.setup_technology(setup, key, implied, inputs.line, f"{where}: {action}", extra)

    def setup_technology(
        self,
        setup: SetupAction,
        key: str,
        expanded: Expanded,
        line: int,
        reason: str,
        extra: str | None,
    ) -> None:
        if expanded.source:
            reason += f" (= {expanded.value} from {expanded.source})"
        notes = "; ".join(part for part in (expanded.note, extra) if part) or None
        if setup.category == Category.RUNTIME:
            self.technologies.append(
                runtime(self.file, key, expanded.value, line, reason, note=notes)
            )
        else:
            version = expanded.value.strip() if expanded.value else None
            self.technologies.append(
                tool(
                    self.file,
                    key,
                    setup.name,
                    line,
                    reason,
                    version=version or None,
                    note=notes,
                    category=setup.category,
                )
            )

    def runners(self, value: YamlValue, line: int, context: Context, where: str) -> None:
        """``runs-on``: a label, a list of labels, or ``{group, labels}``."""
        group = None
        if isinstance(value, YamlMap):
            group = value.text_at("group")
            value = value.get("labels")
        labels: list[str] = []
        for text in scalars(value):
            for expanded in context.expand(text):
                if expanded.value is None:
                    return
                labels.extend(_split_labels(expanded.value))
        reason = f"{where} runs-on"
        lowered = [label.lower() for label in labels]
        if "self-hosted" in lowered or (group and not labels):
            others = [label for label in labels if label.lower() != "self-hosted"]
            described = [f"runner group '{group}'"] if group else []
            described += [f"labels: {', '.join(others)}"] if others else []
            note = "; ".join(described) or "self-hosted runner"
            written = ", ".join(labels) or f"group {group}"
            self.technologies.append(
                runner(self.file, "self-hosted", None, note, line, f"{reason} {written}")
            )
            return
        for label in dict.fromkeys(labels):
            hosted = hosted_runner(label)
            if hosted is None:
                note = f"custom runner label '{label}'"
                self.technologies.append(
                    runner(self.file, "self-hosted", None, note, line, f"{reason} {label}")
                )
                continue
            family, version, hosted_note = hosted
            grouped = f"runner group '{group}'" if group else None
            note = "; ".join(part for part in (hosted_note, grouped) if part)
            product = GITHUB_RUNNER_IMAGES if version is not None else None
            self.technologies.append(
                runner(self.file, family, version, note, line, f"{reason} {label}", product)
            )

    def images(self, text: str, line: int, context: Context, reason: str) -> None:
        for expanded in context.expand(text):
            if expanded.value is not None:
                self.image(expanded.value, line, reason)

    def image(self, text: str, line: int, reason: str) -> None:
        technology = image_technology(self.file, text, line, reason)
        if technology is not None:
            self.technologies.append(technology)

    def comment_after(self, line: int, ref: str) -> str | None:
        """The comment that follows ``ref`` on ``line`` (``# v4.1.0`` → ``v4.1.0``)."""
        if self._lines is None:
            self._lines = self.file.text().splitlines()
        if not 0 < line <= len(self._lines):
            return None
        text = self._lines[line - 1]
        at = text.find(ref)
        if at == -1:
            return None
        rest = text[at + len(ref) :].lstrip("'\" \t")
        if not rest.startswith("#"):
            return None
        return rest.lstrip("#").strip() or None


def _version_texts(value: YamlValue) -> list[str]:
    """A version input's values: a YAML list, or several lines of one string."""
    texts: list[str] = []
    for text in scalars(value):
        texts.extend(part.strip() for part in text.splitlines() if part.strip())
    return texts


def _split_labels(value: str) -> list[str]:
    """A label expanded from an expression may itself be a list written as JSON-ish text."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [part.strip(" '\"") for part in value[1:-1].split(",") if part.strip(" '\"")]
    return [value] if value else []
