"""Walk the paths a user gave (files, folders, zip archives) and yield each file's bytes.

Hostile input is expected: every bad file becomes a `SourceFailure` with a reason, never an
exception, and no size is trusted before it is checked against `Limits`.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cliptrace.ingest.sniff import sniff
from cliptrace.model import Source, SourceFailure
from cliptrace.settings import Limits

# Below this a member cannot hurt whatever its ratio (a page of spaces compresses 1000x).
_RATIO_FLOOR = 1024 * 1024


def iter_sources(paths: list[str], limits: Limits) -> Iterator[Source | SourceFailure]:
    for path in paths:
        if os.path.isdir(path):
            yield from _from_folder(path, limits)
        else:
            yield from _from_file(path, limits)


def _from_folder(folder: str, limits: Limits) -> Iterator[Source | SourceFailure]:
    """Files under `folder` in path order (a.txt, b/1.txt, c.txt), skipping hidden ones (.git)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield SourceFailure(folder, _os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):  # linked folders are not followed: no loops
            yield from _from_folder(entry.path, limits)
        else:
            yield from _from_file(entry.path, limits)


def _from_file(path: str, limits: Limits) -> Iterator[Source | SourceFailure]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            yield SourceFailure(path, "not a regular file")
            return
        if info.st_size > limits.max_file_bytes:
            yield SourceFailure(path, _too_big("file", info.st_size, limits))
            return
        with open(path, "rb") as f:
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
                depth: int) -> Iterator[Source | SourceFailure]:
    fmt = sniff(data)
    if fmt != "zip":
        yield Source(path, data, fmt)
    elif depth >= limits.max_zip_depth:
        yield SourceFailure(path, f"zip archives nested more than {limits.max_zip_depth} deep", data, "zip")
    else:
        yield from _expand_zip(path, data, limits, budget, depth)


def _expand_zip(path: str, data: bytes, limits: Limits, budget: _Budget,
                depth: int) -> Iterator[Source | SourceFailure]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        yield SourceFailure(path, "not a valid zip archive (truncated or corrupt)", data, "zip")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not _hidden(m.filename)]
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


def _hidden(member_name: str) -> bool:
    """macOS resource forks (__MACOSX/) and dot-files are not clippings."""
    return any(part.startswith(".") or part == "__MACOSX" for part in member_name.split("/"))


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
