"""The Elixir detector: ``mix.exs`` and ``mix.lock``."""
