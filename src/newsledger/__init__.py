"""newsledger: a source-cited ledger of who did what to whom, and who said what, in the news."""

from __future__ import annotations

__version__ = "0.1.0"

from newsledger.api import Ledger  # noqa: E402
from newsledger.config import Config, load_config  # noqa: E402
from newsledger.errors import (  # noqa: E402
    ConfigError,
    MissingDependencyError,
    ModelNotFoundError,
    NewsledgerError,
    StoreError,
)

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
