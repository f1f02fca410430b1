"""The census detector on hand-made trees: what counts, what does not, and the overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from detectors.census.detector import LanguageCensusDetector
from scanner.config import Settings
from scanner.model import FailureKind, Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource


def census(root: Path, **options: Any) -> RepositoryScan:
    settings = Settings(detector_options={"languages": options} if options else {})
    source = DirectorySource(root)
    return scan_source(source, Repository("r", str(root)), [LanguageCensusDetector], settings)


def shares(result: RepositoryScan) -> dict[str, tuple[int, int]]:
    return {share.name: (share.bytes, share.files) for share in result.languages}


def test_bytes_files_and_percentages(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"a.py": "x" * 300, "b.py": "x" * 100, "main.go": "y" * 100})
    result = census(root)
    assert shares(result) == {"Python": (400, 2), "Go": (100, 1)}
    assert [(s.name, s.percent) for s in result.languages] == [("Python", 80.0), ("Go", 20.0)]
    assert result.languages[0].color and result.languages[0].type == "programming"


def test_only_programming_and_markup_by_default(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"app.rb": "1", "notes.md": "22", "data.json": "333", "page.html": "4444"})
    assert set(shares(census(root))) == {"Ruby", "HTML"}
    assert set(shares(census(root, types=["data", "prose"]))) == {"JSON", "Markdown"}


def test_vendored_generated_and_documentation_paths_are_left_out(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "src/app.js": "x" * 10,
            "third_party/lib.c": "x" * 1000,
            "static/jquery-3.6.0.min.js": "x" * 1000,
            "tests/fixtures/sample.py": "x" * 1000,
            "api/user_pb2.py": "x" * 1000,
            "docs/conf.py": "x" * 1000,
        }
    )
    assert shares(census(root)) == {"JavaScript": (10, 1)}


def test_gitattributes_overrides(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            ".gitattributes": (
                "# comments and other attributes are ignored\n"
                "*.js text eol=lf\n"
                "third_party/** -linguist-vendored\n"
                "src/legacy/*.c linguist-vendored\n"
                "*.inc linguist-language=PHP\n"
                "*.json linguist-detectable\n"
                "gen/** linguist-generated=true\n"
                "docs/** linguist-documentation=false\n"
            ),
            "third_party/lib.c": "x" * 5,
            "src/legacy/old.c": "x" * 1000,
            "src/legacy/deeper/kept.c": "x" * 7,
            "templates/header.inc": "x" * 11,
            "config.json": "x" * 13,
            "gen/out.py": "x" * 1000,
            "docs/tool.py": "x" * 17,
        }
    )
    assert shares(census(root)) == {
        "C": (12, 2),
        "PHP": (11, 1),
        "JSON": (13, 1),
        "Python": (17, 1),
    }


def test_nested_gitattributes_win_over_the_root(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            ".gitattributes": "*.py linguist-vendored\n",
            "pkg/.gitattributes": "*.py -linguist-vendored\n",
            "top.py": "x" * 100,
            "pkg/inner.py": "x" * 3,
        }
    )
    assert shares(census(root)) == {"Python": (3, 1)}


def test_linguist_detectable_false_removes_a_language(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({".gitattributes": "*.sh -linguist-detectable\n", "a.sh": "x", "b.go": "y"})
    assert set(shares(census(root))) == {"Go"}


def test_grouped_languages_count_under_their_group(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"a.ts": "x" * 10, "b.tsx": "x" * 5})
    assert shares(census(root)) == {"TypeScript": (15, 2)}


def test_ambiguous_extensions_are_read_when_small(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "c/plain.h": "#include <stdio.h>\nint f(void);\n",
            "cpp/widget.h": "namespace ui {\nclass Widget {\n  std::string name;\n};\n}\n",
            "objc/View.h": "#import <UIKit/UIKit.h>\n@interface View : UIView\n@end\n",
        }
    )
    assert set(shares(census(root))) == {"C", "C++", "Objective-C"}


def test_large_ambiguous_files_get_the_usual_language_unread(make_tree) -> None:  # type: ignore[no-untyped-def]
    body = "namespace ui {\nclass Widget {};\n}\n" + "// padding\n" * 200
    root = make_tree({"widget.h": body})
    assert set(shares(census(root))) == {"C++"}
    result = census(root, **{"heuristics-max-bytes": 100})
    assert set(shares(result)) == {"C"}
    assert result.walk is not None and result.walk.files_read == 0


def test_invalid_options_are_reported(make_tree) -> None:  # type: ignore[no-untyped-def]
    result = census(make_tree({"a.py": "x"}), types=["programming", "code"])
    (failure,) = result.failures
    assert failure.kind is FailureKind.DETECTOR_ERROR and "types must be a list" in failure.reason
    assert result.languages == ()


def test_unparseable_gitattributes_line_is_reported(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({".gitattributes": '"unterminated linguist-vendored\n', "a.py": "x"})
    result = census(root)
    (failure,) = result.failures
    assert failure.kind is FailureKind.PARSE_ERROR and failure.path == ".gitattributes"
    assert shares(result) == {"Python": (1, 1)}
