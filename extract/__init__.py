"""Pure extraction: a document in, an immutable Extraction out; no network, no database."""

from extract.models import EXTRACTOR_VERSION, Document, Extraction, to_json

__all__ = ["EXTRACTOR_VERSION", "Document", "Extraction", "to_json"]
