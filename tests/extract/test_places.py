"""Place mentions: resolution in context (no model) and extraction from real articles (model).

Sentences marked with a Wikinews URL are quoted from that article: text from
Wikinews (https://en.wikinews.org), by Wikinews contributors, CC BY 2.5.
"""

from __future__ import annotations

import re

import pytest

from newsledger.extract.places import VERSION, resolve_span, resolve_spans
from newsledger.schema import PLACE_PRECISIONS, PlaceMention


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    """Offsets of every whole-word occurrence of each name, in text order."""
    found = []
    for name in names:
        found += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return sorted(found)


def _resolve(text: str, *names: str) -> dict[str, PlaceMention]:
    spans = _spans(text, *names)
    resolved = resolve_spans(text, spans)
    return {text[s:e]: m for (s, e), m in zip(spans, resolved)}


def test_version_is_recorded():
    assert VERSION == "places.v2"


# ------------------------------------------------------------- resolution only
@pytest.mark.parametrize(
    ("text", "names", "name", "country", "admin1"),
    [
        # Context decides: the same name in different articles.
        ("Protests spread from Atlanta to Savannah across Georgia.", ("Atlanta", "Savannah", "Georgia"),
         "Georgia", "US", "Georgia"),
        ("Russian troops left Tbilisi as Georgia counted the cost.", ("Tbilisi", "Georgia"), "Georgia", "GE", None),
        ("A fire in Alexandria, La., destroyed two homes.", ("Alexandria", "La."), "Alexandria", "US", "Louisiana"),
        ("Police in Alexandria and Cairo arrested dozens.", ("Alexandria", "Cairo"), "Alexandria", "EG", None),
        ("The fair came to Paris, Texas, on Sunday.", ("Paris", "Texas"), "Paris", "US", "Texas"),
        ("Flights from Paris to Lyon were cancelled.", ("Paris", "Lyon"), "Paris", "FR", None),
        ("Coca is grown in Bolivia, Peru and Colombia.", ("Bolivia", "Peru", "Colombia"), "Peru", "PE", None),
        ("Three killed in a stabbing in Reading, Berkshire, UK.", ("Reading", "Berkshire", "UK"),
         "Reading", "GB", None),
        ("Officials in Washington said the sanctions would stay.", ("Washington",), "Washington", "US", None),
    ],
)
def test_context_picks_the_reading(text, names, name, country, admin1):
    mention = _resolve(text, *names)[name]
    assert mention.country_code == country
    if admin1 is not None:
        assert mention.admin1 == admin1


def test_a_capital_named_alone_is_the_capital_city():
    mention = _resolve("Officials in Washington said the sanctions would stay.", "Washington")["Washington"]
    assert mention.precision == "city" and mention.feature_code == "PPLC"
    assert abs(mention.lat - 38.9) < 0.2 and abs(mention.lon + 77.0) < 0.2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran warned tankers in the Gulf near the Strait of Hormuz.", "Persian Gulf"),
        ("Oil rigs off Louisiana and Texas were evacuated before the storm reached the Gulf.", "Gulf of Mexico"),
    ],
)
def test_the_gulf_follows_the_article(text, expected):
    assert _resolve(text, "Gulf", "Iran", "Louisiana", "Texas")["Gulf"].name == expected


def test_all_mentions_of_one_name_share_a_reading():
    text = "Springfield police said the Springfield man was known to officers in Illinois."
    resolved = _resolve(text, "Springfield", "Illinois")
    spans = _spans(text, "Springfield")
    mentions = resolve_spans(text, spans)
    assert len({m.geonameid for m in mentions}) == 1
    assert resolved["Springfield"].admin1 == "Illinois"


def test_a_given_demonym_span_resolves_to_its_country():
    # Corpora such as TR-News mark adjectives as toponyms: resolve_span honours a span it is given.
    text = "A Turkish policeman shot the ambassador."
    mention = resolve_span(text, 2, 9)
    assert mention.country_code == "TR" and mention.precision == "country"


def test_resolve_span_uses_context_places():
    text = "He grew up in Alexandria."
    start = text.index("Alexandria")
    context = resolve_spans("Rapides Parish, Louisiana", [(0, 14), (16, 25)])
    mention = resolve_span(text, start, start + len("Alexandria"), context)
    assert mention.country_code == "US" and mention.admin1 == "Louisiana"
    alone = resolve_span(text, start, start + len("Alexandria"))
    assert alone.country_code == "EG"


def test_unknown_names_are_not_resolved():
    text = "They met at Zorblatt Qwenny on Monday."
    assert resolve_spans(text, [(12, 26)]) == [None]


def test_offsets_and_precision_follow_the_schema():
    text = "Ships crossed the Red Sea towards Jeddah in Saudi Arabia."
    for mention in resolve_spans(text, _spans(text, "Red Sea", "Jeddah", "Saudi Arabia")):
        assert text[mention.start : mention.end] == mention.text
        assert mention.precision in PLACE_PRECISIONS
        assert -90 <= mention.lat <= 90 and -180 <= mention.lon <= 180


# --------------------------------------------------------- extraction (model)
def _extract(nlp, text: str) -> list[PlaceMention]:
    from newsledger.extract.entities import extract_entities
    from newsledger.extract.places import extract_places

    doc = nlp(text)
    return extract_places(doc, extract_entities(doc))


SEED_END = "flooded the country with drugs."


@pytest.fixture(scope="module")
def seed_places(nlp, shared_data):
    text = (shared_data / "seed" / "venezuela-dock-strike.txt").read_text(encoding="utf-8")
    text = text[: text.index(SEED_END) + len(SEED_END)]
    places = _extract(nlp, text)
    for mention in places:
        assert text[mention.start : mention.end] == mention.text
    return places


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "country", "precision"),
    [
        ("Venezuela", "VE", "country"),
        ("Bolivia", "BO", "country"),
        ("Peru", "PE", "country"),
        ("Colombia", "CO", "country"),
        ("United States", "US", "country"),
        ("U.S.", "US", "country"),
    ],
)
def test_seed_countries(seed_places, text, country, precision):
    mentions = [m for m in seed_places if m.text == text]
    assert mentions, f"{text} not found"
    assert all(m.country_code == country and m.precision == precision for m in mentions)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "lat_range", "lon_range"),
    [
        ("Caribbean", (9, 22), (-88, -60)),  # Caribbean Sea, around 15N 75W
        ("eastern Pacific", (-5, 25), (-130, -82)),  # off Central and South America, west of them
    ],
)
def test_seed_waters(seed_places, text, lat_range, lon_range):
    mentions = [m for m in seed_places if m.text == text]
    assert mentions, f"{text} not found"
    for m in mentions:
        assert m.precision in ("water", "region")
        assert lat_range[0] <= m.lat <= lat_range[1] and lon_range[0] <= m.lon <= lon_range[1]


@pytest.mark.model
def test_seed_has_nothing_on_the_wrong_continent(seed_places):
    for m in seed_places:
        # Every place in this article is in the Americas or the seas around them.
        assert -60 <= m.lat <= 50 and -130 <= m.lon <= -30, m


@pytest.mark.model
def test_seed_demonyms_are_not_places(seed_places):
    texts = {m.text for m in seed_places}
    assert "Venezuelan" not in texts and "American" not in texts


# (sentence, wikinews url, {mention text: (country, precision or None)}, names that must not be places)
WIKINEWS = [
    ("An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia.",
     "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
     {"Magnitogorsk": ("RU", "city"), "Russia": ("RU", "country")}, ()),
    ("The United States called its actions defensive in nature, pointing to the December 31 attack on the "
     "United States Embassy in Baghdad as an example of the attacks on U.S. citizens that Soleimani took part in.",
     "https://en.wikinews.org/wiki/United_States_military_kills_Qasem_Soleimani",
     {"Baghdad": ("IQ", "city"), "United States": ("US", "country")}, ()),
    ("The British relinquished control of Hong Kong to China in 1997.",
     "https://en.wikinews.org/wiki/Hong_Kong_protesters_surround_downtown_police_complex",
     {"Hong Kong": ("HK", None), "China": ("CN", "country")}, ("British",)),
    ("A bombing was yesterday reported to have killed Abu Dhabi TV photojournalist Ziad al-Sharabi in the Red Sea "
     "port town of Mokha, Yemen.",
     "https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others",
     {"Mokha": ("YE", "city"), "Yemen": ("YE", "country"), "Red Sea": (None, "water")}, ()),
    ("Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an agreement "
     "with the government of Syria after Turkey began a military offensive into north-eastern Syria on Wednesday.",
     "https://en.wikinews.org/wiki/Kurds_announce_deal_with_Assad%27s_government_as_Turkey_invades_Syria%27s_northeast",
     {"Syria": ("SY", "country"), "Turkey": ("TR", "country")}, ("Syrian", "Kurdish")),
    ("On Saturday evening in Forbury Gardens in Reading, Berkshire, UK shortly before 19:00 local time "
     "(1800 UTC), a mass stabbing killed three people and injured three others.",
     "https://en.wikinews.org/wiki/Three_killed,_three_others_injured_in_stabbing_attack_in_Reading,_UK",
     {"Reading": ("GB", "city"), "UK": ("GB", "country")}, ()),
    ("An Australian, Brenton Tarrant, aged 28, appeared in Christchurch District Court, New Zealand yesterday, "
     "charged with one count of murder pertaining to a mass shooting in Christchurch on Friday, which caused the "
     "death of at least 50 people.",
     "https://en.wikinews.org/wiki/New_Zealand_mosque_murder_suspect_appears_in_court_at_Christchurch",
     {"Christchurch": ("NZ", "city"), "New Zealand": ("NZ", "country")}, ("Australian",)),
    ("Kyle Rittenhouse, the suspect in a shooting of protesters in Kenosha, Wisconsin, United States that left two "
     "people dead, was released from a Wisconsin jail Friday after his lawyers posted US$2 million bond.",
     "https://en.wikinews.org/wiki/Suspect_in_Kenosha,_Wisconsin_protester_killings_released_from_jail_on_US$2_million_bond",
     {"Kenosha": ("US", "city"), "Wisconsin": ("US", "admin1")}, ("US",)),
    ("Protests are not reported in Mosul, in northern Iraq.",
     "https://en.wikinews.org/wiki/Coalition_authorities_report_no_casualties_from_missile_strike_on_Iraqi_air_base",
     {"Mosul": ("IQ", "city"), "Iraq": ("IQ", "country")}, ()),
    ("On Thursday, Sviatlana Tsikhanouskaya, an opposition candidate for the Belarusian presidential election to be "
     "held on August 9, held a rally in Minsk, Belarus.",
     "https://en.wikinews.org/wiki/Belarussian_opposition_presidential_candidate_Sviatlana_Tsikhanouskaya_holds_major_rally_in_Minsk",
     {"Minsk": ("BY", "city"), "Belarus": ("BY", "country")}, ("Belarusian",)),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "url", "expected", "absent"), WIKINEWS, ids=[w[1].rsplit("/", 1)[1][:40] for w in WIKINEWS]
)
def test_wikinews_places(nlp, text, url, expected, absent):
    places = _extract(nlp, text)
    by_text = {m.text: m for m in places}
    for name, (country, precision) in expected.items():
        assert name in by_text, f"{name} missing from {sorted(by_text)}"
        mention = by_text[name]
        assert mention.country_code == country, mention
        if precision is not None:
            assert mention.precision == precision, mention
    for name in absent:
        assert name not in by_text, f"{name} should not be a place"


SYRIA_EXCERPT = (
    # https://en.wikinews.org/wiki/Kurds_announce_deal_with_Assad%27s_government_as_Turkey_invades_Syria%27s_northeast
    "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an agreement with "
    "the government of Syria after Turkey began a military offensive into north-eastern Syria on Wednesday. "
    "According to Syrian state media, government forces began deploying into previously SDF controlled territory "
    "yesterday. Also on Sunday, the United States announced a complete withdrawal from the region, beyond the "
    "withdrawal from the \"immediate area\" first announced seven days earlier on October 6.\n\n"
    "The Syrian Army — whose commander-in-chief is President Bashar al-Assad — entered Tell Tamer and Ain Issa "
    "yesterday according to state media."
)


@pytest.mark.model
def test_a_syrian_town_tagged_as_a_person_is_found_in_a_syria_article(nlp):
    by_text = {m.text: m for m in _extract(nlp, SYRIA_EXCERPT)}
    assert by_text["Tell Tamer"].country_code == "SY"
    assert by_text["Tell Tamer"].precision == "city"
    assert "Bashar al-Assad" not in by_text
