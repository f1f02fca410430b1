"""stackaudit's built-in detector plugins, registered through the ``stackaudit.detectors``
entry-point group exactly as third-party detectors are."""
