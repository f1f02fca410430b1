"""The Ruby detector: ``Gemfile``, ``Gemfile.lock`` and their ``gems.rb``/``gems.locked``."""
