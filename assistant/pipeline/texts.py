"""User-facing texts of the pipeline: AI disclosure, language notes, 'I don't know', waiting after handoff.

Office facts (phone, hours) come from the office config, never from code.
"""

from __future__ import annotations

import re

from guardrails import OfficeConfig

# EU AI Act art. 50: people must be told they are talking to an AI system.
_DISCLOSURE = {
    "sv": (
        "Du chattar med Tillit, en AI-assistent – inte en människa. Svaren bygger bara på {name}s "
        "godkända texter men kan ändå bli fel, så kontrollera viktiga uppgifter i källan. "
        "Skriv inte personnummer eller andra personuppgifter i chatten."
    ),
    "en": (
        "You are chatting with Tillit, an AI assistant – not a person. Answers come only from the approved "
        "texts of {name} but can still be wrong, so check important details in the source. "
        "Please do not write personal identity numbers or other personal data in the chat."
    ),
}

# Said when the answer is in Swedish because no approved text exists in the asker's language.
_SWEDISH_ONLY_NOTE = {
    "en": "We have no approved text about this in English, so the answer below is in Swedish. If you want, "
    "we can connect you with a person and book an interpreter (tolk) – just write “interpreter”.",
    "fi": "Meillä ei ole tästä hyväksyttyä tekstiä suomeksi, joten vastaus on ruotsiksi. Voimme halutessasi "
    "ohjata sinut henkilölle ja varata tulkin (tolk) – kirjoita ”tulkki”.",
    "ar": "لا يوجد لدينا نص معتمد حول هذا الموضوع باللغة العربية، لذلك الإجابة أدناه باللغة السويدية. "
    "إذا أردت، يمكننا تحويلك إلى موظف وحجز مترجم (tolk) – اكتب «مترجم».",
    "so": "Ma hayno qoraal la ansixiyay oo af-Soomaali ah oo arrintan ku saabsan, sidaa darteed jawaabtu "
    "waa af-Iswiidhish. Haddii aad rabto, waxaan kugu xiri karnaa qof oo aan kuu ballansan karnaa "
    "turjubaan (tolk) – qor “turjubaan”.",
    "fa": "ما درباره این موضوع متن تأییدشده‌ای به فارسی نداریم، بنابراین پاسخ زیر به سوئدی است. "
    "اگر بخواهید، می‌توانیم شما را به یک کارمند وصل کنیم و مترجم (tolk) رزرو کنیم – بنویسید «مترجم».",
    "ti": "ብዛዕባ እዚ ብትግርኛ ዝጸደቐ ጽሑፍ የብልናን፣ ስለዚ መልሱ ብሽወደንኛ እዩ። "
    "እንተደሊኻ ምስ ሰራሕተኛ ከነራኽበካን ተርጓሚ (tolk) ክንሕዘልካን ንኽእል ኢና – «ተርጓሚ» ጽሓፍ።",
    "pl": "Nie mamy zatwierdzonego tekstu na ten temat po polsku, dlatego odpowiedź jest po szwedzku. "
    "Jeśli chcesz, połączymy Cię z pracownikiem i zamówimy tłumacza (tolk) – napisz „tłumacz”.",
    "es": "No tenemos un texto aprobado sobre esto en español, por eso la respuesta está en sueco. "
    "Si quieres, te ponemos en contacto con una persona y reservamos un intérprete (tolk): "
    "escribe «intérprete».",
    "de": "Zu diesem Thema haben wir keinen freigegebenen Text auf Deutsch, deshalb ist die Antwort auf "
    "Schwedisch. Wenn Sie möchten, verbinden wir Sie mit einer Person und buchen einen Dolmetscher (tolk) – "
    "schreiben Sie „Dolmetscher“.",
    "fr": "Nous n'avons pas de texte approuvé en français à ce sujet, la réponse est donc en suédois. "
    "Si vous le souhaitez, nous vous mettons en contact avec une personne et réservons un interprète "
    "(tolk) : écrivez « interprète ».",
    "ru": "У нас нет утверждённого текста на русском языке по этой теме, поэтому ответ на шведском. "
    "Если хотите, мы свяжем вас с сотрудником и закажем переводчика (tolk) – напишите «переводчик».",
    "uk": "У нас немає затвердженого тексту українською на цю тему, тому відповідь шведською. "
    "Якщо бажаєте, ми з'єднаємо вас із працівником і замовимо перекладача (tolk) – напишіть «перекладач».",
    "tr": "Bu konuda Türkçe onaylanmış bir metnimiz yok, bu yüzden yanıt İsveççe. İsterseniz sizi bir "
    "çalışana yönlendirir ve tercüman (tolk) ayarlarız – “tercüman” yazın.",
}
_GENERIC_NOTE = (
    "Svaret är på svenska eftersom vi inte har någon godkänd text på ditt språk. Vill du ha tolk? "
    "Skriv ”tolk” så kopplar vi dig till en handläggare. / The answer is in Swedish; write “interpreter” "
    "to get a person and an interpreter."
)

_INTERPRETER_WORDS = (
    "tolk",
    "interpreter",
    "tulkki",
    "tulkin",
    "مترجم",
    "turjubaan",
    "ተርጓሚ",
    "tłumacz",
    "tlumacz",
    "intérprete",
    "interprete",
    "dolmetscher",
    "interprète",
    "переводчик",
    "перекладач",
    "tercüman",
    "tercuman",
)
_INTERPRETER_RE = re.compile("|".join(re.escape(w) for w in _INTERPRETER_WORDS), re.IGNORECASE)

_DONT_KNOW = {
    "sv": "Jag hittar inget säkert svar på det i våra godkända texter. Vill du att en handläggare "
    "hjälper dig? Skriv ”prata med en handläggare”, eller ring oss på {phone} ({phone_hours}).",
    "en": "I cannot find a reliable answer to that in our approved texts. Would you like a person to "
    "help you? Write “talk to a person”, or call us on {phone} ({phone_hours}, Swedish time).",
}

_WAITING = {
    "sv": "Ditt ärende är redan överlämnat till en handläggare (referens {reference}). Jag svarar inte i den "
    "här chatten förrän handläggaren har lämnat tillbaka samtalet. Är det bråttom kan du ringa {phone} "
    "({phone_hours}).",
    "en": "Your conversation has already been passed to a person (reference {reference}). I will not answer "
    "in this chat until staff hand it back. If it is urgent, call {phone} ({phone_hours}, Swedish time).",
}

_REFERENCE_LINE = {
    "sv": "Din referens är {reference}.",
    "en": "Your reference is {reference}.",
}

_LOW_CONFIDENCE_HANDOFF = {
    "sv": "Jag har inte kunnat ge dig ett säkert svar, så jag lämnar samtalet till en handläggare som hör av "
    "sig. Du kan också ringa {phone} ({phone_hours}).",
    "en": "I have not been able to give you a reliable answer, so I am passing the conversation to a person. "
    "You can also call {phone} ({phone_hours}, Swedish time).",
}

_INTERPRETER_HANDOFF = {
    "sv": "Jag lämnar samtalet till en handläggare som kan boka tolk åt dig. Du kan också ringa {phone} "
    "({phone_hours}) och be om tolk.",
    "en": "I am passing the conversation to a person who can book an interpreter (tolk) for you. "
    "You can also call {phone} ({phone_hours}, Swedish time) and ask for an interpreter.",
}

DRAFT_MARKER = "AI-utkast – granska innan du skickar"


def _pick(table: dict[str, str], language: str | None) -> str:
    return table.get(language or "sv", table["sv"])


def _office_vars(office: OfficeConfig) -> dict[str, str]:
    return {
        "phone": office.office.phone,
        "phone_hours": office.office.phone_hours,
        "name": office.office.name,
    }


def disclosure(office: OfficeConfig, language: str | None) -> str:
    return _pick(_DISCLOSURE, language).format(**_office_vars(office))


def swedish_only_note(language: str) -> str:
    return _SWEDISH_ONLY_NOTE.get(language, _GENERIC_NOTE)


def tolk_offer(language: str) -> str:
    """The interpreter offer alone (the last sentence of the Swedish-only note)."""
    note = _SWEDISH_ONLY_NOTE.get(language)
    if note is None:
        return _GENERIC_NOTE
    parts = re.split(r"(?<=[.。۔።])\s+", note, maxsplit=1)
    return parts[-1]


def asks_for_interpreter(text: str) -> bool:
    return bool(_INTERPRETER_RE.search(text))


def dont_know(office: OfficeConfig, language: str | None) -> str:
    return _pick(_DONT_KNOW, language).format(**_office_vars(office))


def waiting_for_staff(office: OfficeConfig, language: str | None, reference: str | None) -> str:
    return _pick(_WAITING, language).format(reference=reference or "–", **_office_vars(office))


def reference_line(language: str | None, reference: str) -> str:
    return _pick(_REFERENCE_LINE, language).format(reference=reference)


def low_confidence_handoff(office: OfficeConfig, language: str | None) -> str:
    return _pick(_LOW_CONFIDENCE_HANDOFF, language).format(**_office_vars(office))


def interpreter_handoff(office: OfficeConfig, language: str | None) -> str:
    return _pick(_INTERPRETER_HANDOFF, language).format(**_office_vars(office))
