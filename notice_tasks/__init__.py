"""notice-tasks: the command line and the orchestration of a run (readers → normalizer → outputs)."""

from .cli import main

__all__ = ["main"]
