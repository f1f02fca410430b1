"""The manifest detector: finds every package manifest, so the core can form components and
workspaces, and names the build tool or package manager each ecosystem uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from detectors.common.parsing import presence_parser
from detectors.manifests import javascript, jvm, others, python
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.globs import glob_to_regex
from scanner.model import Category, DetectorOutput, Ecosystem, Technology

Parser = Callable[[SourceFile], DetectorOutput]


@dataclass(frozen=True, slots=True)
class ManifestFormat:
    """One manifest format: the files it covers and the function that reads one."""

    parse: Parser
    filenames: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    globs: tuple[str, ...] = ()


FORMATS: tuple[ManifestFormat, ...] = (
    ManifestFormat(javascript.parse_package_json, filenames=("package.json",)),
    ManifestFormat(javascript.parse_pnpm_workspace, filenames=("pnpm-workspace.yaml",)),
    ManifestFormat(python.parse_pyproject, filenames=("pyproject.toml",)),
    ManifestFormat(
        python.parse_requirements,
        globs=("requirements*.txt", "requirements*.in", "**/requirements/*.txt"),
    ),
    ManifestFormat(presence_parser(Ecosystem.PYPI, "setup.py"), filenames=("setup.py",)),
    ManifestFormat(presence_parser(Ecosystem.PYPI, "setup.cfg"), filenames=("setup.cfg",)),
    ManifestFormat(presence_parser(Ecosystem.PYPI, "Pipfile"), filenames=("Pipfile",)),
    ManifestFormat(others.parse_go_mod, filenames=("go.mod",)),
    ManifestFormat(others.parse_cargo_toml, filenames=("Cargo.toml",)),
    ManifestFormat(jvm.parse_pom, filenames=("pom.xml",)),
    ManifestFormat(jvm.parse_gradle_build, filenames=("build.gradle", "build.gradle.kts")),
    ManifestFormat(
        jvm.parse_gradle_settings, filenames=("settings.gradle", "settings.gradle.kts")
    ),
    ManifestFormat(others.parse_dotnet_project, extensions=(".csproj", ".fsproj", ".vbproj")),
    ManifestFormat(others.parse_composer_json, filenames=("composer.json",)),
    ManifestFormat(presence_parser(Ecosystem.GEM, "Gemfile"), filenames=("Gemfile",)),
    ManifestFormat(others.parse_mix_exs, filenames=("mix.exs",)),
)

# The build tool or package manager a manifest kind implies: (key, name, category).
TOOL_BY_KIND: dict[str, tuple[str, str, str]] = {
    "pom.xml": ("maven", "Maven", Category.BUILD_TOOL),
    "gradle": ("gradle", "Gradle", Category.BUILD_TOOL),
    "gradle-settings": ("gradle", "Gradle", Category.BUILD_TOOL),
    "Cargo.toml": ("cargo", "Cargo", Category.PACKAGE_MANAGER),
    "go.mod": ("go-modules", "Go modules", Category.PACKAGE_MANAGER),
    "composer.json": ("composer", "Composer", Category.PACKAGE_MANAGER),
    "Gemfile": ("bundler", "Bundler", Category.PACKAGE_MANAGER),
    "mix.exs": ("mix", "Mix", Category.BUILD_TOOL),
    "msbuild": ("msbuild", "MSBuild", Category.BUILD_TOOL),
    "Pipfile": ("pipenv", "Pipenv", Category.PACKAGE_MANAGER),
}

# JavaScript package managers, told apart by their lockfiles.
_PARSER_BY_NAME: dict[str, Parser] = {n: f.parse for f in FORMATS for n in f.filenames}
_PARSER_BY_EXTENSION: dict[str, Parser] = {e: f.parse for f in FORMATS for e in f.extensions}
_PARSER_BY_GLOB: tuple[tuple[re.Pattern[str], Parser], ...] = tuple(
    (re.compile(r"(?:.*/)?" + glob_to_regex(g.removeprefix("**/")) + r"\Z"), f.parse)
    for f in FORMATS
    for g in f.globs
)

JS_LOCKFILES: dict[str, tuple[str, str]] = {
    "package-lock.json": ("npm", "npm"),
    "npm-shrinkwrap.json": ("npm", "npm"),
    "yarn.lock": ("yarn", "Yarn"),
    "pnpm-lock.yaml": ("pnpm", "pnpm"),
    "bun.lock": ("bun", "Bun"),
    "bun.lockb": ("bun", "Bun"),
}


class ManifestDetector(Detector):
    """Finds package manifests of every supported ecosystem and workspace declarations."""

    name = "manifests"
    description = "Package manifests, components and workspaces; the package manager in use."
    tags = frozenset({"manifest", "components"})
    selector = FileSelector(
        filenames=frozenset(name for f in FORMATS for name in f.filenames),
        extensions=frozenset(ext for f in FORMATS for ext in f.extensions),
        globs=tuple(glob for f in FORMATS for glob in f.globs),
    )

    def __init__(self, options: dict[str, object] | None = None) -> None:
        super().__init__(options)
        self._package_json_dirs: list[str] = []
        self._declared_js_tools: set[str] = set()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        parse = self._parser_for(file.path, file.name)
        output = parse(file)
        technologies = list(output.technologies)
        for found in output.manifests:
            tool = TOOL_BY_KIND.get(found.kind)
            if tool is not None:
                key, name, category = tool
                technologies.append(
                    Technology(key, name, category, (file.evidence(f"{found.kind} present"),))
                )
        if file.name == "package.json" and output.manifests:
            self._package_json_dirs.append(file.directory)
            if any(t.category == Category.PACKAGE_MANAGER for t in output.technologies):
                self._declared_js_tools.add(file.directory)
        return DetectorOutput(
            manifests=output.manifests,
            technologies=tuple(technologies),
            dependencies=output.dependencies,
            failures=output.failures,
        )

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Infer the JavaScript package manager from lockfiles beside each ``package.json``
        that does not name one in ``packageManager``."""
        lockfiles: dict[str, list[str]] = {}
        for entry in tree.entries:
            if entry.name in JS_LOCKFILES:
                directory = entry.path.rpartition("/")[0] or "."
                lockfiles.setdefault(directory, []).append(entry.path)
        technologies = []
        for directory in self._package_json_dirs:
            if directory in self._declared_js_tools:
                continue
            for path in sorted(lockfiles.get(directory, ())):
                key, name = JS_LOCKFILES[path.rpartition("/")[2]]
                evidence = tree.evidence(f"lockfile {path.rpartition('/')[2]} present", path)
                technologies.append(Technology(key, name, Category.PACKAGE_MANAGER, (evidence,)))
        return DetectorOutput(technologies=tuple(technologies))

    def _parser_for(self, path: str, name: str) -> Parser:
        parse = _PARSER_BY_NAME.get(name)
        if parse is not None:
            return parse
        lowered = name.lower()
        for extension, parse in _PARSER_BY_EXTENSION.items():
            if lowered.endswith(extension):
                return parse
        for pattern, parse in _PARSER_BY_GLOB:
            if pattern.match(path):
                return parse
        raise LookupError(f"no manifest format for {path}")
