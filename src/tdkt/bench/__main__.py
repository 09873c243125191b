"""`python -m tdkt.bench` runs every registered benchmark; `python -m tdkt.bench imports` one."""

from __future__ import annotations

import os
import sys

from tdkt.bench import discover


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    benchmarks = discover()
    names = (sys.argv[1:] if argv is None else argv) or sorted(benchmarks)
    unknown = [name for name in names if name not in benchmarks]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(sorted(benchmarks))}")
        return 2
    for name in names:
        print(f"== {name}", flush=True)
        benchmarks[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
