"""newsintel: crawl, extract and serve reform news; this package only wires the stages."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsintel")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+local"

__all__ = ["__version__"]
