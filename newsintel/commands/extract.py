"""CLI commands of the extract stage."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
