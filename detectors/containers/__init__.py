"""Containers and their orchestration: Dockerfiles, Compose files, Kubernetes manifests,
Kustomize, Helm charts and dev containers. Every image they name becomes a
``container-image`` technology; Helm charts are components with chart dependencies."""
