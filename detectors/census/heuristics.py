"""Content heuristics for extensions that several census languages claim.

Reference: GitHub linguist (github-linguist/linguist, MIT): ``lib/linguist/heuristics.yml`` for
the rules and their order, ``lib/linguist/shebang.rb`` and the ``interpreters`` lists of
``lib/linguist/languages.yml`` for the shebang step. The rules here are our Python transcription,
kept to the languages of :mod:`detectors.census.languages`; rules marked "stackaudit" cover
extensions for which linguist has no rule and relies on its statistical classifier instead.

Contract:

* :data:`AMBIGUOUS_EXTENSIONS` lists every extension that more than one language of
  :data:`detectors.census.languages.BY_EXTENSION` claims; each has a rule list (possibly empty)
  and a default.
* :func:`disambiguate` looks at most at the first :data:`MAX_TEXT` characters. It first honours
  a ``#!`` interpreter line, then tries the extension's rules in order and returns the first
  candidate whose rule matches, or ``None`` when the content gives no signal. It never returns
  a language outside ``candidates``.
* :func:`default_for` is the language to assume without reading the file: linguist's catch-all
  rule when linguist has one (``.h`` -> C, ``.ts`` -> TypeScript, ``.sql`` -> SQL), otherwise
  the language most common on GitHub for that extension.
* All regular expressions are compiled once, at import, with ``re.MULTILINE`` (Ruby's ``^`` and
  ``$`` are line anchors). Where linguist's pattern would backtrack quadratically on a large
  file, it was adapted: leading indentation matches spaces and tabs only (not any whitespace)
  and classes that should stay on one line exclude newlines, so a rule costs roughly linear
  time on :data:`MAX_TEXT` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors.census.languages import BY_NAME, Language

__all__ = [
    "AMBIGUOUS_EXTENSIONS",
    "MAX_TEXT",
    "default_for",
    "disambiguate",
    "languages_from_shebang",
    "shebang_interpreter",
]

MAX_TEXT = 50_000
"""Number of leading characters of a file that :func:`disambiguate` inspects."""


# --------------------------------------------------------------------------------------------
# Shebang
# --------------------------------------------------------------------------------------------

# Interpreter names per language, from the ``interpreters`` lists of linguist's languages.yml.
_INTERPRETER_TABLE: tuple[tuple[str, str], ...] = (
    ("AppleScript", "osascript"),
    ("Awk", "awk gawk mawk nawk"),
    ("C", "tcc"),
    ("Clojure", "bb"),
    ("CoffeeScript", "coffee"),
    ("Common Lisp", "lisp sbcl ccl clisp ecl"),
    ("Crystal", "crystal"),
    ("Dart", "dart"),
    ("DTrace", "dtrace"),
    ("Elixir", "elixir"),
    ("Erlang", "escript"),
    ("Fennel", "fennel"),
    ("fish", "fish"),
    ("Gnuplot", "gnuplot"),
    ("Groovy", "groovy"),
    ("Haskell", "runghc runhaskell runhugs"),
    ("JavaScript", "bun chakra d8 deno gjs js node nodejs qjs rhino v8 v8-shell"),
    ("Julia", "julia"),
    ("Lua", "lua luajit"),
    ("Luau", "luau"),
    ("Makefile", "make"),
    ("Mercury", "mmi"),
    ("MoonScript", "moon"),
    ("Nextflow", "nextflow"),
    ("Nushell", "nu"),
    ("OCaml", "ocaml ocamlrun ocamlscript"),
    ("Pascal", "instantfpc"),
    ("Perl", "cperl perl"),
    ("PHP", "php"),
    ("Pod", "perl"),
    ("Pod 6", "perl6"),
    ("PowerShell", "pwsh"),
    ("Prolog", "swipl yap"),
    ("Python", "python python2 python3 py pypy pypy3 uv"),
    ("QMake", "qmake"),
    ("R", "Rscript"),
    ("Racket", "racket"),
    ("Raku", "perl6 raku rakudo"),
    ("ReScript", "ocaml"),
    ("Ruby", "ruby macruby rake jruby rbx"),
    ("Rust", "rust-script"),
    ("Scala", "scala"),
    ("Scheme", "scheme guile bigloo chicken csi gosh r6rs"),
    ("Shell", "ash bash dash ksh mksh pdksh rc sh zsh"),
    ("SuperCollider", "sclang scsynth"),
    ("Tcl", "tclsh wish"),
    ("Tcsh", "tcsh csh"),
    ("Teal", "tl"),
    ("Texinfo", "makeinfo"),
    ("TypeScript", "bun deno ts-node tsx node"),
    (
        "Wolfram Language",
        "wolfram WolframKernel wolframscript math "
        "MathKernel MathematicaScript WolframNB Mathematica",
    ),
)


def _index_interpreters(table: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """Map each interpreter name to the languages run by it, in table order."""
    index: dict[str, list[str]] = {}
    for language, interpreters in table:
        for interpreter in interpreters.split():
            index.setdefault(interpreter, []).append(language)
    return {name: tuple(languages) for name, languages in index.items()}


_INTERPRETERS: dict[str, tuple[str, ...]] = _index_interpreters(_INTERPRETER_TABLE)

_ENV_OPTION = re.compile(r"(?:-[i0uCSv]*|--\S+|\S+=\S+)\Z")
_MINOR_VERSION = re.compile(r"\.\d+\Z")
_EXEC_HACK = re.compile(r"exec (\w+)[\s\"']+\$0[\s\"']+\$@")


def shebang_interpreter(text: str) -> str | None:
    """Return the interpreter named by a ``#!`` first line, as linguist reads it, or ``None``.

    ``#!/usr/bin/env -S deno run`` gives ``"deno"``, ``#!/usr/bin/python2.7`` gives
    ``"python2"``, and a ``sh`` script that immediately ``exec``s another interpreter on
    ``"$0" "$@"`` gives that interpreter.
    """
    if not text.startswith("#!"):
        return None
    end = text.find("\n")
    words = text[2 : end if end != -1 else len(text)].split()
    if not words:
        return None
    script = words[0].rsplit("/", 1)[-1]
    if script == "env":
        rest = words[1:]
        while rest and _ENV_OPTION.match(rest[0]):
            rest.pop(0)
        if not rest:
            return None
        script = rest[0]
    script = _MINOR_VERSION.sub("", script)
    if script == "sh":
        head = "\n".join(text.splitlines()[:5])
        exec_hack = _EXEC_HACK.search(head)
        if exec_hack is not None:
            script = exec_hack.group(1)
    return script or None


def languages_from_shebang(text: str) -> tuple[Language, ...]:
    """Return the census languages run by the file's ``#!`` interpreter (``()`` if none).

    Useful for extension-less scripts; an interpreter may run several languages
    (``node`` -> JavaScript, TypeScript).
    """
    interpreter = shebang_interpreter(text)
    if interpreter is None:
        return ()
    names = _INTERPRETERS.get(interpreter)
    if names is None:
        # Beyond linguist: "ruby3" or "lua5" fall back to the unversioned name.
        names = _INTERPRETERS.get(interpreter.rstrip("0123456789"), ())
    return tuple(BY_NAME[name] for name in names)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_Pattern = str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Rule:
    """Pick ``language`` when every ``required`` pattern and no ``forbidden`` one matches."""

    language: str
    required: tuple[re.Pattern[str], ...]
    forbidden: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        """Return True when the rule applies to ``text``."""
        if self.forbidden is not None and self.forbidden.search(text):
            return False
        return all(pattern.search(text) for pattern in self.required)


def _compile(pattern: _Pattern) -> re.Pattern[str]:
    """Compile one pattern, or the union of a tuple of patterns, as a multi-line regex."""
    source = pattern if isinstance(pattern, str) else "|".join(f"(?:{p})" for p in pattern)
    return re.compile(source, re.MULTILINE)


def _rule(language: str, *required: _Pattern, unless: _Pattern | None = None) -> _Rule:
    """Build a :class:`_Rule`; every pattern in ``required`` must match, ``unless`` must not."""
    if language not in BY_NAME:
        raise ValueError(f"heuristic names unknown language {language!r}")
    forbidden = _compile(unless) if unless is not None else None
    return _Rule(language, tuple(_compile(pattern) for pattern in required), forbidden)


# Named patterns shared by several extensions (linguist's ``named_patterns``).
_CPP: tuple[str, ...] = (
    r"^[ \t]*#\s*include <(cstdint|string|vector|map|list|array|bitset|queue|stack|forward_list"
    r"|unordered_map|unordered_set|(i|o|io)stream)>",
    r"^[ \t]*template\s*<",
    r"^[ \t]*(try|constexpr)",
    r"^[ \t]*catch\s*\(",
    r"^[ \t]*(class|(using[ \t]+)?namespace)\s+\w+",
    r"^[ \t]*(private|public|protected):$",
    r"__has_cpp_attribute|__cplusplus >",
    r"std::\w+",
)
_OBJECTIVE_C: str = (
    r"^[ \t]*(@(interface|class|protocol|property|end|synchronised|selector|implementation)\b"
    r"|#import\s+.+\.h[\">])"
)
_PERL: _Pattern = (
    r"\buse\s+(?:strict\b|v?5\b)",
    r"^[ \t]*use\s+(?:constant|overload)\b",
    r"^[ \t]*(?:\*|(?:our\s*)?@)EXPORT\s*=",
    r"^[ \t]*package\s+[^\W\d]\w*(?:::\w+)*\s*(?:[;{]|\sv?\d)",
    r"[\s$][^\W\d]\w*(?::\w+)*->[a-zA-Z_\[({]",
)
_NOT_RAKU: _Pattern = r"^[ \t]*use\s+v6\b"
_RAKU: _Pattern = (
    r"^[ \t]*(?:use\s+v6\b|\bmodule\b|\b(?:my\s+)?class\b)",
    # stackaudit: compilation-unit declarations exist only in Raku.
    r"^[ \t]*unit\s+(?:module|class|role|grammar)\b",
)
_FORTRAN: _Pattern = r"^(?i:[c*][^abd-z]|      (subroutine|program|end|data)\s|[ \t]*!)"
_JSON: _Pattern = r"\A\s*[{\[]"
_KEY_EQUALS_VALUE: _Pattern = r"^[^#!;][^=\n]*="
_MAN_TITLE: _Pattern = r"^[.'][ \t]*TH +(?:[^\"\s]+|\"[^\"]+\") +\"?(?:[1-9]|@[^\s@]+@)"
_MAN_HEADING: _Pattern = r"^[.'][ \t]*SH +(?:[^\"\s]+|\"[^\"\s]+)"
_MDOC_DATE: _Pattern = r"^[.'][ \t]*Dd +(?:[^\"\s]+|\"[^\"]+\")"
_MDOC_TITLE: _Pattern = r"^[.'][ \t]*Dt +(?:[^\"\s]+|\"[^\"]+\") +\"?(?:[1-9]|@[^\s@]+@)"
_MDOC_HEADING: _Pattern = r"^[.'][ \t]*Sh +(?:[^\"\s]|\"[^\"]+\")"
_VB_CLASS: _Pattern = r"^[ ]*VERSION [0-9]\.[0-9] CLASS"
_VB_FORM: _Pattern = r"^[ ]*VERSION [0-9]\.[0-9]{2}"
_VB_MODULE: _Pattern = r"^[ ]*Attribute VB_Name = "
_VBA: _Pattern = (
    r"\b(?:VBA|[vV]ba)(?:\b|[0-9A-Z_])",
    r"^[ ]*(?:Public|Private)? Declare PtrSafe (?:Sub|Function)\b",
    r"^[ ]*#If Win64\b",
    r"^[ ]*(?:Dim|Const) [0-9a-zA-Z_]*[ ]*As Long(?:Ptr|Long)\b",
    r"^[ ]*Option (?:Private Module|Compare Database)\b",
    r"(?: |\()(?:Access|Excel|Outlook|PowerPoint|Visio|Word|VBIDE)\.\w",
    r"\b(?:(?:Active)?VBProjects?|VBComponents?|Application\.(?:VBE|ScreenUpdating))\b",
    r"\b(?:ThisDrawing|AcadObject|Active(?:Explorer|Inspector|Window\.Presentation"
    r"|Presentation|Document)|Selection\.(?:Document|Find|Paragraphs|Range))\b",
    r"\b(?:(?:This|Active)?Workbooks?|Worksheets?|Active(?:Sheet|Chart|Cell)"
    r"|WorksheetFunction)\b",
    r"\b(?:Range\(\".*|Cells\([0-9a-zA-Z_]*, (?:[0-9a-zA-Z_]*|\"[a-zA-Z]{1,3}\"))\)",
)
_GNUPLOT: _Pattern = (
    r"^s?plot\b",
    r"^set\s+(term|terminal|out|output|[xy]tics|[xy]label|[xy]range|style)\b",
)
_XML_DECLARATION: _Pattern = r"\A\s*<\?xml\b"
_SQL_RULES: tuple[_Rule, ...] = (
    _rule(
        "PLpgSQL",
        r"(?i:^\\i\b|AS\s+\$\$|LANGUAGE\s+'?plpgsql'?|BEGIN(\s+WORK)?\s*;)",
    ),
    _rule(
        "PLSQL",
        r"(?i:\$\$PLSQL_|XMLTYPE|systimestamp|\.nextval|CONNECT\s+BY"
        r"|AUTHID\s+(DEFINER|CURRENT_USER)|constructor\W+function)",
    ),
    _rule(
        "TSQL",
        r"(?i:^[ \t]*GO\b|BEGIN(\s+TRY|\s+CATCH)|OUTPUT\s+INSERTED|DECLARE\s+@|\[dbo\])",
    ),
)
_ORACLE_PLSQL: _Rule = _rule("PLSQL", r"(?i:\bvarchar2\b|\bdbms_\w+\.|\bnvl\s*\()")
_ROFF_MANPAGE_RULES: tuple[_Rule, ...] = (
    _rule("Roff Manpage", _MDOC_DATE, _MDOC_TITLE, _MDOC_HEADING),
    _rule("Roff Manpage", _MAN_TITLE, _MAN_HEADING),
)
_SCRIPT_RULES: tuple[_Rule, ...] = (
    # stackaudit: CGI-style scripts without a shebang.
    _rule("PHP", r"<\?php\b"),
    _rule("Perl", _PERL),
    _rule("Python", r"^(?:import\s+\w|from\s+[\w.]+\s+import\s)"),
    _rule("Ruby", r"^[ \t]*require\s+['\"]\w|^[ \t]*def\s+\w+[?!]?\s*$"),
)

# (extensions, default language, rules in the order they are tried).
_TABLE: tuple[tuple[str, str, tuple[_Rule, ...]], ...] = (
    (
        ".1 .2 .3 .4 .5 .6 .7 .8 .9",
        "Roff Manpage",
        (*_ROFF_MANPAGE_RULES, _rule("Roff", r"^\.(?:[A-Za-z]{2}(?:\s|$)|\\\")")),
    ),
    (".1in .1m .1x .3in .3m .3p .3pm .3qt .3x .man .mdoc", "Roff", _ROFF_MANPAGE_RULES),
    (".bas", "VBA", (_rule("VBA", _VBA), _rule("Visual Basic 6.0", _VB_MODULE))),
    (
        ".bb",
        "BitBake",
        (
            _rule("BitBake", r"^(# |include|require|inherit)\b"),
            _rule("Clojure", r"\((def|defn|defmacro|let)\s"),
        ),
    ),
    (
        ".cake",
        "C#",
        (
            # stackaudit: Cake build scripts vs. CoffeeScript Cakefile-style tasks.
            _rule(
                "C#", r"^[ \t]*(?:#(?:load|addin|tool)\b|Task\s*\(\s*\"|var\s+\w+\s*=\s*Argument)"
            ),
            _rule("CoffeeScript", r"^[ \t]*task\s+['\"]|->\s*$"),
        ),
    ),
    (".cgi", "Perl", _SCRIPT_RULES),
    (".fcgi", "Perl", _SCRIPT_RULES),
    (
        ".cl",
        "OpenCL",
        (
            _rule("Common Lisp", r"^[ \t]*\((?i:defun|in-package|defpackage) "),
            _rule("OpenCL", r"\/\* |\/\/ |^\}"),
        ),
    ),
    (
        ".cls",
        "Apex",
        (
            _rule(
                "Visual Basic 6.0",
                _VB_CLASS,
                r"^[ \t]*BEGIN(?:\r?\n|\r)\s*MultiUse\s*=.*(?:\r?\n|\r)\s*Persistable\s*=",
            ),
            _rule("VBA", _VB_CLASS),
            _rule("TeX", r"^[ \t]*\\(?:NeedsTeXFormat|ProvidesClass)\{"),
            _rule(
                "OpenEdge ABL",
                r"(?i:^[ \t]*(?:end\s+(?:class|interface)\.|(?:class|interface)\s+[a-z_]"
                r"[a-z0-9_#$%&-]*:))",
            ),
            # stackaudit: Salesforce Apex classes.
            _rule(
                "Apex",
                r"(?i:^[ \t]*(?:global|public|private)\s+"
                r"(?:(?:with|without|inherited)\s+sharing\s+)?"
                r"(?:(?:virtual|abstract)\s+)?(?:class|interface|enum)\s+\w+"
                r"|^[ \t]*@(?:isTest|AuraEnabled|InvocableMethod|RestResource)\b)",
            ),
        ),
    ),
    (
        ".cs",
        "C#",
        (
            _rule("Smalltalk", r"![\w\s]+methodsFor: "),
            _rule(
                "C#",
                r"^[ \t]*(using\s+[A-Z][\s\w.]+;|namespace\s*[\w\.]+\s*(\{|;)|\/\/)",
            ),
        ),
    ),
    (
        ".d",
        "D",
        (
            _rule(
                "D",
                r"^module\s+[\w.]*\s*;|import\s+[\w\s,.:]*;"
                r"|\b\w+\s+\w+\s*\(.*\)(?:\(.*\))?\s*\{[^}]*\}"
                r"|unittest\s*(?:\(.*\))?\s*\{[^}]*\}",
            ),
            _rule(
                "DTrace",
                r"^(\w+:\w*:\w*:\w*|BEGIN|END|provider\s+|(tick|profile)-\w+\s+\{[^}]*\}"
                r"|#pragma\s+D\s+(option|attributes|depends_on)\s|#pragma\s+ident\s)",
            ),
            _rule(
                "Makefile",
                r"(^(?=[^\n]*\s\\$)[^\/\\\n]*[\/\\][^\n]*:\s|: \\$|^[ %]:"
                r"|^[\w \t\/\\.]+\w\.\w+[ \t]*:[ \t]+[\w \t\/\\.]+\w\.\w+)",
            ),
        ),
    ),
    # stackaudit: Oracle built-ins mark stored procedures that linguist's rules miss.
    (".ddl", "SQL", (*_SQL_RULES, _ORACLE_PLSQL)),
    (".prc", "PLSQL", (*_SQL_RULES, _ORACLE_PLSQL)),
    (
        ".es",
        "JavaScript",
        (
            _rule("Erlang", r"^[ \t]*(?:%%|main\s*\(.*?\)\s*->)"),
            _rule(
                "JavaScript",
                r"\/\/|[\"']use strict[\"']|export\s+default\s|\/\*(?:.|[\r\n])*?\*\/",
            ),
        ),
    ),
    (".f .for", "Fortran", (_rule("Forth", r"^: "), _rule("Fortran", _FORTRAN))),
    (".fr", "Text", (_rule("Forth", r"^(: |also |new-device|previous )"),)),
    (
        ".frag",
        "GLSL",
        (
            # stackaudit: fragment shaders vs. JavaScript fragments.
            _rule(
                "GLSL",
                r"^[ \t]*(?:#version\b|precision\s+\w+p\s|uniform\s|varying\s|layout\s*\()"
                r"|\bgl_Frag\w+",
            ),
            _rule(
                "JavaScript",
                r"^[ \t]*(?:function\s+\w+\s*\(|var\s+\w+\s*=|module\.exports\b"
                r"|import\s.+\sfrom\s)",
            ),
        ),
    ),
    (
        ".frm",
        "Visual Basic 6.0",
        (
            _rule("VBA", _VB_FORM, r"^[ \t]*Begin\s+\{[0-9A-Z\-]*\}\s?"),
            _rule("Visual Basic 6.0", _VB_FORM, r"^[ \t]*Begin\s+VB\.Form\s+"),
            _rule("INI", r"\ATYPE=VIEW"),
        ),
    ),
    (
        ".fs",
        "F#",
        (
            _rule("Forth", r"^(: |new-device)"),
            _rule("F#", r"^[ \t]*(#light|import|let|module|namespace|open|type)"),
            _rule("GLSL", r"^[ \t]*(#version|precision|uniform|varying|vec[234])"),
        ),
    ),
    (
        ".gs",
        "JavaScript",
        (
            _rule("GLSL", r"^#version\s+[0-9]+\b"),
            # stackaudit: Google Apps Script.
            _rule(
                "JavaScript",
                r"^[ \t]*function\s+\w+\s*\(|\b(?:SpreadsheetApp|DriveApp|GmailApp|Logger)\.",
            ),
        ),
    ),
    (".h", "C", (_rule("Objective-C", _OBJECTIVE_C), _rule("C++", _CPP))),
    # stackaudit: the C++ rule for .hh (linguist only tests for Hack).
    (".hh", "C++", (_rule("Hack", r"<\?hh"), _rule("C++", _CPP))),
    (
        ".i",
        "SWIG",
        (
            _rule("SWIG", r"^[ \t]*%[a-z_]+\b|^%[{}]$"),
            _rule("Assembly", (r"(?i:mov\s+[^\s]+,)", r"^[ \t]+(?i:db\s+[a-z\d])")),
        ),
    ),
    (
        ".inc",
        "PHP",
        (
            _rule("PHP", r"^<\?(?:php)?"),
            _rule(
                "SourcePawn",
                (
                    r"^public\s+(?:SharedPlugin(?:\s+|:)__pl_\w+\s*=(?:\s*\{)?"
                    r"|(?:void\s+)?__pl_\w+_SetNTVOptional\(\)(?:\s*\{)?)",
                    r"^methodmap\s+\w+\s+<\s+\w+",
                    r"^[ \t]*MarkNativeAsOptional\s*\(",
                ),
            ),
            _rule(
                "Pascal",
                (
                    r"(?i:^[ \t]*\{\$(?:mode|ifdef|undef|define)[ ]+[a-z0-9_]+\})",
                    r"^[ \t]*end[.;]\s*$",
                ),
            ),
            _rule("BitBake", r"^inherit(\s+[\w.-]+)+\s*$"),
            _rule("Assembly", (r"^(?i:[^\"m\n]*mov\s+[^\s]+,)", r"^[ \t]+(?i:db\s+[a-z\d])")),
            # stackaudit: C++ fragments, Pawn includes, BitBake assignments, SQL scripts and
            # HTML partials.
            _rule("C++", _CPP),
            _rule("Pawn", r"^[ \t]*(?:native|forward|stock)\s+\w|^#include\s+<a_samp>"),
            _rule(
                "BitBake", r"^[A-Z][A-Z0-9_]*(?:[:/][\w/-]+)*[ \t]*(?:\?\?|\?|:|\+|\.)?=[ \t]*\""
            ),
            _rule(
                "SQL",
                r"(?i:^[ \t]*(?:select\s|insert\s+into\s|create\s+(?:table|index|view)\s"
                r"|update\s+\w+\s+set\s|delete\s+from\s))",
            ),
            _rule(
                "HTML",
                r"(?i:^[ \t]*</?(?:!DOCTYPE|html|head|body|div|table|ul|ol|li|p|a|nav|script|span"
                r"|form)\b)",
            ),
        ),
    ),
    (
        ".l",
        "Lex",
        (
            _rule("Common Lisp", r"\(def(un|macro)\s"),
            # linguist writes ^(%[%{}]xs|<.*>); we accept the usual section and option markers.
            _rule("Lex", r"^(?:%[%{}]|%(?:x|s|option|top)\b|<.*>)"),
            _rule("Roff", r"^\.[A-Za-z]{2}(\s|$)"),
        ),
    ),
    (".lean", "Lean 4", (_rule("Lean", r"^import [a-z]"), _rule("Lean 4", r"^import [A-Z]"))),
    (
        ".m",
        "Objective-C",
        (
            _rule("Objective-C", _OBJECTIVE_C),
            _rule("Mercury", r":- module"),
            _rule("Wolfram Language", r"\(\*", r"\*\)$"),
            _rule("MATLAB", r"^[ \t]*%"),
            # stackaudit: MATLAB functions and scripts without comments.
            _rule(
                "MATLAB",
                r"^[ \t]*function\s+(?:\[[\w, ]*\]\s*=\s*|\w+\s*=\s*)?\w+\s*(?:\(|$)"
                r"|^[ \t]*(?:par)?for\s+\w+\s*=\s*[^;\n]*:|^[ \t]*end[ \t]*;?[ \t]*$",
            ),
        ),
    ),
    (
        ".md",
        "Markdown",
        (
            _rule("Markdown", (r"(^[-A-Za-z0-9=#!\*\[|>])|<\/", r"\A\Z")),
            _rule("GCC Machine Description", r"^(;;|\(define_)"),
        ),
    ),
    (
        ".ml",
        "OCaml",
        (
            _rule("OCaml", r"(^[ \t]*module)|let rec |match\s+(\S+\s)+with"),
            _rule("Standard ML", r"=> |case\s+(\S+\s)+of"),
        ),
    ),
    (
        ".mm",
        "Objective-C++",
        (
            # stackaudit: FreeMind / XML files vs. Objective-C++ sources.
            _rule("XML", r"\A\s*<(?:\?xml\b|map\b)"),
            _rule("Objective-C++", (_OBJECTIVE_C, *_CPP)),
        ),
    ),
    (
        ".mojo",
        "Mojo",
        (
            _rule("Mojo", r"^[ \t]*(alias|def|from|fn|import|struct|trait)\s"),
            _rule("XML", r"^[ \t]*<\?xml"),
        ),
    ),
    (
        ".ms",
        "Roff",
        (
            _rule("Roff", r"^[.'][A-Za-z]{2}(\s|$)"),
            _rule(
                "Unix Assembly",
                r"^[ \t]*\.(?:include\s|globa?l\s|[A-Za-z][_A-Za-z0-9]*:)",
                unless=r"/\*",
            ),
        ),
    ),
    (
        ".nb",
        "Wolfram Language",
        (
            # stackaudit: Mathematica notebooks.
            _rule(
                "Wolfram Language",
                r"\(\*\s*Content-type: application/vnd\.wolfram|^Notebook\[|\(\*.*\*\)",
            ),
        ),
    ),
    (
        ".ncl",
        "Text",
        (_rule("XML", r"^[ \t]*<\?xml\s+version"), _rule("Text", r"THE_TITLE")),
    ),
    (
        ".p",
        "OpenEdge ABL",
        (
            _rule("Gnuplot", _GNUPLOT),
            _rule(
                "OpenEdge ABL",
                (
                    r"(?i:\bDEFINE\s+(?:VARIABLE|TEMP-TABLE|BUFFER|QUERY|INPUT\s+PARAMETER"
                    r"|OUTPUT\s+PARAMETER)\b)",
                    r"(?i:\bEND(?:\s+(?:PROCEDURE|FUNCTION|DO|FOR\s+EACH))?\.)",
                ),
            ),
        ),
    ),
    (".php", "PHP", (_rule("Hack", r"<\?hh"), _rule("PHP", r"<\?[^h]"))),
    (
        ".pl",
        "Perl",
        (
            _rule("Prolog", r"^[^#\n]*:-"),
            _rule("Perl", _PERL, unless=_NOT_RAKU),
            _rule("Raku", _RAKU),
        ),
    ),
    (".plt", "Gnuplot", (_rule("Prolog", r"^[ \t]*:-"), _rule("Gnuplot", _GNUPLOT))),
    (
        ".pluginspec",
        "XML",
        (
            # stackaudit: Qt Creator plugin specs (XML) vs. Ruby specifications.
            _rule("XML", r"\A\s*<(?:\?xml\b|plugin\b)"),
            _rule("Ruby", r"Gem::Specification|Pod::Spec|^[ \t]*require\s+['\"]|\bdo\s*\|\w+\|"),
        ),
    ),
    (
        ".pm",
        "Perl",
        (_rule("Perl", _PERL, unless=_NOT_RAKU), _rule("Raku", _RAKU)),
    ),
    (
        ".pod",
        "Pod",
        (_rule("Pod 6", r"^[^\S\r\n]*=(comment|begin pod|begin para|item\d+)"),),
    ),
    (
        ".pp",
        "Puppet",
        (_rule("Pascal", r"^[ \t]*end[.;]"), _rule("Puppet", r"^[ \t]+\w+\s+=>\s")),
    ),
    (
        ".pro",
        "QMake",
        (
            _rule("Prolog", r"^[^\[#\n]+:-"),
            _rule("INI", r"last_client="),
            _rule("QMake", r"HEADERS", r"SOURCES"),
        ),
    ),
    (
        ".properties",
        "Java Properties",
        (
            _rule("INI", _KEY_EQUALS_VALUE, r"^[;\[]"),
            _rule("Java Properties", _KEY_EQUALS_VALUE, r"^[#!]"),
            _rule("INI", _KEY_EQUALS_VALUE),
            _rule("Java Properties", r"^[^#!][^:\n]*:"),
        ),
    ),
    (".r", "R", (_rule("Rebol", r"(?i:\bRebol\b)"), _rule("R", r"<-|^[ \t]*#"))),
    (
        ".re",
        "Reason",
        (
            _rule(
                "Reason",
                (
                    r"^[ \t]*module\s+type\s",
                    r"^[ \t]*(?:include|open)\s+\w+\s*;\s*$",
                    r"^[ \t]*let\s+(?:module\s\w+\s*=\s*\{|\w+:\s+.*=.*;\s*$)",
                ),
            ),
            _rule(
                "C++",
                (
                    r"^[ \t]*#(?:(?:if|ifdef|define|pragma)\s+\w|\s*include\s+<[^>]+>)",
                    r"^[ \t]*template\s*<",
                ),
            ),
        ),
    ),
    (
        ".res",
        "ReScript",
        (
            _rule(
                "ReScript",
                (r"^[ \t]*(let|module|type)\s+\w*\s+=\s+", r"^[ \t]*(?:include|open)\s+\w+\s*$"),
            ),
            # stackaudit: XML resource files.
            _rule("XML", _XML_DECLARATION),
        ),
    ),
    (
        ".rpy",
        "Ren'Py",
        (
            _rule("Python", r"^(import|from|class|def)\s"),
            # stackaudit: Ren'Py statements (linguist takes Ren'Py as the catch-all).
            _rule("Ren'Py", r"^(?:label|screen|init(?:\s+-?\d+)?(?:\s+python)?)\b[^\n]*:\s*$"),
        ),
    ),
    (
        ".rs",
        "Rust",
        (
            _rule("Rust", r"^(use |fn |mod |pub |macro_rules|impl|#!?\[)"),
            _rule("RenderScript", r"#include|#pragma\s+(rs|version)|__attribute__"),
            _rule("XML", r"^[ \t]*<\?xml"),
        ),
    ),
    (
        ".s",
        "Unix Assembly",
        (
            _rule("Unix Assembly", r"(?i:mov[lq]?)\s+[%\$]"),
            _rule("Assembly", r"(?i:mov)\s+[^\s%]{2,},"),
        ),
    ),
    (
        ".sc",
        "Scala",
        (
            _rule("SuperCollider", r"(?i:\^(this|super)\.|^[ \t]*~\w+\s*=\.)"),
            _rule("Scala", r"(^[ \t]*import (scala|java)\.|^[ \t]*class\b)"),
        ),
    ),
    (
        ".scd",
        "SuperCollider",
        (
            _rule("SuperCollider", r"(?i:\^(this|super)\.|^[ \t]*(~\w+\s*=\.|SynthDef\b))"),
            _rule("Markdown", r"^#+\s+(NAME|SYNOPSIS|DESCRIPTION)"),
        ),
    ),
    (
        ".sch",
        "XML",
        (
            # stackaudit: EAGLE/XML schematics vs. Scheme sources.
            _rule("XML", r"\A\s*<(?:\?xml\b|eagle\b|!DOCTYPE)"),
            _rule("Scheme", r"^[ \t]*\((?:define|import|library|use-modules|module)\b"),
        ),
    ),
    (
        ".shader",
        "ShaderLab",
        (
            # stackaudit: Unity ShaderLab vs. plain GLSL.
            _rule("ShaderLab", r"^[ \t]*Shader\s+\""),
            _rule("GLSL", r"^[ \t]*#version\b|\bgl_(?:Position|FragColor|FragCoord)\b"),
        ),
    ),
    (
        ".spec",
        "RPM Spec",
        (
            # stackaudit: RPM specs, Ruby gem/RSpec files, PyInstaller specs.
            _rule(
                "RPM Spec",
                r"^(?:Name|Version|Release|Summary|License|BuildRequires):\s"
                r"|^%(?:description|prep|build|install|files)\b",
            ),
            _rule(
                "Ruby",
                r"Gem::Specification|^[ \t]*(?:RSpec\.)?describe\b|^[ \t]*require\s+['\"]",
            ),
            _rule("Python", r"\b(?:Analysis|EXE|PYZ|COLLECT)\(|^(?:import|from)\s+\w"),
        ),
    ),
    (".sql", "SQL", _SQL_RULES),
    (
        ".st",
        "Smalltalk",
        (
            _rule(
                "StringTemplate",
                r"\$\w+[($]|.!\s*.+?\s*!.|<!\s*.+?\s*!>|\[!\s*.+?\s*!\]|\{!\s*.+?\s*!\}",
            ),
            _rule(
                "Smalltalk",
                r"\A\s*[\[{(^\"'\w#]|[a-zA-Z_]\w*\s*:=\s*[a-zA-Z_]\w*"
                r"|class\s*>>\s*[a-zA-Z_]\w*|^[a-zA-Z_]\w*\s+[a-zA-Z_]\w*:"
                r"|^Class\s*\{|if(?:True|False):\s*\[",
            ),
        ),
    ),
    (
        ".t",
        "Perl",
        (
            _rule("Perl", _PERL, unless=_NOT_RAKU),
            _rule("Raku", r"^[ \t]*(?:use\s+v6\b|\bmodule\b|\bmy\s+class\b)"),
        ),
    ),
    (
        ".tpl",
        "Smarty",
        (
            _rule("Go Template", r"\{\{-?\s*(`?\"\\?\"?|\/\*\s|\w*)\b"),
            _rule("Smarty", r"(?<!\{)\{(\*\s|\$|\/)?\w*\b"),
        ),
    ),
    # stackaudit: Apex triggers (shell scripts are caught by their shebang).
    (".trigger", "Apex", (_rule("Apex", r"(?i:^[ \t]*trigger\s+\w+\s+on\s+\w+)"),)),
    (".ts", "TypeScript", (_rule("XML", r"<TS\b"),)),
    (".tsx", "TSX", (_rule("XML", r"(?i:^[ \t]*<\?xml\s+version)"),)),
    (
        ".v",
        "Verilog",
        (
            _rule(
                "Rocq Prover",
                r"(?:^|\s)(?:Proof|Qed)\.(?:$|\s)|(?:^|\s)Require[ \t]+(Import|Export)\s",
            ),
            _rule(
                "Verilog",
                r"^[ \t]*module\s+[^\s()]+\s*\#?\(|^[ \t]*`(?:define|ifdef|ifndef|include"
                r"|timescale|pragma)|^[ \t]*always[ \t]*@|^[ \t]*initial[ \t]*(begin|@)",
            ),
            _rule(
                "V",
                r"\$(?:if|else)[ \t]|^[ \t]*fn\s+[^\s()]+\(.*?\).*?\{|^[ \t]*for\s*\{",
            ),
        ),
    ),
    (".vba", "VBA", (_rule("Vim script", r"^UseVimball"),)),
    (
        ".vhost",
        "ApacheConf",
        (
            # stackaudit: Apache vs. nginx virtual hosts.
            _rule("ApacheConf", r"<VirtualHost\b|^[ \t]*(?:ServerName|DocumentRoot)\s"),
            _rule("Nginx", r"^[ \t]*server\s*\{|^[ \t]*(?:server_name|listen)\s+\S+;"),
        ),
    ),
    (
        ".workflow",
        "XML",
        (
            # stackaudit: Automator/plist XML vs. GitHub Actions v1 HCL.
            _rule("XML", r"\A\s*<(?:\?xml\b|!DOCTYPE|plist\b)"),
            _rule("HCL", r"^[ \t]*(?:workflow|action)\s+\"[^\"]+\"\s*\{"),
        ),
    ),
    (".yy", "Yacc", (_rule("JSON", _JSON),)),
)


def _index_table(
    table: tuple[tuple[str, str, tuple[_Rule, ...]], ...],
) -> tuple[dict[str, tuple[_Rule, ...]], dict[str, str]]:
    """Split :data:`_TABLE` into per-extension rule lists and defaults."""
    rules: dict[str, tuple[_Rule, ...]] = {}
    defaults: dict[str, str] = {}
    for extensions, default, extension_rules in table:
        if default not in BY_NAME:
            raise ValueError(f"default names unknown language {default!r}")
        for extension in extensions.split():
            if extension in defaults:
                raise ValueError(f"extension {extension!r} listed twice")
            rules[extension] = extension_rules
            defaults[extension] = default
    return rules, defaults


_RULES, _DEFAULTS = _index_table(_TABLE)

AMBIGUOUS_EXTENSIONS: frozenset[str] = frozenset(_DEFAULTS)
"""Extensions with a rule list and a default (every extension several languages claim)."""


def disambiguate(extension: str, text: str, candidates: tuple[Language, ...]) -> Language | None:
    """Pick one of ``candidates`` for a file with ``extension`` from its ``text``.

    Args:
        extension: the matched extension, with leading dot (case is ignored).
        text: the file's decoded text; only the first :data:`MAX_TEXT` characters are used.
        candidates: the languages claiming the extension, usually ``BY_EXTENSION[extension]``.

    Returns:
        The only candidate when there is just one; otherwise the first candidate run by the
        ``#!`` interpreter, else the language of the first matching rule that is among the
        candidates; ``None`` when the content gives no signal (use :func:`default_for`).
    """
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    text = text[:MAX_TEXT]
    by_name = {candidate.name: candidate for candidate in candidates}
    if text.startswith("#!"):
        for language in languages_from_shebang(text):
            if language.name in by_name:
                return by_name[language.name]
    for rule in _RULES.get(extension.lower(), ()):
        chosen = by_name.get(rule.language)
        if chosen is not None and rule.matches(text):
            return chosen
    return None


def default_for(extension: str, candidates: tuple[Language, ...]) -> Language:
    """Return the language to assume for ``extension`` without reading the file.

    This is the table's default when it is among ``candidates``, otherwise the first candidate.

    Raises:
        ValueError: when ``candidates`` is empty.
    """
    if not candidates:
        raise ValueError(f"no candidate languages for {extension!r}")
    default = _DEFAULTS.get(extension.lower())
    for candidate in candidates:
        if candidate.name == default:
            return candidate
    return candidates[0]
