"""Walk the paths a user gave (files, folders, zip archives) and yield each file's bytes, a gzip
file's decompressed.

Hostile input is expected: every bad file becomes a `SourceFailure` with a reason, never an
exception, and no size is trusted before it is checked against `Limits`. Every input is accounted
for: what is deliberately not read (hidden files, links leaving the folder) is a `Skipped`.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cliptrace.ingest.sniff import sniff
from cliptrace.model import Skipped, Source, SourceFailure
from cliptrace.settings import Limits

# Below this a member cannot hurt whatever its ratio (a page of spaces compresses 1000x).
_RATIO_FLOOR = 1024 * 1024


# Kernel pseudo-files report size 0 (so no size limit applies) and devices never end: never read,
# even through a link the user asked us to follow.
_PSEUDO_ROOTS = ("/proc", "/sys", "/dev")
_ARCHIVE_FILE = "the archive being written (or its journal): not a clipping"


def iter_sources(paths: list[str], limits: Limits, follow_links: bool = False,
                 archive_files: frozenset[str] = frozenset()) -> Iterator[Source | SourceFailure | Skipped]:
    """Every input accounted for: each file (and zip member) is a `Source`, a `SourceFailure` or a
    `Skipped` with its reason. Inside a folder, a symbolic link leading out of that folder is
    skipped unless `follow_links`; a path named directly is read wherever it points. Files whose
    resolved path is in `archive_files` (the archive being written, kept beside its clippings)
    are skipped."""
    for path in paths:
        if os.path.isdir(path):
            walk = _Walk(os.path.realpath(path), follow_links, set(), archive_files)
            yield from _from_folder(path, limits, walk)
        elif os.path.realpath(path) in archive_files:
            yield Skipped(path, _ARCHIVE_FILE)
        else:
            yield from _from_file(path, limits)


@dataclass
class _Walk:
    root: str  # the folder the user gave, resolved
    follow_links: bool
    seen: set[str]  # folders walked (resolved), so linked folders cannot loop
    archive_files: frozenset[str]  # resolved paths never read


def _from_folder(folder: str, limits: Limits, walk: _Walk) -> Iterator[Source | SourceFailure | Skipped]:
    """Files under `folder` in path order (a.txt, b/1.txt, c.txt); hidden ones (.git) listed as skipped."""
    walk.seen.add(os.path.realpath(folder))
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield SourceFailure(folder, _os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            yield Skipped(entry.path, f"hidden {kind} (name starts with '.')")
        elif entry.is_symlink():
            yield from _from_link(entry.path, limits, walk)
        elif entry.is_dir(follow_symlinks=False):
            yield from _from_folder(entry.path, limits, walk)
        elif os.path.realpath(entry.path) in walk.archive_files:
            yield Skipped(entry.path, _ARCHIVE_FILE)
        else:
            yield from _from_file(entry.path, limits)


def _from_link(path: str, limits: Limits, walk: _Walk) -> Iterator[Source | SourceFailure | Skipped]:
    target = os.path.realpath(path)
    inside = os.path.commonpath([walk.root, target]) == walk.root
    if not inside and not walk.follow_links:
        yield Skipped(path, f"symbolic link to {target}, outside {walk.root}: not followed "
                            "(--follow-links reads it)")
    elif os.path.isdir(target):
        if target in walk.seen or inside:  # inside: walked (or to be walked) as itself
            yield Skipped(path, f"symbolic link to the folder {target}, read once under its own name")
        else:
            yield from _from_folder(path, limits, walk)
    else:
        yield from _from_file(path, limits)


def _from_file(path: str, limits: Limits) -> Iterator[Source | SourceFailure | Skipped]:
    target = os.path.realpath(path)
    if any(os.path.commonpath([root, target]) == root for root in _PSEUDO_ROOTS):
        yield SourceFailure(path, f"{target} is a kernel or device file (/proc, /sys, /dev): never read")
        return
    try:
        # O_NONBLOCK: a FIFO swapped in after a check must not block the open; fstat checks the
        # very file opened.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as f:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                yield SourceFailure(path, "not a regular file")
                return
            if info.st_size > limits.max_file_bytes:
                yield SourceFailure(path, _too_big("file", info.st_size, limits))
                return
            data = f.read(limits.max_file_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        yield SourceFailure(path, _os_reason(error))
        return
    if len(data) > limits.max_file_bytes:
        yield SourceFailure(path, _too_big("file", len(data), limits))
        return
    yield from _from_bytes(path, data, limits, _Budget(limits.max_zip_total_bytes), depth=0)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"


def _too_big(what: str, size: int, limits: Limits) -> str:
    return (f"{what} is {size / 2**20:.1f} MB, over the limit of {limits.max_file_bytes / 2**20:.1f} MB "
            "(CLIPTRACE_MAX_FILE_BYTES)")


@dataclass
class _Budget:
    """Uncompressed bytes an archive may still expand to, shared by the zips nested inside it."""

    remaining: int


def _from_bytes(path: str, data: bytes, limits: Limits, budget: _Budget,
                depth: int) -> Iterator[Source | SourceFailure | Skipped]:
    try:
        fmt = sniff(data, path)
    except Exception:  # a sniffing bug on hostile bytes costs only this file: reading it says why
        fmt = "unknown"
    if fmt not in ("zip", "gzip"):
        yield Source(path, data, fmt)
    elif depth >= limits.max_zip_depth:
        yield SourceFailure(path, f"{fmt} archives nested more than {limits.max_zip_depth} deep", data, fmt)
    elif fmt == "zip":
        yield from _expand_zip(path, data, limits, budget, depth)
    else:
        yield from _gunzip(path, data, limits, budget, depth)


def _gunzip(path: str, data: bytes, limits: Limits, budget: _Budget,
            depth: int) -> Iterator[Source | SourceFailure | Skipped]:
    """A gzip file's content under the file's own path, read as what it is (page.html.gz is HTML).
    Decompression stops one byte past the file size limit (or what the enclosing archive may still
    expand to), so a gzip bomb is refused having cost that much."""
    limit = min(limits.max_file_bytes, budget.remaining)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            content = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:  # BadGzipFile is an OSError
        yield SourceFailure(path, f"gzip file is truncated or corrupt: {error}", data, "gzip")
        return
    if len(content) > limit:
        over = "file size limit (CLIPTRACE_MAX_FILE_BYTES)" if limit == limits.max_file_bytes else "limit for an archive"
        yield SourceFailure(path, f"gzip file expands to more than {limit / 2**20:.1f} MB, over the {over}: "
                                  "a gzip bomb?", data, "gzip")
        return
    budget.remaining -= len(content)
    yield from _from_bytes(path, content, limits, budget, depth + 1)


def _expand_zip(path: str, data: bytes, limits: Limits, budget: _Budget,
                depth: int) -> Iterator[Source | SourceFailure | Skipped]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError):
        yield SourceFailure(path, "not a valid zip archive (truncated or corrupt)", data, "zip")
        return
    with archive:
        files = [m for m in archive.infolist() if not m.is_dir()]
        skipped = [Skipped(f"{path}!{m.filename}", reason) for m in files if (reason := _skip_reason(m))]
        members = [m for m in files if not _skip_reason(m)]
        # Sizes come from the central directory, so a bomb is refused before any decompression.
        declared = sum(m.file_size for m in members)
        refusal = None
        if not members:
            refusal = "zip archive holds no files"
        elif len(members) > limits.max_zip_members:
            refusal = f"zip has {len(members)} members, over the limit of {limits.max_zip_members}"
        elif declared > budget.remaining:
            refusal = (f"zip expands to {declared / 2**20:.1f} MB, over the limit of "
                       f"{limits.max_zip_total_bytes / 2**20:.1f} MB for an archive (a zip bomb?)")
        yield from skipped
        if refusal:
            yield SourceFailure(path, refusal, data, "zip")
            return
        for member in members:
            member_path = f"{path}!{member.filename}"
            content = _read_member(archive, member, limits, budget)
            if isinstance(content, str):
                yield SourceFailure(member_path, content)
            else:
                yield from _from_bytes(member_path, content, limits, budget, depth + 1)


def _skip_reason(member: zipfile.ZipInfo) -> str | None:
    """Why a zip member is not a clipping: macOS resource forks (__MACOSX/), dot-files, links.
    A `..` in a name is not hidden: nothing is extracted, so the member is read like any other."""
    parts = member.filename.split("/")
    if any(part == "__MACOSX" for part in parts):
        return "macOS resource fork (__MACOSX), not a clipping"
    if any(part.startswith(".") and part != ".." for part in parts):
        return "hidden file (name starts with '.')"
    if stat.S_ISLNK(member.external_attr >> 16):
        return "symbolic link stored in the zip: not followed"
    return None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits,
                 budget: _Budget) -> bytes | str:
    """The member's bytes, or the reason they cannot be had."""
    if member.flag_bits & 0x1:
        return "zip member is encrypted (password-protected)"
    if member.file_size > limits.max_file_bytes:
        return _too_big("zip member", member.file_size, limits)
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
        return (f"zip member expands {ratio:.0f} times, over the limit of {limits.max_zip_ratio} "
                "(a zip bomb?)")
    try:
        with archive.open(member) as f:
            # ZipExtFile stops at the declared size and checks the CRC, so a header that
            # understates a bomb ends in a CRC error, never in an unbounded read.
            content = f.read(member.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        return f"zip member is corrupt: {error}"
    budget.remaining -= member.file_size
    return content
