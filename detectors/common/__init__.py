"""Helpers shared by the detector plugins: safe loaders for the formats manifests are written
in, and builders of the records detectors report."""
