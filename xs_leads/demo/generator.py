"""A deterministic generator of realistic Norwegian sales leads, as plain dicts (free of Frappe).

`generate_leads(count, seed)` yields rows keyed by the XS Lead field names, with values as the
controller would normalise them (E.164 phones, 9-digit organisation numbers, https websites), so
they can be bulk inserted as they are. Companies are built from pools of Norwegian words, place
names and surnames; about 4% of the rows are near-duplicates of an earlier company (another legal
form, a typo, other case or whitespace), for duplicate detection to find.

The same seed gives the same rows, and the first n rows do not depend on `count`: generating
n + m rows and skipping n yields exactly the rows a later top-up needs. Only `first_contact`
depends on the day it runs (it lies within the two years before `reference_time`, today by default).

All randomness comes from one `random.Random(seed)`, nearly all of it through `random()` indexing
into pools expanded by weight; nothing costly happens per row, so 1,000,000 rows take about 13 s.
Company names are unique apart from the near-duplicates: the generator remembers every name it
gave (about 120 MB at 1,000,000 rows) and tells a repeated one apart by a place or a word.
"""

import datetime
import re
from collections.abc import Iterator, Sequence
from random import Random

from xs_leads.domain.masters import LEAD_SOURCES, NACE_SECTIONS

__all__ = [
	"DEFAULT_SEED",
	"LEAD_FIELDS",
	"LEAD_SOURCES",
	"NACE_SECTIONS",
	"generate_leads",
	"organisation_number_check_digit",
]

DEFAULT_SEED = 42

# The keys of every generated row: the XS Lead field names, in the order of the rows' dicts
LEAD_FIELDS = (
	"company_name",
	"industry",
	"website",
	"organisation_number",
	"phone",
	"fax",
	"direct_phone",
	"mobile",
	"employees",
	"annual_revenue",
	"credit_worthy",
	"payment_remarks",
	"subject",
	"responsible",
	"contact_status",
	"first_contact",
	"classification",
	"source",
	"note",
	"deactivated",
	"first_name",
	"last_name",
	"job_title",
	"gender",
	"email",
)

NEAR_DUPLICATE_SHARE = 0.04
FIRST_CONTACT_DAYS = 730

# Shares of empty values; contact-person fields only count rows that have a contact person
NO_WEBSITE_SHARE = 0.30
NO_ORGANISATION_NUMBER_SHARE = 0.15
NO_FAX_SHARE = 0.85
NO_CONTACT_SHARE = 0.12  # of the rows whose name does not name its owner: ~10% of all rows
NO_DIRECT_PHONE_SHARE = 0.33  # of rows with a contact person: ~40% of all rows
NO_MOBILE_SHARE = 0.11  # of rows with a contact person: ~20% of all rows


def _expand(weighted: Sequence[tuple]) -> list:
	"""A pool holding each item `weight` times, so a weighted pick is `pool[int(random() * len(pool))]`."""
	return [item for item, weight in weighted for _ in range(weight)]


# --- Companies -------------------------------------------------------------------------------------------

_PREFIXES = [
	"Nord", "Sør", "Vest", "Øst", "Fjord", "Fjell", "Hav", "Skog", "Dal", "Berg", "Elve", "Stein", "Sjø",
	"Kyst", "Midt", "Høy", "Lys", "Blå", "Grønn", "Polar", "Norr", "Fram", "Tind", "Bre", "Fosse", "Furu",
	"Bjørke", "Eike", "Lyng", "Vind", "Storm", "Bølge", "Strand", "Holme", "Øy", "Vik", "Nes", "Sol",
	"Ny", "Nordvest", "Sørvest", "Nordøst", "Vestkyst", "Fjære", "Stor", "Tinde", "Isfjord", "Bø", "Ås",
]  # fmt: skip

# (second half of a compound name, NACE section of the business it suggests)
_COMPOUND_SUFFIXES = [
	("fisk", "A"), ("laks", "A"), ("marin", "A"), ("skog", "A"), ("bygg", "F"), ("tak", "F"),
	("montasje", "F"), ("rør", "F"), ("elektro", "F"), ("hus", "F"), ("varme", "F"), ("data", "J"),
	("media", "J"), ("tek", "J"), ("tre", "C"), ("stål", "C"), ("plast", "C"), ("glass", "C"),
	("maskin", "C"), ("mat", "C"), ("kraft", "D"), ("energi", "D"), ("vind", "D"), ("frakt", "H"),
	("shipping", "H"), ("transport", "H"), ("bil", "G"), ("sport", "G"), ("handel", "G"),
	("service", "N"), ("renhold", "N"), ("consult", "M"), ("lab", "M"), ("invest", "K"),
	("kapital", "K"), ("eiendom", "L"), ("bolig", "L"), ("helse", "Q"), ("gjenvinning", "E"),
	("pukk", "B"), ("reiser", "N"), ("hotell", "I"),
]  # fmt: skip

# Neutral endings for brand names ("Fjordheim", "Solvang", "Eikeli")
_BRAND_SUFFIXES = [
	"lys", "blikk", "heim", "vang", "li", "haug", "land", "vik", "nes", "stad", "dal", "berg", "tun",
	"bø", "vold", "mo", "gard", "sund", "holm", "kollen",
]  # fmt: skip

# (business word, NACE section)
_TRADES = [
	("Rørleggerservice", "F"), ("Rørlegger", "F"), ("Elektro", "F"), ("Bygg", "F"), ("Byggservice", "F"),
	("Entreprenør", "F"), ("Maskinentreprenør", "F"), ("Snekkeri", "F"), ("Tak og Fasade", "F"),
	("Malerservice", "F"), ("Murmester", "F"), ("Blikkenslager", "F"), ("Graving", "F"), ("Betong", "F"),
	("Flis og Bad", "F"), ("Ventilasjon", "F"), ("Regnskap", "M"), ("Revisjon", "M"),
	("Advokatfirma", "M"), ("Arkitekter", "M"), ("Rådgivning", "M"), ("Ingeniørtjenester", "M"),
	("Consulting", "M"), ("Økonomi", "M"), ("Reklamebyrå", "M"), ("Dyreklinikk", "M"), ("Eiendom", "L"),
	("Utleie", "L"), ("Eiendomsforvaltning", "L"), ("Boligutvikling", "L"), ("Transport", "H"),
	("Frakt", "H"), ("Logistikk", "H"), ("Taxi", "H"), ("Spedisjon", "H"), ("Budservice", "H"),
	("Bilverksted", "G"), ("Bilsenter", "G"), ("Jernvare", "G"), ("Handel", "G"), ("Trelast", "G"),
	("Interiør", "G"), ("Sport", "G"), ("Blomster", "G"), ("Agentur", "G"), ("Dekk", "G"), ("Data", "J"),
	("IT", "J"), ("Systemutvikling", "J"), ("Media", "J"), ("Forlag", "J"), ("Fiskeoppdrett", "A"),
	("Havbruk", "A"), ("Landbruk", "A"), ("Gartneri", "A"), ("Skogsdrift", "A"), ("Sjømat", "C"),
	("Bakeri", "C"), ("Mekaniske Verksted", "C"), ("Plast", "C"), ("Trevare", "C"), ("Møbelfabrikk", "C"),
	("Bryggeri", "C"), ("Trykkeri", "C"), ("Sveiseservice", "C"), ("Kraft", "D"), ("Energi", "D"),
	("Renovasjon", "E"), ("Gjenvinning", "E"), ("Pukk og Grus", "B"), ("Steinbrudd", "B"), ("Hotell", "I"),
	("Restaurant", "I"), ("Catering", "I"), ("Kafé", "I"), ("Camping", "I"), ("Forsikring", "K"),
	("Finans", "K"), ("Renhold", "N"), ("Bemanning", "N"), ("Vakt og Sikkerhet", "N"), ("Reisebyrå", "N"),
	("Trafikkskole", "P"), ("Kurs og Kompetanse", "P"), ("Barnehage", "P"), ("Musikkskole", "P"),
	("Tannlegesenter", "Q"), ("Legesenter", "Q"), ("Fysioterapi", "Q"), ("Helse og Omsorg", "Q"),
	("Treningssenter", "R"), ("Event", "R"), ("Underholdning", "R"), ("Frisør", "S"), ("Hudpleie", "S"),
	("Renseri", "S"), ("Urmaker", "S"),
]  # fmt: skip

# For sole proprietorships named after their owner: "Frisør Kari Olsen"
_PERSON_TRADES = [
	("Frisør", "S"), ("Snekker", "F"), ("Rørlegger", "F"), ("Maler", "F"), ("Elektriker", "F"),
	("Tømrer", "F"), ("Murer", "F"), ("Fotograf", "M"), ("Advokat", "M"), ("Regnskapsfører", "M"),
	("Konsulent", "M"), ("Tannlege", "Q"), ("Fysioterapeut", "Q"), ("Gartner", "N"), ("Massør", "S"),
]  # fmt: skip

_PLACES = [
	"Oslo", "Bergen", "Trondheim", "Stavanger", "Drammen", "Fredrikstad", "Kristiansand", "Sandnes",
	"Tromsø", "Sarpsborg", "Skien", "Ålesund", "Sandefjord", "Haugesund", "Tønsberg", "Moss", "Porsgrunn",
	"Bodø", "Arendal", "Hamar", "Larvik", "Halden", "Lillehammer", "Molde", "Kongsberg", "Gjøvik", "Horten",
	"Harstad", "Jessheim", "Elverum", "Askøy", "Kristiansund", "Steinkjer", "Alta", "Narvik", "Grimstad",
	"Levanger", "Egersund", "Mosjøen", "Namsos", "Florø", "Førde", "Voss", "Stord", "Kopervik", "Røros",
	"Ørsta", "Volda", "Sogndal", "Lærdal", "Odda", "Kragerø", "Mandal", "Flekkefjord", "Otta", "Kongsvinger",
	"Hønefoss", "Notodden", "Rjukan", "Brønnøysund", "Sandnessjøen", "Svolvær", "Leknes", "Sortland",
	"Finnsnes", "Hammerfest", "Vadsø", "Kirkenes", "Verdal", "Stjørdal", "Orkanger", "Oppdal", "Ålgård",
	"Bryne", "Sola", "Jørpeland", "Sauda", "Bømlo", "Måløy", "Stryn", "Åndalsnes", "Surnadal",
	"Sunndalsøra", "Frøya", "Hitra", "Lyngdal", "Farsund", "Vennesla", "Evje", "Tvedestrand", "Risør",
	"Asker", "Bærum", "Lørenskog", "Lillestrøm", "Drøbak", "Mysen", "Askim", "Raufoss", "Brumunddal",
	"Moelv", "Tynset", "Fagernes", "Geilo", "Nesbyen", "Kvinesdal", "Fauske", "Mo i Rana",
]  # fmt: skip

_REGIONS = [
	"Trøndelag", "Vestland", "Rogaland", "Agder", "Viken", "Innlandet", "Nordland", "Finnmark", "Troms",
	"Møre", "Romsdal", "Nordmøre", "Sunnmøre", "Hardanger", "Lofoten", "Vesterålen", "Valdres",
	"Hallingdal", "Gudbrandsdal", "Telemark", "Østfold", "Vestfold", "Hedmarken", "Helgeland", "Jæren",
	"Ryfylke", "Sogn", "Fjordane", "Namdal", "Salten", "Romerike", "Follo", "Nordfjord", "Sunnhordland",
	"Setesdal", "Østerdalen", "Toten", "Ringerike", "Midt-Norge", "Nord-Norge", "Sørlandet", "Vestlandet",
]  # fmt: skip

# Cooperatives (SA) named after their district: "Hallingdal Kraftlag SA"
_COOPERATIVES = [
	("Samvirkelag", "G"), ("Boligbyggelag", "L"), ("Felleskjøp", "G"), ("Skogeierlag", "A"), ("Meieri", "C"),
	("Kraftlag", "D"), ("Fiskesalgslag", "G"), ("Produsentlag", "A"), ("Taxisentral", "H"),
	("Vannverk", "E"), ("Fjernvarme", "D"), ("Bygdeservice", "N"),
]  # fmt: skip

# Norwegian branches of foreign companies (NUF): "Baltic Construction UAB NUF"
_FOREIGN_PREFIXES = [
	"Nordic", "Baltic", "Scandic", "Euro", "Global", "Arctic", "Atlantic", "Svea", "Viking", "Dansk",
	"Svensk", "Suomi", "North Sea", "Polar", "Fenno", "Boreal", "Hansa", "Skagerrak", "Kattegat", "Oresund",
	"Lapland", "Karelia", "Jutland", "Gotland", "Riga", "Vilnius", "Gdansk", "Tallinn", "Aurora", "Northern",
	"Blue Water", "Westcoast", "Bridge", "Anchor", "Compass", "Summit", "Pioneer", "Falcon", "Amber", "Delta",
]  # fmt: skip
_FOREIGN_TRADES = [
	("Construction", "F"), ("Logistics", "H"), ("Consulting", "M"), ("Solutions", "J"), ("Staffing", "N"),
	("Engineering", "M"), ("Software", "J"), ("Trading", "G"), ("Seafood", "G"), ("Cleaning", "N"),
	("Installation", "F"), ("Offshore", "B"), ("Energy", "D"), ("Education", "P"),
]  # fmt: skip
_FOREIGN_FORMS = ["AB", "AB", "Ltd", "Ltd", "ApS", "Oy", "GmbH", "UAB", "Sp. z o.o.", "BV", "SIA", "OÜ"]

# Words that tell a company from an older one of the same name ("Nordfisk Kragerø", "Bergen Bygg Partner"),
# per kind of name: names holding a place get no second one
_QUALIFIER_WORDS = [
	"Sentrum", "Nord", "Sør", "Vest", "Øst", "Gruppen", "Partner", "Senter", "Drift", "Prosjekt", "Invest",
	"Eiendom", "Service", "Utvikling", "Kompetanse", "Produkter", "Teknikk", "Norge", "og Omegn", "Vekst",
	"Tjenester", "Industri", "Installasjon", "Montasje", "Consult", "Team", "Holding", "Nordic", "Distribusjon",
	"Systemer", "Maritime", "Solutions", "Import", "Engros", "Kvalitet", "Spesialisten",
]  # fmt: skip
_QUALIFIERS_PLACE = _PLACES + _QUALIFIER_WORDS
_FOREIGN_QUALIFIERS = [
	"Group", "International", "Services", "Partners", "Systems", "Nordic", "Europe", "Scandinavia",
	"Projects", "Norway", "Holding", "Technologies",
]  # fmt: skip

_FAMILY_FORMS = ["{0} & Sønn", "{0} & Sønner", "{0} og Sønner", "Brødrene {0}", "{0} & {1}", "{0} & Co"]
_INITIALS = "ABDEFGHIJKLMNOPRSTV"

# Legal forms per pattern of name
_FORMS_COMPOUND = _expand([("AS", 85), ("ASA", 4), ("ANS", 6), ("DA", 5)])
_FORMS_BRAND = _expand([("AS", 18), ("ANS", 1), ("DA", 1)])
_FORMS_PLACE = _expand([("AS", 8), ("ANS", 1), ("DA", 1)])
_FORMS_REGION = _expand([("AS", 16), ("DA", 3), ("ANS", 1)])
_FORMS_SURNAME = _expand([("AS", 13), ("ENK", 4), ("ANS", 3)])
_FORMS_FAMILY = _expand([("ANS", 9), ("AS", 9), ("DA", 2)])
_FORMS_HOLDING = _expand([("AS", 19), ("ASA", 1)])

# NACE sections of companies whose name says nothing about their business, roughly as in Norway
_SECTION_POOL = _expand(
	[
		("A", 80), ("B", 5), ("C", 50), ("D", 10), ("E", 7), ("F", 140), ("G", 140), ("H", 50), ("I", 50),
		("J", 60), ("K", 30), ("L", 100), ("M", 130), ("N", 50), ("O", 3), ("P", 20), ("Q", 50), ("R", 30),
		("S", 30), ("T", 1), ("U", 1),
	]
)  # fmt: skip
_SECTION_NAMES = dict(NACE_SECTIONS)

# Median revenue per employee (NOK) per NACE section
_REVENUE_PER_EMPLOYEE = {
	"A": 2_500_000, "B": 5_000_000, "C": 2_500_000, "D": 5_000_000, "E": 2_000_000, "F": 1_800_000,
	"G": 3_000_000, "H": 2_000_000, "I": 800_000, "J": 1_800_000, "K": 4_000_000, "L": 3_000_000,
	"M": 1_500_000, "N": 900_000, "O": 1_200_000, "P": 800_000, "Q": 900_000, "R": 1_000_000,
	"S": 800_000, "T": 500_000, "U": 1_000_000,
}  # fmt: skip

# --- People ----------------------------------------------------------------------------------------------

_MALE_FIRST_NAMES = [
	"Ole", "Bjørn", "Øystein", "Håkon", "Jan", "Per", "Lars", "Kjell", "Knut", "Arne", "Svein", "Hans",
	"Geir", "Tor", "Terje", "Thomas", "Morten", "Rune", "Trond", "Espen", "Anders", "Erik", "Martin", "Jon",
	"Kristian", "Andreas", "Odd", "Stian", "Jørgen", "Magnus", "Sindre", "Eirik", "Henrik", "Sigurd",
	"Torbjørn", "Ståle", "Åsmund", "Even", "Gaute", "Vegard", "Halvard", "Nils", "Jonas", "Mathias",
	"Sander", "Emil", "Kåre", "Leif", "Helge", "Roar", "Frode", "Steinar", "Dag", "Sverre", "Ørjan", "Atle",
	"Bård", "Gunnar", "Ivar", "Ketil", "Pål", "Øyvind", "Tormod", "Aslak", "Mohammad", "Ahmed", "Piotr",
	"Tuan", "Marius", "Fredrik",
]  # fmt: skip
_FEMALE_FIRST_NAMES = [
	"Kari", "Åse", "Ingrid", "Sølvi", "Anne", "Inger", "Marit", "Liv", "Ingeborg", "Berit", "Randi",
	"Astrid", "Hilde", "Nina", "Kristin", "Silje", "Ida", "Ingvild", "Hanne", "Tone", "Heidi", "Camilla",
	"Marianne", "Elisabeth", "Gunn", "Bente", "Grete", "Turid", "Solveig", "Åshild", "Ragnhild", "Synnøve",
	"Guro", "Sigrid", "Maren", "Nora", "Emma", "Thea", "Tuva", "Kjersti", "Torill", "Wenche", "Lene",
	"Mette", "Siv", "Eli", "Bodil", "Gro", "Tove", "Eva", "Linn", "Stine", "Marte", "Mari", "Julie", "Hege",
	"Anette", "Kirsten", "Målfrid", "Brit", "Trine", "Vigdis", "Øydis", "Fatima", "Agnieszka", "Linh",
	"Sara", "Amalie",
]  # fmt: skip
_SURNAMES = [
	"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
	"Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
	"Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen",
	"Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
	"Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde",
	"Solheim", "Berntsen", "Moe", "Kristensen", "Bøe", "Sæther", "Aas", "Ødegård", "Brække", "Våge",
	"Nygård", "Haugland", "Bakke", "Tveit", "Aasen", "Hovland", "Myklebust", "Rønning", "Kvam", "Foss",
	"Fossum", "Holm", "Birkeland", "Løken", "Sandvik", "Nordby", "Vik", "Engen", "Thorsen", "Sandberg",
	"Ellingsen", "Hauge", "Mikkelsen", "Ruud", "Tangen", "Nystad", "Ahmed", "Hussain", "Nowak", "Kaur",
	"Ødegaard", "Grønli", "Sætre", "Fjeld", "Rød", "Skaar", "Vold", "Østby", "Brenna", "Lien", "Aune",
]  # fmt: skip

_JOB_TITLES = _expand(
	[
		("Daglig leder", 30), ("Økonomisjef", 8), ("Innkjøpsansvarlig", 6), ("Salgssjef", 6),
		("IT-ansvarlig", 6), ("Styreleder", 5), ("Regnskapsfører", 5), ("Kontorleder", 5),
		("Økonomiansvarlig", 5), ("Markedssjef", 3), ("Prosjektleder", 4), ("Avdelingsleder", 4),
		("HR-sjef", 2), ("Driftsleder", 4), ("Administrerende direktør", 3), ("Teknisk sjef", 2),
		("Controller", 2), ("Sekretær", 2), ("Partner", 2), ("Butikksjef", 2), ("", 10),
	]
)  # fmt: skip
_OWNER_JOB_TITLES = _expand([("Daglig leder", 5), ("Innehaver", 4), ("", 1)])

# --- Call-list data -----------------------------------------------------------------------------------------

_SUBJECTS = [
	"Interessert i regnskapssystem", "Ring tilbake etter ferien", "Ønsker tilbud på timeføring",
	"Vil ha demo av CRM", "Spør om pris på lønnssystem", "Trenger nytt fakturasystem",
	"Bytte av regnskapsbyrå", "Ønsker tilbud på lisenser", "Oppfølging etter messe", "Ring tilbake i januar",
	"Interessert i nettbutikk", "Vil ha tilbud på support", "Henvendelse via nettsiden",
	"Ønsker møte med selger", "Ny daglig leder – ta kontakt", "Avtalen med dagens leverandør utløper i høst",
	"Purring på tilbud", "Spørsmål om integrasjon mot Altinn", "Ønsker prøveperiode",
	"Tips fra eksisterende kunde", "Vurderer skybasert løsning", "Ønsker tilbud på prosjektstyring",
	"Trenger hjelp med MVA-rapportering", "Interessert i kurs", "Send brosjyre på e-post",
	"Ring etter kl. 14", "Ønsker oppringing fra fagperson", "Bytter fra konkurrent", "Nyetablert bedrift",
	"Budsjettmøte i mars", "Interessert i lagerstyring", "Ønsker pris på årsavtale",
]  # fmt: skip
_NOTE_SENTENCES = [
	"Snakket med daglig leder, ønsker mer informasjon.", "Ikke svar på telefon, prøv igjen neste uke.",
	"Har avtale med konkurrent til sommeren.", "Be om å få snakke med økonomiansvarlig.",
	"Sendt tilbud på e-post.", "Ønsker ikke å bli kontaktet før etter nyttår.",
	"Positiv, men må ta det opp i styret.", "Var innom standen vår på messen på Lillestrøm.",
	"Kontaktpersonen er i permisjon til august.", "Bruker Excel i dag, ser behov for et system.",
	"Har fått demo, venter på svar.", "Henvist fra regnskapsføreren.",
	"Feil nummer i registeret, sjekk Brønnøysundregistrene.", "Telefonsvarer – la beskjed.",
	"Ringte tilbake, ba om ny avtale.", "Lite firma, liten interesse foreløpig.", "Ønsker pris per bruker.",
	"Vil ha referanser fra samme bransje.", "Sjekk kredittverdighet før tilbud.",
	"Flytter til nye lokaler i høst.", "Ny eier fra i fjor.", "Stengt i fellesferien.",
	"Ring på mobil, sitter sjelden på kontoret.", "Interessert i integrasjon mot banken.",
	"Ønsker møte på Teams.", "Vurderer å bytte leverandør neste år.",
	"Avdelingen i Trondheim tar beslutningen.", "Sesongbedrift – travelt om sommeren.",
	"Må snakke med sønnen som tar over driften.", "Be om å få sende tilbud skriftlig.",
]  # fmt: skip

# (contact_status, classification) together: leads not yet contacted are rarely classified
_STATUS_CLASSIFICATIONS = _expand(
	[
		(("Not Contacted", "Not Set"), 1080), (("Not Contacted", "Hot"), 72), (("Not Contacted", "Cold"), 48),
		(("Reached", "Not Set"), 75), (("Reached", "Hot"), 250), (("Reached", "Cold"), 175),
		(("Unreachable", "Not Set"), 45), (("Unreachable", "Hot"), 78), (("Unreachable", "Cold"), 177),
	]
)  # fmt: skip
_SOURCES = _expand(
	[
		("Phone", 20),
		("Web", 25),
		("Referral", 15),
		("Trade fair", 10),
		("Import", 15),
		("Business register", 15),
	]
)

# Valid Norwegian number ranges (E.164 prefix + 6 digits), landlines weighted by population
_LANDLINE_PREFIXES = _expand(
	[
		("+4722", 18), ("+4723", 14), ("+4721", 6), ("+4724", 3), ("+4767", 5), ("+4766", 3), ("+4763", 3),
		("+4764", 3), ("+4769", 4), ("+4731", 3), ("+4732", 4), ("+4733", 4), ("+4735", 3), ("+4737", 3),
		("+4738", 4), ("+4751", 7), ("+4752", 3), ("+4753", 3), ("+4755", 10), ("+4756", 3), ("+4757", 2),
		("+4761", 3), ("+4762", 3), ("+4770", 3), ("+4771", 2), ("+4772", 3), ("+4773", 6), ("+4774", 2),
		("+4775", 3), ("+4776", 2), ("+4777", 3), ("+4778", 1),
	]
)  # fmt: skip
_MOBILE_PREFIXES = _expand(
	[(f"+47{p}", 3) for p in (40, 41, 46, 47, 48)] + [(f"+47{p}", 6) for p in range(90, 100)]
)

# Company sizes: (fewest, most) employees, and the weights of these bands per legal form
_EMPLOYEE_BANDS = [(1, 1), (2, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, 249), (250, 999), (1000, 5000)]
_BAND_WEIGHTS = {
	"": [400, 500, 360, 280, 240, 110, 70, 30, 10],
	"ENK": [70, 25, 5, 0, 0, 0, 0, 0, 0],
	"ASA": [0, 0, 0, 0, 0, 5, 20, 45, 30],
	"SA": [0, 0, 15, 25, 30, 15, 10, 5, 0],
	"NUF": [20, 30, 25, 15, 10, 0, 0, 0, 0],
}
_BAND_POOLS = {form: _expand(list(zip(_EMPLOYEE_BANDS, w, strict=True))) for form, w in _BAND_WEIGHTS.items()}

# --- Near-duplicates ---------------------------------------------------------------------------------------

# How the legal form of a company is mistyped or changed when it is entered twice
_FORM_VARIANTS = {
	"AS": ["A/S", "A/S", "A/S", "ASA", "AS.", "", "As"],
	"ASA": ["AS", "A/S", "ASA."],
	"ANS": ["DA", "AS", "", "Ans"],
	"DA": ["ANS", "AS", "", "D/A"],
	"ENK": ["", "", "AS", "Enk"],
	"SA": ["BA", "AS", "", "S/A"],
}
_NUF_VARIANTS = ["{0}", "{0} nuf", "{0}, NUF", "NUF", "{0} Norsk filial", "AS"]
_MUTATIONS = _expand([("form", 30), ("typo", 30), ("case", 15), ("space", 15), ("and", 4), ("ascii", 6)])
_RESERVOIR_SIZE = 5000

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a", "&": " og "})
_FOLD_NAME = str.maketrans({"Æ": "Ae", "Ø": "O", "Å": "A", "æ": "ae", "ø": "o", "å": "a"})
_WORD = re.compile(r"[a-z0-9]+")
_ORG_SPAN = 20_000_000  # 8-digit bases 80000000–99999999: numbers start with 8 or 9


def _weighted_digit_sums(weights: tuple[int, int, int, int]) -> list[int]:
	return [sum(int(d) * w for d, w in zip(f"{n:04d}", weights, strict=True)) for n in range(10_000)]


_ORG_SUM_HIGH = _weighted_digit_sums((3, 2, 7, 6))
_ORG_SUM_LOW = _weighted_digit_sums((5, 4, 3, 2))


def organisation_number_check_digit(base: int) -> int | None:
	"""The MOD11 check digit (weights 3,2,7,6,5,4,3,2) of an 8-digit base; None if no digit fits."""
	remainder = (_ORG_SUM_HIGH[base // 10_000] + _ORG_SUM_LOW[base % 10_000]) % 11
	if remainder == 1:
		return None
	return 0 if remainder == 0 else 11 - remainder


def _ascii_fold(text: str) -> list[str]:
	"""Lowercase ASCII words for host names and e-mail addresses: "Sølvi Bøe" → ["solvi", "boe"]."""
	return _WORD.findall(text.lower().translate(_FOLD))


def generate_leads(
	count: int,
	seed: int = DEFAULT_SEED,
	*,
	users: list[str] | None = None,
	reference_time: datetime.datetime | None = None,
	planted_duplicates: list[tuple[int, int]] | None = None,
) -> Iterator[dict]:
	"""Yield `count` lead rows (dicts keyed by `LEAD_FIELDS`), the same ones for the same seed.

	`users` are the sales people the leads are spread over as `responsible` ("" without users).
	`planted_duplicates`, when given, receives (row, original row) for every near-duplicate, as
	0-based positions in the output, so duplicate detection can measure what it finds.
	`first_contact` lies within the two years before `reference_time` (default: today at 00:00).
	"""
	rng = Random(seed)
	r = rng.random
	lognormal = rng.lognormvariate
	users = list(users or [])
	n_users = len(users)

	if reference_time is None:
		reference_time = datetime.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
	reference_day = datetime.datetime.combine(reference_time.date(), datetime.time())
	contact_days = [
		day
		for day in (reference_day - datetime.timedelta(days=d) for d in range(1, FIRST_CONTACT_DAYS + 1))
		if day.weekday() < 5
	]
	seconds = [datetime.timedelta(seconds=s) for s in range(8 * 3600, 16 * 3600 + 1800, 60)]

	# Organisation numbers come from an affine permutation of the 8-digit bases, so none repeats
	org_step = int(r() * _ORG_SPAN) | 1
	while org_step % 5 == 0:
		org_step += 2
	org_offset = int(r() * _ORG_SPAN)
	org_counter = 0

	def new_organisation_number() -> str:
		nonlocal org_counter
		while True:
			base = 80_000_000 + (org_offset + org_step * org_counter) % _ORG_SPAN
			org_counter += 1
			check = organisation_number_check_digit(base)
			if check is not None:
				return f"{base}{check}"

	people = [(name, "Male", _ascii_fold(name)) for name in _MALE_FIRST_NAMES] + [
		(name, "Female", _ascii_fold(name)) for name in _FEMALE_FIRST_NAMES
	]
	surnames = [(name, _ascii_fold(name)) for name in _SURNAMES]
	compounds = [
		(prefix + suffix, section)
		for prefix in _PREFIXES
		for suffix, section in _COMPOUND_SUFFIXES
		if prefix.lower() != suffix
	]
	brands = [
		prefix + suffix for prefix in _PREFIXES for suffix in _BRAND_SUFFIXES if prefix.lower() != suffix
	]

	default_bands = _BAND_POOLS[""]

	def pick(pool: Sequence):
		return pool[int(r() * len(pool))]

	def new_company() -> tuple[str, str, str, tuple | None, tuple | None, list[str]]:
		"""(name without legal form, legal form, NACE section, owner person, family surname, qualifiers)."""
		kind = r()
		if kind < 0.14:
			name, section = pick(compounds)
			return name, pick(_FORMS_COMPOUND), section, None, None, _QUALIFIERS_PLACE
		if kind < 0.20:
			name, section = pick(compounds)
			return f"{name} {pick(_PLACES)}", "AS", section, None, None, _QUALIFIER_WORDS
		if kind < 0.33:
			trade, section = pick(_TRADES)
			return f"{pick(brands)} {trade}", pick(_FORMS_BRAND), section, None, None, _QUALIFIERS_PLACE
		if kind < 0.47:
			trade, section = pick(_TRADES)
			place = pick(_PLACES)
			name = f"{place} {trade}" if r() < 0.7 else f"{trade} {place}"
			return name, pick(_FORMS_PLACE), section, None, None, _QUALIFIER_WORDS
		if kind < 0.53:
			trade, section = pick(_TRADES)
			region = pick(_REGIONS)
			name = f"{region} {trade}" if r() < 0.7 else f"{trade} {region}"
			return name, pick(_FORMS_REGION), section, None, None, _QUALIFIER_WORDS
		if kind < 0.65:
			trade, section = pick(_TRADES)
			surname = pick(surnames)
			form = pick(_FORMS_SURNAME)
			owner = (pick(people), surname) if form == "ENK" else None
			return f"{surname[0]} {trade}", form, section, owner, surname, _QUALIFIERS_PLACE
		if kind < 0.69:
			surname = pick(surnames)
			name = pick(_FAMILY_FORMS).format(surname[0], pick(surnames)[0])
			return name, pick(_FORMS_FAMILY), pick(_SECTION_POOL), None, surname, _QUALIFIERS_PLACE
		if kind < 0.75:
			trade, section = pick(_TRADES)
			initials = pick(_INITIALS) + pick(_INITIALS) + (pick(_INITIALS) if r() < 0.2 else "")
			return f"{initials} {trade}", "AS", section, None, None, _QUALIFIERS_PLACE
		if kind < 0.90:
			first, surname = pick(people), pick(surnames)
			person = f"{first[0]} {surname[0]}"
			style = r()
			if style < 0.45:
				return person, "ENK", pick(_SECTION_POOL), (first, surname), None, _QUALIFIERS_PLACE
			trade, section = pick(_TRADES if style < 0.75 else _PERSON_TRADES)
			name = f"{person} {trade}" if style < 0.75 else f"{trade} {person}"
			return name, "ENK", section, (first, surname), None, _QUALIFIERS_PLACE
		if kind < 0.94:
			if r() < 0.5:
				surname = pick(surnames)
				return f"{surname[0]} Holding", pick(_FORMS_HOLDING), "K", None, surname, _QUALIFIERS_PLACE
			name = pick(compounds)[0] if r() < 0.5 else pick(brands)
			return f"{name} Holding", pick(_FORMS_HOLDING), "K", None, None, _QUALIFIERS_PLACE
		if kind < 0.97:
			cooperative, section = pick(_COOPERATIVES)
			district = pick(_REGIONS) if r() < 0.5 else pick(_PLACES)
			return f"{district} {cooperative}", "SA", section, None, None, _QUALIFIER_WORDS
		trade, section = pick(_FOREIGN_TRADES)
		name = f"{pick(_FOREIGN_PREFIXES)} {trade}"
		return name, f"{pick(_FOREIGN_FORMS)} NUF", section, None, None, _FOREIGN_QUALIFIERS

	def unique_name(base: str, form: str, qualifiers: list[str]) -> str:
		"""`base`, or when a company already has that name, one made distinct by a place or a word."""
		# legal forms do not make names distinct, the foreign form of a Norwegian branch does
		suffix = f" {form}".casefold() if form.endswith(" NUF") else ""
		candidate = base
		for attempt in range(12):
			if attempt:
				candidate = f"{base} {pick(qualifiers)}"
				if attempt > 6:
					candidate = f"{candidate} {pick(_QUALIFIER_WORDS)}"
			key = candidate.casefold() + suffix
			if key not in taken:
				taken.add(key)
				return candidate
		number = 2
		while f"{base} {number}".casefold() + suffix in taken:
			number += 1
		taken.add(f"{base} {number}".casefold() + suffix)
		return f"{base} {number}"

	def website_for(base: str, form: str) -> tuple[str, str]:
		"""(website, its domain) for a company, or ("", "") for one without a website."""
		if r() < NO_WEBSITE_SHARE:
			return "", ""
		tld = ".com" if r() < (0.7 if form.endswith("NUF") else 0.1) else ".no"
		domain = ("-" if r() < 0.35 else "").join(_ascii_fold(base)) + tld
		shape = r()
		if shape < 0.85:
			return f"https://www.{domain}", domain
		if shape < 0.95:
			return f"https://{domain}", domain
		return f"http://www.{domain}", domain

	def landline() -> str:
		return f"{pick(_LANDLINE_PREFIXES)}{int(r() * 1_000_000):06d}"

	def mobile_number() -> str:
		return f"{pick(_MOBILE_PREFIXES)}{int(r() * 1_000_000):06d}"

	def near_duplicate_name(base: str, form: str) -> str:
		original = f"{base} {form}" if form else base
		for _ in range(4):
			mutation = pick(_MUTATIONS)
			new_base, new_form = base, form
			if mutation == "form":
				if form.endswith(" NUF"):
					new_form = pick(_NUF_VARIANTS).format(form[:-4])
				else:
					new_form = pick(_FORM_VARIANTS[form])
			elif mutation == "typo":
				new_base = _typo(base, r)
			elif mutation == "case":
				style = r()
				if style < 0.5:
					new_base, new_form = base.upper(), form.upper()
				else:
					new_base = base.lower() if style < 0.8 else base.upper()
			elif mutation == "space":
				style = r()
				if style < 0.4 and " " in base:
					new_base = base.replace(" ", "  ", 1)
				elif style < 0.7:
					new_base, new_form = (base, f"{form} ") if form else (base + " ", "")
				elif style < 0.85:
					new_base = " " + base
				elif form:
					new_base, new_form = base + form, ""
			elif mutation == "and":
				if "&" in base:
					new_base = base.replace("&", "og")
				elif " og " in base:
					new_base = base.replace(" og ", " & ")
			else:
				new_base = base.translate(_FOLD_NAME)
			name = f"{new_base} {new_form}" if new_form else new_base
			if name != original:
				return name
		return original + " "

	taken: set[str] = set()  # casefolded names without legal form: company names are unique
	reservoir: list[tuple] = []
	originals = 0

	for position in range(max(count, 0)):
		duplicate_of = (
			reservoir[int(r() * len(reservoir))] if reservoir and r() < NEAR_DUPLICATE_SHARE else None
		)
		if duplicate_of is None:
			base, form, section, owner, family, qualifiers = new_company()
			base = unique_name(base, form, qualifiers)
			company_name = f"{base} {form}"
			website, domain = website_for(base, form)
			organisation_number = "" if r() < NO_ORGANISATION_NUMBER_SHARE else new_organisation_number()
			phone = landline() if r() < 0.55 else mobile_number()
			entry = (
				base,
				form,
				section,
				owner,
				family,
				website,
				domain,
				organisation_number,
				phone,
				position,
			)
			if originals < _RESERVOIR_SIZE:
				reservoir.append(entry)
			else:
				slot = int(r() * (originals + 1))
				if slot < _RESERVOIR_SIZE:
					reservoir[slot] = entry
			originals += 1
			source = pick(_SOURCES)
		else:
			base, form, section, owner, family, website, domain, organisation_number, phone, original = (
				duplicate_of
			)
			if planted_duplicates is not None:
				planted_duplicates.append((position, original))
			company_name = near_duplicate_name(base, form)
			if r() < 0.3:
				website = domain = ""
			if r() < 0.5:
				organisation_number = ""
			if r() < 0.5:
				phone = landline() if r() < 0.55 else mobile_number()
			source = "Import" if r() < 0.5 else pick(_SOURCES)

		# Contact person: the owner of a sole proprietorship, else maybe someone from the family
		if owner is not None:
			(first_name, gender, first_ascii), (last_name, last_ascii) = owner
			job_title = pick(_OWNER_JOB_TITLES)
		elif r() < NO_CONTACT_SHARE:
			first_name = last_name = gender = first_ascii = last_ascii = job_title = ""
		else:
			first_name, gender, first_ascii = pick(people)
			last_name, last_ascii = family if family is not None and r() < 0.4 else pick(surnames)
			job_title = pick(_JOB_TITLES)

		if first_name:
			direct_phone = (
				"" if r() < NO_DIRECT_PHONE_SHARE else (landline() if r() < 0.6 else mobile_number())
			)
			mobile = "" if r() < NO_MOBILE_SHARE else mobile_number()
			if domain:
				shape = r()
				if shape < 0.85:
					email = f"{'.'.join(first_ascii)}.{'.'.join(last_ascii)}@{domain}"
				elif shape < 0.95:
					email = f"post@{domain}"
				else:
					email = ""
			else:
				email = ""
		else:
			direct_phone = mobile = ""
			email = f"post@{domain}" if domain and r() < 0.6 else ""

		fax = "" if r() < NO_FAX_SHARE else landline()

		low, high = pick(_BAND_POOLS.get("NUF" if form.endswith("NUF") else form, default_bands))
		employees = low + int(r() * (high - low + 1))
		annual_revenue = float(round(employees * _REVENUE_PER_EMPLOYEE[section] * lognormal(0.0, 0.55)))

		payment_remarks = 1 if r() < 0.08 else 0
		credit_worthy = 1 if r() < (0.3 if payment_remarks else 0.952) else 0

		contact_status, classification = pick(_STATUS_CLASSIFICATIONS)
		if contact_status == "Not Contacted":
			first_contact = None
		else:
			first_contact = pick(contact_days) + pick(seconds)

		subject = "" if r() < 0.25 else pick(_SUBJECTS)
		if r() < 0.55:
			note = ""
		elif r() < 0.75:
			note = pick(_NOTE_SENTENCES)
		else:
			note = f"{pick(_NOTE_SENTENCES)} {pick(_NOTE_SENTENCES)}"
		# drawn with or without users, so that users change nothing else
		responsible_draw = r()
		responsible = users[int(responsible_draw * n_users)] if n_users else ""
		deactivated = 1 if r() < 0.05 else 0

		yield {
			"company_name": company_name,
			"industry": _SECTION_NAMES[section],
			"website": website,
			"organisation_number": organisation_number,
			"phone": phone,
			"fax": fax,
			"direct_phone": direct_phone,
			"mobile": mobile,
			"employees": employees,
			"annual_revenue": annual_revenue,
			"credit_worthy": credit_worthy,
			"payment_remarks": payment_remarks,
			"subject": subject,
			"responsible": responsible,
			"contact_status": contact_status,
			"first_contact": first_contact,
			"classification": classification,
			"source": source,
			"note": note,
			"deactivated": deactivated,
			"first_name": first_name,
			"last_name": last_name,
			"job_title": job_title,
			"gender": gender,
			"email": email,
		}


def _typo(text: str, r) -> str:
	"""`text` with one typing error after its first letter: two letters swapped, one dropped or doubled."""
	letters = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
	if not letters:
		return text + text[-1]
	i = letters[int(r() * len(letters))]
	kind = r()
	if kind < 0.5 and text[i] != text[i + 1]:
		return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
	if kind < 0.75:
		return text[:i] + text[i + 1 :]
	return text[:i] + text[i] + text[i:]
