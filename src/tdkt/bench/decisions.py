"""Decisions benchmark: a decision of 1,000 lines (TDKT_BENCH_LINES) on a fresh SQLite database
in a child process, then:
- drafting it (sorting, pricing) and signing it (numbering, 1,000 register rows, audit);
- the decision as Word (python-docx, Decree 30/2020 layout) and as PDF (LibreOffice);
- its 1,000 certificates as one PDF (ReportLab), as the background print makes them.
Targets: Word and PDF each under 10 s; certificates at 100 pages per second or more.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tdkt.bench import register

DEFAULT_LINES = 1_000
TARGET_DOCUMENT_SECONDS = 10.0
TARGET_PAGES_PER_SECOND = 100.0
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quang", "Thu", "Xuân")
GIVEN = ("An", "Ánh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hằng", "Hùng", "Hương",
         "Lan", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Tâm", "Thảo", "Trang", "Tuấn",
         "Uyên", "Việt", "Yến")  # fmt: skip


def _timed(function: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """Wall time and result; the CPU time of the last call is kept in CPU[0]."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - started, result


CPU = [0.0]


def _child(folder: str, lines: int) -> dict[str, Any]:
    os.environ["TDKT_DATA_DIR"] = folder
    os.environ["TDKT_MEDIA_ROOT"] = str(Path(folder) / "media")
    os.environ.pop("TDKT_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import User
    from tdkt.decisions import batches, services
    from tdkt.decisions.documents import decision_docx
    from tdkt.documents.pdf import ConversionError, docx_to_pdf
    from tdkt.organisations.enums import UnitKind
    from tdkt.organisations.models import Unit
    from tdkt.people.enums import Category
    from tdkt.people.models import Person, ServicePeriod

    call_command("migrate", verbosity=0, skip_checks=True)
    district = Unit.objects.create(code="cam-le", name="Quận Cẩm Lệ", kind=UnitKind.DISTRICT)
    offices = [
        Unit.objects.create(
            code=f"office-{i}",
            name=f"Phòng {name} quận Cẩm Lệ",
            kind=UnitKind.DEPARTMENT,
            parent=district,
        )
        for i, name in enumerate(("Nội vụ", "Tài chính - Kế hoạch", "Tư pháp", "Y tế"))
    ]
    people = []
    for index in range(lines):
        person = Person(
            full_name=(
                f"{FAMILY[index % len(FAMILY)]} {MIDDLE[index // 7 % len(MIDDLE)]}"
                f" {GIVEN[index // 3 % len(GIVEN)]}"
            ),
            gender="nu" if index % 2 else "nam",
            birth_date=dt.date(1970 + index % 30, 1 + index % 12, 1 + index % 28),
        )
        person.normalise()
        people.append(person)
    Person.objects.bulk_create(people)
    ServicePeriod.objects.bulk_create(
        ServicePeriod(
            person=person,
            unit=offices[index % len(offices)],
            position="Chuyên viên",
            category=Category.CIVIL_SERVANT,
            start_on=dt.date(2010, 1, 1),
        )
        for index, person in enumerate(people)
    )
    signer = User(username="chutich", role=Role.SIGNER, unit=district)
    signer.set_password("bench")
    signer.save()
    report: dict[str, Any] = {"lines": lines}
    line_inputs = [
        services.LineInput(
            person=person,
            achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2017",
        )
        for person in people
    ]
    report["draft"], draft = _timed(
        services.draft_decision,
        issuer=district,
        award_code="giay_khen_ct_huyen",
        year=2017,
        decision_date=dt.date(2018, 1, 16),
        signer_name="Huỳnh Đức Thịnh",
        signer_title="CHỦ TỊCH",
        lines=line_inputs,
        actor=None,
    )
    report["draft_cpu"] = CPU[0]
    report["sign"], decision = _timed(services.sign_decision, draft, actor=signer)
    report["sign_cpu"] = CPU[0]
    report["docx"], docx = _timed(decision_docx, decision)
    report["docx_cpu"] = CPU[0]
    report["docx_kb"] = len(docx) / 1024
    try:
        report["pdf"], pdf = _timed(docx_to_pdf, docx)
        report["pdf_kb"] = len(pdf) / 1024
        pdf_path = Path(folder) / "decision.pdf"
        pdf_path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True)
        pages = [x for x in info.stdout.splitlines() if x.startswith("Pages:")]
        report["pdf_pages"] = int(pages[0].split()[1]) if pages else 0
    except ConversionError as exc:
        report["pdf_error"] = str(exc)
    batch = batches.start_batch(decision, actor=None, base_url="https://tdkt.example.gov.vn")
    report["certificates"], done = _timed(
        batches.run_batch, batch.pk, "https://tdkt.example.gov.vn"
    )
    report["certificates_cpu"] = CPU[0]
    report["certificate_pages"] = done.done
    report["certificate_status"] = done.status
    report["certificate_mb"] = Path(done.file.path).stat().st_size / 1e6
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


@register("decisions")
def run() -> None:
    lines = int(os.environ.get("TDKT_BENCH_LINES", DEFAULT_LINES))
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-decisions-") as folder:
        command = [sys.executable, "-m", "tdkt.bench.decisions", "--child", folder, str(lines)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"benchmark child failed:\n{done.stderr}")
        report = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  a decision of {report['lines']:,} lines (merit certificates), fresh SQLite")
    print(f"  {'':<32} {'wall s':>7} {'CPU s':>7}")
    print(f"  {'draft (sort, price)':<32} {report['draft']:7.2f} {report['draft_cpu']:7.2f}")
    print(
        f"  {'sign (number, register, audit)':<32} {report['sign']:7.2f} {report['sign_cpu']:7.2f}"
    )
    docx_ok = report["docx"] < TARGET_DOCUMENT_SECONDS
    print(
        f"  {'Word':<32} {report['docx']:7.2f} {report['docx_cpu']:7.2f}"
        f"  {report['docx_kb']:,.0f} KB"
        f"  target < {TARGET_DOCUMENT_SECONDS:.0f} s: {'met' if docx_ok else 'NOT met'}"
    )
    if "pdf" in report:
        pdf_ok = report["pdf"] < TARGET_DOCUMENT_SECONDS
        print(
            f"  {'PDF (LibreOffice, wall only)':<32} {report['pdf']:7.2f} {'':>7}"
            f"  {report['pdf_kb']:,.0f} KB,"
            f" {report['pdf_pages']} pages"
            f"  target < {TARGET_DOCUMENT_SECONDS:.0f} s: {'met' if pdf_ok else 'NOT met'}"
        )
    else:
        print(f"  PDF: not measured ({report['pdf_error']})")
    rate = report["certificate_pages"] / report["certificates"]
    print(
        f"  {'certificates (one PDF)':<32} {report['certificates']:7.2f}"
        f" {report['certificates_cpu']:7.2f}  {report['certificate_pages']:,}"
        f" pages, {report['certificate_mb']:.1f} MB, {rate:,.0f} pages/s"
        f"  target >= {TARGET_PAGES_PER_SECOND:.0f}/s:"
        f" {'met' if rate >= TARGET_PAGES_PER_SECOND else 'NOT met'}"
    )
    print(f"  peak RSS {report['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]))))
    else:
        run()
