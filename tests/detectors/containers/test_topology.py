"""Compose topology: shared databases and single database instances, on real trees scanned
through the core by the containers detector alone (it reads the technology rules itself to
tell databases from applications)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.containers.detector import ContainersDetector
from detectors.containers.topology import hosts_named
from scanner.model import Finding, RepositoryScan, Severity

MakeTree = Callable[[dict[str, str]], Path]
KINDS = ("shared-database", "single-database-instance")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, ContainersDetector)


def topology(result: RepositoryScan) -> dict[str, Finding]:
    return {f.id: f for f in result.findings if f.kind in KINDS}


def facts(finding: Finding) -> dict[str, str]:
    return {fact.name: fact.value for fact in finding.facts}


TWO_APPS_DEPENDS_ON = """\
services:
  web:
    build:
      context: .
      dockerfile: src/Web/Dockerfile
    depends_on:
      - sqlserver
  api:
    build:
      context: .
      dockerfile: src/Api/Dockerfile
    depends_on:
      sqlserver:
        condition: service_healthy
  sqlserver:
    image: mcr.microsoft.com/mssql/server:2022-latest
"""


def test_two_applications_depending_on_one_database(make_tree: MakeTree) -> None:
    found = topology(scan(make_tree({"docker-compose.yml": TWO_APPS_DEPENDS_ON})))
    assert sorted(found) == [
        "shared-database:docker-compose.yml:sqlserver:.",
        "single-database-instance:docker-compose.yml:sqlserver:.",
    ]
    shared = found["shared-database:docker-compose.yml:sqlserver:."]
    assert shared.severity == Severity.MEDIUM
    assert shared.subject == "sql-server"
    assert shared.title == (
        "2 applications of docker-compose.yml share the Microsoft SQL Server service 'sqlserver'"
    )
    assert facts(shared) == {
        "database service": "sqlserver (docker-compose.yml)",
        "database": "Microsoft SQL Server",
        "applications": "2",
        "services": "web, api",
    }
    assert [(e.path, e.line, e.reason) for e in shared.evidence] == [
        ("docker-compose.yml", 16, "service 'sqlserver' runs Microsoft SQL Server"),
        ("docker-compose.yml", 7, "service 'web' names 'sqlserver' in depends_on"),
        ("docker-compose.yml", 13, "service 'api' names 'sqlserver' in depends_on"),
    ]
    single = found["single-database-instance:docker-compose.yml:sqlserver:."]
    assert single.severity == Severity.LOW
    assert facts(single)["used by"] == "web, api"
    assert facts(single)["replicas"] == "not set"


PASSWORD = "hunter2-very-secret"
URL_STYLE = f"""\
x-db: &db
  DATABASE_URL: postgres://app:{PASSWORD}@db:5432/app
services:
  orders:
    image: ghcr.io/acme/orders:1.4.0
    environment:
      <<: *db
  billing:
    image: ghcr.io/acme/billing:2.0.1
    environment:
      - DB_HOST=${{BILLING_DB_HOST:-db}}
      - DB_PASSWORD={PASSWORD}
  reports:
    image: ghcr.io/acme/reports:1.0.0
    environment:
      ConnectionStrings__Main: "Host=db;Port=5432;Password={PASSWORD}"
  adminer:
    image: adminer
    depends_on: [db]
  cache:
    image: redis:7
  db:
    image: postgres:16.3
    deploy:
      replicas: 1
"""


def test_connection_urls_and_host_variables_name_the_database(make_tree: MakeTree) -> None:
    result = scan(make_tree({"compose.yaml": URL_STYLE}))
    found = topology(result)
    shared = found["shared-database:compose.yaml:db:."]
    assert facts(shared)["services"] == "orders, billing, reports"
    assert facts(shared)["applications"] == "3"
    assert [(e.line, e.reason) for e in shared.evidence[1:]] == [
        (2, "service 'orders' points environment DATABASE_URL at 'db'"),
        (11, "service 'billing' points environment DB_HOST at 'db'"),
        (16, "service 'reports' points environment ConnectionStrings__Main at 'db'"),
    ]
    # Adminer is a tool, Redis is no system of record: neither is in a finding.
    assert sorted(found) == [
        "shared-database:compose.yaml:db:.",
        "single-database-instance:compose.yaml:db:.",
    ]
    assert facts(found["single-database-instance:compose.yaml:db:."])["replicas"] == "1"
    assert all(PASSWORD not in repr(finding) for finding in result.findings)


def test_processes_of_one_application_do_not_share_a_database(make_tree: MakeTree) -> None:
    """A web process and its worker run one image (built by one, run by the other), a
    scheduler the same build: one application, whatever the references."""
    text = """\
services:
  web:
    build: .
    image: shop:dev
    environment:
      DATABASE_URL: postgresql://shop@postgres/shop
  worker:
    image: shop:dev
    command: celery worker
    depends_on: [postgres]
  scheduler:
    build: .
    links:
      - postgres:database
  postgres:
    image: postgres:15
"""
    found = topology(scan(make_tree({"docker-compose.yml": text})))
    assert sorted(found) == ["single-database-instance:docker-compose.yml:postgres:."]
    assert facts(found["single-database-instance:docker-compose.yml:postgres:."])["used by"] == (
        "web, worker, scheduler"
    )


def test_links_and_their_aliases(make_tree: MakeTree) -> None:
    text = """\
version: '2'
services:
  db:
    image: mariadb:10.11
  web:
    build: ./web
    links:
      - db:mysql
    environment:
      - MYSQL_HOST=mysql
  api:
    build: ./api
    links:
      - db
"""
    shared = topology(scan(make_tree({"docker-compose.yml": text})))[
        "shared-database:docker-compose.yml:db:."
    ]
    assert [(e.line, e.reason) for e in shared.evidence[1:]] == [
        (8, "service 'web' names 'db' in links as 'mysql'"),
        (10, "service 'web' points environment MYSQL_HOST at 'mysql'"),
        (14, "service 'api' names 'db' in links"),
    ]


def test_external_links_reach_a_database_of_another_compose_file(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "deploy/docker-compose-env.yml": (
                "services:\n  mysql:\n    image: mysql:5.7\n    container_name: mysql\n"
            ),
            "deploy/docker-compose-app.yml": (
                "services:\n"
                "  admin:\n    image: shop/admin:1.0\n    external_links:\n      - mysql:db\n"
                "  portal:\n    image: shop/portal:1.0\n    external_links:\n      - mysql:db\n"
            ),
            "other/docker-compose.yml": (
                "services:\n  lone:\n    image: shop/lone:1.0\n    external_links: [mysql]\n"
            ),
        }
    )
    found = topology(scan(root))
    assert sorted(found) == [
        "shared-database:deploy/docker-compose-app.yml:mysql:.",
        "single-database-instance:deploy/docker-compose-env.yml:mysql:.",
    ]
    shared = found["shared-database:deploy/docker-compose-app.yml:mysql:."]
    assert facts(shared)["database service"] == "mysql (deploy/docker-compose-env.yml)"
    assert [(e.path, e.line) for e in shared.evidence] == [
        ("deploy/docker-compose-env.yml", 3),
        ("deploy/docker-compose-app.yml", 5),
        ("deploy/docker-compose-app.yml", 9),
    ]


@pytest.mark.parametrize(
    "database",
    [
        "  db:\n    image: postgres:16\n    deploy:\n      replicas: 3\n",
        "  db:\n    image: postgres:16\n    scale: 2\n",
        "  db:\n    image: postgres:16\n  db-replica:\n    image: postgres:16\n",
    ],
)
def test_replicas_mean_no_single_instance(make_tree: MakeTree, database: str) -> None:
    text = "services:\n  app:\n    build: .\n    depends_on: [db]\n" + database
    assert topology(scan(make_tree({"compose.yml": text}))) == {}


def test_unused_databases_and_development_files(make_tree: MakeTree) -> None:
    app = "services:\n  app:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres:16\n"
    root = make_tree(
        {
            "compose.yml": "services:\n  db:\n    image: postgres:16\n  mq:\n    image: mysql:8\n",
            ".devcontainer/docker-compose.yml": app,
            "docker/testing/compose.yml": app,
        }
    )
    found = topology(scan(root))
    assert {key: f.severity for key, f in found.items()} == {
        "single-database-instance:.devcontainer/docker-compose.yml:db:.": Severity.INFO,
        "single-database-instance:docker/testing/compose.yml:db:.": Severity.INFO,
    }
    assert all(facts(f)["compose file for"] == "development or tests" for f in found.values())


def test_a_database_image_set_by_a_variable_is_resolved_from_the_env_file(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "compose.yml": (
                "services:\n"
                "  a:\n    build: ./a\n    depends_on: [store]\n"
                "  b:\n    build: ./b\n    depends_on: [store]\n"
                "  store:\n    image: ${DB_IMAGE}\n"
            ),
            ".env": "DB_IMAGE=mongo:7\n",
        }
    )
    assert sorted(topology(scan(root))) == [
        "shared-database:compose.yml:store:.",
        "single-database-instance:compose.yml:store:.",
    ]


@pytest.mark.parametrize(
    ("variable", "value", "hosts"),
    [
        ("DATABASE_URL", "postgresql://u:p@db:5432/x", ["db"]),
        ("MONGO_URL", "mongodb://a:27017,b:27017/x", ["a", "b"]),
        ("CONNECTION", "Server=tcp:sqlserver,1433;Database=x;User Id=sa", ["sqlserver"]),
        ("CONNECTION", "Data Source=sql;Initial Catalog=x;", ["sql"]),
        ("DB_HOST", "db:5432", ["db"]),
        ("DB_HOST", "${DB_HOST:-db}", ["db"]),
        ("DATABASE_URL", "postgres://u:${PASSWORD:?required}@${HOST}/x", []),
        ("DB_NAME", "db", []),  # not a host variable
        ("URL", "not a url", []),
    ],
)
def test_hosts_named(variable: str, value: str, hosts: list[str]) -> None:
    assert hosts_named(variable, value) == hosts
