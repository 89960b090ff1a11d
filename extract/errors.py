"""Exceptions raised by extraction.

ExtractionError
 ├── DecodeError          the bytes cannot be turned into text
 ├── UnsupportedDocument  a content type we do not handle
 └── DocumentTooLarge     over the size limit of one document
"""


class ExtractionError(Exception):
    """Base class for errors raised by the extract package."""


class DecodeError(ExtractionError):
    """The document's bytes cannot be decoded to text."""


class UnsupportedDocument(ExtractionError):
    """The document's content type is not one extraction handles."""


class DocumentTooLarge(ExtractionError):
    """The document is larger than the size limit extraction was given."""
