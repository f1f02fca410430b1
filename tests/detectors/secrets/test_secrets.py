"""The secrets detector on real trees: private keys by format, env files by name, findings in
the right component, and never a secret value anywhere in the result."""

from __future__ import annotations

import base64
import secrets
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.javascript.detector import JavaScriptDetector
from detectors.secrets.detector import SecretsDetector
from detectors.secrets.envfiles import is_env_file, looks_secret, summarize_env
from detectors.secrets.keys import MAX_KEY_BYTES, find_private_key, is_key_candidate
from scanner.detector import FileEntry, TreeView
from scanner.model import RepositoryScan, ScanReport, Severity
from scanner.serialize import report_to_json

MakeTree = Callable[[dict[str, str | bytes]], Path]

# Values that must never leave the detector: each is unique and long enough to be searched.
KEY_BODY = base64.b64encode(b"rsa-key-material-" + secrets.token_bytes(96)).decode()
SECRET_KEY_VALUE = "s3cr3t-" + secrets.token_hex(16)
DB_PASSWORD_VALUE = "pw-" + secrets.token_hex(16)
PLAIN_VALUE = "plain-" + secrets.token_hex(8)
EXAMPLE_VALUE = "example-" + secrets.token_hex(8)


def pem(label: str, body: str = KEY_BODY, headers: str = "") -> str:
    return f"-----BEGIN {label}-----\n{headers}{body}\n-----END {label}-----\n"


def openssh_key(cipher: bytes) -> str:
    header = b"openssh-key-v1\0" + struct.pack(">I", len(cipher)) + cipher
    blob = base64.b64encode(header + secrets.token_bytes(120)).decode()
    lines = "\n".join(blob[i : i + 70] for i in range(0, len(blob), 70))
    return pem("OPENSSH PRIVATE KEY", lines)


def java_keystore(*tags: int) -> bytes:
    """A JKS keystore whose entries have the given tags (1 private key, 2 certificate)."""
    data = b"\xfe\xed\xfe\xed" + struct.pack(">II", 2, len(tags))
    for number, tag in enumerate(tags):
        alias = f"entry{number}".encode()
        data += struct.pack(">IH", tag, len(alias)) + alias + struct.pack(">Q", 0)
        if tag == 2:
            data += struct.pack(">H", 5) + b"X.509" + struct.pack(">I", 4) + b"cert"
        else:
            data += struct.pack(">I", 8) + secrets.token_bytes(8) + struct.pack(">I", 0)
    return data


CERTIFICATE = pem("CERTIFICATE", base64.b64encode(b"certificate").decode())


def test_private_keys_by_format_and_never_their_content(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "certs/server.key": "# server key\n" + pem("RSA PRIVATE KEY"),
            "certs/chain.pem": CERTIFICATE + pem("PRIVATE KEY"),
            "certs/ca.pem": CERTIFICATE,
            "certs/legacy.pem": pem("RSA PRIVATE KEY", headers="Proc-Type: 4,ENCRYPTED\n\n"),
            "certs/pkcs8.pem": pem("ENCRYPTED PRIVATE KEY"),
            "deploy/id_ed25519": openssh_key(b"none"),
            "deploy/id_rsa": openssh_key(b"aes256-ctr"),
            "deploy/id_rsa.pub": "ssh-ed25519 AAAA user@host\n",
            "signing/cert.p12": b"\x30\x82\x0a\x00\x02\x01\x03" + secrets.token_bytes(64),
            "java/keystore.jks": java_keystore(2, 1),
            "java/truststore.jks": java_keystore(2, 2),
            "putty/admin.ppk": "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n",
            "keynote/slides.key": b"PK\x03\x04" + secrets.token_bytes(32),
            "README.md": pem("RSA PRIVATE KEY"),  # not a key file by name
        }
    )
    result = scan_with(root, SecretsDetector)
    found = {
        f.subject: (f.severity, dict((x.name, x.value) for x in f.facts)) for f in result.findings
    }
    assert found == {
        "certs/server.key": (
            Severity.HIGH,
            {"format": "PEM RSA private key", "encrypted": "no"},
        ),
        "certs/chain.pem": (Severity.HIGH, {"format": "PEM private key", "encrypted": "no"}),
        "certs/legacy.pem": (
            Severity.MEDIUM,
            {"format": "PEM RSA private key", "encrypted": "yes"},
        ),
        "certs/pkcs8.pem": (Severity.MEDIUM, {"format": "PEM private key", "encrypted": "yes"}),
        "deploy/id_ed25519": (
            Severity.HIGH,
            {"format": "OpenSSH private key", "encrypted": "no"},
        ),
        "deploy/id_rsa": (Severity.MEDIUM, {"format": "OpenSSH private key", "encrypted": "yes"}),
        "signing/cert.p12": (
            Severity.HIGH,
            {"format": "PKCS#12 container", "encrypted": "not stated by the format"},
        ),
        "java/keystore.jks": (
            Severity.MEDIUM,
            {"format": "Java keystore (JKS)", "encrypted": "yes"},
        ),
        "putty/admin.ppk": (Severity.HIGH, {"format": "PuTTY private key", "encrypted": "no"}),
    }
    server = next(f for f in result.findings if f.subject == "certs/server.key")
    assert server.id == "private-key:certs/server.key:."
    assert server.kind == "private-key"
    assert [(e.path, e.line, e.detector) for e in server.evidence] == [
        ("certs/server.key", 2, "secrets")
    ]
    assert_never_contains(result, KEY_BODY, KEY_BODY[:24], KEY_BODY[-24:])


def test_env_files_with_values(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            ".env": (
                "# local settings\n"
                f"SECRET_KEY={SECRET_KEY_VALUE}\n"
                "DEBUG=true\n"
                "EMPTY=\n"
                'QUOTED_EMPTY=""\n'
                "FROM_SHELL=${HOME}\n"
                f'export DB_PASSWORD="{DB_PASSWORD_VALUE}"\n'
                "AWS_ACCESS_KEY_ID=AKIAEXAMPLE\n"
                "NEXT_PUBLIC_POSTHOG_KEY=phc_public\n"
            ),
            ".env.production": f"LOG_LEVEL={PLAIN_VALUE}\n",
            ".env.example": f"SECRET_KEY={EXAMPLE_VALUE}\n",
            ".env.local.sample": f"SECRET_KEY={EXAMPLE_VALUE}\n",
            ".env.ts": f"export const SECRET_KEY = '{EXAMPLE_VALUE}'\n",
            "api/.env.test": "API_TOKEN=\nOTHER=\n",
        }
    )
    result = scan_with(root, SecretsDetector)
    by_path = {f.subject: f for f in result.findings}
    assert sorted(by_path) == [".env", ".env.production"]
    env = by_path[".env"]
    assert env.id == "env-file-with-values:.env:."
    assert env.kind == "env-file-with-values"
    assert env.severity == Severity.HIGH
    assert env.title == ".env holds 5 variables with values, 2 named like secrets"
    assert [(f.name, f.value) for f in env.facts] == [
        ("variables with values", "5"),
        ("named like secrets", "SECRET_KEY, DB_PASSWORD"),
    ]
    assert [(e.line, e.reason) for e in env.evidence] == [
        (2, "5 variables with values"),
        (2, "SECRET_KEY (named like a secret) has a value"),
        (7, "DB_PASSWORD (named like a secret) has a value"),
    ]
    production = by_path[".env.production"]
    assert production.severity == Severity.MEDIUM
    assert [(f.name, f.value) for f in production.facts] == [("variables with values", "1")]
    assert_never_contains(
        result, SECRET_KEY_VALUE, DB_PASSWORD_VALUE, PLAIN_VALUE, EXAMPLE_VALUE, "AKIAEXAMPLE"
    )


def test_findings_belong_to_the_component_holding_the_file(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "package.json": '{"name": "root"}',
            "services/api/package.json": '{"name": "api"}',
            "services/api/config/jwt.key": pem("EC PRIVATE KEY"),
            "services/api/.env.local": "API_TOKEN=abc\n",
        }
    )
    result = scan_with(root, JavaScriptDetector, SecretsDetector)
    assert sorted((f.id, f.component) for f in result.findings) == [
        ("env-file-with-values:services/api/.env.local:services/api", "services/api"),
        ("private-key:services/api/config/jwt.key:services/api", "services/api"),
    ]


def test_a_key_in_a_test_directory_says_so(make_tree: MakeTree) -> None:
    root = make_tree({"tests/fixtures/client.key": pem("PRIVATE KEY")})
    (finding,) = scan_with(root, SecretsDetector).findings
    assert ("location", "a test or fixture directory") in [(f.name, f.value) for f in finding.facts]


def test_only_small_candidates_are_read() -> None:
    """The core reads nothing for the detector (presence-only); the detector reads only the
    candidates it was handed, and asks for at most 64 KiB."""
    assert SecretsDetector.selector.presence_only
    calls: list[tuple[str, int]] = []

    def read(path: str, limit: int) -> bytes | None:
        calls.append((path, limit))
        return pem("PRIVATE KEY").encode() if path.endswith(".pem") else b"TOKEN=x\n"

    selected = [FileEntry("a/server.pem", 900), FileEntry(".env", 10), FileEntry("b.p12", 5)]
    entries = [*selected, FileEntry("src/app.py", 100), FileEntry("big.bin", 10**9)]
    detector = SecretsDetector()
    detector.inspect_tree(TreeView(entries, "secrets", read, selected))
    assert calls == [
        ("a/server.pem", MAX_KEY_BYTES),
        (".env", 64 * 1024),
        ("b.p12", MAX_KEY_BYTES),
    ]


def test_a_key_larger_than_the_limit_is_not_read(make_tree: MakeTree) -> None:
    padding = "# " + "x" * 78 + "\n"
    big = padding * (MAX_KEY_BYTES // len(padding) + 1) + pem("PRIVATE KEY")
    root = make_tree({"bundle.pem": big, "small.pem": pem("PRIVATE KEY")})
    assert [f.subject for f in scan_with(root, SecretsDetector).findings] == ["small.pem"]


def test_findings_are_suppressed_by_id(make_tree: MakeTree) -> None:
    from scanner.runner import run_scan

    root = make_tree(
        {
            "dev.key": pem("PRIVATE KEY"),
            ".stackaudit.toml": (
                '[[ignore]]\nid = "private-key:dev.key:*"\nreason = "throwaway dev key"\n'
            ),
        }
    )
    (scan,) = run_scan([str(root)], {"secrets": SecretsDetector}).scans
    assert scan.findings == ()
    assert [s.finding.id for s in scan.suppressed] == ["private-key:dev.key:."]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pem("DSA PRIVATE KEY").encode(), ("PEM DSA private key", False, 1)),
        (b"\n\n" + pem("PGP PRIVATE KEY BLOCK").encode(), ("PGP private key block", None, 3)),
        (pem("PUBLIC KEY").encode(), None),
        (pem("CERTIFICATE REQUEST").encode(), None),
        (b"\x30\x03\x02\x01\x03", ("PKCS#12 container", None, None)),
        (b"\x30\x82\x01\x00\x02\x01\x02", None),  # a DER sequence of another version
        (java_keystore(2), None),
        (java_keystore(3), ("Java keystore (JKS) with a secret-key entry", True, None)),
        (java_keystore(1)[:20], None),  # truncated before the key
        (
            b"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: aes256-cbc\n",
            ("PuTTY private key", True, 1),
        ),
        (b"", None),
    ],
)
def test_find_private_key(
    data: bytes, expected: tuple[str, bool | None, int | None] | None
) -> None:
    key = find_private_key(data)
    assert (None if key is None else (key.format, key.encrypted, key.line)) == expected


@pytest.mark.parametrize(
    ("name", "candidate"),
    [
        ("server.pem", True), ("tls.KEY", True), ("id_rsa", True), ("id_rsa.pub", False),
        ("app.pfx", True), ("release.keystore", True), ("key", False), ("notes.md", False),
    ],
)  # fmt: skip
def test_key_candidates(name: str, candidate: bool) -> None:
    assert is_key_candidate(name) is candidate


@pytest.mark.parametrize(
    ("name", "read"),
    [
        (".env", True), (".env.local", True), (".env.production", True), (".env.bak", True),
        (".env.example", False), (".env.sample", False), (".env.template", False),
        (".env.dist", False), (".env.local.example", False), (".env.test.example", False),
        (".env.vault", False), (".env.ts", False), (".env.patch", False), (".env.", False),
        (".envrc", False), ("prod.env", False),
    ],
)  # fmt: skip
def test_env_file_names(name: str, read: bool) -> None:
    assert is_env_file(name) is read


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("SECRET_KEY", True), ("DB_PASSWORD", True), ("GITHUB_TOKEN", True), ("SMTP_PASS", True),
        ("STRIPE_APIKEY", True), ("AUTHTOKEN", True), ("aws_secret_access_key", True),
        ("AWS_ACCESS_KEY_ID", False), ("SSL_KEY_FILE", False), ("TOKEN_URL", False),
        ("NEXT_PUBLIC_POSTHOG_KEY", False), ("STRIPE_PUBLISHABLE_KEY", False),
        ("MONKEY_BUSINESS", False), ("DEBUG", False),
    ],
)  # fmt: skip
def test_secret_looking_names(name: str, secret: bool) -> None:
    assert looks_secret(name) is secret


def test_multi_line_values_count_once_and_keep_their_line() -> None:
    text = "CERT=\"line one\nline two\"\nAPI_KEY='literal $NOT_A_REF'\nREF=$OTHER\n"
    summary = summarize_env(text)
    assert (summary.valued, summary.first_line, summary.secrets) == (2, 1, (("API_KEY", 3),))


def assert_never_contains(result: RepositoryScan, *values: str) -> None:
    """None of ``values`` appears in the scan, serialised as the JSON report or as Python
    sees it (every field of every record)."""
    report = ScanReport(tool_version="test", generated_at="2026-01-01T00:00:00Z", scans=(result,))
    texts = (report_to_json(report), repr(result))
    assert result.findings
    for value in values:
        assert all(value not in text for text in texts)
