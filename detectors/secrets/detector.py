"""The secrets detector: committed secrets files, found by name and format alone.

Candidates are chosen by base name through a presence-only selector, so the core reads
nothing for this detector; :meth:`SecretsDetector.inspect_tree` then reads each candidate of
at most 64 KiB itself (a larger file is left alone, unreported):

* ``private-key`` for a file named like a key (:mod:`detectors.secrets.keys`) that holds a
  private key: ``high``, ``medium`` when the format says the key is encrypted. A ``.pem`` of
  certificates only, a public key, a trust store are not findings.
* ``env-file-with-values`` for an env file (:mod:`detectors.secrets.envfiles`) with at
  least one variable that has a value: ``medium``, ``high`` when a variable named like a
  secret has one. The finding counts the variables with values and names only the
  secret-looking ones.

No value, and no part of one, is ever put in a finding, a fact, an evidence reason or a
failure: findings carry the path, the line of the marker or assignment, the key's format and
variable names. Findings are made once components are known, each in the component that
holds the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detectors.secrets.envfiles import MAX_ENV_BYTES, EnvSummary, is_env_file, summarize_env
from detectors.secrets.keys import (
    KEY_EXTENSIONS,
    KEY_NAMES,
    MAX_KEY_BYTES,
    PrivateKey,
    find_private_key,
    is_key_candidate,
)
from scanner.components import ComponentIndex
from scanner.detector import EMPTY_OUTPUT, Detector, FileSelector, Findings, TreeView, decode_text
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Evidence, Fact, Finding, Severity

_TEST_PARTS = frozenset({"test", "tests", "testdata", "fixtures", "__fixtures__", "spec"})


@dataclass(frozen=True, slots=True)
class _Found:
    """A secrets file seen in the tree, waiting for its component."""

    path: str
    key: PrivateKey | None = None
    env: EnvSummary | None = None


class SecretsDetector(Detector):
    """Private keys and env files with values, by name and format (see the module
    docstring)."""

    name = "secrets"
    description = (
        "Committed secrets files, by name and format only: private keys (PEM, OpenSSH, "
        "PuTTY, PGP, PKCS#12, Java keystores) and .env files with values. Reads candidates "
        "of at most 64 KiB; never reports a value."
    )
    tags = frozenset({"security"})
    selector = FileSelector(
        filenames=KEY_NAMES | {".env"},
        extensions=KEY_EXTENSIONS,
        globs=(".env.*",),
        presence_only=True,
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._found: list[_Found] = []

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Read the small candidates and keep what they hold for :meth:`inspect_findings`."""
        for entry in tree.selected:
            if is_env_file(entry.name):
                summary = self._env(tree, entry.path)
                if summary is not None and summary.valued:
                    self._found.append(_Found(entry.path, env=summary))
            elif is_key_candidate(entry.name):
                data = tree.read(entry.path, MAX_KEY_BYTES)
                key = find_private_key(data) if data else None
                if key is not None:
                    self._found.append(_Found(entry.path, key=key))
        return EMPTY_OUTPUT

    @staticmethod
    def _env(tree: TreeView, path: str) -> EnvSummary | None:
        data = tree.read(path, MAX_ENV_BYTES)
        if not data or b"\0" in data:
            return None
        try:
            return summarize_env(decode_text(data, path))
        except DetectorError:
            return None

    def inspect_findings(self, findings: Findings) -> DetectorOutput:
        """A finding for every secrets file, in the component that holds it."""
        index = ComponentIndex(findings.components)
        made = []
        for found in self._found:
            component = index.owner_of(found.path)
            if found.key is not None:
                made.append(_key_finding(found.path, found.key, component, self.name))
            elif found.env is not None:
                made.append(_env_finding(found.path, found.env, component, self.name))
        return DetectorOutput(findings=tuple(made))


def _key_finding(path: str, key: PrivateKey, component: str, detector: str) -> Finding:
    encrypted = {True: "yes", False: "no", None: "not stated by the format"}[key.encrypted]
    facts = [Fact("format", key.format), Fact("encrypted", encrypted)]
    if _TEST_PARTS.intersection(path.lower().split("/")[:-1]):
        facts.append(Fact("location", "a test or fixture directory"))
    return Finding(
        id=f"private-key:{path}:{component}",
        kind="private-key",
        severity=Severity.MEDIUM if key.encrypted else Severity.HIGH,
        title=f"{path} holds a private key ({key.format})",
        subject=path,
        version=None,
        component=component,
        facts=tuple(facts),
        evidence=(Evidence(path, detector, f"{key.format} marker", key.line),),
        advice=(
            "Treat the key as leaked: revoke or rotate it, remove the file from the repository "
            "(and its history), and load keys at run time from a secrets manager or the "
            "deployment's secret store. A test key can be generated when the tests run."
        ),
    )


def _env_finding(path: str, env: EnvSummary, component: str, detector: str) -> Finding:
    plural = "" if env.valued == 1 else "s"
    facts = [Fact("variables with values", str(env.valued))]
    title = f"{path} holds {env.valued} variable{plural} with values"
    evidence = [
        Evidence(path, detector, f"{env.valued} variable{plural} with values", env.first_line)
    ]
    if env.secrets:
        names = ", ".join(name for name, _ in env.secrets)
        facts.append(Fact("named like secrets", names))
        title += f", {len(env.secrets)} named like secrets"
        evidence += [
            Evidence(path, detector, f"{name} (named like a secret) has a value", line)
            for name, line in env.secrets
        ]
    return Finding(
        id=f"env-file-with-values:{path}:{component}",
        kind="env-file-with-values",
        severity=Severity.HIGH if env.secrets else Severity.MEDIUM,
        title=title,
        subject=path,
        version=None,
        component=component,
        facts=tuple(facts),
        evidence=tuple(evidence),
        advice=(
            "Keep env files with real values out of version control (ignore them), commit a "
            ".env.example with the names and empty or dummy values instead, and rotate every "
            "secret the file has exposed."
        ),
    )
