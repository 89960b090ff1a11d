"""The ``newsintel`` command: one click group; each stage's commands live in ``commands/``."""

from __future__ import annotations

import logging

import click

from newsintel import __version__
from newsintel.commands import ALL_COMMANDS
from newsintel.failures import CommandGroup


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsintel")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show the traceback of a failure instead of one line.")
def cli(verbose: int, debug: bool) -> None:
    """Crawl, extract and serve news on Vietnam's public-administration reform.

    Failures print one line and exit 1 (2 for a wrong option); --debug shows tracebacks.

    \b
    Example:
        newsintel demo
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s")


for _command in ALL_COMMANDS:
    cli.add_command(_command)
