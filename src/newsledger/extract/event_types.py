"""Event types: ACLED's taxonomy, newsledger's additions, PLOVER codes, and a trained classifier.

The taxonomy is ACLED's 6 event types and 25 sub-event types, spelt as in
ACLED's codebook and data (``sub_event_type`` values), plus five newsledger
sub-types filed under *Strategic developments* for what campaign news reports
and ACLED has no sub-type for (vessel seizures, blockades, sanctions, military
build-ups, authorisations of force). Every sub-type carries a one-line
definition and its PLOVER code (event category and mode) from the Open Event
Data Alliance's PLOVER manual (``openeventdata/PLOVER``, PLOVER_MANUAL.tex,
the revision with ACCUSE modes and ASSAULT's ``sideAB`` mode), so events can
be exported to either ontology.

The tables are written here because no package ships them: the ``acled`` PyPI
package wraps ACLED's web API (which newsledger must not call) and nothing on
PyPI carries PLOVER. Definitions paraphrase ACLED's codebook; they are not
ACLED's wording.

:func:`classify_subtypes` scores texts over the ACLED sub-types with a small
spaCy ``textcat`` pipeline trained on ACLED event notes
(``training/train_event_classifier.py``) and shipped inside the package
(``newsledger/models/acled_subtype``; see its MODEL_CARD.md: the notes are
ACLED's, and users of the model must credit ACLED). It is loaded once, lazily,
from the installed package; nothing is downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
import warnings
from dataclasses import dataclass

from newsledger.errors import ModelNotFoundError, NewsledgerError

VERSION = "event_types.v1"

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
            f"see newsledger.extract.event_types.SUBTYPES for the {len(SUBTYPES)} names."
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


# --- ACLED notes and the fixed evaluation split ------------------------------------------------

# ACLED prefixes some notes with a finer category ("Property destruction: On 3 ...") and
# appends coding remarks in brackets ("[size=no report]", "[coded to X]"): both name or
# betray the label. Every note also opens with the same lead-in, a date and usually a
# place with its districts in parentheses ("On 9 March 2022, in Muse (Muse district,
# Shan-North state), ..."), which news sentences do not share. All of it is dropped so
# that a model trained on notes learns the event, not ACLED's house style.
_NOTE_PREFIX = re.compile(r"^(?!On\b)[A-Z][A-Za-z/ -]{0,40}:\s+")
_NOTE_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_NOTE_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_NOTE_DATE = re.compile(r"^[A-Z][a-z]*\b[^,]{0,80}?\b(?:19|20)\d\d\b,\s*")
_NOTE_PLACE = re.compile(r"^(?:in|near|at|outside|around)\s[^,;.]{0,100},\s*", re.IGNORECASE)


def clean_acled_note(note: str) -> str:
    """An ACLED ``notes`` text as a plain report of the event.

    Drops the leading finer label, bracketed coding remarks, parentheses, and
    the opening date and place clauses; the first letter left is capitalised.
    """
    text = _NOTE_BRACKETS.sub("", _NOTE_PREFIX.sub("", note.strip()))
    text = _NOTE_PARENTHESES.sub("", text).strip()
    text = _NOTE_PLACE.sub("", _NOTE_DATE.sub("", text))
    return text[:1].upper() + text[1:]


def acled_split(event_id: str) -> str:
    """``"train"``, ``"dev"`` or ``"test"`` for an ACLED record, from its ``event_id_cnty``.

    The bucket is the first 8 hex digits of SHA-256 of the id, modulo 100:
    0-19 test (20%), 20-29 dev (10%, a slice of the training 80% used only for
    choosing the model), 30-99 train (70%). Stable across runs, machines and
    record order.
    """
    bucket = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < 20:
        return "test"
    return "dev" if bucket < 30 else "train"


# --- the trained classifier --------------------------------------------------------------------

MODEL_PACKAGE = "newsledger.models"
MODEL_DIR = "acled_subtype"


@functools.lru_cache(maxsize=1)
def load_subtype_model():
    """The packaged ACLED sub-type classifier (a spaCy pipeline), loaded once.

    Raises:
        ModelNotFoundError: the model folder is missing from the installed package.
    """
    import spacy

    root = importlib.resources.files(MODEL_PACKAGE) / MODEL_DIR
    if not root.joinpath("meta.json").is_file():
        raise ModelNotFoundError(
            f"The event sub-type model is missing from the installed package ({root}). "
            "Reinstall newsledger, or rebuild it from a checkout with "
            "`python training/train_event_classifier.py --data acled-sample-dev.jsonl "
            "--out src/newsledger/models/acled_subtype`."
        )
    with importlib.resources.as_file(root) as path, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(path)


def classify_subtypes(texts: list[str], batch_size: int = 64) -> list[list[tuple[str, float]]]:
    """Score each text over the ACLED sub-types the model knows, best first.

    Returns one list per text of ``(sub-type, probability)`` pairs summing to 1,
    sorted by probability (ties by name); a blank text gets an empty list.
    The model knows only the sub-types
    present in its training data: no newsledger sub-types, and none of ACLED's
    that the sample lacks (see the model card).
    """
    nlp = load_subtype_model()
    # A text with no tokens has nothing to classify (and the CNN cannot pool an empty doc).
    present = [i for i, text in enumerate(texts) if text.strip()]
    out: list[list[tuple[str, float]]] = [[] for _ in texts]
    for i, doc in zip(present, nlp.pipe((texts[i] for i in present), batch_size=batch_size)):
        out[i] = sorted(doc.cats.items(), key=lambda kv: (-kv[1], kv[0]))
    return out
