from __future__ import annotations

import pytest

from scanner.globs import compile_globs


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        (["*.min.js"], "a/b/c.min.js", True),
        (["*.min.js"], "c.min.jsx", False),
        (["docs"], "docs/guide/index.md", True),
        (["docs"], "mydocs/index.md", False),
        (["/docs"], "sub/docs/x.md", False),
        (["src/*.py"], "src/a.py", True),
        (["src/*.py"], "src/pkg/a.py", False),
        (["src/**/*.py"], "src/a.py", True),
        (["src/**/*.py"], "src/pkg/deep/a.py", True),
        (["**/fixtures"], "tests/unit/fixtures/a.json", True),
        (["file?.txt"], "file1.txt", True),
        (["file?.txt"], "file/.txt", False),
        (["[!a]*.txt"], "b.txt", True),
        (["[!a]*.txt"], "a.txt", False),
        (["Vendor"], "vendor/x.go", False),
    ],
)
def test_glob_matching(patterns: list[str], path: str, expected: bool) -> None:
    compiled = compile_globs(patterns)
    assert compiled is not None
    assert bool(compiled.match(path)) is expected


def test_without_descendants_a_pattern_matches_only_itself() -> None:
    compiled = compile_globs(["packages/*"], descendants=False)
    assert compiled is not None
    assert compiled.match("packages/a")
    assert not compiled.match("packages/a/b")


def test_no_patterns_compile_to_none() -> None:
    assert compile_globs([]) is None
    assert compile_globs(["  ", ""]) is None
