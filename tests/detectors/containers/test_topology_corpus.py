"""Compose topology on the corpus (needs ../shared/corpus): every finding of every repository,
checked against the compose files by hand.

* eShopOnWeb: ``eshopwebmvc`` (src/Web/Dockerfile) and ``eshoppublicapi``
  (src/PublicApi/Dockerfile) both ``depends_on`` ``sqlserver`` (azure-sql-edge).
* mall: ``mall-admin``, ``mall-search`` and ``mall-portal`` of docker-compose-app.yml all
  ``external_links`` ``mysql:db``, the ``mysql`` container of docker-compose-env.yml;
  ``mall-portal`` links ``mongo`` too.
* pythondotorg, maybe, mozillians: web and worker (and flower) run one image or build, so
  they are one application; their database is single-instance, not shared.
* petclinic's mysql and postgres, documenso's development database: no application uses
  them. otel-demo's images come from a ``.env`` the corpus does not copy: nothing is known.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import corpus_repositories, require_corpus, scan_with

from detectors.containers.detector import ContainersDetector
from scanner.model import FailureKind, RepositoryScan, Severity

CorpusTree = Callable[[str], Path]
KINDS = ("shared-database", "single-database-instance")

EXPECTED: dict[str, dict[str, Severity]] = {
    "dotnet-architecture__eShopOnWeb": {
        "shared-database:docker-compose.yml:sqlserver:.": Severity.MEDIUM,
        "single-database-instance:docker-compose.yml:sqlserver:.": Severity.LOW,
    },
    "macrozheng__mall": {
        "shared-database:document/docker/docker-compose-app.yml:mysql:.": Severity.MEDIUM,
        "single-database-instance:document/docker/docker-compose-env.yml:mysql:.": Severity.LOW,
        "single-database-instance:document/docker/docker-compose-env.yml:mongo:.": Severity.LOW,
    },
    "maybe-finance__maybe": {
        "single-database-instance:compose.example.yml:db:.": Severity.LOW,
        "single-database-instance:.devcontainer/docker-compose.yml:db:.": Severity.INFO,
    },
    "python__pythondotorg": {
        "single-database-instance:docker-compose.yml:postgres:.": Severity.LOW,
    },
    "mozilla__mozillians": {"single-database-instance:docker-compose.yml:db:.": Severity.LOW},
    "papercups-io__papercups": {
        "single-database-instance:docker-compose.yml:db:.": Severity.LOW,
    },
    "fastapi__full-stack-fastapi-template": {
        "single-database-instance:compose.yml:db:.": Severity.LOW,
    },
    "documenso__documenso": {
        "single-database-instance:docker/production/compose.yml:database:.": Severity.LOW,
        "single-database-instance:docker/testing/compose.yml:database:.": Severity.INFO,
    },
    "getsentry__self-hosted": {
        "single-database-instance:docker-compose.yml:postgres:.": Severity.LOW,
    },
    "woodpecker-ci__woodpecker": {
        "single-database-instance:docker-compose.gitpod.yaml:gitea-database:.": Severity.INFO,
    },
}

_scans: dict[str, RepositoryScan] = {}


def scan(corpus_tree: CorpusTree, folder: str) -> RepositoryScan:
    if folder not in _scans:
        _scans[folder] = scan_with(corpus_tree(folder), ContainersDetector)
    return _scans[folder]


@pytest.mark.parametrize("folder", corpus_repositories())
def test_topology_findings_of_every_corpus_repository(folder: str, corpus_tree: CorpusTree) -> None:
    require_corpus()
    result = scan(corpus_tree, folder)
    found = {f.id: f.severity for f in result.findings if f.kind in KINDS}
    assert found == EXPECTED.get(folder, {})
    crashed = [f for f in result.failures if f.kind == FailureKind.DETECTOR_ERROR]
    assert crashed == []


def test_eshoponweb_web_and_public_api_share_sql_server(corpus_tree: CorpusTree) -> None:
    result = scan(corpus_tree, "dotnet-architecture__eShopOnWeb")
    (shared,) = [f for f in result.findings if f.kind == "shared-database"]
    assert shared.subject == "sql-server"
    assert {f.name: f.value for f in shared.facts}["services"] == "eshopwebmvc, eshoppublicapi"
    assert [(e.line, e.reason) for e in shared.evidence] == [
        (19, "service 'sqlserver' runs Microsoft SQL Server"),
        (10, "service 'eshopwebmvc' names 'sqlserver' in depends_on"),
        (17, "service 'eshoppublicapi' names 'sqlserver' in depends_on"),
    ]


def test_mall_applications_link_to_the_mysql_of_the_environment_file(
    corpus_tree: CorpusTree,
) -> None:
    result = scan(corpus_tree, "macrozheng__mall")
    (shared,) = [f for f in result.findings if f.kind == "shared-database"]
    facts = {f.name: f.value for f in shared.facts}
    assert facts["services"] == "mall-admin, mall-search, mall-portal"
    assert facts["database service"] == "mysql (document/docker/docker-compose-env.yml)"
    assert [(e.path.rpartition("/")[2], e.line) for e in shared.evidence] == [
        ("docker-compose-env.yml", 4),
        ("docker-compose-app.yml", 14),
        ("docker-compose-app.yml", 27),
        ("docker-compose-app.yml", 41),
    ]
    (mongo,) = [f for f in result.findings if f.id.endswith(":mongo:.")]
    assert {f.name: f.value for f in mongo.facts}["used by"] == "mall-portal"


def test_pythondotorg_web_and_worker_are_one_application(corpus_tree: CorpusTree) -> None:
    result = scan(corpus_tree, "python__pythondotorg")
    (single,) = [f for f in result.findings if f.kind in KINDS]
    assert {f.name: f.value for f in single.facts}["used by"] == "web, worker"
