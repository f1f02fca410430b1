"""JVM ecosystems (Maven and Gradle): manifests, dependencies, plugins, Java and build tools."""
