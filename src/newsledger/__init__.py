"""newsledger: a source-cited ledger of who did what to whom, and who said what, in the news."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from newsledger.config import Config, load_config  # noqa: E402
from newsledger.errors import (  # noqa: E402
    ConfigError,
    MissingDependencyError,
    ModelNotFoundError,
    NewsledgerError,
    StoreError,
)

if TYPE_CHECKING:
    from newsledger.api import Ledger


def __getattr__(name: str) -> object:
    """``Ledger`` on first use: pipeline workers import this package but need neither the API
    layer nor what it pulls in (scikit-learn, the executors), about a second of start-up each."""
    if name == "Ledger":
        from newsledger.api import Ledger

        return Ledger
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")

__all__ = [
    "Config",
    "ConfigError",
    "Ledger",
    "MissingDependencyError",
    "ModelNotFoundError",
    "NewsledgerError",
    "StoreError",
    "__version__",
    "load_config",
]
