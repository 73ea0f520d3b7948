"""The trigger lexicon: which ACLED sub-type the words settle, and what they leave to the classifier.

Sentences written for these tests (none copied from an evaluation set), parsed
by the project's spaCy pipeline; each names the trigger word and the sub-type
the rule must give, or the sub-types the classifier may still choose from.
"""

from __future__ import annotations

import pytest

from newsledger import taxonomy
from newsledger.extract.event_rules import match_trigger

pytestmark = pytest.mark.model

ATTACK = "Attack"
CLASH = "Armed clash"


def _match(nlp, text: str, word: str):
    doc = nlp(text)
    token = next((t for t in doc if t.text == word), None)
    assert token is not None, f"{word!r} not in {text!r}"
    return match_trigger(token)


SETTLED = [
    # Shootings in local news: an attack on people, never an air strike or a rape.
    ("A bullet went through the kitchen window, striking a 15-year-old boy in the face.", "striking", ATTACK),
    ("Two men were shot dead outside a bar on Friday night.", "shot", ATTACK),
    ("A woman was stabbed near the bus station on Sunday.", "stabbed", ATTACK),
    ("A gunman opened fire at a shopping mall, wounding four shoppers.", "opened", ATTACK),
    ("A gunman killed three customers at a restaurant in the city.", "killed", ATTACK),
    ("The man was gunned down in his driveway on Tuesday evening.", "gunned", ATTACK),
    # Both sides firing: a battle.
    ("The suspect exchanged fire with deputies before fleeing into the woods.", "exchanged", CLASH),
    ("Officers shot the driver after a brief shootout on the highway.", "shot", CLASH),
    ("A gunfight broke out between two gangs near the market.", "gunfight", CLASH),
    # Force against demonstrators.
    ("Security forces opened fire on demonstrators in the capital.", "opened", "Excessive force against protesters"),
    ("Police fired tear gas at protesters outside parliament.", "fired", "Protest with intervention"),
    # Strikes: from the air where the words are military, a stoppage where they are labour's.
    ("The Pentagon said a strike on a boat in the Caribbean killed four people.", "strike", "Air/drone strike"),
    ("A drone strike hit a convoy north of the city.", "strike", "Air/drone strike"),
    ("The navy struck a boat off the coast, killing three people aboard.", "struck", "Air/drone strike"),
    ("The strike at the factory entered its third week as union workers demanded higher pay.", "strike", "Peaceful protest"),
    # Remote violence.
    ("Rebels fired mortars at the army base overnight.", "fired", "Shelling/artillery/missile attack"),
    ("Coalition air raids targeted the district on Monday.", "raids", "Air/drone strike"),
    ("A suicide bomber blew himself up at the checkpoint.", "bomber", "Suicide bomb"),
    ("Insurgents carried out a landmine attack on a patrol.", "attack", "Remote explosive/landmine/IED"),
    ("Attackers threw a grenade into a crowded bar.", "grenade", "Grenade"),
    # Strategic developments.
    ("Rebels took control of the town after clashes with the army.", "took", "Non-state actor overtakes territory"),
    ("Government troops recaptured the village after heavy fighting.", "recaptured", "Government regains territory"),
    ("The militia took control of the border post without a fight.", "took", "Non-violent transfer of territory"),
    ("The soldiers withdrew from the town and handed it over to a local militia.", "withdrew", "Non-violent transfer of territory"),
    ("Soldiers found and defused two roadside bombs near the bridge.", "defused", "Disrupted weapons use"),
    ("Police seized weapons and ammunition from a warehouse.", "seized", "Disrupted weapons use"),
    ("Air defences intercepted two missiles over the port.", "intercepted", "Disrupted weapons use"),
    ("The rebels set up a base in the forest.", "set", "Headquarters or base established"),
    ("The government and the rebels signed a peace agreement in the capital.", "agreement", "Agreement"),
    ("Forty militants surrendered to the army with their weapons.", "surrendered", "Agreement"),
    ("The army deployed reinforcements to the northern front.", "deployed", "Change to group/activity"),
    ("Thousands of families were displaced by the fighting.", "displaced", "Other"),
    ("Soldiers set fire to twenty houses in the village.", "set", "Looting/property destruction"),
    ("Armed men looted shops in the market overnight.", "looted", "Looting/property destruction"),
    ("Police arrested five men at a roadblock.", "arrested", "Arrests"),
    ("The suspect was taken into custody on Monday.", "custody", "Arrests"),
    ("Rebels detained two aid workers at a roadblock.", "detained", "Abduction/forced disappearance"),
    # Crowds.
    ("A mob lynched a suspected thief in the market.", "lynched", "Mob violence"),
    ("Villagers beat a suspected thief to death.", "beat", "Mob violence"),
    ("Protesters blocked the highway and burned tyres.", "blocked", "Violent demonstration"),
    ("Hundreds gathered outside the ministry to demand unpaid wages. Police dispersed them with batons.", "gathered", "Protest with intervention"),
    # Abduction and sexual violence only where the words say so.
    ("Gunmen kidnapped a priest on the road to the village.", "kidnapped", "Abduction/forced disappearance"),
    ("A soldier raped a woman in the village.", "raped", "Sexual violence"),
    ("Militants abducted and killed a farmer.", "abducted", ATTACK),
]


@pytest.mark.parametrize(("text", "word", "subtype"), SETTLED, ids=[f"{w}:{s}" for _, w, s in SETTLED])
def test_the_words_settle_the_subtype(nlp, text, word, subtype):
    match = _match(nlp, text, word)
    assert match is not None, "no trigger"
    assert match.subtype == subtype, match
    assert match.family == taxonomy.family_of(subtype)


NOT_EVENTS = [
    ("Lawmakers debated gun violence and gun laws for hours.", "gun"),
    ("The victim was struck by a car on the interstate.", "struck"),
    ("Strong winds hit the county overnight.", "hit"),
    ("The bomb squad examined the package.", "bomb"),
    ("Negotiators tried to defuse the situation.", "defuse"),
    ("He deployed to Iraq in 2011.", "deployed"),
    ("The neighbours rallied around the family after the funeral.", "rallied"),
    ("The owner agreed to close the club for a week.", "agreed"),
    ("Riot police stood by the gate.", "Riot"),
    ("Detectives executed a search warrant at the house.", "executed"),
    ("The doctor declared him dead at the scene.", "declared"),
    ("He got into a fight with his brother last year.", "fight"),
]


@pytest.mark.parametrize(("text", "word"), NOT_EVENTS, ids=[w for _, w in NOT_EVENTS])
def test_not_an_event(nlp, text, word):
    assert _match(nlp, text, word) is None


LIMITED = [
    # A bare killing: the classifier chooses, but never rape or abduction unless the words say so.
    ("Three people were killed in the town on Monday.", "killed", {ATTACK}, {"Sexual violence", "Abduction/forced disappearance", "Air/drone strike"}),
    ("Militants attacked an army post, and soldiers returned fire.", "attacked", {ATTACK, CLASH}, {"Sexual violence", "Abduction/forced disappearance"}),
    ("Gunmen attacked the village, kidnapping ten women.", "attacked", {ATTACK, "Abduction/forced disappearance"}, {"Sexual violence"}),
    # Soldiers shot by militants: a battle or an attack, for the classifier to weigh.
    ("Militants shot dead two soldiers at a checkpoint.", "shot", {ATTACK, CLASH}, {"Sexual violence", "Air/drone strike"}),
]


@pytest.mark.parametrize(("text", "word", "present", "absent"), LIMITED, ids=[w for _, w, _, _ in LIMITED])
def test_the_words_limit_the_classifier(nlp, text, word, present, absent):
    match = _match(nlp, text, word)
    assert match is not None and match.subtype is None
    assert match.allowed is not None
    assert present <= match.allowed
    assert not absent & match.allowed


def test_every_acled_subtype_is_reachable_from_the_lexicon(nlp):
    """Each of ACLED's sub-types (but Chemical weapon) is settled by some sentence above."""
    settled = {subtype for _, _, subtype in SETTLED}
    missing = set(taxonomy.ACLED_SUBTYPES) - settled - {"Chemical weapon"}
    assert not missing, missing


def test_classifier_chooses_only_among_allowed(nlp):
    """``_Context.classify`` keeps to a trigger's ``allowed`` sub-types, whatever the scores."""
    import datetime as dt

    from newsledger.extract.events import _Context
    from newsledger.schema import Article

    text = "A man was shot in the parking lot on Friday."
    doc = nlp(text)
    context = _Context(doc, Article.from_text(text, published=dt.date(2020, 1, 3)), [], [], [], [], [])
    sent = next(doc.sents)
    context._classified[sent.start] = [("Sexual violence", 0.6), ("Air/drone strike", 0.25), (ATTACK, 0.1), (CLASH, 0.05)]
    assert context.classify(sent, "attack")[0] == "Sexual violence"
    assert context.classify(sent, "attack", frozenset({ATTACK, CLASH}))[0] == ATTACK
    # None of the allowed labels scored: the family default if allowed, else an allowed member of the family.
    context._classified[sent.start] = [("Sexual violence", 1.0)]
    assert context.classify(sent, "attack", frozenset({CLASH}))[0] == CLASH
