"""Path rules that keep vendored, documentation and generated files out of the census.

Reference: GitHub linguist (github-linguist/linguist, MIT): ``lib/linguist/vendor.yml``,
``lib/linguist/documentation.yml`` and the checks of ``lib/linguist/generated.rb`` that look only
at the path. The rules are our Python transcription of those facts, a few merged into one
alternation (ExtJS, Yarn 2, lock files); :data:`GENERATED_RULES` also carries some name
conventions linguist detects from content or not at all (``*.pb.go``, ``*_pb2.py``, ``yarn.lock``,
``go.sum`` ...), marked "stackaudit" below.

Contract:

* Paths are repository-relative POSIX paths without a leading ``./`` (``"src/vendor/x.js"``).
* Every rule is a case-sensitive regular expression applied with ``re.search`` semantics; a rule
  only ignores case where linguist does (inline ``(?i:...)``).
* Each category's rules are compiled once, at import, into ONE alternation
  (:data:`VENDOR_PATTERN`, :data:`DOCUMENTATION_PATTERN`, :data:`GENERATED_PATTERN`); a path is
  in the category when any single rule matches it.
* As in linguist, ``docs/``, ``examples/`` and ``demos/`` count as documentation only at the
  repository root (``^[Dd]ocs?/``), while ``(^|/)[Dd]ocumentation/`` matches at any depth; and
  ``(^|/)[Vv]+endor/`` makes ``Vendor/`` vendored, though ``VENDOR/`` is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "DOCUMENTATION_PATTERN",
    "DOCUMENTATION_RULES",
    "GENERATED_PATTERN",
    "GENERATED_RULES",
    "VENDOR_PATTERN",
    "VENDOR_RULES",
    "is_documentation",
    "is_generated",
    "is_vendored",
]

# From linguist's vendor.yml (third-party code bundled into a repository).
VENDOR_RULES: tuple[str, ...] = (
    # Caches, dependency and distribution directories.
    r"(^|/)cache/",
    r"^[Dd]ependencies/",
    r"(^|/)dist/",
    # C dependencies and autoconf output.
    r"^deps/",
    r"(^|/)configure$",
    r"(^|/)config\.guess$",
    r"(^|/)config\.sub$",
    r"(^|/)(aclocal|libtool|ltoptions|ltsugar|ltversion|lt~obsolete)\.m4",
    # .NET Core install scripts, linters.
    r"(^|/)dotnet-install\.(ps1|sh)$",
    r"(^|/)cpplint\.py",
    # Node, Yarn 2, esy, Bower.
    r"(^|/)node_modules/",
    r"(^|/)\.yarn/(releases|plugins|sdks|versions|unplugged)/",
    r"(^|/)_esy$",
    r"(^|/)bower_components/",
    # Erlang bundles, Go dependencies and fixtures, GNU indent profiles.
    r"^rebar$",
    r"(^|/)erlang\.mk",
    r"(^|/)Godeps/_workspace/",
    r"(^|/)testdata/",
    r"(^|/)\.indent\.pro",
    # Minified JavaScript and CSS; stylesheets imported from packages (linguist writes the
    # latter with a leading optional ``([^\s]*)``, which cannot change a search result).
    r"(\.|-)min\.(js|css)$",
    r"import\.(css|less|scss|styl)$",
    # CSS frameworks.
    r"(^|/)bootstrap([^/.]*)(\..*)?\.(js|css|less|scss|styl)$",
    r"(^|/)custom\.bootstrap([^\s]*)(js|css|less|scss|styl)$",
    r"(^|/)font-?awesome\.(css|less|scss|styl)$",
    r"(^|/)font-?awesome/.*\.(css|less|scss|styl)$",
    r"(^|/)foundation\.(css|less|scss|styl)$",
    r"(^|/)normalize\.(css|less|scss|styl)$",
    r"(^|/)skeleton\.(css|less|scss|styl)$",
    r"(^|/)[Bb]ourbon/.*\.(css|less|scss|styl)$",
    r"(^|/)animate\.(css|less|scss|styl)$",
    r"(^|/)materialize\.(css|less|scss|styl|js)$",
    r"(^|/)select2/.*\.(css|scss|js)$",
    r"(^|/)bulma\.(css|sass|scss)$",
    # Vendored dependencies.
    r"(3rd|[Tt]hird)[-_]?[Pp]arty/",
    r"(^|/)vendors?/",
    r"(^|/)[Ee]xtern(als?)?/",
    r"(^|/)[Vv]+endor/",
    # Debian packaging, Haxelib's neko bytecode, Bootstrap Datepicker.
    r"^debian/",
    r"(^|/)run\.n$",
    r"(^|/)bootstrap-datepicker/",
    # jQuery and friends.
    r"(^|/)jquery([^.]*)\.js$",
    r"(^|/)jquery-\d\.\d+(\.\d+)?\.js$",
    r"(^|/)jquery-ui(-\d\.\d+(\.\d+)?)?(\.\w+)?\.(js|css)$",
    r"(^|/)jquery\.(ui|effects)\.([^.]*)\.(js|css)$",
    r"(^|/)jquery\.fn\.gantt\.js",
    r"(^|/)jquery\.fancybox\.(js|css)",
    r"(^|/)fuelux\.js",
    r"(^|/)jquery\.fileupload(-\w+)?\.js$",
    r"(^|/)jquery\.dataTables\.js",
    r"(^|/)bootbox\.js",
    r"(^|/)pdf\.worker\.js",
    r"(^|/)slick\.\w+.js$",
    # Leaflet plugins.
    r"(^|/)Leaflet\.Coordinates-\d+\.\d+\.\d+\.src\.js$",
    r"(^|/)leaflet\.draw-src\.js",
    r"(^|/)leaflet\.draw\.css",
    r"(^|/)Control\.FullScreen\.(css|js)",
    r"(^|/)leaflet\.spin\.js",
    r"(^|/)wicket-leaflet\.js",
    # Editor workspaces.
    r"(^|/)\.sublime-project",
    r"(^|/)\.sublime-workspace",
    r"(^|/)\.vscode/",
    # Prototype, TypeScript declarations, MooTools, Dojo, MochiKit, YUI.
    r"(^|/)prototype(.*)\.js$",
    r"(^|/)effects\.js$",
    r"(^|/)controls\.js$",
    r"(^|/)dragdrop\.js$",
    r"\.d\.ts$",
    r"(^|/)mootools([^.]*)\d+\.\d+.\d+([^.]*)\.js$",
    r"(^|/)dojo\.js$",
    r"(^|/)MochiKit\.js$",
    r"(^|/)yahoo-([^.]*)\.js$",
    r"(^|/)yui([^.]*)\.js$",
    # WYSIWYG editors, Ace, Fontello, MathJax, Chart.js, CodeMirror, SyntaxHighlighter.
    r"(^|/)ckeditor\.js$",
    r"(^|/)tiny_mce([^.]*)\.js$",
    r"(^|/)tiny_mce/(langs|plugins|themes|utils)",
    r"(^|/)ace-builds/",
    r"(^|/)fontello(.*?)\.css$",
    r"(^|/)MathJax/",
    r"(^|/)Chart\.js$",
    r"(^|/)[Cc]ode[Mm]irror/(\d+\.\d+/)?(lib|mode|theme|addon|keymap|demo)",
    r"(^|/)shBrush([^.]*)\.js$",
    r"(^|/)shCore\.js$",
    r"(^|/)shLegacy\.js$",
    # AngularJS, D3, React, flow-typed, Modernizr, Knockout.
    r"(^|/)angular([^.]*)\.js$",
    r"(^|/)d3(\.v\d+)?([^.]*)\.js$",
    r"(^|/)react(-[^.]*)?\.js$",
    r"(^|/)flow-typed/.*\.js$",
    r"(^|/)modernizr-\d\.\d+(\.\d+)?\.js$",
    r"(^|/)modernizr\.custom\.\d+\.js$",
    r"(^|/)knockout-(\d+\.){3}(debug\.)?js$",
    # Python: Sphinx output, Django, Fabric, WAF; macOS defaults.
    r"(^|/)docs?/_?(build|themes?|templates?|static)/",
    r"(^|/)admin_media/",
    r"(^|/)env/",
    r"(^|/)fabfile\.py$",
    r"(^|/)waf$",
    r"(^|/)\.osx$",
    # Xcode, Carthage, Sparkle and bundled Apple frameworks.
    r"\.xctemplate/",
    r"\.imageset/",
    r"(^|/)Carthage/",
    r"(^|/)Sparkle/",
    r"(^|/)(Crashlytics|Fabric|BuddyBuildSDK)\.framework/",
    r"(^|/)(Realm|RealmSwift)\.framework",
    # Git configuration files.
    r"(^|/)\.(gitattributes|gitignore|gitmodules)$",
    # Gradle and Maven wrappers.
    r"(^|/)gradlew$",
    r"(^|/)gradlew\.bat$",
    r"(^|/)gradle/wrapper/",
    r"(^|/)mvnw$",
    r"(^|/)mvnw\.cmd$",
    r"(^|/)\.mvn/wrapper/",
    # .NET: IntelliSense, validation plugins, Microsoft Ajax, NuGet packages, ExtJS, Html5shiv.
    r"-vsdoc\.js$",
    r"\.intellisense\.js$",
    r"(^|/)jquery([^.]*)\.validate(\.unobtrusive)?\.js$",
    r"(^|/)jquery([^.]*)\.unobtrusive-ajax\.js$",
    r"(^|/)[Mm]icrosoft([Mm]vc)?([Aa]jax|[Vv]alidation)(\.debug)?\.js$",
    r"(^|/)[Pp]ackages/.+\.\d+/",
    r"(^|/)extjs/.*?\.(js|xml|txt|html|properties)$",
    r"(^|/)extjs/(\.sencha|docs|builds|cmd|examples|locale|packages|plugins|resources|src|welcome)/",
    r"(^|/)html5shiv\.js$",
    # Test fixtures.
    r"(^|/)[Tt]ests?/fixtures/",
    r"(^|/)[Ss]pecs?/fixtures/",
    # PhoneGap/Cordova, Foundation JS.
    r"(^|/)cordova([^.]*)\.js$",
    r"(^|/)cordova-\d\.\d(\.\d)?\.js$",
    r"(^|/)foundation(\..*)?\.js$",
    # Vagrant, .DS_Store, R package data, Octicons, Typesafe Activator, ProGuard, PuPHPet.
    r"(^|/)Vagrantfile$",
    r"(^|/)\.[Dd][Ss]_[Ss]tore$",
    r"(^|/)inst/extdata/",
    r"(^|/)octicons\.css",
    r"(^|/)sprockets-octicons\.scss",
    r"(^|/)activator$",
    r"(^|/)activator\.bat$",
    r"(^|/)proguard\.pro$",
    r"(^|/)proguard-rules\.pro$",
    r"(^|/)puphpet/",
    # Android Google APIs, Jenkins, Gitpod, GitHub, Obsidian, TeamCity, XVBA.
    r"(^|/)\.google_apis/",
    r"(^|/)Jenkinsfile$",
    r"(^|/)\.gitpod\.Dockerfile$",
    r"(^|/)\.github/",
    r"(^|/)\.obsidian/",
    r"(^|/)\.teamcity/",
    r"(^|/)xvba_modules/",
)

# From linguist's documentation.yml.
DOCUMENTATION_RULES: tuple[str, ...] = (
    # Documentation directories (several only at the repository root, as in linguist).
    r"^[Dd]ocs?/",
    r"(^|/)[Dd]ocumentation/",
    r"(^|/)[Gg]roovydoc/",
    r"(^|/)[Jj]avadoc/",
    r"^[Mm]an/",
    r"^[Ee]xamples/",
    r"^[Dd]emos?/",
    r"(^|/)inst/doc/",
    # Documentation files.
    r"(^|/)CITATION(\.cff|(S)?(\.(bib|md))?)$",
    r"(^|/)CHANGE(S|LOG)?(\.|$)",
    r"(^|/)CONTRIBUTING(\.|$)",
    r"(^|/)COPYING(\.|$)",
    r"(^|/)INSTALL(\.|$)",
    r"(^|/)LICEN[CS]E(\.|$)",
    r"(^|/)[Ll]icen[cs]e(\.|$)",
    r"(^|/)README(\.|$)",
    r"(^|/)[Rr]eadme(\.|$)",
    # Sample folders.
    r"^[Ss]amples?/",
)

# Path-only checks of linguist's generated.rb, then stackaudit's own name conventions.
GENERATED_RULES: tuple[str, ...] = (
    # IDE and Apple tooling output.
    r"\.(nib|xcworkspacedata|xcuserstate)$",
    r"(^|/)\.idea/",
    r"(^|/)Pods/",
    r"(^|/)Carthage/Build/",
    # Generated sources.
    r"__generated__/",
    r"(?i:\.designer\.(cs|vb))$",
    r"(?i:\.feature\.cs)$",
    r".\.zep\.(c|h|php)$",
    r"(?i:_tlb\.pas)$",
    r"(^|/)htmlcov/",
    r"(^|/)\.sqlx/query-[a-f\d]{64}\.json$",
    # Source maps named after their source (linguist also reads the content).
    r"(?i:\.(css|js)\.map)$",
    # Installed dependencies.
    r"node_modules/",
    r"vendor/((?!-)[-0-9A-Za-z]+(?<!-)\.)+(com|edu|gov|in|me|net|org|fm|io)",
    r"Godeps/",
    r"(^|/)\.pnp\..*$",
    # Lock files and manifests written by package managers.
    r"composer\.lock",
    r"Cargo\.lock",
    r"Cargo\.toml\.orig",
    r"deno\.lock",
    r"(^|/)flake\.lock$",
    r"(^|/)MODULE\.bazel\.lock$",
    r"(Gopkg|glide)\.lock",
    r"Package\.resolved",
    r"(poetry|pdm|uv|pixi)\.lock",
    r"(^|/)(\w+\.)?esy\.lock$",
    r"npm-shrinkwrap\.json",
    r"package-lock\.json",
    r"pnpm-lock\.yaml",
    r"(^|/)bun\.lockb?$",
    r"(^|/)\.terraform\.lock\.hcl$",
    r"Pipfile\.lock",
    r"(^|/)mise(\.[^/]+)?\.lock$",
    r"(^|/)\.secrets\.baseline$",
    r"(^|/)(Julia)?Manifest(-v\d+\.\d+)?\.toml$",
    # Build-tool wrappers.
    r"(^|/)(?i:gradlew(\.bat)?)$",
    r"(^|/)(?i:mvnw(\.cmd)?)$",
    # stackaudit: lock files linguist leaves to its language table.
    r"(^|/)yarn\.lock$",
    r"(^|/)Gemfile\.lock$",
    r"(^|/)go\.(sum|work\.sum)$",
    # stackaudit: minified and bundled assets (linguist detects minification from content).
    r"\.min\.(js|mjs|cjs|css)$",
    r"(^|/)[^/]+\.(bundle|chunk)\.(js|mjs|css)$",
    # stackaudit: protobuf / gRPC / Thrift output named by convention (linguist reads headers).
    r"\.pb\.(go|cc|h)$",
    r"\.pb\.gw\.go$",
    r"_grpc\.pb\.go$",
    r"_pb2(_grpc)?\.pyi?$",
    r"(^|/)gen-(cpp|go|java|py|rb|js)/",
    # stackaudit: conventional output directories of code generators.
    r"(^|/)_generated/",
    # stackaudit: compiled gettext catalogues, binary files that share Modelica's extension
    # (linguist drops them by their binary content, which the census does not read).
    r"(^|/)LC_MESSAGES/[^/]+\.mo$",
)


def _combine(rules: tuple[str, ...]) -> re.Pattern[str]:
    """Compile ``rules`` into one alternation equivalent to "any rule matches".

    Rules beginning with ``(^|/)`` share a single ``(?:^|/)`` prefix and rules beginning with
    ``^`` share one anchor, so the engine only tries them at the start of the path or after a
    slash instead of at every character.
    """
    anywhere_after_slash: list[str] = []
    at_start: list[str] = []
    elsewhere: list[str] = []
    for rule in rules:
        if rule.startswith("(^|/)"):
            anywhere_after_slash.append(rule[len("(^|/)") :])
        elif rule.startswith("^"):
            at_start.append(rule[1:])
        else:
            elsewhere.append(rule)
    branches: list[str] = []
    if at_start:
        branches.append("^(?:" + "|".join(f"(?:{r})" for r in at_start) + ")")
    if anywhere_after_slash:
        branches.append("(?:^|/)(?:" + "|".join(f"(?:{r})" for r in anywhere_after_slash) + ")")
    branches.extend(f"(?:{r})" for r in elsewhere)
    return re.compile("|".join(branches))


VENDOR_PATTERN: re.Pattern[str] = _combine(VENDOR_RULES)
DOCUMENTATION_PATTERN: re.Pattern[str] = _combine(DOCUMENTATION_RULES)
GENERATED_PATTERN: re.Pattern[str] = _combine(GENERATED_RULES)


@lru_cache(maxsize=1 << 17)
def is_vendored(path: str) -> bool:
    """Return True when the repository-relative POSIX ``path`` is third-party code (cached:
    the census and the hygiene checks ask about the same paths)."""
    return VENDOR_PATTERN.search(path) is not None


def is_documentation(path: str) -> bool:
    """Return True when the repository-relative POSIX ``path`` is documentation."""
    return DOCUMENTATION_PATTERN.search(path) is not None


@lru_cache(maxsize=1 << 17)
def is_generated(path: str) -> bool:
    """Return True when ``path`` alone shows the file is generated (lock files, codegen;
    cached as :func:`is_vendored` is)."""
    return GENERATED_PATTERN.search(path) is not None
