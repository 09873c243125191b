"""Word documents in the official layout of Decree 30/2020/NĐ-CP (Phụ lục I).

`layout.OfficialDocument` builds a document block by block: the two-column header (issuing
body, national motto, number, place and date), title and summary, body paragraphs, the
"Nơi nhận" and signature blocks, a grid of signature cells. Launch plans and pledges
(movements), award decisions, council minutes and reports all compose these same blocks, so a
province that changes its layout changes it here once. `pdf.docx_to_pdf` renders a document
with LibreOffice for printing and for the tests that look at it.
"""
