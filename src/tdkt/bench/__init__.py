"""Benchmarks, run with `python -m tdkt.bench [name ...]` (or `make bench`).

Each module of this package registers its benchmarks with `@register("name")`; the runner
imports every module, so adding a benchmark is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

Benchmark = Callable[[], None]
BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str) -> Callable[[Benchmark], Benchmark]:
    def decorate(function: Benchmark) -> Benchmark:
        BENCHMARKS[name] = function
        return function

    return decorate


def discover() -> dict[str, Benchmark]:
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return BENCHMARKS
