"""Import benchmark: N people with service (default 100,000; TDKT_BENCH_ROWS) from one .xlsx.

Generates the file in a temporary folder (never committed), then measures:
- python-calamine reading the sheet (the floor: an import cannot be faster than its read),
- openpyxl read-only reading it (for comparison),
- the full import (read, check, write, with an audit entry for every person and service
  period) on a fresh SQLite database, and on a fresh PostgreSQL
  database when TDKT_DATABASE_URL is set; each in a child process, so that its peak memory
  (ru_maxrss) is its own.
Targets: under 20 s for 100,000 rows on SQLite, and at most 2x the calamine read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

from tdkt.bench import register

DEFAULT_ROWS = 100_000
UNITS = 40

# Common Vietnamese name parts, weighted roughly as they occur.
_FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
           ("Phan", 4), ("Vũ", 4), ("Võ", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
           ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trương", 1)]  # fmt: skip
_MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quang", "Thu", "Kim", "Xuân",
           "Hoài", "Anh", "Bảo", "Công", "Đình", "Gia", "Hồng", "Khánh", "Mạnh", "Phương",
           "Quốc", "Thế", "Trọng", "Tuấn", "Việt"]  # fmt: skip
_GIVEN = ["An", "Anh", "Ánh", "Bình", "Bảo", "Chi", "Cường", "Dũng", "Dương", "Đạt", "Đức",
          "Giang", "Hà", "Hải", "Hạnh", "Hằng", "Hiếu", "Hoa", "Hoà", "Hùng", "Hương", "Huy",
          "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngọc", "Nhung",
          "Oanh", "Phong", "Phúc", "Phương", "Quân", "Quang", "Quyên", "Sơn", "Tâm", "Thảo",
          "Thắng", "Thành", "Thu", "Thuỷ", "Tiến", "Trang", "Trung", "Tú", "Tuấn", "Tuyết",
          "Uyên", "Vân", "Việt", "Vinh", "Xuân", "Yến"]  # fmt: skip
_POSITIONS = ["Chuyên viên", "Cán sự", "Phó trưởng phòng", "Trưởng phòng", "Giáo viên",
              "Nhân viên", "Kế toán", "Văn thư", "Công chức địa chính"]  # fmt: skip
_CATEGORIES = ["Công chức", "Viên chức", "Cán bộ", "Người lao động"]
HEADERS = ["STT", "Họ và tên (*)", "Giới tính (*)", "Ngày sinh (*)", "Số CCCD",
           "Ngày tuyển dụng", "Đơn vị (*)", "Chức vụ", "Đối tượng (*)", "Lao động trực tiếp",
           "Từ ngày", "Đến ngày"]  # fmt: skip


def bench_units() -> list[tuple[str, str]]:
    return [(f"bench-unit-{n:02d}", f"Phòng thử nghiệm số {n}") for n in range(1, UNITS + 1)]


def generate(path: Path, rows: int, seed: int = 2025) -> None:
    """An .xlsx like the people template: title, blank row, header row, `rows` data rows."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    families = [name for name, weight in _FAMILY for _ in range(weight)]
    units = bench_units()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(["DANH SÁCH CÁN BỘ VÀ QUÁ TRÌNH CÔNG TÁC"])
    sheet.append([])
    sheet.append(HEADERS)
    for number in range(1, rows + 1):
        birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        recruited = birth + dt.timedelta(days=rng.randrange(20 * 365, 30 * 365))
        code, name = units[rng.randrange(len(units))]
        ended = rng.random() < 0.1
        middle = rng.choice(_MIDDLE)
        sheet.append(
            [
                number,
                f"{rng.choice(families)} {middle} {rng.choice(_GIVEN)}",
                # The same name always gets the same gender: rows that happen to share a name
                # and a birthday are one person to the importer.
                "Nữ" if middle == "Thị" or (middle != "Văn" and len(middle) % 2) else "Nam",
                birth,
                f"{48:03d}{number:09d}" if rng.random() < 0.85 else None,
                recruited,
                code if rng.random() < 0.7 else name,
                rng.choice(_POSITIONS),
                rng.choice(_CATEGORIES),
                "Có" if rng.random() < 0.2 else "Không",
                recruited,
                recruited + dt.timedelta(days=800) if ended else None,
            ]
        )
    workbook.save(path)


def _timed(function: Any, *args: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, result). CPU time says more on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def read_calamine(path: Path) -> int:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def _child(path: str, database_url: str) -> dict[str, Any]:
    """In a fresh process: migrate a fresh database, make the units, import, report.

    SQLite lives in a folder next to the generated file, removed with it.
    """
    data_dir = Path(path).parent / f"db-{os.getpid()}"
    data_dir.mkdir()
    os.environ["TDKT_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["TDKT_DATABASE_URL"] = database_url
    else:
        os.environ.pop("TDKT_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from tdkt.imports.services import run_import
    from tdkt.organisations.enums import UnitKind
    from tdkt.organisations.models import Unit

    call_command("migrate", verbosity=0, skip_checks=True)
    for code, name in bench_units():
        Unit.objects.create(code=code, name=name, kind=UnitKind.DIVISION)
    content = Path(path).read_bytes()
    seconds, cpu, result = _timed(run_import, "people", Path(path).name, content)
    from tdkt.common.models import AuditEntry
    from tdkt.people.models import Person, ServicePeriod

    return {
        "seconds": seconds,
        "cpu": cpu,
        "status": result.batch.status,
        "rows_written": result.batch.rows_written,
        "errors": len(result.errors),
        "people": Person.objects.count(),
        "service_periods": ServicePeriod.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
        "phases": result.timings,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run_child(path: Path, database_url: str = "") -> dict[str, Any]:
    command = [sys.executable, "-m", "tdkt.bench.imports", "--child", str(path), database_url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _postgres(path: Path, server_url: str) -> dict[str, Any]:
    """Run the child on a fresh PostgreSQL database, created and dropped around it."""
    import psycopg

    name = f"tdkt_bench_imports_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        return _run_child(path, _with_database(server_url, name))
    finally:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _line(label: str, wall: float, cpu: float, rows: int, floor: tuple[float, float]) -> str:
    return (
        f"  {label:<26} {wall:7.2f} {cpu:7.2f} {rows / wall:>10,.0f}"
        f" {wall / floor[0]:6.2f} / {cpu / floor[1]:.2f}"
    )


@register("imports")
def run() -> None:
    rows = int(os.environ.get("TDKT_BENCH_ROWS", DEFAULT_ROWS))
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-") as folder:
        path = Path(folder) / f"people-{rows}.xlsx"
        took, _cpu, _none = _timed(generate, path, rows)
        size = path.stat().st_size / 1e6
        print(f"  generated {rows:,} people rows (.xlsx, {size:.1f} MB) in {took:.1f} s")
        # The floor: the better of two reads (the first also warms the page cache).
        floor = min(_timed(read_calamine, path)[:2], _timed(read_calamine, path)[:2])
        print(f"  {'':<26} {'wall s':>7} {'CPU s':>7} {'rows/s':>10}  x calamine (wall / CPU)")
        print(_line("python-calamine read", *floor, rows, floor))
        print(_line("openpyxl read-only read", *_timed(read_openpyxl, path)[:2], rows, floor))
        targets = [("import, SQLite", "")]
        server = os.environ.get("TDKT_DATABASE_URL", "")
        if server.startswith(("postgres://", "postgresql://")):
            targets.append(("import, PostgreSQL", server))
        for label, url in targets:
            report = _postgres(path, url) if url else _run_child(path)
            print(
                _line(label, report["seconds"], report["cpu"], rows, floor)
                + f"  peak RSS {report['peak_rss_mb']:.0f} MB"
            )
            phases = report["phases"]
            print(
                "    "
                + ", ".join(
                    f"{phase} {phases[phase]:.2f} s (CPU {phases[phase + ' cpu']:.2f})"
                    for phase in ("read", "check", "write")
                    if phase in phases
                )
            )
            print(
                f"    {report['status']}: {report['rows_written']:,} rows written,"
                f" {report['people']:,} people, {report['service_periods']:,} service periods,"
                f" {report['audit_entries']:,} audit entries, {report['errors']} errors"
            )
            if rows < DEFAULT_ROWS:
                print(f"    (the targets are for {DEFAULT_ROWS:,} rows)")
                continue
            ratio = report["seconds"] / floor[0]
            print(
                f"    targets: under 20 s: {'met' if report['seconds'] < 20 else 'NOT met'};"
                f" at most 2x calamine: {'met' if ratio <= 2 else 'NOT met'} ({ratio:.1f}x)"
            )


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        url = sys.argv[3] if len(sys.argv) > 3 else ""
        print(json.dumps(_child(sys.argv[2], url)))
    else:
        run()
