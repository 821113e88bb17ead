"""naba: a gold-annotated Arabic news benchmark for information extraction.

Heavy dependencies (datasets, pandas, scikit-learn) are imported lazily inside
the functions that need them, so ``import naba`` and the pytest plugin stay cheap.
"""

from __future__ import annotations

from importlib import metadata as _metadata
from typing import TYPE_CHECKING, Any

try:
    __version__ = _metadata.version("naba")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from naba.gold.model import Record


def load_record(document_id: str | None = None) -> "Record":
    """The typed gold record of ``document_id`` (or of the only document)."""
    from naba.gold.records import load_record as _load

    return _load(document_id)


def load(config: str, **kwargs: Any) -> Any:
    """A ``datasets.Dataset`` for one config of the built corpus (see naba.corpus.loading)."""
    from naba.corpus.loading import load as _load

    return _load(config, **kwargs)


def load_frame(config: str, **kwargs: Any) -> Any:
    """A ``pandas.DataFrame`` for one config and split of the built corpus (naba.corpus.loading)."""
    from naba.corpus.loading import load_frame as _load_frame

    return _load_frame(config, **kwargs)


__all__ = ["__version__", "load", "load_frame", "load_record"]
