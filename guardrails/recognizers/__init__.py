"""Recognisers for Swedish personal data, one module per kind; all are Presidio recognisers.

Each recogniser finds candidate spans with precompiled regular expressions, validates them
(date, Luhn, mod 97, bank rules) and scores them using nearby words. A value that fails its
checksum is usually still personal data (people mistype), so it is kept with a lower score.
"""

from __future__ import annotations

from guardrails.recognizers.addresses import AdressRecognizer
from guardrails.recognizers.bank import BankuppgiftRecognizer
from guardrails.recognizers.case_numbers import ArendenummerRecognizer
from guardrails.recognizers.dates_of_birth import FodelsedatumRecognizer
from guardrails.recognizers.email import EpostRecognizer
from guardrails.recognizers.identity_numbers import OrganisationsnummerRecognizer, PersonnummerRecognizer
from guardrails.recognizers.names import NamnRecognizer
from guardrails.recognizers.phone import TelefonRecognizer
from guardrails.recognizers.property import FastighetRecognizer

ALL_RECOGNIZERS = (
    PersonnummerRecognizer,
    OrganisationsnummerRecognizer,
    TelefonRecognizer,
    EpostRecognizer,
    BankuppgiftRecognizer,
    AdressRecognizer,
    FodelsedatumRecognizer,
    ArendenummerRecognizer,
    FastighetRecognizer,
    NamnRecognizer,
)

__all__ = [
    "ALL_RECOGNIZERS",
    "AdressRecognizer",
    "ArendenummerRecognizer",
    "BankuppgiftRecognizer",
    "EpostRecognizer",
    "FastighetRecognizer",
    "FodelsedatumRecognizer",
    "NamnRecognizer",
    "OrganisationsnummerRecognizer",
    "PersonnummerRecognizer",
    "TelefonRecognizer",
]
