"""Writes the small real test documents under tests/knowledge/files/ (run again to regenerate).

    .venv/bin/python tests/knowledge/make_test_files.py

Text files are written as they are; the PDF is made with fpdf2 and the DOCX with python-docx, so
the loaders are tested on files produced by real tools. The documents are fictional.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
CORPUS = FILES / "corpus"
BROKEN = FILES / "broken"

ARSRAKNING_MD = """---
doc_id: test-arsrakning
title: Årsräkning för gode män
approved: true
approved_by: Enhetschef Test
valid_from: 2024-01-01
language: sv
source_url: https://example.se/arsrakning
audience: ställföreträdare
---

# Årsräkning

Som god man ska du varje år redovisa hur du har förvaltat huvudmannens pengar. Redovisningen \
kallas årsräkning och ska vara hos överförmyndaren senast den 1 mars, enligt 14 kap. 15 § FB. \
Du kan t.ex. lämna den digitalt. Det går bl.a. att bifoga kontoutdrag som pdf.

## Bilagor

Du ska bifoga underlag för alla konton. Det gäller s.k. transaktionskonton och sparkonton.

- kontoutdrag per den 31 december
- kvitton på större utgifter, t.ex. möbler
- beslut om bostadstillägg

## Exempel

Ett exempel: huvudmannen har personnummer 19121212-1212 och telefon 070-123 45 67. \
Arvodet är ca 58 800 kr. per år i exemplet. Beloppet betalas ut av kommunen kl. 10 den dag \
beslutet vunnit laga kraft.

Fråga gärna oss om något är oklart! Vi svarar inom tre arbetsdagar.
"""

KONTAKT_HTML = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Kontakt och öppettider | Överförmyndarförvaltningen</title>
<meta name="doc-id" content="test-kontakt">
<meta name="approved" content="true">
<meta name="approved-by" content="Kommunikationsavdelningen">
<meta name="valid-from" content="2024-06-01">
<meta name="language" content="sv">
<meta name="audience" content="allmänheten">
<link rel="canonical" href="https://example.se/kontakt">
<style>body { font-family: sans-serif; } .hidden-style-text { color: red; }</style>
<script>var trackingSecret = "SKRIPTTEXT";</script>
</head>
<body class="page has-cookie-banner">
<a class="skip-link" href="#main">Hoppa till innehållet</a>
<div id="cookie-consent" class="cookie-banner">Vi använder kakor (COOKIETEXT).
  <button>Godkänn</button></div>
<header class="site-header"><a href="/">SIDHUVUDTEXT Stadens logotyp</a>
  <nav aria-label="Huvudmeny"><ul><li><a href="/">NAVTEXT Start</a></li>
    <li><a href="/om">Om oss</a></li></ul></nav>
</header>
<nav class="breadcrumbs" aria-label="Brödsmulor"><ol><li>BRÖDSMULA Start</li><li>Kontakt</li></ol></nav>
<main id="main">
<article>
<header><h1>Kontakt och öppettider</h1></header>
<p>Du når överförmyndarförvaltningen på telefon och e-post. Vi hjälper dig
med frågor om gode män, förvaltare och förmyndare.</p>
<h2>Telefontider</h2>
<p>Telefonen är öppen måndag till torsdag kl. 9.00–11.30.<br>Fredagar har vi stängt.</p>
<ul>
  <li>Växel: 08-508 00 000</li>
  <li>E-post: <a href="mailto:overformyndaren@example.se">overformyndaren@example.se</a></li>
  <li>Besöksadress: Exempelgatan 1
    <ul><li>Besök endast efter bokning</li></ul>
  </li>
</ul>
<h3>Skicka post</h3>
<table><tr><th>Mottagare</th><th>Adress</th></tr>
<tr><td>Överförmyndarförvaltningen</td><td>Box 123, 100 00 Stockholm</td></tr></table>
<aside class="related">ASIDETEXT Relaterade sidor</aside>
<form action="/sok"><label>FORMTEXT Sök</label><input name="q"></form>
<div hidden>DOLDTEXT</div>
<footer>Sidan uppdaterades 2024-06-01 ARTIKELFOT</footer>
</article>
</main>
<aside>SIDOTEXT</aside>
<footer class="site-footer"><p>SIDFOTTEXT © Staden</p></footer>
<noscript>NOSCRIPTTEXT</noscript>
<script>console.log("SKRIPTTEXT2")</script>
</body>
</html>
"""

PLACERING_TXT = """Placering av pengar

Huvudmannens pengar ska placeras tryggt och ge skälig avkastning. Pengar som inte behövs för \
de löpande utgifterna kan sättas in på ett sparkonto med spärr.

Vad gäller för fonder

Placering i fonder kräver i vissa fall överförmyndarens samtycke. Fråga oss innan du placerar.
- räntefonder
- aktiefonder med bred spridning
"""

PLACERING_META = """doc_id: test-placering
title: Placering av pengar
approved: true
approved_by: Handläggare Test
valid_from: 2024-01-01
source_url: https://example.se/placering
"""

SIDECAR_MD = """---
doc_id: test-foretrade
title: Titel från front matter
approved: false
version: fm-1
language: sv
---

# Rubrik i texten

Den här texten finns för att testa vilken metadata som vinner. Sidecar-filen godkänner dokumentet.
"""

SIDECAR_MD_META = """title: Titel från sidecar
approved: true
valid_from: 2024-01-01
"""

SIDECAR_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Sidans titel</title>
<meta name="doc-id" content="test-html-foretrade">
<meta name="approved" content="false">
<meta name="title" content="Titel från HTML-meta">
<meta name="version" content="html-1">
<meta name="valid-from" content="2024-01-01">
<link rel="canonical" href="https://example.se/html-foretrade">
</head><body><main><h1>Rubrik på sidan</h1>
<p>Den här sidan finns för att testa att sidecar-filen vinner över HTML-meta.</p></main></body></html>
"""

SIDECAR_HTML_META = """approved: true
title: Titel från sidecar
"""

ENGLISH_MD = """---
title: What a god man does
approved: true
valid_from: 2024-01-01
---

# What a god man does

A god man helps a person who cannot look after their own affairs. The guardianship office \
supervises every god man and checks the annual report.
"""

GATED = {
    "utkast.md": "approved: false\nvalid_from: 2024-01-01\n",
    "framtida.md": "approved: true\nvalid_from: 2030-01-01\n",
    "utgangen.md": "approved: true\nvalid_from: 2023-01-01\nvalid_until: 2025-01-01\n",
    "saknar-godkannande.md": "title: Inget godkännande\n",
}

BROKEN_TEXT = {
    "bad-yaml.md": "---\ntitle: [obalanserad\napproved: true\n---\n\n# Rubrik\n\nText.\n",
    "unclosed-front-matter.md": "---\ntitle: Aldrig stängd\napproved: true\n\n# Rubrik\n\nText.\n",
    "bad-date.md": "---\napproved: true\nvalid_from: snart\n---\n\n# Rubrik\n\nText om något.\n",
    "empty.md": "---\napproved: true\n---\n\n",
    "bad-sidecar.txt": "Text i en fil vars sidecar är trasig.\n",
    "bad-sidecar.txt.meta.yaml": "approved: true\n  title: felindenterad: [\n",
    "not-a-pdf.pdf": "Det här är ingen PDF utan vanlig text.\n",
}

DUPLICATE_MD = """---
doc_id: test-arsrakning
approved: true
valid_from: 2024-01-01
---

# En kopia

Samma doc_id som årsräkningen, i en annan fil.
"""


def write_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Underlag till årsräkningen (PDF-egenskap)")
    pdf.add_page()

    def block(style: str, size: int, height: float, text: str) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")

    block("B", 18, 10, "Underlag till årsräkningen")
    block(
        "",
        11,
        6,
        "Den här broschyren beskriver vilka underlag du ska skicka in med årsräkningen. "
        "Underlagen visar att redovisningen stämmer med kontoutdragen. Läs den innan du börjar, "
        "så blir granskningen snabbare för alla inblandade.",
    )
    pdf.ln(3)
    block("B", 14, 8, "Kontoutdrag")
    block(
        "",
        11,
        6,
        "Skicka kontoutdrag för alla huvudmannens konton per den 31 december. "
        "Kontoutdragen ska visa saldo och ränta.",
    )
    pdf.ln(3)
    block("", 11, 6, "Detta är ett nytt stycke efter ett tomrum.")
    pdf.ln(3)
    block("", 11, 6, "- kontoutdrag för transaktionskonton\n- kontoutdrag för sparkonton")
    pdf.ln(3)
    block("B", 14, 8, "Kvitton")
    block(
        "",
        11,
        6,
        "Spara kvitton på utgifter över 2 000 kr. Du behöver inte skicka in dem, men "
        "överförmyndaren kan begära att få se dem.",
    )
    pdf.add_page()
    block("B", 14, 8, "Frågor")
    block("", 11, 6, "Ring oss på telefontid om du har frågor om underlagen.")
    pdf.output(str(path))


def write_plain_pdf(path: Path) -> None:
    """A PDF in one font, size and weight: headings can only be told by their numbering."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)

    def line(text: str, gap: float = 0) -> None:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line("Riktlinjer för arvode", 3)
    line("1. Inledning")
    line("Det här dokumentet beskriver hur arvodet bestäms för gode män och förvaltare i kommunen.", 3)
    line("1.1 Bakgrund")
    line("Arvodet beslutas av överförmyndaren efter granskningen av årsräkningen.", 3)
    line("2. Vad som påverkar arvodet")
    line("Arvodet beror på hur mycket arbete uppdraget har krävt under året:")
    line("1. Antal besök")
    line("2. Ekonomins omfattning", 3)
    line("Sida 1")
    pdf.output(str(path))


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Kom igång (DOCX-egenskap)"
    document.add_paragraph("Kom igång med uppdraget", style="Title")
    document.add_paragraph(
        "När tingsrätten har beslutat om godmanskap börjar ditt uppdrag. Här är de första stegen."
    )
    document.add_paragraph("De första veckorna", style="Heading 1")
    document.add_paragraph("Kontakta huvudmannen och banken.", style="List Bullet")
    document.add_paragraph("Beställ registerutdrag.", style="List Bullet")
    document.add_paragraph("Förteckningen", style="Heading 2")
    document.add_paragraph(
        "Förteckningen ska vara hos överförmyndaren inom två månader från beslutet. "
        "Den visar tillgångar och skulder den dag du fick uppdraget."
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Handling"
    table.cell(0, 1).text = "Senast"
    table.cell(1, 0).text = "Förteckning"
    table.cell(1, 1).text = "Två månader"
    document.save(str(path))


def main() -> None:
    shutil.rmtree(FILES, ignore_errors=True)
    CORPUS.mkdir(parents=True)
    (CORPUS / "webb").mkdir()
    BROKEN.mkdir(parents=True)
    (CORPUS / "arsrakning.md").write_text(ARSRAKNING_MD, encoding="utf-8")
    (CORPUS / "webb" / "kontakt.html").write_text(KONTAKT_HTML, encoding="utf-8")
    (CORPUS / "placering.txt").write_text(PLACERING_TXT, encoding="utf-8")
    (CORPUS / "placering.txt.meta.yaml").write_text(PLACERING_META, encoding="utf-8")
    (CORPUS / "foretrade.md").write_text(SIDECAR_MD, encoding="utf-8")
    (CORPUS / "foretrade.md.meta.yaml").write_text(SIDECAR_MD_META, encoding="utf-8")
    (CORPUS / "webb" / "html-foretrade.html").write_text(SIDECAR_HTML, encoding="utf-8")
    (CORPUS / "webb" / "html-foretrade.meta.yaml").write_text(SIDECAR_HTML_META, encoding="utf-8")
    (CORPUS / "en-god-man.md").write_text(ENGLISH_MD, encoding="utf-8")
    (CORPUS / "README.md").write_text("# Testkorpus\n\nDen här filen ska inte laddas.\n", encoding="utf-8")
    (CORPUS / ".dold.md").write_text(
        "---\napproved: true\n---\n\n# Dold\n\nSka inte laddas.\n", encoding="utf-8"
    )
    write_pdf(CORPUS / "underlag.pdf")
    (CORPUS / "underlag.pdf.meta.yaml").write_text(
        "doc_id: test-underlag\napproved: true\nvalid_from: 2024-01-01\n", encoding="utf-8"
    )
    write_plain_pdf(CORPUS / "riktlinjer.pdf")
    (CORPUS / "riktlinjer.pdf.meta.yaml").write_text(
        "approved: true\nvalid_from: 2024-01-01\n", encoding="utf-8"
    )
    write_docx(CORPUS / "kom-igang.docx")
    (CORPUS / "kom-igang.meta.yaml").write_text("approved: true\nvalid_from: 2024-01-01\n", encoding="utf-8")
    for name, front in GATED.items():
        body = f"---\n{front}---\n\n# {name}\n\nEn text som inte ska serveras i dag.\n"
        (CORPUS / name).write_text(body, encoding="utf-8")

    for name, content in BROKEN_TEXT.items():
        (BROKEN / name).write_text(content, encoding="utf-8")
    (BROKEN / "duplicate.md").write_text(DUPLICATE_MD, encoding="utf-8")
    (BROKEN / "latin1.txt").write_bytes("Överförmyndaren i Göteborg\n\nÅrsräkning".encode("latin-1"))
    (BROKEN / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (BROKEN / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    pdf = (CORPUS / "underlag.pdf").read_bytes()
    (BROKEN / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (BROKEN / "not-a-docx.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (BROKEN / "ok.md").write_text(
        "---\napproved: true\nvalid_from: 2024-01-01\n---\n\n"
        "# Hel fil\n\nDen här filen laddas trots grannarna.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
