"""Configuration: shipped defaults < user TOML file < environment < ``--set`` overrides.

Everything is resolved once, at the edge, into frozen dataclasses; stages receive these
objects, never the raw dictionary. The resolved form is saved with every run.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.errors import ConfigError

ENV_PREFIX = "NEWSLEDGER_"
FIELD_NAMES = ("text", "title", "url", "published", "outlet")


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_bytes: int
    max_chars: int
    batch_size: int
    min_language_confidence: float
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_line_bytes: int = 1_048_576  # longest header line in an archive
    max_expansion: int = 100  # decompressed bytes per compressed byte read, past max_bytes
    commit_size: int = 64  # inputs the writer commits in one transaction


@dataclass(frozen=True, slots=True)
class EventsConfig:
    model: str = "builtin"  # the learned typer: "builtin", a directory from `newsledger train`, or "none"
    threshold: float = 0.7  # the model's least probability for an event no frame found
    clause_threshold: float = 0.9  # the same for a clause of a sentence a frame coded
    frames: str = ""  # a user's TOML file extending data/event_frames.toml


@dataclass(frozen=True, slots=True)
class AnnotateConfig:
    model: str
    disable: tuple[str, ...] = ()
    events: EventsConfig = EventsConfig()


@dataclass(frozen=True, slots=True)
class ActorsConfig:
    dictionary: str = ""  # path of a user CSV that pins or overrides actors


@dataclass(frozen=True, slots=True)
class ResolveConfig:
    near_duplicate: float = 0.8  # estimated Jaccard of bodies' shingles
    shingle_words: int = 5
    merge_days: int = 3  # how far apart two mentions' dates may be and still be one event
    story_overlap: float = 0.3  # share of a document's key actors a story must have


@dataclass(frozen=True, slots=True)
class ServeConfig:
    allowed_hosts: tuple[str, ...] = ()  # Host names answered besides localhost and the served address; "*": any
    ingest_max_bytes: int = 10_000_000  # largest POST /api/ingest body; larger gets 413 before it is read whole
    ingest_max_articles: int = 1000  # most articles in one POST /api/ingest
    refresh_seconds: float = 1.0  # how often the server looks for a changed store to snapshot


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    problems: int = 20  # problem inputs a summary lists; `newsledger log` has them all
    outlets: int = 20  # outlets a summary lists, most documents first


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig
    annotate: AnnotateConfig
    actors: ActorsConfig = ActorsConfig()
    resolve: ResolveConfig = ResolveConfig()
    serve: ServeConfig = ServeConfig()
    summary: SummaryConfig = SummaryConfig()

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def _defaults() -> dict[str, Any]:
    text = resources.files("newsledger").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any], where: str) -> None:
    for key, value in over.items():
        if key not in base:
            raise ConfigError(f"unknown setting {where}{key!r}")
        if isinstance(base[key], dict) and key != "fields":
            if not isinstance(value, dict):
                raise ConfigError(f"setting {where}{key!r} is a section, not a value")
            _merge(base[key], value, f"{where}{key}.")
        elif key == "fields":
            for name, keys in value.items():
                if name not in FIELD_NAMES:
                    raise ConfigError(f"unknown JSON field {name!r}; known: {FIELD_NAMES}")
                base[key][name] = [keys] if isinstance(keys, str) else list(keys)
        else:
            base[key] = _coerce(value, base[key], f"{where}{key}")


def _coerce(value: Any, like: Any, name: str) -> Any:
    """Convert string overrides (env, --set) to the type of the default they replace."""
    if not isinstance(value, str) or isinstance(like, str):
        return value
    try:
        if isinstance(like, bool):
            return value.lower() in {"1", "true", "yes", "on"}
        if isinstance(like, int):
            return int(value.replace("_", ""))
        if isinstance(like, float):
            return float(value)
        if isinstance(like, list):
            return [v.strip() for v in value.split(",") if v.strip()]
    except ValueError as exc:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} as {type(like).__name__}") from exc
    return value


def _dotted(key: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    node = out
    parts = [p for p in key.split(".") if p]
    if not parts:
        raise ConfigError(f"empty setting name in {key!r}")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return out


def load_config(
    path: str | Path | None = None,
    overrides: list[str] | None = None,
    environ: dict[str, str] | None = None,
) -> Config:
    """Resolve the layered configuration.

    Args:
        path: optional user TOML file with the same sections as ``defaults.toml``.
        overrides: ``section.key=value`` strings, applied last.
        environ: environment to read ``NEWSLEDGER_SECTION__KEY`` from (default: os.environ).

    Raises:
        ConfigError: on unknown keys, unreadable files or values of the wrong type.
    """
    data = _defaults()
    if path is not None:
        try:
            _merge(data, tomllib.loads(Path(path).read_text("utf-8")), "")
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    env = os.environ if environ is None else environ
    for name, value in sorted(env.items()):
        if name.startswith(ENV_PREFIX) and "__" in name:
            key = name[len(ENV_PREFIX) :].lower().replace("__", ".")
            _merge(data, _dotted(key, value), "")
    for item in overrides or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--set expects section.key=value, got {item!r}")
        _merge(data, _dotted(key.strip(), value.strip()), "")
    ing = data["ingest"]
    limits = ("batch_size", "commit_size", "max_bytes", "max_chars", "max_line_bytes", "max_expansion")
    if any(ing[name] < 1 for name in limits):
        raise ConfigError(f"ingest.{', '.join(limits)} must be positive")
    if not all(0 < data["events"][name] <= 1 for name in ("threshold", "clause_threshold")):
        raise ConfigError("events.threshold and events.clause_threshold must be in (0, 1]")
    res = data["resolve"]
    if not (0 < res["near_duplicate"] <= 1 and 0 < res["story_overlap"] <= 1) or res["shingle_words"] < 1 \
            or res["merge_days"] < 0:
        raise ConfigError("resolve: near_duplicate and story_overlap in (0, 1], shingle_words >= 1, merge_days >= 0")
    serve, summary = data["serve"], data["summary"]
    if serve["ingest_max_bytes"] < 1 or serve["ingest_max_articles"] < 1 or serve["refresh_seconds"] <= 0:
        raise ConfigError("serve: ingest_max_bytes, ingest_max_articles and refresh_seconds must be positive")
    if summary["problems"] < 0 or summary["outlets"] < 0:
        raise ConfigError("summary.problems and summary.outlets must be 0 or more")
    return Config(
        ingest=IngestConfig(
            max_bytes=ing["max_bytes"],
            max_chars=ing["max_chars"],
            batch_size=ing["batch_size"],
            min_language_confidence=ing["min_language_confidence"],
            fields={k: tuple(v) for k, v in ing["fields"].items()},
            max_line_bytes=ing["max_line_bytes"],
            max_expansion=ing["max_expansion"],
            commit_size=ing["commit_size"],
        ),
        annotate=AnnotateConfig(
            model=data["annotate"]["model"], disable=tuple(data["annotate"]["disable"]),
            events=EventsConfig(**data["events"]),
        ),
        actors=ActorsConfig(dictionary=data["actors"]["dictionary"]),
        resolve=ResolveConfig(**data["resolve"]),
        serve=ServeConfig(**{**serve, "allowed_hosts": tuple(serve["allowed_hosts"])}),
        summary=SummaryConfig(**summary),
    )
