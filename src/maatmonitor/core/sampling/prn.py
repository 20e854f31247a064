"""Permanent random numbers (PRNs) and the per-stratum draw of the smallest shifted PRNs.

Byte recipe (version `PRN_ALGORITHM`), identical on every platform:
    digest = BLAKE2b(salt_utf8 || unit_id_utf8, digest_size=8)    # plain concatenation
    k      = int.from_bytes(digest, "big")                        # 0 <= k < 2**64
    u      = k / 2**64                                            # the PRN in [0, 1)
For a fixed salt the concatenation is injective in the id, so distinct ids get independent PRNs.

The draw works on the integers k, not on floats, so it is exact: with a start point
start in [0, 1) stored as a 53-bit float, s = start * 2**64 (an integer) and the sort key is
    key = (k - s) mod 2**64  ==  ((u - start) mod 1) * 2**64.
Each stratum takes its n_h units with the smallest key; equal keys (about one pair in 3.7e12
per stratum of a million) are ordered by unit_id so the result never depends on row order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

PRN_ALGORITHM = "blake2b-8-be-u64/v1"
_TWO64 = 2**64
# 2**64 / golden ratio: successive waves' start points spread evenly round the unit circle.
_GOLDEN64 = 0x9E3779B97F4A7C15

U64Array = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.int64]


def salt_fingerprint(salt: str) -> str:
    """A short fingerprint that tells whether cached PRNs belong to `salt` (salt not revealed)."""
    if not salt:
        raise ValueError("salt mag niet leeg zijn")
    return hashlib.sha256(b"maatmonitor-prn-salt\x00" + salt.encode("utf-8")).hexdigest()[:16]


def compute_prn(unit_ids: Iterable[str], salt: str) -> U64Array:
    """The integer PRN k of each id (see module docstring), as uint64."""
    if not salt:
        raise ValueError("salt mag niet leeg zijn")
    # Copying a hasher already fed with the salt is ~1.7x faster than hashing salt+id afresh.
    copy = hashlib.blake2b(salt.encode("utf-8"), digest_size=8).copy

    def one(uid: bytes) -> bytes:
        h = copy()
        h.update(uid)
        return h.digest()

    packed = b"".join(map(one, map(str.encode, unit_ids)))
    return np.frombuffer(packed, dtype=">u8").astype(np.uint64)


def prn_unit(k: U64Array) -> npt.NDArray[np.float64]:
    """The PRN as a float in [0, 1) (display only; 53 bits, never rounds up to 1)."""
    return (k >> np.uint64(11)).astype(np.float64) * 2.0**-53


def wave_start(wave: int) -> float:
    """Default start point of wave `wave` (1-based): frac((wave - 1) / golden ratio), 53 bits."""
    if wave < 1:
        raise ValueError(f"wave moet 1 of hoger zijn, niet {wave}")
    k = ((wave - 1) * _GOLDEN64) % _TWO64
    return (k >> 11) / 2.0**53


def start_offset(start: float) -> int:
    """The integer s = start * 2**64 of a start point (exact for any float in [0, 1))."""
    if not 0.0 <= start < 1.0:
        raise ValueError(f"start moet in [0, 1) liggen, niet {start}")
    return int(start * _TWO64)


def select_smallest(
    strata: IntArray,
    prn: U64Array,
    take: IntArray,
    start: float,
    unit_ids: npt.NDArray[np.object_],
) -> IntArray:
    """Row positions of the units drawn: per stratum h, the take[h] smallest shifted keys.

    `strata` holds a stratum number 0..H-1 per row, `take` the sample size per stratum
    (at most the stratum's size). Returns positions sorted ascending.
    """
    n_strata = len(take)
    if strata.size and (strata.min() < 0 or strata.max() >= n_strata):
        raise ValueError("stratumnummer buiten bereik")
    key = prn - np.uint64(start_offset(start))  # uint64 arithmetic wraps: this is mod 2**64
    # A stable sort of 16-bit keys is a radix sort in numpy: O(n), several times faster.
    small = strata.astype(np.int16) if n_strata < 2**15 else strata
    order = np.argsort(small, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(strata, minlength=n_strata))])
    chosen: list[IntArray] = []
    for h in range(n_strata):
        seg = order[bounds[h] : bounds[h + 1]]
        k = int(take[h])
        if k > seg.size:
            raise ValueError(f"stratum {h}: {k} te trekken uit {seg.size} eenheden")
        if k == 0:
            continue
        if k == seg.size:
            chosen.append(seg)
            continue
        seg_key = key[seg]
        threshold = seg_key[np.argpartition(seg_key, k - 1)[k - 1]]
        below = seg[seg_key < threshold]
        tied = seg[seg_key == threshold]
        need = k - below.size
        if tied.size > need:
            tied = tied[np.argsort(unit_ids[tied], kind="stable")]
        chosen.append(below)
        chosen.append(tied[:need])
    if not chosen:
        return np.empty(0, dtype=np.int64)
    return np.sort(np.concatenate(chosen)).astype(np.int64)
