"""Integrity tests for the census data: the language table, candidates_for and path rules."""

from __future__ import annotations

import re

import pytest

from detectors.census import heuristics, path_rules
from detectors.census.languages import (
    BY_EXTENSION,
    BY_FILENAME,
    BY_NAME,
    LANGUAGES,
    Language,
    candidates_for,
    matched_extension,
)

VALID_TYPES = {"programming", "markup", "data", "prose"}


# ---------------------------------------------------------------------------------------------
# Language table
# ---------------------------------------------------------------------------------------------


def test_language_names_are_unique() -> None:
    names = [language.name for language in LANGUAGES]
    assert len(names) == len(set(names))
    assert set(BY_NAME) == set(names)


def test_languages_are_sorted_by_name() -> None:
    names = [language.name for language in LANGUAGES]
    assert names == sorted(names, key=str.lower)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.name)
def test_language_record_is_well_formed(language: Language) -> None:
    assert language.type in VALID_TYPES
    assert language.name and language.name == language.name.strip()
    assert language.extensions or language.filenames
    assert len(set(language.extensions)) == len(language.extensions)
    for extension in language.extensions:
        assert extension.startswith("."), extension
        assert extension == extension.lower(), extension
        assert len(extension) > 1 and not any(ch.isspace() for ch in extension), extension
    for filename in language.filenames:
        assert filename and "/" not in filename and not any(ch.isspace() for ch in filename)
    if language.group is not None:
        assert language.group in BY_NAME, language.group
    if language.color is not None:
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", language.color), language.color


def test_language_is_immutable() -> None:
    with pytest.raises(AttributeError):
        BY_NAME["Python"].name = "Snake"  # type: ignore[misc]


def test_at_least_80_programming_and_markup_languages() -> None:
    count = sum(1 for language in LANGUAGES if language.type in {"programming", "markup"})
    assert count >= 80


def test_data_and_prose_languages_are_present() -> None:
    assert sum(1 for language in LANGUAGES if language.type == "data") >= 30
    assert sum(1 for language in LANGUAGES if language.type == "prose") >= 8


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        # programming
        ("C", "programming"),
        ("C++", "programming"),
        ("C#", "programming"),
        ("Java", "programming"),
        ("Kotlin", "programming"),
        ("Scala", "programming"),
        ("Groovy", "programming"),
        ("Go", "programming"),
        ("Rust", "programming"),
        ("Python", "programming"),
        ("Ruby", "programming"),
        ("PHP", "programming"),
        ("Perl", "programming"),
        ("Raku", "programming"),
        ("JavaScript", "programming"),
        ("TypeScript", "programming"),
        ("TSX", "programming"),
        ("CoffeeScript", "programming"),
        ("Dart", "programming"),
        ("Swift", "programming"),
        ("Objective-C", "programming"),
        ("Objective-C++", "programming"),
        ("Shell", "programming"),
        ("PowerShell", "programming"),
        ("Batchfile", "programming"),
        ("Lua", "programming"),
        ("R", "programming"),
        ("Julia", "programming"),
        ("MATLAB", "programming"),
        ("Haskell", "programming"),
        ("OCaml", "programming"),
        ("F#", "programming"),
        ("Elixir", "programming"),
        ("Erlang", "programming"),
        ("Clojure", "programming"),
        ("Elm", "programming"),
        ("Scheme", "programming"),
        ("Common Lisp", "programming"),
        ("Emacs Lisp", "programming"),
        ("Nix", "programming"),
        ("HCL", "programming"),
        ("Dockerfile", "programming"),
        ("Makefile", "programming"),
        ("CMake", "programming"),
        ("Starlark", "programming"),
        ("Solidity", "programming"),
        ("Zig", "programming"),
        ("Nim", "programming"),
        ("Crystal", "programming"),
        ("V", "programming"),
        ("D", "programming"),
        ("Fortran", "programming"),
        ("COBOL", "programming"),
        ("Pascal", "programming"),
        ("Ada", "programming"),
        ("Assembly", "programming"),
        ("VBA", "programming"),
        ("Visual Basic .NET", "programming"),
        ("Vim script", "programming"),
        ("Smarty", "programming"),
        ("PLpgSQL", "programming"),
        ("TSQL", "programming"),
        ("Thrift", "programming"),
        ("Verilog", "programming"),
        ("SystemVerilog", "programming"),
        ("VHDL", "programming"),
        ("GLSL", "programming"),
        ("HLSL", "programming"),
        ("Cuda", "programming"),
        ("Prolog", "programming"),
        ("Mercury", "programming"),
        ("Rocq Prover", "programming"),
        ("Apex", "programming"),
        ("ABAP", "programming"),
        ("Hack", "programming"),
        ("Mojo", "programming"),
        ("Gleam", "programming"),
        ("ReScript", "programming"),
        ("PureScript", "programming"),
        ("Racket", "programming"),
        ("Tcl", "programming"),
        ("AutoHotkey", "programming"),
        ("GDScript", "programming"),
        ("QML", "programming"),
        ("Jsonnet", "programming"),
        ("Cython", "programming"),
        ("Pawn", "programming"),
        # markup
        ("Vue", "markup"),
        ("Svelte", "markup"),
        ("Astro", "markup"),
        ("HTML", "markup"),
        ("CSS", "markup"),
        ("SCSS", "markup"),
        ("Sass", "markup"),
        ("Less", "markup"),
        ("Stylus", "markup"),
        ("Jupyter Notebook", "markup"),
        ("Twig", "markup"),
        ("Jinja", "markup"),
        ("Handlebars", "markup"),
        ("Mustache", "markup"),
        ("EJS", "markup"),
        ("HTML+ERB", "markup"),
        ("Blade", "markup"),
        ("Haml", "markup"),
        ("Slim", "markup"),
        ("Pug", "markup"),
        ("TeX", "markup"),
        ("Roff", "markup"),
        # data
        ("JSON", "data"),
        ("YAML", "data"),
        ("TOML", "data"),
        ("XML", "data"),
        ("INI", "data"),
        ("CSV", "data"),
        ("SQL", "data"),
        ("GraphQL", "data"),
        ("Protocol Buffer", "data"),
        # prose
        ("Markdown", "prose"),
        ("reStructuredText", "prose"),
        ("AsciiDoc", "prose"),
        ("Text", "prose"),
    ],
)
def test_required_language_has_linguist_type(name: str, type_: str) -> None:
    assert BY_NAME[name].type == type_


def test_linguist_facts_are_kept() -> None:
    assert BY_NAME["Python"].color == "#3572A5"
    assert BY_NAME["TSX"].group == "TypeScript"
    assert BY_NAME["HTML+ERB"].group == "HTML"
    assert BY_NAME["Unix Assembly"].group == "Assembly"
    assert BY_NAME["Python"].group is None
    assert ".jsx" in BY_NAME["JavaScript"].extensions  # linguist has no separate JSX language
    assert "JSX" not in BY_NAME
    assert BY_NAME["Blade"].extensions == (".blade", ".blade.php")
    assert "Dockerfile" in BY_NAME["Dockerfile"].filenames


def test_by_filename_maps_every_filename_to_its_only_claimant() -> None:
    claimed: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for filename in language.filenames:
            claimed.setdefault(filename, []).append(language.name)
    duplicates = {name: owners for name, owners in claimed.items() if len(owners) > 1}
    assert duplicates == {}
    assert {name: language.name for name, language in BY_FILENAME.items()} == {
        name: owners[0] for name, owners in claimed.items()
    }


def test_by_extension_matches_the_table() -> None:
    for language in LANGUAGES:
        for extension in language.extensions:
            assert language in BY_EXTENSION[extension]
    for extension, claimants in BY_EXTENSION.items():
        assert claimants, extension
        assert all(extension in language.extensions for language in claimants)
        order = [LANGUAGES.index(language) for language in claimants]
        assert order == sorted(order)


def test_every_ambiguous_extension_is_handled() -> None:
    ambiguous = {extension for extension, claimants in BY_EXTENSION.items() if len(claimants) > 1}
    assert ambiguous == set(heuristics.AMBIGUOUS_EXTENSIONS)
    for extension in ambiguous:
        candidates = BY_EXTENSION[extension]
        assert heuristics.default_for(extension, candidates) in candidates, extension


# ---------------------------------------------------------------------------------------------
# candidates_for
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basename", "expected"),
    [
        ("Dockerfile", ("Dockerfile",)),
        ("Containerfile", ("Dockerfile",)),
        ("app.dockerfile", ("Dockerfile",)),
        ("CMakeLists.txt", ("CMake",)),
        ("main.go", ("Go",)),
        ("MAIN.GO", ("Go",)),
        ("a.blade.php", ("Blade",)),
        ("index.php", ("Hack", "PHP")),
        ("x.gradle.kts", ("Gradle Kotlin DSL",)),
        ("build.gradle", ("Gradle",)),
        ("Main.kts", ("Kotlin",)),
        (".bashrc", ("Shell",)),
        ("Makefile", ("Makefile",)),
        ("GNUmakefile", ("Makefile",)),
        ("rules.mk", ("Makefile",)),
        ("foo.tsx", ("TSX", "XML")),
        ("foo.ts", ("TypeScript", "XML")),
        ("types.d.ts", ("TypeScript", "XML")),
        ("foo.jsx", ("JavaScript",)),
        ("foo.h", ("C", "C++", "Objective-C")),
        ("Gemfile", ("Ruby",)),
        ("Rakefile", ("Ruby",)),
        ("Jenkinsfile", ("Groovy",)),
        ("BUILD.bazel", ("Starlark",)),
        ("BUILD", ("Starlark",)),
        ("page.html.erb", ("HTML+ERB",)),
        ("configure.sh.in", ("Shell",)),
        ("notebook.ipynb", ("Jupyter Notebook",)),
        ("README.md", ("GCC Machine Description", "Markdown")),
        ("guide.rst", ("reStructuredText",)),
        ("package.json", ("JSON",)),
        ("tsconfig.json", ("JSON with Comments",)),
        (".eslintrc.json", ("JSON with Comments",)),
        ("go.mod", ("Go Module",)),
        ("main.tf", ("HCL",)),
        ("App.vue", ("Vue",)),
        ("query.sql", ("PLpgSQL", "PLSQL", "SQL", "TSQL")),
        ("style.module.scss", ("SCSS",)),
        # Unknown names: no extension, unknown extension, unknown dot-file, trailing dot.
        ("README", ()),
        ("LICENSE.unknownext", ()),
        ("dockerfile", ()),
        (".hidden", ()),
        ("archive.tar.gz", ()),
        ("foo.", ()),
        ("", ()),
    ],
)
def test_candidates_for(basename: str, expected: tuple[str, ...]) -> None:
    assert tuple(language.name for language in candidates_for(basename)) == expected


def test_filename_match_is_case_sensitive_but_extension_match_is_not() -> None:
    assert candidates_for("makefile") == (BY_NAME["Makefile"],)  # linguist lists both spellings
    assert candidates_for("MAKEFILE") == ()
    assert candidates_for("Script.PS1") == (BY_NAME["PowerShell"],)


@pytest.mark.parametrize(
    ("basename", "extension"),
    [
        ("a.Blade.PHP", ".blade.php"),
        ("index.php", ".php"),
        ("x.gradle.kts", ".gradle.kts"),
        ("types.d.ts", ".ts"),
        ("foo.H", ".h"),
        ("Dockerfile", None),
        ("Makefile.inc", None),  # an exact file name wins over the ".inc" extension
        (".bashrc", None),
        ("README", None),
        ("archive.tar.gz", None),
    ],
)
def test_matched_extension(basename: str, extension: str | None) -> None:
    assert matched_extension(basename) == extension
    if extension is not None:
        assert candidates_for(basename) == BY_EXTENSION[extension]


# ---------------------------------------------------------------------------------------------
# Path rules
# ---------------------------------------------------------------------------------------------

# Each rule with a path it must match and a near miss it must not match.
VENDOR_EXAMPLES: dict[str, tuple[str, str]] = {
    r"(^|/)cache/": ("app/cache/x.php", "app/mycache/x.php"),
    r"^[Dd]ependencies/": ("Dependencies/a.h", "src/dependencies/a.h"),
    r"(^|/)dist/": ("web/dist/app.js", "web/distribution/app.js"),
    r"^deps/": ("deps/lua/lua.c", "src/deps/lua.c"),
    r"(^|/)configure$": ("configure", "configure.ac"),
    r"(^|/)config\.guess$": ("build-aux/config.guess", "config.guess.bak"),
    r"(^|/)config\.sub$": ("config.sub", "config.subst"),
    r"(^|/)(aclocal|libtool|ltoptions|ltsugar|ltversion|lt~obsolete)\.m4": (
        "m4/libtool.m4",
        "m4/ax_pthread.m4",
    ),
    r"(^|/)dotnet-install\.(ps1|sh)$": ("eng/dotnet-install.sh", "eng/dotnet-install.cmd"),
    r"(^|/)cpplint\.py": ("tools/cpplint.py", "tools/pylint.py"),
    r"(^|/)node_modules/": ("a/b/node_modules/c/index.js", "src/node_modules_helper.js"),
    r"(^|/)\.yarn/(releases|plugins|sdks|versions|unplugged)/": (
        ".yarn/releases/yarn-3.6.1.cjs",
        ".yarn/cache/pkg.zip",
    ),
    r"(^|/)_esy$": ("_esy", "_esy/build"),
    r"(^|/)bower_components/": ("static/bower_components/x.js", "static/bower.json"),
    r"^rebar$": ("rebar", "tools/rebar"),
    r"(^|/)erlang\.mk": ("erlang.mk", "deps/erlang_mk"),
    r"(^|/)Godeps/_workspace/": ("Godeps/_workspace/src/a.go", "Godeps/Godeps.json"),
    r"(^|/)testdata/": ("pkg/testdata/in.txt", "pkg/testdata.go"),
    r"(^|/)\.indent\.pro": (".indent.pro", "indent.pro"),
    r"(\.|-)min\.(js|css)$": ("static/app.min.js", "static/admin.js"),
    r"import\.(css|less|scss|styl)$": ("styles/import.less", "styles/import.less.map"),
    r"(^|/)bootstrap([^/.]*)(\..*)?\.(js|css|less|scss|styl)$": (
        "css/bootstrap-theme.css",
        "js/my-bootstrap.js",
    ),
    r"(^|/)custom\.bootstrap([^\s]*)(js|css|less|scss|styl)$": (
        "js/custom.bootstrap.js",
        "js/custom.bootstrap.ts",
    ),
    r"(^|/)font-?awesome\.(css|less|scss|styl)$": ("css/font-awesome.css", "css/awesome.css"),
    r"(^|/)font-?awesome/.*\.(css|less|scss|styl)$": (
        "lib/fontawesome/css/all.css",
        "lib/fontawesome/js/all.js",
    ),
    r"(^|/)foundation\.(css|less|scss|styl)$": ("css/foundation.css", "css/foundations.css"),
    r"(^|/)normalize\.(css|less|scss|styl)$": ("normalize.css", "normalize.js"),
    r"(^|/)skeleton\.(css|less|scss|styl)$": ("css/skeleton.css", "css/skeleton-ui.css"),
    r"(^|/)[Bb]ourbon/.*\.(css|less|scss|styl)$": (
        "sass/bourbon/_bourbon.scss",
        "sass/bourbon/README.md",
    ),
    r"(^|/)animate\.(css|less|scss|styl)$": ("css/animate.css", "css/animated.css"),
    r"(^|/)materialize\.(css|less|scss|styl|js)$": ("js/materialize.js", "js/materialize.ts"),
    r"(^|/)select2/.*\.(css|scss|js)$": ("lib/select2/select2.js", "lib/select2/select2.png"),
    r"(^|/)bulma\.(css|sass|scss)$": ("css/bulma.css", "css/bulma.less"),
    r"(3rd|[Tt]hird)[-_]?[Pp]arty/": ("src/third_party/zlib/zlib.h", "src/thirdparty.c"),
    r"(^|/)vendors?/": ("app/vendor/lib.rb", "app/Vendor/lib.rb"),
    r"(^|/)[Ee]xtern(als?)?/": ("externals/lib.c", "external_api/lib.c"),
    r"(^|/)[Vv]+endor/": ("Vendor/lib.rb", "VENDOR/lib.rb"),
    r"^debian/": ("debian/rules", "pkg/debian/rules"),
    r"(^|/)run\.n$": ("run.n", "run.nim"),
    r"(^|/)bootstrap-datepicker/": ("js/bootstrap-datepicker/x.js", "js/datepicker/x.js"),
    r"(^|/)jquery([^.]*)\.js$": ("js/jquery-latest.js", "js/myjquery.js"),
    r"(^|/)jquery-\d\.\d+(\.\d+)?\.js$": ("jquery-1.12.4.js", "jquery-x.js.map"),
    r"(^|/)jquery-ui(-\d\.\d+(\.\d+)?)?(\.\w+)?\.(js|css)$": (
        "js/jquery-ui-1.13.2.custom.css",
        "js/jquery-ui.scss",
    ),
    r"(^|/)jquery\.(ui|effects)\.([^.]*)\.(js|css)$": (
        "js/jquery.ui.widget.js",
        "js/jquery.ui.js.map",
    ),
    r"(^|/)jquery\.fn\.gantt\.js": ("js/jquery.fn.gantt.js", "js/jquery.gantt.ts"),
    r"(^|/)jquery\.fancybox\.(js|css)": ("js/jquery.fancybox.css", "js/fancybox.css"),
    r"(^|/)fuelux\.js": ("js/fuelux.js", "js/fuelux.ts"),
    r"(^|/)jquery\.fileupload(-\w+)?\.js$": ("js/jquery.fileupload-ui.js", "js/fileupload.js"),
    r"(^|/)jquery\.dataTables\.js": ("js/jquery.dataTables.js", "js/jquery.datatables.ts"),
    r"(^|/)bootbox\.js": ("js/bootbox.js", "js/bootbox.ts"),
    r"(^|/)pdf\.worker\.js": ("pdfjs/pdf.worker.js", "pdfjs/worker.js"),
    r"(^|/)slick\.\w+.js$": ("js/slick.grid.js", "js/slick.ts"),
    r"(^|/)Leaflet\.Coordinates-\d+\.\d+\.\d+\.src\.js$": (
        "Leaflet.Coordinates-0.1.5.src.js",
        "Leaflet.Coordinates.js",
    ),
    r"(^|/)leaflet\.draw-src\.js": ("js/leaflet.draw-src.js", "js/leaflet.draw.ts"),
    r"(^|/)leaflet\.draw\.css": ("css/leaflet.draw.css", "css/leaflet.css"),
    r"(^|/)Control\.FullScreen\.(css|js)": ("Control.FullScreen.js", "Control.Zoom.js"),
    r"(^|/)leaflet\.spin\.js": ("js/leaflet.spin.js", "js/spin.js"),
    r"(^|/)wicket-leaflet\.js": ("js/wicket-leaflet.js", "js/wicket.js"),
    r"(^|/)\.sublime-project": (".sublime-project", "app.sublime-project"),
    r"(^|/)\.sublime-workspace": (".sublime-workspace", "app.sublime-workspace"),
    r"(^|/)\.vscode/": (".vscode/settings.json", "vscode/settings.json"),
    r"(^|/)prototype(.*)\.js$": ("js/prototype-1.7.js", "js/myprototype.js"),
    r"(^|/)effects\.js$": ("js/effects.js", "js/side_effects.js"),
    r"(^|/)controls\.js$": ("js/controls.js", "js/controls.jsx"),
    r"(^|/)dragdrop\.js$": ("js/dragdrop.js", "js/dragdrop.ts"),
    r"\.d\.ts$": ("types/index.d.ts", "types/index.ts"),
    r"(^|/)mootools([^.]*)\d+\.\d+.\d+([^.]*)\.js$": (
        "js/mootools-core-1.4.5-full.js",
        "js/mootools.js",
    ),
    r"(^|/)dojo\.js$": ("dojo/dojo.js", "dojo/dojox.js"),
    r"(^|/)MochiKit\.js$": ("MochiKit.js", "mochikit.js"),
    r"(^|/)yahoo-([^.]*)\.js$": ("yui/yahoo-dom-event.js", "yui/yahoo.js"),
    r"(^|/)yui([^.]*)\.js$": ("yui/yui-min.js", "yui/yui.ts"),
    r"(^|/)ckeditor\.js$": ("ckeditor/ckeditor.js", "ckeditor/config.js"),
    r"(^|/)tiny_mce([^.]*)\.js$": ("tiny_mce/tiny_mce_src.js", "tinymce/tinymce.js"),
    r"(^|/)tiny_mce/(langs|plugins|themes|utils)": ("tiny_mce/plugins/x.js", "tiny_mce/x.js"),
    r"(^|/)ace-builds/": ("ace-builds/src/ace.js", "ace/src/ace.js"),
    r"(^|/)fontello(.*?)\.css$": ("css/fontello-codes.css", "css/fontello.scss"),
    r"(^|/)MathJax/": ("MathJax/MathJax.js", "mathjax/MathJax.js"),
    r"(^|/)Chart\.js$": ("js/Chart.js", "js/chart.js"),
    r"(^|/)[Cc]ode[Mm]irror/(\d+\.\d+/)?(lib|mode|theme|addon|keymap|demo)": (
        "codemirror/mode/python/python.js",
        "codemirror/src/x.js",
    ),
    r"(^|/)shBrush([^.]*)\.js$": ("js/shBrushPython.js", "js/brush.js"),
    r"(^|/)shCore\.js$": ("js/shCore.js", "js/core.js"),
    r"(^|/)shLegacy\.js$": ("js/shLegacy.js", "js/legacy.js"),
    r"(^|/)angular([^.]*)\.js$": ("js/angular-route.js", "js/my-angular.js"),
    r"(^|/)d3(\.v\d+)?([^.]*)\.js$": ("js/d3.v7.js", "js/d3.min.ts"),
    r"(^|/)react(-[^.]*)?\.js$": ("js/react-dom.js", "js/reactive.js"),
    r"(^|/)flow-typed/.*\.js$": ("flow-typed/npm/lodash.js", "flow-typed/README.md"),
    r"(^|/)modernizr-\d\.\d+(\.\d+)?\.js$": ("js/modernizr-2.8.3.js", "js/modernizr.js"),
    r"(^|/)modernizr\.custom\.\d+\.js$": ("js/modernizr.custom.12345.js", "js/modernizr.js"),
    r"(^|/)knockout-(\d+\.){3}(debug\.)?js$": ("js/knockout-3.5.1.js", "js/knockout.js"),
    r"(^|/)docs?/_?(build|themes?|templates?|static)/": (
        "docs/_build/html/index.html",
        "docs/source/index.rst",
    ),
    r"(^|/)admin_media/": ("static/admin_media/base.css", "static/media/base.css"),
    r"(^|/)env/": ("env/lib/python3.11/site.py", "environment/x.py"),
    r"(^|/)fabfile\.py$": ("fabfile.py", "fabfile_test.py"),
    r"(^|/)waf$": ("waf", "waf.py"),
    r"(^|/)\.osx$": (".osx", "setup.osx.sh"),
    r"\.xctemplate/": ("Templates/App.xctemplate/main.m", "Templates/App/main.m"),
    r"\.imageset/": ("Assets.xcassets/icon.imageset/Contents.json", "Assets/icon/a.json"),
    r"(^|/)Carthage/": ("Carthage/Checkouts/x.swift", "MyCarthage/x.swift"),
    r"(^|/)Sparkle/": ("Sparkle/SUUpdater.m", "Sparkles/SUUpdater.m"),
    r"(^|/)(Crashlytics|Fabric|BuddyBuildSDK)\.framework/": (
        "Fabric.framework/Headers/Fabric.h",
        "Fabric/Headers/Fabric.h",
    ),
    r"(^|/)(Realm|RealmSwift)\.framework": ("Realm.framework/Realm.h", "Realm/Realm.h"),
    r"(^|/)\.(gitattributes|gitignore|gitmodules)$": ("sub/.gitignore", "sub/gitignore"),
    r"(^|/)gradlew$": ("android/gradlew", "android/gradlew.sh"),
    r"(^|/)gradlew\.bat$": ("gradlew.bat", "gradlew.cmd"),
    r"(^|/)gradle/wrapper/": ("gradle/wrapper/gradle-wrapper.properties", "gradle/libs.toml"),
    r"(^|/)mvnw$": ("mvnw", "mvnw.sh"),
    r"(^|/)mvnw\.cmd$": ("mvnw.cmd", "mvnw.bat"),
    r"(^|/)\.mvn/wrapper/": (".mvn/wrapper/maven-wrapper.jar", ".mvn/jvm.config"),
    r"-vsdoc\.js$": ("Scripts/jquery-1.8.2-vsdoc.js", "Scripts/vsdoc.js"),
    r"\.intellisense\.js$": ("Scripts/jquery.intellisense.js", "Scripts/intellisense.ts"),
    r"(^|/)jquery([^.]*)\.validate(\.unobtrusive)?\.js$": (
        "Scripts/jquery.validate.unobtrusive.js",
        "Scripts/validate.js",
    ),
    r"(^|/)jquery([^.]*)\.unobtrusive-ajax\.js$": (
        "Scripts/jquery.unobtrusive-ajax.js",
        "Scripts/unobtrusive-ajax.js",
    ),
    r"(^|/)[Mm]icrosoft([Mm]vc)?([Aa]jax|[Vv]alidation)(\.debug)?\.js$": (
        "Scripts/MicrosoftMvcAjax.debug.js",
        "Scripts/MicrosoftGraph.js",
    ),
    r"(^|/)[Pp]ackages/.+\.\d+/": (
        "packages/Newtonsoft.Json.13.0.1/lib/x.dll",
        "packages/core/src/index.ts",
    ),
    r"(^|/)extjs/.*?\.(js|xml|txt|html|properties)$": ("extjs/ext-all.js", "extjs/ext-all.css"),
    r"(^|/)extjs/(\.sencha|docs|builds|cmd|examples|locale|packages|plugins|resources|src"
    r"|welcome)/": ("extjs/resources/css/ext.css", "extjs/theme/ext.css"),
    r"(^|/)html5shiv\.js$": ("js/html5shiv.js", "js/html5shiv.ts"),
    r"(^|/)[Tt]ests?/fixtures/": ("test/fixtures/a.json", "test/fixture/a.json"),
    r"(^|/)[Ss]pecs?/fixtures/": ("spec/fixtures/a.json", "spec/factories/a.rb"),
    r"(^|/)cordova([^.]*)\.js$": ("www/cordova.js", "www/mycordova.js"),
    r"(^|/)cordova-\d\.\d(\.\d)?\.js$": ("www/cordova-2.7.0.js", "www/cordova-x.ts"),
    r"(^|/)foundation(\..*)?\.js$": ("js/foundation.min.js", "js/foundations.js"),
    r"(^|/)Vagrantfile$": ("Vagrantfile", "Vagrantfile.example"),
    r"(^|/)\.[Dd][Ss]_[Ss]tore$": ("img/.DS_Store", "img/DS_Store"),
    r"(^|/)inst/extdata/": ("inst/extdata/data.csv", "inst/doc/x.html"),
    r"(^|/)octicons\.css": ("css/octicons.css", "css/icons.css"),
    r"(^|/)sprockets-octicons\.scss": ("css/sprockets-octicons.scss", "css/octicons.scss"),
    r"(^|/)activator$": ("activator", "activator.sh"),
    r"(^|/)activator\.bat$": ("activator.bat", "activator.cmd"),
    r"(^|/)proguard\.pro$": ("app/proguard.pro", "app/proguard.txt"),
    r"(^|/)proguard-rules\.pro$": ("app/proguard-rules.pro", "app/rules.pro"),
    r"(^|/)puphpet/": ("puphpet/config.yaml", "puppet/config.yaml"),
    r"(^|/)\.google_apis/": (".google_apis/x.java", "google_apis/x.java"),
    r"(^|/)Jenkinsfile$": ("ci/Jenkinsfile", "ci/Jenkinsfile.groovy"),
    r"(^|/)\.gitpod\.Dockerfile$": (".gitpod.Dockerfile", "gitpod.Dockerfile"),
    r"(^|/)\.github/": (".github/workflows/ci.yml", "github/workflows/ci.yml"),
    r"(^|/)\.obsidian/": (".obsidian/app.json", "obsidian/app.json"),
    r"(^|/)\.teamcity/": (".teamcity/settings.kts", "teamcity/settings.kts"),
    r"(^|/)xvba_modules/": ("xvba_modules/x.bas", "modules/x.bas"),
}

DOCUMENTATION_EXAMPLES: dict[str, tuple[str, str]] = {
    r"^[Dd]ocs?/": ("docs/index.md", "mydocs/index.md"),
    r"(^|/)[Dd]ocumentation/": ("pkg/Documentation/a.txt", "pkg/documentations/a.txt"),
    r"(^|/)[Gg]roovydoc/": ("build/groovydoc/index.html", "build/groovy/index.html"),
    r"(^|/)[Jj]avadoc/": ("build/javadoc/index.html", "build/java/index.html"),
    r"^[Mm]an/": ("man/ls.1", "src/man/ls.1"),
    r"^[Ee]xamples/": ("examples/hello.py", "src/examples/hello.py"),
    r"^[Dd]emos?/": ("demo/app.js", "src/demo/app.js"),
    r"(^|/)inst/doc/": ("inst/doc/vignette.html", "inst/docs/vignette.html"),
    r"(^|/)CITATION(\.cff|(S)?(\.(bib|md))?)$": ("CITATION.cff", "CITATION.txt"),
    r"(^|/)CHANGE(S|LOG)?(\.|$)": ("CHANGELOG.md", "CHANGELOGS.md"),
    r"(^|/)CONTRIBUTING(\.|$)": ("CONTRIBUTING.md", "CONTRIBUTING_GUIDE.md"),
    r"(^|/)COPYING(\.|$)": ("COPYING", "COPYING_NOTES"),
    r"(^|/)INSTALL(\.|$)": ("INSTALL.txt", "INSTALLER.txt"),
    r"(^|/)LICEN[CS]E(\.|$)": ("LICENSE", "LICENSES/MIT.txt"),
    r"(^|/)[Ll]icen[cs]e(\.|$)": ("sub/license.txt", "sub/licensed.txt"),
    r"(^|/)README(\.|$)": ("pkg/README.rst", "pkg/READMEFIRST"),
    r"(^|/)[Rr]eadme(\.|$)": ("readme.md", "readme_de.md"),
    r"^[Ss]amples?/": ("samples/a.c", "src/samples/a.c"),
}

GENERATED_EXAMPLES: dict[str, tuple[str, str]] = {
    r"\.(nib|xcworkspacedata|xcuserstate)$": ("App/Main.nib", "App/Main.nibx"),
    r"(^|/)\.idea/": (".idea/workspace.xml", "idea/workspace.xml"),
    r"(^|/)Pods/": ("ios/Pods/AFNetworking/x.m", "ios/MyPods/x.m"),
    r"(^|/)Carthage/Build/": ("Carthage/Build/iOS/x.h", "My-Carthage/Build/blah"),
    r"__generated__/": ("src/__generated__/Query.graphql.ts", "src/generated/Query.ts"),
    r"(?i:\.designer\.(cs|vb))$": ("Form1.Designer.cs", "Form1.cs"),
    r"(?i:\.feature\.cs)$": ("Login.feature.cs", "Login.feature"),
    r".\.zep\.(c|h|php)$": ("ext/a.zep.c", "ext/a.zep"),
    r"(?i:_tlb\.pas)$": ("Excel_TLB.pas", "Excel.pas"),
    r"(^|/)htmlcov/": ("htmlcov/index.html", "cov/index.html"),
    r"(^|/)\.sqlx/query-[a-f\d]{64}\.json$": (
        ".sqlx/query-" + "ab" * 32 + ".json",
        ".sqlx/query-abc.json",
    ),
    r"(?i:\.(css|js)\.map)$": ("dist/app.js.map", "maps/world.map"),
    r"node_modules/": ("node_modules/x/index.js", "node_module/x/index.js"),
    r"vendor/((?!-)[-0-9A-Za-z]+(?<!-)\.)+(com|edu|gov|in|me|net|org|fm|io)": (
        "vendor/github.com/pkg/errors/errors.go",
        "vendor/errors/errors.go",
    ),
    r"Godeps/": ("Godeps/Godeps.json", "godeps/x.json"),
    r"(^|/)\.pnp\..*$": (".pnp.cjs", "pnp.cjs"),
    r"composer\.lock": ("composer.lock", "composer.json"),
    r"Cargo\.lock": ("Cargo.lock", "Cargo.toml"),
    r"Cargo\.toml\.orig": ("Cargo.toml.orig", "Cargo.toml"),
    r"deno\.lock": ("deno.lock", "deno.json"),
    r"(^|/)flake\.lock$": ("flake.lock", "flake.nix"),
    r"(^|/)MODULE\.bazel\.lock$": ("MODULE.bazel.lock", "MODULE.bazel"),
    r"(Gopkg|glide)\.lock": ("Gopkg.lock", "Gopkg.toml"),
    r"Package\.resolved": ("Package.resolved", "Package.swift"),
    r"(poetry|pdm|uv|pixi)\.lock": ("uv.lock", "pyproject.toml"),
    r"(^|/)(\w+\.)?esy\.lock$": ("esy.lock", "esy.json"),
    r"npm-shrinkwrap\.json": ("npm-shrinkwrap.json", "package.json"),
    r"package-lock\.json": ("web/package-lock.json", "web/package.json"),
    r"pnpm-lock\.yaml": ("pnpm-lock.yaml", "pnpm-workspace.yaml"),
    r"(^|/)bun\.lockb?$": ("bun.lockb", "bun.config.ts"),
    r"(^|/)\.terraform\.lock\.hcl$": ("infra/.terraform.lock.hcl", "infra/main.tf"),
    r"Pipfile\.lock": ("Pipfile.lock", "Pipfile"),
    r"(^|/)mise(\.[^/]+)?\.lock$": ("mise.lock", "mise.toml"),
    r"(^|/)\.secrets\.baseline$": (".secrets.baseline", "secrets.baseline"),
    r"(^|/)(Julia)?Manifest(-v\d+\.\d+)?\.toml$": ("Manifest.toml", "Project.toml"),
    r"(^|/)(?i:gradlew(\.bat)?)$": ("GRADLEW.BAT", "gradlew.sh"),
    r"(^|/)(?i:mvnw(\.cmd)?)$": ("MVNW", "mvnw.sh"),
    r"(^|/)yarn\.lock$": ("web/yarn.lock", "web/yarn.lock.bak"),
    r"(^|/)Gemfile\.lock$": ("Gemfile.lock", "Gemfile"),
    r"(^|/)go\.(sum|work\.sum)$": ("go.work.sum", "go.mod"),
    r"\.min\.(js|mjs|cjs|css)$": ("dist/app.min.mjs", "dist/admin.mjs"),
    r"(^|/)[^/]+\.(bundle|chunk)\.(js|mjs|css)$": ("build/main.3f2a.chunk.js", "src/chunk.js"),
    r"\.pb\.(go|cc|h)$": ("api/v1/user.pb.go", "api/v1/user.go"),
    r"\.pb\.gw\.go$": ("api/v1/user.pb.gw.go", "api/v1/gw.go"),
    r"_grpc\.pb\.go$": ("api/user_grpc.pb.go", "api/grpc.go"),
    r"_pb2(_grpc)?\.pyi?$": ("api/user_pb2_grpc.py", "api/user_pb.py"),
    r"(^|/)gen-(cpp|go|java|py|rb|js)/": ("thrift/gen-py/svc.py", "thrift/gen/svc.py"),
    r"(^|/)_generated/": ("src/_generated/api.ts", "src/generated/api.ts"),
    r"(^|/)LC_MESSAGES/[^/]+\.mo$": (
        "translations/de/LC_MESSAGES/django.mo",
        "models/LC_MESSAGES.mo",
    ),
}


@pytest.mark.parametrize(
    ("rules", "examples"),
    [
        (path_rules.VENDOR_RULES, VENDOR_EXAMPLES),
        (path_rules.DOCUMENTATION_RULES, DOCUMENTATION_EXAMPLES),
        (path_rules.GENERATED_RULES, GENERATED_EXAMPLES),
    ],
    ids=["vendor", "documentation", "generated"],
)
def test_every_rule_has_examples(
    rules: tuple[str, ...], examples: dict[str, tuple[str, str]]
) -> None:
    assert len(set(rules)) == len(rules)
    assert set(rules) == set(examples)


def _rule_cases() -> list[tuple[str, str, str]]:
    cases = []
    for examples in (VENDOR_EXAMPLES, DOCUMENTATION_EXAMPLES, GENERATED_EXAMPLES):
        for rule, (positive, negative) in examples.items():
            cases.append((rule, positive, negative))
    return cases


@pytest.mark.parametrize(("rule", "positive", "negative"), _rule_cases())
def test_rule_matches_positive_and_not_negative(rule: str, positive: str, negative: str) -> None:
    compiled = re.compile(rule)
    assert compiled.search(positive), positive
    assert not compiled.search(negative), negative


@pytest.mark.parametrize(
    ("check", "examples"),
    [
        (path_rules.is_vendored, VENDOR_EXAMPLES),
        (path_rules.is_documentation, DOCUMENTATION_EXAMPLES),
        (path_rules.is_generated, GENERATED_EXAMPLES),
    ],
    ids=["vendor", "documentation", "generated"],
)
def test_combined_pattern_accepts_every_positive_example(
    check: object, examples: dict[str, tuple[str, str]]
) -> None:
    assert callable(check)
    for positive, _negative in examples.values():
        assert check(positive), positive


@pytest.mark.parametrize(
    ("pattern", "rules"),
    [
        (path_rules.VENDOR_PATTERN, path_rules.VENDOR_RULES),
        (path_rules.DOCUMENTATION_PATTERN, path_rules.DOCUMENTATION_RULES),
        (path_rules.GENERATED_PATTERN, path_rules.GENERATED_RULES),
    ],
    ids=["vendor", "documentation", "generated"],
)
def test_combined_pattern_equals_any_single_rule(
    pattern: re.Pattern[str], rules: tuple[str, ...]
) -> None:
    singles = [re.compile(rule) for rule in rules]
    paths = [p for pair in VENDOR_EXAMPLES.values() for p in pair]
    paths += [p for pair in DOCUMENTATION_EXAMPLES.values() for p in pair]
    paths += [p for pair in GENERATED_EXAMPLES.values() for p in pair]
    paths += ["src/main.py", "a/b/c/d.txt", "", "/", "vendor", "docs"]
    for path in paths:
        expected = any(single.search(path) for single in singles)
        assert (pattern.search(path) is not None) == expected, path


@pytest.mark.parametrize(
    ("path", "vendored"),
    [
        ("vendor/github.com/x/y.go", True),
        ("app/vendor/lib.rb", True),
        ("Vendor/lib.rb", True),  # linguist's (^|/)[Vv]+endor/
        ("VENDOR/lib.rb", False),
        ("src/vendors.py", False),
        ("node_modules/react/index.js", True),
        ("packages/web/node_modules/@scope/pkg/index.js", True),
        ("NODE_MODULES/x.js", False),
        ("static/js/app.min.js", True),
        ("static/js/app.js", False),
        ("third-party/zlib/inflate.c", True),
        ("lib/ThirdParty/x.c", True),
        ("lib/THIRD_PARTY/x.c", False),
        ("gradlew", True),
        ("android/gradlew.bat", True),
        ("mvnw", True),
        (".yarn/releases/yarn-4.0.2.cjs", True),
        ("src/main/java/App.java", False),
    ],
)
def test_is_vendored(path: str, vendored: bool) -> None:
    assert path_rules.is_vendored(path) is vendored


@pytest.mark.parametrize(
    ("path", "documentation"),
    [
        ("docs/index.md", True),
        ("Docs/index.md", True),
        ("doc/api.rst", True),
        ("mydocs/index.md", False),
        ("src/docs/index.md", False),  # linguist anchors docs/ at the root
        ("DOCS/index.md", False),
        ("project/Documentation/guide.txt", True),
        ("examples/basic.py", True),
        ("src/examples/basic.py", False),
        ("README.md", True),
        ("pkg/README", True),
        ("READMEFIRST.txt", False),
        ("CHANGELOG.md", True),
        ("LICENSE", True),
        ("CONTRIBUTING.md", True),
        ("src/readme_parser.py", False),
        ("src/main.c", False),
    ],
)
def test_is_documentation(path: str, documentation: bool) -> None:
    assert path_rules.is_documentation(path) is documentation


@pytest.mark.parametrize(
    ("path", "generated"),
    [
        ("web/package-lock.json", True),
        ("yarn.lock", True),
        ("pnpm-lock.yaml", True),
        ("Cargo.lock", True),
        ("poetry.lock", True),
        ("composer.lock", True),
        ("Gemfile.lock", True),
        ("go.sum", True),
        ("api/user.pb.go", True),
        ("api/user_pb2.py", True),
        ("Forms/Main.designer.cs", True),
        ("Forms/Main.Designer.cs", True),
        ("src/__generated__/AppQuery.graphql.ts", True),
        ("src/_generated/client.ts", True),
        ("dist/app.min.js", True),
        ("dist/app.js.map", True),
        ("build/static/js/2.8e4f.chunk.js", True),
        ("Cargo.toml", False),
        ("package.json", False),
        ("src/main.go", False),
        ("api/user.proto", False),
        ("src/generated.py", False),
    ],
)
def test_is_generated(path: str, generated: bool) -> None:
    assert path_rules.is_generated(path) is generated
