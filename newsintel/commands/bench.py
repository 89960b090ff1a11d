"""CLI commands of the benchmark suite."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
