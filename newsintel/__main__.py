from newsintel.cli import cli

cli()
