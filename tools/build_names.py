"""Build the name gazetteer (names.tsv.gz) from the installed `names-dataset` and `hunspell-sv`.

Run: `python -m tools.build_names` (takes ~30 s and ~2 GB RAM: names-dataset loads its
whole table). The output is committed, so nothing here runs at serving time.

What goes in:
- first and last names common in Sweden (ranked), and in the countries whose languages are
  widely spoken in Stockholm: Finland, Iraq, Syria, Iran, Turkey, Poland, Chile, Afghanistan,
  Ethiopia (for Eritrean/Tigrinya names, Eritrea is not in names-dataset), Djibouti (for Somali
  names; Somalia is not in it), Croatia/Serbia/Slovenia (for Bosnian names), Lebanon, Egypt,
  Morocco, Russia, Greece, Germany, Denmark, Norway, Iceland, Estonia, Hungary, Romania, India,
  Pakistan... plus short hand-written lists of Somali, Eritrean and Vietnamese names for the countries
  the dataset lacks;
- a flag `c` when the lower-cased name is an ordinary Swedish word in hunspell-sv ("björn", "rosa",
  "per", "bo", "berg"): those need context before they count as names;
- names-dataset noise is removed: a name that is a Swedish or English stop word, or that hunspell
  knows as a place/proper noun while it is rare as a name (e.g. "Stockholm" ranks 2114 as a
  Swedish first name), is dropped;
- `#proper` lines: capitalised hunspell-sv entries with compounding flags, i.e. not names (places,
  brands), which the recogniser refuses to take as surnames.

Format (tab-separated, gzip): name, kinds (F=first, L=last), flags (c=common word, d=a month or day
that is a name only before a surname), best rank.

`python -m tools.build_names --scripts` builds the second list, scripts.tsv.gz: names in
Arabic script (Arabic-, Persian-, Dari- and Urdu-speaking countries) and in Cyrillic (Russia,
Bulgaria, Serbia, Kazakhstan) as names-dataset holds them, plus a hand-written list of the
commonest Ukrainian and Belarusian names (both countries are missing from names-dataset),
Arabic ones under the folded key of `guardrails.recognizers.script_names.arabic_key`.
Format: key, best rank, script (ar/cy), flags (w: a Cyrillic name whose lower-case form is an
ordinary Russian or Ukrainian word, "Надія" hope, "Роман" novel, "Мороз" frost, by the hunspell-ru
and hunspell-uk dictionaries, Debian packages needed at build time only:
`apt-get install hunspell-ru hunspell-uk`). The Arabic and Persian hunspell dictionaries list given
names as words ("محمد", "زهرا"), so no such flag is made for Arabic script.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "guardrails" / "names_data"
OUT = DATA / "names.tsv.gz"
SCRIPTS_OUT = DATA / "scripts.tsv.gz"
HUNSPELL = Path(sys.prefix) / "share" / "hunspell" / "sv_SE.dic"

# (alpha-2, first names per gender, last names)
COUNTRIES: list[tuple[str, int, int]] = [
    ("SE", 2500, 8000),
    ("FI", 500, 1000),
    ("NO", 300, 500),
    ("DK", 300, 500),
    ("IS", 150, 200),
    ("EE", 150, 200),
    ("IQ", 600, 800),
    ("SY", 600, 800),
    ("IR", 600, 800),
    ("AF", 400, 500),
    ("LB", 300, 400),
    ("EG", 300, 400),
    ("MA", 300, 400),
    ("DZ", 200, 300),
    ("TN", 200, 300),
    ("JO", 200, 300),
    ("PS", 200, 300),
    ("SA", 200, 300),
    ("YE", 200, 300),
    ("SD", 300, 300),
    ("DJ", 300, 400),
    ("ET", 400, 500),
    ("TR", 600, 800),
    ("PL", 500, 1000),
    ("HR", 400, 600),
    ("RS", 400, 600),
    ("SI", 200, 300),
    ("CL", 400, 600),
    ("AR", 200, 300),
    ("CO", 200, 300),
    ("PE", 200, 300),
    ("MX", 200, 300),
    ("RU", 400, 600),
    ("GR", 300, 400),
    ("DE", 400, 600),
    ("HU", 200, 300),
    ("RO", 200, 300),
    ("LT", 150, 200),
    ("IT", 300, 400),
    ("ES", 300, 400),
    ("FR", 300, 400),
    ("PT", 200, 300),
    ("BR", 200, 300),
    ("GB", 400, 600),
    ("US", 400, 600),
    ("IN", 300, 400),
    ("PK", 300, 400),
    ("BD", 200, 300),
    ("TH", 200, 200),
    ("PH", 200, 300),
    ("CN", 200, 300),
    ("NG", 200, 300),
    ("GH", 150, 200),
    ("AL", 200, 300),
    ("AZ", 150, 200),
    ("GE", 150, 200),
]

# Somalia and Eritrea are missing from names-dataset; common names written as in Sweden.
SUPPLEMENT_FIRST = [
    "Abdi",
    "Abdirahman",
    "Abdirizak",
    "Abdullahi",
    "Abdulkadir",
    "Abshir",
    "Ahmed",
    "Amina",
    "Asha",
    "Ayan",
    "Ayaan",
    "Bashir",
    "Deeqa",
    "Faduma",
    "Fadumo",
    "Farah",
    "Filsan",
    "Guled",
    "Hawa",
    "Hibo",
    "Hodan",
    "Ifrah",
    "Idil",
    "Ikran",
    "Jama",
    "Khadra",
    "Liban",
    "Mohamud",
    "Muna",
    "Nasra",
    "Nimco",
    "Sagal",
    "Sahra",
    "Samatar",
    "Sucdi",
    "Ubah",
    "Warsame",
    "Yasmin",
    "Zamzam",
    "Hamdi",
    "Kowsar",
    "Sundus",
    "Abel",
    "Aman",
    "Awet",
    "Berhane",
    "Efrem",
    "Filmon",
    "Habtom",
    "Kibrom",
    "Luwam",
    "Mehari",
    "Merhawi",
    "Mussie",
    "Nahom",
    "Robel",
    "Ruta",
    "Saba",
    "Selam",
    "Semhar",
    "Senait",
    "Tesfay",
    "Tesfaye",
    "Tsegay",
    "Tsega",
    "Winta",
    "Yonas",
    "Yohannes",
    "Yordanos",
    "Dawit",
    "Daniel",
    "Bereket",
    "Biniam",
    "Eden",
    "Feven",
    "Hermon",
    "Henok",
    "Kaleab",
    "Lidya",
    "Meron",
    "Natnael",
    "Salina",
    "Sara",
    "Adnan",
    "Alma",
    "Amela",
    "Amir",
    "Edin",
    "Elvir",
    "Emina",
    "Emir",
    "Haris",
    "Jasmin",
    "Kenan",
    "Lejla",
    "Mirza",
    "Nermin",
    "Samir",
    "Selma",
]
SUPPLEMENT_LAST = [
    "Abdi",
    "Abdullahi",
    "Aden",
    "Ahmed",
    "Ali",
    "Farah",
    "Hassan",
    "Hussein",
    "Ibrahim",
    "Ismail",
    "Jama",
    "Mohamed",
    "Mohamud",
    "Omar",
    "Osman",
    "Warsame",
    "Yusuf",
    "Hersi",
    "Egal",
    "Abdille",
    "Dahir",
    "Nur",
    "Gedi",
    "Abdirahman",
    "Warsame",
    "Elmi",
    "Duale",
    "Berhane",
    "Gebremedhin",
    "Ghebremariam",
    "Haile",
    "Hagos",
    "Kidane",
    "Mebrahtu",
    "Tekle",
    "Tesfay",
    "Tewelde",
    "Weldu",
    "Russom",
    "Gebreyesus",
    "Tsegay",
    "Woldu",
    "Habte",
    "Kahsay",
    "Hadgu",
    "Hodžić",
    "Hadžić",
    "Begić",
    "Delić",
    "Kovačević",
    "Mehmedović",
    "Hasanović",
    "Ibrahimović",
    "Alić",
    "Osmanović",
]

# Vietnam is missing from names-dataset too (only a few Vietnamese surnames reach it through the US
# list): the commonest family names, middle names and given names, written without diacritics as
# they are typed here (two-letter ones that are Swedish or English words, "Ta", "Ha", "Tu", left out).
SUPPLEMENT_VIETNAMESE_LAST = [
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do",
    "Ho", "Ngo", "Duong", "Ly", "Truong", "Dinh", "Lam", "Trinh", "Mai", "Luong", "Cao", "Dao",
    "Doan", "Vuong", "Tong", "Quach", "Luu", "Thai", "Chau", "Diep", "Kieu",
]  # fmt: skip
SUPPLEMENT_VIETNAMESE_FIRST = [
    "Van", "Thi", "Huu", "Duc", "Minh", "Thanh", "Ngoc", "Quoc", "Anh", "Lan", "Hoa", "Linh",
    "Huong", "Mai", "Tuan", "Hung", "Dung", "Hai", "Nam", "Long", "Thao", "Trang", "Hanh",
    "Phuong", "Hien", "Thuy", "Tam", "Quang", "Khanh", "Hieu", "Binh", "Cuong", "Dat", "Hoang",
    "Huy", "Kim", "Loan", "Nga", "Nhung", "Oanh", "Phuc", "Tien", "Trung", "Vinh", "Yen",
    "Bao", "Chi", "Dao", "Giang", "Khoa", "Lien", "Nhi", "Quynh", "Son", "Uyen",
    "Vy", "Xuan", "Thuan", "Toan", "Thang", "Phong", "Hau", "Nghia", "Loc", "Tai", "Tho",
]  # fmt: skip

# Swedish given names that are also ordinary words ("rut", "ester", "iris", "dag", "viola"):
# names-dataset's Swedish list lacks them or ranks them rare, and as words they were dropped. They
# are kept as names that need context (flag c), like "Björn" and "Rosa".
SUPPLEMENT_SWEDISH_WORD_NAMES = [
    "Rut", "Ester", "Iris", "Viola", "Dag", "Vilja", "Sol", "Lilja", "Malva", "Ask", "Svea", "Inga",
    "Tyra", "Lärka",
]  # fmt: skip

# Ukraine and Belarus are missing from names-dataset: their commonest given names and surnames, in
# the Latin transliteration people use in Sweden (the Cyrillic spellings are in SCRIPT_SUPPLEMENT).
SUPPLEMENT_UKRAINIAN_FIRST = [
    "Olena", "Iryna", "Nataliia", "Natalia", "Oksana", "Tetiana", "Tetyana", "Svitlana", "Yuliia",
    "Liudmyla", "Olha", "Mariia", "Halyna", "Nadiia", "Kateryna", "Viktoriia", "Valentyna", "Larysa",
    "Liubov", "Sofiia", "Anastasiia", "Daryna", "Khrystyna", "Hanna", "Lesia", "Vira", "Oleksandr",
    "Serhii", "Serhiy", "Andrii", "Andriy", "Volodymyr", "Yurii", "Yuriy", "Oleh", "Mykola", "Vasyl",
    "Dmytro", "Bohdan", "Taras", "Petro", "Mykhailo", "Mykhaylo", "Pavlo", "Maksym", "Oleksii",
    "Oleksiy", "Ihor", "Vitalii", "Stepan", "Anatolii", "Yevhen", "Yaroslav", "Hryhorii", "Ostap",
    "Nazar", "Denys", "Artem", "Volha", "Aliaksandr", "Siarhei", "Alena", "Tatsiana", "Natallia",
    "Iryna", "Sviatlana", "Andrei", "Dzmitry", "Uladzimir",
]  # fmt: skip
SUPPLEMENT_UKRAINIAN_LAST = [
    "Melnyk", "Shevchenko", "Kovalenko", "Bondarenko", "Boiko", "Tkachenko", "Kravchenko",
    "Kovalchuk", "Koval", "Oliinyk", "Shevchuk", "Polishchuk", "Tkachuk", "Savchenko", "Bondar",
    "Marchenko", "Rudenko", "Moroz", "Lysenko", "Petrenko", "Klymenko", "Pavlenko", "Kravchuk",
    "Kuzmenko", "Ponomarenko", "Savchuk", "Vasylenko", "Levchenko", "Kharchenko", "Karpenko",
    "Hrytsenko", "Romanenko", "Melnychuk", "Lytvynenko", "Hnatiuk", "Ivanenko", "Sydorenko",
    "Kushnir", "Ostapenko", "Fedorenko", "Hryshchenko", "Zakharchenko", "Novik", "Kazlou",
    "Ivanou", "Kavaliou", "Shapavalau",
]  # fmt: skip

# Words that names-dataset lists as names but that in this office's mail are almost always
# something else: greetings, kinship words, months and days, places, authorities, banks.
DENY = set(
    [
        "Hej",
        "Hejsan",
        "Hallå",
        "Tjena",
        "Tack",
        "Mvh",
        "Hälsningar",
        "Vänliga",
        "Med",
        "God",
        "Gode",
        "Kära",
        "Hi",
        "Hello",
        "Dear",
        "Best",
        "Kind",
        "Regards",
        "Thanks",
        "Sincerely",
        "Mamma",
        "Pappa",
        "Mor",
        "Far",
        "Bror",
        "Syster",
        "Son",
        "Dotter",
        "Moster",
        "Faster",
        "Morbror",
        "Farbror",
        "Mormor",
        "Morfar",
        "Farmor",
        "Farfar",
        "Barn",
        "Sambo",
        "Make",
        "Maka",
        "Fru",
        "Man",
        "Sweden",
        "Sverige",
        "Stockholm",
        "Stockholms",
        "Solna",
        "Salem",
        "Lund",
        "Huddinge",
        "Botkyrka",
        "Nacka",
        "Kista",
        "Bromma",
        "Spånga",
        "Tensta",
        "Rinkeby",
        "Ica",
        "Nordea",
        "Swedbank",
        "Handelsbanken",
        "Danske",
        "Skandia",
        "Kivra",
        "Postnord",
        "Bank",
        "Visa",
        "Kap",
        "Box",
        "Region",
        "Kommun",
        "Staden",
        "Ärende",
        "Konto",
        "Ring",
        "Mail",
        "Mejl",
        "English",
        "Svenska",
        "Engelska",
        "Arabiska",
        "Somaliska",
        "Finska",
        "Persiska",
        "Turkiska",
        "Polska",
        "Tigrinja",
        "Bosniska",
        "Spanska",
        "Dari",
        "Kurdiska",
        "Iran",
        "Irak",
        "Syrien",
        "Turkiet",
        "Polen",
        "Finland",
        "Chile",
        "Somalia",
        "Eritrea",
        "Bosnien",
        "Israel",
        "Jordan",
        "Paris",
        "Florens",
        "Santiago",
        "Roma",
        "Ort",
        "Gatan",
        "Vägen",
        "Torget",
    ]
)


SUPPLEMENT_RANK = 40  # within the "common anywhere" rank below, like a country's 40 commonest names

# Months and days: names-dataset lists several as given names, and some are ("Maj Persson", "April
# Karlsson", "June Andersson"). Alone they are dates ("i Maj", "in May"), so they are kept with the
# flag `d`: a name only as the first part of a name whose next word is a known surname.
CALENDAR = frozenset(
    [
        "Januari",
        "Februari",
        "Mars",
        "April",
        "Maj",
        "Juni",
        "Juli",
        "Augusti",
        "September",
        "Oktober",
        "November",
        "December",
        "Måndag",
        "Tisdag",
        "Onsdag",
        "Torsdag",
        "Fredag",
        "Lördag",
        "Söndag",
        "January",
        "February",
        "March",
        "May",
        "June",
        "July",
        "August",
        "October",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)


def hunspell_words() -> tuple[set[str], set[str]]:
    """(lower-case base words, capitalised entries) from the hunspell-sv dictionary."""
    lower, proper, _, _ = hunspell_entries()
    return lower, proper


def hunspell_entries() -> tuple[set[str], set[str], set[str], set[str]]:
    """(lower-case base words, capitalised entries, lower-case words never listed with an affix flag,
    capitalised entries with compounding flags).

    hunspell-sv lists many foreign given names in lower case and bare, without any inflection
    ("eleanor", "steven", "deborah", "shirin"): such an entry says little about an ordinary word.
    Its places carry compounding flags besides the genitive ("Uppsala/AeX", "Södermalm/Adv"), its
    personal names only the genitive ("Sällström/A", "Wilma/A")."""
    lower: set[str] = set()
    proper: set[str] = set()
    flagged: set[str] = set()
    placeish: set[str] = set()
    for line in HUNSPELL.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        word = word.strip()
        if not word or not word.isalpha():
            continue
        if word[0].islower():
            lower.add(word)
            if flags.strip():
                flagged.add(word)
        elif word[0].isupper() and not word.isupper():
            proper.add(word)
            if flags.strip().strip("A"):
                placeish.add(word)
    return lower, proper, lower - flagged, placeish


def stop_words() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.sv.stop_words import STOP_WORDS as SV

    return {w.lower() for w in SV | EN}


_NAME = re.compile(r"^[A-ZÅÄÖÜÉÈÇŠŽČĆĐŁŚŻŹÑ][a-zåäöüéèëçšžčćđłśżźñıığşâêîôûáíóúàìòùãõ' -]*$")


def main() -> None:
    from names_dataset import NameDataset

    nd = NameDataset()
    lower, proper, bare, placeish = hunspell_entries()
    stops = stop_words()
    kinds: dict[str, set[str]] = {}
    best: dict[str, int] = {}
    se_rank: dict[str, int] = {}

    best_in: dict[tuple[str, str], int] = {}

    def add(name: str, kind: str, rank: int, country: str) -> None:
        name = name.strip()
        if len(name) < 2 or not _NAME.match(name) or " " in name:
            return
        kinds.setdefault(name, set()).add(kind)
        best[name] = min(best.get(name, rank), rank)
        if kind == "F":
            best_in[(name, country)] = min(best_in.get((name, country), rank), rank)
        if country == "SE":
            se_rank[name] = min(se_rank.get(name, rank), rank)

    for code, n_first, n_last in COUNTRIES:
        first = nd.get_top_names(n=n_first, use_first_names=True, country_alpha2=code).get(code, {})
        for gender_names in first.values():
            for rank, name in enumerate(gender_names, 1):
                add(name, "F", rank, code)
        last = nd.get_top_names(n=n_last, use_first_names=False, country_alpha2=code).get(code, [])
        for rank, name in enumerate(last, 1):
            add(name, "L", rank, code)
    # hand-picked as common in their countries: ranked as common names, so one that is also a
    # Swedish word ("hoa", "van") is kept as a name that needs context rather than dropped as rare
    supplements = (
        (SUPPLEMENT_FIRST, "F", "SO"),
        (SUPPLEMENT_LAST, "L", "SO"),
        (SUPPLEMENT_VIETNAMESE_FIRST, "F", "VN"),
        (SUPPLEMENT_VIETNAMESE_LAST, "L", "VN"),
        (SUPPLEMENT_UKRAINIAN_FIRST, "F", "UA"),
        (SUPPLEMENT_UKRAINIAN_LAST, "L", "UA"),
        (SUPPLEMENT_SWEDISH_WORD_NAMES, "F", "SE"),
    )
    for names, kind, country in supplements:
        for name in names:
            add(name, kind, SUPPLEMENT_RANK, country)
    swedish_word_names = frozenset(SUPPLEMENT_SWEDISH_WORD_NAMES)

    rows = []
    dropped = 0
    for name, k in kinds.items():
        low = name.lower()
        rank = best[name]
        swedish_rank = se_rank.get(name)
        # a stop word is a name only when it is one of Sweden's commonest ("Per") or a Swedish given
        # name that is a word ("Dag", "Inga"; flag c below: it needs a surname or a cue); an English
        # one when a top-100 first name in Britain or the US ("Will"), for the same reason
        english_name = any(best_in.get((name, c), 10**6) <= 100 for c in ("GB", "US"))
        if name in DENY or (
            low in stops
            and not (swedish_rank and swedish_rank <= 60)
            and name not in swedish_word_names
            and not english_name
        ):
            dropped += 1
            continue
        # (a stop word kept as a name needs context; one of Sweden's commonest, "Per", is as before)
        common = low in lower or (low in stops and not (swedish_rank and swedish_rank <= 60))
        if name in CALENDAR:
            if "F" in k:
                rows.append(f"{name}\t{''.join(sorted(k))}\tcd\t{swedish_rank or rank + 10000}")
            else:
                dropped += 1
            continue
        # an ordinary word that is only a rare name is never worth the false positives, unless
        # hunspell lists it bare, uninflected ("eleanor", "shirin"): then it stays, as a name that
        # needs context (flag c)
        rare = not ((swedish_rank and swedish_rank <= 600) or rank <= 40)
        if common and rare and (low not in bare or len(name) < 3) and not english_name:
            dropped += 1
            continue
        sweden_names_it = swedish_rank and (swedish_rank <= 1000 or name not in placeish)
        if name in proper and not common and rank > 300 and not sweden_names_it:
            # a place or brand that names-dataset picked up as a rare foreign name; one that Sweden's
            # own list has ("Sällström", "Fridlund") is a name
            dropped += 1
            continue
        rows.append(f"{name}\t{''.join(sorted(k))}\t{'c' if common else ''}\t{swedish_rank or rank + 10000}")
    kept = {r.split("\t", 1)[0] for r in rows}
    # places, brands and the like: hunspell gives them compounding flags; an entry with only the
    # genitive is as often a personal name ("Wilma/A", "Helmer/A") and is left out of this list
    non_names = sorted(p for p in proper if p not in kept and p in placeish)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# generated by tools/build_names.py from names-dataset and hunspell-sv\n")
        fh.write("\n".join(sorted(rows)))
        fh.write("\n")
        for p in non_names:
            fh.write(f"#proper\t{p}\n")
    print(
        f"{len(rows)} names, {dropped} dropped, {len(non_names)} proper nouns -> {OUT} "
        f"({OUT.stat().st_size} bytes)"
    )


# (alpha-2, first names per gender, last names) for the script gazetteer
SCRIPT_COUNTRIES: list[tuple[str, int, int]] = [
    ("EG", 600, 400),
    ("IQ", 600, 400),
    ("SY", 600, 400),
    ("LB", 400, 300),
    ("JO", 400, 300),
    ("SA", 400, 300),
    ("PS", 400, 300),
    ("YE", 300, 200),
    ("SD", 300, 200),
    ("MA", 300, 200),
    ("DZ", 300, 200),
    ("IR", 800, 600),
    ("AF", 600, 400),
    ("PK", 300, 200),
    ("RU", 600, 600),
    ("BG", 300, 300),
    ("RS", 300, 300),
    ("KZ", 300, 300),
]
# Ukraine and Belarus are missing from names-dataset: their commonest given names and surnames in
# Cyrillic (Ukrainian and Belarusian spellings; the Russian ones come from the Russian list).
SCRIPT_SUPPLEMENT = [
    "Олена", "Ірина", "Наталія", "Оксана", "Тетяна", "Світлана", "Юлія", "Людмила", "Ольга", "Марія",
    "Галина", "Надія", "Катерина", "Ганна", "Вікторія", "Валентина", "Лариса", "Любов", "Інна",
    "Софія", "Анастасія", "Дарина", "Христина", "Леся", "Віра", "Олександр", "Сергій", "Андрій",
    "Володимир", "Віктор", "Юрій", "Олег", "Микола", "Іван", "Василь", "Дмитро", "Богдан", "Тарас",
    "Петро", "Михайло", "Павло", "Максим", "Олексій", "Ігор", "Віталій", "Роман", "Степан",
    "Анатолій", "Євген", "Ярослав", "Григорій", "Остап", "Назар", "Денис", "Артем", "Мельник",
    "Шевченко", "Коваленко", "Бондаренко", "Бойко", "Ткаченко", "Кравченко", "Ковальчук", "Коваль",
    "Олійник", "Шевчук", "Поліщук", "Ткачук", "Савченко", "Бондар", "Марченко", "Руденко", "Мороз",
    "Лисенко", "Петренко", "Клименко", "Павленко", "Кравчук", "Кузьменко", "Пономаренко", "Савчук",
    "Василенко", "Левченко", "Харченко", "Карпенко", "Гриценко", "Романенко", "Мельничук",
    "Литвиненко", "Гнатюк", "Іваненко", "Сидоренко", "Кушнір", "Остапенко", "Федоренко", "Грищенко",
    "Захарченко", "Аляксандр", "Сяргей", "Андрэй", "Дзмітрый", "Уладзімір", "Алена", "Вольга",
    "Таццяна", "Наталля", "Ірына", "Святлана", "Іваноў", "Новік", "Козлаў", "Кавалёў",
]  # fmt: skip
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0660-\u06ff]{2,20}$")
_CYRILLIC_NAME = re.compile(r"^[\u0410-\u042f\u0401\u0402-\u040f][\u0430-\u044f\u0451-\u045f]{1,19}$")


CYRILLIC_DICTIONARIES = [Path("/usr/share/hunspell") / f for f in ("ru_RU.dic", "uk_UA.dic")]


def cyrillic_words() -> set[str]:
    """The lower-case entries of the Russian and Ukrainian hunspell dictionaries (their capitalised
    entries are proper names and stay names)."""
    words: set[str] = set()
    for path in CYRILLIC_DICTIONARIES:
        if not path.is_file():
            raise SystemExit(f"{path} is missing: apt-get install hunspell-ru hunspell-uk")
        with path.open(encoding="utf-8", errors="replace") as fh:
            next(fh)  # the entry count
            for line in fh:
                word = line.split("/", 1)[0].strip()
                if word and word[0].islower():
                    words.add(word)
    return words


def build_scripts() -> None:
    from names_dataset import NameDataset

    from guardrails.recognizers.script_names import ARABIC_DENY, CYRILLIC_DENY, arabic_key

    nd = NameDataset()
    best: dict[str, tuple[int, str]] = {}

    def add(name: str, rank: int) -> None:
        name = name.strip()
        if _ARABIC_NAME.match(name):
            key, script = arabic_key(name), "ar"
            if key in ARABIC_DENY:
                return
        elif _CYRILLIC_NAME.match(name):
            key, script = name, "cy"
            if key in CYRILLIC_DENY:
                return
        else:
            return
        if key not in best or rank < best[key][0]:
            best[key] = (rank, script)

    for code, n_first, n_last in SCRIPT_COUNTRIES:
        first = nd.get_top_names(n=n_first, use_first_names=True, country_alpha2=code).get(code, {})
        for gender_names in first.values():
            for rank, name in enumerate(gender_names, 1):
                add(name, rank)
        last = nd.get_top_names(n=n_last, use_first_names=False, country_alpha2=code).get(code, [])
        for rank, name in enumerate(last, 1):
            add(name, rank)
    for name in SCRIPT_SUPPLEMENT:
        add(name, SUPPLEMENT_RANK)
    words = cyrillic_words()
    with gzip.open(SCRIPTS_OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# generated by tools/build_names.py --scripts from names-dataset and hunspell-ru/-uk\n")
        for key in sorted(best):
            rank, script = best[key]
            flags = "w" if script == "cy" and key.lower() in words else ""
            fh.write(f"{key}\t{rank}\t{script}\t{flags}\n")
    print(
        f"{len(best)} names in Arabic/Cyrillic script -> {SCRIPTS_OUT} ({SCRIPTS_OUT.stat().st_size} bytes)"
    )


if __name__ == "__main__":
    if "--scripts" in sys.argv[1:]:
        build_scripts()
    else:
        main()
