"""Bounded WARC reading: memory and time stay flat whatever an archive expands to.

warcio reads header lines with an unbounded ``readline`` and inflates gzip without looking at
the ratio, so a 261 KB gzip of zeros with no newline became one 256 MiB "line", held several
times over (7.8 GB peak, issue #16). ``open_archive`` gives warcio's own iterator a reader that
- refuses a header line longer than ``max_line_bytes`` (no WARC or HTTP header is that long);
- refuses to go on once the archive has expanded past ``max_bytes`` *and* more than
  ``max_expansion`` times the compressed bytes read so far (a decompression bomb; crawled HTML
  compresses 5-10 times, zeros about 1,000 times).
Payloads are read by the caller up to ``max_bytes``; together these bound every read.
"""

from __future__ import annotations

from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from newsledger.config import IngestConfig


class ArchiveLimitError(ArchiveLoadFailed):  # type: ignore[misc]  # warcio is untyped
    """The archive broke a limit; the message is the ingest-log reason."""


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's decompressing reader with a line-length cap and a decompression-ratio check."""

    def __init__(self, stream: IO[bytes], block_size: int, cfg: IngestConfig) -> None:
        super().__init__(stream, block_size=block_size)
        self.max_line = cfg.max_line_bytes
        self.max_bytes = cfg.max_bytes
        self.max_expansion = cfg.max_expansion

    def readline(self, length: int | None = None) -> bytes:
        # Read one byte past the cap: a line that long without its newline is not a header.
        cap = self.max_line + 1 if length is None else min(length, self.max_line + 1)
        line: bytes = super().readline(cap)
        if len(line) > self.max_line and not line.endswith(b"\n"):
            raise ArchiveLimitError(f"a header line longer than {self.max_line} bytes (damaged, or not a WARC); "
                                    "ingest.max_line_bytes sets the limit")
        return line

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        # num_read counts inflated bytes, the stream's position the compressed ones.
        if self.num_read > self.max_bytes and self.num_read > self.max_expansion * max(1, self.stream.tell()):
            raise ArchiveLimitError(
                f"archive expands more than {self.max_expansion} times (a decompression bomb?) after "
                f"{self.num_read} bytes; ingest.max_expansion sets the limit")


def open_archive(fh: IO[bytes], cfg: IngestConfig) -> ArchiveIterator:
    """warcio's ``ArchiveIterator`` over ``fh``, reading through the bounded reader."""
    archive = ArchiveIterator(fh)
    # Swapped before the first record is read: the iterator only builds its reader here.
    archive.reader = _BoundedReader(archive.fh, archive.reader.block_size, cfg)
    return archive
