"""The taxonomies newsledger codes in, defined once: event types, PLOVER, precisions, grades.

Plain data (tuples, dicts, frozen dataclasses) and a few lookups over it; it
imports nothing heavy, so any layer may read it. Where each table comes from:

* **ACLED event types and sub-event types** (:data:`EVENT_TYPES`,
  :data:`SUBTYPES`): ACLED's 6 event types and 25 sub-event types, spelt as in
  ACLED's codebook and data (``sub_event_type`` values), plus five newsledger
  sub-types filed under *Strategic developments* for what campaign news
  reports and ACLED has no sub-type for (vessel seizures, blockades,
  sanctions, military build-ups, authorisations of force). Definitions
  paraphrase ACLED's codebook; they are not ACLED's wording.
* **PLOVER** (:data:`PLOVER_EVENTS`, :data:`PLOVER_MODES`, each sub-type's
  :class:`PloverCode`): the Open Event Data Alliance's PLOVER manual
  (``openeventdata/PLOVER``, PLOVER_MANUAL.tex, the revision with ACCUSE modes
  and ASSAULT's ``sideAB`` mode), with newsledger's compliant extensions in
  :data:`NEWSLEDGER_PLOVER_MODES`.
* **Families** (:data:`FAMILIES`, :data:`FAMILY_DEFAULTS`): newsledger's own
  grouping of sub-types by what a trigger word can settle (an "attack" is one
  of ten sub-types until the classifier chooses).
* **Place and time precisions** (:data:`PLACE_PRECISIONS`,
  :data:`PRECISION_RANK`, :data:`TIME_PRECISIONS`): the ``precision`` values
  of the ``newsledger/1`` contract (``newsledger-1.schema.json``), finest
  first.
* **ACLED's precision codes** (:data:`GEO_PRECISION`, :data:`TIME_PRECISION`):
  ``geo_precision`` and ``time_precision`` as ACLED's codebook defines them
  (1 the finest, 3 the coarsest).
* **Incident grades** (:data:`GRADES`, :data:`GRADE_RANK`): newsledger's own
  statement of how well an incident is sourced.

Written here because no package ships these tables: the ``acled`` PyPI package
wraps ACLED's web API (which newsledger must not call) and nothing on PyPI
carries PLOVER.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.errors import NewsledgerError

# --- ACLED event types and sub-types, PLOVER ----------------------------------------------------

ACLED = "acled"
NEWSLEDGER = "newsledger"

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
EVENT_TYPES = (BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS, PROTESTS, RIOTS, STRATEGIC_DEVELOPMENTS)

# PLOVER's event categories and the modes its manual defines for each (categories
# without a mode table take none).
PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "DEMAND": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "general", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
        "firearms", "explosives", "suicide-attack", "heavy-weapons", "cleansing", "massacre",
        "unconventional", "sideAB",
    ),
}
# Modes newsledger adds, as PLOVER invites compliant extensions. PLOVER's manual has
# no mode for weapons delivered from the air, which ACLED counts as its own sub-type.
NEWSLEDGER_PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("aerial",),
}


class UnknownSubtypeError(NewsledgerError, KeyError):
    """A sub-type name that is neither ACLED's nor newsledger's."""

    def __str__(self) -> str:  # KeyError would print the message quoted
        return str(self.args[0])


@dataclass(frozen=True)
class PloverCode:
    """A PLOVER event category and, where one applies, its mode.

    ``extension`` is True when the mode is newsledger's (see
    ``NEWSLEDGER_PLOVER_MODES``), not one of the PLOVER manual's.
    """

    event: str
    mode: str | None = None
    extension: bool = False


@dataclass(frozen=True)
class SubType:
    """One sub-event type: its ACLED event type, definition, PLOVER code and origin."""

    name: str
    event_type: str
    definition: str
    plover: PloverCode | None
    source: str = ACLED


def _p(event: str, mode: str | None = None) -> PloverCode:
    return PloverCode(event, mode, extension=mode in NEWSLEDGER_PLOVER_MODES.get(event, ()))


SUBTYPES: tuple[SubType, ...] = (
    # Battles are two-sided armed interactions: PLOVER's ASSAULT with the two-sided mode.
    SubType("Armed clash", BATTLES,
            "Armed, organised groups fight each other and no side gains a location.", _p("ASSAULT", "sideAB")),
    SubType("Government regains territory", BATTLES,
            "Government forces or their affiliates retake a location from a non-state group by fighting.",
            _p("ASSAULT", "sideAB")),
    SubType("Non-state actor overtakes territory", BATTLES,
            "A non-state armed group or a foreign force takes a location by fighting.", _p("ASSAULT", "sideAB")),
    SubType("Chemical weapon", EXPLOSIONS,
            "Chemical weapons are used against people.", _p("ASSAULT", "unconventional")),
    SubType("Air/drone strike", EXPLOSIONS,
            "Bombs, missiles or munitions are delivered from aircraft, helicopters or drones.",
            _p("ASSAULT", "aerial")),
    SubType("Suicide bomb", EXPLOSIONS,
            "An attacker detonates explosives on their person or vehicle, dying in the blast.",
            _p("ASSAULT", "suicide-attack")),
    SubType("Shelling/artillery/missile attack", EXPLOSIONS,
            "Artillery, mortars, rockets or ground- or sea-launched missiles strike a target from afar.",
            _p("ASSAULT", "heavy-weapons")),
    SubType("Remote explosive/landmine/IED", EXPLOSIONS,
            "A planted or remotely detonated explosive (landmine, IED, car bomb) goes off with no attacker present.",
            _p("ASSAULT", "explosives")),
    SubType("Grenade", EXPLOSIONS,
            "A grenade or similar hand-thrown explosive is used.", _p("ASSAULT", "explosives")),
    SubType("Sexual violence", VIOLENCE_AGAINST_CIVILIANS,
            "People are targeted with rape or other sexual violence.", _p("ASSAULT", "sexual")),
    # Any weapon: PLOVER's mode is left empty rather than guessed.
    SubType("Attack", VIOLENCE_AGAINST_CIVILIANS,
            "An armed group or individual kills, injures or assaults unarmed civilians.", _p("ASSAULT")),
    SubType("Abduction/forced disappearance", VIOLENCE_AGAINST_CIVILIANS,
            "Civilians are kidnapped, taken hostage or detained without due process.", _p("ASSAULT", "abduct")),
    SubType("Peaceful protest", PROTESTS,
            "Demonstrators gather without violence and are not met with force.", _p("PROTEST", "demo")),
    SubType("Protest with intervention", PROTESTS,
            "A peaceful protest is dispersed or suppressed (arrests, tear gas) without serious injury.",
            _p("PROTEST", "demo")),
    # The event ACLED records is the force used, not the protest it breaks up.
    SubType("Excessive force against protesters", PROTESTS,
            "Peaceful protesters are met with lethal force or force causing serious injury.", _p("ASSAULT")),
    SubType("Violent demonstration", RIOTS,
            "Demonstrators turn violent: clashes, vandalism, property destruction.", _p("PROTEST", "riot")),
    SubType("Mob violence", RIOTS,
            "A crowd with no organised demand attacks people or property.", _p("PROTEST", "riot")),
    # PLOVER files a signed or finalised agreement under SUPPORT; AGREE is the promise of one.
    SubType("Agreement", STRATEGIC_DEVELOPMENTS,
            "Parties conclude an agreement: a ceasefire, a peace deal, a prisoner exchange.", _p("SUPPORT")),
    SubType("Arrests", STRATEGIC_DEVELOPMENTS,
            "Authorities detain people of note, or many people, without violence.", _p("COERCE", "arrest")),
    SubType("Change to group/activity", STRATEGIC_DEVELOPMENTS,
            "An armed group forms, merges, recruits, moves forces or takes non-violent security measures.",
            _p("MOBILIZE")),
    # A foiled attack (bomb defused, missile intercepted, cache seized) has no PLOVER category.
    SubType("Disrupted weapons use", STRATEGIC_DEVELOPMENTS,
            "An attack is prevented: an explosive defused, a drone or missile intercepted, weapons seized.", None),
    SubType("Headquarters or base established", STRATEGIC_DEVELOPMENTS,
            "A non-state armed group sets up a permanent or semi-permanent base or headquarters.",
            _p("MOBILIZE", "militia")),
    # PLOVER moved property destruction from COERCE to ASSAULT.
    SubType("Looting/property destruction", STRATEGIC_DEVELOPMENTS,
            "Goods or property are looted, seized or destroyed outside a violent engagement.",
            _p("ASSAULT", "destroy")),
    SubType("Non-violent transfer of territory", STRATEGIC_DEVELOPMENTS,
            "Control of a location passes from one group to another without fighting.", _p("RETREAT", "withdraw")),
    SubType("Other", STRATEGIC_DEVELOPMENTS,
            "A significant development that fits no other sub-type (displacement, mass graves, elections).", None),
    # newsledger's additions: campaign news that ACLED would record as "Other" or not at all.
    SubType("Vessel seizure/interdiction", STRATEGIC_DEVELOPMENTS,
            "A state or armed group boards, seizes, diverts or detains a ship or its cargo.",
            _p("COERCE", "confiscate"), NEWSLEDGER),
    SubType("Blockade", STRATEGIC_DEVELOPMENTS,
            "A state or armed group closes a coast, port, border or route to ships or goods by force.",
            _p("COERCE", "restrict"), NEWSLEDGER),
    SubType("Sanctions", STRATEGIC_DEVELOPMENTS,
            "A state or international body imposes or tightens sanctions, embargoes or asset freezes on a target.",
            _p("SANCTION", "discontinue"), NEWSLEDGER),
    SubType("Military build-up", STRATEGIC_DEVELOPMENTS,
            "Forces, ships, aircraft or weapons are deployed or massed in a theatre as a show of force, unused.",
            _p("MOBILIZE", "troops"), NEWSLEDGER),
    # Announced force not yet used is a threat in PLOVER, whose mode is what is threatened.
    SubType("Authorisation/declaration", STRATEGIC_DEVELOPMENTS,
            "A government or commander formally authorises, orders or declares the use of force before it is used.",
            _p("THREATEN", "violence"), NEWSLEDGER),
)

_BY_NAME = {s.name: s for s in SUBTYPES}
_BY_FOLDED = {s.name.casefold(): s for s in SUBTYPES}
ACLED_SUBTYPES = tuple(s.name for s in SUBTYPES if s.source == ACLED)
NEWSLEDGER_SUBTYPES = tuple(s.name for s in SUBTYPES if s.source == NEWSLEDGER)


def subtype(name: str | SubType) -> SubType:
    """The sub-type called ``name`` (exact, else case-insensitive).

    Raises:
        UnknownSubtypeError: no such sub-type.
    """
    if isinstance(name, SubType):
        return name
    found = _BY_NAME.get(name) or _BY_FOLDED.get(" ".join(name.split()).casefold())
    if found is None:
        raise UnknownSubtypeError(
            f"{name!r} is not an ACLED or newsledger sub-event type; "
            f"see newsledger.taxonomy.SUBTYPES for the {len(SUBTYPES)} names."
        )
    return found


def event_type_of(name: str | SubType) -> str:
    """ACLED event type of a sub-type: ``event_type_of("Grenade") == "Explosions/Remote violence"``."""
    return subtype(name).event_type


def plover_of(name: str | SubType) -> PloverCode | None:
    """PLOVER code of a sub-type, or None where PLOVER has no category for it."""
    return subtype(name).plover


def subtypes_of(event_type: str) -> tuple[SubType, ...]:
    """The sub-types of one event type, in codebook order (ACLED's first)."""
    if event_type not in EVENT_TYPES:
        raise UnknownSubtypeError(f"{event_type!r} is not an ACLED event type; expected one of {EVENT_TYPES}.")
    return tuple(s for s in SUBTYPES if s.event_type == event_type)


# The sub-type names the extraction rules speak of.
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
SUICIDE = "Suicide bomb"
GRENADE = "Grenade"
CHEMICAL = "Chemical weapon"
CLASH = "Armed clash"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL = "Sexual violence"
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
EXCESSIVE = "Excessive force against protesters"
VIOLENT_DEMO = "Violent demonstration"
MOB = "Mob violence"
ARRESTS = "Arrests"
LOOTING = "Looting/property destruction"
AGREEMENT = "Agreement"
SEIZURE = "Vessel seizure/interdiction"
BLOCKADE = "Blockade"
SANCTIONS = "Sanctions"
BUILDUP = "Military build-up"
AUTHORISATION = "Authorisation/declaration"

# --- families: what a trigger word settles ------------------------------------------------------

FAMILIES = {
    "attack": {AIR, SHELLING, IED, SUICIDE, GRENADE, CHEMICAL, CLASH, ATTACK, ABDUCTION, SEXUAL},
    "protest": {PEACEFUL, INTERVENTION, EXCESSIVE, VIOLENT_DEMO, MOB},
    "arrest": {ARRESTS},
    "looting": {LOOTING},
    "agreement": {AGREEMENT},
    "seizure": {SEIZURE},
    "blockade": {BLOCKADE},
    "sanctions": {SANCTIONS},
    "buildup": {BUILDUP},
    "authorisation": {AUTHORISATION},
}
VIOLENT = FAMILIES["attack"]
# When neither the trigger nor the classifier settles a family's sub-type.
FAMILY_DEFAULTS = {"attack": ATTACK, "protest": PEACEFUL}


def family_of(subtype: str) -> str:
    """The family a sub-type belongs to (``"attack"``, ``"protest"``, ...), else ``"other"``."""
    for family, members in FAMILIES.items():
        if subtype in members:
            return family
    return "other"


# --- precisions ---------------------------------------------------------------------------------

TIME_PRECISIONS = ("day", "week", "month", "quarter", "year", "decade", "unknown")
PLACE_PRECISIONS = ("site", "city", "admin2", "admin1", "country", "region", "water")
# A place precision's rank, finest first.
PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5, "water": 6}

# ACLED's geo_precision: 1 a town or site, 2 a district or "near" a town, 3 a province or larger.
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3, "water": 3}
# ACLED's time_precision: 1 the day is known, 2 a week or a few days, 3 only a month or longer.
TIME_PRECISION_DAY, TIME_PRECISION_WEEK, TIME_PRECISION_LONGER = 1, 2, 3
TIME_PRECISION = {
    "day": TIME_PRECISION_DAY, "week": TIME_PRECISION_WEEK, "month": TIME_PRECISION_LONGER,
    "quarter": TIME_PRECISION_LONGER, "year": TIME_PRECISION_LONGER, "decade": TIME_PRECISION_LONGER,
}

# --- incident grades ----------------------------------------------------------------------------

GRADES = ("single source", "several sources", "acknowledged", "contested")
# Higher is better sourced; a contested incident ranks below a single source.
GRADE_RANK = {"single source": 1, "several sources": 2, "acknowledged": 3, "contested": 0}
