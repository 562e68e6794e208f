"""Small hand-kept word lists: the closed classes no maintained data package provides.

Titles, organisation and place head words, and the alias table are closed, short and
stable. Everything open-ended (places, nationalities, given names, common words) comes
from the generated gazetteers instead.
"""

from __future__ import annotations

# A title word directly before a name makes the name a PERSON ("Foreign Minister Sergei
# Lavrov"). Words that only modify a title ("Foreign", "Deputy") need no listing: whatever
# sits between a place or nationality and the title is taken as part of the title.
TITLES = frozenset(
    [
        "President", "Vice-President", "Minister", "Secretary", "Secretary-General", "Chancellor", "Premier", "Senator",
        "Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor", "General",
        "Gen.", "Colonel", "Col.", "Lieutenant", "Lt.", "Major", "Maj.", "Sergeant", "Sgt.", "Captain", "Capt.",
        "Admiral", "Adm.", "Commander", "Cmdr.", "Marshal", "Ambassador", "Envoy", "Spokesman", "Spokeswoman",
        "Spokesperson", "Director", "Commissioner", "Chairman", "Chairwoman", "Chair", "Chief", "CEO", "Judge",
        "Justice", "Prosecutor", "Attorney", "King", "Queen", "Prince", "Princess", "Emperor", "Pope", "Cardinal",
        "Bishop", "Archbishop", "Rev.", "Reverend", "Father", "Sheikh", "Sir", "Dame", "Lord", "Lady", "Mr.", "Mrs.",
        "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Professor", "Coach", "Officer", "Inspector",
        "Detective", "Sheriff", "Superintendent", "Leader", "Speaker", "Dean", "Councillor", "Councilman",
        "Councilwoman", "Deputy", "Delegate", "Mufti", "Imam", "Rabbi", "Ayatollah", "Lawmaker", "MP", "Sec.", "Supt.",
        "Insp.", "Det.", "Pres.", "Crown", "Administrator", "Executive", "Chairperson", "Treasurer",
        # roles news puts before a name like a title ("Quarterback Justin Herbert")
        "President-elect", "Vice-President-elect", "Quarterback", "Striker", "Midfielder", "Goalkeeper", "Defender",
        "Manager", "Boss", "Founder", "Co-founder", "Nominee", "Candidate", "Archduke", "Duke", "Duchess", "Emir",
        "Patriarch", "Rapporteur", "Economist", "Strategist", "Analyst",
    ]
)  # fmt: skip
# Titles also written in lower case before a name ("spokesman John Kirby").
LOWER_TITLES = frozenset(t.lower().rstrip(".") for t in TITLES) | frozenset(
    [
        "minister", "secretary", "spokesman", "spokeswoman", "president", "senator", "lawmaker", "analyst", "official",
        "economist", "director", "said", "according",
    ]
)  # fmt: skip

# Head words: the word that names what a capitalised phrase is.
ORG_WORDS = frozenset(
    [
        "Ministry", "Department", "Agency", "Council", "Committee", "Commission", "University", "College", "Institute",
        "Institution", "Bank", "Company", "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "Plc",
        "PLC", "Co.", "Group", "Holdings", "Party", "Army", "Navy", "Force", "Forces", "Police", "Court", "Parliament",
        "Congress", "Senate", "Assembly", "Association", "Union", "Organization", "Organisation", "Foundation",
        "Federation", "Fund", "Service", "Services", "Office", "Board", "Authority", "Bureau", "Club", "FC", "Times",
        "Post", "News", "Network", "Press", "Airlines", "Airways", "Church", "Hospital", "School", "Society", "Academy",
        "Guard", "Administration", "Government", "Cabinet", "Coalition", "Alliance", "League", "Brigade", "Battalion",
        "Regiment", "Corps", "Movement", "Front", "Trust", "Labs", "Laboratory", "Laboratories", "Industries", "Motors",
        "Systems", "Technologies", "Media", "Studios", "Records", "Magazine", "Journal", "Herald", "Gazette", "Tribune",
        "Telegraph", "Guardian", "Review", "Broadcasting", "Commons", "Kremlin", "Pentagon", "Secretariat",
        "Directorate", "Command", "Unit", "Team", "Observatory", "Reserve", "Exchange", "Railways", "Bancorp",
        "Partners", "Capital", "Associates", "Consortium", "Federal", "Nations", "Taliban",
        "Hamas", "Hezbollah", "Inspectorate", "Tribunal", "Circuit", "Org", "Municipality",
    ]
)  # fmt: skip
FAC_WORDS = frozenset(
    [
        "Airport", "Base", "Bridge", "Stadium", "Arena", "Tower", "Towers", "Hall", "Plant", "Palace", "Square",
        "Street", "Avenue", "Road", "Highway", "Motorway", "Building", "Mosque", "Cathedral", "Temple", "Museum",
        "Gallery", "Library", "Station", "Prison", "Dam", "Port", "Harbour", "Harbor", "Terminal", "Tunnel", "Canal",
        "Park", "Mall", "Hotel", "Theatre", "Theater", "Castle", "Fort", "Memorial", "Monument", "Gate", "Boulevard",
        "Lane", "Pier", "Complex", "Embassy", "Consulate", "Center", "Centre", "Abbey", "Pipeline",
    ]
)  # fmt: skip
# "Center"/"Centre" names a place (FAC) unless a word before it makes it an institution
# ("Medical Center" is a hospital, ORG in OntoNotes) or a complement follows ("Center for
# Strategic Studies", "Centre of Excellence"): then it is an organisation.
INSTITUTION_CENTER_WORDS = frozenset([
    "Medical", "Health", "Cancer", "Research", "Studies", "Policy", "Information", "Data", "Trade",
])  # fmt: skip
FAC_FIRST_WORDS = frozenset(["Place", "Fort", "Camp", "Piazza", "Plaza", "Avenue", "Rue", "Via"])
LOC_WORDS = frozenset(
    [
        "River", "Sea", "Ocean", "Mountains", "Mountain", "Mount", "Mt.", "Lake", "Bay", "Gulf", "Island", "Islands",
        "Valley", "Desert", "Peninsula", "Coast", "Strait", "Straits", "Canyon", "Forest", "Plain", "Plains", "Basin",
        "Delta", "Glacier", "Falls", "Hills", "Hill", "Highlands", "Cape", "Horn", "Reef", "Archipelago", "Channel",
        "Region", "Steppe", "Rift", "Corridor",
    ]
)  # fmt: skip
EVENT_WORDS = frozenset(
    [
        "War", "Olympics", "Olympic", "Games", "Cup", "Championship", "Championships", "Summit", "Festival", "Expo",
        "Fair", "Election", "Elections", "Revolution", "Massacre", "Uprising", "Marathon", "Grand", "Prix",
        "Tournament", "Holocaust", "Open", "Derby", "Referendum",
    ]
)  # fmt: skip
LAW_WORDS = frozenset([
    "Act", "Treaty", "Constitution", "Amendment", "Accord", "Accords", "Convention", "Charter", "Protocol", "Bill",
    "Code", "Law", "Pact", "Directive", "Regulation", "Compact", "Agreement", "Declaration",
])  # fmt: skip
# Words that may sit inside a name in lower case ("Sea of Azov", "Ludwig van Beethoven").
CONNECTORS = frozenset([
    "of", "the", "and", "&", "for", "on", "de", "da", "del", "della", "der", "den", "di", "du", "van", "von", "la",
    "le", "al", "bin", "ibn", "y",
])  # fmt: skip
NAME_PARTICLES = frozenset([
    "de", "da", "del", "della", "der", "den", "di", "du", "van", "von", "la", "le", "al", "bin", "ibn",
])  # fmt: skip

# Place words in lower case that make the capitalised word before them a GPE
# ("the Luhansk region"), and prepositions that usually precede a place.
PLACE_NOUNS = frozenset([
    "region", "province", "oblast", "district", "city", "county", "state", "village", "town", "capital", "republic",
])  # fmt: skip
# Lower-case nouns of land and water after a name ("the Aconcagua valley"): a LOC.
NATURAL_NOUNS = frozenset([
    "valley", "river", "basin", "delta", "peninsula", "desert", "plateau", "glacier", "estuary", "canyon", "gorge",
])  # fmt: skip
PLACE_PREPOSITIONS = frozenset(["in", "near", "outside", "across"])

# Canonical keys that spelling alone cannot find: (label, key) for each lower-case form.
ALIASES: dict[str, tuple[str, str]] = {}


def _alias(label: str, key: str, *forms: str) -> None:
    for form in (key, *forms):
        ALIASES[form.lower()] = (label, key)


_alias(
    "GPE", "United States", "U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the US", "the U.S."
)
_alias("GPE", "United Kingdom", "UK", "U.K.", "Britain", "Great Britain")
_alias("ORG", "European Union", "EU", "E.U.")
_alias("GPE", "United Arab Emirates", "UAE", "U.A.E.")
_alias("GPE", "Democratic Republic of the Congo", "DRC", "DR Congo")
_alias("ORG", "United Nations", "UN", "U.N.", "Untied Nations")
_alias("ORG", "North Atlantic Treaty Organization", "NATO", "Nato")
_alias("ORG", "Reuters")
_alias("ORG", "Associated Press", "AP")
_alias("ORG", "Agence France-Presse", "AFP")
_alias("ORG", "BBC")
_alias("GPE", "Washington D.C.", "Washington, D.C.", "D.C.")
_alias("LOC", "Middle East")
_alias("LOC", "Europe")
_alias("GPE", "Netherlands", "Holland")
_alias("GPE", "Gaza Strip")
for _sea in ("Pacific", "Atlantic", "Mediterranean", "Arctic", "Sahel", "Balkans", "Caucasus", "Himalayas", "Alps"):
    _alias("LOC", _sea)
_alias("GPE", "West Bank")
_alias("ORG", "White House")
_alias("FAC", "Wall Street")
_alias("ORG", "Downing Street")
# US states as wire copy abbreviates them after a town ("HARRISBURG, Pa."): only the forms
# with a full stop, which no other word takes.
for _state, _short in (
    ("Alabama", "Ala."), ("Arizona", "Ariz."), ("Arkansas", "Ark."), ("California", "Calif."),
    ("Colorado", "Colo."), ("Connecticut", "Conn."), ("Delaware", "Del."), ("Florida", "Fla."), ("Georgia", "Ga."),
    ("Illinois", "Ill."), ("Indiana", "Ind."), ("Kansas", "Kan."), ("Kentucky", "Ky."), ("Maryland", "Md."),
    ("Michigan", "Mich."), ("Minnesota", "Minn."),
    ("Missouri", "Mo."), ("Montana", "Mont."), ("Nebraska", "Neb."), ("Nevada", "Nev."), ("Oklahoma", "Okla."),
    ("Oregon", "Ore."), ("Pennsylvania", "Pa."), ("Tennessee", "Tenn."), ("Texas", "Tex."), ("Vermont", "Vt."),
    ("Virginia", "Va."), ("Washington", "Wash."), ("Wisconsin", "Wis."), ("Wyoming", "Wyo."),
):  # fmt: skip
    ALIASES[_short.lower()] = ("GPE", _state)

# Nationality-like words no country list covers: continents and regions, the nations of
# the United Kingdom, religions and their followers (OntoNotes NORP). Closed and short.
NORP_WORDS = frozenset(
    [
        "European", "Europeans", "African", "Africans", "Asian", "Asians", "Arab", "Arabs", "Arabic", "Latino",
        "Latinos", "Latina", "Hispanic", "Hispanics", "Caribbean", "Scandinavian", "Scandinavians", "Balkan", "Nordic",
        "Baltic", "Slavic", "Middle-Eastern", "Westerners", "English", "Scottish", "Scots", "Welsh", "Cornish",
        "Kurdish", "Kurds", "Muslim", "Muslims", "Islamic", "Christian", "Christians", "Jew", "Jews", "Jewish",
        "Buddhist", "Buddhists", "Hindu", "Hindus", "Sikh", "Sikhs", "Catholic", "Catholics", "Protestant",
        "Protestants", "Orthodox", "Evangelical", "Evangelicals", "Sunni", "Sunnis", "Shia", "Shiite", "Shiites",
        "Mormon", "Mormons", "Anglican", "Anglicans", "Lutheran", "Methodist", "Baptist", "Islam", "Christianity",
        "Judaism", "Buddhism", "Hinduism", "Sikhism", "Pashtun", "Tamil", "Tamils", "Uighur", "Uighurs", "Uyghur",
        "Uyghurs", "Maori", "Inuit", "Bedouin", "Republican", "Republicans", "Democrat", "Democrats", "Spaniard",
        "Spaniards", "Briton", "Britons", "Brits", "Israelis", "Palestinians", "Westerner",
        "Rohingya", "Yazidi", "Yazidis", "Hazara", "Hazaras", "Baloch", "Tutsi", "Tutsis", "Hutu", "Hutus", "Druze",
        "Alawite", "Alawites", "Copts", "Coptic", "Sami", "Tatar", "Tatars", "Berber", "Berbers", "Amazigh", "Pashtuns",
    ]
)  # fmt: skip
# Compass words that join a nationality or place into one ("West African", "South Korea").
COMPASS_WORDS = frozenset(
    [
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "New", "Greater",
        "Sub-Saharan",
    ]
)  # fmt: skip

# Acronyms that are not organisations when written in capitals.
NOT_ORG_ACRONYMS = frozenset([
    "I", "A", "OK", "TV", "PM", "AM", "GMT", "UTC", "ID", "CEO", "MP", "DJ", "PC", "AI", "MVP", "VIP", "IQ", "GDP",
    "CFO", "COO", "CTO", "USB", "DNA", "HIV", "AIDS", "PPE", "ICU", "LGBT", "LGBTQ", "SUV", "EV", "EVS", "OPINION",
    # caption and slug words of wire copy ("FILE PHOTO:", "UPDATE 2-"), never names
    "FILE", "PHOTO", "PHOTOS", "VIDEO", "UPDATE", "WRAPUP", "EXCLUSIVE", "FACTBOX", "ANALYSIS", "BREAKING", "LIVE",
    "POOL", "REFILE", "CORRECTED", "INSIGHT",
])  # fmt: skip
# Holidays and festivals: OntoNotes marks them DATE ("over Christmas", "during Ramadan").
HOLIDAYS = frozenset(
    [
        "Christmas", "Christmas Eve", "Christmas Day", "Boxing Day", "New Year", "New Year's", "New Year's Eve",
        "New Year's Day", "Lunar New Year", "Chinese New Year", "Easter", "Easter Sunday", "Good Friday", "Ramadan",
        "Eid", "Eid al-Fitr", "Eid al-Adha", "Hanukkah", "Passover", "Yom Kippur", "Rosh Hashanah", "Diwali", "Holi",
        "Thanksgiving", "Halloween", "Independence Day", "Labor Day", "Labour Day", "Memorial Day",
        "Veterans Day", "Valentine's Day", "Mother's Day", "Father's Day", "Nowruz", "Lent", "Advent",
        "Black Friday", "Cyber Monday", "Martin Luther King Day", "Presidents Day", "Bastille Day", "Anzac Day",
    ]
)  # fmt: skip
# Words written with a capital that name no entity in OntoNotes: processes, caption
# words, diseases (OntoNotes has no type for them; tagging them ORG was the error).
NOT_NAMES = frozenset(
    [
        "Brexit", "Grexit", "Megxit", "COVID", "COVID-19", "Covid", "Covid-19", "SARS-CoV-2", "Omicron",
        "Ebola", "Zika", "MERS", "SARS", "Mpox", "West", "East", "North", "South", "Internet", "Bible", "Koran",
        "Quran", "USB-C", "Wi-Fi", "Bluetooth", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]
)  # fmt: skip
SPEECH_VERBS = frozenset([
    "said", "says", "told", "added", "wrote", "stated", "announced", "argued", "explained", "asked", "replied",
])  # fmt: skip
