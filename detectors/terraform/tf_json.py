"""Terraform's JSON configuration syntax (``*.tf.json``), read into the same model as HCL
files so that :mod:`.configuration` reports the same things from both.

Only the parts :mod:`.configuration` reads are converted: ``terraform`` (``required_version``,
``required_providers``, ``backend``, ``cloud``), ``provider`` and ``module``. A block is a JSON
object, or an array of objects for a repeated block; a string holding a ``${…}`` template is
an expression, not a literal. JSON gives no line numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from detectors.common.parsing import load_json_object
from detectors.terraform.configuration import configuration_output
from detectors.terraform.hcl import Attribute, Block, Body, Opaque, Value
from scanner.detector import SourceFile
from scanner.model import DetectorOutput


def parse_tf_json(file: SourceFile) -> DetectorOutput:
    """A ``*.tf.json`` file: what :func:`configuration_output` finds in it.

    Raises :class:`DetectorError` for an empty file or one that is not a JSON object.
    """
    document = load_json_object(file)
    body = Body()
    for terraform in _bodies(document.get("terraform")):
        inner = Body(attributes=_attributes(terraform, ("required_version",)))
        for providers in _bodies(terraform.get("required_providers")):
            inner.blocks.append(Block("required_providers", (), _all_attributes(providers), None))
        for label, _ in _labelled(terraform.get("backend")):
            inner.blocks.append(Block("backend", (label,), Body(), None))
        for _cloud in _bodies(terraform.get("cloud")):
            inner.blocks.append(Block("cloud", (), Body(), None))
        body.blocks.append(Block("terraform", (), inner, None))
    for label, provider in _labelled(document.get("provider")):
        attributes = _attributes(provider, ("version",))
        body.blocks.append(Block("provider", (label,), Body(attributes=attributes), None))
    for label, module in _labelled(document.get("module")):
        attributes = _attributes(module, ("source", "version"))
        body.blocks.append(Block("module", (label,), Body(attributes=attributes), None))
    return configuration_output(body, file)


def _bodies(value: Any) -> Iterator[dict[str, Any]]:
    """The block bodies of a property: an object, or each object of an array."""
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _labelled(value: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """``{"label": body-or-array-of-bodies}``: each label with each of its bodies."""
    if isinstance(value, dict):
        for label, inner in value.items():
            for body in _bodies(inner):
                yield label, body


def _attributes(body: dict[str, Any], names: tuple[str, ...]) -> dict[str, Attribute]:
    return {name: Attribute(name, _value(body[name]), None) for name in names if name in body}


def _all_attributes(body: dict[str, Any]) -> Body:
    return Body(
        attributes={
            name: Attribute(name, _value(value), None)
            for name, value in body.items()
            if name != "//"
        }
    )


def _value(value: Any) -> Value:
    if isinstance(value, str):
        if "${" in value.replace("$${", "") or "%{" in value.replace("%%{", ""):
            return Opaque(value)
        return value.replace("$${", "${").replace("%%{", "%{")
    if isinstance(value, list):
        return [_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return Opaque(repr(value))
