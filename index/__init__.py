"""The database: schema, writes, search and the Datasette plugin."""

from index.schema import migrations, open_db

__all__ = ["migrations", "open_db"]
