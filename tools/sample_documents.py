"""Source text and generator for the sample corpus's binary documents (one PDF, one DOCX).

The office publishes some guidance as PDF and Word files. So that the sample corpus exercises the
PDF and DOCX loaders, two of its documents are kept here as structured text and rendered to
knowledge/corpus/ with a sidecar `FILE.meta.yaml` each. Regenerate with:

    .venv/bin/python -m tools.sample_documents

The text lives here (not as Markdown under knowledge/corpus/) so the same content is not
ingested twice. fpdf2 and python-docx are imported inside the writers: they are only needed when
regenerating, never when serving.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "corpus"

# A fixed timestamp keeps regenerated files byte-stable where the formats allow it.
_FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0, tzinfo=dt.UTC)

# Unicode TrueType fonts looked for in this order: fpdf2's core fonts are Latin-1 only and
# cannot print the en dash or the bullet.
_FONT_CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ),
)


@dataclass(frozen=True)
class Block:
    """One piece of a document: a heading (level 1 or 2), a paragraph or a list."""

    kind: str  # "h1", "h2", "p", "ul", "ol"
    text: str = ""
    items: tuple[str, ...] = ()


def h1(text: str) -> Block:
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def p(text: str) -> Block:
    return Block("p", text)


def ul(*items: str) -> Block:
    return Block("ul", items=items)


def ol(*items: str) -> Block:
    return Block("ol", items=items)


@dataclass(frozen=True)
class SampleDocument:
    filename: str
    meta: dict[str, object]
    blocks: tuple[Block, ...]


ARSRAKNING_UNDERLAG = SampleDocument(
    filename="arsrakning-underlag.pdf",
    meta={
        "doc_id": "arsrakning-underlag",
        "title": "Underlag till årsräkningen – checklista",
        "approved": True,
        "approved_by": "Enhetschef tillsyn",
        "valid_from": dt.date(2025, 1, 1),
        "version": "2025.1",
        "language": "sv",
        "source_url": "https://godman.stockholm/du-som-ar-god-man/redovisa-uppdrag/underlag-arsrakning.pdf",
        "audience": "stallforetradare",
    },
    blocks=(
        h1("Underlag till årsräkningen – checklista"),
        p(
            "Den här checklistan hjälper dig som är god man, förvaltare eller förmyndare att "
            "samla rätt underlag till årsräkningen. Årsräkningen för förra året ska ha kommit "
            "in till oss före den 1 mars, alltså senast den sista februari. Kompletta underlag "
            "gör att vi kan granska snabbare."
        ),
        h2("Så använder du checklistan"),
        ol(
            "Gå igenom listan i januari, när årsbeskeden börjar komma.",
            "Bocka av det som gäller för din huvudman. Allt passar inte alla.",
            "Skicka underlagen som kopior. Spara originalen själv.",
            "Skriv under årsräkningen och redogörelsen på heder och samvete.",
        ),
        h2("Bankkonton"),
        ul(
            "Kontoutdrag för alla konton för hela året, från 1 januari till 31 december.",
            "Årsbesked per den 31 december för varje konto.",
            "Intyg från banken om vilka konton som har överförmyndarspärr.",
        ),
        h2("Värdepapper och skulder"),
        ul(
            "Årsbesked per den 31 december för fonder, aktier och andra värdepapper.",
            "Årsbesked för lån och andra skulder.",
            "Besked från Kronofogden om huvudmannen har skulder där.",
        ),
        h2("Inkomster"),
        ul(
            "Kontrolluppgifter eller utbetalningsbesked för pension, lön och bidrag.",
            "Beslut om bostadstillägg eller bostadsbidrag.",
            "Underlag om ersättningar från Försäkringskassan. Du beställer dem själv via "
            "Försäkringskassans Mina sidor när du har skickat in ditt registerutdrag dit. "
            "Försäkringskassan skickar inte längre ut ett helårsbesked på samma sätt som förut.",
        ),
        h2("Skatt"),
        ul(
            "Besked om slutlig skatt.",
            "Utdrag från huvudmannens skattekonto.",
        ),
        h2("Utgifter"),
        ul(
            "Kvitton eller fakturor för större utgifter.",
            "Kvittenser på pengar som du har lämnat till huvudmannen, till exempel fickpengar.",
            "Besked om huvudmannens hemförsäkring.",
        ),
        h2("Arvode och resor"),
        ul(
            "Körjournal om du begär bilersättning för resor i uppdraget.",
            "Kopia av den förenklade arbetsgivardeklarationen (SKV 4805) om huvudmannen har "
            "betalat ditt arvode under året.",
            "Din begäran om arvode skriver du i redogörelsen.",
        ),
        h2("Övrigt"),
        ul(
            "Kontaktuppgifter till huvudmannens boende eller kontaktperson.",
            "Förvaltare: yttrande på omprövningsblanketten om förvaltarskapet fortfarande behövs.",
            "Oskiftat dödsbo: årsuppgift om boet, också den före den 1 mars.",
            "Arv eller gåva under året: kopia av bouppteckning, arvskifteshandling eller gåvobrev.",
        ),
        h2("Om något saknas"),
        p(
            "Om ett underlag saknas när du skickar in, skriv vad som saknas och när det kommer. "
            "Hinner du inte alls ska du begära anstånd skriftligt före den 1 mars. Vi beviljar "
            "anstånd bara om det finns särskilda skäl, till exempel allvarlig sjukdom."
        ),
        h2("Tips inför nästa år"),
        ul(
            "För kassabok löpande under hela året.",
            "Spara kvitton och verifikationer i en pärm eller mapp per månad.",
            "Använd bara transaktionskontot för löpande utgifter.",
        ),
        p(
            "Frågor? Ring 08-465 004 50 måndag, tisdag och torsdag kl. 9.00–11.00 eller skriv "
            "till kontakt.overformyndaren@exempel.se. Det här är kontaktuppgifterna till vårt "
            "exempelkontor."
        ),
    ),
)


KOM_IGANG = SampleDocument(
    filename="kom-igang-med-uppdraget.docx",
    meta={
        "doc_id": "kom-igang-med-uppdraget",
        "title": "Kom igång med ditt nya uppdrag",
        "approved": True,
        "approved_by": "Enhetschef rekrytering",
        "valid_from": dt.date(2025, 1, 1),
        "version": "2025.1",
        "language": "sv",
        "source_url": "https://godman.stockholm/du-som-ar-god-man/kom-igang/introduktionsmaterial.docx",
        "audience": "stallforetradare",
    },
    blocks=(
        h1("Kom igång med ditt nya uppdrag"),
        p(
            "Grattis till ditt nya uppdrag som god man eller förvaltare. Här är de första "
            "stegen. Ta dem i den ordning som passar, men gör dem under de första veckorna."
        ),
        h2("Registerutdraget är ditt bevis"),
        p(
            "När beslutet är klart skickar vi ett registerutdrag till dig. Det visar vilket "
            "uppdrag du har och vilka delar det innehåller: bevaka rätt, förvalta egendom och "
            "sörja för person. Visa registerutdraget för banker, myndigheter och andra när du "
            "företräder huvudmannen."
        ),
        h2("De första stegen"),
        ul(
            "Kontakta huvudmannen och berätta vem du är. Prata med anhöriga om det passar.",
            "Berätta om uppdraget för Skatteverket, Försäkringskassan, banker, hyresvärden och "
            "andra som huvudmannen har kontakt med.",
            "Begär saldobesked från alla banker per förordnandedagen.",
            "Kontrollera hos Kronofogden om huvudmannen har skulder.",
            "Gå igenom posten och leta efter inkassokrav och obetalda räkningar.",
            "Har huvudmannen ett bankfack? Gå igenom det tillsammans med en tjänsteman på banken.",
            "Gör en budget för huvudmannens inkomster och utgifter.",
        ),
        h2("Spärra kontona"),
        p(
            "Alla huvudmannens konton utom ett ska ha överförmyndarspärr. Det gäller även "
            "fondkonton, depåer och värdepapperskonton. Det konto som inte spärras är "
            "transaktionskontot. Dit kommer pension eller lön och därifrån betalar du räkningar. "
            "Be banken om ett intyg om spärren och skicka det till oss."
        ),
        h2("Försäkring"),
        p("Kontrollera att huvudmannen har en hemförsäkring. Den bör gärna ha ett ansvarsskydd."),
        h2("Fullmakter som redan finns"),
        p(
            "Har huvudmannen gett någon en fullmakt tidigare? Vid godmanskap bestämmer "
            "huvudmannen själv om fullmakten ska återkallas. Om huvudmannen inte kan ta "
            "ställning behövs ett läkarintyg. En förvaltare får själv återkalla fullmakter."
        ),
        h2("Huvudmannens post"),
        p(
            "Hos oss rekommenderar vi att du ber huvudmannen om en adressändring för posten, så "
            "att den kommer direkt till dig. Vid godmanskap behöver huvudmannen godkänna det. "
            "Vid förvaltarskap behövs inte huvudmannens godkännande. Privata brev lämnar du "
            "oöppnade till huvudmannen. Huvudmannens folkbokföring ska inte ändras, eftersom "
            "hen ska vara folkbokförd där hen bor. Posten kan inte gå till din egen digitala "
            "brevlåda, till exempel Kivra, eftersom den hör ihop med ditt personnummer."
        ),
        h2("Försäkringskassan"),
        p(
            "Skicka registerutdraget till Försäkringskassan. Sedan kan du ansöka om ersättningar "
            "för huvudmannen digitalt på Försäkringskassans Mina sidor. Där kan du också "
            "beställa underlag till årsräkningen. Det har gått sedan januari 2022."
        ),
        h2("Förteckning inom två månader"),
        p(
            "Ingår förvalta egendom i ditt uppdrag och är uppdraget helt nytt? Då ska du lämna "
            "en förteckning över huvudmannens tillgångar och skulder per förordnandedagen. Den "
            "ska ha kommit in till oss inom två månader. Tar du över efter någon annan gör du "
            "ingen förteckning."
        ),
        h2("Löpande under året"),
        ul(
            "För kassabok och spara alla kvitton.",
            "Håll huvudmannens pengar helt åtskilda från dina egna.",
            "Fråga oss innan du gör något som kräver samtycke, till exempel uttag från spärrat "
            "konto eller försäljning av bostad.",
            "Lämna årsräkningen före den 1 mars varje år.",
        ),
        h2("Stöd i uppdraget"),
        p(
            "Vi har utbildningar och en instruktionsfilm om årsräkningen. Stöd finns också hos "
            "föreningar för gode män och hos Riksförbundet frivilliga samhällsarbetare (RFS). "
            "Ring oss på 08-465 004 50 måndag, tisdag och torsdag kl. 9.00–11.00 eller skriv "
            "till kontakt.overformyndaren@exempel.se. Det här är kontaktuppgifterna till vårt "
            "exempelkontor."
        ),
    ),
)

SAMPLE_DOCUMENTS: tuple[SampleDocument, ...] = (ARSRAKNING_UNDERLAG, KOM_IGANG)


def _find_fonts() -> tuple[Path, Path]:
    for regular, bold in _FONT_CANDIDATES:
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FileNotFoundError(
        "Hittade inget Unicode-typsnitt (DejaVuSans eller LiberationSans) för PDF-filen; "
        "installera fonts-dejavu-core."
    )


def write_pdf(doc: SampleDocument, target: Path) -> None:
    """Render `doc` as a PDF whose headings are bold and larger than the body text."""
    from fpdf import FPDF

    regular, bold = _find_fonts()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_TIME)
    pdf.set_title(str(doc.meta["title"]))
    pdf.set_author("Överförmyndarförvaltningen")
    pdf.set_lang("sv")
    pdf.add_font("Body", "", str(regular))
    pdf.add_font("Body", "B", str(bold))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw
    for block in doc.blocks:
        if block.kind in ("h1", "h2"):
            size = 18 if block.kind == "h1" else 13
            pdf.set_font("Body", "B", size)
            pdf.ln(4 if block.kind == "h2" else 0)
            pdf.multi_cell(width, size * 0.55, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block.kind == "p":
            pdf.set_font("Body", "", 11)
            pdf.multi_cell(width, 6, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("Body", "", 11)
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.kind == "ol" else "•"
                pdf.set_x(pdf.l_margin + 4)
                pdf.cell(6, 6, marker)
                pdf.multi_cell(width - 10, 6, item, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(target))


def write_docx(doc: SampleDocument, target: Path) -> None:
    """Render `doc` as a Word file with real Heading 1/2 and list styles."""
    from docx import Document as WordDocument

    word = WordDocument()
    props = word.core_properties
    props.title = str(doc.meta["title"])
    props.author = "Överförmyndarförvaltningen"
    props.language = "sv-SE"
    props.created = _FIXED_TIME.replace(tzinfo=None)
    props.modified = _FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "Överförmyndarförvaltningen"
    props.revision = 1
    for block in doc.blocks:
        if block.kind == "h1":
            word.add_heading(block.text, level=1)
        elif block.kind == "h2":
            word.add_heading(block.text, level=2)
        elif block.kind == "p":
            word.add_paragraph(block.text)
        else:
            style = "List Number" if block.kind == "ol" else "List Bullet"
            for item in block.items:
                word.add_paragraph(item, style=style)
    buffer = io.BytesIO()
    word.save(buffer)
    target.write_bytes(_with_fixed_zip_times(buffer.getvalue()))


def _with_fixed_zip_times(data: bytes) -> bytes:
    # python-docx stamps every zip member with the current time; pin it so reruns are identical.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_sidecar(doc: SampleDocument, target: Path) -> Path:
    """Write `FILE.meta.yaml` beside the rendered file and return its path."""
    sidecar = target.with_name(target.name + ".meta.yaml")
    sidecar.write_text(yaml.safe_dump(doc.meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sidecar


def generate(corpus_dir: Path = CORPUS_DIR, docs: Sequence[SampleDocument] = SAMPLE_DOCUMENTS) -> list[Path]:
    """Render every sample document into `corpus_dir`; returns the files written."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc in docs:
        target = corpus_dir / doc.filename
        if target.suffix == ".pdf":
            write_pdf(doc, target)
        elif target.suffix == ".docx":
            write_docx(doc, target)
        else:
            raise ValueError(f"okänt format: {doc.filename}")
        written += [target, write_sidecar(doc, target)]
    return written


if __name__ == "__main__":
    for path in generate():
        print(path)
