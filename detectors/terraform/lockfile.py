"""Terraform's dependency lock file, ``.terraform.lock.hcl``.

Each ``provider "<source address>" { version = "…" constraints = "…" hashes = […] }`` block
is a resolved dependency: ecosystem ``terraform``, named like :func:`~.addresses.provider_name`
(``hashicorp/aws``), ``resolved`` the locked version, ``declared`` the constraints the
configuration asked for when the lock records them. ``terraform init`` writes only providers
the configuration requires, so every entry is ``direct``. Blocks of other types (none exist
today) are ignored, as Terraform ignores them.
"""

from __future__ import annotations

from detectors.terraform.addresses import provider_name
from detectors.terraform.configuration import TERRAFORM
from detectors.terraform.hcl import Block, parse_hcl
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Failure, FailureKind


def parse_terraform_lock(file: SourceFile) -> DetectorOutput:
    """The providers a ``.terraform.lock.hcl`` locks; a block that names no valid provider is
    a :class:`Failure` for that block.

    Raises :class:`DetectorError` for an empty file or one that is not HCL.
    """
    text = file.text()
    if not text.strip():
        raise DetectorError("empty file")
    body = parse_hcl(text)
    dependencies: list[Dependency] = []
    failures: list[Failure] = []
    for block in body.blocks_of("provider"):
        found = _provider(block, file)
        if isinstance(found, Failure):
            failures.append(found)
        else:
            dependencies.append(found)
    return DetectorOutput(dependencies=tuple(dependencies), failures=tuple(failures))


def _provider(block: Block, file: SourceFile) -> Dependency | Failure:
    address = block.labels[0] if len(block.labels) == 1 else None
    name = provider_name(address) if address is not None else None
    if name is None:
        labels = " ".join(repr(label) for label in block.labels) or "no label"
        return Failure(
            FailureKind.PARSE_ERROR,
            f"line {block.line}: provider block with {labels}: not a provider source address",
            file.path,
            file.detector,
        )
    resolved = _string(block, "version")
    evidence = file.evidence(f".terraform.lock.hcl provider {address}", block.line)
    return Dependency(
        TERRAFORM,
        normalize_name(TERRAFORM, name),
        (evidence,),
        declared=_string(block, "constraints"),
        resolved=resolved,
        direct=True,
        version_note=None if resolved else "lock entry without a version",
    )


def _string(block: Block, name: str) -> str | None:
    attribute = block.body.attributes.get(name)
    if attribute is None or not isinstance(attribute.value, str):
        return None
    return attribute.value.strip() or None
