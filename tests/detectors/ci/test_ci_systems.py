"""CircleCI, Travis CI, Azure Pipelines, Bitbucket Pipelines, Jenkins, Woodpecker, Cloud Build."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detectors.ci.azure_pipelines import parse_azure_pipelines
from detectors.ci.bitbucket import parse_bitbucket_pipelines
from detectors.ci.circleci import parse_circleci
from detectors.ci.cloudbuild import parse_cloudbuild
from detectors.ci.jenkins import parse_jenkinsfile
from detectors.ci.travis import parse_travis
from detectors.ci.woodpecker import parse_woodpecker
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

Parser = Callable[[SourceFile], DetectorOutput]


def run(parse: Parser, text: str, path: str) -> DetectorOutput:
    return parse(SourceFile(FileContent(path, text.encode()), "ci"))


def found(output: DetectorOutput, category: str) -> list[tuple[str, str | None]]:
    return [(t.key, t.version) for t in output.technologies if t.category == category]


def test_circleci() -> None:
    output = run(
        parse_circleci,
        """version: 2.1
orbs:
  node: circleci/node@5.0.2
  aws: circleci/aws-cli@volatile
  inline:
    jobs: {}
executors:
  default:
    docker:
      - image: cimg/python:3.12.1
      - image: cimg/postgres:16.1
  param:
    docker:
      - image: cimg/node:<< parameters.tag >>
jobs:
  build:
    machine:
      image: ubuntu-2204:2024.01.1
  old:
    machine: true
  win:
    machine:
      image: windows-server-2022-gui:current
  mac:
    macos:
      xcode: 15.2.0
""",
        ".circleci/config.yml",
    )
    assert found(output, "ci") == [("circleci", None)]
    assert found(output, "ci-orb") == [("circleci/node", "5.0.2"), ("circleci/aws-cli", None)]
    orbs = [t for t in output.technologies if t.category == "ci-orb"]
    assert orbs[0].evidence[0].line == 3 and orbs[1].version_note is not None
    assert found(output, "container-image") == [
        ("cimg/python", "3.12.1"),
        ("cimg/postgres", "16.1"),
    ]
    assert found(output, "ci-runner") == [
        ("ubuntu", "22.04"),
        ("ubuntu", None),
        ("windows", "2022"),
        ("macos", None),
    ]
    mac = [t for t in output.technologies if t.key == "macos"]
    assert mac[0].version_note == "Xcode 15.2.0"


def test_travis() -> None:
    output = run(
        parse_travis,
        """language: python
dist: focal
python: ["3.8", 3.9]
jdk: [openjdk11]
services: [postgresql, redis-server, xvfb]
addons:
  postgresql: "13"
os: [linux, osx]
osx_image: xcode12
jobs:
  include:
    - python: "3.10"
      dist: jammy
    - node_js: 18
""",
        ".travis.yml",
    )
    assert found(output, "runtime") == [
        ("python", "3.8"),
        ("python", "3.9"),
        ("java", "11"),
        ("python", "3.10"),
        ("nodejs", "18"),
    ]
    assert found(output, "ci-runner") == [("ubuntu", "20.04"), ("macos", None), ("ubuntu", "22.04")]
    assert found(output, "datastore") == [
        ("postgresql", None),
        ("redis", None),
        ("postgresql", "13"),
    ]
    language_only = run(parse_travis, "language: ruby\nrvm: []\n", ".travis.yml")
    assert found(language_only, "runtime") == [("ruby", None)]
    assert run(parse_travis, "language: node_js\nnode_js: '--lts'\n", ".travis.yml").technologies


def test_azure_pipelines() -> None:
    output = run(
        parse_azure_pipelines,
        """trigger: [main]
parameters:
  - name: pyVersion
    default: '3.11'
variables:
  - name: nodeVersion
    value: 20.x
resources:
  containers:
    - container: pg
      image: postgres:14
pool:
  vmImage: ubuntu-22.04
stages:
  - stage: Build
    jobs:
      - job: Linux
        strategy:
          matrix:
            linux: {imageName: ubuntu-latest}
            mac: {imageName: macOS-13}
        pool:
          vmImage: $(imageName)
        container: python:3.12-slim
        services:
          db: pg
        steps:
          - task: UsePythonVersion@0
            inputs:
              versionSpec: ${{ parameters.pyVersion }}
          - task: NodeTool@0
            inputs:
              versionSpec: $(nodeVersion)
          - task: UseDotNet@2
            inputs:
              packageType: sdk
              version: 8.0.x
          - task: JavaToolInstaller@0
            inputs:
              versionSpec: '17'
          - task: GoTool@0
          - script: echo hi
      - deployment: Deploy
        pool: Self Hosted Linux
        strategy:
          runOnce:
            deploy:
              steps:
                - task: UseRubyVersion@0
                  inputs:
                    versionSpec: '>= 3.2'
""",
        "azure-pipelines.yml",
    )
    assert found(output, "ci") == [("azure-pipelines", None)]
    assert found(output, "container-image") == [("postgres", "14"), ("python", "3.12-slim")]
    assert found(output, "ci-runner") == [
        ("ubuntu", "22.04"),
        ("ubuntu", None),
        ("macos", "13"),
        ("self-hosted", None),
    ]
    assert found(output, "runtime") == [
        ("python", "3.11"),
        ("nodejs", "20.x"),
        ("dotnet", "8.0.x"),
        ("java", "17"),
        ("go", None),
        ("ruby", ">= 3.2"),
    ]


def test_bitbucket_pipelines() -> None:
    output = run(
        parse_bitbucket_pipelines,
        """image: atlassian/default-image:4
definitions:
  services:
    postgres:
      image: postgres:15
    docker:
      memory: 2048
  steps:
    - step: &test
        name: Test
        image: {name: "python:3.12", username: u}
pipelines:
  default:
    - step: *test
    - parallel:
        - step:
            image: node:20
  branches:
    main:
      - stage:
          steps:
            - step:
                image: golang:1.22
  custom:
    deploy:
      - parallel:
          steps:
            - step: {image: alpine:3.19}
""",
        "bitbucket-pipelines.yml",
    )
    assert found(output, "container-image") == [
        ("atlassian/default-image", "4"),
        ("postgres", "15"),
        ("python", "3.12"),
        ("node", "20"),
        ("golang", "1.22"),
        ("alpine", "3.19"),
    ]
    assert found(output, "ci") == [("bitbucket-pipelines", None)]


def test_jenkinsfile() -> None:
    output = run(
        parse_jenkinsfile,
        """pipeline {
  // agent { docker { image 'commented:1' } }
  agent {
    docker {
      image 'maven:3.9-eclipse-temurin-17'
      args '-v $HOME/.m2:/root/.m2'
    }
  }
  stages {
    stage('a') {
      agent { docker 'node:20-alpine' }
      steps {
        script {
          /* docker.image('block:comment') */
          docker.image("postgres:${PG}").withRun { c -> sh 'make' }
          docker.image('redis:7').inside { sh 'true' }
        }
      }
    }
  }
}
""",
        "Jenkinsfile",
    )
    images = [(t.key, t.version, t.evidence[0].line) for t in output.technologies[1:]]
    assert images == [
        ("maven", "3.9-eclipse-temurin-17", 5),
        ("node", "20-alpine", 11),
        ("postgres", None, 15),
        ("redis", "7", 16),
    ]
    assert found(output, "ci") == [("jenkins", None)]


def test_woodpecker() -> None:
    mapping = run(
        parse_woodpecker,
        """matrix:
  GO: ["1.21", "1.22"]
  include:
    - GO: "1.23"
steps:
  test:
    image: golang:${GO}
  lint:
    image: golangci/golangci-lint:v1.59
  env:
    image: ${CI_IMAGE}
services:
  db:
    image: postgres:16
""",
        ".woodpecker/test.yaml",
    )
    assert found(mapping, "container-image") == [
        ("golang", "1.21"),
        ("golang", "1.22"),
        ("golang", "1.23"),
        ("golangci/golangci-lint", "v1.59"),
        ("postgres", "16"),
    ]
    listed = run(
        parse_woodpecker,
        "pipeline:\n  - name: build\n    image: node:20\nclone:\n  git:\n    image: plugin/git:2\n",
        ".woodpecker.yml",
    )
    assert found(listed, "container-image") == [("node", "20"), ("plugin/git", "2")]
    assert found(listed, "ci") == [("woodpecker", None)]


def test_cloud_build() -> None:
    output = run(
        parse_cloudbuild,
        """substitutions:
  _TAG: "1.7"
steps:
  - name: gcr.io/cloud-builders/docker
    args: [build, .]
  - id: test
    name: python:${_TAG}
  - name: gcr.io/$PROJECT_ID/tool
images: [gcr.io/$PROJECT_ID/app]
""",
        "cloudbuild.yaml",
    )
    images = [(t.key, t.version, t.version_note) for t in output.technologies[1:]]
    assert images == [
        ("gcr.io/cloud-builders/docker", None, "no tag (latest)"),
        ("python", "1.7", None),
    ]
    assert run(parse_cloudbuild, "timeout: 10s\n", "cloudbuild-trigger.yaml").technologies == ()
    with pytest.raises(DetectorError, match="no 'steps' list"):
        run(parse_cloudbuild, "timeout: 10s\n", "cloudbuild.yaml")


@pytest.mark.parametrize(
    ("parse", "path"),
    [
        (parse_circleci, ".circleci/config.yml"),
        (parse_travis, ".travis.yml"),
        (parse_azure_pipelines, "azure-pipelines.yml"),
        (parse_bitbucket_pipelines, "bitbucket-pipelines.yml"),
        (parse_woodpecker, ".woodpecker.yml"),
        (parse_cloudbuild, "cloudbuild.yaml"),
    ],
)
def test_malformed_files_are_clear_errors(parse: Parser, path: str) -> None:
    with pytest.raises(DetectorError, match="not valid YAML"):
        run(parse, "a: [b\n", path)
    with pytest.raises(DetectorError, match="expected a mapping"):
        run(parse, "- a\n", path)
    with pytest.raises(DetectorError, match="empty"):
        run(parse, "# only a comment\n", path)


def test_jenkinsfile_not_text() -> None:
    with pytest.raises(DetectorError, match="not valid UTF-8"):
        parse_jenkinsfile(SourceFile(FileContent("Jenkinsfile", b"pipeline \x80\x81"), "ci"))
