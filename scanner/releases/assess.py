"""End-of-life findings: each versioned technology that maps to an endoflife.date product,
held against that product's release cycles on the day evaluated.

* past its end of life: ``end-of-life``, high (critical when more than a year past);
* end of life within the look-ahead (180 days unless told otherwise): ``end-of-life-soon``,
  medium;
* active support over, security fixes only: ``security-support-only``, low;
* the data could not be had: ``unknown``, info, saying why.

Products are fetched once per run, whatever the number of repositories and technologies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.model import (
    Category,
    DataSourceUse,
    Dependency,
    Fact,
    Finding,
    Severity,
    Technology,
)
from scanner.releases.cycles import (
    CycleMatch,
    Product,
    ReleaseCycle,
    match_cycle,
    support_status,
)
from scanner.releases.endoflife import EndOfLifeSource

DEFAULT_LOOKAHEAD_DAYS = 180
_CRITICAL_AFTER_DAYS = 365
# Products whose cycles are labels made of the technology's key and version
# (``ubuntu-20.04`` for the images of GitHub-hosted runners).
LABELLED_CYCLES = {"github-actions-runner-images": "{key}-{version}"}


class EndOfLifeAssessor:
    """Assesses technologies against endoflife.date data as of ``as_of``."""

    def __init__(
        self,
        source: EndOfLifeSource,
        as_of: date,
        lookahead_days: int = DEFAULT_LOOKAHEAD_DAYS,
    ) -> None:
        self.source = source
        self.as_of = as_of
        self.lookahead_days = lookahead_days
        self._products: dict[str, Product | Exception] = {}

    def assess(self, technologies: Sequence[Technology]) -> tuple[list[Finding], DataSourceUse]:
        """The findings for ``technologies``, and how the source was used (with what went
        wrong, once per problem)."""
        findings: list[Finding] = []
        problems: dict[str, None] = {}
        seen: set[tuple[str, str, str]] = set()
        for technology in technologies:
            if technology.product is None or technology.version is None:
                continue
            identity = (technology.key, technology.version, technology.component or ".")
            if identity in seen:
                continue
            seen.add(identity)
            product = self.product(technology.product)
            if isinstance(product, UnknownProduct):
                problems[str(product)] = None
                continue
            if isinstance(product, Exception):
                problems[str(product)] = None
                findings.append(_unknown(technology, str(product)))
                continue
            match = match_cycle(product, _cycle_name(technology, product))
            if match is None:
                problems[
                    f"no {product.label} release cycle matches version {technology.version}"
                ] = None
                continue
            finding = self._finding(technology, product, match)
            if finding is not None:
                findings.append(finding)
        use = DataSourceUse(
            name="endoflife.date",
            url=self.source.base_url,
            as_of=self.as_of.isoformat(),
            problems=tuple(problems),
        )
        return findings, use

    def product(self, name: str) -> Product | Exception:
        """The product ``name``, fetched once per run, or the error that fetching it gave."""
        if name not in self._products:
            try:
                self._products[name] = self.source.product(name)
            except (SourceUnavailable, UnknownProduct) as error:
                self._products[name] = error
        return self._products[name]

    def _finding(
        self, technology: Technology, product: Product, match: CycleMatch
    ) -> Finding | None:
        cycle = match.cycle
        status = support_status(cycle, self.as_of)
        label = (
            f"{product.label} {cycle.name}"
            if product.name in LABELLED_CYCLES
            else f"{technology.name} {cycle.name}"
        )
        eol_day = cycle.end_of_life.on
        if status.end_of_life:
            past = -status.days_left if status.days_left is not None else 0
            severity = Severity.CRITICAL if past > _CRITICAL_AFTER_DAYS else Severity.HIGH
            when = f" on {eol_day.isoformat()}" if eol_day else ""
            return self._make(
                "end-of-life", severity, f"{label} reached its end of life{when}",
                technology, product, match,
            )  # fmt: skip
        if status.days_left is not None and status.days_left <= self.lookahead_days:
            assert eol_day is not None
            return self._make(
                "end-of-life-soon", Severity.MEDIUM,
                f"{label} reaches its end of life on {eol_day.isoformat()}, "
                f"in {status.days_left} days",
                technology, product, match,
            )  # fmt: skip
        if status.security_only:
            ended = cycle.active_support.on
            since = f" since {ended.isoformat()}" if ended else ""
            return self._make(
                "security-support-only", Severity.LOW,
                f"{label} gets security fixes only{since}",
                technology, product, match,
            )  # fmt: skip
        return None

    def _make(
        self,
        kind: str,
        severity: Severity,
        title: str,
        technology: Technology,
        product: Product,
        match: CycleMatch,
    ) -> Finding:
        cycle = match.cycle
        target = self._newest_supported(product)
        approximate = " (approximate: the newest it admits)" if match.approximate else ""
        facts = [
            Fact("version", str(technology.version)),
            Fact("cycle", cycle.name + approximate),
            Fact("end of life", _day(cycle.end_of_life.on, cycle.end_of_life.passed)),
            Fact("active support until", _day(cycle.active_support.on, None)),
            Fact("latest in cycle", cycle.latest or "unknown"),
            Fact("newest cycle", product.cycles[0].name if product.cycles else "unknown"),
            Fact("source", f"endoflife.date ({self.source.base_url})"),
            Fact("evaluated for", self.as_of.isoformat()),
        ]
        if target is not None:
            facts.append(Fact("upgrade to", target.name))
            facts.extend(
                Fact("upgrade requires", f"{runtime} {version}")
                for runtime, version in target.requires
            )
        if target is None:
            advice = f"No supported {product.label} release cycle is known: plan a replacement."
        else:
            until = target.end_of_life.on
            advice = f"Move to {product.label} {target.name}" + (
                f", supported until {until.isoformat()}." if until else "."
            )
        component = technology.component or "."
        return Finding(
            id=f"{kind}:{technology.key}:{technology.version}:{component}",
            kind=kind,
            severity=severity,
            title=title,
            subject=technology.key,
            version=technology.version,
            component=component,
            facts=tuple(facts),
            evidence=technology.evidence,
            advice=advice,
        )

    def _newest_supported(self, product: Product) -> ReleaseCycle | None:
        for cycle in product.cycles:
            if support_status(cycle, self.as_of).end_of_life is False:
                return cycle
        return None


def _cycle_name(technology: Technology, product: Product) -> str:
    """What to look the technology up by among the product's cycles: its version, or the
    label some products name their cycles by."""
    template = LABELLED_CYCLES.get(product.name)
    version = str(technology.version)
    return template.format(key=technology.key, version=version) if template else version


def _unknown(technology: Technology, reason: str) -> Finding:
    component = technology.component or "."
    return Finding(
        id=f"unknown:{technology.key}:{technology.version}:{component}",
        kind="unknown",
        severity=Severity.INFO,
        title=f"{technology.name} {technology.version}: end-of-life status unknown",
        subject=technology.key,
        version=technology.version,
        component=component,
        facts=(Fact("version", str(technology.version)),),
        evidence=technology.evidence,
        advice=f"source unreachable: {reason}",
    )


def _day(on: date | None, passed: bool | None) -> str:
    if on is not None:
        return on.isoformat()
    if passed is None:
        return "not published"
    return "yes" if passed else "no"


class EndOfLifeSupport:
    """End-of-life data by Package URL, for the registry findings (see
    :class:`scanner.releases.freshness.SupportData`): the identifiers endpoint maps a
    package to its product, whose cycles say which releases are still supported on the
    assessor's day. Data that cannot be had makes every answer ``None``."""

    def __init__(self, assessor: EndOfLifeAssessor) -> None:
        self.assessor = assessor
        self._purls: dict[str, str] | None = None

    def products(self) -> dict[str, str]:
        """Package URLs (without version, lower case) mapped to their product; empty when
        the identifiers cannot be had."""
        if self._purls is None:
            try:
                self._purls = self.assessor.source.purl_products()
            except SourceUnavailable:
                self._purls = {}
        return self._purls

    def label(self, purl: str) -> str | None:
        """The product's label for ``purl`` (without version), ``None`` when not covered."""
        product = self._product(purl)
        return product.label if product is not None else None

    def is_supported(self, purl: str, version: str) -> bool | None:
        """Whether ``version`` of ``purl`` is in a cycle not yet at its end of life."""
        product = self._product(purl)
        match = match_cycle(product, version) if product is not None else None
        if match is None or match.approximate:
            return None
        return not support_status(match.cycle, self.assessor.as_of).end_of_life

    def _product(self, purl: str) -> Product | None:
        name = self.products().get(purl.lower())
        if name is None:
            return None
        product = self.assessor.product(name)
        return product if isinstance(product, Product) else None


def technologies_by_package_url(
    dependencies: Sequence[Dependency],
    technologies: Sequence[Technology],
    products: Mapping[str, str],
) -> list[Technology]:
    """Technologies for the direct dependencies whose Package URL endoflife.date lists under
    a product (``pkg:npm/vue`` is Vue), where no technology of that product is already in
    the component (the technology rules name most); only versions known exactly count."""
    covered = {(t.product, t.component or ".") for t in technologies if t.product}
    found = []
    for dependency in dependencies:
        if not dependency.direct or dependency.purl is None:
            continue
        product = products.get(dependency.purl.split("@", 1)[0].lower())
        component = dependency.component or "."
        version = dependency.resolved or _exact(dependency)
        if product is None or version is None or (product, component) in covered:
            continue
        covered.add((product, component))
        found.append(
            Technology(
                key=product,
                name=dependency.name,
                category=Category.LIBRARY,
                evidence=dependency.evidence,
                version=version,
                version_source="resolved" if dependency.resolved else "declared",
                component=component,
                product=product,
            )
        )
    return found


def _exact(dependency: Dependency) -> str | None:
    from scanner.releases.versions import scheme_for

    scheme = scheme_for(dependency.ecosystem)
    if scheme is None or not dependency.declared:
        return None
    return scheme.pinned(dependency.declared)
