from pathlib import Path

import pytest

from newsledger.config import load_config
from newsledger.errors import ConfigError


def test_defaults_are_typed() -> None:
    cfg = load_config(environ={})
    assert cfg.annotate.model == "en_core_web_md"
    assert cfg.ingest.max_bytes == 10_000_000
    assert "body" in cfg.ingest.fields["text"]


def test_layers_apply_in_order(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('[ingest]\nmax_bytes = 500\nbatch_size = 4\n[annotate]\nmodel = "en_core_web_sm"\n')
    env = {"NEWSLEDGER_INGEST__BATCH_SIZE": "8", "NEWSLEDGER_INGEST__MAX_CHARS": "900"}
    cfg = load_config(user, overrides=["ingest.batch_size=3"], environ=env)
    assert cfg.ingest.max_bytes == 500  # user file
    assert cfg.annotate.model == "en_core_web_sm"  # user file
    assert cfg.ingest.max_chars == 900  # environment beats defaults
    assert cfg.ingest.batch_size == 3  # --set beats environment and file


def test_field_mapping_override_replaces_candidates() -> None:
    cfg = load_config(overrides=["ingest.fields.text=story_text"], environ={})
    assert cfg.ingest.fields["text"] == ("story_text",)
    assert cfg.ingest.fields["title"][0] == "title"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("ingest.nonsense=1", "unknown setting"),
        ("ingest.max_bytes=lots", "cannot read"),
        ("ingest.fields.author=byline", "unknown JSON field"),
        ("no_equals_sign", "section.key=value"),
        ("ingest.batch_size=0", "must be positive"),
        ("ingest.commit_size=0", "must be positive"),
        ("ingest.max_expansion=0", "must be positive"),
        ("ingest.max_line_bytes=-1", "must be positive"),
        ("events.clause_threshold=1.5", "clause_threshold must be in"),
        ("events.threshold=0", "must be in"),
    ],
)
def test_bad_settings_fail_fast(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=[override], environ={})


def test_archive_limits_are_settings() -> None:
    cfg = load_config(overrides=["ingest.max_expansion=20"], environ={"NEWSLEDGER_INGEST__MAX_LINE_BYTES": "65536"})
    assert (cfg.ingest.max_expansion, cfg.ingest.max_line_bytes) == (20, 65536)
    assert (load_config(environ={}).ingest.max_expansion, load_config(environ={}).ingest.max_line_bytes) == (
        100, 1_048_576)


def test_resolved_config_serialises() -> None:
    assert '"model": "en_core_web_md"' in load_config(environ={}).to_json()


def test_serve_and_summary_settings() -> None:
    cfg = load_config(overrides=["serve.allowed_hosts=ledger.lan, 10.0.0.7", "summary.problems=5"], environ={})
    assert cfg.serve.allowed_hosts == ("ledger.lan", "10.0.0.7") and cfg.summary.problems == 5
    assert cfg.serve.ingest_max_bytes == 10_000_000 and cfg.summary.outlets == 20
    for bad in ("serve.ingest_max_bytes=0", "serve.refresh_seconds=0", "summary.problems=-1"):
        with pytest.raises(ConfigError, match="serve|summary"):
            load_config(overrides=[bad], environ={})
