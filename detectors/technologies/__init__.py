"""Technologies as data: frameworks, datastores, services and tools recognised from
dependencies, container images and files by the rule files in ``rules/``."""
