"""What a Terraform configuration declares, read from the parsed body of one file.

* ``terraform { required_version = "…" }``: the ``terraform`` technology (category
  infrastructure), ``declared`` with the constraint as written.
* ``terraform { required_providers { … } }``: one dependency per provider, ecosystem
  ``terraform``, named by its source address (see :func:`~.addresses.provider_name`; a provider
  without ``source`` gets the implied ``hashicorp/<local name>``), ``declared`` with its
  ``version`` constraint. The legacy string form (``aws = "~> 2.0"``) and the deprecated
  ``version`` argument of a ``provider`` block are read as well.
* ``module`` blocks: a registry module is a dependency named by its address with ``declared``
  its ``version`` constraint. A remote module (git, Mercurial, S3, GCS, HTTP) is a dependency
  named by its address (credentials and query string removed) with no version and a
  ``version_note`` giving its ref; a local module (``./modules/x``) is part of the repository
  and not a dependency.
* Backends: ``terraform { backend "s3" {…} }`` is a technology keyed
  ``terraform-backend-s3`` (category infrastructure, no version): where the state lives is a
  fact of the stack worth reporting, and the technology rules can map it to a service;
  ``terraform { cloud {…} }`` is ``terraform-cloud`` (HCP Terraform).

A problem with one entry (a module without a literal ``source``) is a :class:`Failure` for
it; the rest of the file is still reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from detectors.terraform.addresses import module_source, provider_name
from detectors.terraform.hcl import Attribute, Block, Body, Opaque, Value
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Failure,
    FailureKind,
    Technology,
)

TERRAFORM = "terraform"


@dataclass
class _Found:
    technologies: list[Technology] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # Local provider name → index of its required_providers dependency.
    providers: dict[str, int] = field(default_factory=dict)

    def output(self) -> DetectorOutput:
        return DetectorOutput(
            technologies=tuple(self.technologies),
            dependencies=tuple(self.dependencies),
            failures=tuple(self.failures),
        )


def configuration_output(body: Body, file: SourceFile) -> DetectorOutput:
    """The technologies, dependencies and per-entry failures of one configuration file."""
    found = _Found()
    for block in body.blocks_of("terraform"):
        _terraform_block(block, file, found)
    for block in body.blocks_of("provider"):
        _legacy_provider_version(block, file, found)
    for block in body.blocks_of("module"):
        _module(block, file, found)
    return found.output()


def _terraform_block(block: Block, file: SourceFile, found: _Found) -> None:
    required = block.body.attributes.get("required_version")
    if required is not None:
        found.technologies.append(_terraform_technology(required, file))
    for providers in block.body.blocks_of("required_providers"):
        for attribute in providers.body.attributes.values():
            dependency = _required_provider(attribute, file)
            if isinstance(dependency, Failure):
                found.failures.append(dependency)
            elif dependency is not None:
                found.providers[attribute.name] = len(found.dependencies)
                found.dependencies.append(dependency)
    for backend in block.body.blocks_of("backend"):
        kind = backend.labels[0].lower() if backend.labels else "unnamed"
        evidence = file.evidence(f"terraform backend {kind!r}", backend.line)
        found.technologies.append(
            Technology(
                f"terraform-backend-{kind}",
                f"Terraform {kind} backend",
                Category.INFRASTRUCTURE,
                (evidence,),
                version_note="a state backend has no version",
            )
        )
    for cloud in block.body.blocks_of("cloud"):
        evidence = file.evidence("terraform cloud block (HCP Terraform)", cloud.line)
        found.technologies.append(
            Technology(
                "terraform-cloud",
                "HCP Terraform",
                Category.INFRASTRUCTURE,
                (evidence,),
                version_note="a hosted service has no version",
            )
        )


def _terraform_technology(required: Attribute, file: SourceFile) -> Technology:
    if isinstance(required.value, str) and required.value.strip():
        evidence = file.evidence(f"required_version = {required.value!r}", required.line)
        return Technology(
            TERRAFORM,
            "Terraform",
            Category.INFRASTRUCTURE,
            (evidence,),
            version=required.value.strip(),
            version_source="declared",
        )
    evidence = file.evidence("required_version", required.line)
    return Technology(
        TERRAFORM,
        "Terraform",
        Category.INFRASTRUCTURE,
        (evidence,),
        version_note=f"required_version is not a literal version constraint: {_show(required)}",
    )


def _required_provider(attribute: Attribute, file: SourceFile) -> Dependency | Failure | None:
    """One ``required_providers`` entry; ``None`` for a built-in provider."""
    local = attribute.name
    value = attribute.value
    source: Value = None
    constraint: Value = None
    if isinstance(value, dict):
        source, constraint = value.get("source"), value.get("version")
    elif isinstance(value, str):
        constraint = value
    else:
        reason = f"required_providers entry {local!r} is not an object: {_show(attribute)}"
        return _failure(file, attribute.line, reason)
    if source is None:
        name, origin = provider_name(local), f"implied source hashicorp/{local.lower()}"
    elif isinstance(source, str):
        if source.strip().lower().startswith("terraform.io/builtin/"):
            return None
        name, origin = provider_name(source), f"source {source!r}"
    else:
        name, origin = None, ""
    if name is None:
        shown = source.text if isinstance(source, Opaque) else repr(source)
        reason = f"required_providers entry {local!r}: invalid source {shown}"
        return _failure(file, attribute.line, reason)
    declared, note = _constraint(constraint)
    evidence = file.evidence(f"required_providers entry {local!r} ({origin})", attribute.line)
    return Dependency(
        TERRAFORM,
        normalize_name(TERRAFORM, name),
        (evidence,),
        declared=declared,
        version_note=note,
    )


def _legacy_provider_version(block: Block, file: SourceFile, found: _Found) -> None:
    """``provider "aws" { version = "~> 2.0" }``, deprecated since Terraform 0.13, which
    intersects it with the ``required_providers`` constraint of the same provider: the two
    are joined with a comma, as Terraform writes an intersection."""
    version = block.body.attributes.get("version")
    if version is None or not block.labels:
        return
    local = block.labels[0]
    declared, note = _constraint(version.value)
    evidence = file.evidence(f"provider {local!r} block version (deprecated form)", version.line)
    index = found.providers.get(local)
    if index is not None:
        known = found.dependencies[index]
        if declared is None or declared == known.declared:
            return
        found.dependencies[index] = replace(
            known,
            declared=f"{known.declared}, {declared}" if known.declared else declared,
            evidence=(*known.evidence, evidence),
            version_note=None,
        )
        return
    name = provider_name(local)
    if name is None:
        return
    found.providers[local] = len(found.dependencies)
    found.dependencies.append(
        Dependency(
            TERRAFORM,
            normalize_name(TERRAFORM, name),
            (evidence,),
            declared=declared,
            version_note=note,
        )
    )


def _module(block: Block, file: SourceFile, found: _Found) -> None:
    label = block.labels[0] if block.labels else "?"
    source = block.body.attributes.get("source")
    if source is None or not isinstance(source.value, str) or not source.value.strip():
        problem = "no source" if source is None else f"source is not a literal: {_show(source)}"
        found.failures.append(_failure(file, block.line, f"module {label!r}: {problem}"))
        return
    address = module_source(source.value)
    if address.kind == "local":
        return
    if address.kind == "registry":
        version = block.body.attributes.get("version")
        declared, note = _constraint(version.value if version is not None else None)
        subdir = f", subdirectory {address.subdir!r}" if address.subdir else ""
        reason = f"module {label!r} from the registry{subdir}"
    else:
        declared = None
        ref = f"ref {address.ref!r}" if address.ref else "no ref (the default branch or latest)"
        note = f"{address.kind} module source, {ref}; only registry modules have versions"
        reason = f"module {label!r} from a {address.kind} source"
    evidence = file.evidence(reason, source.line)
    found.dependencies.append(
        Dependency(
            TERRAFORM,
            normalize_name(TERRAFORM, address.name),
            (evidence,),
            declared=declared,
            version_note=note,
        )
    )


def _constraint(value: Value) -> tuple[str | None, str | None]:
    """A version constraint as ``(declared, version_note)``."""
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    if value is None:
        return None, "no version constraint (any version)"
    shown = value.text if isinstance(value, Opaque) else repr(value)
    return None, f"version is not a literal constraint: {shown}"


def _show(attribute: Attribute) -> str:
    value = attribute.value
    return value.text if isinstance(value, Opaque) else repr(value)


def _failure(file: SourceFile, line: int | None, reason: str) -> Failure:
    where = f"line {line}: " if line is not None else ""
    return Failure(FailureKind.PARSE_ERROR, where + reason, file.path, file.detector)
