"""Independent float64 references, written from the papers with mpmath.

Never import keras_activations here: a reference must not share code (or
mistakes) with the implementation. Each reference is a scalar function of an
``mpmath.mpf`` written as the paper writes it; mpmath's arbitrary precision
makes the naive formula exact enough (cancellation and overflow cannot happen
at 50+ digits), so the reference needs none of the implementation's numerical
tricks. Derivatives are taken numerically by mpmath at high precision, so they
are independent of both the implementation and any hand derivation.

Register a reference with :func:`reference`; the tests look them up by the
activation's canonical name.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Callable

import mpmath as mp

INF = mp.inf


@dataclasses.dataclass(frozen=True)
class Reference:
    name: str
    function: Callable  # f(x: mpf, **params) -> mpf
    kinks: tuple = ()  # points where the derivative (or the function) jumps; or a callable(params) -> tuple
    limits: tuple | None = None  # (f(-inf), f(+inf)) where the limits exist; None entry = no limit
    derivative_limits: tuple | None = None  # (f'(-inf), f'(+inf)) where they exist
    param_sets: tuple = ({},)  # parameter sets to test (the first is the defaults)
    domain: tuple = (-INF, INF)  # where the function is defined
    singular: tuple = ()  # points where the derivative is infinite (e.g. sqrt-like at 0)


REFERENCES: dict[str, Reference] = {}


def reference(name, *, kinks=(), limits=None, derivative_limits=None, param_sets=({},), domain=(-INF, INF),
              singular=()):
    """Register ``function`` as the float64 reference of activation ``name``."""

    def decorate(function):
        if name in REFERENCES:
            raise ValueError(f"duplicate reference for {name}")
        REFERENCES[name] = Reference(
            name, function, kinks if callable(kinks) else tuple(kinks), limits, derivative_limits,
            tuple(param_sets), domain, tuple(singular),
        )
        return function

    return decorate


def variant_reference(name, base, *, param_sets=None, **fixed):
    """Reference of a variant: ``base`` with some parameters fixed (as its source defines it)."""
    ref = REFERENCES[base]

    def function(x, **params):
        return ref.function(x, **{**fixed, **params})

    REFERENCES[name] = dataclasses.replace(
        ref, name=name, function=function, param_sets=param_sets or ({},)
    )


MODULES = (
    "classic",
    "rectifiers",
    "exponential",
    "sigmoidal",
    "softplus_family",
    "gated_units",
    "periodic",
    "shrinkage",
    "other",
    "adaptive",
)

for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")
