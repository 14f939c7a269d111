"""Walking paths into sources: folders, zips, and every hostile file answered with a failure."""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from cliptrace.ingest.errors import UnreadableSource
from cliptrace.ingest.read import read_source
from cliptrace.ingest.sources import iter_sources
from cliptrace.model import Skipped, Source, SourceFailure
from cliptrace.settings import Limits

LIMITS = Limits()


def collect(paths, limits: Limits = LIMITS, follow_links: bool = False) -> list[Source | SourceFailure]:
    """What is read or refused; skipped inputs are checked by `skipped`."""
    return [item for item in iter_sources([str(p) for p in paths], limits, follow_links)
            if not isinstance(item, Skipped)]


def skipped(paths, follow_links: bool = False) -> dict[str, str]:
    return {item.path: item.reason for item in iter_sources([str(p) for p in paths], LIMITS, follow_links)
            if isinstance(item, Skipped)}


def make_zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def patch_headers(data: bytes, local_offset: int, central_offset: int, value: bytes) -> bytes:
    """Overwrite a field in every local (PK\\3\\4) and central (PK\\1\\2) header of a zip."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = patched.find(signature)
        while at != -1:
            patched[at + offset: at + offset + len(value)] = value
            at = patched.find(signature, at + 4)
    return bytes(patched)


# --- files and folders ---------------------------------------------------------------------

def test_seed_folder_in_sorted_order(seeds_dir):
    sources = collect([seeds_dir])
    assert [Path(s.path).name for s in sources] == sorted(p.name for p in seeds_dir.iterdir())
    assert all(isinstance(s, Source) for s in sources)
    assert [s.format for s in sources] == ["text", "text", "text", "html", "text"]
    assert sources[0].data == (seeds_dir / "000_a29189923c9b05dd.txt").read_bytes()


def test_recursive_walk_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "c.txt").write_text("three")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    assert [s.path for s in collect([tmp_path])] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt"), str(tmp_path / "c.txt")]
    assert skipped([tmp_path]) == {str(tmp_path / ".DS_Store"): "hidden file (name starts with '.')",
                                   str(tmp_path / ".git"): "hidden folder (name starts with '.')"}


def test_link_out_of_the_folder_is_listed_not_followed(tmp_path):
    secret = tmp_path / "elsewhere" / "token.txt"
    secret.parent.mkdir()
    secret.write_text("a private note that is not a clipping")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    (folder / "story.txt").write_text("The council met on Monday.")
    (folder / "notes.txt").symlink_to(secret)
    (folder / "again.txt").symlink_to(folder / "story.txt")  # inside the folder: read
    assert [s.path for s in collect([folder])] == [str(folder / "again.txt"), str(folder / "story.txt")]
    assert "outside" in skipped([folder])[str(folder / "notes.txt")]
    assert [s.data for s in collect([folder], follow_links=True)][1] == secret.read_bytes()


def test_linked_folders_do_not_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    assert [s.path for s in collect([tmp_path], follow_links=True)] == [str(tmp_path / "a" / "one.txt")]
    assert str(tmp_path / "a" / "back") in skipped([tmp_path], follow_links=True)


@pytest.mark.parametrize("pseudo", ["/proc/self/environ", "/proc/self/status", "/sys/kernel/osrelease", "/dev/zero"])
def test_kernel_and_device_files_are_never_read(tmp_path, pseudo):
    (tmp_path / "link").symlink_to(pseudo)
    for follow in (False, True):
        [failure] = collect([tmp_path / "link"], follow_links=follow)
        assert isinstance(failure, SourceFailure) and failure.data is None
        assert "never read" in failure.reason


def test_format_by_content_not_name(tmp_path, seeds_dir):
    (tmp_path / "page.txt").write_bytes((seeds_dir / "003_196e63016ac7f4ab.txt").read_bytes())
    (tmp_path / "notes.html").write_text("Plain words, no markup at all.\n")
    assert [(Path(s.path).name, s.format) for s in collect([tmp_path])] == [
        ("notes.html", "text"), ("page.txt", "html")]


def test_missing_path(tmp_path):
    [failure] = collect([tmp_path / "nope.txt"])
    assert failure == SourceFailure(str(tmp_path / "nope.txt"), "no such file or directory")


def test_file_over_size_limit_is_not_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 3 * 2**20)
    [failure] = collect([big], Limits(max_file_bytes=2 * 2**20))
    assert isinstance(failure, SourceFailure)
    assert failure.reason == "file is 3.0 MB, over the limit of 2.0 MB (CLIPTRACE_MAX_FILE_BYTES)"
    assert failure.data is None


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it would block forever
    [failure] = collect([fifo])
    assert failure.reason == "not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    [failure] = collect([locked])
    assert failure.reason == "permission denied"


# --- zip archives --------------------------------------------------------------------------

def test_zip_members_and_nested_zip(tmp_path, seeds_dir):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep/y.txt", "inner text")
    outer = make_zip(tmp_path / "clips.zip", {
        "a/x.txt": (seeds_dir / "000_a29189923c9b05dd.txt").read_bytes(),
        "a/": b"",
        "__MACOSX/a/._x.txt": b"\x00\x05\x16\x07",
        "inner.zip": inner.getvalue(),
    })
    sources = collect([outer])
    assert [(s.path, s.format) for s in sources] == [
        (f"{outer}!a/x.txt", "text"), (f"{outer}!inner.zip!deep/y.txt", "text")]
    assert sources[1].data == b"inner text"
    assert list(skipped([outer]).values()) == ["macOS resource fork (__MACOSX), not a clipping"]


def test_zip_member_named_with_dots_is_read_not_lost(tmp_path):
    # Nothing is extracted to disk, so "../" in a member name is harmless; it used to vanish.
    outer = make_zip(tmp_path / "odd.zip", {"../up.txt": b"Climbing words.", "a/../b.txt": b"Level words.",
                                            ".hidden/c.txt": b"Hidden words."})
    assert [s.path for s in collect([outer])] == [f"{outer}!../up.txt", f"{outer}!a/../b.txt"]
    assert skipped([outer]) == {f"{outer}!.hidden/c.txt": "hidden file (name starts with '.')"}


def test_symbolic_link_member_of_a_zip_is_listed(tmp_path):
    link = zipfile.ZipInfo("secret.txt")
    link.external_attr = (0o120777 << 16)  # S_IFLNK: the data is the target's path
    with zipfile.ZipFile(tmp_path / "links.zip", "w") as archive:
        archive.writestr(link, "/etc/passwd")
        archive.writestr("real.txt", "Real words.")
    assert [s.path for s in collect([tmp_path / "links.zip"])] == [f"{tmp_path / 'links.zip'}!real.txt"]
    assert "symbolic link" in skipped([tmp_path / "links.zip"])[f"{tmp_path / 'links.zip'}!secret.txt"]


def test_zip_nesting_beyond_the_limit(tmp_path):
    data = b"innermost"
    for level in range(3):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"level{level}.zip" if level else "t.txt", data)
        data = buffer.getvalue()
    path = tmp_path / "nest.zip"
    path.write_bytes(data)
    assert [s.data for s in collect([path], Limits(max_zip_depth=3))] == [b"innermost"]
    [failure] = collect([path], Limits(max_zip_depth=2))
    assert failure.path == f"{path}!level2.zip!level1.zip"
    assert failure.reason == "zip archives nested more than 2 deep"
    assert failure.data is not None


def test_docx_inside_zip_is_a_docx(tmp_path):
    import docx
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    [source] = collect([make_zip(tmp_path / "d.zip", {"clip.docx": buffer.getvalue()})])
    assert source.format == "docx"


def test_truncated_zip_names_the_zip_and_keeps_bytes(tmp_path):
    good = make_zip(tmp_path / "good.zip", {"a.txt": b"hello " * 500}).read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(good[: len(good) // 2])
    [failure] = collect([path])
    assert failure == SourceFailure(str(path), "not a valid zip archive (truncated or corrupt)",
                                    good[: len(good) // 2], "zip")


def test_password_protected_member(tmp_path):
    data = make_zip(tmp_path / "plain.zip", {"secret.txt": b"hidden words", "open.txt": b"open words"}).read_bytes()
    path = tmp_path / "locked.zip"
    # set the "encrypted" flag (bit 0) of secret.txt only: it is the first entry in both tables
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = patched.find(signature) + offset
        patched[at] |= 0x1
    path.write_bytes(bytes(patched))
    failure, source = collect([path])
    assert failure == SourceFailure(f"{path}!secret.txt", "zip member is encrypted (password-protected)")
    assert source.path == f"{path}!open.txt" and source.data == b"open words"


def test_zip_bomb_member_is_refused_before_decompressing(tmp_path):
    path = make_zip(tmp_path / "bomb.zip", {"zeros.txt": bytes(50 * 10**6), "ok.txt": b"fine"})
    assert path.stat().st_size < 100_000
    failure, source = collect([path])
    assert failure.path == f"{path}!zeros.txt"
    assert failure.reason.startswith("zip member expands ") and failure.reason.endswith("(a zip bomb?)")
    assert source.data == b"fine"


def test_zip_total_and_member_count_limits(tmp_path):
    path = make_zip(tmp_path / "many.zip", {f"{i}.txt": b"x" * 1000 for i in range(5)})
    [failure] = collect([path], Limits(max_zip_total_bytes=4000))
    assert failure.path == str(path) and "over the limit of" in failure.reason and "zip bomb" in failure.reason
    [failure] = collect([path], Limits(max_zip_members=4))
    assert failure.reason == "zip has 5 members, over the limit of 4"
    assert len(collect([path])) == 5


def test_member_that_lies_about_its_size(tmp_path):
    data = make_zip(tmp_path / "real.zip", {"a.txt": b"a" * 2_000_000}).read_bytes()
    # declare 1,000 uncompressed bytes (local header offset 22, central directory offset 24)
    path = tmp_path / "liar.zip"
    path.write_bytes(patch_headers(data, 22, 24, struct.pack("<I", 1000)))
    [failure] = collect([path])
    assert failure.path == f"{path}!a.txt"
    assert failure.reason.startswith("zip member is corrupt")


def test_empty_zip(tmp_path):
    path = make_zip(tmp_path / "empty.zip", {})
    [failure] = collect([path])
    assert failure.reason == "zip archive holds no files"


# --- gzip ------------------------------------------------------------------------------------

PAGE = b"<html><head><title>Ferry</title></head><body><p>The ferry sailed at dawn.</p></body></html>"


def test_gzip_file_is_read_as_what_it_holds(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    make_zip(tmp_path / "saved.zip", {"notes.txt.gz": gzip.compress(b"Notes on the ferry timetable.")})
    page, notes = collect([path, tmp_path / "saved.zip"])
    assert (page.path, page.data, page.format) == (str(path), PAGE, "html")
    assert read_source(page)[0].headers["title"] == "Ferry"
    assert (notes.path, notes.format) == (f"{tmp_path / 'saved.zip'}!notes.txt.gz", "text")


def test_truncated_gzip_file_says_so(tmp_path):
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(PAGE)[:40])
    [failure] = collect([path])
    assert failure.reason.startswith("gzip file is truncated or corrupt: ") and failure.data is not None


def test_gzip_bomb_stops_at_the_file_size_limit(tmp_path):
    path = tmp_path / "zeros.txt.gz"
    path.write_bytes(gzip.compress(bytes(2 * 2**20)))
    [failure] = collect([path], Limits(max_file_bytes=2**20))
    assert failure.reason == ("gzip file expands to more than 1.0 MB, over the file size limit "
                              "(CLIPTRACE_MAX_FILE_BYTES): a gzip bomb?")


# --- everything together -------------------------------------------------------------------

def test_mixed_folder_yields_every_good_file_and_a_failure_per_bad_one(tmp_path, seeds_dir, data_dir):
    for seed in seeds_dir.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    pdf = (data_dir / "ingest" / "statement.pdf").read_bytes()
    (tmp_path / "good.pdf").write_bytes(pdf)
    make_zip(tmp_path / "good.zip", {"inside.txt": b"An article inside a zip."})
    bad = {
        "empty.txt": b"",
        "junk.bin": random.Random(0).randbytes(4096),
        "cut.pdf": pdf[:500],
        "cut.zip": (tmp_path / "good.zip").read_bytes()[:40],
        "blank.txt": b"\n \n",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "missing-link").symlink_to(tmp_path / "gone.txt")

    read, failed = [], []
    for item in iter_sources([str(tmp_path)], LIMITS):
        if isinstance(item, SourceFailure):
            failed.append(Path(item.path).name)
            continue
        try:
            read_source(item)
            read.append(item.path.rsplit("/", 1)[-1])
        except UnreadableSource:
            failed.append(Path(item.path).name)
    assert sorted(read) == sorted([p.name for p in seeds_dir.iterdir()] + ["good.pdf", "good.zip!inside.txt"])
    assert sorted(failed) == sorted([*bad, "missing-link"])
