"""The PHP detector: ``composer.json`` and ``composer.lock``."""
