"""An organisation's published contact details survive ingest; a person's never do.

Two ways a detail stays: it is in the office file the caller ingests with (its allow list), or
the page publishes it as an organisation's (knowledge/public_contacts.py). The phone numbers are
from PTS's ranges reserved for fiction; the e-mail domains are example domains.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from guardrails import OfficeConfig, load_office
from guardrails.office import DEFAULT_OFFICE_FILE
from knowledge import IndexConfig, ingest
from knowledge.chunking import chunk_document
from knowledge.documents import Document, DocumentMeta, Section
from knowledge.index_versions import read_current, read_passages, version_dir
from tests.knowledge.conftest import CountingEmbedder, write_doc

OFFICE_PHONE = "031-390 06 10"
OFFICE_MAIL = "radgivning@testby.example"
PLAIN = f"Har du inte BankID kan du ringa {OFFICE_PHONE} och be om en blankett."  # no cue at all


def _doc(*sections: Section, language: str = "sv") -> Document:
    return Document(DocumentMeta("d", "Titel", True, "1", language), list(sections))


def _text(doc: Document, office: OfficeConfig | None = None) -> str:
    return "\n".join(f"{p.section}\n{p.text}" for p in chunk_document(doc, office=office))


def _office_data() -> dict:
    data = yaml.safe_load(DEFAULT_OFFICE_FILE.read_text(encoding="utf-8"))
    data["office"]["phone"] = OFFICE_PHONE
    data["office"]["email"] = OFFICE_MAIL
    data["office"]["postal_address"] = "Box 77, 871 30 Testby"
    return data


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    path = tmp_path / "office.yaml"
    path.write_text(yaml.safe_dump(_office_data(), allow_unicode=True), encoding="utf-8")
    return path


# -- the office file reaches ingest ----------------------------------------------------------------


def test_the_callers_office_keeps_its_own_details_the_packaged_one_does_not(office_file: Path) -> None:
    doc = _doc(Section(("Ansökan",), f"{PLAIN} Skriv till {OFFICE_MAIL} eller Box 77, 871 30 Testby."))
    assert OFFICE_PHONE not in _text(doc)  # the packaged office does not know this number
    kept = _text(doc, load_office(office_file))
    for value in (OFFICE_PHONE, OFFICE_MAIL, "Box 77"):
        assert value in kept, value


def test_ingest_redacts_with_the_configured_office_file(tmp_path: Path, office_file: Path) -> None:
    """Text, headings and titles: the office's own number stays with its office file; without it,
    the same corpus is indexed with the number redacted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "ansokan", f"## Om du saknar BankID\n\n{PLAIN}", title=f"Blankett via {OFFICE_PHONE}")
    today = dt.date(2026, 1, 15)

    def stored(config: IndexConfig) -> str:
        ingest(corpus, config, today=today)
        passages = read_passages(version_dir(config, read_current(config) or ""))
        return "\n".join(f"{sp.passage.title}\n{sp.passage.text}" for sp in passages)

    own = stored(IndexConfig(data_dir=tmp_path / "own", office_file=office_file))
    assert own.count(OFFICE_PHONE) == 2  # the title and the sentence
    default = stored(IndexConfig(data_dir=tmp_path / "default"))
    assert OFFICE_PHONE not in default and "[TELEFON_1]" in default


def test_a_person_in_a_document_is_redacted_whatever_the_office(office_file: Path) -> None:
    doc = _doc(Section(("Ansökan",), f"{PLAIN} Olle Berg nås på 070-174 06 42."))
    text = _text(doc, load_office(office_file))
    assert OFFICE_PHONE in text
    assert "Olle" not in text and "070-174 06 42" not in text


# -- what a page publishes for an organisation -----------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Telefon 040-628 04 20",
        "Phone: 040-628 04 20",
        "Ring oss på 040-628 04 20",
    ],
)
def test_a_number_in_a_heading_that_names_the_channel_is_kept(heading: str) -> None:
    doc = _doc(Section(("Kontakta nämnden", heading), "Vi svarar på frågor om gode män."))
    passages = chunk_document(doc)
    assert all("040-628 04 20" in p.section for p in passages)
    assert "040-628 04 20" in passages[0].text.split("\n")[0]  # the passage's own heading line


@pytest.mark.parametrize(
    ("path", "number"),
    [
        (("Kontakt", "Telefon till Olle Berg 040-628 04 20"), "040-628 04 20"),  # a person's name
        (("Kontakt", "Hans telefon 040-628 04 20"), "040-628 04 20"),  # words about one person
        (("Kontakt", "Mobil 070-174 06 42"), "070-174 06 42"),  # a mobile number
        (("Exempel på en begäran", "Telefon 040-628 04 20"), "040-628 04 20"),  # a worked example
    ],
)
def test_a_persons_number_in_a_heading_is_still_redacted(path: tuple[str, ...], number: str) -> None:
    doc = _doc(Section(path, "Vi svarar på frågor om gode män."))
    assert number not in _text(doc)


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("How to reach us", "Phone 040-628 04 20: Monday 09.00-11.00, Thursday 13.00-15.00"),
        ("Nå oss", "Telefon 040-628 04 20"),
        ("Ring oss", "Telefon: 040-628 04 20 Vi svarar måndag och torsdag klockan 9 till 11."),
        ("E-post och telefon", "Handläggarna svarar på 040-628 04 20."),
        # Opening hours say whose number it is, under any heading.
        ("Så ansöker du", "Har du frågor kan du ringa 040-628 04 20 mån–fre 8–16."),
        ("Så ansöker du", "Ring 040-628 04 20, tisdagar kl. 13–15."),
        ("Applying", "Questions: 040-628 04 20 (Tue 13.00–15.00)"),
    ],
)
def test_an_organisations_contact_line_is_kept(heading: str, line: str) -> None:
    doc = _doc(Section(("Överförmyndaren", heading), f"Läs detta först.\n\n{line}"))
    assert "040-628 04 20" in _text(doc)


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("How to reach us", "Olle Berg, phone 040-628 04 20: Monday 09.00-11.00"),
        ("Nå oss", "Hans telefon 040-628 04 20 måndagar 9–11"),
        ("Ring oss", "Mobil 070-174 06 42, måndag och torsdag klockan 9 till 11."),
        ("Så ansöker du", "Hennes nummer är 040-628 04 20, tisdagar kl. 13–15."),
        ("Exempel", "Telefon 040-628 04 20, måndag–fredag 8–16."),
        ("Så ansöker du", "Exempel: ring 040-628 04 20 måndag kl. 10."),
    ],
)
def test_a_persons_number_in_the_same_shapes_is_still_redacted(heading: str, line: str) -> None:
    doc = _doc(Section(("Överförmyndaren", heading), f"Läs detta först.\n\n{line}"))
    text = _text(doc)
    assert "040-628 04 20" not in text and "070-174 06 42" not in text


def test_without_a_cue_a_number_is_redacted() -> None:
    """Neither the heading, the line nor hours say it is an organisation's: it is redacted."""
    doc = _doc(Section(("Överförmyndaren", "Så ansöker du"), "Ring 040-628 04 20 och be om en blankett."))
    assert "040-628 04 20" not in _text(doc)


def test_a_number_listed_with_the_organisations_mailbox_is_kept_a_persons_is_not() -> None:
    org = "Frågor: 040-628 04 20 · kansliet@testby.example"
    person = "Frågor: Olle Berg 0980-319 210 · kansliet@testby.example"
    doc = _doc(Section(("Överförmyndaren", "När uppdraget upphör"), f"{org}\n\n{person}"))
    text = _text(doc)
    assert "040-628 04 20" in text and text.count("kansliet@testby.example") == 2
    assert "0980-319 210" not in text and "Olle" not in text


def test_a_weekday_word_alone_is_not_opening_hours() -> None:
    """A "god man" is not "mån", and a date is not a clock time."""
    line = "Din god man 040-628 04 20 kom på måndag den 12 mars."
    doc = _doc(Section(("Överförmyndaren", "Ansökan"), line))
    assert "040-628 04 20" not in _text(doc)


def test_a_linked_address_in_an_html_list_item_reads_as_written() -> None:
    """Inline markup adds no spaces: "<a>…</a>. Skicka" stays "….example. Skicka", so the office's
    mailbox is recognised as itself and kept (with a space before the full stop, the recogniser read
    on into the next word and the address was redacted, allow list or not)."""
    from knowledge.loaders.html import load_html

    html = (
        "<html><body><h1>Kontakt</h1><h2>E-post</h2><ul><li>E-post: "
        f'<a href="mailto:{OFFICE_MAIL}">{OFFICE_MAIL}</a>. Skicka inga <b>känsliga</b> uppgifter.</li>'
        "</ul></body></html>"
    )
    parsed = load_html(html.encode(), Path("k.html"))
    assert f"- E-post: {OFFICE_MAIL}. Skicka inga känsliga uppgifter." in parsed.text
    doc = Document(DocumentMeta("k", "Kontakt", True, "1", "sv"), parsed.sections)
    assert OFFICE_MAIL in _text(doc)


def test_tillit_ingest_uses_the_configured_office_file(tmp_path: Path, office_file: Path) -> None:
    """`tillit ingest` with TILLIT_OFFICE_FILE keeps that office's number; a broken office file
    stops it with one line before anything is built."""
    import os
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "ansokan", f"## Om du saknar BankID\n\n{PLAIN}", title="Ansökan")
    tillit = Path(sys.executable).parent / "tillit"

    def run(office: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "TILLIT_DATA_DIR": str(data_dir), "TILLIT_OFFICE_FILE": str(office)}
        env.pop("CHROMA_URL", None)
        command = [str(tillit), "ingest", str(corpus)]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)

    data_dir = tmp_path / "data"
    assert run(office_file, data_dir).returncode == 0
    config = IndexConfig(data_dir=data_dir)
    passages = read_passages(version_dir(config, read_current(config) or ""))
    assert any(OFFICE_PHONE in sp.passage.text for sp in passages)

    broken = tmp_path / "broken.yaml"
    broken.write_text("office: {name: Testby}\n", encoding="utf-8")
    result = run(broken, tmp_path / "data2")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "data2" / "index").exists()


def test_vectors_are_reused_by_redacted_text_so_another_office_file_re_embeds(
    tmp_path: Path, office_file: Path, counting_embedder: CountingEmbedder
) -> None:
    """Reuse keys are hashes of the redacted text: a passage redacted under another office's
    allow list is embedded afresh, an unchanged one is reused."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "ansokan", f"## Om du saknar BankID\n\n{PLAIN}", title="Ansökan")
    write_doc(corpus, "arvode", "## Vem betalar\n\nArvodet betalas av huvudmannen.", title="Arvode")
    today = dt.date(2026, 1, 15)
    data_dir = tmp_path / "data"
    first = ingest(corpus, IndexConfig(data_dir=data_dir), today=today, embedder=counting_embedder)
    config = IndexConfig(data_dir=data_dir, office_file=office_file)
    second = ingest(corpus, config, today=today, embedder=counting_embedder)
    stored = read_passages(version_dir(config, read_current(config) or ""))
    changed = sum(OFFICE_PHONE in sp.passage.text for sp in stored)
    assert changed >= 1 and second.embedded == changed
    assert second.reused == first.passages - changed
