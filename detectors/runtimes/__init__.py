"""The runtime version-file detector: the runtimes and tools a project pins in version files."""
