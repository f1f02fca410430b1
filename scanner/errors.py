"""The error hierarchy of the core.

Errors are raised only for problems that stop a whole step (a bad configuration, a target that
cannot be reached, a plugin that cannot be loaded); a problem with one file or one detector is
recorded as a :class:`scanner.model.Failure` instead. Only the CLI turns errors into messages
and exit codes.
"""

from __future__ import annotations


class StackauditError(Exception):
    """Base of every error the core raises on purpose."""


class ConfigError(StackauditError):
    """A configuration file or option is invalid; the message names the file and the key."""


class PluginError(StackauditError):
    """A detector or reporter plugin could not be found, loaded or selected."""


class TargetError(StackauditError):
    """A scan target is not acceptable or could not be reached (bad URL, failed clone)."""


class SourceReadError(StackauditError):
    """A file of the tree could not be read; recorded as a failure for that file."""


class SourceUnavailable(StackauditError):
    """A release-data source could not answer (unreachable, an error status, a malformed
    document); the message says which and why. Findings that need it become "unknown"."""


class UnknownProduct(StackauditError):
    """A release-data source has no such product or package."""


class DetectorError(StackauditError):
    """Raised by a detector for a file it cannot parse; the message says what is wrong.

    The core records it as a parse error for that file, with the detector's name, and goes on.
    """
