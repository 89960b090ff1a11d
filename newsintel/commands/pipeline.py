"""CLI commands of the pipeline stage."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
