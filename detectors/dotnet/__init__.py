""".NET (NuGet and MSBuild): projects, central package management, the SDK, tools and
target frameworks."""
