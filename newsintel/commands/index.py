"""CLI commands of the index stage."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
