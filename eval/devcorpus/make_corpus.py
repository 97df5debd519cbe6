"""Generate the development corpus of FIXTURE documents about Preventie met Gezag.

All text below was written by the team. It restates public facts about the programme in our own
words and adds invented details where a fact could not be checked (see README.md). None of these
files is a real government document.

Run:  /work/main/.venv/bin/python eval/devcorpus/make_corpus.py
Needs fpdf2 (2.8), python-docx and Pillow; fonts from /usr/share/fonts/truetype/dejavu/.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "documents"  # the documents only: this folder also holds scripts
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TZ = dt.timezone(dt.timedelta(hours=1))

# --------------------------------------------------------------------------------------------
# PDF helpers
# --------------------------------------------------------------------------------------------

try:
    from fpdf import FPDF
    from fpdf.fonts import FontFace
except ImportError:  # check_cases.py imports this module only for SCAN_PAGES
    FPDF = object
    FontFace = None


class Doc(FPDF):
    """A4 document with footnotes printed at the bottom of the page they are referenced on."""

    def __init__(self, footer_fmt="Pagina {p} van {nb}", sup_style="unicode", serif=False):
        super().__init__(format="A4", unit="mm")
        self.fam = "DejaVuSerif" if serif else "DejaVu"
        for fam, base in (("DejaVu", "DejaVuSans"), ("DejaVuSerif", "DejaVuSerif")):
            self.add_font(fam, "", str(FONTS / f"{base}.ttf"))
            self.add_font(fam, "B", str(FONTS / f"{base}-Bold.ttf"))
            ital = "Oblique" if base == "DejaVuSans" else "Italic"
            self.add_font(fam, "I", str(FONTS / f"{base}-{ital}.ttf"))
        self.footer_fmt = footer_fmt
        self.sup_style = sup_style
        self.fn_count = 0
        self.fn_by_page: dict[int, list[tuple[int, str]]] = {}
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=42)
        self.alias_nb_pages()
        self.body_size = 10

    # footnotes and footer ------------------------------------------------------------------
    def footer(self):
        notes = self.fn_by_page.get(self.page_no(), [])
        if notes:
            self.set_y(-38)
            self.set_draw_color(0)
            self.line(self.l_margin, self.get_y(), self.l_margin + 45, self.get_y())
            self.ln(1.5)
            self.set_font(self.fam, "", 7.5)
            for n, text in notes:
                self.multi_cell(0, 3.6, f"{n} {text}", align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(-14)
        self.set_font(self.fam, "", 8)
        self.cell(0, 5, self.footer_fmt.format(p=self.page_no(), nb="{nb}"), align="R")

    _SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

    def rich(self, text, size=None, h=5.2, style=""):
        """Write a paragraph; [[fn:...]] becomes a footnote mark, **x** bold."""
        size = size or self.body_size
        parts = re.split(r"(\[\[fn:.*?\]\]|\*\*.*?\*\*)", text)
        for part in parts:
            if not part:
                continue
            if part.startswith("[[fn:"):
                self.fn_count += 1
                n = self.fn_count
                self.fn_by_page.setdefault(self.page_no(), []).append((n, part[5:-2]))
                if self.sup_style == "unicode":
                    self.set_font(self.fam, style, size)
                    self.write(h, str(n).translate(self._SUP))
                else:  # real raised, smaller digits, as a word processor makes them
                    self.set_font(self.fam, style, size)
                    self.char_vpos = "SUP"
                    self.write(h, str(n))
                    self.char_vpos = "LINE"
            elif part.startswith("**"):
                self.set_font(self.fam, "B", size)
                self.write(h, part[2:-2])
            else:
                self.set_font(self.fam, style, size)
                self.write(h, part)
        self.ln(h)

    def para(self, text, gap=2.6, **kw):
        self.rich(text, **kw)
        self.ln(gap)

    def heading(self, text, size=11):
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(1.5)
        self.set_font(self.fam, "B", size)
        self.multi_cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.2)

    def bullets(self, items, bullet="•", indent=6, gap=2.6):
        for it in items:
            x = self.l_margin
            self.set_font(self.fam, "", self.body_size)
            self.set_x(x)
            self.cell(indent, 5.2, bullet)
            self.set_left_margin(x + indent)
            self.rich(it)
            self.set_left_margin(x)
            self.ln(0.8)
        self.ln(gap - 0.8)

    def block(self, items):
        for kind, val in items:
            if kind == "h":
                self.heading(val)
            elif kind == "p":
                self.para(val)
            elif kind == "ul":
                self.bullets(val)
            elif kind == "ol":
                self.bullets(val[1], bullet="")
            elif kind == "sign":
                self.ln(3)
                self.set_font(self.fam, "", self.body_size)
                for line in val:
                    self.multi_cell(0, 5.2, line, align="L", new_x="LMARGIN", new_y="NEXT")
                self.ln(3)
            elif kind == "space":
                self.ln(val)


def set_meta(pdf, title, author, created, subject=None):
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Microsoft Word" if "Ministerie" in author else "Adobe InDesign 18.2")
    pdf.set_producer("team fixture generator (fpdf2)")
    if subject:
        pdf.set_subject(subject)
    pdf.set_creation_date(created)


def letterhead(pdf, right_lines, date_line=None, subject=None, kenmerk=None):
    """First page of a ministerial letter in the Rijksoverheid house style."""
    pdf.add_page()
    # word mark: a vertical bar with the ministry name, centred at the top
    pdf.set_fill_color(21, 66, 115)
    pdf.rect(103, 0, 4, 24, style="F")
    pdf.set_xy(108, 12)
    pdf.set_font(pdf.fam, "", 10)
    pdf.cell(70, 5, "Ministerie van Justitie en Veiligheid")
    # sender column on the right
    pdf.set_xy(150, 48)
    pdf.set_font(pdf.fam, "B", 7)
    pdf.multi_cell(45, 3.4, right_lines[0], align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.fam, "", 7)
    for line in right_lines[1:]:
        if line == "":
            pdf.ln(2.5)
            continue
        if line.startswith("##"):
            pdf.set_font(pdf.fam, "B", 7)
            pdf.multi_cell(45, 3.4, line[2:], align="L", new_x="LEFT", new_y="NEXT")
            pdf.set_font(pdf.fam, "", 7)
            continue
        pdf.multi_cell(45, 3.4, line, align="L", new_x="LEFT", new_y="NEXT")
    # return address and addressee
    pdf.set_xy(22, 48)
    pdf.set_font(pdf.fam, "", 7)
    pdf.cell(110, 4, "> Retouradres Postbus 20301 2500 EH Den Haag", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(pdf.fam, "", 10)
    for line in ("Aan de Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018",
                 "2500 EA  DEN HAAG"):
        pdf.set_x(22)
        pdf.cell(110, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(92)
    pdf.set_font(pdf.fam, "", 9)
    if date_line:
        pdf.set_x(22)
        pdf.cell(22, 5, "Datum")
        pdf.cell(100, 5, date_line, new_x="LMARGIN", new_y="NEXT")
    if subject:
        pdf.set_x(22)
        pdf.cell(22, 5, "Onderwerp")
        pdf.multi_cell(100, 5, subject, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), 112) + 4)
    pdf.set_right_margin(62)  # body runs left of the sender column, as in the house style


def later_pages_column(pdf, lines):
    """Repeat the small reference column on pages 2 and following."""
    orig_header = pdf.header

    def header():
        if pdf.page_no() > 1:
            x, y = pdf.get_x(), pdf.get_y()
            pdf.set_xy(150, 48)
            pdf.set_font(pdf.fam, "B", 7)
            pdf.multi_cell(45, 3.4, lines[0], align="L", new_x="LEFT", new_y="NEXT")
            pdf.set_font(pdf.fam, "", 7)
            for line in lines[1:]:
                pdf.multi_cell(45, 3.4, line, align="L", new_x="LEFT", new_y="NEXT")
            pdf.set_xy(x, max(y, 30))
        orig_header()

    pdf.header = header


# --------------------------------------------------------------------------------------------
# 1. Kamerbrief 1 juli 2022 (letterhead, Datum field, unicode footnote marks)
# --------------------------------------------------------------------------------------------

KB2022_RIGHT = [
    "Directoraat-Generaal Straffen en Beschermen",
    "Directie Jeugd, Familie en aanpak Criminaliteitsfenomenen",
    "",
    "Turfmarkt 147",
    "2511 DP  Den Haag",
    "Postbus 20301",
    "2500 EH  Den Haag",
    "www.rijksoverheid.nl/jenv",
    "",
    "##Ons kenmerk",
    "4087215",
    "",
    "##Bijlagen",
    "1",
]

KB2022_BODY = [
    ("p", "Jongeren in Nederland plegen al jaren minder delicten. Dat is goed nieuws, maar het is niet het "
          "hele verhaal. Een kleine groep kwetsbare jongeren raakt juist vaker betrokken bij zware "
          "criminaliteit: wapenbezit, de handel in drugs en geweld met ernstige gevolgen.[[fn:Zie onder meer "
          "de Monitor Jeugdcriminaliteit van WODC en CBS over 2021.]] Wij zien bovendien dat kinderen soms al "
          "op de basisschoolleeftijd worden gevraagd om voor criminelen op de uitkijk te staan of een pakketje "
          "af te leveren. In deze brief beschrijven wij, de Minister van Justitie en Veiligheid en de Minister "
          "voor Rechtsbescherming, hoe het kabinet die ontwikkeling wil keren."),
    ("h", "1. Inleiding"),
    ("p", "Het coalitieakkoord maakt voor het eerst structureel geld vrij voor het voorkomen van "
          "(ondermijnende en georganiseerde) jeugdcriminaliteit. Dit jaar is daarvoor € 60 miljoen "
          "beschikbaar. Dat bedrag groeit in de komende jaren en bedraagt vanaf 2025 € 143 miljoen per "
          "jaar.[[fn:Het gaat om € 42 miljoen uit de begroting van Justitie en Veiligheid en € 18 miljoen uit "
          "de aanvullende middelen voor de strafrechtketen; vanaf 2025 respectievelijk € 82 miljoen en € 61 "
          "miljoen.]] Wij noemen de aanpak die wij daarmee financieren Preventie met Gezag: jongeren krijgen "
          "perspectief, en waar nodig laten politie en justitie zien waar de grens ligt."),
    ("p", "Deze brief bestaat uit vijf delen. Na deze inleiding beschrijven wij de doelgroep en onze "
          "uitgangspunten (paragraaf 2), de gemeenten waar wij beginnen (paragraaf 3), de bijdrage van de "
          "justitiële partners (paragraaf 4) en de manier waarop wij volgen wat werkt (paragraaf 5)."),
    ("h", "2. Doelgroep en uitgangspunten"),
    ("p", "De aanpak is bedoeld voor kinderen, jongeren en jongvolwassenen tussen 8 en 27 jaar (de grenzen "
          "inbegrepen) die het risico lopen in de criminaliteit te belanden of daarin verder te groeien. Ook "
          "broertjes en zusjes van jongeren die al in beeld zijn, verliezen wij niet uit het oog."),
    ("p", "Wij hanteren drie uitgangspunten. Ten eerste investeren wij niet overal een beetje, maar fors in "
          "de wijken waar de risico's aantoonbaar het grootst zijn. Ten tweede werken de domeinen samen: "
          "school, werk, zorg en veiligheid worden in één plan verbonden in plaats van in losse projecten. "
          "Ten derde leren wij onderweg: wat werkt, houden wij vast en verspreiden wij, en wat niet werkt, "
          "passen wij aan."),
    ("h", "3. Start in vijftien gemeenten"),
    ("p", "Op advies van het Strategisch Beraad Ondermijning sluiten wij aan bij de gebieden die al binnen het "
          "Nationaal Programma Leefbaarheid en Veiligheid voorrang krijgen. Dat zijn 16 gebieden in 15 "
          "gemeenten. Het gaat om:"),
    ("ul", ["de vier grote steden: Amsterdam (met twee gebieden), Rotterdam, Den Haag en Utrecht;",
            "Arnhem, Breda, Eindhoven, Groningen en Heerlen;",
            "Leeuwarden, Lelystad, Nieuwegein, Schiedam, Tilburg en Zaanstad."]),
    ("p", "Elke gemeente maakt dit najaar, samen met haar partners, een probleemanalyse en een plan van "
          "aanpak. Dat plan beschrijft welke jongeren het betreft, welke interventies worden ingezet en hoe de "
          "gemeente de resultaten bijhoudt. Wij beoordelen de plannen met een beoordelingskader dat wij met de "
          "Vereniging van Nederlandse Gemeenten (VNG) opstellen. Gemeenten kunnen met het geld onder meer "
          "jongerenwerk op school, straatcoaches, begeleiding naar werk en een familiegerichte aanpak "
          "bekostigen."),
    ("h", "4. De bijdrage van de justitiële partners"),
    ("p", "Perspectief bieden alleen is niet genoeg. Jongeren moeten ook merken dat grensoverschrijdend gedrag "
          "gevolgen heeft, en wel snel. Daarom krijgen ook de partners in de jeugdstrafrechtketen extra "
          "ruimte. Het gaat om:"),
    ("ul", ["de politie, die meer jeugdagenten en wijkagenten in de geselecteerde gebieden inzet;",
            "het Openbaar Ministerie, dat per arrondissement een vast team voor de aanpak vormt;",
            "Halt, dat het Halt-spreekuur op middelbare scholen uitbreidt;",
            "de Raad voor de Kinderbescherming en de (jeugd)reclassering, die meer aanwezig zijn in de wijk."]),
    ("p", "Daarnaast versterken wij de Zorg- en Veiligheidshuizen, omdat daar de informatie van zorg- en "
          "veiligheidspartners over één jongere bij elkaar komt."),
    ("h", "5. Zicht op wat werkt"),
    ("p", "Over de effectiviteit van preventieve interventies is nog veel onbekend. Wij willen dat gemeenten "
          "zoveel mogelijk kiezen voor interventies die erkend zijn in de databanken van het Nederlands "
          "Jeugdinstituut en Movisie, en dat nieuwe werkwijzen worden onderzocht. Het WODC zet daarom een "
          "meerjarige monitor op. Vorig jaar is al een verkenning gedaan naar de factoren die jongeren "
          "kwetsbaar maken voor criminele uitbuiting;[[fn:Verkenning criminele uitbuiting van minderjarigen, "
          "WODC 2021.]] die inzichten gebruiken wij bij de beoordeling van de plannen."),
    ("p", "Wij informeren uw Kamer volgend jaar over de voortgang van de aanpak en over de plannen van de "
          "gemeenten."),
    ("sign", ["De Minister van Justitie en Veiligheid,", "", "", "D. Yeşilgöz-Zegerius", "",
              "De Minister voor Rechtsbescherming,", "", "", "F.M. Weerwind"]),
]


def make_kb2022():
    pdf = Doc()
    set_meta(pdf, "Kamerbrief brede preventieaanpak jeugdcriminaliteit",
             "Ministerie van Justitie en Veiligheid", dt.datetime(2022, 6, 30, 16, 2, tzinfo=TZ))
    letterhead(pdf, KB2022_RIGHT, date_line="1 juli 2022",
               subject="Brede preventieaanpak (georganiseerde en ondermijnende) jeugdcriminaliteit")
    later_pages_column(pdf, ["Directoraat-Generaal Straffen en Beschermen", "", "Datum", "1 juli 2022",
                             "", "Ons kenmerk", "4087215"])
    pdf.block(KB2022_BODY)
    pdf.output(str(OUT / "kamerbrief-brede-preventieaanpak-jeugdcriminaliteit.pdf"))


# --------------------------------------------------------------------------------------------
# 2. Kamerstuk 28 741, nr. 106, 7 juli 2023 (printed Kamerstuk style, raised footnote digits)
# --------------------------------------------------------------------------------------------

KST106_BODY = [
    ("p", "Vorig jaar hebben wij uw Kamer geschreven hoe het kabinet de preventie van jeugdcriminaliteit "
          "wil versterken.[[fn:Kamerstuk 28 741, nr. 86.]] In deze brief laten wij zien hoe die aanpak, "
          "Preventie met Gezag, sindsdien is uitgewerkt en waar wij nu staan. Het doel is onveranderd: wij "
          "willen voorkomen dat kinderen en jongeren van 8 tot en met 27 jaar met (ondermijnende) "
          "criminaliteit in aanraking komen of daarin doorgroeien."),
    ("h", "1. Inleiding"),
    ("p", "Criminele netwerken kunnen alleen draaien zolang zij jongeren vinden die voor hen willen werken. "
          "Door in die jongeren te investeren en tegelijk het gezag in de wijk zichtbaar te maken, nemen wij "
          "die netwerken hun uitvoeringskracht af. Dat vergt geduld: de eerste resultaten laten zich pas na "
          "een aantal jaren goed meten."),
    ("h", "2. Drie pijlers"),
    ("p", "De aanpak rust op drie pijlers. Ten eerste de gebiedsgerichte aanpak, die domeinen overstijgt en "
          "die wij in 27 gemeenten financieren. Ten tweede een flexibele aanpak voor plaatsen met acute en "
          "ernstige problemen, of waar vroeg ingrijpen erger kan voorkomen. Ten derde een overkoepelende "
          "versterking van de jeugdstrafrechtketen. Bij alle drie werken wij samen met andere ministeries, "
          "gemeenten en de partners in de keten."),
    ("h", "3. Van 15 naar 27 gemeenten"),
    ("p", "Vorig jaar zijn 15 gemeenten begonnen. Door de uitbreiding van het Nationaal Programma "
          "Leefbaarheid en Veiligheid zijn er dit jaar vier gemeenten bijgekomen. Daarnaast hebben wij, op "
          "basis van criminaliteitscijfers en sociaaleconomische gegevens, acht gemeenten gevraagd een plan "
          "in te dienen. Het gaat om Almere, Enschede, ’s-Hertogenbosch, Nijmegen, Helmond, Venlo, "
          "Sittard-Geleen en Maastricht. Daarmee komt het totaal op 27 gemeenten. Wij verwachten dat de "
          "nieuwe gemeenten begin 2024 met de uitvoering beginnen."),
    ("p", "De eerste 15 gemeenten hebben hun plannen vorig jaar opgesteld. Dit jaar is voor hen een "
          "opstartjaar: zij zetten de eerste interventies in en scherpen hun aanpak al werkend aan. Een "
          "gemeente ontvangt, afhankelijk van de omvang van de problematiek, tussen € 1,1 miljoen en € 7,5 "
          "miljoen per jaar.[[fn:De verdeling is gebaseerd op het aantal jongeren in de geselecteerde "
          "gebieden en op de gegevens van de Monitor Jeugdcriminaliteit.]]"),
    ("h", "4. Financiën"),
    ("p", "Dit jaar is voor de gebiedsgerichte aanpak € 46 miljoen beschikbaar en voor de flexibele aanpak "
          "€ 9 miljoen. De totale investering groeit door naar € 143 miljoen[[fn:Dit bedrag omvat ook de "
          "middelen voor de jeugdstrafrechtketen.]] per jaar vanaf 2025. Een deel daarvan reserveren wij "
          "voor onderzoek en kennisdeling."),
    ("h", "5. Wat de gemeenten doen"),
    ("p", "De plannen van de gemeenten lopen uiteen, maar een aantal interventies komt telkens terug. Het "
          "gaat om:"),
    ("ul", ["jongerenwerk op school en in de wijk, gericht op een positieve vrijetijdsbesteding;",
            "de bewezen effectieve sportinterventie Alleen jij bepaalt wie je bent (AJB) voor leerlingen "
            "van het praktijkonderwijs en het vmbo;",
            "de training Alles Kidzzz voor kinderen op de basisschool met agressief gedrag;",
            "het Halt-spreekuur, waar leerlingen na een incident op school terechtkunnen;",
            "een familiegerichte aanpak voor gezinnen waarin criminaliteit van generatie op generatie "
            "wordt doorgegeven."]),
    ("p", "Gemeenten delen hun ervaringen in lerende netwerken. Er zijn nu netwerken over school en "
          "veiligheid, specialistisch jongerenwerk, criminele families en monitoring."),
    ("h", "6. Versterking van de jeugdstrafrechtketen"),
    ("p", "Binnen de derde pijler krijgen de ketenpartners extra capaciteit. Halt ontvangt dit jaar € 3,2 "
          "miljoen extra om het spreekuur op scholen uit te breiden en sneller te reageren op een verwijzing. "
          "Het Openbaar Ministerie vormt per arrondissementsparket een kernteam. De Raad voor de "
          "Kinderbescherming stelt casusregisseurs aan in de geprioriteerde wijken, en de reclassering krijgt "
          "per arrondissement een coördinator die aanspreekpunt is voor de gemeenten."),
    ("h", "7. Tot slot"),
    ("p", "Wij sturen uw Kamer volgend jaar een eerste voortgangsrapportage, gebaseerd op de gegevens die "
          "de gemeenten dan hebben verzameld. Het WODC werkt intussen aan een monitor die op termijn zicht "
          "geeft op de effecten van de aanpak."),
    ("sign", ["De Minister van Justitie en Veiligheid,", "D. Yeşilgöz-Zegerius", "",
              "De Minister voor Rechtsbescherming,", "F.M. Weerwind"]),
]


def make_kst106():
    pdf = Doc(footer_fmt="Tweede Kamer, vergaderjaar 2022–2023, 28 741, nr. 106          {p}",
              sup_style="raised", serif=True)
    set_meta(pdf, "Kamerstuk 28741-106", "Tweede Kamer der Staten-Generaal",
             dt.datetime(2023, 7, 10, 9, 30, tzinfo=TZ), subject="Brede preventieaanpak jeugdcriminaliteit")
    pdf.add_page()
    pdf.set_font(pdf.fam, "B", 13)
    pdf.cell(0, 7, "Tweede Kamer der Staten-Generaal", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.fam, "", 9)
    pdf.cell(0, 5, "Vergaderjaar 2022–2023", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(pdf.fam, "B", 11)
    pdf.cell(0, 6, "28 741 Jeugdcriminaliteit", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(pdf.fam, "B", 10)
    pdf.cell(0, 6, "Nr. 106", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR", new_x="LMARGIN",
             new_y="NEXT")
    pdf.cell(0, 6, "RECHTSBESCHERMING", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(pdf.fam, "", 10)
    pdf.cell(0, 5, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", new_x="LMARGIN",
             new_y="NEXT")
    pdf.ln(3)
    pdf.cell(0, 5, "Den Haag, 7 juli 2023", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.block(KST106_BODY)
    pdf.set_font(pdf.fam, "", 7)
    pdf.ln(2)
    pdf.cell(0, 4, "kst-28741-106  ISSN 0921 - 7371  ’s-Gravenhage 2023", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT / "kst-28741-106.pdf"))


# --------------------------------------------------------------------------------------------
# 3. Kamerbrief 4 april 2024: voortgang en 20 aanvullende gemeenten
# --------------------------------------------------------------------------------------------

KB2024_RIGHT = [
    "Directoraat-Generaal Straffen en Beschermen",
    "Directie Jeugd, Familie en aanpak Criminaliteitsfenomenen",
    "",
    "Turfmarkt 147",
    "2511 DP  Den Haag",
    "Postbus 20301",
    "2500 EH  Den Haag",
    "www.rijksoverheid.nl/jenv",
    "",
    "##Ons kenmerk",
    "5178141",
    "",
    "##Uw kenmerk",
    "2023Z21490",
]

TWINTIG = ["Almelo", "Bergen op Zoom", "Brunssum", "Den Helder", "Diemen", "Gouda", "Haarlem", "Hoorn",
           "Kerkrade", "Leiden", "Middelburg", "Nissewaard", "Oosterhout", "Rijswijk", "Roermond", "Venray",
           "Vlissingen", "Zoetermeer", "Zutphen", "Zwolle"]

KB2024_BODY = [
    ("p", "Met deze brief informeren wij uw Kamer over de voortgang van Preventie met Gezag en over de "
          "uitbreiding van de aanpak naar gemeenten buiten de grote steden. Daarmee geven wij ook invulling "
          "aan onze toezegging om uw Kamer dit voorjaar te berichten over de flexibele pijler."),
    ("h", "1. Inleiding"),
    ("p", "Gemiddeld is de jeugdcriminaliteit in Nederland de afgelopen twintig jaar afgenomen. Toch zijn de "
          "verschillen tussen wijken groot. Op sommige plekken plegen jongeren ernstige wapen-, drugs- en "
          "geweldsdelicten. Daar wordt met Preventie met Gezag gericht geïnvesteerd, samen met de politie, het "
          "OM, de Rechtspraak, de Raad voor de Kinderbescherming, de reclassering, Halt, de Zorg- en "
          "Veiligheidshuizen, scholen, jongerenwerk en werkgevers."),
    ("h", "2. Stand van zaken in de 27 gemeenten"),
    ("p", "De eerste 15 gemeenten schreven hun plannen in 2022; vorig jaar gebruikten zij als opstartjaar, "
          "waarin zij hun aanpak al werkend bijstelden. De 12 gemeenten die vorig jaar instroomden, hebben hun "
          "aanvraag ingediend en voeren hun plannen vanaf dit jaar uit. In 19 van de 27 gemeenten is de aanpak "
          "verbonden met het Nationaal Programma Leefbaarheid en Veiligheid, waarin ook de ministeries van "
          "SZW, OCW, VWS en BZK bijdragen."),
    ("p", "Deze zomer ontvangt uw Kamer de eerste voortgangsrapportage.[[fn:De rapportage gebruikt de gegevens "
          "die gemeenten op 1 maart 2024 beschikbaar hadden.]] Daarin beschrijven wij per thema welke "
          "interventies de gemeenten extra inzetten en hoeveel jongeren daarmee zijn bereikt."),
    ("h", "3. Een impuls voor 20 aanvullende gemeenten"),
    ("p", "Jeugdcriminaliteit houdt niet op bij de grens van een grote stad. Ook kleinere gemeenten, vaak in "
          "de regio rond een centrumgemeente, kennen jongeren die in ernstige criminaliteit verzeild raken. "
          "Zij profiteren niet vanzelf mee van de investeringen in de grote steden. Daarom hebben wij, op basis "
          "van objectieve gegevens, 20 aanvullende gemeenten geselecteerd. Het gaat om:"),
    ("ul", [", ".join(TWINTIG[:7]) + ";", ", ".join(TWINTIG[7:14]) + ";", ", ".join(TWINTIG[14:]) + "."]),
    ("p", "Deze gemeenten maken dit voorjaar een plan van aanpak. Op basis van dat plan kan elke gemeente "
          "drie jaar lang € 500.000 per jaar ontvangen.[[fn:Regeling specifieke uitkering ter voorkoming van "
          "jeugdcriminaliteit 2024, Staatscourant 2024.]] In totaal is daarmee € 30 miljoen gemoeid. De "
          "uitkering is bedoeld voor drie dingen: een probleemanalyse, programmacoördinatie en de inzet van "
          "kansrijke en bewezen effectieve interventies. Wij verwachten dat de gemeenten nog voor de zomer "
          "beginnen. Zij kunnen daarbij gebruikmaken van de lessen van de 27 gemeenten die al langer meedoen."),
    ("h", "4. De jeugdstrafrechtketen"),
    ("p", "Ook de ketenpartners zijn vorig jaar verder gegaan. Drie voorbeelden. Ten eerste heeft de "
          "reclassering per arrondissement een coördinator aangesteld die de verbinding legt met de gemeenten. "
          "Ten tweede heeft elk arrondissementsparket van het OM nu een multidisciplinair kernteam Preventie "
          "met Gezag. Ten derde zet de Raad voor de Kinderbescherming casusregisseurs in de geprioriteerde "
          "wijken in."),
    ("h", "5. Onderzoek en kwaliteit"),
    ("p", "Wij laten een landelijk kwaliteitskader opstellen dat gemeenten helpt kiezen voor interventies "
          "waarvan de werking is aangetoond. Twee hoogleraren, beiden voormalig voorzitter van de "
          "Erkenningscommissie Justitiële Interventies, schrijven dat kader. Wij verwachten het dit jaar aan "
          "uw Kamer te sturen."),
    ("h", "6. Tot slot"),
    ("p", "Wij blijven uw Kamer jaarlijks informeren. De voortgang van de 20 aanvullende gemeenten komt aan de "
          "orde in de monitor en de rapportage van volgend jaar."),
    ("sign", ["De Minister van Justitie en Veiligheid,", "", "D. Yeşilgöz-Zegerius", "",
              "De Minister voor Rechtsbescherming,", "", "F.M. Weerwind"]),
]


def make_kb2024():
    pdf = Doc()
    set_meta(pdf, "Kamerbrief voortgang Preventie met Gezag", "Ministerie van Justitie en Veiligheid",
             dt.datetime(2024, 4, 3, 11, 45, tzinfo=TZ))
    letterhead(pdf, KB2024_RIGHT, date_line="4 april 2024",
               subject="Voortgang Preventie met Gezag en impuls voor aanvullende gemeenten")
    later_pages_column(pdf, ["Directoraat-Generaal Straffen en Beschermen", "", "Datum", "4 april 2024",
                             "", "Ons kenmerk", "5178141"])
    pdf.block(KB2024_BODY)
    pdf.output(str(OUT / "kamerbrief-voortgang-preventie-met-gezag-april-2024.pdf"))


# --------------------------------------------------------------------------------------------
# 4. Brief 2025 (letterhead without Datum field; only "Den Haag, 19 juni 2025")
# --------------------------------------------------------------------------------------------

KB2025_RIGHT = [
    "Directoraat-Generaal Straffen en Beschermen",
    "Programma Preventie met Gezag",
    "",
    "Turfmarkt 147",
    "2511 DP  Den Haag",
    "Postbus 20301",
    "2500 EH  Den Haag",
    "www.rijksoverheid.nl/jenv",
    "",
    "##Ons kenmerk",
    "6315502",
]

KB2025_BODY = [
    ("p", "Den Haag, 19 juni 2025"),
    ("p", "Geachte voorzitter,"),
    ("p", "Hierbij informeer ik uw Kamer over de stand van zaken van Preventie met Gezag. Ik sta stil bij het "
          "bereik van de aanpak, de eerste lessen uit de monitor, het kwaliteitskader en de vervolgperiode "
          "vanaf 2026."),
    ("h", "1. Inleiding"),
    ("p", "Sinds dit jaar is de investering in de preventie van jeugdcriminaliteit op het structurele niveau "
          "van € 143 miljoen per jaar. In 2022 begon de aanpak met € 60 miljoen en 15 gemeenten. Nu doen 47 "
          "gemeenten mee: 27 gemeenten met een structurele bijdrage en 20 gemeenten die tot en met 2026 een "
          "tijdelijke impuls ontvangen."),
    ("h", "2. Bereik volgens de monitor"),
    ("p", "De tweede monitor, met gegevens tot de peildatum van 1 oktober 2024, laat zien dat de 24 gemeenten "
          "die volledige gegevens aanleverden samen 9.470 jongeren hebben bereikt.[[fn:Monitor Preventie met "
          "Gezag 2024, november 2024.]] Bij de eerste uitvraag, op 1 maart 2024, was het bereik nog niet per "
          "gemeente in beeld. Opvallend is de groei van de sportinterventie AJB: het aantal deelnemers steeg "
          "tot 812."),
    ("p", "Tegelijk wijs ik op de beperkingen. Bereik zegt nog niets over effect, en gemeenten tellen nog niet "
          "overal op dezelfde manier. Het WODC werkt daarom aan een effectevaluatie, waarvan de eerste "
          "resultaten in 2027 worden verwacht."),
    ("h", "3. Het kwaliteitskader: wat werkt laten werken"),
    ("p", "Vorig jaar is het Landelijk Kwaliteitskader Effectieve Jeugdinterventies voor Preventie van "
          "Jeugdcriminaliteit, ‘Wat werkt laten werken’, aan uw Kamer gestuurd.[[fn:Verzonden op 5 juni 2024.]] "
          "Het kader onderscheidt drie soorten interventies:"),
    ("ul", ["interventies waarvan de effectiviteit is aangetoond, zoals Alleen jij bepaalt wie je bent;",
            "kansrijke interventies, die goed onderbouwd zijn maar nog niet op effect zijn onderzocht;",
            "interventies zonder onderbouwing, waarvoor gemeenten eerst een onderzoek moeten laten doen."]),
    ("p", "In de vervolgperiode verwacht ik dat gemeenten ten minste de helft van hun budget besteden aan "
          "interventies uit de eerste twee groepen. Gemeenten krijgen daarvoor een digitale tool waarmee zij "
          "hun plannen aan het kader kunnen toetsen."),
    ("h", "4. De periode 2026–2029"),
    ("p", "De huidige plannen van de 27 gemeenten lopen tot juni 2026. Voor de periode van 1 juni 2026 tot en "
          "met 31 december 2029 komt er een nieuwe regeling voor een specifieke uitkering. Gemeenten dienen "
          "daarvoor een nieuw plan in, met een terugblik op het huidige programma. Daarnaast starten zes "
          "gemeenten grassroot pilots, waarin zij kleine informele organisaties in hun wijken beter "
          "ondersteunen."),
    ("p", "Over de 20 gemeenten met een tijdelijke impuls besluit het kabinet dit najaar. Ik vind het van "
          "belang dat hun aanpak na 2026 niet abrupt stopt."),
    ("h", "5. Tot slot"),
    ("p", "Ik stuur uw Kamer begin volgend jaar de derde monitor. Daarin zal ik ook ingaan op de ervaringen "
          "van de 20 aanvullende gemeenten."),
    ("sign", ["De Minister van Justitie en Veiligheid,", "", "", "D.M. van Weel"]),
]


def make_kb2025():
    pdf = Doc()
    set_meta(pdf, "Stand van zaken Preventie met Gezag", "Ministerie van Justitie en Veiligheid",
             dt.datetime(2025, 6, 18, 14, 10, tzinfo=TZ))
    letterhead(pdf, KB2025_RIGHT, date_line=None, subject="Stand van zaken Preventie met Gezag")
    later_pages_column(pdf, ["Programma Preventie met Gezag", "", "Ons kenmerk", "6315502"])
    pdf.block(KB2025_BODY)
    pdf.output(str(OUT / "preventie-met-gezag-stand-van-zaken.pdf"))


# --------------------------------------------------------------------------------------------
# 5. News items (HTML, and one PDF from Halt)
# --------------------------------------------------------------------------------------------

HTML_SHELL = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<style>body{{font-family:sans-serif;max-width:760px;margin:0 auto}} .meta{{color:#555}}</style>
</head>
<body>
<header><a href="/" class="logo">{site}</a>
<nav aria-label="Hoofdmenu"><ul><li><a href="/onderwerpen">Onderwerpen</a></li><li><a href="/actueel">Actueel</a></li><li><a href="/documenten">Documenten</a></li><li><a href="/contact">Contact</a></li></ul></nav>
</header>
<nav class="breadcrumb" aria-label="Kruimelpad"><a href="/">Home</a> &gt; {crumbs}</nav>
<main>
<article>
{article}
</article>
</main>
<footer>
<ul><li><a href="/over">Over deze site</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li><li><a href="/toegankelijkheid">Toegankelijkheid</a></li></ul>
<p>{footer}</p>
</footer>
</body>
</html>
"""


def html_article(parts):
    out = []
    for kind, val in parts:
        if kind == "h1":
            out.append(f"<h1>{html.escape(val)}</h1>")
        elif kind == "meta":
            out.append(f'<p class="meta">{html.escape(val)}</p>')
        elif kind == "intro":
            out.append(f'<p class="intro"><strong>{html.escape(val)}</strong></p>')
        elif kind == "p":
            out.append(f"<p>{html.escape(val)}</p>")
        elif kind == "h2":
            out.append(f"<h2>{html.escape(val)}</h2>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in val) + "</ul>")
        elif kind == "dl":
            out.append("<dl>" + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>"
                                        for k, v in val) + "</dl>")
        elif kind == "raw":
            out.append(val)
    return "\n".join(out)


def write_html(name, title, site, crumbs, parts, footer):
    text = HTML_SHELL.format(title=html.escape(title), site=site, crumbs=crumbs,
                             article=html_article(parts), footer=footer)
    (OUT / name).write_text(text, encoding="utf-8")


NEWS_2022 = [
    ("h1", "Vijftien gemeenten beginnen met Preventie met Gezag"),
    ("meta", "Den Haag, 05-09-2022"),
    ("intro", "In vijftien gemeenten gaan gemeenten, politie, justitie, scholen en jongerenwerk dit jaar "
              "samen aan de slag om te voorkomen dat kinderen en jongeren in de criminaliteit belanden. Het "
              "kabinet trekt er dit jaar € 60 miljoen voor uit."),
    ("p", "De aanpak heet Preventie met Gezag en is bedoeld voor jongeren van 8 tot en met 27 jaar in de "
          "kwetsbaarste wijken van het land. Het gaat om wijken waar jongeren opgroeien met armoede en "
          "schulden en waar criminelen hen met snel geld proberen te lokken."),
    ("p", "„Een jongen van twaalf die op de uitkijk staat voor een dealer, moet op dat moment iemand tegenkomen "
          "die hem een andere weg laat zien”, zegt minister Yeşilgöz-Zegerius van Justitie en Veiligheid. "
          "„En hij moet merken dat de politie weet wat er speelt.”"),
    ("h2", "Meer geld in de komende jaren"),
    ("p", "Het bedrag voor de aanpak loopt de komende jaren op. Vanaf 2025 is er jaarlijks € 143 miljoen "
          "beschikbaar. Gemeenten stellen dit najaar hun plannen op. Daarin moet ook aandacht zijn voor "
          "criminele uitbuiting: jongeren die door criminelen worden gedwongen of verleid om voor hen te "
          "werken."),
    ("h2", "Waar het begint"),
    ("p", "De vijftien gemeenten zijn dezelfde als de gemeenten in het Nationaal Programma Leefbaarheid en "
          "Veiligheid. Naast de vier grote steden zijn dat onder meer Arnhem, Heerlen, Lelystad en "
          "Zaanstad."),
]

NEWS_2023 = [
    ("h1", "Aanpak jeugdcriminaliteit breidt uit naar 27 gemeenten"),
    ("meta", "Nieuwsbericht | 23-05-2023"),
    ("intro", "Het aantal gemeenten dat met Preventie met Gezag werkt, groeit van 15 naar 27. Met het geld "
              "zetten zij in op vroeg signaleren en op het voorkomen dat jongeren doorgroeien in een "
              "criminele loopbaan."),
    ("p", "Dat meldt minister Yeşilgöz-Zegerius van Justitie en Veiligheid vandaag in een brief aan de "
          "Tweede Kamer. Samen met minister Weerwind voor Rechtsbescherming investeert zij in een brede "
          "aanpak, waarvoor vanaf 2025 jaarlijks € 143 miljoen beschikbaar is."),
    ("h2", "Wie doen er mee?"),
    ("p", "Vorig jaar begonnen de eerste vijftien gemeenten. Via de uitbreiding van het Nationaal Programma "
          "Leefbaarheid en Veiligheid komen er dit jaar vier bij. Daarnaast zijn acht gemeenten geselecteerd "
          "op basis van criminaliteitscijfers en sociaaleconomische gegevens: Almere, Enschede, "
          "’s-Hertogenbosch, Nijmegen, Helmond, Venlo, Sittard-Geleen en Maastricht. Die acht beginnen naar "
          "verwachting begin 2024 met de uitvoering."),
    ("h2", "Samen met partners"),
    ("p", "In de wijken werken de gemeenten samen met onder meer de politie, het Openbaar Ministerie, de "
          "Rechtspraak, de Raad voor de Kinderbescherming, de Reclassering, Halt en de Zorg- en "
          "Veiligheidshuizen. Ook leraren, jongerenwerkers, jeugdzorg en lokale werkgevers doen mee."),
    ("h2", "Wat doen de gemeenten?"),
    ("p", "Gemeenten kiezen zelf hun interventies. Voorbeelden zijn extra jongerenwerkers op straat, "
          "begeleiding naar een baan of stage en ondersteuning van ouders. Op scholen worden leraren getraind "
          "om signalen van ronselen eerder op te merken."),
]

NEWS_2024 = [
    ("h1", "Twintig gemeenten krijgen steun voor aanpak jeugdcriminaliteit"),
    ("meta", "Nieuwsbericht | 04-04-2024"),
    ("intro", "Twintig gemeenten buiten de grote steden krijgen de komende drie jaar geld om jeugdcriminaliteit "
              "in hun wijken terug te dringen. Zij sluiten aan bij de 27 gemeenten die al structureel geld "
              "ontvangen voor Preventie met Gezag."),
    ("p", "Ook in kleinere plaatsen raken jongeren betrokken bij ernstige delicten, schrijven minister "
          "Yeşilgöz-Zegerius van Justitie en Veiligheid en minister Weerwind voor Rechtsbescherming vandaag "
          "aan de Tweede Kamer. Die gemeenten liften niet vanzelf mee met de investeringen in de "
          "centrumgemeenten."),
    ("h2", "Een half miljoen per jaar"),
    ("p", "Iedere gemeente kan met een goedgekeurd plan jaarlijks € 500.000 krijgen, drie jaar lang. Het "
          "totale bedrag komt daarmee op € 30 miljoen. De gemeenten kunnen naar verwachting al voor de zomer "
          "beginnen."),
    ("h2", "Om welke gemeenten gaat het?"),
    ("ul", TWINTIG),
    ("p", "De gemeenten werken samen met partners als de politie, het OM, de kinderbescherming, de "
          "reclassering, Halt, scholen en jongerenwerk. Er loopt onderzoek naar de effecten van de aanpak."),
]


def make_news():
    site = "Rijksoverheid.nl"
    crumbs = ('<a href="/onderwerpen/criminaliteit">Criminaliteit</a> &gt; '
              '<a href="/onderwerpen/jeugdcriminaliteit/nieuws">Nieuws</a>')
    foot = "Dit is een website van de Rijksoverheid."
    write_html("kabinet-start-preventie-met-gezag.html", NEWS_2022[0][1], site, crumbs, NEWS_2022, foot)
    write_html("nieuwsbericht-extra-gemeenten.html", NEWS_2023[0][1], site, crumbs, NEWS_2023, foot)
    write_html("20-gemeenten-extra-steun-jeugdcriminaliteit.html", NEWS_2024[0][1], site, crumbs, NEWS_2024,
               foot)


HALT_NEWS = [
    ("p", "**Halt-spreekuur op veertien scholen: minder schorsingen, meer gesprekken**"),
    ("p", "23 november 2023, 14:20 uur"),
    ("p", "Leerlingen die op school over de schreef gaan, kunnen op steeds meer middelbare scholen terecht bij "
          "een spreekuur van Halt. Met geld van Preventie met Gezag draait het spreekuur nu op 14 scholen in "
          "vijf gemeenten. Voor de zomer waren dat er nog zes."),
    ("p", "Het idee is eenvoudig. Na een incident, zoals een vechtpartij op het schoolplein, het slopen van "
          "een kluisje of het uitschelden van een docent, praat een Halt-medewerker met de leerling. Samen "
          "kijken ze wat er gebeurde en wat de leerling de volgende keer anders kan doen. Een schorsing is dan "
          "vaak niet meer nodig, zodat de leerling geen lessen mist."),
    ("p", "In Nieuwegein draait het spreekuur op twee scholen. Daar zijn sinds de start in februari ruim "
          "twintig leerlingen doorverwezen. „We zien ze nu voordat het echt misgaat”, zegt regiomanager "
          "Marieke Dekker van Halt Midden-Nederland. „Voor een deel van deze jongeren is dit het eerste "
          "gesprek met iemand van buiten school over hun gedrag.”"),
    ("p", "**Snel en dichtbij**"),
    ("p", "Halt heeft voor het spreekuur dit jaar negen extra medewerkers aangenomen. De afspraak is dat een "
          "leerling binnen vijf schooldagen na het incident een gesprek krijgt. Ouders worden altijd "
          "uitgenodigd voor het tweede gesprek."),
    ("p", "Het spreekuur is geen straf. Jongeren die een strafbaar feit plegen, kunnen door politie of boa "
          "naar Halt worden verwezen voor een Halt-straf van maximaal 20 uur. Het spreekuur is juist bedoeld "
          "voor gedrag dat (nog) niet strafbaar is, maar wel zorgen geeft."),
    ("p", "**Meer scholen in 2024**"),
    ("p", "Volgend jaar wil Halt het spreekuur uitbreiden naar scholen in de acht gemeenten die in 2024 met "
          "Preventie met Gezag beginnen. Scholen die belangstelling hebben, kunnen contact opnemen met de Halt-"
          "regio in hun omgeving."),
]


def make_halt_news():
    pdf = Doc(footer_fmt="halt.nl/nieuws   {p}")
    set_meta(pdf, "Halt-spreekuur op veertien scholen", "Halt", dt.datetime(2023, 11, 23, 14, 25, tzinfo=TZ))
    pdf.add_page()
    pdf.set_font(pdf.fam, "B", 16)
    pdf.set_text_color(200, 30, 40)
    pdf.cell(0, 9, "Halt", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(pdf.fam, "", 8)
    pdf.cell(0, 5, "Home  >  Nieuws", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.block(HALT_NEWS)
    pdf.output(str(OUT / "halt-spreekuur-scholen.pdf"))


# --------------------------------------------------------------------------------------------
# 6. Factsheets
# --------------------------------------------------------------------------------------------

KIDZZZ = [
    ("h", "In het kort"),
    ("p", "Een individuele training op school voor kinderen die in de klas opvallen door agressief en "
          "ongehoorzaam gedrag. Het kind leert zijn boosheid te reguleren, situaties anders te zien en "
          "andere oplossingen te kiezen dan slaan of schelden. Ouders en de leerkracht doen mee."),
    ("h", "Doelgroep"),
    ("p", "Leerlingen uit de bovenbouw van het basisonderwijs:"),
    ("p", "groep 6, 7 en 8 (9 tot en met 12 jaar)."),
    ("p", "Het gaat om kinderen bij wie de leerkracht een verhoogde mate van externaliserend probleemgedrag "
          "ziet: vaker reactief en proactief agressief, ongehoorzaam of liegen. Door dat stabiele patroon lopen "
          "zij meer kans op een gedragsstoornis in de puberteit."),
    ("h", "Doel"),
    ("p", "Het hoofddoel is minder agressief gedrag en meer prosociaal gedrag. Op de lange termijn moet de "
          "kans op een gedragsstoornis kleiner worden. Daarvoor werkt de training aan vier subdoelen:"),
    ("ul", ["een positiever zelfbeeld;", "positieve sociale cognities;", "woederegulatie;",
            "prosociale alternatieven voor reactieve en proactieve agressie."]),
    ("h", "Aanpak"),
    ("p", "De training bestaat uit acht wekelijkse sessies van 45 minuten, onder schooltijd. In de "
          "kennismakingsfase (drie sessies) brengt de trainer met een competentieanalyse de sterke en zwakke "
          "punten van het kind in kaart. In de aanpakfase (vijf sessies) oefent het kind met actieve "
          "werkvormen tijdens de sessie en met opdrachten thuis. De trainer voert ook gesprekken met de ouders "
          "en met de leerkracht."),
    ("h", "Onderbouwing"),
    ("p", "Ernstig externaliserend gedrag op jonge leeftijd is vrij stabiel en voorspelt latere psychische "
          "problemen, schooluitval en delinquentie. De training gaat ervan uit dat een beter zelfbeeld en "
          "betere sociale cognities het agressieve gedrag verminderen."),
    ("h", "Effectiviteit"),
    ("p", "In een gerandomiseerd onderzoek op 48 scholen met 264 kinderen uit groep 6 nam de reactieve en "
          "proactieve agressie af, volgens kinderen, ouders en leerkrachten (effectgrootten .11 tot .32). Ook "
          "na landelijke invoering bleef het effect in de praktijk zichtbaar."),
    ("h", "Erkenning"),
    ("p", "Oordeel erkenningscommissie: Effectief volgens goede aanwijzingen. Erkend door de deelcommissie "
          "Jeugdzorg en psychosociale/pedagogische preventie op 02-11-2018. De erkenning is ouder dan vijf "
          "jaar; de interventie wordt opnieuw beoordeeld."),
    ("h", "Uitvoering"),
    ("p", "Alleen gecertificeerde professionals mogen de training geven. Professionals met een hbo- of "
          "wo-opleiding in het sociaal-pedagogische domein worden gecertificeerd na een train-de-trainer-"
          "cursus bij de RINO en drie trainingen onder supervisie. Gecertificeerde trainers staan in het "
          "register van de stichting die de interventie beheert."),
]


def make_kidzzz():
    pdf = Doc(footer_fmt="Factsheet jeugdinterventie  |  {p}/{nb}")
    # the only document whose date is stated nowhere in its text: only in the PDF metadata
    set_meta(pdf, "Factsheet Alles Kidzzz", "Kennisteam Preventie met Gezag",
             dt.datetime(2024, 3, 12, 10, 0, tzinfo=TZ), subject="Databank Effectieve Jeugdinterventies")
    pdf.add_page()
    pdf.set_font(pdf.fam, "", 8)
    pdf.cell(0, 5, "Databank Effectieve Jeugdinterventies  |  Erkende interventies", new_x="LMARGIN",
             new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(pdf.fam, "B", 20)
    pdf.cell(0, 11, "Alles Kidzzz", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.fam, "I", 10)
    pdf.multi_cell(0, 5, "Individuele sociaal-cognitieve training voor kinderen met agressief gedrag", align="L",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.block(KIDZZZ)
    pdf.output(str(OUT / "factsheet-alles-kidzzz.pdf"))


AJB = [
    ("h1", "Alleen jij bepaalt wie je bent (AJB)"),
    ("meta", "Interventiebeschrijving | bijgewerkt 17-06-2020"),
    ("intro", "Een sportprogramma voor kwetsbare leerlingen dat overlast en delinquent gedrag moet "
              "voorkomen en verminderen."),
    ("h2", "Doelgroep"),
    ("p", "Jongeren van 12 tot en met 18 jaar die op het praktijkonderwijs zitten of op de basis- of "
          "kaderberoepsgerichte leerweg van het vmbo."),
    ("h2", "Doel"),
    ("p", "Voorkomen dat overlastgevend en delinquent gedrag ontstaat, en dat gedrag verminderen waar het al "
          "voorkomt. Het hoofddoel is uitgewerkt in negen subdoelstellingen. Deelnemers:"),
    ("ul", ["vertonen minder gedragsproblemen;",
            "laten meer prosociaal gedrag zien;",
            "zijn minder agressief;",
            "hebben een betere werkhouding op school, spijbelen minder en worden minder vaak geschorst;",
            "gaan beter om met gezag;",
            "besteden hun vrije tijd zinvoller;",
            "hebben minder vrienden die delicten plegen;",
            "zijn minder gevoelig voor negatieve invloed uit hun omgeving;",
            "hebben betere normen en waarden."]),
    ("h2", "Aanpak"),
    ("p", "Het programma duurt één jaar. De leerlingen gaan sporten in een team (voetbal, basketbal of "
          "honkbal) bij een sportvereniging in de buurt van hun school. Daar worden zij begeleid door "
          "trainers die speciaal zijn geselecteerd en opgeleid. Bekende (oud-)topsporters treden op als "
          "ambassadeur en spreken de jongeren aan op hun gedrag."),
    ("h2", "Onderbouwing"),
    ("p", "Het programma versterkt beschermende factoren en verkleint risicofactoren, zowel in het sociale "
          "domein (school, relaties, vrije tijd) als bij de jongere zelf (houding, vaardigheden, agressie)."),
    ("h2", "Effectiviteit"),
    ("p", "Uit effectonderzoek blijkt dat deelname delinquent gedrag voorkomt en vermindert. Zestien maanden "
          "na de start waren deelnemers minder vaak door de politie als verdachte geregistreerd en minder "
          "vaak veroordeeld dan jongeren in een controlegroep."),
    ("dl", [("Oordeel erkenningscommissie", "Eerste aanwijzingen voor effectiviteit"),
            ("Datum erkenning", "13-03-2019"),
            ("Erkend door", "Deelcommissie Jeugdzorg en psychosociale/pedagogische preventie")]),
    ("h2", "Uitvoering"),
    ("p", "De trainingen vinden plaats bij sportverenigingen die zijn aangesloten bij de KNVB, de KNBSB of de "
          "NBB. De vereniging ligt dicht bij de school, is financieel gezond en heeft een brede "
          "jeugdafdeling."),
]


def make_ajb():
    write_html("ajb-alleen-jij-bepaalt-wie-je-bent.html", "Alleen jij bepaalt wie je bent",
               "Databank Effectieve Jeugdinterventies",
               '<a href="/interventies">Interventies</a> &gt; <a href="/interventies/erkend">Erkende '
               'interventies</a>', AJB, "Databank Effectieve Jeugdinterventies")


# --------------------------------------------------------------------------------------------
# 7. Municipal plan (docx) Zaanstad
# --------------------------------------------------------------------------------------------

def make_zaanstad():
    from docx import Document
    from docx.shared import Pt

    d = Document()
    cp = d.core_properties
    cp.author = "Gemeente Zaanstad, team Openbare Orde en Veiligheid"
    cp.title = "Uitvoeringsplan Preventie met Gezag Zaanstad 2024-2025"
    cp.created = dt.datetime(2023, 12, 5, 9, 0)
    cp.modified = dt.datetime(2023, 12, 13, 8, 0)
    cp.last_modified_by = "Gemeente Zaanstad"
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)

    d.add_heading("Uitvoeringsplan Preventie met Gezag Zaanstad 2024-2025", level=0)
    d.add_paragraph("Gemeente Zaanstad, team Openbare Orde en Veiligheid")
    d.add_paragraph("Vastgesteld door het college van burgemeester en wethouders op 12 december 2023")

    d.add_heading("1. Aanleiding", level=1)
    d.add_paragraph(
        "Zaanstad hoort sinds 2022 bij de vijftien gemeenten die met Preventie met Gezag begonnen. Het eerste "
        "jaar stond in het teken van de probleemanalyse en het bouwen van een netwerk rond de jongeren. Met "
        "dit plan zetten we de volgende stap: van opstarten naar uitvoeren. Het plan beschrijft wat we in "
        "2024 en 2025 doen, met wie en met welk geld.")
    d.add_heading("2. Focusgebieden en doelgroep", level=1)
    d.add_paragraph(
        "We richten ons op de wijken Poelenburg en Peldersveld. In deze wijken wonen ongeveer 4.100 jongeren "
        "tussen 8 en 27 jaar. Uit de analyse van politie en gemeente blijkt dat een groep van circa 120 "
        "jongeren een verhoogd risico loopt om betrokken te raken bij drugshandel of geweld; bij ongeveer 35 "
        "van hen is dat risico al concreet geworden.")
    d.add_heading("3. Doelen", level=1)
    d.add_paragraph("Eind 2025 willen we het volgende bereikt hebben:")
    for t in ("het aantal jongeren uit de focuswijken dat voor het eerst verdachte is, ligt minstens 10 "
              "procent lager dan in 2022;",
              "minder leerlingen verzuimen langdurig van school;",
              "elke jongere met een verhoogd risico heeft één vaste begeleider;",
              "ouders in de focuswijken weten waar zij terechtkunnen met zorgen over hun kind."):
        d.add_paragraph(t, style="List Bullet")

    d.add_heading("4. Interventies", level=1)
    d.add_paragraph("We werken op drie niveaus, van lichte ondersteuning tot een specialistische aanpak.")
    d.add_heading("4.1 Positieve ondersteuning", level=2)
    d.add_paragraph(
        "Jongerenwerkers zijn wekelijks aanwezig op zes scholen in en rond de focuswijken. In Poelenburg "
        "opent in het voorjaar van 2024 een jongerenlocatie, Het Zaanhuis, die ook in de avond open is. Op "
        "twee vmbo-scholen starten we met de sportinterventie AJB voor in totaal 60 leerlingen per jaar.")
    d.add_heading("4.2 Intensieve begeleiding", level=2)
    d.add_paragraph(
        "Drie specialistische jongerenwerkers (samen 3 fte) begeleiden jongeren die al risicogedrag laten "
        "zien. Eén coach houdt de regie op school, werk en thuis. We verwachten 40 jongeren per jaar te "
        "begeleiden. Daarnaast draait het Halt-spreekuur op drie scholen.")
    d.add_heading("4.3 Specialistische aanpak", level=2)
    d.add_paragraph(
        "Voor gezinnen waarin meerdere leden betrokken zijn bij criminaliteit, starten we een familieaanpak. "
        "In 2024 nemen we 12 gezinnen in de aanpak op. Jongeren die al met justitie in aanraking zijn "
        "geweest, bespreken we in de persoonsgerichte aanpak van het Zorg- en Veiligheidshuis.")

    d.add_heading("5. Budget", level=1)
    d.add_paragraph(
        "De rijksbijdrage voor Preventie met Gezag bedraagt € 2.350.000 in 2024 en € 2.480.000 in 2025. De "
        "gemeente legt daar zelf € 400.000 per jaar bij uit de begroting voor jeugd.")
    tbl = d.add_table(rows=1, cols=3)
    tbl.style = "Table Grid"
    hdr = tbl.rows[0].cells
    hdr[0].text, hdr[1].text, hdr[2].text = "Onderdeel", "2024 (€)", "2025 (€)"
    for row in (("Positieve ondersteuning", "820.000", "860.000"),
                ("Intensieve begeleiding", "690.000", "720.000"),
                ("Specialistische aanpak", "640.000", "680.000"),
                ("Programmacoördinatie en monitoring", "200.000", "220.000"),
                ("Totaal rijksbijdrage", "2.350.000", "2.480.000")):
        cells = tbl.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v

    d.add_heading("6. Partners", level=1)
    d.add_paragraph("Het plan is opgesteld en wordt uitgevoerd samen met:")
    for t in ("politie basisteam Zaanstad;", "het Openbaar Ministerie, arrondissementsparket Noord-Holland;",
              "Halt Noord-Holland;", "de Raad voor de Kinderbescherming;", "Reclassering Nederland;",
              "het Zorg- en Veiligheidshuis Zaanstreek-Waterland;",
              "de scholen voor voortgezet onderwijs in Zaanstad;", "het jongerenwerk in Zaanstad."):
        d.add_paragraph(t, style="List Bullet")

    d.add_heading("7. Monitoring en verantwoording", level=1)
    d.add_paragraph(
        "We leveren elk jaar op 1 maart gegevens aan het ministerie van Justitie en Veiligheid voor de "
        "landelijke monitor. De gemeenteraad ontvangt twee keer per jaar een voortgangsbericht. Halverwege "
        "2025 laten we door een onafhankelijk bureau onderzoeken of de familieaanpak werkt zoals bedoeld.")
    d.add_paragraph("Contact: programmamanager Preventie met Gezag, preventiemetgezag@zaanstad.nl")
    d.save(str(OUT / "uitvoeringsplan-pmg-zaanstad-2024.docx"))


# --------------------------------------------------------------------------------------------
# 8. Monitor with a ruled table
# --------------------------------------------------------------------------------------------

MONITOR_ROWS = [
    ("Amsterdam", 1480, 96, 11_200_000),
    ("Rotterdam", 1390, 88, 10_900_000),
    ("Den Haag", 1105, 64, 8_300_000),
    ("Utrecht", 640, 31, 4_700_000),
    ("Eindhoven", 585, 27, 3_900_000),
    ("Groningen", 455, 18, 3_300_000),
    ("Tilburg", 410, 25, 3_100_000),
    ("Breda", 372, 20, 2_800_000),
    ("Zaanstad", 318, 12, 2_350_000),
    ("Schiedam", 264, 15, 2_050_000),
    ("Leeuwarden", 241, 9, 1_900_000),
    ("Lelystad", 198, 10, 1_750_000),
    ("Overige 12 gemeenten", 2012, 83, 17_600_000),
]


def nl_int(n):
    return f"{n:,}".replace(",", ".")


def make_monitor():
    pdf = Doc(footer_fmt="Monitor Preventie met Gezag 2024  |  {p}")
    set_meta(pdf, "Monitor Preventie met Gezag 2024", "Ministerie van Justitie en Veiligheid",
             dt.datetime(2024, 11, 26, 15, 0, tzinfo=TZ))
    pdf.add_page()
    pdf.set_font(pdf.fam, "B", 18)
    pdf.multi_cell(0, 9, "Monitor Preventie met Gezag 2024", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.fam, "", 11)
    pdf.multi_cell(0, 6, "Bereik en inzet in de deelnemende gemeenten", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(pdf.fam, "", 9)
    pdf.cell(0, 5, "Den Haag, november 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Peildatum: 1 oktober 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    tot_j = sum(r[1] for r in MONITOR_ROWS)
    tot_g = sum(r[2] for r in MONITOR_ROWS)
    tot_b = sum(r[3] for r in MONITOR_ROWS)
    pdf.block([
        ("h", "1. Over deze monitor"),
        ("p", "Dit is de tweede monitor van Preventie met Gezag. De eerste uitvraag vond plaats op 1 maart "
              "2024 en vormde de basis voor de voortgangsrapportage van juni 2024. Voor deze monitor zijn de "
              "27 gemeenten met een structurele bijdrage opnieuw bevraagd. Daarvan leverden 24 gemeenten "
              "volledige gegevens aan; drie gemeenten die in 2024 met de uitvoering begonnen, konden nog geen "
              "betrouwbare aantallen geven."),
        ("p", "De monitor telt jongeren die met ten minste één interventie uit het plan van aanpak zijn "
              "bereikt. Een jongere die aan twee interventies deelneemt, telt één keer. Gezinnen tellen mee "
              "als zij deelnemen aan een familie- of gezinsgerichte aanpak."),
        ("h", "2. Bereik en budget per gemeente"),
        ("p", "Tabel 1 geeft per gemeente het aantal bereikte jongeren, het aantal gezinnen in de aanpak en de "
              "rijksbijdrage voor 2024. De twaalf gemeenten met het grootste bereik staan afzonderlijk "
              "vermeld; de overige twaalf gemeenten zijn samengenomen."),
    ])
    pdf.set_font(pdf.fam, "B", 9)
    pdf.cell(0, 6, "Tabel 1. Bereik en budget per gemeente (peildatum 1 oktober 2024)", new_x="LMARGIN",
             new_y="NEXT")
    pdf.set_font(pdf.fam, "", 9)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)
    head = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    with pdf.table(col_widths=(44, 34, 50, 38), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   headings_style=head, line_height=5.6, borders_layout="ALL", width=166) as table:
        row = table.row()
        for h in ("Gemeente", "Jongeren bereikt", "Gezinnen in de aanpak", "Budget 2024 (€)"):
            row.cell(h)
        for name, j, g, b in MONITOR_ROWS:
            row = table.row()
            for v in (name, nl_int(j), nl_int(g), nl_int(b)):
                row.cell(v)
        row = table.row()
        for v in ("Totaal (24 gemeenten)", nl_int(tot_j), nl_int(tot_g), nl_int(tot_b)):
            row.cell(v, style=FontFace(emphasis="BOLD"))
    pdf.ln(4)
    pdf.set_font(pdf.fam, "I", 8)
    pdf.multi_cell(0, 4, "Bron: uitvraag onder gemeenten, bewerking Ministerie van Justitie en Veiligheid. "
                         "Budget: toegekende rijksbijdrage, exclusief eigen middelen van de gemeente.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.block([
        ("p", f"In totaal bereikten de 24 gemeenten {nl_int(tot_j)} jongeren. Amsterdam en Rotterdam hebben "
              "samen bijna een derde van dat bereik. Naar verhouding bereikt Schiedam veel jongeren: met een "
              "van de kleinere budgetten komt de gemeente op 264 jongeren."),
        ("h", "3. Interventies"),
        ("p", "Het aantal jongeren dat meedoet aan de sportinterventie AJB is sinds de vorige peildatum sterk "
              "gegroeid, van 576 naar 812. Het Halt-spreekuur draait nu op 26 scholen in acht gemeenten. Voor "
              "de familieaanpak is het beeld wisselend: in een aantal gemeenten is de aanpak pas dit jaar "
              "gestart, zodat de aantallen nog klein zijn."),
        ("p", "Drie ontwikkelingen vallen op:"),
        ("ul", ["meer gemeenten zetten in op werk en inkomen, vooral met begeleiding naar een baan of stage;",
                "de inzet van boa's en straatcoaches is gelijk gebleven;",
                "gemeenten melden vaker dat zij moeite hebben om specialistische jongerenwerkers te vinden."]),
        ("h", "4. De 20 aanvullende gemeenten"),
        ("p", "De 20 gemeenten die sinds april 2024 een tijdelijke impuls krijgen, vallen nog buiten tabel 1. "
              "Op de peildatum waren 17 van hen met de uitvoering begonnen; de andere drie rondden hun "
              "probleemanalyse af."),
        ("h", "5. Kanttekeningen"),
        ("p", "De cijfers in deze monitor zijn door de gemeenten zelf aangeleverd en niet gecontroleerd. Het "
              "bereik zegt niets over het effect van de interventies. Vergelijkingen tussen gemeenten zijn "
              "lastig, omdat de omvang van de focusgebieden sterk verschilt."),
    ])
    pdf.output(str(OUT / "monitor-pmg-2024.pdf"))


# --------------------------------------------------------------------------------------------
# 9. Scanned letter of the municipality of Schiedam (image only, no text layer)
# --------------------------------------------------------------------------------------------

SCAN_PAGES = [
    [
        ("b", "Gemeente Schiedam"),
        ("s", "Stadserf 1, 3112 DZ Schiedam  ·  Postbus 1501, 3100 EA Schiedam"),
        ("", ""),
        ("", "Aan de leden van de gemeenteraad"),
        ("", ""),
        ("", "Schiedam, 14 februari 2024"),
        ("", ""),
        ("", "Onderwerp: raadsinformatiebrief voortgang Preventie met Gezag Nieuwland"),
        ("", "Kenmerk: 2024-0213"),
        ("", ""),
        ("", "Geachte raadsleden,"),
        ("", ""),
        ("p", "Met deze brief informeren wij u over wat Preventie met Gezag in 2023 in de wijk Nieuwland heeft "
              "opgeleverd. Schiedam doet sinds 2022 mee aan deze landelijke aanpak van het ministerie van "
              "Justitie en Veiligheid."),
        ("", ""),
        ("b", "Toezicht en contact op straat"),
        ("p", "Sinds de zomer werken in Nieuwland 6 fte jeugdboa's. Zij spreken jongeren aan, controleren en "
              "signaleren zorgen aan het jongerenwerk. In 2023 hebben de jeugdboa's 27 jongeren doorverwezen "
              "naar Halt."),
        ("p", "In oktober volgden 42 professionals de gezamenlijke training volgens de methode straatcontract: "
              "jeugdboa's, jongerenwerkers en wijkagenten oefenden samen hoe zij het gesprek met een groep "
              "jongeren aangaan."),
        ("", ""),
        ("b", "Gezinnen"),
        ("p", "Acht gezinnen zijn in de familieaanpak opgenomen. Bij vijf van hen is er een vaste "
              "gezinscoach die ook de broertjes en zusjes betrekt."),
    ],
    [
        ("b", "Geld"),
        ("p", "Voor 2024 ontvangt Schiedam een rijksbijdrage van € 2.050.000. Daarvan gaat ongeveer de helft "
              "naar de inzet op straat en het jongerenwerk."),
        ("", ""),
        ("b", "Vervolg"),
        ("p", "In 2024 breiden wij het Halt-spreekuur uit naar twee scholen in Nieuwland. Wij informeren u in "
              "het najaar opnieuw over de voortgang."),
        ("", ""),
        ("", "Met vriendelijke groet,"),
        ("", ""),
        ("", "het college van burgemeester en wethouders van Schiedam,"),
        ("", ""),
        ("", "de secretaris,                                   de burgemeester,"),
    ],
]


def _scan_fonts():
    from PIL import ImageFont
    return {"": ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 31),
            "p": ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 31),
            "b": ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 33),
            "s": ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 24)}


SCAN_W, SCAN_H, SCAN_X0 = int(8.27 * 200), int(11.69 * 200), 190


def scan_lines(items):
    """The printed lines of one scanned page: (kind, text), wrapped exactly as rendered."""
    fonts = _scan_fonts()
    maxw = SCAN_W - 2 * SCAN_X0
    out = []
    for kind, text in items:
        font = fonts[kind]
        if kind != "p":
            out.append((kind, text))
            continue
        line = ""
        for word in text.split():
            test = (line + " " + word).strip()
            if font.getlength(test) > maxw:
                out.append(("p", line))
                line = word
            else:
                line = test
        if line:
            out.append(("p", line))
        out.append(("gap", ""))
    return out


def scan_source_text():
    """The text printed on the scanned pages, line by line as a reader (or OCR) sees it.

    check_cases.py checks the expected strings of the scanned letter against this text."""
    return "\n".join(t for page in SCAN_PAGES for _k, t in scan_lines(page) if t)


def render_scan_page(items):
    from PIL import Image, ImageDraw

    img = Image.new("L", (SCAN_W, SCAN_H), 255)
    draw = ImageDraw.Draw(img)
    fonts = _scan_fonts()
    y = 200
    for kind, text in scan_lines(items):
        if kind == "gap":
            y += 14
            continue
        if text:
            draw.text((SCAN_X0, y), text, font=fonts[kind], fill=0)
        y += 46 if text else 24
    img = img.rotate(0.5, resample=Image.BICUBIC, fillcolor=255, expand=False)
    # a faint grey speck pattern, as a flatbed scanner leaves
    px = img.load()
    for i in range(0, SCAN_W, 97):
        for j in range(0, SCAN_H, 89):
            if (i * 31 + j * 17) % 7 == 0:
                px[i, j] = 170
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    buf.seek(0)
    return buf


def make_scan():
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creator("Canon iR-ADV C5535 scan")
    pdf.set_producer("Canon iR-ADV C5535")
    pdf.set_title("Scan 2024-02-16 0931")
    pdf.set_creation_date(dt.datetime(2024, 2, 16, 9, 31, tzinfo=TZ))
    pdf.set_auto_page_break(False)
    for page in SCAN_PAGES:
        pdf.add_page()
        pdf.image(render_scan_page(page), x=0, y=0, w=210, h=297)
    pdf.output(str(OUT / "scan-brief-gemeente-schiedam.pdf"))


# --------------------------------------------------------------------------------------------
# 10. Plain-text meeting note
# --------------------------------------------------------------------------------------------

NOTE = """Verslag bijeenkomst lerend netwerk School en Veiligheid
Datum: 19 september 2024
Locatie: Utrecht (Jaarbeurs, zaal 5)
Aanwezig: 34 deelnemers uit 16 gemeenten, Halt, politie en het ministerie van Justitie en Veiligheid

1. Opening
De voorzitter heet iedereen welkom. Het netwerk komt drie keer per jaar bij elkaar. Deze keer staan
de veiligheidsconvenanten en het Halt-spreekuur op de agenda.

2. Veiligheidsconvenanten
Eindhoven vertelt over het digitale overleg waarin 44 scholen vragen over veiligheid kunnen
voorleggen. Twee andere gemeenten hebben een convenant met in totaal 12 scholen. Deelnemers vinden
vooral de vaste contactpersoon bij de politie waardevol. Een knelpunt is dat scholen niet altijd
weten welke informatie zij mogen delen.

3. Halt-spreekuur
Halt licht de cijfers toe: het spreekuur draait inmiddels op 26 scholen. Een leerling krijgt binnen
vijf schooldagen na een incident een gesprek. Scholen in kleinere gemeenten willen graag aansluiten,
maar Halt heeft daarvoor nog geen capaciteit.

4. De Preventieve Leerkracht
Heerlen presenteert de training De Preventieve Leerkracht. Inmiddels zijn 61 leerkrachten van
basisscholen getraind in het herkennen van zorgelijke signalen bij leerlingen.

5. Actiepunten
- Het ministerie zoekt uit welke gegevens scholen en politie op grond van het convenant mogen delen.
- Halt stuurt een overzicht van de scholen met een spreekuur.
- Heerlen deelt het lesmateriaal van De Preventieve Leerkracht met de andere gemeenten.

Volgende bijeenkomst: 21 januari 2025, Rotterdam.
"""


def make_note():
    (OUT / "verslag-lerend-netwerk-school-en-veiligheid.txt").write_text(NOTE, encoding="utf-8")


def main():
    OUT.mkdir(exist_ok=True)
    make_kb2022()
    make_kst106()
    make_kb2024()
    make_kb2025()
    make_news()
    make_halt_news()
    make_kidzzz()
    make_ajb()
    make_zaanstad()
    make_monitor()
    make_scan()
    make_note()


if __name__ == "__main__":
    main()
