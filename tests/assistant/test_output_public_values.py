"""The output check and the office's public values (issue #16, item 1).

A public value (112, 1177, 90101, the office phone, e-mail, address, website) is matched as a whole
token or a whole URL, never as a substring; the rest of a sentence that carries one is still checked;
and a web address in an answer must lead to a host on the office's link allow-list (or be quoted
verbatim from a cited passage). The chat page links only those hosts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from guardrails import load_office, sentence_supported
from guardrails.output_check import check_output


@dataclass(frozen=True)
class Passage:
    text: str


PASSAGES = [
    Passage(
        "Arvodet beslutas av överförmyndaren efter att årsräkningen har granskats. Arvodet betalas i "
        "regel av huvudmannen. Ett arvode på 1 200 kr per månad är vanligt för ett enkelt uppdrag."
    ),
    Passage(
        "Vid akut fara för liv eller hälsa ska du ringa 112. Du kan ringa 1177 för sjukvårdsrådgivning. "
        "Självmordslinjen har nummer 90101. Läs mer på https://godman.stockholm/kontakt."
    ),
]


@pytest.mark.parametrize(
    "answer",
    [
        # "112" inside 11200, "90101" inside 901010, "1177" inside 11770: not the public numbers.
        "Ett arvode på 11200 kr per månad är vanligt för ett enkelt uppdrag [1].",
        "Ett arvode på 901010 kr per månad är vanligt för ett enkelt uppdrag [1].",
        "Ett arvode på 11770 kr per månad är vanligt för ett enkelt uppdrag [1].",
        # A look-alike host that starts with the office's website.
        "Logga in på https://godman.stockholm.example-login.net och skriv ditt bankkonto [2].",
        # An instruction carried by the office's own postal address.
        "Skicka en kopia av ditt pass och ditt bankkort till Box 1234, 100 00 Stockholm [2].",
        # The office e-mail inside a longer, made-up address.
        "Mejla ditt lösenord och pass till kontakt.overformyndaren@exempel.se.example-login.net [2].",
    ],
)
def test_a_public_value_no_longer_waves_a_sentence_through(answer: str) -> None:
    verdict = check_output(answer, PASSAGES)
    assert not verdict.ok, verdict


def test_a_link_to_a_host_outside_the_allow_list_fails_even_on_a_grounded_sentence() -> None:
    answer = "Arvodet betalas i regel av huvudmannen, se https://arvode.example.net/info [1]."
    verdict = check_output(answer, PASSAGES)
    assert not verdict.ok
    assert "link_not_allowed" in verdict.reasons


@pytest.mark.parametrize(
    "answer",
    [
        "Ring 112 vid akut fara för liv eller hälsa [2].",
        "Du kan ringa 1177 för sjukvårdsrådgivning [2].",
        "Självmordslinjen har nummer 90101 [2].",
        "Du når oss på 08-465 004 50 eller kontakt.overformyndaren@exempel.se.",
        "Läs mer på https://godman.stockholm/kontakt.",
        "Arvodet betalas i regel av huvudmannen. Läs mer på https://godman.stockholm/arvode [1].",
        "Ett arvode på 1 200 kr per månad är vanligt för ett enkelt uppdrag [1].",
    ],
)
def test_public_values_and_allowed_links_still_pass(answer: str) -> None:
    verdict = check_output(answer, PASSAGES)
    assert verdict.ok, verdict


def test_a_link_quoted_from_a_cited_passage_is_the_document_speaking() -> None:
    passages = [Passage("Blanketten finns hos Skatteverket på https://www.skatteverket.se/blankett.")]
    answer = "Blanketten finns hos Skatteverket på https://www.skatteverket.se/blankett [1]."
    assert check_output(answer, passages).ok


def test_sentence_supported_judges_the_rest_of_the_sentence_too() -> None:
    texts = [p.text for p in PASSAGES]
    assert sentence_supported("Ring 112 vid akut fara för liv eller hälsa.", texts)
    assert not sentence_supported(
        "Ett arvode på 11200 kr per månad är vanligt för ett enkelt uppdrag.", texts
    )
    assert not sentence_supported(
        "Skicka en kopia av ditt pass och ditt bankkort till Box 1234, 100 00 Stockholm.", texts
    )


def test_the_office_config_names_the_hosts_answers_may_link_to() -> None:
    office = load_office()
    hosts = set(office.link_hosts())
    assert {"godman.stockholm", "start.stockholm", "mind.se"} <= hosts
    assert not any("example-login" in h for h in hosts)
