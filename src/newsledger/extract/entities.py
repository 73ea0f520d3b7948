"""Named entities (people, organisations, groups, places) grouped under canonical names.

spaCy's statistical NER finds the mentions; three document-level rules written
here make them usable as a ledger's actors, because no maintained library does
this for spaCy 3.8 without a large coreference model (coreferee and neuralcoref
no longer install with it):

1. Label consistency: one surface form keeps one label across an article, and a
   surname that elsewhere belongs to a PERSON is a PERSON ("Trump's" tagged ORG).
2. Canonical names: "Trump" and "President Donald Trump" group under the longest
   full name that ends with the same surname; an acronym in parentheses after a
   name ("... Crime (UNODC)") and later uses of it group under that name.
3. Role descriptions: "the president", "the latter" and similar definite
   descriptions become PERSON mentions of the person the article introduced with
   that title ("President Donald Trump", "Defense Secretary Pete Hegseth").

An ``entity_ruler`` added before the NER tags named groups introduced by a
common noun ("Venezuelan gang Tren de Aragua").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.extract.registry import Extractor
from newsledger.nlp import doc_text
from newsledger.schema import ENTITY_KIND, Entity

VERSION = "entities.v1"

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

# Nouns that introduce the name of an armed or criminal group right after them.
GROUP_NOUNS = [
    "gang", "cartel", "militia", "group", "faction", "organisation", "organization",
    "movement", "network", "syndicate", "insurgency", "rebels",
]
# Lowercase particles allowed inside such names ("Tren de Aragua", "Ahrar al-Sham").
NAME_PARTICLES = ["de", "del", "la", "el", "al", "of", "the", "y", "da", "do", "dos"]

# Role nouns that a definite description ("the president") may refer back to.
ROLE_WORDS = {
    "president", "secretary", "minister", "governor", "senator", "sen.", "chancellor",
    "premier", "king", "queen", "prince", "general", "commander", "chief", "spokesman",
    "spokeswoman", "spokesperson", "mayor", "ambassador", "director", "leader", "judge",
    "prosecutor", "officer", "colonel", "admiral", "pope", "emir", "sheikh",
}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "gov", "lt", "col", "sgt", "president"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def add_entity_rules(nlp: Language) -> None:
    """Add newsledger's entity ruler before the NER (idempotent)."""
    if "newsledger_entity_ruler" in nlp.pipe_names:
        return
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler", name="newsledger_entity_ruler", before=before, config={"overwrite_ents": False}
    )
    name_tokens = [
        {"IS_TITLE": True, "POS": "PROPN"},
        {"LOWER": {"IN": NAME_PARTICLES}, "OP": "?"},
        {"IS_TITLE": True, "OP": "*"},
    ]
    ruler.add_patterns(
        [{"label": "ORG", "pattern": [{"LOWER": {"IN": GROUP_NOUNS}}, *name_tokens], "id": "group-name"}]
    )


def extract_entities(doc: Doc) -> list[Entity]:
    """Return the article's named-entity mentions, each with its canonical name."""
    spans = [_trim(span) for span in doc.ents if span.label_ in KEPT_LABELS]
    spans = [s for s in spans if s is not None and s.text.strip()]
    labels = _consistent_labels(spans)
    spans = spans + _repeated_names(doc, spans, labels)
    canon = _canonical_names(doc, spans, labels)

    mentions: list[tuple[int, int, str, str, str]] = []
    for span in spans:
        text = span.text
        label = labels.get(_key(text), span.label_)
        mentions.append((span.start_char, span.end_char, text, label, canon.get((label, _key(text)), text)))
    mentions.extend(_role_mentions(doc, spans, labels, canon))

    mentions.sort()
    ids: dict[tuple[str, str], str] = {}
    result = []
    for start, end, text, label, canonical in mentions:
        ent_id = ids.setdefault((label, canonical), f"E{len(ids) + 1}")
        result.append(Entity(id=ent_id, text=text, label=label, start=start, end=end, canonical=canonical))
    return result


def _repeated_names(doc: Doc, spans: list[Span], labels: dict[str, str]) -> list[Span]:
    """Later uses of a name the NER found once but missed again ("one sense per discourse").

    People are matched by full name and by surname; other entities by their exact text.
    Only token-aligned matches outside every existing mention are added.
    """
    forms: dict[str, str] = {}
    for span in spans:
        key = _key(span.text)
        label = labels.get(key, span.label_)
        words = _display(span.text).split()
        if label == "PERSON":
            words = _strip_honorific(" ".join(words)).split()
            if len(words) > 1:
                forms.setdefault(words[-1], label)
        if words:
            forms.setdefault(" ".join(words), label)
    by_first_word: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for form, label in forms.items():
        words = form.split()
        by_first_word[words[0]].append((words, label))
    covered = set()
    for span in spans:
        covered.update(range(span.start, span.end))
    added: list[Span] = []
    for i, token in enumerate(doc):
        if i in covered or token.text not in by_first_word:
            continue
        for words, label in by_first_word[token.text]:
            n = len(words)
            if [t.text for t in doc[i : i + n]] == words and not covered.intersection(range(i, i + n)):
                added.append(Span(doc, i, i + n, label=label))
                covered.update(range(i, i + n))
                break
    return added


def _trim(span: Span) -> Span | None:
    """Drop a possessive ending and a leading article from a mention span."""
    doc = span.doc
    start, end = span.start, span.end
    if end - start > 1 and doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    if end - start > 1 and span.label_ == "ORG" and doc[start].lower_ in GROUP_NOUNS:
        start += 1  # "gang Tren de Aragua": the name, not its introducing noun
    if end <= start:
        return None
    trimmed = doc[start:end]
    # Keep "the United States", but "the" is not part of a PERSON's name.
    if trimmed.label_ == "PERSON" or span.label_ == "PERSON":
        while start < end and doc[start].lower_ == "the":
            start += 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label_)


def _key(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return text.lower()


def _surname(key: str) -> str:
    return key.split()[-1] if key else key


def _consistent_labels(spans: list[Span]) -> dict[str, str]:
    """One label per surface form; surnames of people stay PERSON."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        # Multi-word PERSON names are reliable; count them double.
        weight = 2 if span.label_ == "PERSON" and len(span) > 1 else 1
        votes[_key(span.text)][span.label_] += weight
    labels = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    person_surnames = {_surname(k) for k, lab in labels.items() if lab == "PERSON" and len(k.split()) > 1}
    for key, label in list(labels.items()):
        if label == "ORG" and len(key.split()) == 1 and key in person_surnames:
            labels[key] = "PERSON"
    return labels


def _canonical_names(doc: Doc, spans: list[Span], labels: dict[str, str]) -> dict[tuple[str, str], str]:
    """Map (label, key) to the canonical name shared by all mentions of one entity."""
    canon: dict[tuple[str, str], str] = {}
    # Longest PERSON name for each surname ("Trump" -> "Donald Trump").
    full_names: dict[str, str] = {}
    for span in spans:
        key = _key(span.text)
        if labels.get(key) != "PERSON":
            continue
        name = _strip_honorific(_POSSESSIVE.sub("", span.text.strip()))
        surname = _surname(name.lower())
        if len(name.split()) > len(full_names.get(surname, "").split()):
            full_names[surname] = name
    # Acronyms defined in parentheses right after a name.
    acronyms: dict[str, str] = {}
    for span in spans:
        after = doc_text(doc)[span.end_char : span.end_char + 16]
        match = re.match(r"\s*\(([A-Z][A-Za-z.&-]{1,10})\)", after)
        if match:
            acronyms[match.group(1).lower()] = _display(span.text)
    for span in spans:
        key = _key(span.text)
        label = labels.get(key, span.label_)
        if label == "PERSON":
            name = _strip_honorific(_POSSESSIVE.sub("", span.text.strip()))
            canon[(label, key)] = full_names.get(_surname(name.lower()), name)
        elif key in acronyms:
            canon[(label, key)] = acronyms[key]
        else:
            canon[(label, key)] = _display(span.text)
    return canon


def _display(text: str) -> str:
    """A mention's text as a canonical name: no possessive, no leading 'the'."""
    text = _POSSESSIVE.sub("", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _strip_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _role_mentions(doc: Doc, spans: list[Span], labels: dict[str, str], canon) -> list[tuple]:
    """PERSON mentions for "the president", "the latter" and similar descriptions."""
    # Role words that stand right before a person's name ("Defense Secretary Pete Hegseth",
    # "chief of staff Susie Wiles", "President Donald Trump").
    role_holder: dict[str, str] = {}
    persons = [s for s in spans if labels.get(_key(s.text)) == "PERSON"]
    for span in persons:
        window = doc[max(span.start - 4, 0) : span.start]
        for token in window:
            word = token.lower_
            if word in ROLE_WORDS:
                role_holder.setdefault(word, canon[("PERSON", _key(span.text))])
    out = []
    for token in doc:
        if token.lower_ not in ROLE_WORDS and token.lower_ not in {"latter", "former"}:
            continue
        if token.i == 0 or doc[token.i - 1].lower_ != "the":
            continue
        if token.ent_type_:
            continue
        # A role word used as a name's title ("the President Trump") is not a description.
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            continue
        start = doc[token.i - 1].idx
        end = token.idx + len(token.text)
        if token.lower_ in {"latter", "former"}:
            target = _pair_member(doc, persons, labels, canon, token)
        else:
            target = role_holder.get(token.lower_)
        if target:
            out.append((start, end, doc_text(doc)[start:end], "PERSON", target))
    return out


def _pair_member(doc: Doc, persons: list[Span], labels, canon, token) -> str | None:
    """For "the latter"/"the former": the second or first of the last two people named."""
    sent_start = token.sent.start
    previous = [s for s in persons if s.end <= token.i and s.start >= max(sent_start - 60, 0)]
    names: list[str] = []
    for span in previous:
        name = canon[("PERSON", _key(span.text))]
        if name in names:
            names.remove(name)
        names.append(name)
    if len(names) < 2:
        return None
    return names[-1] if token.lower_ == "latter" else names[-2]


def align_with_places(entities: list[Entity], places: list) -> list[Entity]:
    """Give place-like entities the gazetteer's name as canonical ("U.S." -> "United States").

    Runs after the place extractor: an entity whose span overlaps a resolved place
    takes that place's name; an ORG or PERSON whose span is exactly a resolved place
    becomes GPE (or LOC for seas and regions), since the resolver checked the name
    against the article; entity ids are renumbered so that all mentions of one
    place share one id.
    """
    if not places:
        return entities
    by_span = sorted(places, key=lambda p: p.start)
    exact = {(p.start, p.end): p for p in places}
    renamed = []
    for entity in entities:
        canonical, label = entity.canonical, entity.label
        place = exact.get((entity.start, entity.end))
        if place is not None and label in {"ORG", "PERSON"}:
            # The place resolver vouched for this name as a place ("Omsk" tagged ORG).
            label = "LOC" if place.precision in {"water", "region"} else "GPE"
        if label in {"GPE", "LOC", "FAC"}:
            for place in by_span:
                if place.start < entity.end and entity.start < place.end:
                    canonical = place.name
                    break
        renamed.append((entity, label, canonical))
    ids: dict[tuple[str, str], str] = {}
    out = []
    for entity, label, canonical in renamed:
        ent_id = ids.setdefault((label, canonical), f"E{len(ids) + 1}")
        out.append(Entity(ent_id, entity.text, label, entity.start, entity.end, canonical))
    return out


def _run(doc: Doc, article, found) -> dict:
    return {"entities": extract_entities(doc)}


EXTRACTOR = Extractor(
    name="entities", version=VERSION, needs=(), sets=("entities",), run=_run,
    mentions=ENTITY_KIND,
)
