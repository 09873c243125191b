"""`python -m tdkt.bench` runs every registered benchmark; `python -m tdkt.bench imports` one.

The benchmarks that compare databases run on SQLite and, when a PostgreSQL server is known, on
PostgreSQL too (each in a throw-away database of its own). The server is TDKT_DATABASE_URL, or
else the local one (postgres://postgres@127.0.0.1:5432/postgres) when it answers.
"""

from __future__ import annotations

import os
import sys

from tdkt.bench import discover

LOCAL_POSTGRESQL = "postgres://postgres@127.0.0.1:5432/postgres"


def _local_postgresql() -> str:
    import psycopg

    try:
        with psycopg.connect(LOCAL_POSTGRESQL, connect_timeout=2):
            return LOCAL_POSTGRESQL
    except psycopg.Error:
        return ""


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    benchmarks = discover()
    names = (sys.argv[1:] if argv is None else argv) or sorted(benchmarks)
    unknown = [name for name in names if name not in benchmarks]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(sorted(benchmarks))}")
        return 2
    if not os.environ.get("TDKT_DATABASE_URL"):
        server = _local_postgresql()
        if server:
            os.environ["TDKT_DATABASE_URL"] = server
        print(f"PostgreSQL: {server or 'none (set TDKT_DATABASE_URL to include it)'}", flush=True)
    for name in names:
        print(f"== {name}", flush=True)
        benchmarks[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
