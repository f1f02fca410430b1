"""Language table for the byte census: names, types, extensions, file names, groups, colours.

Reference: GitHub linguist's ``lib/linguist/languages.yml`` (github-linguist/linguist, MIT).
The facts below (display names, ``type``, extensions, exact file names, ``group`` and colour)
follow linguist for the languages we track; the table layout and the lookup code are our own.
Deviations from linguist, on purpose:

* only a curated subset of linguist's languages is tracked (see :data:`LANGUAGES`);
* extensions are stored lower-cased (linguist keeps a few mixed-case ones such as ``.tmTheme``);
* the file names ``.eslintrc`` and ``.releaserc`` are claimed only by JSON with Comments / JSON
  (linguist also lists them under YAML and disambiguates by content), so that
  :data:`BY_FILENAME` maps each name to exactly one language.

Contract:

* :data:`LANGUAGES` is an immutable tuple of :class:`Language`, sorted case-insensitively by name,
  with unique names.
* :data:`BY_NAME`, :data:`BY_FILENAME` and :data:`BY_EXTENSION` are plain dicts built once at
  import time and must be treated as read-only.
* :func:`candidates_for` maps a base name to the languages it may be written in, using at most a
  handful of dict look-ups; :func:`matched_extension` names the extension it matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BY_EXTENSION",
    "BY_FILENAME",
    "BY_NAME",
    "LANGUAGES",
    "Language",
    "LanguageType",
    "candidates_for",
    "matched_extension",
]

LanguageType = Literal["programming", "markup", "data", "prose"]


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the census, as linguist defines it.

    Attributes:
        name: linguist's display name, e.g. ``"C++"``; unique within :data:`LANGUAGES`.
        type: linguist's ``type``: ``programming``, ``markup``, ``data`` or ``prose``.
        extensions: lower-case extensions with a leading dot, primary one first; an extension
            may span several dots (``".blade.php"``, ``".gradle.kts"``).
        filenames: exact, case-sensitive base names (``"Dockerfile"``, ``"CMakeLists.txt"``).
        group: name of the language whose total these bytes are added to (linguist ``group``),
            or ``None``. linguist occasionally names the language itself (e.g. ``Fortran``).
        color: linguist's hex colour (``"#3572A5"``), or ``None`` when linguist has none.
    """

    name: str
    type: LanguageType
    extensions: tuple[str, ...] = ()
    filenames: tuple[str, ...] = ()
    group: str | None = None
    color: str | None = None


def _lang(
    name: str,
    type_: LanguageType,
    extensions: str = "",
    files: str = "",
    *,
    group: str | None = None,
    color: str | None = None,
) -> Language:
    """Build a :class:`Language` from space-separated extension and file-name lists."""
    return Language(name, type_, tuple(extensions.split()), tuple(files.split()), group, color)


# Derived from linguist's languages.yml: one entry per tracked language, sorted by name.
# Arguments: name, type, extensions (space separated), exact file names (space separated).
LANGUAGES: tuple[Language, ...] = (
    _lang("ABAP", "programming", ".abap", color="#E8274B"),
    _lang("ActionScript", "programming", ".as", color="#882B0F"),
    _lang("Ada", "programming", ".adb .ada .ads", color="#02f88c"),
    _lang("Agda", "programming", ".agda", color="#315665"),
    _lang(
        "ApacheConf",
        "data",
        ".apacheconf .vhost",
        ".htaccess apache2.conf httpd.conf",
        color="#d12127",
    ),
    _lang("Apex", "programming", ".cls .apex .trigger", color="#1797c0"),
    _lang("AppleScript", "programming", ".applescript .scpt", color="#101F1F"),
    _lang("AsciiDoc", "prose", ".asciidoc .adoc .asc", color="#73a0c5"),
    _lang("ASP.NET", "programming", ".asax .ascx .ashx .asmx .aspx .axd", color="#9400ff"),
    _lang("Assembly", "programming", ".asm .a51 .i .inc .nas .nasm .s", color="#6E4C13"),
    _lang("Astro", "markup", ".astro", color="#ff5a03"),
    _lang("AutoHotkey", "programming", ".ahk .ah1 .ah2 .ahkl", color="#6594b9"),
    _lang("AutoIt", "programming", ".au3", color="#1C3552"),
    _lang("Avro IDL", "data", ".avdl", color="#0040FF"),
    _lang("Awk", "programming", ".awk .auk .gawk .mawk .nawk", color="#c30e9b"),
    _lang("Ballerina", "programming", ".bal", color="#FF5000"),
    _lang("Batchfile", "programming", ".bat .cmd", "gradlew.bat mvnw.cmd", color="#C1F12E"),
    _lang("Bicep", "programming", ".bicep .bicepparam", color="#519aba"),
    _lang("Bison", "programming", ".bison", group="Yacc", color="#6A463F"),
    _lang("BitBake", "programming", ".bb .bbappend .bbclass .inc", color="#00bce4"),
    _lang("Blade", "markup", ".blade .blade.php", color="#f7523f"),
    _lang("Browserslist", "data", files=".browserslistrc browserslist", color="#ffd539"),
    _lang("C", "programming", ".c .cats .h .h.in .idc", color="#555555"),
    _lang("C#", "programming", ".cs .cake .cs.pp .csx .linq", color="#7355dd"),
    _lang(
        "C++",
        "programming",
        (
            ".cpp .c++ .cc .cp .cppm .cxx .h .h++ .hh .hpp .hxx .inc .inl .ino .ipp .ixx .re .tcc "
            ".tpp .txx"
        ),
        color="#f34b7d",
    ),
    _lang("Cabal Config", "data", ".cabal", "cabal.config cabal.project", color="#483465"),
    _lang("Cadence", "programming", ".cdc", color="#00ef8b"),
    _lang("Cairo", "programming", ".cairo", group="Cairo", color="#ff4a48"),
    _lang("Cap'n Proto", "programming", ".capnp", color="#c42727"),
    _lang("Carbon", "programming", ".carbon", color="#222222"),
    _lang("Chapel", "programming", ".chpl", color="#8dc63f"),
    _lang("Classic ASP", "programming", ".asp", color="#6a40fd"),
    _lang(
        "Clojure",
        "programming",
        ".clj .bb .boot .cl2 .cljc .cljs .cljs.hl .cljscm .cljx .hic",
        "riemann.config",
        color="#db5855",
    ),
    _lang("CMake", "programming", ".cmake .cmake.in", "CMakeLists.txt", color="#DA3434"),
    _lang("COBOL", "programming", ".cob .cbl .ccp .cobol .cpy"),
    _lang("CODEOWNERS", "data", files="CODEOWNERS"),
    _lang(
        "CoffeeScript",
        "programming",
        ".coffee ._coffee .cake .cjsx .coffee.erb .iced",
        "Cakefile",
        color="#244776",
    ),
    _lang("ColdFusion", "programming", ".cfm .cfml", color="#ed2cd6"),
    _lang("ColdFusion CFC", "programming", ".cfc", group="ColdFusion", color="#ed2cd6"),
    _lang("Common Lisp", "programming", ".lisp .asd .cl .l .lsp .ny .podsl .sexp", color="#3fb68b"),
    _lang("Crystal", "programming", ".cr", color="#000100"),
    _lang("CSS", "markup", ".css", color="#663399"),
    _lang("CSV", "data", ".csv", color="#237346"),
    _lang("Cuda", "programming", ".cu .cuh", color="#3A4E3A"),
    _lang("CUE", "programming", ".cue", color="#5886E1"),
    _lang("Cython", "programming", ".pyx .pxd .pxi", color="#fedf5b"),
    _lang("D", "programming", ".d .di", color="#ba595e"),
    _lang("Dart", "programming", ".dart", color="#00B4AB"),
    _lang("Debian Package Control File", "data", ".dsc", color="#D70751"),
    _lang("Dhall", "programming", ".dhall", color="#dfafff"),
    _lang("Diff", "data", ".diff .patch"),
    _lang(
        "Dockerfile",
        "programming",
        ".dockerfile .containerfile",
        "Containerfile Dockerfile",
        color="#384d54",
    ),
    _lang(
        "Dotenv",
        "data",
        ".env",
        (
            ".env .env.ci .env.dev .env.development .env.development.local .env.example "
            ".env.local .env.prod .env.production .env.sample .env.staging .env.template "
            ".env.test .env.testing"
        ),
        color="#e5d559",
    ),
    _lang("DTrace", "programming", ".d"),
    _lang("EditorConfig", "data", ".editorconfig", ".editorconfig", group="INI", color="#fff1f2"),
    _lang("Eiffel", "programming", ".e", color="#4d6977"),
    _lang("EJS", "markup", ".ejs .ect .ejs.t .jst", color="#a91e50"),
    _lang("Elixir", "programming", ".ex .exs", "mix.lock", color="#6e4a7e"),
    _lang("Elm", "programming", ".elm", color="#60B5CC"),
    _lang(
        "Emacs Lisp",
        "programming",
        ".el .emacs .emacs.desktop",
        (
            ".abbrev_defs .emacs .emacs.desktop .gnus .spacemacs .viper Cask Eask Project.ede "
            "_emacs abbrev_defs"
        ),
        color="#c065db",
    ),
    _lang(
        "Erlang",
        "programming",
        ".erl .app .app.src .es .escript .hrl .xrl .yrl",
        "Emakefile rebar.config rebar.config.lock rebar.lock",
        color="#B83998",
    ),
    _lang("F#", "programming", ".fs .fsi .fsx", color="#b845fc"),
    _lang("F*", "programming", ".fst .fsti", color="#572e30"),
    _lang("Fennel", "programming", ".fnl", color="#fff3d7"),
    _lang("fish", "programming", ".fish", group="Shell", color="#4aae47"),
    _lang("FlatBuffers", "data", ".fbs", color="#ed284a"),
    _lang("Forth", "programming", ".fth .4th .f .for .forth .fr .frt .fs", color="#341708"),
    _lang("Fortran", "programming", ".f .f77 .for .fpp", group="Fortran", color="#4d41b1"),
    _lang(
        "Fortran Free Form",
        "programming",
        ".f90 .f03 .f08 .f95",
        group="Fortran",
        color="#4d41b1",
    ),
    _lang("FreeMarker", "programming", ".ftl .ftlh", color="#0050b2"),
    _lang("GCC Machine Description", "programming", ".md", color="#FFCFAB"),
    _lang("GDScript", "programming", ".gd", color="#355570"),
    _lang("Gemfile.lock", "data", files="Gemfile.lock", color="#701516"),
    _lang("Gettext Catalog", "prose", ".po .pot"),
    _lang("Gherkin", "programming", ".feature .story", color="#5B2063"),
    _lang("Git Attributes", "data", files=".gitattributes", color="#F44D27"),
    _lang(
        "Git Config",
        "data",
        ".gitconfig",
        ".gitconfig .gitmodules .tgitconfig config.worktree",
        group="INI",
        color="#F44D27",
    ),
    _lang("Gleam", "programming", ".gleam", color="#ffaff3"),
    _lang(
        "GLSL",
        "programming",
        (
            ".glsl .fp .frag .frg .fs .fsh .fshader .geo .geom .glslf .glslv .gs .gshader .rchit "
            ".rmiss .shader .tesc .tese .vert .vrx .vs .vsh .vshader"
        ),
        color="#5686a5",
    ),
    _lang("Gnuplot", "programming", ".gp .gnu .gnuplot .p .plot .plt", color="#f0a9f0"),
    _lang("Go", "programming", ".go", color="#00ADD8"),
    _lang("Go Checksums", "data", files="go.sum go.work.sum", color="#00ADD8"),
    _lang("Go Module", "data", files="go.mod", color="#00ADD8"),
    _lang(
        "Go Template",
        "markup",
        ".gohtml .gotmpl .html.tmpl .tmpl .tpl",
        "_helpers.tpl",
        color="#00ADD8",
    ),
    _lang("Go Workspace", "data", files="go.work", color="#00ADD8"),
    _lang("Gradle", "data", ".gradle", color="#02303a"),
    _lang("Gradle Kotlin DSL", "data", ".gradle.kts", group="Gradle", color="#02303a"),
    _lang("GraphQL", "data", ".graphql .gql .graphqls", color="#e10098"),
    _lang("Graphviz (DOT)", "data", ".dot .gv", color="#2596be"),
    _lang("Groovy", "programming", ".groovy .grt .gtpl .gvy", "Jenkinsfile", color="#4298b8"),
    _lang("Groovy Server Pages", "programming", ".gsp", group="Groovy", color="#4298b8"),
    _lang("Hack", "programming", ".hack .hh .hhi .php", color="#878787"),
    _lang("Haml", "markup", ".haml .haml.deface", color="#ece2a9"),
    _lang("Handlebars", "markup", ".handlebars .hbs", color="#f7931e"),
    _lang("Haskell", "programming", ".hs .hs-boot .hsc", color="#5e5086"),
    _lang("Haxe", "programming", ".hx .hxsl", color="#df7900"),
    _lang("HCL", "programming", ".hcl .nomad .tf .tfvars .tofu .workflow", color="#844FBA"),
    _lang("HLSL", "programming", ".hlsl .cginc .fx .fxh .hlsli", color="#aace60"),
    _lang("HOCON", "data", ".hocon", ".scalafix.conf .scalafmt.conf", color="#9ff8ee"),
    _lang("HTML", "markup", ".html .hta .htm .html.hl .inc .xht .xhtml", color="#e34c26"),
    _lang("HTML+ECR", "markup", ".ecr", group="HTML", color="#2e1052"),
    _lang("HTML+EEX", "markup", ".html.eex .heex .leex", group="HTML", color="#6e4a7e"),
    _lang("HTML+ERB", "markup", ".erb .erb.deface .rhtml", group="HTML", color="#701516"),
    _lang("HTML+PHP", "markup", ".phtml", group="HTML", color="#4f5d95"),
    _lang("HTML+Razor", "markup", ".cshtml .razor", group="HTML", color="#512be4"),
    _lang("Idris", "programming", ".idr .lidr", color="#b30000"),
    _lang(
        "Ignore List",
        "data",
        ".gitignore",
        (
            ".agignore .atomignore .babelignore .bzrignore .ckignore .coffeelintignore .cvsignore "
            ".dockerignore .easignore .eleventyignore .eslint-ignore .eslintignore .gitignore "
            ".ignore .markdownlintignore .nodemonignore .npmignore .prettierignore .rgignore "
            ".stylelintignore .vercelignore .vscodeignore gitignore-global gitignore_global"
        ),
        color="#000000",
    ),
    _lang(
        "INI",
        "data",
        (
            ".ini .cfg .cnf .container .dof .frm .lektorproject .mount .network .prefs .pro "
            ".properties .service .socket .target .timer .url"
        ),
        (
            ".buckconfig .coveragerc .flake8 .gitreview .pylintrc HOSTS buildozer.spec hosts "
            "pylintrc vlcrc"
        ),
        color="#d1dbe0",
    ),
    _lang("Inno Setup", "programming", ".iss .isl", color="#264b99"),
    _lang("Isabelle", "programming", ".thy", color="#FEFE00"),
    _lang("Java", "programming", ".java .jav .jsh", color="#b07219"),
    _lang("Java Properties", "data", ".properties", color="#2A6277"),
    _lang("Java Server Pages", "programming", ".jsp .tag", group="Java", color="#2A6277"),
    _lang(
        "JavaScript",
        "programming",
        (
            ".js ._js .bones .cjs .es .es6 .frag .gs .jake .javascript .jsb .jscad .jsfl .jslib "
            ".jsm .jspre .jss .jsx .mjs .njs .pac .sjs .ssjs .xsjs .xsjslib"
        ),
        "Jakefile",
        color="#f1e05a",
    ),
    _lang("Jest Snapshot", "data", ".snap", color="#15c213"),
    _lang("Jinja", "markup", ".jinja .j2 .jinja2", color="#a52a22"),
    _lang(
        "JSON",
        "data",
        (
            ".json .4dform .4dproject .avsc .geojson .gltf .har .ice .json-tmlanguage "
            ".json.example .jsonl .mcmeta .sarif .slnlaunch .tact .tfstate .tfstate.backup "
            ".topojson .webapp .webmanifest .yy .yyp"
        ),
        (
            ".all-contributorsrc .arcconfig .auto-changelog .c8rc .htmlhintrc .imgbotconfig "
            ".nycrc .releaserc .secrets.baseline .tern-config .tern-project .watchmanconfig "
            "MODULE.bazel.lock Package.resolved Pipfile.lock bun.lock composer.lock deno.lock "
            "flake.lock mcmod.info"
        ),
        color="#292929",
    ),
    _lang(
        "JSON with Comments",
        "data",
        (
            ".jsonc .code-snippets .code-workspace .hujson .sublime-build .sublime-color-scheme "
            ".sublime-commands .sublime-completions .sublime-keymap .sublime-macro .sublime-menu "
            ".sublime-mousemap .sublime-project .sublime-settings .sublime-theme "
            ".sublime-workspace .sublime_metrics .sublime_session .tsconfig.json"
        ),
        (
            ".babelrc .devcontainer.json .eslintrc .eslintrc.json .jscsrc .jshintrc .jslintrc "
            ".oxlintrc.json .swcrc api-extractor.json devcontainer.json jsconfig.json "
            "language-configuration.json tsconfig.json tslint.json"
        ),
        group="JSON",
        color="#292929",
    ),
    _lang("JSON5", "data", ".json5", color="#267CB9"),
    _lang("JSONLD", "data", ".jsonld", color="#0c479c"),
    _lang("Jsonnet", "programming", ".jsonnet .libsonnet", color="#0064bd"),
    _lang("Julia", "programming", ".jl", color="#a270ba"),
    _lang("Jupyter Notebook", "markup", ".ipynb", "Notebook", color="#DA5B0B"),
    _lang(
        "Just",
        "programming",
        ".just",
        ".JUSTFILE .Justfile .justfile JUSTFILE Justfile justfile",
        color="#384d54",
    ),
    _lang("Kotlin", "programming", ".kt .ktm .kts", color="#A97BFF"),
    _lang("Latte", "markup", ".latte", color="#f2a542"),
    _lang("Lean", "programming", ".lean .hlean"),
    _lang("Lean 4", "programming", ".lean", group="Lean"),
    _lang("Less", "markup", ".less", color="#1d365d"),
    _lang("Lex", "programming", ".l .lex", "Lexer.x lexer.x", color="#DBCA00"),
    _lang("Liquid", "markup", ".liquid", color="#67b8de"),
    _lang("Liquidsoap", "programming", ".liq", color="#990066"),
    _lang("LiveScript", "programming", ".ls ._ls", "Slakefile", color="#499886"),
    _lang("LLVM", "programming", ".ll", color="#185619"),
    _lang("Logos", "programming", ".xm .x .xi"),
    _lang(
        "Lua",
        "programming",
        ".lua .fcgi .nse .p8 .pd_lua .rbxs .rockspec .wlua",
        ".luacheckrc",
        color="#000080",
    ),
    _lang("Luau", "programming", ".luau", color="#00A2FF"),
    _lang("M4", "programming", ".m4 .mc"),
    _lang(
        "Makefile",
        "programming",
        ".mak .d .make .makefile .mk .mkfile",
        (
            "BSDmakefile GNUmakefile Kbuild Makefile Makefile.am Makefile.boot Makefile.frag "
            "Makefile.in Makefile.inc Makefile.pc Makefile.wat makefile makefile.sco mkfile"
        ),
        color="#427819",
    ),
    _lang("Mako", "programming", ".mako .mao", color="#7e858d"),
    _lang(
        "Markdown",
        "prose",
        ".md .livemd .markdown .mdown .mdwn .mkd .mkdn .mkdown .ronn .scd .workbook",
        "contents.lr",
        color="#083fa1",
    ),
    _lang("Marko", "markup", ".marko", color="#42bff2"),
    _lang("MATLAB", "programming", ".matlab .m", color="#e16737"),
    _lang("Maven POM", "data", files="pom.xml", group="XML"),
    _lang("MDX", "markup", ".mdx", color="#fcb32c"),
    _lang("Mercury", "programming", ".m .moo", color="#ff2b2b"),
    _lang("Mermaid", "markup", ".mmd .mermaid", color="#ff3670"),
    _lang("Meson", "programming", files="meson.build meson_options.txt", color="#007800"),
    _lang("Metal", "programming", ".metal", color="#8f14e9"),
    _lang("Modelica", "programming", ".mo", color="#de1d31"),
    _lang("Mojo", "programming", ".mojo", color="#ff4c1f"),
    _lang("MoonScript", "programming", ".moon", color="#ff4585"),
    _lang("Move", "programming", ".move", color="#4a137a"),
    _lang("Mustache", "markup", ".mustache", color="#724b3b"),
    _lang("Nextflow", "programming", ".nf", "nextflow.config", color="#3ac486"),
    _lang("Nginx", "data", ".nginx .nginxconf .vhost", "nginx.conf", color="#009639"),
    _lang("Nim", "programming", ".nim .nim.cfg .nimble .nimrod .nims", "nim.cfg", color="#ffc200"),
    _lang("Ninja", "data", ".ninja"),
    _lang("Nix", "programming", ".nix", color="#7e7eff"),
    _lang("NPM Config", "data", files=".npmrc", group="INI", color="#cb3837"),
    _lang("NSIS", "programming", ".nsi .nsh"),
    _lang("Nunjucks", "markup", ".njk", color="#3d8137"),
    _lang("Nushell", "programming", ".nu", color="#4E9906"),
    _lang("Objective-C", "programming", ".m .h", color="#438eff"),
    _lang("Objective-C++", "programming", ".mm", color="#6866fb"),
    _lang("Objective-J", "programming", ".j .sj", color="#ff0c5a"),
    _lang("OCaml", "programming", ".ml .eliom .eliomi .ml4 .mli .mll .mly", color="#ef7a08"),
    _lang("Odin", "programming", ".odin", color="#60AFFE"),
    _lang("Open Policy Agent", "programming", ".rego", color="#7d9199"),
    _lang("OpenCL", "programming", ".cl .opencl", group="C", color="#ed2e2d"),
    _lang("OpenEdge ABL", "programming", ".p .cls .w", color="#5ce600"),
    _lang("OpenSCAD", "programming", ".scad", color="#e5cd45"),
    _lang("Org", "prose", ".org", color="#77aa99"),
    _lang("Pascal", "programming", ".pas .dfm .dpr .inc .lpr .pascal .pp", color="#E3F171"),
    _lang("Pawn", "programming", ".pwn .inc .sma", color="#dbb284"),
    _lang(
        "Perl",
        "programming",
        ".pl .al .cgi .fcgi .perl .ph .plx .pm .psgi .t",
        ".latexmkrc Makefile.PL Rexfile ack cpanfile latexmkrc",
        color="#0298c3",
    ),
    _lang(
        "PHP",
        "programming",
        ".php .aw .ctp .fcgi .inc .php3 .php4 .php5 .phps .phpt",
        ".php .php_cs .php_cs.dist Phakefile",
        color="#4F5D95",
    ),
    _lang(
        "Pip Requirements",
        "data",
        files="dev-requirements.txt requirements-dev.txt requirements.lock.txt requirements.txt",
        color="#FFD343",
    ),
    _lang("PlantUML", "data", ".puml .iuml .plantuml", color="#fbbd16"),
    _lang("PLpgSQL", "programming", ".pgsql .sql", color="#336790"),
    _lang(
        "PLSQL",
        "programming",
        ".pls .bdy .ddl .fnc .pck .pkb .pks .plb .plsql .prc .spc .sql .tpb .tps .trg .vw",
        color="#dad8d8",
    ),
    _lang("Pod", "prose", ".pod"),
    _lang("Pod 6", "prose", ".pod .pod6"),
    _lang("Pony", "programming", ".pony"),
    _lang("PostCSS", "markup", ".pcss .postcss", group="CSS", color="#dc3a0c"),
    _lang("PostScript", "markup", ".ps .eps .epsi .pfa", color="#da291c"),
    _lang("PowerShell", "programming", ".ps1 .psd1 .psm1", color="#012456"),
    _lang("Prisma", "data", ".prisma", color="#0c344b"),
    _lang("Processing", "programming", ".pde", color="#0096D8"),
    _lang("Prolog", "programming", ".pl .plt .pro .prolog .yap", color="#74283c"),
    _lang("Protocol Buffer", "data", ".proto"),
    _lang("Protocol Buffer Text Format", "data", ".textproto .pbt .pbtxt .txtpb"),
    _lang("Pug", "markup", ".jade .pug", color="#a86454"),
    _lang("Puppet", "programming", ".pp", "Modulefile", color="#302B6D"),
    _lang("PureScript", "programming", ".purs", color="#1D222D"),
    _lang(
        "Python",
        "programming",
        (
            ".py .cgi .fcgi .gyp .gypi .lmi .py3 .pyde .pyi .pyp .pyt .pyw .rpy .spec .tac .wsgi "
            ".xpy"
        ),
        ".gclient DEPS SConscript SConstruct wscript",
        color="#3572A5",
    ),
    _lang("Q#", "programming", ".qs", color="#fed659"),
    _lang("QMake", "programming", ".pro .pri"),
    _lang("QML", "programming", ".qml .qbs", color="#44a51c"),
    _lang(
        "R",
        "programming",
        ".r .rd .rhistory .rsx",
        ".Rapp.history .Rhistory .Rprofile expr-dist",
        color="#198CE7",
    ),
    _lang("Racket", "programming", ".rkt .rktd .rktl .scrbl", color="#3c5caa"),
    _lang(
        "Raku",
        "programming",
        ".6pl .6pm .nqp .p6 .p6l .p6m .pl .pl6 .pm .pm6 .raku .rakumod .t",
        color="#0000fb",
    ),
    _lang("RDoc", "prose", ".rdoc", color="#701516"),
    _lang("Reason", "programming", ".re .rei", color="#ff5847"),
    _lang("Rebol", "programming", ".reb .r .r2 .r3 .rebol", color="#358a5b"),
    _lang("Red", "programming", ".red .reds", color="#f50000"),
    _lang("Ren'Py", "programming", ".rpy", color="#ff7f7f"),
    _lang("RenderScript", "programming", ".rs .rsh"),
    _lang("ReScript", "programming", ".res .resi", color="#ed5051"),
    _lang("reStructuredText", "prose", ".rst .rest .rest.txt .rst.txt", color="#141414"),
    _lang("RMarkdown", "prose", ".qmd .rmd", color="#198ce7"),
    _lang("RobotFramework", "programming", ".robot .resource", color="#00c0b5"),
    _lang("Rocq Prover", "programming", ".v .coq", color="#d0b68c"),
    _lang(
        "Roff",
        "markup",
        (
            ".roff .1 .1in .1m .1x .2 .3 .3in .3m .3p .3pm .3qt .3x .4 .5 .6 .7 .8 .9 .l .man "
            ".mdoc .me .ms .n .nr .rno .tmac"
        ),
        "eqnrc mmn mmt troffrc troffrc-end",
        color="#ecdebe",
    ),
    _lang(
        "Roff Manpage",
        "markup",
        ".1 .1in .1m .1x .2 .3 .3in .3m .3p .3pm .3qt .3x .4 .5 .6 .7 .8 .9 .man .mdoc",
        group="Roff",
        color="#ecdebe",
    ),
    _lang("RON", "data", ".ron", color="#a62c00"),
    _lang("RPM Spec", "data", ".spec"),
    _lang(
        "Ruby",
        "programming",
        (
            ".rb .builder .eye .fcgi .gemspec .god .jbuilder .mspec .pluginspec .podspec .prawn "
            ".rabl .rake .rbi .rbuild .rbw .rbx .ru .ruby .spec .thor .watchr"
        ),
        (
            ".irbrc .pryrc .simplecov Appraisals Berksfile Brewfile Buildfile Capfile Dangerfile "
            "Deliverfile Fastfile Gemfile Guardfile Jarfile Mavenfile Podfile Puppetfile Rakefile "
            "Snapfile Steepfile Thorfile Vagrantfile buildfile"
        ),
        color="#701516",
    ),
    _lang("Rust", "programming", ".rs .rs.in", color="#dea584"),
    _lang("SAS", "programming", ".sas", color="#B34936"),
    _lang("Sass", "markup", ".sass", color="#a53b70"),
    _lang("Scala", "programming", ".scala .kojo .sbt .sc", color="#c22d40"),
    _lang("Scheme", "programming", ".scm .sch .sld .sls .sps .ss", color="#1e4aec"),
    _lang("Scilab", "programming", ".sci .sce .tst", color="#ca0f21"),
    _lang("SCSS", "markup", ".scss", color="#c6538c"),
    _lang("ShaderLab", "programming", ".shader", color="#222c37"),
    _lang(
        "Shell",
        "programming",
        (
            ".sh .bash .bats .cgi .command .fcgi .ksh .pacscript .sbatch .sh.in .slurm .tmux "
            ".tool .trigger .zsh .zsh-theme"
        ),
        (
            ".bash_aliases .bash_functions .bash_history .bash_logout .bash_profile .bashrc "
            ".cshrc .envrc .flaskenv .kshrc .login .profile .tmux.conf .xinitrc .xsession .zlogin "
            ".zlogout .zprofile .zshenv .zshrc 9fs PKGBUILD bash_aliases bash_logout bash_profile "
            "bashrc cshrc gradlew kshrc login man mvnw profile tmux.conf xinitrc xsession zlogin "
            "zlogout zprofile zshenv zshrc"
        ),
        color="#89e051",
    ),
    _lang("Slim", "markup", ".slim", color="#2b2b2b"),
    _lang("Smali", "programming", ".smali"),
    _lang("Smalltalk", "programming", ".st .cs", color="#596706"),
    _lang("Smarty", "programming", ".tpl", color="#f0c040"),
    _lang(
        "Snakemake",
        "programming",
        ".smk .snakefile",
        "Snakefile",
        group="Python",
        color="#419179",
    ),
    _lang("Solidity", "programming", ".sol", color="#AA6746"),
    _lang("SourcePawn", "programming", ".sp .inc", color="#f69e1d"),
    _lang("SQL", "data", ".sql .ddl .inc .mysql .prc .tab .udf .viw", color="#e38c00"),
    _lang("Standard ML", "programming", ".ml .fun .sig .sml", color="#dc566d"),
    _lang(
        "Starlark",
        "programming",
        ".bzl .star",
        ("BUCK BUILD BUILD.bazel MODULE.bazel Tiltfile WORKSPACE WORKSPACE.bazel WORKSPACE.bzlmod"),
        color="#76d275",
    ),
    _lang("Stata", "programming", ".do .ado .doh .ihlp .mata .matah .sthlp", color="#1a5f91"),
    _lang("StringTemplate", "markup", ".st", color="#3fb34f"),
    _lang("Stylus", "markup", ".styl", color="#ff6347"),
    _lang("SuperCollider", "programming", ".sc .scd", color="#46390b"),
    _lang("Svelte", "markup", ".svelte", color="#ff3e00"),
    _lang("SVG", "data", ".svg", color="#ff9900"),
    _lang("Swift", "programming", ".swift", color="#F05138"),
    _lang("SWIG", "programming", ".i .swg .swig"),
    _lang("SystemVerilog", "programming", ".sv .svh .vh", color="#DAE1C2"),
    _lang(
        "Tcl",
        "programming",
        ".tcl .adp .sdc .tcl.in .tm .xdc",
        "owh starfield",
        color="#e4cc98",
    ),
    _lang("Tcsh", "programming", ".tcsh .csh", group="Shell"),
    _lang("Teal", "programming", ".tl", color="#00B1BC"),
    _lang("templ", "markup", ".templ", color="#66D0DD"),
    _lang(
        "TeX",
        "markup",
        ".tex .aux .bbx .cbx .cls .dtx .ins .lbx .ltx .mkii .mkiv .mkvi .sty .toc",
        color="#3D6117",
    ),
    _lang("Texinfo", "prose", ".texinfo .texi .txi"),
    _lang(
        "Text",
        "prose",
        ".txt .fr .nb .ncl .no",
        (
            "CITATION CITATIONS COPYING COPYING.regex COPYRIGHT.regex FONTLOG INSTALL "
            "INSTALL.mysql LICENSE LICENSE.mysql NEWS README.me README.mysql README.nss README.pc "
            "click.me delete.me keep.me package.mask package.use.mask package.use.stable.mask "
            "read.me readme.1st test.me use.mask use.stable.mask"
        ),
    ),
    _lang("Textile", "prose", ".textile", color="#ffe7ac"),
    _lang("Thrift", "programming", ".thrift", color="#D12127"),
    _lang(
        "TOML",
        "data",
        ".toml .toml.example",
        (
            "Cargo.lock Cargo.toml.orig Gopkg.lock Pipfile mise.local.lock mise.lock pdm.lock "
            "poetry.lock uv.lock"
        ),
        color="#9c4221",
    ),
    _lang("TSQL", "programming", ".sql", color="#e38c00"),
    _lang("TSV", "data", ".tsv .vcf", color="#237346"),
    _lang("TSX", "programming", ".tsx", group="TypeScript", color="#3178c6"),
    _lang("Twig", "markup", ".twig", color="#c1d026"),
    _lang("TypeScript", "programming", ".ts .cts .mts", color="#3178c6"),
    _lang("Unix Assembly", "programming", ".s .ms", group="Assembly"),
    _lang("V", "programming", ".v", color="#4f87c4"),
    _lang("Vala", "programming", ".vala .vapi", color="#a56de2"),
    _lang("VBA", "programming", ".bas .cls .frm .vba", color="#867db1"),
    _lang("VBScript", "programming", ".vbs", color="#15dcdc"),
    _lang("Velocity Template Language", "markup", ".vtl", color="#507cff"),
    _lang("Verilog", "programming", ".v .veo", color="#b2b7f8"),
    _lang("VHDL", "programming", ".vhdl .vhd .vhf .vhi .vho .vhs .vht .vhw", color="#adb2cb"),
    _lang(
        "Vim script",
        "programming",
        ".vim .vba .vimrc .vmb",
        ".exrc .gvimrc .nvimrc .vimrc _vimrc gvimrc nvimrc vimrc",
        color="#199f4b",
    ),
    _lang("Visual Basic .NET", "programming", ".vb .vbhtml", color="#945db7"),
    _lang("Visual Basic 6.0", "programming", ".bas .cls .ctl .dsr .frm", color="#2c6353"),
    _lang("Vue", "markup", ".vue", color="#41b883"),
    _lang("Vyper", "programming", ".vy", color="#9F4CF2"),
    _lang("WebAssembly", "programming", ".wast .wat", color="#04133b"),
    _lang("WGSL", "programming", ".wgsl", color="#1a5e9a"),
    _lang("Wikitext", "prose", ".mediawiki .wiki .wikitext", color="#fc5757"),
    _lang(
        "Wolfram Language",
        "programming",
        ".mathematica .cdf .m .ma .mt .nb .nbp .wl .wls .wlt",
        color="#dd1100",
    ),
    _lang(
        "XML",
        "data",
        (
            ".xml .adml .admx .ant .axaml .axml .builds .ccproj .ccxml .clixml .cproject .cscfg "
            ".csdef .csl .csproj .ct .depproj .dita .ditamap .ditaval .dll.config .dotsettings "
            ".filters .fsproj .fxml .glade .gml .gmx .gpx .grxml .gst .hzp .icls .iml .ivy .jelly "
            ".jsproj .kml .launch .mdpolicy .meta4 .mjml .mm .mod .mojo .mxml .natvis .ncl "
            ".ndproj .nproj .nuspec .odd .osm .pkgproj .pluginspec .proj .props .ps1xml .psc1 .pt "
            ".pubxml .qhelp .rbxmx .rdf .res .resx .rs .rss .sch .scxml .sfproj .shproj .slnx "
            ".srdf .storyboard .sublime-snippet .sw .targets .tml .ts .tsx .typ .ui .urdf .ux "
            ".vbproj .vcxproj .vsixmanifest .vssettings .vstemplate .vxml .wixproj .workflow "
            ".wsdl .wsf .wxi .wxl .wxs .x3d .xacro .xaml .xib .xlf .xliff .xmi .xml.dist .xmp "
            ".xproj .xsd .xspec .xul .zcml"
        ),
        (
            ".classpath .cproject .project App.config NuGet.config Settings.StyleCop "
            "Web.Debug.config Web.Release.config Web.config packages.config"
        ),
        color="#0060ac",
    ),
    _lang(
        "XML Property List",
        "data",
        ".plist .sttheme .tmcommand .tmlanguage .tmpreferences .tmsnippet .tmtheme",
        group="XML",
        color="#0060ac",
    ),
    _lang("Xtend", "programming", ".xtend", color="#24255d"),
    _lang("Yacc", "programming", ".y .yacc .yy", color="#4B6C4B"),
    _lang(
        "YAML",
        "data",
        (
            ".yml .mir .reek .rviz .sublime-syntax .syntax .yaml .yaml-tmlanguage .yaml.sed "
            ".yml.mysql"
        ),
        ".clang-format .clang-tidy .clangd .gemrc CITATION.cff glide.lock pixi.lock yarn.lock",
        color="#cb171e",
    ),
    _lang("Zephir", "programming", ".zep", color="#118f9e"),
    _lang("Zig", "programming", ".zig .zig.zon", color="#ec915c"),
)

BY_NAME: dict[str, Language] = {language.name: language for language in LANGUAGES}

BY_FILENAME: dict[str, Language] = {
    filename: language for language in LANGUAGES for filename in language.filenames
}


def _index_extensions(languages: tuple[Language, ...]) -> dict[str, tuple[Language, ...]]:
    """Map every extension to the languages claiming it, in :data:`LANGUAGES` order."""
    index: dict[str, list[Language]] = {}
    for language in languages:
        for extension in language.extensions:
            index.setdefault(extension, []).append(language)
    return {extension: tuple(claimants) for extension, claimants in index.items()}


BY_EXTENSION: dict[str, tuple[Language, ...]] = _index_extensions(LANGUAGES)


def candidates_for(basename: str) -> tuple[Language, ...]:
    """Return the languages a file's base name points to, or ``()`` when unknown.

    Resolution order:

    1. an exact, case-sensitive file name (``"Dockerfile"``, ``"CMakeLists.txt"``, ``".bashrc"``)
       gives exactly that language;
    2. otherwise the longest known extension suffix of the lower-cased name wins, so
       ``"a.blade.php"`` is Blade rather than PHP and ``"x.gradle.kts"`` is Gradle Kotlin DSL.
       A leading dot does not start an extension: ``".bashrc"`` can only match by file name,
       and ``".eslintrc.json"`` is tried as ``".json"``.

    Several languages are returned when an extension is ambiguous (``".h"``); pick one with
    :mod:`detectors.census.heuristics`. Cost: one dict look-up per dot in the name.
    """
    language = BY_FILENAME.get(basename)
    if language is not None:
        return (language,)
    lowered = basename.lower()
    dot = lowered.find(".", 1)
    while dot != -1:
        found = BY_EXTENSION.get(lowered[dot:])
        if found is not None:
            return found
        dot = lowered.find(".", dot + 1)
    return ()


def matched_extension(basename: str) -> str | None:
    """Return the :data:`BY_EXTENSION` key :func:`candidates_for` matches for ``basename``.

    This is the lower-cased, longest known extension suffix (``"a.Blade.PHP"`` ->
    ``".blade.php"``), the key to pass to :mod:`detectors.census.heuristics`. Returns ``None``
    when the base name is an exact file name of :data:`BY_FILENAME` or has no known extension.
    """
    if basename in BY_FILENAME:
        return None
    lowered = basename.lower()
    dot = lowered.find(".", 1)
    while dot != -1:
        if lowered[dot:] in BY_EXTENSION:
            return lowered[dot:]
        dot = lowered.find(".", dot + 1)
    return None
