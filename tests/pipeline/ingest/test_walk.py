"""Folder walking: every entry read or logged; symlinks, loops, long paths, unreadable folders (#16)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsledger.models import LogEntry, Status
from newsledger.pipeline.ingest.walk import scan

STORY = "Energy ministers from three countries signed an agreement on Tuesday, officials said.\n"


def names(items: list[Path | LogEntry], root: Path) -> list[str]:
    return [str(i.relative_to(root)) if isinstance(i, Path) else f"log:{Path(i.source).relative_to(root)}"
            for i in items]


def logs(items: list[Path | LogEntry]) -> dict[str, LogEntry]:
    return {Path(i.source).name: i for i in items if isinstance(i, LogEntry)}


def test_order_is_sorted_depth_first_as_a_sorted_recursive_glob(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "c/d.json", ".hidden/x.txt", "a/.draft.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(STORY)
    expected = [p for p in sorted(tmp_path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]
    assert [p for p in scan(tmp_path) if isinstance(p, Path)] == expected
    assert names(list(scan(tmp_path)), tmp_path) == ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "c/d.json"]


def test_symlinks_inside_are_followed_and_leaving_ones_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "in", tmp_path / "secret.txt"
    (root / "real").mkdir(parents=True)
    (root / "real" / "story.txt").write_text(STORY)
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "articles").symlink_to("real")  # a symlinked folder of articles
    (root / "alias.txt").symlink_to("real/story.txt")
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "secret.txt").symlink_to(outside)
    (root / "parent").symlink_to("..")
    items = list(scan(root))
    assert names(items, root) == ["alias.txt", "articles/story.txt", "log:parent", "log:passwd.txt",
                                  "real/story.txt", "log:secret.txt"]
    refused = logs(items)
    assert all(e.status is Status.SKIPPED and "leaves the input folder" in e.reason for e in refused.values())
    assert "/etc/passwd" in refused["passwd.txt"].reason


def test_loops_and_dangling_links_are_logged_once_each(tmp_path: Path) -> None:
    (tmp_path / "2024" / "may").mkdir(parents=True)
    (tmp_path / "2024" / "may" / "story.txt").write_text(STORY)
    (tmp_path / "2024" / "may" / "up").symlink_to("../..")  # back to the input folder itself
    (tmp_path / "2024" / "self").symlink_to(".")
    (tmp_path / "one.txt").symlink_to("two.txt")
    (tmp_path / "two.txt").symlink_to("one.txt")
    (tmp_path / "gone.txt").symlink_to("deleted.txt")
    items = list(scan(tmp_path))
    assert [i for i in items if isinstance(i, Path)] == [tmp_path / "2024" / "may" / "story.txt"]
    found = {Path(e.source).relative_to(tmp_path).as_posix(): (e.status, e.reason)
             for e in items if isinstance(e, LogEntry)}
    assert found == {
        "2024/may/up": (Status.SKIPPED, "symlink loop (to a folder that contains it)"),
        "2024/self": (Status.SKIPPED, "symlink loop (to a folder that contains it)"),
        "gone.txt": (Status.FAILED, "broken symlink (to deleted.txt)"),
        "one.txt": (Status.SKIPPED, "symlink loop"),
        "two.txt": (Status.SKIPPED, "symlink loop"),
    }


def test_a_path_past_the_system_limit_is_one_logged_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    for i in range(18):  # 18 x 243 bytes: past PATH_MAX (4,096), built one relative step at a time
        os.mkdir(f"{i:03d}" + "d" * 240)
        os.chdir(f"{i:03d}" + "d" * 240)
    Path("deep.txt").write_text(STORY)
    items = list(scan(tmp_path))
    assert items[-1] == tmp_path / "ok.txt"
    (entry,) = [i for i in items if isinstance(i, LogEntry)]
    assert entry.status is Status.FAILED and entry.reason == "cannot list folder: File name too long"


def test_deep_nesting_does_not_recurse(tmp_path: Path) -> None:
    chain = [tmp_path / "/".join(["a"] * n) for n in range(1, 1201)]  # deeper than Python's recursion limit
    try:
        for folder in chain:
            folder.mkdir()
        (chain[-1] / "story.txt").write_text(STORY)
        assert [p for p in scan(tmp_path) if isinstance(p, Path)] == [chain[-1] / "story.txt"]
    finally:  # removed here, deepest first: shutil.rmtree, which pytest uses, recurses and would fail
        (chain[-1] / "story.txt").unlink(missing_ok=True)
        for folder in reversed(chain):
            if folder.exists():
                folder.rmdir()


def test_an_unlistable_folder_is_logged_and_the_rest_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "story.txt").write_text(STORY)
    (tmp_path / "open.txt").write_text(STORY)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":  # what a folder without read permission gives a non-root user
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(scan(tmp_path))
    assert items[1] == tmp_path / "open.txt"
    assert isinstance(items[0], LogEntry) and items[0].status is Status.FAILED
    assert items[0].reason == "cannot list folder: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_permission_is_logged(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "story.txt").write_text(STORY)
    (tmp_path / "locked").chmod(0)
    try:
        (entry,) = list(scan(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert isinstance(entry, LogEntry) and "Permission denied" in entry.reason


def test_pipes_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "feed.txt")  # reading it would block the batch forever
    (entry,) = list(scan(tmp_path))
    assert isinstance(entry, LogEntry) and entry.status is Status.SKIPPED and "not a regular file" in entry.reason


def test_a_file_name_with_undecodable_bytes_is_listed_and_printable(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(STORY)
    (path,) = list(scan(tmp_path))
    assert isinstance(path, Path) and path.read_text() == STORY
    gone = tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt")
    gone.symlink_to("nowhere")
    entry = logs(list(scan(tmp_path)))["r\\xe9sum\\xe9.txt"]
    assert entry.source.endswith("r\\xe9sum\\xe9.txt") and entry.source.encode()
