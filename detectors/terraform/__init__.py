"""The Terraform detector: configurations, the dependency lock file, modules as components."""
