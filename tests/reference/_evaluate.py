"""Evaluate references (and their derivatives) on grids, with a disk cache.

mpmath is slow, so results are cached in ``tests/.refcache`` keyed by the
reference module's source, the parameters and the grid: each backend's test
process reuses what the first one computed, and editing a reference
invalidates only its own entries.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import sys
from pathlib import Path

import mpmath as mp
import numpy as np

CACHE = Path(__file__).resolve().parent.parent / ".refcache"
BASE_DPS = 40


def _dps_for(x: float) -> int:
    if x == 0 or not math.isfinite(x):
        return BASE_DPS
    return min(400, BASE_DPS + int(3 * max(0.0, -math.log10(abs(x)))) + int(max(0.0, math.log10(abs(x)))))


def _to_float(v) -> float:
    if isinstance(v, mp.mpc):
        if abs(v.imag) > 1e-30 * max(1, abs(v.real)):
            return math.nan
        v = v.real
    try:
        return float(v)
    except (OverflowError, ValueError):
        return math.nan


def _key(ref, params, xs, what) -> str:
    module = sys.modules[ref.function.__module__]
    text = inspect.getsource(module)
    h = hashlib.sha1()
    h.update(text.encode())
    h.update(ref.name.encode())
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    h.update(np.ascontiguousarray(xs, dtype=np.float64).tobytes())
    h.update(what.encode())
    return f"{ref.name}-{what}-{h.hexdigest()[:16]}"


def _cached(key, compute):
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{key}.npy"
    if path.exists():
        try:
            return np.load(path)
        except (OSError, ValueError):
            pass
    result = compute()
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(tmp, result)
    os.replace(tmp, path)
    return result


def values(ref, xs, params=None) -> np.ndarray:
    """f(x) for each x (float64), NaN where the reference is undefined."""
    params = params or {}

    def compute():
        out = np.empty(len(xs))
        for i, x in enumerate(np.asarray(xs, dtype=np.float64)):
            if math.isnan(x):
                out[i] = math.nan
                continue
            with mp.workdps(_dps_for(x)):
                out[i] = _to_float(ref.function(mp.mpf(float(x)), **params))
        return out

    return _cached(_key(ref, params, xs, "f"), compute)


def derivatives(ref, xs, params=None) -> np.ndarray:
    """Array of shape (3, n): f, f' and f'' at each finite x (central, high precision)."""
    params = params or {}

    def compute():
        out = np.full((3, len(xs)), math.nan)
        for i, x in enumerate(np.asarray(xs, dtype=np.float64)):
            if not math.isfinite(x):
                continue
            with mp.workdps(_dps_for(x)):
                f = lambda t: ref.function(t, **params)  # noqa: E731
                for order, d in enumerate(mp.diffs(f, mp.mpf(float(x)), 2)):
                    out[order, i] = _to_float(d)
        return out

    return _cached(_key(ref, params, xs, "d2"), compute)


def one_sided_derivatives(ref, xs, params=None) -> np.ndarray:
    """Array of shape (2, n): the left and right derivative at each x."""
    params = params or {}

    def compute():
        out = np.full((2, len(xs)), math.nan)
        for i, x in enumerate(np.asarray(xs, dtype=np.float64)):
            with mp.workdps(_dps_for(x)):
                f = lambda t: ref.function(t, **params)  # noqa: E731
                out[0, i] = _to_float(mp.diff(f, mp.mpf(float(x)), 1, direction=-1))
                out[1, i] = _to_float(mp.diff(f, mp.mpf(float(x)), 1, direction=1))
        return out

    return _cached(_key(ref, params, xs, "lr"), compute)
