"""What each kind of finding means, for reports that describe kinds apart from findings.

SARIF needs one rule per kind, with a title, a description and help; other reports may
use the same words. Kinds are open-ended (release data adds new ones over time), so
:func:`describe_kind` answers for any kind: a known kind gets its written description, an
unknown one a generic description built from its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model import Severity


@dataclass(frozen=True, slots=True)
class KindDescription:
    """The words for one finding kind.

    ``title`` is a short noun phrase, ``description`` says when the kind is reported and
    ``help`` what to do about it. ``severity`` is the one findings of the kind usually get
    (each finding carries its own); ``tags`` are lower-case topics, at most five.
    """

    title: str
    description: str
    help: str
    severity: Severity
    tags: tuple[str, ...]


_KINDS: dict[str, KindDescription] = {
    "end-of-life": KindDescription(
        title="Release cycle past its end of life",
        description=(
            "The release cycle in use has reached its end of life: it gets no more fixes, "
            "security fixes included."
        ),
        help=(
            "Move to a supported release cycle; the finding's advice names one and how long "
            "it is supported. Until then, vulnerabilities found in it stay open."
        ),
        severity=Severity.HIGH,
        tags=("maintainability", "end-of-life"),
    ),
    "end-of-life-soon": KindDescription(
        title="Release cycle near its end of life",
        description="The release cycle in use reaches its end of life soon.",
        help=(
            "Plan the move to a supported release cycle before the end-of-life date the "
            "finding gives; its advice names the target."
        ),
        severity=Severity.MEDIUM,
        tags=("maintainability", "end-of-life"),
    ),
    "security-support-only": KindDescription(
        title="Release cycle on security support only",
        description=(
            "Active support of the release cycle in use is over: it gets security fixes only, "
            "no bug fixes."
        ),
        help="Schedule the move to a newer release cycle while security fixes still come.",
        severity=Severity.LOW,
        tags=("maintainability", "end-of-life"),
    ),
    "unknown": KindDescription(
        title="Support status unknown",
        description=(
            "The release data needed to judge the technology could not be had; the finding's "
            "advice says why."
        ),
        help="Check that the release-data source is reachable, then scan again.",
        severity=Severity.INFO,
        tags=("release-data",),
    ),
    "majors-behind": KindDescription(
        title="Major versions behind",
        description=(
            "A direct dependency is one or more major versions behind its newest stable "
            "release; every major release skipped makes the upgrade larger."
        ),
        help="Upgrade one major version at a time, reading each release's migration notes.",
        severity=Severity.MEDIUM,
        tags=("maintainability", "dependencies", "freshness"),
    ),
    "minors-behind": KindDescription(
        title="Minor versions behind",
        description="A direct dependency is behind newer minor releases of its own major version.",
        help="Upgrade within the major version; minor releases should not break compatibility.",
        severity=Severity.INFO,
        tags=("maintainability", "dependencies", "freshness"),
    ),
    "libyears": KindDescription(
        title="Dependency age in libyears",
        description=(
            "Libyears measure how far behind a dependency is: the time between the release in "
            "use and the newest release."
        ),
        help="Upgrade the oldest dependencies first; they carry most of the libyears.",
        severity=Severity.LOW,
        tags=("maintainability", "dependencies", "freshness"),
    ),
    "deprecated": KindDescription(
        title="Deprecated package or version",
        description="The registry marks the package, or the version in use, as deprecated.",
        help="Move to the replacement the registry names, or to a maintained alternative.",
        severity=Severity.MEDIUM,
        tags=("maintainability", "dependencies"),
    ),
    "yanked": KindDescription(
        title="Yanked release",
        description=(
            "The version in use was withdrawn from its registry (yanked, unlisted or "
            "retracted), usually because it is broken or unsafe."
        ),
        help="Move to a release that has not been withdrawn; the finding gives the reason.",
        severity=Severity.HIGH,
        tags=("maintainability", "dependencies"),
    ),
    "abandoned": KindDescription(
        title="Abandoned package",
        description=(
            "A direct dependency looks abandoned: no release for a long time, or its registry "
            "calls it abandoned or archived."
        ),
        help="Find a maintained replacement, or be ready to maintain a fork.",
        severity=Severity.MEDIUM,
        tags=("maintainability", "dependencies"),
    ),
    "action-old-major": KindDescription(
        title="CI action on an old major version",
        description="A CI workflow uses an action at an older major than its newest release.",
        help="Move the workflow to the newest major version of the action.",
        severity=Severity.MEDIUM,
        tags=("maintainability", "ci"),
    ),
    "range-excludes-supported": KindDescription(
        title="Version range excludes supported releases",
        description=(
            "The declared version range admits no release that is still supported, so an "
            "upgrade needs the range changed first."
        ),
        help="Widen or move the declared range so that it admits a supported release.",
        severity=Severity.HIGH,
        tags=("maintainability", "dependencies"),
    ),
    "private-key": KindDescription(
        title="Private key committed",
        description=(
            "A file named like a key holds a private key (PEM, OpenSSH, PuTTY, PGP, PKCS#12 or "
            "a Java keystore); the finding names the format, never the key."
        ),
        help=(
            "Treat the key as leaked: revoke or rotate it, remove the file and its history, "
            "and load keys at run time from a secret store."
        ),
        severity=Severity.HIGH,
        tags=("security-risk", "secrets"),
    ),
    "env-file-with-values": KindDescription(
        title="Env file with values committed",
        description=(
            "A .env file (not a template such as .env.example) assigns values to variables; "
            "high when a variable named like a secret has one. Only names are reported."
        ),
        help=(
            "Ignore env files with real values, commit a .env.example with names only, and "
            "rotate the secrets the file exposed."
        ),
        severity=Severity.MEDIUM,
        tags=("security-risk", "secrets"),
    ),
    "no-lockfile": KindDescription(
        title="No lockfile",
        description=(
            "A manifest of a package manager that writes lockfiles declares dependencies, and "
            "no lockfile sits beside it or at its workspace root."
        ),
        help=(
            "Commit the lockfile, so that every install resolves the same versions and "
            "upgrades happen in review."
        ),
        severity=Severity.MEDIUM,
        tags=("security-risk", "dependencies", "supply-chain"),
    ),
    "unpinned-dependencies": KindDescription(
        title="Floating dependency versions",
        description=(
            "Direct runtime dependencies declare a range, or no version, and nothing resolves "
            "them to one version: each install may get a different release."
        ),
        help="Lock or pin the versions in use.",
        severity=Severity.LOW,
        tags=("security-risk", "dependencies", "supply-chain"),
    ),
    "no-ci": KindDescription(
        title="No CI",
        description="The repository has source code and no CI system builds or tests it.",
        help="Add a pipeline that builds the code and runs its tests on every change.",
        severity=Severity.MEDIUM,
        tags=("developer-experience", "ci"),
    ),
    "several-ci-systems": KindDescription(
        title="Several CI systems",
        description="One repository is built by two or more CI systems.",
        help="Settle on one CI system and move the other pipelines to it.",
        severity=Severity.LOW,
        tags=("developer-experience", "ci"),
    ),
    "no-tests": KindDescription(
        title="Component without tests",
        description=(
            "A component has source files and no test files by the usual conventions "
            "(tests/, __tests__/, src/test/, *_test.go, *.test.ts, test_*.py…)."
        ),
        help="Add tests where the code changes most, and run them in CI.",
        severity=Severity.MEDIUM,
        tags=("developer-experience", "tests"),
    ),
    "several-majors": KindDescription(
        title="Framework at several major versions",
        description=(
            "One framework is used at two or more major versions across the components of a "
            "repository."
        ),
        help="Bring every component to one major version of the framework.",
        severity=Severity.MEDIUM,
        tags=("architectural-coupling", "dependencies"),
    ),
    "duplicate-purpose": KindDescription(
        title="Two libraries for one job",
        description="One component depends on two ORMs, or two HTTP clients, of one ecosystem.",
        help="Settle on one library for the job and migrate the code to it.",
        severity=Severity.LOW,
        tags=("architectural-coupling", "dependencies"),
    ),
    "shared-database": KindDescription(
        title="Database shared by applications",
        description=(
            "Two or more applications of a compose file depend on, link to or point a "
            "connection setting at the same database service."
        ),
        help=(
            "Give each application its own database or schema and let the others reach its "
            "data through its API."
        ),
        severity=Severity.MEDIUM,
        tags=("architectural-coupling", "containers", "datastore"),
    ),
    "single-database-instance": KindDescription(
        title="Single database instance",
        description=(
            "A database service that applications use runs as one instance: no replicas and "
            "no replica service of the same image."
        ),
        help="Add a replica for reads and failover, or use a highly available managed database.",
        severity=Severity.LOW,
        tags=("scaling-bottleneck", "containers", "datastore"),
    ),
}


def describe_kind(kind: str) -> KindDescription:
    """The description of ``kind``; a generic one, titled after the name, for a kind this
    table does not know yet."""
    known = _KINDS.get(kind)
    if known is not None:
        return known
    return KindDescription(
        title=kind.replace("-", " ").replace("_", " ").strip().capitalize() or "Finding",
        description=f"A finding of kind {kind!r}; each finding's message says what was found.",
        help="Read the finding's advice and the facts behind it.",
        severity=Severity.MEDIUM,
        tags=("maintainability",),
    )
