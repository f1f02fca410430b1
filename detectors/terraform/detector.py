"""The Terraform detector.

Reads ``*.tf`` (HCL) and ``*.tf.json`` configurations for ``required_version``, required
providers, modules and backends (see :mod:`.configuration`) and ``.terraform.lock.hcl`` for
the locked provider versions (see :mod:`.lockfile`).

Every directory holding configuration files is a Terraform module, so a component: from the
file list alone (a file that cannot be read or parsed does not hide its module), the detector
reports one :class:`Manifest` per such directory (ecosystem and kind ``terraform``, path the
``versions.tf``, ``terraform.tf``, ``main.tf`` or ``providers.tf`` it holds, else its first
file) and a ``terraform`` technology without a version, which the core joins to the version a
``required_version`` declares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from detectors.terraform.configuration import TERRAFORM
from detectors.terraform.lockfile import parse_terraform_lock
from detectors.terraform.tf_hcl import parse_tf
from detectors.terraform.tf_json import parse_tf_json
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.model import Category, DetectorOutput, Manifest, Technology

Parser = Callable[[SourceFile], DetectorOutput]

LOCK_FILE = ".terraform.lock.hcl"
_PREFERRED_MANIFESTS = ("versions.tf", "terraform.tf", "main.tf", "providers.tf")


class TerraformDetector(Detector):
    """Terraform modules, required providers and modules, Terraform versions and backends."""

    name = "terraform"
    description = (
        "Terraform configurations (*.tf, *.tf.json) and .terraform.lock.hcl: modules as "
        "components, providers and registry modules as dependencies, required_version, backends."
    )
    tags = frozenset({"infrastructure", "terraform"})
    selector = FileSelector(
        filenames=frozenset({LOCK_FILE}), extensions=frozenset({".tf", ".tf.json"})
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._versioned_modules: set[str] = set()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        output = _parser_for(file.name)(file)
        if any(t.key == TERRAFORM and t.version for t in output.technologies):
            self._versioned_modules.add(file.directory)
        return output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """One manifest per module directory, and a version-less ``terraform`` technology for
        each module that declared no ``required_version``."""
        modules: dict[str, list[str]] = defaultdict(list)
        for entry in tree.entries:
            if is_configuration(entry.name):
                modules[entry.path.rpartition("/")[0] or "."].append(entry.path)
        manifests: list[Manifest] = []
        technologies: list[Technology] = []
        for directory in sorted(modules):
            paths = sorted(modules[directory])
            path = _manifest_path(paths)
            count = f"{len(paths)} configuration file{'s' if len(paths) != 1 else ''}"
            evidence = tree.evidence(f"Terraform module ({count})", path)
            manifests.append(Manifest(path, directory, TERRAFORM, TERRAFORM, evidence))
            if directory in self._versioned_modules:
                continue
            technologies.append(
                Technology(
                    TERRAFORM,
                    "Terraform",
                    Category.INFRASTRUCTURE,
                    (evidence,),
                    version_note="no required_version read in this module",
                )
            )
        return DetectorOutput(manifests=tuple(manifests), technologies=tuple(technologies))


def is_configuration(name: str) -> bool:
    """Whether a base name is a Terraform configuration file."""
    lowered = name.lower()
    return lowered.endswith((".tf", ".tf.json"))


def _parser_for(name: str) -> Parser:
    if name == LOCK_FILE:
        return parse_terraform_lock
    if name.lower().endswith(".tf.json"):
        return parse_tf_json
    return parse_tf


def _manifest_path(paths: list[str]) -> str:
    names = {path.rpartition("/")[2]: path for path in paths}
    return next((names[name] for name in _PREFERRED_MANIFESTS if name in names), paths[0])
