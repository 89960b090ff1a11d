"""Settings for one newsintel run, and where the packaged data files live.

The CLI builds one frozen ``Settings`` from its options (each option falls back to a
``NEWSINTEL_*`` environment variable through click's ``envvar=``) and hands each stage its
part as arguments. Nothing here reads ``os.environ``: click does, once, in the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from crawler.models import Source
from crawler.sources import load_sources

__all__ = [
    "ENV_VARS",
    "Settings",
    "default_sources_path",
    "demo_site_path",
    "packaged_metadata_path",
]

# Every environment variable the CLI reads (through click's envvar=), for the docs and tests.
ENV_VARS: dict[str, str] = {
    "NEWSINTEL_DB": "SQLite database file (--db)",
    "NEWSINTEL_SOURCES": "sources.toml to read (--sources)",
    "NEWSINTEL_WORKERS": "worker processes (--workers)",
    "NEWSINTEL_CONTACT": "contact URL or e-mail put in the crawler's User-Agent (--contact)",
    "NEWSINTEL_REDIS": "Redis URL of a crawl frontier shared by several processes (--redis)",
    "NEWSINTEL_MODEL": "embedding model for semantic search (--model)",
    "NEWSINTEL_MAX_DOC_MB": "largest document extracted, in MB (--max-doc-mb)",
}


def _packaged(*parts: str) -> Path:
    """Return the path of a file shipped in the ``newsintel`` package's ``data/`` folder."""
    # files() gives a real directory for ordinary (non-zip) installs, which is all pip makes.
    return Path(str(files("newsintel").joinpath("data", *parts)))


def default_sources_path() -> Path:
    """Return the bundled ``sources.toml`` (Vietnam's provincial papers and the aggregator)."""
    return _packaged("sources.toml")


def demo_site_path() -> Path:
    """Return the folder of the bundled demo site (served by ``newsintel demo``)."""
    return _packaged("demo_site")


def packaged_metadata_path() -> Path:
    """Return the packaged copy of ``metadata.json`` (Datasette metadata and plugin settings)."""
    # index owns Datasette: the copy ships with its plugin (a test keeps it identical to the
    # repository root's metadata.json).
    return Path(str(files("index.datasette_plugin").joinpath("metadata.json")))


@dataclass(frozen=True, slots=True)
class Settings:
    """What one run of newsintel uses, resolved from CLI options and their env fallbacks.

    Attributes:
        db_path: The SQLite database file.
        sources_path: The ``sources.toml`` to read; the bundled one by default.
        workers: Worker processes for extraction.
        warc_dir: Where WARC files go; ``None`` lets the crawl stage pick its default.
        contact: A URL or e-mail for the crawler's User-Agent, so site owners can reach us.
        metadata_path: Datasette's ``metadata.json``; the packaged copy by default.
        redis_url: A Redis URL whose frontier several crawler processes share; ``None``: none.
        model: The embedding model name; ``None`` lets the index stage pick its default.
    """

    db_path: Path = Path("newsintel.db")
    sources_path: Path = field(default_factory=default_sources_path)
    workers: int = 2
    warc_dir: Path | None = None
    contact: str | None = None
    metadata_path: Path = field(default_factory=packaged_metadata_path)
    redis_url: str | None = None
    model: str | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.contact is not None and not self.contact.strip():
            raise ValueError("contact must not be blank")

    @classmethod
    def from_options(
        cls,
        *,
        db_path: str | Path | None = None,
        sources_path: str | Path | None = None,
        workers: int | None = None,
        warc_dir: str | Path | None = None,
        contact: str | None = None,
        metadata_path: str | Path | None = None,
        redis_url: str | None = None,
        model: str | None = None,
    ) -> Settings:
        """Build settings from CLI option values; ``None`` means "not given: use the default".

        Raises:
            ValueError: A value is out of range (the CLI turns it into a usage error).
        """
        defaults = cls()
        return cls(
            db_path=Path(db_path) if db_path is not None else defaults.db_path,
            sources_path=Path(sources_path) if sources_path is not None else defaults.sources_path,
            workers=workers if workers is not None else defaults.workers,
            warc_dir=Path(warc_dir) if warc_dir is not None else None,
            contact=contact,
            metadata_path=(
                Path(metadata_path) if metadata_path is not None else defaults.metadata_path
            ),
            redis_url=redis_url,
            model=model,
        )

    def load_sources(self) -> tuple[Source, ...]:
        """Read and validate ``sources_path``.

        Raises:
            crawler.errors.SourcesError: The file is invalid (the message names file, source
                and key).
        """
        return load_sources(self.sources_path)
