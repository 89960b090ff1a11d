"""Every CLI command, grouped by stage; ``newsintel.cli`` registers ``ALL_COMMANDS``."""

from __future__ import annotations

import click

from newsintel.commands import bench, crawl, distributed, extract, index, pipeline

ALL_COMMANDS: tuple[click.Command, ...] = (
    *crawl.COMMANDS,
    *extract.COMMANDS,
    *index.COMMANDS,
    *pipeline.COMMANDS,
    *bench.COMMANDS,
    *distributed.COMMANDS,
)
