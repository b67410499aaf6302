"""Write the binary documents of the fictional Överförmyndarnämnden i Norrvik.

Produces, in evals/offices/norrvik/dokument:

  NV-006-uttag-och-samtycke.docx   (python-docx: Heading styles, lists, one table)
  NV-012-sekretess-och-allmanna-handlingar.docx
  NV-010-barns-pengar-formyndare.pdf  (fpdf2, core font Helvetica, one table)

All text is held in this script. Each document is a list of blocks:
  ("h1", text) / ("h2", text) / ("p", text) / ("ul", [items]) / ("ol", [items])
  ("table", [header_row, row, ...]) / ("meta", text)  (small grey line)

Run:  python -m tools.norrvik_binaries   (from the repository root; needs python-docx and fpdf2)
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from fpdf import FPDF

OUT = Path(__file__).resolve().parents[1] / "evals" / "offices" / "norrvik" / "dokument"

# --------------------------------------------------------------------------
# NV-006 – Uttag från spärrade konton och samtycke (DOCX)
# --------------------------------------------------------------------------
NV006 = [
    ("meta", "Överförmyndarnämnden i Norrvik · Anvisning för gode män och förvaltare · "
             "Dokument NV-006, version 2.3, gäller från 2025-06-01"),
    ("h1", "Uttag från spärrade konton och samtycke till försäljning av bostad"),
    ("p", "Den här anvisningen förklarar när du som god man eller förvaltare behöver "
          "nämndens tillstånd för att använda huvudmannens pengar eller sälja hens "
          "egendom, och hur du ansöker."),
    ("h2", "Varför är pengarna spärrade?"),
    ("p", "Huvudmannens sparpengar ska stå på konton med överförmyndarspärr. Spärren "
          "betyder att du som ställföreträdare inte kan ta ut pengar utan att nämnden "
          "först har sagt ja. Det skyddar huvudmannen och det skyddar dig mot misstankar. "
          "Spärren gäller även fondkonton, depåer och värdepapperskonton."),
    ("h2", "Transaktionskontot"),
    ("p", "Du får använda ett enda konto fritt, transaktionskontot. Dit ska pension och "
          "andra inkomster komma och därifrån betalar du hyra, räkningar och fickpengar. "
          "I Norrvik får det stå högst 20 000 kr på transaktionskontot. Det som blir över "
          "flyttar du till ett spärrat sparkonto."),
    ("h2", "Skillnad mellan godmanskap och förvaltarskap"),
    ("ul", [
        "Godmanskap: spärren gäller bara mot dig. Huvudmannen kan själv gå till banken "
        "och ta ut pengar från sina spärrade konton. Om det händer bör du meddela oss.",
        "Förvaltarskap: spärren gäller både mot dig och mot huvudmannen. Huvudmannen kan "
        "inte själv ta ut spärrade pengar.",
    ]),
    ("h2", "Så ansöker du om uttag"),
    ("ol", [
        "Ansök i e-tjänsten Mina uppdrag eller på blanketten Ansökan om uttag från "
        "spärrat konto.",
        "Ange belopp, bank och kontonummer samt vad pengarna ska användas till.",
        "Bifoga underlag, till exempel offert, faktura eller kostnadsförslag.",
        "Låt huvudmannen skriva under om hen kan. Vid förvaltarskap, eller om ett "
        "läkarintyg visar att huvudmannen inte kan ta ställning, behövs inte hens underskrift.",
        "När du har fått beslutet visar du det för banken.",
        "Skicka kvitto till oss inom 30 dagar efter köpet, som visar att pengarna "
        "använts till det som ansökan gällde.",
    ]),
    ("h2", "Uttag som inte kräver ansökan"),
    ("ul", [
        "Uttag av förra årets ränta från ett spärrat konto.",
        "Överföring direkt från ett spärrat konto till ett annat spärrat konto i "
        "huvudmannens namn, där pengarna aldrig passerar dig. Skicka spärrintyg för "
        "det nya kontot till oss.",
    ]),
    ("h2", "Handläggningstid"),
    ("p", "De flesta uttagsansökningar beslutas av en handläggare inom tio arbetsdagar "
          "från att ansökan är komplett. Gäller ansökan mer än 150 000 kr, eller "
          "försäljning av fastighet eller bostadsrätt, fattas beslutet av nämndens "
          "arbetsutskott, som sammanträder den första torsdagen varje månad. Ansök i god tid."),
    ("h2", "Åtgärder som kräver nämndens samtycke"),
    ("table", [
        ["Åtgärd", "Samtycke krävs?", "Kommentar"],
        ["Uttag från spärrat konto", "Ja", "Utom föregående års ränta"],
        ["Köpa eller sälja fastighet eller bostadsrätt", "Ja", "Köpekontraktet villkoras av vårt samtycke"],
        ["Pantsätta eller inteckna fastighet", "Ja", "Även belåning av bostadsrätt"],
        ["Arvskifte och bodelning", "Ja", "Skicka förslaget innan det skrivs under"],
        ["Låna pengar eller låna ut huvudmannens pengar", "Ja", "Beviljas sällan; CSN-lån undantagna"],
        ["Köpa aktier eller kapitalförsäkring", "Ja",
         "Värdepappersfonder och sparkonton kräver inte samtycke"],
        ["Sälja aktier", "Nej", "Pengarna ska sättas in på spärrat konto"],
        ["Hyra ut huvudmannens bostad", "Ja", "Gäller fastighet och bostadsrätt"],
        ["Ge bort huvudmannens pengar", "Får inte ske", "Undantag: presenter av normalt värde"],
    ]),
    ("h2", "Försäljning av fastighet eller bostadsrätt"),
    ("p", "Det är du som ansöker om samtycke, inte mäklaren. Se till att köpekontraktet "
          "innehåller en klausul om att köpet gäller under förutsättning att "
          "överförmyndaren lämnar samtycke. Bifoga:"),
    ("ul", [
        "ansökan där du förklarar varför bostaden ska säljas,",
        "huvudmannens skriftliga samtycke, eller läkarintyg om att hen inte kan ta "
        "ställning eller inte kan bo kvar,",
        "yttrande från make, maka eller sambo och närmaste släktingar,",
        "kopia av köpekontraktet, objektbeskrivning och budlista,",
        "värdering: mäklarens värdering räcker vid försäljning på öppna marknaden, "
        "annars krävs två oberoende värderingar,",
        "utdrag ur fastighetsregistret eller intyg från bostadsrättsföreningen.",
    ]),
    ("p", "Nämnden säger bara ja om försäljningen är bra för huvudmannen med hänsyn till "
          "hens behov och övriga tillgångar. Köpeskillingen ska sättas in på ett spärrat konto."),
    ("h2", "Exempel: Maj-Britt, 79"),
    ("p", "Maj-Britt har flyttat till ett särskilt boende och hennes bostadsrätt på "
          "Hamngatan står tom. Hennes gode man Ali har pratat med Maj-Britt, som vill "
          "sälja. Mäklaren får ett bud på 1 450 000 kr. Ali skriver kontraktet med "
          "villkor om överförmyndarens samtycke, skickar ansökan med Maj-Britts "
          "underskrift, budlista och yttranden från hennes två döttrar den 20 maj. "
          "Arbetsutskottet beslutar den 5 juni. Ali kan sedan begära extra arvode för "
          "försäljningen i sin nästa redogörelse."),
    ("h2", "Gåvor"),
    ("p", "Du får inte ge bort huvudmannens pengar eller saker, inte ens om anhöriga ber "
          "om det och inte heller med nämndens samtycke. Undantaget är vanliga presenter, "
          "till exempel julklappar till barnbarnen, som står i rimlig proportion till "
          "huvudmannens ekonomi."),
    ("meta", "Frågor: överförmyndarkansliet 0611-990 42 10 · overformyndaren@norrvik.example"),
]

# --------------------------------------------------------------------------
# NV-012 – Sekretess och allmänna handlingar (DOCX)
# --------------------------------------------------------------------------
NV012 = [
    ("meta", "Överförmyndarnämnden i Norrvik · Dokument NV-012, version 1.0, gäller från 2025-02-01"),
    ("h1", "Sekretess och allmänna handlingar hos överförmyndaren"),
    ("p", "Överförmyndarnämnden är en myndighet och de handlingar vi tar emot eller "
          "upprättar är allmänna handlingar. Men det mesta i våra akter handlar om "
          "människors hälsa, ekonomi och familjeförhållanden, och är därför skyddat av "
          "sekretess. Här förklarar vi vad det innebär och hur du begär ut handlingar."),
    ("h2", "Stark sekretess i våra ärenden"),
    ("p", "I ärenden enligt föräldrabalken gäller sekretess för uppgifter om enskildas "
          "personliga och ekonomiska förhållanden (32 kap. 4 § offentlighets- och "
          "sekretesslagen). Sekretessen är stark: vi lämnar bara ut en uppgift om det står "
          "klart att ingen kan ta skada av det. Sekretessen skyddar både huvudmannen och "
          "ställföreträdaren – till exempel gode mannens adress och telefonnummer."),
    ("h2", "Vem får ta del av handlingarna?"),
    ("p", "Vissa personer har enligt föräldrabalken (16 kap. 7 §) rätt att ta del av "
          "handlingar om ett ställföreträdarskap, trots sekretessen:"),
    ("table", [
        ["Vem", "Rätt att ta del?", "Kommentar"],
        ["Huvudmannen själv", "Ja", "Gäller hela akten om hen själv"],
        ["Make, maka, registrerad partner eller sambo", "Ja", "Visa att ni är gifta eller sambor"],
        ["Närmaste släktingar (barn, föräldrar, syskon)", "Ja", "Personbevis kan behövas"],
        ["Barn som fyllt 16 år och har förmyndare eller god man", "Ja",
         "Gäller handlingar om det egna förmynderskapet"],
        ["Ställföreträdaren", "Ja, i sitt eget uppdrag", "Inte i andras uppdrag"],
        ["Allmänna arvsfonden", "Nej, inte som närstående", "Prövas enligt huvudregeln"],
        ["Grannar, vänner, journalister och andra", "Efter sekretessprövning",
         "Oftast avslag för uppgifter om enskild"],
    ]),
    ("h2", "Så begär du ut handlingar"),
    ("ol", [
        "Skicka en skriftlig begäran till overformyndaren@norrvik.example eller till "
        "Överförmyndarnämnden i Norrvik, Box 310, 872 80 Norrvik.",
        "Beskriv vilka handlingar du vill ha, till exempel årsräkningen för 2024 för en viss huvudman.",
        "Berätta vem du är och vilken relation du har till huvudmannen, om du vill att vi "
        "ska pröva om den sekretessbrytande regeln gäller dig.",
        "Ange om du vill ha kopiorna per post eller läsa dem hos oss.",
    ]),
    ("p", "Du har rätt att vara anonym och behöver inte tala om varför du vill ha en "
          "handling. Men eftersom sekretessen i våra ärenden är stark kan vi oftast bara "
          "lämna ut uppgifter om vi vet att du är närstående. Vi kräver aldrig att du "
          "kommer hit personligen – vi skickar handlingarna per post."),
    ("h2", "Handläggning och avgift"),
    ("ul", [
        "En begäran behandlas skyndsamt, normalt inom en till två arbetsdagar. Är akten "
        "stor eller måste flera uppgifter maskas kan det ta längre tid, och då hör vi av oss.",
        "De första nio sidorna är gratis. Sidan tio kostar 50 kr och varje sida därefter 2 kr.",
        "Att läsa handlingar på plats i Stadshuset kostar ingenting.",
    ]),
    ("h2", "Om vi säger nej"),
    ("p", "Lämnar vi inte ut en handling, eller bara delvis, får du ett skriftligt "
          "beslut med besvärshänvisning. Beslutet kan överklagas till kammarrätten. "
          "Överklagandet skickas till nämnden inom tre veckor från att du fick beslutet. "
          "Observera att andra beslut från nämnden, som arvode eller uttag, i stället "
          "överklagas till tingsrätten."),
    ("h2", "Telefon, e-post och chatt"),
    ("p", "Vi lämnar aldrig ut uppgifter om en enskild huvudman, god man eller ett "
          "ärende per telefon, i vanlig e-post eller i chatt, eftersom vi inte kan "
          "kontrollera vem vi talar med. Det gäller även frågor om vem som är god man "
          "för en viss person. Begär i stället uppgifterna skriftligt enligt ovan."),
    ("h2", "Dina personuppgifter"),
    ("p", "Nämnden behandlar personuppgifter för att kunna utöva tillsyn enligt "
          "föräldrabalken. Mer om hur vi hanterar personuppgifter och hur du kontaktar "
          "kommunens dataskyddsombud finns på norrvik.example/personuppgifter."),
]

# --------------------------------------------------------------------------
# NV-010 – Barns pengar och förmyndare (PDF)
# --------------------------------------------------------------------------
NV010 = [
    ("meta", "Överförmyndarnämnden i Norrvik · Information till föräldrar · "
             "NV-010 · version 1.2 · gäller från 2025-07-01"),
    ("h1", "Barnets pengar - information till dig som är förmyndare"),
    ("p", "Alla barn under 18 år har en förmyndare som sköter barnets ekonomi och "
          "företräder barnet i ekonomiska och rättsliga frågor. Oftast är det "
          "föräldrarna, om de är vårdnadshavare. Har ni gemensam vårdnad är ni båda "
          "förmyndare och ska fatta besluten tillsammans. Har en förälder ensam vårdnad "
          "är hen ensam förmyndare. Överförmyndarnämnden har tillsyn över alla förmyndare "
          "i Norrvik."),
    ("h2", "Vad får barnets pengar användas till?"),
    ("p", "Barnets pengar får bara användas till barnet själv och till sådant som är "
          "till nytta för barnet, till exempel ett körkort, en dator till skolan eller en "
          "utlandsresa med skolan. De får inte användas till sådant som ni föräldrar ska "
          "betala enligt er försörjningsplikt, som mat, kläder, boende och vanliga "
          "fritidsaktiviteter, och inte heller till syskon eller till er själva. "
          "Barnets pengar får aldrig ges bort. Håll barnets pengar på egna konton i "
          "barnets namn, skilda från era och syskonens."),
    ("h2", "Fri eller kontrollerad förvaltning"),
    ("table", [
        ["", "Fri förvaltning", "Kontrollerad förvaltning"],
        ["När?", "Barnets tillgångar är högst 8 prisbasbelopp (2025: 470 400 kr)",
         "Tillgångarna överstiger 8 prisbasbelopp, eller barnet äger fastighet eller del av fastighet"],
        ["Anmälan", "Ingen", "Anmäl genast till nämnden"],
        ["Förteckning", "Nej", "Inom en månad efter att gränsen passerats"],
        ["Årsräkning", "Nej, men ni ska svara på nämndens frågor",
         "Varje år, före den 1 mars"],
        ["Sluträkning", "Nej", "När barnet fyller 18 eller förvaltningen upphör"],
    ]),
    ("p", "Har förvaltningen en gång blivit kontrollerad blir den fri igen först när "
          "tillgångarna har sjunkit under 4 prisbasbelopp. En förmyndare som har utsetts "
          "av tingsrätten har alltid kontrollerad förvaltning, oavsett belopp. I Norrvik "
          "lämnar föräldrar förteckning och årsräkning på blankett per post; e-tjänsten "
          "Mina uppdrag är bara till för gode män och förvaltare."),
    ("h2", "Spärrade konton"),
    ("p", "Får barnet pengar genom arv, testamente, försäkringsersättning, "
          "brottsskadeersättning eller skadestånd, och beloppet är ungefär ett "
          "prisbasbelopp eller mer (2025: 58 800 kr), ska pengarna sättas in på ett konto "
          "med överförmyndarspärr i barnets namn. Den som betalar ut pengarna, till "
          "exempel ett försäkringsbolag eller ett dödsbo, ska meddela oss. Gåvor med "
          "villkor om överförmyndarens kontroll spärras oavsett belopp. Nämnden kan också "
          "besluta om spärr om det finns särskilda skäl."),
    ("h2", "Ansöka om uttag"),
    ("ul", [
        "Använd blanketten Uttag från barns spärrade konto.",
        "Båda förmyndarna skriver under. Har barnet fyllt 16 år skriver även barnet under.",
        "Beskriv vad pengarna ska användas till och bifoga offert eller prisuppgift.",
        "Vi bedömer barnets ålder och behov och om utgiften ingår i er försörjningsplikt.",
        "Handläggningstiden är normalt tio arbetsdagar.",
    ]),
    ("h2", "Samtycke krävs alltid för"),
    ("ul", [
        "att köpa, sälja eller inteckna fastighet eller bostadsrätt åt barnet,",
        "att barnet tar emot fastighet eller bostadsrätt som gåva,",
        "att låna pengar i barnets namn eller låna ut barnets pengar,",
        "att barnet driver näringsverksamhet.",
    ]),
    ("h2", "Arv och dödsbo"),
    ("p", "Är barnet delägare i ett dödsbo ska arvskiftet göras så snart som möjligt och "
          "kräver nämndens samtycke. Är ni föräldrar själva delägare i samma dödsbo, till "
          "exempel när den andra föräldern har dött, får ni inte företräda barnet. Då "
          "utser nämnden en särskild god man för barnet i just den frågan."),
    ("h2", "Exempel: Elsa, 9"),
    ("p", "Elsa ärver 90 000 kr efter sin morfar. Eftersom beloppet är mer än ett "
          "prisbasbelopp sätter dödsboet in pengarna på ett spärrat konto i Elsas namn och "
          "meddelar nämnden. Elsas samlade tillgångar är under 8 prisbasbelopp, så "
          "föräldrarna har fri förvaltning och lämnar ingen årsräkning. Vill de ta ut 6 000 kr "
          "till en lägerskola ansöker båda föräldrarna om uttag."),
    ("h2", "När barnet fyller 18"),
    ("p", "Förmynderskapet upphör på 18-årsdagen. Har ni haft kontrollerad förvaltning "
          "lämnar ni en sluträkning för perioden 1 januari till och med 18-årsdagen, en "
          "blankett per barn, inom en månad. Vi skickar sedan redovisningarna till den unga "
          "vuxna. Spärren gäller inte längre mot den som är myndig."),
    ("h2", "Andra regler för ensamkommande barn"),
    ("p", "En god man för ett ensamkommande barn utses av nämnden och träder i både "
          "vårdnadshavarens och förmyndarens ställe, men har ingen försörjningsplikt. "
          "Reglerna ovan om föräldrars försörjningsplikt gäller alltså inte gode mannen."),
    ("meta", "Frågor: 0611-990 42 10 · overformyndaren@norrvik.example · "
             "Box 310, 872 80 Norrvik"),
]


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------
def write_docx(blocks, path):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=1)
        elif kind == "h2":
            doc.add_heading(content, level=2)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "meta":
            run = doc.add_paragraph().add_run(content)
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in content:
                doc.add_paragraph(item, style=style)
        elif kind == "table":
            header, *rows = content
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            raise ValueError(kind)
    doc.save(path)


def latin1(text):
    """Core PDF fonts are latin-1 only: replace typographic dashes/quotes."""
    return (text.replace("\u2013", "-").replace("\u2014", "-")
                .replace("\u201d", '"').replace("\u2019", "'"))


def write_pdf(blocks, path, title):
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author("Överförmyndarnämnden i Norrvik")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    for kind, content in blocks:
        if kind == "h1":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, latin1(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h2":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, latin1(content), new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, latin1(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "meta":
            pdf.set_font("Helvetica", "I", 8)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 4, latin1(content), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(2)
        elif kind in ("ul", "ol"):
            pdf.set_font("Helvetica", "", 10)
            for n, item in enumerate(content, 1):
                mark = f"{n}." if kind == "ol" else "-"
                pdf.set_x(24)
                pdf.multi_cell(0, 5, latin1(f"{mark} {item}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=(22, 60, 88), line_height=5,
                           first_row_as_headings=True) as table:
                for row in content:
                    cells = table.row()
                    for text in row:
                        cells.cell(latin1(text))
            pdf.ln(2)
        else:
            raise ValueError(kind)
    pdf.output(str(path))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx(NV006, OUT / "NV-006-uttag-och-samtycke.docx")
    write_docx(NV012, OUT / "NV-012-sekretess-och-allmanna-handlingar.docx")
    write_pdf(NV010, OUT / "NV-010-barns-pengar-formyndare.pdf",
              "Barnets pengar - information till dig som är förmyndare")
    print("wrote", *sorted(p.name for p in OUT.glob("*.docx")),
          *sorted(p.name for p in OUT.glob("*.pdf")))


if __name__ == "__main__":
    main()
