"""Tests for content disambiguation of extensions claimed by several languages."""

from __future__ import annotations

import pytest

from detectors.census.heuristics import (
    AMBIGUOUS_EXTENSIONS,
    MAX_TEXT,
    default_for,
    disambiguate,
    languages_from_shebang,
    shebang_interpreter,
)
from detectors.census.languages import BY_EXTENSION, BY_NAME

ROFF_NUMERIC = (".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")
ROFF_NAMED = (".1in", ".1m", ".1x", ".3in", ".3m", ".3p", ".3pm", ".3qt", ".3x", ".man", ".mdoc")

MAN_PAGE = '.TH LS 1 "March 2024" "GNU coreutils"\n.SH NAME\nls \\- list directory contents\n'
MDOC_PAGE = ".Dd March 1, 2024\n.Dt LS 1\n.Os\n.Sh NAME\n.Nm ls\n"
ROFF_DOC = '.\\" a roff document\n.ds T Title\n.PP\nHello.\n'

# (extension, expected language, snippet). Every ambiguous extension appears at least once.
CASES: list[tuple[str, str, str]] = [
    *[(ext, "Roff Manpage", MAN_PAGE) for ext in ROFF_NUMERIC],
    *[(ext, "Roff Manpage", MDOC_PAGE) for ext in ROFF_NUMERIC],
    *[(ext, "Roff", ROFF_DOC) for ext in ROFF_NUMERIC],
    *[(ext, "Roff Manpage", MAN_PAGE) for ext in ROFF_NAMED],
    (
        ".bas",
        "VBA",
        'Attribute VB_Name = "Module1"\nSub Fill()\n'
        '    Worksheets("Sheet1").Range("A1").Value = 1\nEnd Sub\n',
    ),
    (
        ".bas",
        "Visual Basic 6.0",
        'Attribute VB_Name = "Module1"\nOption Explicit\nPublic Sub Main()\n'
        '    MsgBox "hi"\nEnd Sub\n',
    ),
    (".bb", "BitBake", 'inherit autotools\nSRC_URI = "git://example.com/repo.git"\n'),
    (".bb", "Clojure", "(ns tasks)\n(defn hello [x]\n  (println x))\n"),
    (
        ".cake",
        "C#",
        '#load "build/helpers.cake"\nvar target = Argument("target", "Default");\n'
        'Task("Default").Does(() => { Information("hi"); });\n',
    ),
    (".cake", "CoffeeScript", "task 'build', 'Build the project', ->\n  console.log 'ok'\n"),
    (".cgi", "Perl", "use strict;\nuse CGI;\nmy $q = CGI->new;\nprint $q->header;\n"),
    (
        ".cgi",
        "Python",
        "import cgi\nform = cgi.FieldStorage()\nprint('Content-Type: text/plain')\n",
    ),
    (".cgi", "Shell", '#!/bin/sh\necho "Content-type: text/plain"\necho\n'),
    (".fcgi", "Ruby", "require 'fcgi'\nFCGI.each { |req| req.finish }\n"),
    (".fcgi", "PHP", "<?php\necho 'hello';\n"),
    (".fcgi", "Lua", "#!/usr/bin/env lua\nprint('hi')\n"),
    (".cl", "Common Lisp", "(in-package :cl-user)\n(defun square (x)\n  (* x x))\n"),
    (
        ".cl",
        "OpenCL",
        "__kernel void add(__global float* a) {\n  // add one\n  a[0] += 1.0f;\n}\n",
    ),
    (
        ".cls",
        "Visual Basic 6.0",
        "VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\n  Persistable = 0  'NotPersistable\n"
        'END\nAttribute VB_Name = "Account"\n',
    ),
    (
        ".cls",
        "VBA",
        'VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  \'True\nEND\nAttribute VB_Name = "Sheet"\n',
    ),
    (".cls", "TeX", "\\NeedsTeXFormat{LaTeX2e}\n\\ProvidesClass{thesis}[2024/01/01]\n"),
    (
        ".cls",
        "OpenEdge ABL",
        "CLASS Sales.Order:\n  METHOD PUBLIC VOID Run():\n  END METHOD.\nEND CLASS.\n",
    ),
    (
        ".cls",
        "Apex",
        "public with sharing class AccountService {\n"
        "    public static List<Account> load() { return [SELECT Id FROM Account]; }\n}\n",
    ),
    (".cs", "C#", "using System;\n\nnamespace Demo\n{\n    class Program {}\n}\n"),
    (
        ".cs",
        "Smalltalk",
        "!Object methodsFor: 'printing'!\nprintOn: aStream\n    aStream nextPutAll: 'x'! !\n",
    ),
    (".d", "D", 'module app.main;\nimport std.stdio;\nvoid main() { writeln("hi"); }\n'),
    (".d", "DTrace", 'syscall::open:entry\n{\n  printf("%s\\n", copyinstr(arg0));\n}\n'),
    (".d", "Makefile", "main.o: main.c defs.h \\\n  config.h\n"),
    (".ddl", "PLSQL", "CREATE SEQUENCE s;\nSELECT s.nextval FROM dual;\n"),
    (
        ".prc",
        "PLSQL",
        "create or replace procedure hello as\nbegin\n"
        "  dbms_output.put_line('hi');\nend hello;\n/\n",
    ),
    (".es", "Erlang", '%% -*- erlang -*-\nmain(_) -> io:format("hi~n").\n'),
    (".es", "JavaScript", "'use strict';\nexport default function f() { return 1; }\n"),
    (".f", "Forth", ": square ( n -- n*n ) dup * ;\n"),
    (".f", "Fortran", "      PROGRAM HELLO\nC     a comment\n      PRINT *, 'Hi'\n      END\n"),
    (".for", "Fortran", "C     comment\n      SUBROUTINE S(X)\n      END\n"),
    (".for", "Forth", ': greet ." hello" ;\n'),
    (".fr", "Forth", ': hello ." hi" ;\n'),
    (
        ".frag",
        "GLSL",
        "#version 330 core\nout vec4 color;\nvoid main() { color = vec4(1.0); }\n",
    ),
    (".frag", "JavaScript", "var x = 1;\nfunction f() { return x; }\n"),
    (
        ".frm",
        "VBA",
        "VERSION 5.00\nBegin {C62A69F0-16DC-11CE-9E98-00AA00574A4F} UserForm1\n"
        '   Caption = "Form"\nEnd\n',
    ),
    (
        ".frm",
        "Visual Basic 6.0",
        'VERSION 5.00\nBegin VB.Form Form1\n   Caption = "Form1"\nEnd\n',
    ),
    (".frm", "INI", "TYPE=VIEW\nquery=select 1\n"),
    (".fs", "Forth", ": star 42 emit ;\n"),
    (".fs", "F#", "module Program\nlet square x = x * x\n"),
    (".fs", "GLSL", "#version 330\nuniform sampler2D tex;\nvoid main() {}\n"),
    (".gs", "GLSL", "#version 150\nvoid main() {}\n"),
    (".gs", "JavaScript", "function onOpen() {\n  SpreadsheetApp.getUi();\n}\n"),
    (".h", "Objective-C", "#import <Foundation/Foundation.h>\n@interface Foo : NSObject\n@end\n"),
    (".h", "C++", "#include <vector>\nnamespace foo {\nclass Bar {};\n}\n"),
    (".h", "C++", "#pragma once\nstd::string name();\n"),
    (".h", "C++", "template <typename T>\nT id(T t);\n"),
    (".hh", "Hack", "<?hh // strict\nfunction f(): int { return 1; }\n"),
    (".hh", "C++", "#pragma once\nnamespace x {\ntemplate <typename T> struct A {};\n}\n"),
    (".i", "SWIG", '%module example\n%{\n#include "example.h"\n%}\n'),
    (".i", "Assembly", "start:\n    mov ax, 1\n    db 0x90\n"),
    (".inc", "PHP", "<?php\n$config = ['debug' => true];\n"),
    (".inc", "SourcePawn", "methodmap Player < Handle {\n}\n"),
    (".inc", "Pascal", "{$mode objfpc}\nprocedure Hello;\nbegin\nend;\n"),
    (".inc", "BitBake", "inherit cmake pkgconfig\n"),
    (".inc", "Assembly", "    mov eax, 1\n    ret\n"),
    (".inc", "C++", "namespace detail {\ntemplate <class T> T id(T t) { return t; }\n}\n"),
    (".inc", "Pawn", "#include <a_samp>\nnative SetPlayerPos(playerid, Float:x);\n"),
    (".inc", "SQL", "SELECT id, name FROM users WHERE id = 1;\n"),
    (".inc", "HTML", '<div class="footer">\n  <p>&copy; 2024</p>\n</div>\n'),
    (".l", "Common Lisp", "(defun foo (x)\n  x)\n"),
    (".l", "Lex", "%{\n#include <stdio.h>\n%}\n%%\n[0-9]+ { return NUM; }\n%%\n"),
    (".l", "Roff", ".TH FOO 1\n.SH NAME\nfoo\n"),
    (".lean", "Lean", "import data.nat.basic\n"),
    (".lean", "Lean 4", "import Mathlib.Data.Nat.Basic\n"),
    (".m", "Objective-C", '#import "Foo.h"\n@implementation Foo\n@end\n'),
    (".m", "Mercury", ":- module hello.\n:- interface.\n"),
    (".m", "Wolfram Language", "(* a comment *)\nf[x_] := x^2\n"),
    (".m", "MATLAB", "% compute something\nx = linspace(0, 1, 10);\n"),
    (".m", "MATLAB", "function y = f(x)\n  y = x.^2;\nend\n"),
    (".m", "MATLAB", "for i=1:10\n    z(i) = i;\nend\n"),
    (".md", "Markdown", "# Title\n\nSome *text*.\n"),
    (".md", "Markdown", ""),
    (
        ".md",
        "GCC Machine Description",
        ';; Machine description for foo.\n(define_insn "addsi3"\n'
        '  [(set (match_operand:SI 0 "register_operand" "=r")\n'
        '        (plus:SI (match_dup 1) (match_dup 2)))]\n  ""\n  "add %0,%1,%2")\n',
    ),
    (".ml", "OCaml", "let rec fact n = if n = 0 then 1 else n * fact (n - 1)\n"),
    (
        ".ml",
        "Standard ML",
        "fun fact 0 = 1\n  | fact n = n * fact (n - 1)\n"
        "val y = case x of NONE => 0 | SOME z => z\n",
    ),
    (".mm", "XML", '<map version="1.0.1">\n<node TEXT="root"/>\n</map>\n'),
    (
        ".mm",
        "Objective-C++",
        "#import <UIKit/UIKit.h>\n#include <vector>\n@implementation V\n@end\n",
    ),
    (".mojo", "Mojo", 'fn main():\n    print("hi")\n'),
    (".mojo", "XML", '<?xml version="1.0"?>\n<project/>\n'),
    (".ms", "Roff", ".TL\nTitle\n.PP\nText\n"),
    (".ms", "Unix Assembly", ".globl _start\n_start:\n    movl $1, %eax\n"),
    (
        ".nb",
        "Wolfram Language",
        '(* Content-type: application/vnd.wolfram.mathematica *)\nNotebook[{Cell["x"]}]\n',
    ),
    (".ncl", "XML", '<?xml version="1.0"?>\n<ncl/>\n'),
    (".ncl", "Text", "THE_TITLE\n"),
    (".p", "Gnuplot", "set terminal png\nplot sin(x)\n"),
    (".p", "OpenEdge ABL", "DEFINE VARIABLE i AS INTEGER NO-UNDO.\nDO i = 1 TO 3:\nEND.\n"),
    (".php", "Hack", "<?hh\nfunction f(): void {}\n"),
    (".php", "PHP", '<?php\necho "hi";\n'),
    (".pl", "Prolog", ":- module(foo, []).\nfoo(X) :- bar(X).\n"),
    (".pl", "Perl", "use strict;\nuse warnings;\nmy $x = 1;\n"),
    (".pl", "Raku", 'use v6;\nsay "hi";\n'),
    (".pl", "Perl", "#!/usr/bin/perl -w\nprint 1;\n"),
    (".plt", "Prolog", ":- use_module(library(plunit)).\n"),
    (".plt", "Gnuplot", 'set output "a.png"\nplot "data.txt" using 1:2\n'),
    (".pluginspec", "XML", '<plugin name="Foo" version="1.0">\n</plugin>\n'),
    (".pluginspec", "Ruby", "Pod::Spec.new do |s|\n  s.name = 'Foo'\nend\n"),
    (".pm", "Perl", "package Foo::Bar;\nuse strict;\n1;\n"),
    (".pm", "Raku", "unit module Foo;\nsub bar is export { }\n"),
    (".pod", "Pod 6", "=begin pod\n=head1 NAME\n=end pod\n"),
    (".pp", "Pascal", "program Hello;\nbegin\n  writeln('hi');\nend.\n"),
    (
        ".pp",
        "Puppet",
        "class nginx {\n  package { 'nginx':\n    ensure => installed,\n  }\n}\n",
    ),
    (
        ".pro",
        "Prolog",
        "parent(tom, bob).\ngrandparent(X, Z) :- parent(X, Y), parent(Y, Z).\n",
    ),
    (".pro", "INI", "[General]\nlast_client=foo\n"),
    (".pro", "QMake", "TEMPLATE = app\nHEADERS += a.h\nSOURCES += a.cpp\n"),
    (".properties", "INI", "; comment\n[section]\nkey=value\n"),
    (".properties", "Java Properties", "# comment\napp.name=demo\n"),
    (".properties", "INI", "key=value\n"),
    (".properties", "Java Properties", "app.name: demo\n"),
    (".r", "Rebol", 'REBOL [Title: "x"]\nprint "hi"\n'),
    (".r", "R", "x <- c(1, 2, 3)\nmean(x)\n"),
    (".re", "Reason", 'let greet = (name) => "Hi " ++ name;\nlet x: int = 1;\n'),
    (".re", "C++", "#include <stdio.h>\n/*!re2c\n  [0-9]+ { return 1; }\n*/\n"),
    (".res", "ReScript", "let add = (a, b) => a + b\n"),
    (".res", "XML", '<?xml version="1.0"?>\n<resources/>\n'),
    (".rpy", "Python", "import os\n\ndef main():\n    pass\n"),
    (".rpy", "Ren'Py", 'label start:\n    "Hello, world."\n    return\n'),
    (".rs", "Rust", "use std::io;\n\nfn main() {}\n"),
    (".rs", "RenderScript", "#pragma version(1)\n#pragma rs java_package_name(com.x)\n"),
    (".rs", "XML", '<?xml version="1.0"?>\n<root/>\n'),
    (".s", "Unix Assembly", "    movl $1, %eax\n    ret\n"),
    (".s", "Assembly", "    mov eax, 1\n    ret\n"),
    (".sc", "SuperCollider", "foo { ^this.value }\n"),
    (".sc", "Scala", "import scala.collection.mutable\nclass Foo\n"),
    (".scd", "SuperCollider", "SynthDef(\\sine, { Out.ar(0, SinOsc.ar(440)) }).add;\n"),
    (".scd", "Markdown", "# NAME\n\nfoo - does things\n"),
    (".sch", "XML", '<?xml version="1.0"?>\n<eagle version="9.6"/>\n'),
    (".sch", "Scheme", "(define (square x) (* x x))\n"),
    (".shader", "ShaderLab", 'Shader "Custom/Unlit" {\n  SubShader { Pass {} }\n}\n'),
    (".shader", "GLSL", "#version 330\nvoid main() { gl_Position = vec4(0.0); }\n"),
    (".spec", "RPM Spec", "Name: foo\nVersion: 1.0\n%description\nFoo.\n"),
    (".spec", "Ruby", "require 'spec_helper'\ndescribe Foo do\nend\n"),
    (".spec", "Python", "a = Analysis(['main.py'])\nexe = EXE(pyz, a.scripts)\n"),
    (
        ".sql",
        "PLpgSQL",
        "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n",
    ),
    (".sql", "PLSQL", "SELECT employees_seq.nextval FROM dual;\n"),
    (".sql", "TSQL", "DECLARE @x INT;\nSELECT @x = 1;\nGO\n"),
    (".st", "StringTemplate", "<html><body>$name$</body></html>\n"),
    (".st", "Smalltalk", "Object subclass: #Point\n    instanceVariableNames: 'x y'\n"),
    (".t", "Perl", "use strict;\nuse Test::More;\nok(1);\n"),
    (".t", "Raku", "use v6;\nuse Test;\nplan 1;\n"),
    (".t", "Raku", "#!/usr/bin/env perl6\nuse Test;\n"),
    (".tpl", "Go Template", '{{ define "main" }}{{ .Title }}{{ end }}\n'),
    (".tpl", "Smarty", "<h1>{$title}</h1>\n{* comment *}\n"),
    (".trigger", "Apex", "trigger AccountTrigger on Account (before insert) {\n}\n"),
    (".trigger", "Shell", "#!/bin/bash\necho hi\n"),
    (
        ".ts",
        "XML",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n',
    ),
    (".ts", "TypeScript", "#!/usr/bin/env -S deno run\nconsole.log(1);\n"),
    (".tsx", "XML", '<?xml version="1.0" encoding="UTF-8"?>\n<tileset name="t"/>\n'),
    (".v", "Rocq Prover", "Theorem t : True.\nProof.\n  trivial.\nQed.\n"),
    (
        ".v",
        "Verilog",
        "module counter(input clk, output reg [3:0] q);\n"
        "  always @(posedge clk) q <= q + 1;\nendmodule\n",
    ),
    (".v", "Verilog", "`timescale 1ns/1ps\n"),
    (".v", "V", "fn main() {\n    println('hi')\n}\n"),
    (".vba", "Vim script", '" Vimball Archiver\nUseVimball\nfinish\n'),
    (
        ".vhost",
        "ApacheConf",
        "<VirtualHost *:80>\n  ServerName example.com\n</VirtualHost>\n",
    ),
    (".vhost", "Nginx", "server {\n  listen 80;\n  server_name example.com;\n}\n"),
    (".workflow", "XML", '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"/>\n'),
    (".workflow", "HCL", 'workflow "Build" {\n  on = "push"\n}\n'),
    (".yy", "JSON", '{"resourceType": "GMObject"}\n'),
]

# Content that says nothing: the extension's default applies.
NO_SIGNAL: dict[str, str] = {
    ".h": "int add(int a, int b);\n",
    ".m": "",
    ".ts": "const x: number = 1;\n",
    ".tsx": "export const A = () => <div />;\n",
    ".md": "(not markdown-looking)\n",
    ".sql": "SELECT * FROM users;\n",
    ".v": "",
    ".pl": "print 1;\n",
    ".pod": "=head1 NAME\n\nFoo\n",
    ".vba": "Sub Foo()\nEnd Sub\n",
    ".yy": "%token NUM\n%%\nexpr: NUM;\n",
    ".fr": "Bonjour\n",
    ".nb": "plain words\n",
    ".1": "plain words\n",
    ".man": "plain words\n",
    ".rpy": "",
}


def _candidates(extension: str) -> tuple:
    return BY_EXTENSION[extension]


@pytest.mark.parametrize(("extension", "expected", "text"), CASES)
def test_disambiguate_picks_language_from_content(extension: str, expected: str, text: str) -> None:
    chosen = disambiguate(extension, text, _candidates(extension))
    assert chosen is not None
    assert chosen.name == expected


def test_every_ambiguous_extension_has_a_content_case() -> None:
    covered = {extension for extension, _language, _text in CASES}
    assert covered >= set(AMBIGUOUS_EXTENSIONS)


def test_cases_only_name_real_candidates() -> None:
    for extension, expected, _text in CASES:
        assert BY_NAME[expected] in _candidates(extension), (extension, expected)


@pytest.mark.parametrize("extension", sorted(AMBIGUOUS_EXTENSIONS))
def test_no_signal_returns_none(extension: str) -> None:
    text = NO_SIGNAL.get(extension, "")
    assert disambiguate(extension, text, _candidates(extension)) is None


def test_empty_markdown_counts_as_markdown() -> None:
    chosen = disambiguate(".md", "", _candidates(".md"))
    assert chosen is not None and chosen.name == "Markdown"


def test_extension_case_is_ignored() -> None:
    text = "#import <Foundation/Foundation.h>\n@interface A\n@end\n"
    chosen = disambiguate(".H", text, _candidates(".h"))
    assert chosen is not None and chosen.name == "Objective-C"


def test_only_candidates_are_returned() -> None:
    objc = "#import <Foundation/Foundation.h>\n@interface A : NSObject\n@end\n"
    c_and_cpp = (BY_NAME["C"], BY_NAME["C++"])
    assert disambiguate(".h", objc, c_and_cpp) is None
    cpp = objc + "namespace n {}\n"
    assert disambiguate(".h", cpp, c_and_cpp) == BY_NAME["C++"]


def test_single_or_no_candidate() -> None:
    assert disambiguate(".py", "anything", (BY_NAME["Python"],)) == BY_NAME["Python"]
    assert disambiguate(".zzz", "anything", ()) is None


def test_only_the_first_max_text_characters_are_read() -> None:
    filler = "int x;\n" * (MAX_TEXT // 7 + 1)
    late = filler + "@interface Late\n@end\n"
    assert disambiguate(".h", late, _candidates(".h")) is None
    early = "@interface Early\n@end\n" + filler
    assert disambiguate(".h", early, _candidates(".h")) == BY_NAME["Objective-C"]


@pytest.mark.parametrize(
    ("extension", "expected"),
    [
        (".h", "C"),
        (".m", "Objective-C"),
        (".pl", "Perl"),
        (".pm", "Perl"),
        (".t", "Perl"),
        (".ts", "TypeScript"),
        (".tsx", "TSX"),
        (".md", "Markdown"),
        (".v", "Verilog"),
        (".cs", "C#"),
        (".fs", "F#"),
        (".inc", "PHP"),
        (".pp", "Puppet"),
        (".r", "R"),
        (".sql", "SQL"),
        (".d", "D"),
        (".rs", "Rust"),
        (".sc", "Scala"),
        (".st", "Smalltalk"),
        (".cls", "Apex"),
        (".bas", "VBA"),
        (".l", "Lex"),
        (".ms", "Roff"),
        (".s", "Unix Assembly"),
        (".php", "PHP"),
        (".pod", "Pod"),
        (".rpy", "Ren'Py"),
        (".yy", "Yacc"),
    ],
)
def test_default_for(extension: str, expected: str) -> None:
    assert default_for(extension, _candidates(extension)).name == expected


def test_default_for_falls_back_to_first_candidate() -> None:
    only = (BY_NAME["C++"], BY_NAME["Objective-C"])
    assert default_for(".h", only) == BY_NAME["C++"]
    assert default_for(".py", (BY_NAME["Python"],)) == BY_NAME["Python"]
    with pytest.raises(ValueError):
        default_for(".h", ())


@pytest.mark.parametrize(
    ("text", "interpreter"),
    [
        ("#!/usr/bin/env python3\n", "python3"),
        ("#!/usr/bin/python2.7\nprint 1\n", "python2"),
        ("#! /bin/bash -e\n", "bash"),
        ("#!/usr/bin/env -S deno run --allow-net\n", "deno"),
        ("#!/usr/bin/env FOO=bar node\n", "node"),
        ('#!/bin/sh\nexec tclsh "$0" "$@"\n', "tclsh"),
        ("#!/usr/bin/env\n", None),
        ("#!\n", None),
        ("print('no shebang')\n", None),
        ("", None),
    ],
)
def test_shebang_interpreter(text: str, interpreter: str | None) -> None:
    assert shebang_interpreter(text) == interpreter


def test_languages_from_shebang() -> None:
    names = [language.name for language in languages_from_shebang("#!/usr/bin/env node\n")]
    assert names == ["JavaScript", "TypeScript"]
    assert languages_from_shebang("#!/usr/bin/python3.12\n") == (BY_NAME["Python"],)
    assert languages_from_shebang("#!/usr/bin/env ruby3\n") == (BY_NAME["Ruby"],)
    assert languages_from_shebang("#!/usr/bin/env unknown-tool\n") == ()
    assert languages_from_shebang("no shebang") == ()


ADVERSARIAL = {
    "blank lines": "\n" * MAX_TEXT,
    "one long word": "a" * MAX_TEXT,
    "one long line": ("foo a.b/c: x " * (MAX_TEXT // 13))[:MAX_TEXT],
    "dense symbols": ("(){}:;=$#%!<>/\\ \t" * (MAX_TEXT // 17))[:MAX_TEXT],
    "open brace": "x y (" + "z" * (MAX_TEXT - 8) + ") {",
}


@pytest.mark.parametrize("extension", sorted(AMBIGUOUS_EXTENSIONS))
def test_heuristics_settle_adversarial_text(extension: str) -> None:
    """Texts built to make careless patterns backtrack; their cost is measured in
    benchmarks/bench_census.py, here only that every rule answers sensibly."""
    candidates = _candidates(extension)
    for text in ADVERSARIAL.values():
        chosen = disambiguate(extension, text, candidates)
        assert chosen is None or chosen in candidates
