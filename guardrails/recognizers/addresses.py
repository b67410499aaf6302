"""Postal addresses: street + number (+ lgh, trappor, port), Box addresses, postnummer + ort.

Street names are recognised by their Swedish endings (-gatan, -vägen, -gränd, -stigen, ...), so
"Storgatan 5B" is found without a street register; a street without a number is not redacted
(it does not point at a household). Postnummer counts only when an ort follows ("111 51
Stockholm"), which keeps amounts such as "57 300 kr" out.

Foreign addresses (relatives abroad, people who moved) are found the same way, by the street
words of the languages spoken here: number-first English and French lines ("221B Baker Street",
"12 Rue de Rivoli"), name-first lines with a foreign ending or word ("Hauptstraße 5",
"Vesterbrogade 12, 2. tv", "Mannerheimintie 12 A 5", "Karl Johans gate 22", "Atatürk Caddesi
No 15") or prefix ("ul. Marszałkowska 10/4", "Calle Mayor 5", "Via Roma 12"). The postcode line
right after a street is taken in its country's form (4-5 digits and a town, "00-590 Warszawa",
"1012 AB Amsterdam", "Washington, DC 20500", "London NW1 6XE"); a British postcode is
distinctive enough to be taken anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from guardrails.recognizers.base import PUBLIC_BODY, Hit, SwedishRecognizer, before, cue, public_owner
from guardrails.recognizers.rural_addresses import rural_addresses
from guardrails.text.diacritics import fold_diacritics
from guardrails.text.spacing import compact_runs

ADRESS = "ADRESS"
POSTNUMMER = "POSTNUMMER"

_SUFFIXES = (
    "gatan|gata|vägen|väg|gränd|gränden|stigen|stig|backen|backe|torget|torg|plan|allén|allé|"
    "leden|led|stråket|gången|platsen|plats|kajen|kaj|slingan|svängen|bågen|ringen|terrassen|"
    "liden|branten|höjden|kroken|vreten|tået|udden|vägen|parken|hagen|gårdsväg|promenaden|esplanaden|"
    "lunden|bron|kullen|dalen|ängen|berget|stranden|strand|viken|holmen|gården|täppan|brinken|kransen|vallen|"
    "bryggan|porten|passagen|trappan|slänten|raden|torpet|hällen|sluttningen|"
    "street|road|avenue|lane"
)
# the same endings typed without å, ä, ö ("Bjorkvagen 8", "Kyrkgrand 3"), as phones and foreign
# keyboards write them
_SUFFIXES += "|" + "|".join(
    sorted(
        {fold_diacritics(w) for w in _SUFFIXES.split("|")} - set(_SUFFIXES.split("|")), key=len, reverse=True
    )
)
_PREFIX = (
    r"(?:(?:Norra|Södra|Östra|Västra|Norr|Söder|Öster|Väster|Stora|Lilla|Gamla|Nya|Övre|Nedre|Sankt|S:t|"
    r"Drottning|Kungs)\s)?"
)
_STREET = re.compile(
    r"(?<![\w])("
    + _PREFIX
    + r"[A-ZÅÄÖÉa-zåäöé][a-zåäöéü]*(?:-[A-ZÅÄÖa-zåäö][a-zåäöé]*)?(?:"
    + _SUFFIXES
    + r"))"
    # the number after a space (also "nr 12", "nummer 12") or glued to the street ("Storgatan12B")
    # (never opening with a zero nor running on into ":MM": "Hallsberg 06:52" is a clock time)
    r"(?:\s(?:(?:nr|nummer|number|no)\.?\s?)?|(?=\d))(?!0)(\d{1,4}(?!:\d)(?:\s?[A-Ha-h](?![\wåäö]))?(?:-\d{1,4})?)"
    r"((?:,?\s(?:lgh|lägenhet|lägenhetsnummer|apartment|apt\.?)\.?\s?\d{1,4})"
    r"|(?:,?\s\d\s?(?:tr|trappor|trappa|vån|våning)\.?)"
    r"|(?:,?\s(?:nb|bv|ög|uv)(?![\wåäö])))*"
    r"(?![\wåäö])"
)
_UP = "A-ZÅÄÖÉÈÜİŞĞÇØÆŁŚŻŹÑŃŠŽČĆĐŘŇŤĎĚŮŐŰĂÂÎȘȚĄĘĖĮŲŪĶĻŅĢÁÍÓÚÀÌÒÙÊÔÛËÏÃÕÝ"
_LO = "a-zåäöéèüışğçøæłśżźñńáíóúàìòùâêîôûëïãõßšžčćđřňťďěůőűăâîșțąęėįųūķļņģý"
_W = rf"[{_UP}][{_LO}{_UP}'’.-]*"  # a capitalised word of a street or town name
_TW = rf"[{_UP}][{_LO}{_UP}'’-]*"  # a town's word (no dot: "Stockholm. Post" is two sentences)
# (Vienna writes staircase and door after the number: "Lerchenfelder Gasse 27/2/9")
_HOUSE = r"\d{1,5}[A-Za-z]?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?){0,2}"
_FOREIGN_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|gade|gate|gata|vej|vei|veien|plass|"
    r"tie|katu|kuja|polku|tori|straat|laan|gracht|plein|kade|singel|utca|út|ulica|ulice|cesta|"
    r"väylä|rinne|ranta|raitti|plads|stræde|torv|gaten|vegen|vegur|stræti|dijk|steig|pfad|markt|tér"
)
_FOREIGN_WORD = (
    r"(?:Caddesi|Cad\.|Sokak|Sokağı|Sok\.|Sk\.|Bulvarı|Mahallesi|Mah\.|Gate|Gata|Vej|Vei|Straße|Strasse|"
    r"Street|St\.|Road|Rd\.|Avenue|Ave\.|Str\.|Straat|Utca|Ulica|iela|tänav|gatvė)"  # "Al-Rashid Street 14"
)
_FOREIGN_PREFIX = (
    r"(?:ul\.|Ul\.|ulica|Ulica|ulicy|ulicą|al\.|aleja|pl\.|os\.|Bulevar|Trg|Via|Viale|Piazza|P\.zza|Corso|Calle|C/|"
    r"Avenida|Avda\.|Av\.|Pza\.|"
    r"Plaza|Paseo|Carrera|Camino|Rua|Travessa|Praça|Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|"
    r"Am|An der|An den|Auf der|Auf dem|Im|In der|Zum|Zur|Unter den|"  # German: "Am Markt 5"
    # Somali, Persian, Arabic, Albanian, Russian
    r"Wadada|Waddada|Jidka|Khiyaban|Khiaban|Khiyaban-e|Khiaban-e|Kucheh|Kuche|Meydan|Shari|Sharia|"
    r"Rruga|Rr\.|Bulevardi|Sheshi|Ulitsa|Prospekt|Jaddat|"
    r"Carrer|Vicolo|Largo|Odos|Οδός|Οδος|Λεωφόρος|Leoforos)"  # Catalan, Italian, Greek
)
_UNIT = r"(?:(?:Apt\.?|Apartment|Flat|Unit|Suite|Ste\.?)\s?[A-Za-z0-9]{1,5},?\s)?"  # "Apt 4B, 350 ..."
_EN_SUFFIX = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Court|"
    r"Ct\.?|Place|Pl\.?|Terrace|Close|Crescent|Square|Gardens|Grove|Parkway|Highway|Row|Mews|Hill|"
    r"Walk|Parade|Circus|Green|Park|Rise|View|Vale|Wharf|Quay|Yard|Heights|Broadway|Circle|Trail|Path)"
)
# "No 15", "No:123", "Nr. 5", Somali "Guriga 14"
_NO = r"(?:No\.?\s?:?\s?|Nr\.?\s?:?\s?|nº\s?|Guriga\s|Guri\s)?"
_FLOOR = r"(?:,?\s\d{1,2}\.\s?(?:tv|th|mf|sal)\.?|\s[A-H](?:\s\d{1,4})?(?![\w:]))?"
_FOREIGN_STREETS = (
    # 221B Baker Street; 1600 Pennsylvania Avenue NW; Unit 3/14 King St
    re.compile(
        # (a numbered street's ordinal among its words: "221 West 57th Street")
        rf"(?<![\w,.]){_UNIT}(?:\d{{1,4}}/)?\d{{1,5}}[A-Za-z]?,?\s"
        rf"(?:(?:{_W}|\d{{1,3}}(?:st|nd|rd|th))[ \t]){{0,3}}{_EN_SUFFIX}"
        rf"(?:\s(?:NW|NE|SW|SE|N|S|E|W))?(?![\w])"
    ),
    # typed in lower case: "10 downing street", "45 church road" (the street word written out; no
    # function word or unit between: "10 pounds at the street market" is none)
    re.compile(
        r"(?<![\w,.])\d{1,5}[a-z]?\s(?:(?!(?:the|a|an|at|of|in|on|to|for|and|or|by|per|from|with|"
        r"pounds?|dollars?|euros?|kr|sek|years?|days?|weeks?|months?|hours?|minutes?|times?|people|"
        r"cars?|houses?|miles?|km)\s)[a-z][a-z'’-]+\s){1,2}"
        r"(?:street|road|avenue|lane|drive|close|crescent|terrace|gardens|grove|court|boulevard)(?![\w])"
    ),
    # 12 Rue de Rivoli; 5 bis, avenue des Champs
    re.compile(
        rf"(?<![\w,.]){_UNIT}\d{{1,4}}(?:\s?(?:bis|ter))?,?\s(?i:rue|avenue|boulevard|place|chemin|allée|impasse|quai|cours)"
        rf"\s(?:(?:de\s(?:la\s)?|du\s|des\s|d['’]|l['’])?{_W})(?:\s{_W}){{0,2}}(?![\w])"
    ),
    # Hauptstraße 5; Vesterbrogade 12, 2. tv; Mannerheimintie 12 A 5
    re.compile(
        rf"(?<![\w])(?:{_W}[ \t]){{0,2}}[{_UP}][{_LO}-]*(?:{_FOREIGN_SUFFIX})\s{_NO}{_HOUSE}{_FLOOR}(?![\w])"
    ),
    # Karl Johans gate 22; Atatürk Caddesi No 15
    re.compile(rf"(?<![\w])(?:{_W}[ \t]){{1,3}}(?i:{_FOREIGN_WORD})\s{_NO}{_HOUSE}{_FLOOR}(?![\w])"),
    # ul. Marszałkowska 10/4; Calle Mayor 5; Via Roma 12
    re.compile(
        rf"(?<![\w])(?:{_FOREIGN_PREFIX})\s(?:(?:de|del|la|las|los|da|do|dos|di|des|du|e)\s){{0,2}}"
        # "Via Garibaldi, 12"
        rf"(?:{_W}[ \t]){{0,2}}{_W}(?:\s{_NO}{_HOUSE}|,\s{_NO}\d{{1,3}}[A-Za-z]?(?![\w]))"
        rf"{_FLOOR}(?![\w])"
    ),
)
# A town's word after a foreign postcode: a dot only after a short abbreviation ("Co. Clare", "St.
# Albans"); after a whole word it ends the sentence ("10115 Berlin. Mit freundlichen Grüßen").
_TOWN_WORD = rf"(?:[{_UP}][{_LO}]{{0,2}}\.(?=\s)|{_TW})"
_TOWN = rf"{_TOWN_WORD}(?:[\s-]{_TOWN_WORD}){{0,2}}(?:\s[A-Z](?![\w]))?"
_FOREIGN_POSTCODE = re.compile(
    r",?\s{1,2}(?:"
    rf"(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{4}}\s?[A-Z]{{2}}|[A-Z]{{1,2}}-\d{{4,5}})\s{_TOWN}"  # 00100 Helsinki
    rf"|{_TOWN},?\s(?:[A-Z]{{2}}\s)?\d{{5}}(?:-\d{{4}})?"  # Washington, DC 20500
    rf"|{_TOWN},?\s[A-Z]{{1,2}}\d[A-Z\d]?\s\d[A-Z]{{2}}"  # London NW1 6XE
    r")(?![\w])"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
    "NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_US_ZIP = re.compile(rf"(?<![\w])(?:{_US_STATES})\s\d{{5}}(?:-\d{{4}})?(?![\w])")
# A Canadian postal code after its province's code ("Toronto ON M4L 2X5"): letter-digit-letter,
# digit-letter-digit, with the letters Canada Post uses.
_CA_POSTCODE = re.compile(
    r"(?<![\w])(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),?\s"
    r"([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)(?![\w])"
)
# After "bor på", "adressen är", "flyttat till": a street of any name with a number ("Skeppsbron
# 12", "Slussen 3"), or a foreign postcode line of any country ("bor i 00100 Helsinki").
_ADDRESS_LEAD = re.compile(
    r"(?<![\wåäö])(?:bor(?: numera| nu| fortfarande| sedan dess)? (?:på|i)|adress(?:en)?(?: är| e)?|"
    r"postadress|besöksadress|hemadress|ny adress|nya adressen|flytta(?:[rt]|de)?(?: nu)? till|"
    r"lives? at|lives? in|address(?: is)?|new address|skicka(?: \w+){0,2} till|send(?: \w+){0,2} to|"
    r"bostad|boende|dirección|direccion|mieszka(?:m)?(?: na| przy| w)?|wohnt(?: in der| in| am)?|asuu|"
    r"osoite|adres|adresse|adresi|cinwaanka|vive en)(?:\s*:\s*|\s+)",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "i we you he she they it my our your his her their the a an this that jag vi du ni han hon de den "
        "det min mitt vår vårt er ert hans hennes deras en ett och eller men som på till från med",
    )
)
_UPPER_WORD = re.compile(r"[A-ZÅÄÖ]{5,}")
# Addresses written as numbered parts, as in much of the Middle East and South Asia: "Street 14,
# House 5", "Block 3, Building 12, Apt 4", "Zuqaq 45, Dar 6" (two parts at least).
_PART = (
    r"(?:Street|St\.|Road|Rd\.|Lane|Alley|Zuqaq|Zukak|Block|Sector|Mahalla|District|Building|Bldg\.?|"
    r"House|Villa|Apartment|Apt\.?|Flat|Floor|Dar|Daire|Kat)\s?(?:No\.?\s?|#\s?)?\d{1,5}[A-Za-z]?"
)
_NUMBERED_PARTS = re.compile(rf"(?<![\w])(?i:{_PART}(?:,\s?|\s){_PART}(?:(?:,\s?|\s){_PART})*)(?![\w])")
_LEAD_HINTS = (
    "bor ", "adres", "flytta", "live", "address", "skicka", "send", "bostad", "boende", "direcci",
    "mieszka", "wohnt", "asuu", "osoite", "cinwaan", "vive en",
)  # fmt: skip
# Street lines in Arabic, Persian and Cyrillic script: the street word, its name, the house number
# ("شارع الرشيد 14", "خیابان ولیعصر پلاک 12", "ул. Ленина, д. 5"); digits are ASCII after folding.
# (Ukrainian "вул.", Serbian "Булевар ..., стан 12" too)
_SCRIPT_WORDS = (
    r"شارع|خیابان|کوچه|بلوار|вул\.|вулиця|ул\.|улица|улиця|проспект|просп\.|переулок|провулок|пр-т|"
    r"бульвар|булевар|бул\."
)
_SCRIPT_HINT = re.compile(_SCRIPT_WORDS, re.IGNORECASE)
_SCRIPT_STREET = re.compile(
    r"(?<![\w])(?:" + _SCRIPT_WORDS + r")\s*[^\d\n.!?]{1,40}?"
    r"(?:,?\s*(?:پلاک|رقم|منزل|д\.|дом|буд\.)\s*)?\d{1,5}(?:\s?[/-]\s?\d{1,4})?"
    r"(?:,?\s*(?:кв\.|квартира|стан|واحد)\s*\d{1,4})?"
    # the alley, plate, unit and floor that follow ("، کوچه 8، پلاک 3", "، بناية 4، شقة 2")
    # (and the house: "، دار 9", "، بيت 4"; Iraqi addresses also give the district, "محلة 506")
    r"(?:\s*[،,]?\s*(?:کوچه|پلاک|واحد|طبقه|رقم|منزل|بناية|عمارة|شقة|زقاق|دار|بيت|محلة|محله)\s*\d{1,5})*",
    re.IGNORECASE,
)
# (the town first too, as Ukrainian and Russian forms write it: "Київ 01001")
_SCRIPT_POSTCODE = re.compile(
    r"\s*[,،]?\s*(\d{5}\s[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)?"
    r"|[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)?,?\s\d{5}(?!\d))"
)
_SCRIPT_TOWN = re.compile(r"\s*[,،]\s*([\u0600-\u06ff\u0400-\u04ff]{2,20})(?=\s*(?:[.!?…]|$))")
_UPPER_ABBREVIATED = re.compile(r"(?<![\w])[A-ZÅÄÖ]{3,}(?:G|V|VG|GT|GR|PL)\s\d{1,4}[A-Z]?(?![\w])")
_CUED_STREET = re.compile(rf"({_W}(?:\s{_W}){{0,2}})\s(\d{{1,4}}[A-Za-z]?)(?![\w:.,]\d|[\w%])")
_CUED_POSTCODE = re.compile(
    rf"(?:[A-Z]{{1,3}}-)?(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{3}}\s\d{{2}})\s{_TOWN}(?![\w])"
)
_NOT_STREET = re.compile(r"(?:kr|kronor|st|år|procent|%|dagar|veckor|månader|timmar)\b", re.IGNORECASE)
_SV_ABBREVIATED = re.compile(
    r"(?<![\w])([A-ZÅÄÖa-zåäö][a-zåäö]{2,}(?:g|v|vg|gt|gr|pl)\.)\s(\d{1,4}(?:\s?[A-Ha-h](?![\wåäö]))?)(?![\w])"
)  # Drottningg. 12, Kungsv. 12, storg. 5 a
# A foreign street line has one of these words (or word endings); most messages have none, so the
# foreign patterns are tried only when the lower-cased text holds one of them (substring tests are
# cheaper than one big alternation).
_FOREIGN_HINTS = (
    "straße",
    "strasse",
    "str.",
    "weg",
    "gasse",
    "platz",
    "allee",
    "damm",
    "ufer",
    "gade",
    "gate",
    "gata",
    "vej",
    "vei",
    "plass",
    "tie",
    "katu",
    "kuja",
    "polku",
    "tori",
    "straat",
    "laan",
    "gracht",
    "plein",
    "kade",
    "singel",
    "utca",
    "út",
    "ulica",
    "ulice",
    "cesta",
    "cad",
    "sok",
    "sk.",
    "bulvar",
    "mahalle",
    "mah.",
    "street",
    "st.",
    "road",
    "rd.",
    "avenue",
    "ave",
    "lane",
    "ln.",
    "drive",
    "dr.",
    "boulevard",
    "blvd",
    "way",
    "court",
    "ct.",
    "place",
    "pl.",
    "terrace",
    "close",
    "crescent",
    "square",
    "gardens",
    "grove",
    "parkway",
    "highway",
    "row",
    "mews",
    "hill",
    "ul.",
    "al.",
    "aleja",
    "trg",
    "via",
    "viale",
    "piazza",
    "corso",
    "calle",
    "avenida",
    "av.",
    "plaza",
    "paseo",
    "carrera",
    "camino",
    "rua",
    "travessa",
    "praça",
    "rue",
    "chemin",
    "allée",
    "impasse",
    "quai",
    "cours",
    "wadada",
    "c/",
    "avda",
    "pza",
    "p.zza",
    "os.",
    "ulicy",
    " st ",
    " st,",
    " rd ",
    " rd,",
    " dr ",
    " ln ",
    " ct ",
    " pl ",
    "walk",
    "parade",
    "circus",
    "green",
    "park",
    "rise",
    "view",
    "vale",
    "wharf",
    "quay",
    "yard",
    "heights",
    "broadway",
    "circle",
    "trail",
    "path",
    "rruga",
    "väylä",
    "rinne",
    "ranta",
    "raitti",
    "plads",
    "stræde",
    "torv",
    "gaten",
    "vegen",
    "vegur",
    "stræti",
    "dijk",
    "steig",
    "pfad",
    "markt",
    "tér",
    "carrer",
    "vicolo",
    "largo",
    "odos",
    "οδός",
    "οδος",
    "λεωφόρος",
    "leoforos",
    "rr.",
    "bulevardi",
    "sheshi",
    "ulitsa",
    "prospekt",
    "jaddat",
    "iela",
    "tänav",
    "gatvė",
    "waddada",
    "jidka",
    "khiyaban",
    "khiaban",
    "kuche",
    "meydan",
    "shari",
    "am ",
    "an der",
    "an den",
    "auf d",
    "im ",
    "in der",
    "zum ",
    "zur ",
    "unter den",
)


# An Irish Eircode: a routing key (a letter of the set below and two digits, or "D6W") and four
# characters of the same letters and digits ("D02 X285", "V95 X2Y3").
_EIRCODE = re.compile(r"(?<![\w])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}(?![\w])")
_UK_POSTCODE = re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}(?![\w])")
_BOX = re.compile(
    r"(?<![\wåäö])(?:(?:P\.?\s?O\.?|PO|Post\s?office)\s?)?(?:Box|BOX|box|Postbox|Pbox|Postfach|Apartado|Skrytka)"
    r"(?:\s(?:nr\.?|No\.?|pocztowa))?\s\d{1,6}(?![\d])"
)
# The town right after a box when no postcode comes ("P.O. Box 4410, Gaborone, Botswana").
# (its postcode may follow it with the country's letters: "PO Box 2231, Tórshavn FO-110")
_BOX_TOWN = re.compile(rf"(?:,\s?|\n)({_TW}(?:\s[A-Z]{{1,2}}-\d{{3,5}})?)(?=\s*(?:[,.\n]|$))")
# A Swedish street whose street word stands alone after a name ("Hagsätra torg 12", "Tensta allé 9",
# "Gustav Adolfs torg 2", "Anders Reimers väg 4").
_SPLIT_STREET = re.compile(
    rf"(?<![\w])(?:{_TOWN_WORD}[ \t]){{1,3}}(?i:gata|gatan|väg|vägen|vag|vagen|torg|torget|allé|allén|plan|"
    r"gränd|gränden|grand|stig|stigen|backe|backen|plats|platsen|kaj|kajen|park|strand|stranden|gård|gårdsväg|hage|hagen|"
    r"stråket|gången|terrass|esplanad|boulevard|promenad|länk|slinga|ring|"
    # plural and other generics of Stockholm's newer districts ("Hjulsta backar 12", "Husby gärde 4")
    r"backar|gärde|gärdet|ängar|höjd|höjden|lid|liden|udde|udden)"
    r"\s(?:nr\.?\s?)?\d{1,4}(?:\s?[A-Ha-h](?![\wåäö]))?(?:-\d{1,4})?(?![\wåäö]|[.,:]\d)"
)
# What may follow a street line as part of it: a floor, a door, an apartment ("Calle Mayor 23, 2º B",
# "ul. Długa 5 m. 7", "Flat 3", "piso 2", "lgh 1402").
_UNIT_TAIL = re.compile(
    # a Spanish floor and door, also glued ("2º izq", "2ºB"; NFKC reads "º" as "o")
    r"(?i:(?:,?\s|\s?/\s?)(?:\d{1,2}\s?[º°ªoa](?:(?-i:[A-Z])(?![\w])|(?![\w])\s?(?:[A-Za-z]{1,4}(?![\w]))?)|\d{1,2}\.\s?(?:tv|th|mf|sal)\.?"
    # a floor by its ordinal: "5th floor", "3:e våningen", "2. Stock", "B/ 1tr"
    r"|\d{1,2}(?:st|nd|rd|th|:e|:a|\.)?\s?(?:floor|fl\.|våningen|vån\.?|tr|trappor|trappa|stock|etage|étage|"
    r"kerros)(?![\w])"
    r"|(?:piso|planta|puerta|esc\.?|dpto\.?|apt\.?|apartment|flat|unit|suite|lgh|lägenhet|m\.|"
    r"mieszkanie|door|asunto|as\.|tr|trappor|vån|våning|kat|daire|d:|d\.|k:|"
    # a flat's number in the register's words ("lgh-nr 1203", "lgh.nr 1203"), the Spanish flat
    r"lgh[-.]?\s?nr\.?|lägenhetsnummer|depto\.?|departamento|"
    # a ward or room of a care home ("Vårdvägen 2, avd 3", "rum 12")
    r"avd\.?|avdelning|ward|rum|room)\s?\d{1,4}(?:\s?[A-Za-z](?![\w]))?"
    # an entrance or stairwell by its letter or number ("port B", "uppgång 2", "oppgang C"), and a
    # Norwegian flat's bolignummer: H, U, K or L and floor and flat in four digits ("leil. U0103")
    r"|(?:port|porten|uppgång|uppgången|ingång|entré|entrance|stairwell|staircase|opgang|oppgang|inngang)\s?(?:[A-Z]|\d{1,2})(?![\w])"
    r"|(?:leil\.?|leilighet|bolignr\.?|bolignummer|lgh)\s?(?-i:[HUKL])\d{4}(?![\w])"
    r"|(?:izq|izda|dcha|der|izquierda|derecha)\.?(?![\w])))+"
)
# Where a country has no postcodes, or the writer leaves the code out, the street line closes with
# its district and town, perhaps before the country ("8 Harbour Road, Kumasi, Ghana.", "3 Quay
# Street, Galway 4, Ireland", "Số 4 ngõ 12 phố Hàng Bạc, Hoàn Kiếm, Hà Nội."): up to three parts of
# capitalised words (a district's number after them, a short lower-case word inside: "Thành phố Đà
# Nẵng"), the last one closing the sentence, the line or a bracket.
_PLACE_WORD = rf"[{_UP}](?:[^\W\d_]|['’-])*"
_PLACE_PART = (
    rf"{_PLACE_WORD}(?:[ \t](?:{_PLACE_WORD}|[^\W\d_]{{2,4}}(?=[ \t][{_UP}]))){{0,4}}"
    r"(?:[ \t]\d{1,2}(?!\d))?"
)
_TOWN_CLOSE = re.compile(rf",[ \t]?({_PLACE_PART}(?:,[ \t]?{_PLACE_PART}){{0,2}})(?=[ \t]*(?:[.!?;)\n]|$))")


@cache
def _countries() -> tuple[frozenset[str], frozenset[str]]:
    """Country names in the languages of phonenumbers' geocoder (a sourced gazetteer), folded, and
    the ISO region codes: a country closing an address line says where, not who."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = {v.casefold() for d in LOCALE_DATA.values() for v in d.values() if not v.startswith("*")}
    return frozenset(names), frozenset(LOCALE_DATA)


def _closing_town(text: str, end: int) -> tuple[int, int] | None:
    """The district and town closing a street line at `end`, the country after them left out."""
    m = _TOWN_CLOSE.match(text, end)
    if m is None:
        return None
    names, codes = _countries()
    start, stop = m.span(1)
    last = text.rfind(",", start, stop)
    part = text[last + 1 if last >= 0 else start : stop].strip()
    if part.casefold() in names or part in codes:
        if last < 0:
            return None  # only the country ("Storgatan 5, Sverige.")
        stop = last
    return start, stop


# A district or village between the street line and a Swedish postcode line ("Lingonstigen 14,
# Hammarby, 641 93 Katrineholm"): part of the street line.
_DISTRICT_BEFORE_CODE = re.compile(
    rf",[ \t]?{_TW}(?:[ \t]{_TW})?(?=,?[ \t]?[1-9]\d{{2}}[ \t]?\d{{2}}[ \t]{_TW})"
)
# A house number's own word before a number-first street ("No. 31, Jalan Burma").
_NUMBER_WORD_BEFORE = re.compile(r"(?<![\w])(?:No|Nr|Nº|no|nr)\.?[ \t]?$")
# The postcode line right after a street (any country's form, town in any case).
_POSTCODE_TAIL = re.compile(
    rf"(?:,\s?|\s|\n)(?:(?:[A-Z]{{1,3}}-)?"
    rf"(?:\d{{4}}-\d{{3}}|\d{{3}}[\s-]?\d{{2}}|\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{4}}\s?[A-Z]{{2}}|\d(?:\s\d){{4}})"
    # (the town may be glued to the code: "57131Nässjö")
    rf"(?:,?\s(?:{_TW}|[{_LO}][{_LO}-]+)(?:[ -]{_TW}){{0,2}}|(?<=\d){_TW})?"
    # or the town first and a Swedish postcode after it ("Sandviken 811 30")
    rf"|{_TW}\s[1-9]\d{{2}}\s?\d{{2}})(?![\w])"
)
_STREET_BEFORE_CODE = re.compile(
    rf"(?<![\w])(?P<street>(?:[{_UP}][{_LO}'’.-]*|(?i:rue|via|calle|ul\.))"
    rf"(?:\s(?:[{_UP}][{_LO}{_UP}'’.-]*|de|la|le|les|del|della|di|da|do|dos|des|du|e|i|van|von|der|al|el|ul\.|"
    rf"od|na|pod|kod|nad|u)){{0,4}}"
    rf"\s{_NO}{_HOUSE})(?:,\s?|\s|\n)$"
)
# A number-first street line (English, French, Vietnamese habit) before a postcode line, perhaps with
# its town between: "Flat 2B, 9 Kingsway, Cardiff CF10 3AT", "14A Orchard Road, Bristol BS8 1TH".
_NUMBER_FIRST_BEFORE_CODE = re.compile(
    rf"(?<![\w,.])(?P<street>{_UNIT}\d{{1,5}}[^\W\d_]?,?\s{_W}(?:\s{_W}){{0,3}})"
    rf"(?:,\s?|\s|\n)(?:{_TW}(?:\s{_TW})?,?\s)?$"
)
# Vietnamese: "Số 12 ngõ 45 phố Huế", "45/3 hẻm 12 đường Lê Lợi" (số house, ngõ/ngách/hẻm/kiệt
# alley, phố/đường street).
_VI_HINT = re.compile(r"(?i:phố|đường|ngõ|ngách|hẻm|kiệt)")
_VI_STREET = re.compile(
    r"(?<![\w])(?:(?i:số)\s)?\d{1,5}[A-Za-z]?(?:/\d{1,4})?"
    r"(?:,?\s(?i:ngõ|ngách|hẻm|kiệt)\s\d{1,5}(?:/\d{1,4})?)*"
    r",?\s(?i:phố|đường|đ\.)\s[^\W\d_]+(?:\s[^\W\d_]+){0,3}?(?=[,.;\n]|$)"
)
_POSTCODE_CUE = re.compile(
    r"(?<![\wåäö])(?:postnummer|postnumret|postnr|post nr|zip code|zip|postcode|postal code|plz|"
    r"kod pocztowy|código postal|postinumero)[\s:.]*(?:är\s|is\s)?"
    r"((?:[A-Z]{1,3}-)?(?:\d{3}\s?\d{2}|\d{4,5}|\d{2}-\d{3}))(?![\w])",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    # (with the country letter of the old envelope style: "S-413 05 GÖTEBORG", "SE-114 55")
    r"(?<![\d\w,.])(?:SE?-)?([1-9]\d{2}\s?\d{2})\s{1,2}"
    r"([A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+(?:[ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+)?)(?![\wåäö])"
)
# A street written with no space at all after it: a flattened form or a copied field ("adr:
# Storgatan4namn:...", "Storgatan411122Stockholm"). Its number glued to the next word of the form,
# or its number, postcode and town run together (the postcode is the last five digits: a Swedish
# house number before it has one to three). Looked at only when a letter touches a digit.
_GLUED_HINT = re.compile(r"[a-zåäöé]\d")
_GLUED_STREET = re.compile(r"(?<![\w])([A-ZÅÄÖÉ][a-zåäöéü]*(?:" + _SUFFIXES + r"))(\d{1,3})(?=[a-zåäö]{2})")
_GLUED_LINE = re.compile(
    r"(?<![\w])([A-ZÅÄÖÉ][a-zåäöéü]*(?:"
    + _SUFFIXES
    + r"))(\d{1,3})([1-9]\d{4})([A-ZÅÄÖ][a-zåäö]+(?:[ -][A-ZÅÄÖ][a-zåäö]+)?)(?![\wåäö])"
)
_NOT_PLACES = frozenset(
    {"Kr", "KR", "Kronor", "SEK", "Sek", "Euro", "EUR", "St", "St.", "Personer", "Huvudmän"}
)
_ADDRESS_CUE_WORDS = [
    "bor på",
    "bor i",
    "adress",
    "adressen",
    "adress:",
    "flyttat till",
    "flyttar till",
    "flytta till",
    "skicka till",
    "skicka pappren till",
    "live at",
    "lives at",
    "address",
    "boende ligger på",
    "ligger på",
    "postadress",
    "besöksadress",
    "från",
    "till",
    "på",
    "on",
    "at",
]
# ... also typed without å, ä, ö ("bor pa vallgatan 4b"), as phones and foreign keyboards write them
_ADDRESS_CUES = cue(sorted({*_ADDRESS_CUE_WORDS, *(fold_diacritics(w) for w in _ADDRESS_CUE_WORDS)}))


# at least five single characters in a row, each apart by one space, digits among them
_LETTER_SPACED = re.compile(r"(?<!\S)(?:\w ){4,}\w(?!\S)")


def _compacted(text: str) -> tuple[str, list[int]]:
    """`text` with the spaces inside letter-spaced runs taken out ("S t o r g a t a n 1 2" ->
    "Storgatan 12"), and the offset map back to the original."""
    return compact_runs(text, _LETTER_SPACED)


_FLAT_BEFORE = re.compile(r"(?<![\w])(?i:lgh|lägenhet|lägenhetsnummer)\.?\s?\d{4},?\s$")
# What the street line may begin with on the same line: "c/o" and the name it is in care of ("c/o
# Sjöblom, Strandvägen 5"), or a named residence whose name has a place ending ("Ängsgården,
# Sjukhusvägen 12", a care home or a farm).
_CARE_OF_BEFORE = re.compile(r"(?<![\w])(?i:c/o|c/o:)[ \t]?[^\n,;:]{1,40},[ \t]$")
# or a care home named with its kind of home, before or after the name ("Björkhagens vårdboende",
# "Tunaberg vård- och omsorgsboende", "Vårdhemmet Ekbacken"): where a person lives, as a street is
_HOME_NOUN = r"[a-zåäö]*(?:boende|boendet|hem|hemmet)"
_NAMED_HOME = (
    rf"(?:[{_UP}][{_LO}]+(?:[ \t][{_UP}][{_LO}]+)?[ \t](?:[{_LO}]+-[ \t](?:och|&)[ \t])?{_HOME_NOUN}"
    rf"|[{_UP}]{_HOME_NOUN}[ \t][{_UP}][{_LO}]+(?:[ \t][{_UP}][{_LO}]+)?)"
)
# (the ward or room of the home may stand between: "Vårdboendet Solrosen, avd 2, Skolgatan 8")
_RESIDENCE_BEFORE = re.compile(
    rf"(?<![\w'’-])(?:[{_UP}][{_LO}]+(?:{_SUFFIXES})|{_NAMED_HOME})"
    r"(?:,[ \t](?i:avd\.?|avdelning|rum|room|ward|plan)[ \t]?\d{1,3})?,[ \t]$"
)
# a named home with its room or flat as the whole street line, right before the postcode line
# ("Vårdhemmet Ekbacken, rum 8, 691 31 Karlskoga")
_HOME_BEFORE_CODE = re.compile(
    rf"(?<![\w'’-])({_NAMED_HOME}(?:,[ \t](?i:rum|room|lgh|lägenhet)[ \t]?\d{{1,4}})?),?[ \t]$"
)
_WORD_BEFORE = re.compile(rf"(?<![\w'’-])({_TW}) $")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:\n])\s*$")
_BODY_THEN_UNIT = re.compile(r"([^\W\d_]+),\s(?:[A-ZÅÄÖ][^\W\d_]+(?:\s[A-ZÅÄÖ][^\W\d_]+)?,\s)?$")


def _public_postcode(text: str, start: int) -> bool:
    """The postcode line follows a public body's name, perhaps with one unit of it between."""
    if public_owner(text, start):
        return True
    m = _BODY_THEN_UNIT.search(text, max(0, start - 60), start)
    return m is not None and PUBLIC_BODY.search(m.group(1)) is not None


class AdressRecognizer(SwedishRecognizer):
    ENTITIES = (ADRESS, POSTNUMMER)

    @staticmethod
    def _after_lead(text: str) -> Iterator[Hit]:
        for lead in _ADDRESS_LEAD.finditer(text):
            at = lead.end()
            code = _CUED_POSTCODE.match(text, at)
            if code is not None:
                yield Hit(POSTNUMMER, at, code.end(), 0.7)
                continue
            street = _CUED_STREET.match(text, at)
            if street is not None and _NOT_STREET.match(text, street.end() + 1) is None:
                yield Hit(ADRESS, at, street.end(), 0.7)

    def find(self, text: str) -> Iterator[Hit]:
        yield from rural_addresses(text)  # a farm or a village, with or without digits
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        yield from self._found(text)
        if _LETTER_SPACED.search(text) is not None:
            # "S t o r g a t a n 1 2 i 8 3 1 4 3 Östersund": the address read with the spaces between
            # single characters taken out, each hit mapped back onto the spaced original
            compact, where = _compacted(text)
            for h in self._found(compact):
                yield Hit(h.type, where[h.start], where[h.end - 1] + 1, h.score)

    def _found(self, text: str) -> Iterator[Hit]:
        hits = [self._extended(text, h) if h.type == ADRESS else h for h in self._find(text)]
        streets = [h for h in hits if h.type == ADRESS]
        public = [h for h in streets if public_owner(text, h.start)]
        for h in streets:
            if h in public:
                continue
            # the floor or flat after it, then the postcode line after it
            end = h.end
            unit = _UNIT_TAIL.match(text, end)
            if unit is not None:
                end = unit.end()
                hits.append(Hit(ADRESS, h.start, end, h.score))
            tail = _POSTCODE_TAIL.match(text, end)
            if tail is None:
                district = _DISTRICT_BEFORE_CODE.match(text, end)
                if district is not None:
                    end = district.end()
                    hits.append(Hit(ADRESS, h.start, end, h.score))
                    tail = _POSTCODE_TAIL.match(text, end)
            if tail is None:
                town = _closing_town(text, end)
                if town is not None:
                    hits.append(Hit(POSTNUMMER, *town, 0.6))
                continue
            line = tail.group(0)
            if _NOT_STREET.match(text, tail.end() - len(line.split()[-1])) is None:  # not "12 000 kr"
                start = end + len(line) - len(line.lstrip(", \n"))
                stop = start + len(line.strip(", \n").rstrip("."))
                hits.append(Hit(POSTNUMMER, start, stop, 0.75))
                # the flat or door written after the postcode line ("712 31 Hällefors, lgh-nr 1304")
                unit = _UNIT_TAIL.match(text, stop)
                if unit is not None:
                    lead = len(unit.group(0)) - len(unit.group(0).lstrip(", /"))
                    hits.append(Hit(ADRESS, stop + lead, unit.end(), h.score))
        for m in _POSTCODE_CUE.finditer(text):
            hits.append(Hit(POSTNUMMER, m.start(1), m.end(1), 0.7))
        # a street line of any language right before a postcode line ("Ilica 25, 10000 Zagreb",
        # "rue de la Paix 7, 75002 Paris"): a capitalised name and a house number
        for h in [h for h in hits if h.type == POSTNUMMER]:
            if any(a.end <= h.start <= a.end + 12 for a in streets):
                continue
            street = _STREET_BEFORE_CODE.search(text, max(0, h.start - 50), h.start)
            if street is not None and _POSTCODE_TAIL.match(text, street.end("street")):
                hits.append(Hit(ADRESS, street.start("street"), street.end("street"), 0.7))
                continue
            street = _NUMBER_FIRST_BEFORE_CODE.search(text, max(0, h.start - 70), h.start)
            if street is not None:
                hits.append(Hit(ADRESS, street.start("street"), street.end("street"), 0.7))
                continue
            home = _HOME_BEFORE_CODE.search(text, max(0, h.start - 60), h.start)
            if home is not None:
                hits.append(Hit(ADRESS, home.start(1), home.end(1), 0.7))
        if public:
            # an authority's address: its street and the postcode line right after it stay
            reach = [(h.start, h.end + 40) for h in public]
            hits = [h for h in hits if not any(s <= h.start < e for s, e in reach)]
        # an authority's postal line without a street ("Skatteverket, 771 83 Ludvika",
        # "Försäkringskassan, Skanningscentralen, 839 88 Östersund")
        hits = [h for h in hits if h.type != POSTNUMMER or not _public_postcode(text, h.start)]
        for n, h in enumerate(hits):
            if h.type == ADRESS and text[h.start : h.start + 1].isdigit():
                word = _NUMBER_WORD_BEFORE.search(text, max(0, h.start - 4), h.start)
                if word is not None:
                    hits[n] = Hit(ADRESS, word.start(), h.end, h.score)
        yield from hits

    @staticmethod
    def _extended(text: str, hit: Hit) -> Hit:
        """A street's first word is sometimes a place or an ordinal ("Hässelby Strandväg 12", "Första
        Långgatan 20"), and a flat number may stand before it ("lgh 1104, Linnégatan 19")."""
        start = hit.start
        flat = _FLAT_BEFORE.search(text, max(0, start - 20), start)
        if flat is not None:
            return Hit(hit.type, flat.start(), hit.end, hit.score)
        if text[start : start + 1].isupper():
            lead = _CARE_OF_BEFORE.search(text, max(0, start - 50), start) or _RESIDENCE_BEFORE.search(
                text, max(0, start - 50), start
            )
            if lead is not None:
                return Hit(hit.type, lead.start(), hit.end, hit.score)
        word = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if (
            word is not None
            and text[start : start + 1].isupper()
            and word.group(1).lower() not in _FUNCTION_WORDS
            and _SENTENCE_OPENING.search(text, max(0, word.start() - 3), word.start()) is None
            and _ADDRESS_LEAD.fullmatch(word.group(1) + " ") is None
        ):
            return Hit(hit.type, word.start(1), hit.end, hit.score)
        return hit

    @staticmethod
    def _upper_case_streets(text: str) -> Iterator[Hit]:
        """ "STORGATAN 12 LGH 1102" on a form or an envelope: the street pattern on the text in lower
        case (same length), taken where the original is in capitals."""
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        for m in _STREET.finditer(lowered):
            word = text[m.start(1) : m.end(1)]
            if word.isupper():
                yield Hit(ADRESS, m.start(), m.end(), 0.8)

    def _find(self, text: str) -> Iterator[Hit]:
        if _UPPER_WORD.search(text):
            yield from self._upper_case_streets(text)
        for m in _NUMBERED_PARTS.finditer(text):
            yield Hit(ADRESS, m.start(), m.end(), 0.7)
        for m in _SPLIT_STREET.finditer(text):
            words = m.group(0).split()[:-2]  # the name before the street word and the number
            if any(w.lower() in _FUNCTION_WORDS for w in words):
                continue  # "We park 2 cars" is no "Hagsätra torg 12"
            if _NOT_STREET.match(text, m.end() + 1) is None:
                yield Hit(ADRESS, m.start(), m.end(), 0.75)
        for m in _STREET.finditer(text):
            street = m.group(1)
            if (
                street[0].islower()
                and _ADDRESS_CUES.search(before(text, m.start(), 25)) is None
                and _POSTCODE_TAIL.match(text, m.end()) is None
            ):
                continue  # lower-case street-like word without an address cue or a postcode: too weak
            score = 0.85 if street[0].isupper() else 0.65
            yield Hit(ADRESS, m.start(), m.end(), score)
        if _GLUED_HINT.search(text) is not None:
            for m in _GLUED_LINE.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(2), 0.8)
                yield Hit(POSTNUMMER, m.start(3), m.end(), 0.8)
            for m in _GLUED_STREET.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.8)
        if "box" in text.lower():
            for m in _BOX.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.8)
                town = _BOX_TOWN.match(text, m.end())
                if town is not None:
                    # a country without postcodes: the town after the box is its postal line
                    yield Hit(POSTNUMMER, town.start(1), town.end(1), 0.6)
        lowered = text.lower()
        # (map: the ~170 substring tests without a Python frame each)
        foreign = any(map(lowered.__contains__, _FOREIGN_HINTS)) or lowered.endswith((" st", " rd", " dr"))
        for regex in _FOREIGN_STREETS if foreign else ():
            for m in regex.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.85)
                tail = _FOREIGN_POSTCODE.match(text, m.end())
                if tail is not None:
                    start = m.end() + len(tail.group(0)) - len(tail.group(0).lstrip(", "))
                    yield Hit(POSTNUMMER, start, tail.end(), 0.8)
        for m in _UK_POSTCODE.finditer(text):
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.6)
        for m in _EIRCODE.finditer(text):
            if any(ch.isalpha() for ch in m.group(0)[3:]):  # "D02 1234" may be anything
                yield Hit(POSTNUMMER, m.start(), m.end(), 0.6)
        for m in _US_ZIP.finditer(text):
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.6)
        for m in _CA_POSTCODE.finditer(text):
            yield Hit(POSTNUMMER, m.start(), m.end(1), 0.6)
        if "g. " in text or "v. " in text or "t. " in text or "r. " in text or "l. " in text:
            for m in _SV_ABBREVIATED.finditer(text):
                lower = m.group(1)[0].islower()
                if lower and _ADDRESS_CUES.search(before(text, m.start(), 40)) is None:
                    continue  # "ca. 5", "bl.a" in lower case: only after an address cue
                if _NOT_STREET.match(text, m.end() + 1) is None:
                    yield Hit(ADRESS, m.start(), m.end(), 0.65 if lower else 0.75)
        if any(map(lowered.__contains__, _LEAD_HINTS)):
            yield from self._after_lead(text)
        if _VI_HINT.search(text):
            for m in _VI_STREET.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.75)
        if _SCRIPT_HINT.search(text):
            for m in _SCRIPT_STREET.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.75)
                # its postcode line in the same script ("..., 01001 Київ", "21000 Нови Сад")
                code = _SCRIPT_POSTCODE.match(text, m.end())
                if code is not None:
                    yield Hit(POSTNUMMER, code.start(1), code.end(1), 0.75)
                    continue
                # or, where there are no postcodes, the town that closes the street line ("شارع
                # الحمرا، بناية 7، بيروت."): one word of the same script before a sentence end
                town = _SCRIPT_TOWN.match(text, m.end())
                if town is not None:
                    yield Hit(POSTNUMMER, town.start(1), town.end(1), 0.6)
        if _UPPER_WORD.search(text):
            # "HÖGBERGSG 40" on a register's form: a street abbreviated without a dot, in capitals,
            # before a postcode line
            for m in _UPPER_ABBREVIATED.finditer(text):
                if _POSTCODE_TAIL.match(text, m.end()) is not None:
                    yield Hit(ADRESS, m.start(), m.end(), 0.7)
        for m in _POSTCODE.finditer(text):
            place = m.group(2)
            if place in _NOT_PLACES or place.split()[0] in _NOT_PLACES:
                continue
            code = m.group(1).replace(" ", "")
            if len(code) != 5:
                continue
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.75)
