"""The Python ecosystem: pip requirements files, ``pyproject.toml`` (PEP 621, PEP 735, Poetry,
PDM, uv), ``setup.cfg``/``setup.py``, ``Pipfile`` and ``Pipfile.lock``, and the lockfiles of
Poetry, uv and PDM. See :mod:`detectors.python.detector`."""
