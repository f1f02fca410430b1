"""The JavaScript ecosystem: npm, Yarn (classic and Berry), pnpm and Bun.

``package.json`` manifests and their workspaces, ``pnpm-workspace.yaml`` and ``.yarnrc.yml``
(workspaces, catalogs, the pinned Yarn release), and the lockfiles of every package manager:
``package-lock.json``/``npm-shrinkwrap.json``, ``yarn.lock``, ``pnpm-lock.yaml``, ``bun.lock``.
"""
