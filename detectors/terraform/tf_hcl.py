"""Terraform configuration files in HCL native syntax (``*.tf``)."""

from __future__ import annotations

from detectors.terraform.configuration import configuration_output
from detectors.terraform.hcl import parse_hcl
from scanner.detector import SourceFile
from scanner.model import DetectorOutput


def parse_tf(file: SourceFile) -> DetectorOutput:
    """A ``*.tf`` file: what :func:`configuration_output` finds in it. An empty file is valid
    (and reveals nothing); raises :class:`DetectorError` for one that is not HCL."""
    return configuration_output(parse_hcl(file.text()), file)
