"""stackaudit's core: the data model, the one-pass walk, the plugin registry and the CLI.

Kept import-free so that ``stackaudit --version`` starts fast; everything else is imported
where it is used.
"""

__version__ = "0.1.0"
