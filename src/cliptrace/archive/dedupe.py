"""Near-duplicate articles: MinHash (datasketch) over word 5-shingles, LSH buckets, exact check.

The LSH buckets live in the database (`lsh_buckets`), so finding candidates for a new article is an
index lookup, not a scan of the archive, and every process writing the archive sees the same index.
datasketch's own LSH keeps its index in memory (or Redis/Cassandra), hence the table; we still use
datasketch for the MinHash and for choosing the band layout for the threshold.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

# The buckets are stored: changing any of these (or the MinHash scheme/seed) needs a migration that
# recomputes `lsh_buckets`, or old articles stop being found as originals.
THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_WORDS = 5
_SCHEME = "affine32"  # explicit so a datasketch default change cannot silently change the buckets
_SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Word k-shingles of the case-folded words (punctuation and spacing do not matter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=1)
def _layout() -> tuple[int, int, tuple]:
    """(bands, rows per band) that datasketch picks for the threshold, and the hash permutations."""
    from datasketch import MinHash, MinHashLSH  # here, not at the top: it loads scipy (0.4 s), which
    # every command opening the archive would pay, read-only ones included
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r, MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def lsh_buckets(shingle_set: set[str]) -> list[str]:
    """One bucket key per band of the MinHash signature; similar sets share at least one."""
    if not shingle_set:
        return []
    from datasketch import MinHash

    bands, rows, permutations = _layout()
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=permutations, scheme=_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    values = minhash.hashvalues
    return [
        f"{band}:" + hashlib.blake2b(values[band * rows:(band + 1) * rows].tobytes(), digest_size=16).hexdigest()
        for band in range(bands)
    ]
