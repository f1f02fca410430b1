"""The rules detector: turns what the other detectors found into the technologies it reveals.

* Dependencies (merged, components assigned): a package a rule claims gives the rule's
  technology in the dependency's component. Its version is the resolved one (``resolved``),
  else the lowest version the declared range admits (``declared``), else none, with a note.
  A ``clients`` package gives the technology without a version: psycopg2's version says
  nothing of PostgreSQL's.
* Container images (``container-image`` technologies): an image a rule claims gives the rule's
  technology with the tag's version, variant suffixes dropped (``postgres:15.3-bullseye`` is
  PostgreSQL 15.3, ``declared``; a tag that is a version as it stands keeps the image's own
  ``version_source``); ``latest``, a word or no tag give no version, with a note. A
  ``clients`` image (``confluentinc/cp-kafka``, whose tags are Confluent's) gives none.
* Files: a file a rule names (``manage.py``) gives the technology without a version; the core
  folds such a sighting into the one versioned sighting of the same component.

Options (``[tool.stackaudit.detector-options.technologies]``): ``include-transitive`` (default
true) — whether dependencies a lockfile marks as not direct reveal technologies too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from detectors.technologies.rules import IMAGE, Claim, Rule, choose, rule_table
from detectors.technologies.versions import clean, lowest_declared, release, version_of_tag
from scanner.detector import Detector, Findings, TreeView
from scanner.model import Category, Dependency, DetectorOutput, Evidence, Technology

OPTIONS = frozenset({"include-transitive"})
FILE_NOTE = "revealed by file presence"
# Registries that mirror Docker Hub's official images under their own names.
_HUB_MIRRORS = ("public.ecr.aws/docker/library/", "mirror.gcr.io/library/")


class TechnologyRulesDetector(Detector):
    """Recognises frameworks, datastores, services and tools by the technology rules."""

    name = "technologies"
    description = (
        "Frameworks, libraries, datastores, services and tools recognised from dependencies, "
        "container images and files by the rules in detectors/technologies/rules/."
    )
    tags = frozenset({"technologies"})
    selector = rule_table().selector

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        unknown = sorted(set(self.options) - OPTIONS)
        if unknown:
            raise ValueError(f"unknown option {unknown[0]!r} (known: {', '.join(sorted(OPTIONS))})")
        transitive = self.options.get("include-transitive", True)
        if not isinstance(transitive, bool):
            raise ValueError("include-transitive must be true or false")
        self.include_transitive = transitive

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """A technology without a version for every rule whose ``files`` name a file of the
        tree (the selector is presence-only: none of these files is read)."""
        table = rule_table()
        return DetectorOutput(
            technologies=tuple(
                Technology(
                    rule.key,
                    rule.name,
                    rule.category,
                    (tree.evidence(f"{entry.name} present: reveals {rule.name}", entry.path),),
                    version_note=FILE_NOTE,
                )
                for entry in tree.selected
                for rule in table.rules_for_file(entry.path)
            )
        )

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        """The technologies that the dependencies and container images reveal."""
        table = rule_table()
        found: list[Technology] = []
        for dependency in findings.dependencies:
            if not dependency.direct and not self.include_transitive:
                continue
            claims = table.claims(f"{dependency.ecosystem}:{dependency.name}")
            if claims:
                technology = _from_dependency(dependency, claims, findings)
                if technology is not None:
                    found.append(technology)
        for image in findings.technologies:
            if image.category == Category.CONTAINER_IMAGE:
                claims = table.claims(f"{IMAGE}:{_without_mirror(image.key)}")
                if claims:
                    technology = _from_image(image, claims, findings)
                    if technology is not None:
                        found.append(technology)
        found.extend(_products_of_others(findings.technologies, table.by_key))
        return DetectorOutput(technologies=tuple(found))


def _products_of_others(
    technologies: Sequence[Technology], rules: Mapping[str, Rule]
) -> list[Technology]:
    """For technologies other detectors found (a runtime from ``.python-version``) that a
    rule with an endoflife.date product describes: the same records with that product, which
    the core merges into them."""
    named = []
    for technology in technologies:
        rule = rules.get(technology.key)
        if (
            rule is not None
            and rule.endoflife
            and technology.product is None
            and rule.category == technology.category
        ):
            named.append(replace(technology, product=rule.endoflife))
    return named


def _from_dependency(
    dependency: Dependency, claims: tuple[Claim, ...], findings: Findings
) -> Technology | None:
    package = f"{dependency.ecosystem} package {dependency.name}"
    version, source, note = _dependency_version(dependency)
    # A client's own version says nothing of the technology's, so it picks no range.
    carried = any(claim.carries_version for claim in claims)
    claim = choose(claims, release(version) if carried else None)
    if claim is None:
        return None
    rule = claim.rule
    if claim.carries_version:
        written = dependency.resolved or dependency.declared
        reason = f"{package}{f' {written}' if written else ''} reveals {rule.name}"
    else:
        version, source = None, None
        note = f"{dependency.name} versions on its own; it does not tell the {rule.name} version"
        reason = f"{package} reveals {rule.name} (its version is its own)"
    return _technology(
        rule, dependency.evidence, reason, findings, version, source, note, dependency.component
    )


def _dependency_version(dependency: Dependency) -> tuple[str | None, str | None, str | None]:
    """(version, version_source, version_note) of a dependency, as its technology takes them."""
    if dependency.resolved:
        resolved = clean(dependency.resolved)
        if resolved is None:
            return None, None, f"resolved '{dependency.resolved}' is not a version"
        return resolved, "resolved", None
    if dependency.declared:
        lowest = lowest_declared(dependency.declared)
        if lowest is not None:
            written = dependency.declared.strip()
            exact = written.lstrip("=").lstrip("vV") == lowest or written == f"[{lowest}]"
            note = None if exact else f"lowest version '{dependency.declared}' admits"
            return lowest, "declared", note
        return None, None, f"declared '{dependency.declared}' names no lowest version"
    if dependency.version_note:
        return None, None, f"{dependency.name}: {dependency.version_note}"
    return None, None, f"no version declared for {dependency.name}"


def _from_image(
    image: Technology, claims: tuple[Claim, ...], findings: Findings
) -> Technology | None:
    tag = image.version
    reference = f"{image.key}:{tag}" if tag else image.key
    version = version_of_tag(tag, claims[0].rule.key) if tag else None
    carried = any(claim.carries_version for claim in claims)
    claim = choose(claims, release(version) if carried else None)
    if claim is None:
        return None
    rule = claim.rule
    notes = [image.version_note] if image.version_note else []
    source: str | None = None
    if not claim.carries_version:
        version = None
        notes.insert(0, f"image {image.key} does not tell the {rule.name} version by its tag")
        reason = f"image {reference} runs {rule.name}"
    else:
        reason = f"image {reference} carries {rule.name}"
        if tag is None:
            notes = notes or ["no tag (latest)"]
        elif version is None:
            if not any("names no version" in note for note in notes):
                notes.insert(0, f"image tag '{tag}' names no version")
        elif version != tag:
            notes.insert(0, f"from image tag '{tag}'")
            source = "declared"
        else:
            source = image.version_source or "declared"
    return _technology(
        rule,
        image.evidence,
        reason,
        findings,
        version,
        source,
        "; ".join(notes) or None,
        image.component,
    )


def _technology(
    rule: Rule,
    evidence: tuple[Evidence, ...],
    reason: str,
    findings: Findings,
    version: str | None,
    source: str | None,
    note: str | None,
    component: str | None,
) -> Technology:
    first = evidence[0] if evidence else None
    why = findings.evidence(reason, first.path if first else ".", first.line if first else None)
    return Technology(
        rule.key,
        rule.name,
        rule.category,
        (*evidence, why),
        version=version,
        version_source=source,
        version_note=note,
        component=component,
        product=rule.endoflife,
    )


def _without_mirror(image: str) -> str:
    for mirror in _HUB_MIRRORS:
        if image.startswith(mirror):
            return image[len(mirror) :]
    return image
