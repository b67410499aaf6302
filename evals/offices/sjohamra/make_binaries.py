# ruff: noqa: E501  (page text held as long literal lines, as the author wrote it)
#!/usr/bin/env python3
"""Generate the .docx and .pdf pages of the fictional Sjöhamra överförmyndare office.

Run from this folder with the project venv: python make_binaries.py
Content blocks: ("h1", text), ("h2", text), ("p", text), ("b", text) bullet,
("n", text) numbered step, ("box", text) "Bra att veta" box, ("table", [rows]).
"""
import os

from docx import Document
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dokument")

# ---------------------------------------------------------------- SJ-005
REDOVISNING = [
    ("h1", "Redovisning: förteckning, årsräkning och sluträkning"),
    ("p", "Överförmyndarenheten i Sjöhamra · För gode män, förvaltare och förmyndare · Uppdaterad 2025-12-08"),
    ("box", "Kortfattat: Årsräkningen för förra året ska vara hos oss före den 1 mars, alltså senast sista dagen i februari. "
            "Behöver du mer tid ska du begära anstånd skriftligt innan fristen gått ut. Lämnar du inte in trots påminnelse "
            "kan vi förelägga vite."),
    ("h2", "Tidsfrister i korthet"),
    ("table", [
        ["Handling", "Vem lämnar den", "Sista dag"],
        ["Förteckning", "Ny god man eller förvaltare", "Inom två månader från förordnandet"],
        ["Förteckning", "Förälder vars barn fått tillgångar över 8 prisbasbelopp", "Inom en månad"],
        ["Årsräkning och redogörelse", "Gode män, förvaltare och föräldrar med kontrollerad förvaltning", "Före 1 mars (senast sista februari)"],
        ["Kvartalsredogörelse", "God man för ensamkommande barn", "Senast den 15:e i månaden efter kvartalet"],
        ["Sluträkning", "Alla ställföreträdare", "Inom en månad efter att uppdraget upphört"],
        ["Begäran om anstånd", "Den som inte hinner", "Före 1 mars"],
    ]),
    ("h2", "Förteckning när ett nytt uppdrag börjar"),
    ("p", "När du får ett helt nytt uppdrag som omfattar förvalta egendom ska du inom två månader lämna en förteckning över "
          "huvudmannens tillgångar och skulder. Värdena ska gälla dagen för tingsrättens beslut. Styrk varje post med "
          "saldobesked, värdebesked eller taxeringsbevis. Hittar du en skuld senare lämnar du en tilläggsförteckning. "
          "Tar du över efter en annan god man lämnar du ingen förteckning – du utgår från den tidigare gode mannens sluträkning."),
    ("h2", "Årsräkning och redogörelse"),
    ("p", "Årsräkningen visar tillgångar och skulder den 1 januari och den 31 december samt alla inbetalningar och utbetalningar "
          "under året. Du redovisar bara pengar som faktiskt kommit in eller gått ut (kontantprincipen). Tillsammans med "
          "årsräkningen lämnar du en redogörelse för vad du har gjort i uppdraget. Där begär du också arvode. "
          "Även anhöriga som är gode män har full redovisningsplikt."),
    ("p", "Bifoga detta (om du inte redovisar i Hamnkollen, där du bara skickar det vi ber om):"),
    ("b", "kontoutdrag för alla konton för hela året,"),
    ("b", "årsbesked per den 31 december för konton, fonder och lån,"),
    ("b", "intyg om vilka konton som har överförmyndarspärr,"),
    ("b", "utbetalningsbesked för pension, bostadstillägg och andra ersättningar,"),
    ("b", "besked om slutlig skatt,"),
    ("b", "kvitton för utgifter över 2 000 kr,"),
    ("b", "körjournal om du begär bilersättning,"),
    ("b", "kopia av förenklad arbetsgivardeklaration om huvudmannen har betalat arvode."),
    ("h2", "Redovisa digitalt i Hamnkollen"),
    ("p", "I Hamnkollen för du kassabok under året. I januari skapar tjänsten årsräkningen åt dig och du skriver under med BankID. "
          "Tjänsten fungerar på dator och surfplatta men inte i mobilen. Fondkonton, ISK och kapitalförsäkringar tas upp som "
          "tillgångar men förs inte i kassaboken."),
    ("h2", "Anstånd"),
    ("p", "Hinner du inte lämna årsräkningen i tid ska du begära anstånd skriftligt före den 1 mars, i Hamnkollen eller via "
          "e-post. Skriv varför. Vi beviljar anstånd bara vid särskilda skäl, till exempel allvarlig sjukdom, och som längst "
          "till den 31 mars. Du får alltid ett skriftligt besked. En begäran som kommer efter den 1 mars behandlas inte som anstånd."),
    ("h2", "Påminnelse och vite"),
    ("n", "Saknas årsräkningen den 1 mars skickar vi en påminnelse omkring den 15 mars. Du får 14 dagar på dig."),
    ("n", "Kommer den ändå inte in skickar vi ett föreläggande vid vite. Det delges dig, till exempel med rekommenderat brev."),
    ("n", "Följer du inte föreläggandet ansöker vi hos Sjöhamra tingsrätt om att vitet ska dömas ut. Första vitet är normalt 5 000 kr."),
    ("n", "Saknas redovisningen fortfarande kan ett nytt och högre vite följa, normalt 10 000 kr."),
    ("p", "Vitet tar inte bort skyldigheten att redovisa. Den som upprepade gånger missköter redovisningen kan bedömas som "
          "olämplig och bytas ut. Samma process gäller förteckning och sluträkning."),
    ("h2", "Granskning"),
    ("p", "Vi granskar årsräkningarna i den ordning de kommer in. Målet är att alla ska vara granskade senast den 30 september. "
          "I samband med granskningen beslutar vi om arvode. Har du inte begärt arvode och vi inte har några anmärkningar skickar "
          "vi inget brev – då är årsräkningen godkänd. För förvaltarskap prövar vi varje år om det fortfarande behövs; lämna "
          "omprövningsblanketten tillsammans med årsräkningen."),
    ("h2", "Sluträkning"),
    ("p", "När uppdraget upphör – genom tingsrättens beslut, byte av ställföreträdare eller huvudmannens död – lämnar du en "
          "sluträkning inom en månad. Den gäller från den 1 januari (eller uppdragets start) till och med dagen då uppdraget "
          "upphörde. Bifoga saldobesked per den dagen. Vid dödsfall bifogar du dödsfallsintyg och namn och adress till den som "
          "företräder dödsboet."),
    ("box", "Bra att veta: Vi håller redovisningskurser i Stadshuset i januari varje år – en för gode män och förvaltare, "
            "en för anhöriga och en för föräldrar. Anmäl dig i Hamnkollen."),
]

# ---------------------------------------------------------------- SJ-009
UPPHOR = [
    ("h1", "När uppdraget ändras eller upphör"),
    ("p", "Överförmyndarenheten i Sjöhamra · Uppdaterad 2025-10-30"),
    ("box", "Kortfattat: Ett godmanskap eller förvaltarskap upphör bara på två sätt – genom beslut av Sjöhamra tingsrätt eller när "
            "huvudmannen dör. Byte av god man beslutar överförmyndaren om. Sluträkningen lämnas alltid inom en månad."),
    ("h2", "Hur upphör ett godmanskap eller förvaltarskap?"),
    ("p", "Det ska upphöra när det inte längre behövs. Eftersom godmanskap är frivilligt ska det också upphöra om huvudmannen "
          "inte längre vill ha det. Beslutet fattas av Sjöhamra tingsrätt. Följande får ansöka om upphörande:"),
    ("b", "huvudmannen själv,"),
    ("b", "make, maka eller sambo,"),
    ("b", "nära släktingar,"),
    ("b", "gode mannen eller förvaltaren,"),
    ("b", "överförmyndaren."),
    ("p", "Andra, till exempel grannar eller personal, kan anmäla till oss att behovet verkar ha upphört. För att ett förvaltarskap "
          "ska upphöra behövs normalt ett läkarintyg eller en social utredning. Tingsrätten kan också ändra ett förvaltarskap till "
          "ett godmanskap. Ställföreträdaren är kvar tills tingsrätten har beslutat. Därefter lämnar hen genast över tillgångarna "
          "och lämnar sluträkning inom en månad."),
    ("h2", "Byte av god man eller förvaltare"),
    ("p", "Huvudmannen, hens make, maka, sambo, barn, föräldrar eller syskon samt ställföreträdaren själv kan begära byte. "
          "Det finns ingen ovillkorlig rätt att få byta. Överförmyndaren utreder och beslutar utifrån vad som är bäst för huvudmannen. "
          "Vill gode mannen fortsätta trots att huvudmannen vill byta krävs att gode mannen är olämplig, till exempel för att hen"),
    ("b", "har skött ekonomin dåligt,"),
    ("b", "inte har haft kontakt med myndigheter när det behövts,"),
    ("b", "har uppträtt olämpligt mot huvudmannen,"),
    ("b", "har begått brott eller fått betalningsanmärkningar,"),
    ("b", "har förlorat vårt förtroende."),
    ("h2", "Jag vill sluta som god man"),
    ("p", "Du har rätt att bli entledigad om du begär det skriftligt, till exempel i Hamnkollen. Du är dock kvar i uppdraget tills "
          "vi har hittat en ersättare. Vi försöker hitta någon inom tre månader. Dröjer det länge kan tingsrätten pröva om det finns "
          "skälig orsak att entlediga dig utan ersättare, till exempel allvarlig sjukdom eller hot. Samarbetssvårigheter räcker normalt inte."),
    ("p", "Om en god man dör upphör inte godmanskapet. Vi utser en ny god man, och dödsboet efter gode mannen lämnar sluträkning. "
          "Vi kan förenkla eller helt befria dödsboet från den skyldigheten."),
    ("h2", "När huvudmannen dör"),
    ("p", "Uppdraget upphör samma dag som huvudmannen dör. Därefter får du inte längre företräda huvudmannen eller ta hand om hens pengar."),
    ("table", [
        ["Efter dödsfallet", "Får du?", "Kommentar"],
        ["Betala räkningar från huvudmannens konto", "Nej", "Lämna räkningarna till banken, som kan betala från kontot"],
        ["Ta ut ditt arvode", "Nej", "Arvode som huvudmannen ska betala begärs från dödsboet"],
        ["Ansöka om uttag från spärrat konto", "Nej", "Vi ger inga uttagstillstånd efter dödsfall"],
        ["Ordna begravning eller bouppteckning", "Nej", "Det ingår inte i uppdraget; det görs för dödsboet"],
        ["Ta hand om egendomen tills den lämnas över", "Ja", "Lämna över tillgångarna utan dröjsmål"],
        ["Meddela oss vem som företräder dödsboet", "Ja", "Gärna samtidigt som sluträkningen"],
        ["Lämna sluträkning", "Ja", "Till och med dödsdagen, inom en månad, med dödsfallsintyg"],
    ]),
    ("p", "När vi har granskat sluträkningen skickar vi den, tillsammans med förteckning och årsräkningar, till den som företräder "
          "dödsboet. Dödsbodelägarna kan väcka talan om skadestånd mot ställföreträdaren inom ett år från att de fick handlingarna."),
    ("p", "Finns det inga arvingar blir Allmänna arvsfonden delägare i dödsboet om tillgångarna är större än kostnaden för begravningen. "
          "Räcker pengarna bara till begravningen och finns det ingen fastighet görs ingen bouppteckning, utan en dödsboanmälan "
          "hos Sjöhamra kommun."),
    ("h2", "När huvudmannen är delägare i ett dödsbo"),
    ("p", "Om huvudmannen ärver ska du bevaka hens rätt. Se till att bouppteckning görs inom tre månader och att arvskifte sker så snart "
          "det går. Arvskiftet kräver vårt samtycke. Du får ta del av ett testamente men inte godkänna det, och du får inte avstå från "
          "arv för huvudmannens räkning. Är du själv delägare i samma dödsbo finns jäv – då utser vi en tillfällig god man."),
]

# ---------------------------------------------------------------- SJ-008
BARN = [
    ("h1", "Barns pengar - för dig som är förälder och förmyndare"),
    ("p", "Överförmyndarenheten i Sjöhamra · Uppdaterad 2025-09-15 · Belopp för 2025 (prisbasbelopp 58 800 kr)"),
    ("box", "Kortfattat: Som förälder är du normalt också ditt barns förmyndare. Så länge barnets tillgångar är högst "
            "470 400 kr behöver du inte redovisa till oss. Arv och försäkringspengar på ungefär ett prisbasbelopp eller mer "
            "ska in på ett spärrat konto. Förmynderskapet upphör när barnet fyller 18 år."),
    ("h2", "Vem är förmyndare?"),
    ("p", "Alla barn under 18 år har en förmyndare. Föräldrar som har vårdnaden är förmyndare och ska sköta uppdraget tillsammans. "
          "Har en förälder ensam vårdnad är hen ensam förmyndare. Saknas föräldrar kan tingsrätten utse en särskilt förordnad förmyndare."),
    ("h2", "Vad får barnets pengar användas till?"),
    ("p", "Bara till sådant som är till nytta för barnet själv. Pengarna får inte användas till sådant som föräldrarna ska betala "
          "enligt sin försörjningsplikt (mat, kläder, boende), inte till syskon eller föräldrar, och de får inte ges bort. "
          "Håll barnets pengar åtskilda från dina egna - varje barn bör ha egna konton. Pengar som barnet själv tjänar bestämmer "
          "barnet normalt över."),
    ("h2", "Fri eller kontrollerad förvaltning"),
    ("table", [
        ["", "Fri förvaltning", "Kontrollerad förvaltning"],
        ["När", "Barnets tillgångar är högst 8 prisbasbelopp (470 400 kr år 2025)",
         "Tillgångarna är över 8 prisbasbelopp, barnet äger fastighet eller förmyndaren är förordnad av tingsrätten"],
        ["Förteckning", "Nej", "Ja, inom en månad"],
        ["Årsräkning", "Nej", "Ja, före 1 mars varje år"],
        ["Samtycke till aktieköp", "Nej", "Ja"],
    ]),
    ("p", "Går tillgångarna över gränsen ska du genast anmäla det till oss. Förvaltningen blir fri igen först när tillgångarna "
          "har sjunkit under 4 prisbasbelopp (235 200 kr år 2025). En förmyndare som tingsrätten har förordnat har alltid "
          "kontrollerad förvaltning, oavsett belopp."),
    ("h2", "Spärrat konto"),
    ("p", "Får barnet pengar på något av sätten nedan, och beloppet är ungefär ett prisbasbelopp eller mer (58 800 kr år 2025), "
          "ska pengarna sättas in på ett konto med överförmyndarspärr i barnets namn:"),
    ("b", "arv eller testamente,"),
    ("b", "försäkringsersättning,"),
    ("b", "brottsskadeersättning,"),
    ("b", "skadestånd från staten eller enligt skollagen,"),
    ("b", "pengar från individuellt pensionssparande."),
    ("p", "Den som betalar ut pengarna ska meddela oss. En gåva där givaren har skrivit att den ska stå under överförmyndarens "
          "kontroll spärras oavsett hur stor den är."),
    ("h2", "Uttag från barnets spärrade konto"),
    ("n", "Fyll i ansökan om uttag i Hamnkollen eller på blankett."),
    ("n", "Båda förmyndarna skriver under. Har barnet fyllt 16 år skriver barnet också under."),
    ("n", "Beskriv vad pengarna ska användas till och bifoga underlag."),
    ("n", "Vi prövar ansökan utifrån barnets ålder och behov och föräldrarnas försörjningsplikt. Räkna med ungefär 10 arbetsdagar."),
    ("p", "Oavsett belopp krävs vårt samtycke för att köpa, sälja eller inteckna fastighet eller bostadsrätt åt barnet, ta emot en "
          "sådan som gåva, låna eller låna ut barnets pengar och låta barnet driva rörelse."),
    ("box", "Exempel (påhittad person): Elsa är 9 år och ärver 75 000 kr efter sin mormor. Beloppet är mer än ett prisbasbelopp, "
            "så pengarna ska in på ett spärrat konto i Elsas namn. Elsa har inga andra tillgångar, så föräldrarnas förvaltning "
            "är fortfarande fri och de behöver inte lämna årsräkning. Exemplet är uppdiktat."),
    ("h2", "Dödsbo och jäv"),
    ("p", "Är barnet delägare i ett dödsbo ska arvskifte göras snarast, normalt inom sex månader efter bouppteckningen. Är du "
          "som förälder själv delägare i samma dödsbo får du inte företräda barnet - då utser vi en tillfällig god man för barnet."),
    ("h2", "När barnet fyller 18 år"),
    ("p", "Förmynderskapet upphör på 18-årsdagen. Har du haft kontrollerad förvaltning lämnar du en sluträkning inom en månad. "
          "Den gäller från den 1 januari till och med dagen då barnet fyllde 18. Lämna en sluträkning per barn. Vi skickar sedan "
          "redovisningarna till den unga vuxna, som får granska hur pengarna har förvaltats. Spärren gäller inte längre mot den "
          "som har fyllt 18 - hen bestämmer själv över sina pengar."),
]

# ---------------------------------------------------------------- SJ-012 (expired)
GAMMAL = [
    ("h1", "Bra att veta 2023 - belopp, gränser och telefontider"),
    ("p", "Överförmyndarenheten i Sjöhamra · Faktablad för 2023 · Utgivet 2023-01-16"),
    ("box", "Detta faktablad gäller kalenderåret 2023. Prisbasbeloppet för 2023 är 52 500 kr."),
    ("h2", "Telefontider 2023"),
    ("table", [
        ["Dag", "Telefontid"],
        ["Måndag-torsdag", "10.00-12.00"],
        ["Fredag", "Stängt"],
        ["Veckorna 28-31", "Ingen telefontid"],
    ]),
    ("h2", "Arvode och ersättning 2023"),
    ("table", [
        ["Vad", "Belopp 2023"],
        ["Normalarvode, alla tre delarna (20 %)", "10 500 kr per år"],
        ["Timarvode för extra arbete", "250 kr per timme"],
        ["Schablonmässig kostnadsersättning (2 %)", "1 050 kr per år"],
        ["God man för ensamkommande barn", "1 200 kr per månad"],
        ["Bilersättning", "25 kr per mil"],
    ]),
    ("h2", "Vem betalar arvodet 2023?"),
    ("b", "Huvudmannen betalar om tillgångarna är över 105 000 kr (2 prisbasbelopp),"),
    ("b", "eller om inkomsten före skatt är över 139 125 kr (2,65 prisbasbelopp)."),
    ("b", "Annars betalar Sjöhamra kommun."),
    ("h2", "Konton och uttag 2023"),
    ("b", "Transaktionskontot får ha ett saldo på högst 20 000 kr."),
    ("b", "Handläggare beslutar om uttag upp till 50 000 kr. Större uttag beslutas av nämnden."),
    ("b", "Årsräkningen lämnas på pappersblankett till Box 412, 374 80 Sjöhamra."),
    ("b", "Första vitet vid utebliven årsräkning är 4 000 kr."),
    ("h2", "Barns pengar 2023"),
    ("b", "Fri förvaltning gäller upp till 420 000 kr (8 prisbasbelopp)."),
    ("b", "Arv och försäkringspengar från 52 500 kr ska sättas in på spärrat konto."),
]


def latin1(s):
    for a, b in (("–", "-"), ("—", "-"), ("’", "'"), ("”", '"'), ("“", '"'), ("…", "...")):
        s = s.replace(a, b)
    s.encode("latin-1")  # fail loudly if anything else slipped through
    return s


def make_docx(blocks, fname):
    doc = Document()
    doc.core_properties.author = "Överförmyndarenheten i Sjöhamra"
    doc.core_properties.title = blocks[0][1]
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=1)
        elif kind == "h2":
            doc.add_heading(val, level=2)
        elif kind == "p":
            doc.add_paragraph(val)
        elif kind == "b":
            doc.add_paragraph(val, style="List Bullet")
        elif kind == "n":
            doc.add_paragraph(val, style="List Number")
        elif kind == "box":
            p = doc.add_paragraph()
            r = p.add_run(val)
            r.bold = True
        elif kind == "table":
            t = doc.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for i, row in enumerate(val):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for run in t.cell(i, j).paragraphs[0].runs:
                            run.bold = True
    doc.save(os.path.join(OUT, fname))


class PDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, latin1(f"Överförmyndarenheten i Sjöhamra · 0455-61 42 00 · sida {self.page_no()}"), align="C")


def make_pdf(blocks, fname):
    pdf = PDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_title(latin1(blocks[0][1]))
    pdf.set_author(latin1("Överförmyndarenheten i Sjöhamra"))
    w = pdf.epw
    step = 0
    for kind, val in blocks:
        if kind != "n":
            step = 0
        if kind == "h1":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(w, 8, latin1(val))
            pdf.ln(2)
        elif kind == "h2":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12.5)
            pdf.multi_cell(w, 7, latin1(val))
        elif kind == "p":
            pdf.set_font("Helvetica", size=10.5)
            pdf.multi_cell(w, 5.5, latin1(val))
            pdf.ln(1.5)
        elif kind == "b":
            pdf.set_font("Helvetica", size=10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(w - 4, 5.5, latin1("- " + val))
        elif kind == "n":
            step += 1
            pdf.set_font("Helvetica", size=10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(w - 4, 5.5, latin1(f"{step}. {val}"))
        elif kind == "box":
            pdf.set_font("Helvetica", "B", 10.5)
            pdf.set_fill_color(230, 240, 250)
            pdf.multi_cell(w, 5.5, latin1(val), border=1, fill=True)
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("Helvetica", size=9.5)
            with pdf.table(first_row_as_headings=True, line_height=5) as table:
                for row in val:
                    r = table.row()
                    for cell in row:
                        r.cell(latin1(cell))
            pdf.ln(2)
    pdf.output(os.path.join(OUT, fname))


if __name__ == "__main__":
    make_docx(REDOVISNING, "redovisning-arsrakning.docx")
    make_docx(UPPHOR, "nar-uppdraget-andras-eller-upphor.docx")
    make_pdf(BARN, "barns-pengar-formyndare.pdf")
    make_pdf(GAMMAL, "bra-att-veta-2023.pdf")
    print("ok")
