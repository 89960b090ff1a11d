"""Exceptions raised by the index package."""


class StoreError(Exception):
    """Base class for errors raised while reading or writing the database."""


class SchemaError(StoreError):
    """The database file is not a newsintel database or its schema is newer than this code."""
