"""Package manifests: which directories are components, of which ecosystem, and how
workspaces group them."""
