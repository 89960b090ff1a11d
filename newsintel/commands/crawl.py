"""CLI commands of the crawl stage."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
