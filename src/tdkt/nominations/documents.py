"""The submission memo (tờ trình đề nghị khen thưởng, documents.md §2; ND 98/2023 Phụ lục I
Mẫu số 01) of a dossier, as a Word document in the official layout."""

from __future__ import annotations

from collections import OrderedDict

from tdkt.documents.bases import basis_lines
from tdkt.documents.bodies import LOCALITY_KINDS, committee_name, issuing_body_lines, place_name
from tdkt.documents.layout import Header, OfficialDocument, Signature
from tdkt.nominations.enums import DEAD_STATES, DossierKind
from tdkt.nominations.models import Dossier, Nomination
from tdkt.organisations.models import Unit

_KIND_REASON: dict[str, str] = {
    DossierKind.YEARLY: "Đã có thành tích trong thực hiện nhiệm vụ năm {year}.",
    DossierKind.CAMPAIGN: "Đã có thành tích trong phong trào thi đua {movement}.",
    DossierKind.SUDDEN: "Đã có thành tích đột xuất.",
}


def deciding_body(unit: Unit) -> Unit:
    """The locality above the proposing unit whose chair decides (a ward's district...)."""
    for candidate in reversed(unit.ancestors()):
        if candidate.kind in LOCALITY_KINDS:
            return candidate
    return unit


def _counts(nominations: list[Nomination]) -> str:
    people = sum(1 for n in nominations if not n.is_collective)
    collectives = len(nominations) - people
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if people:
        parts.append(f"{people:02d} cá nhân")
    return " và ".join(parts)


def memo(dossier: Dossier) -> bytes:
    unit = dossier.unit
    decider = deciding_body(unit)
    chair = f"Chủ tịch {committee_name(decider)}"
    nominations = sorted(
        dossier.nominations.exclude(state__in=DEAD_STATES).select_related(
            "person", "unit", "unit__parent"
        ),
        key=lambda n: (n.award_rank, n.is_collective, n.order, n.pk),
    )
    doc = OfficialDocument(title=f"Tờ trình {dossier.memo_number}".strip())
    doc.header(
        Header(
            issuing_body=issuing_body_lines(unit),
            number=dossier.memo_number,
            place=place_name(unit),
            date=dossier.memo_date,
        )
    )
    doc.title("TỜ TRÌNH", f"Về việc đề nghị khen thưởng năm {dossier.year}")
    doc.centred(f"Kính gửi: {chair}.")
    for line in basis_lines(dossier.decision_date):
        doc.paragraph(line, italic=True)
    doc.paragraph(
        f"{committee_name(unit)} kính đề nghị {chair} xem xét, khen thưởng cho"
        f" {_counts(nominations)}, gồm:"
    )
    groups: OrderedDict[str, list[Nomination]] = OrderedDict()
    for nomination in nominations:
        groups.setdefault(nomination.award_code, []).append(nomination)
    for index, (_code, rows) in enumerate(groups.items(), start=1):
        doc.subheading(f"{index}. {rows[0].award_name}: {_counts(rows)}")
        doc.table(
            ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Tóm tắt thành tích"],
            [
                [
                    str(number),
                    row.subject_name,
                    ", ".join(part for part in (row.position, row.workplace) if part),
                    row.achievement,
                ]
                for number, row in enumerate(rows, start=1)
            ],
            [1.2, 4.6, 5.2, 5.0],
            align=["c", "l", "l", "l"],
            size=12,
        )
    reason = _KIND_REASON[dossier.kind].format(
        year=dossier.year, movement=dossier.movement.name if dossier.movement else ""
    )
    doc.paragraph(f"Lý do: {reason}")
    doc.paragraph("(Kèm theo danh sách, báo cáo thành tích và biên bản họp bình xét)", italic=True)
    doc.paragraph(f"Kính đề nghị {chair} xem xét, quyết định./.")
    authority = (
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
        if unit.kind in LOCALITY_KINDS
        else ("THỦ TRƯỞNG ĐƠN VỊ",)
    )
    doc.closing(["Như trên;", "Lưu: VT."], Signature(authority))
    return doc.to_bytes()
