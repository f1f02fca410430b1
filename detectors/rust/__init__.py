"""The Rust detector: ``Cargo.toml`` and ``Cargo.lock``."""
