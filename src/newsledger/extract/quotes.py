"""Quotes and their speakers: direct, indirect, "according to", and floating quotes.

Written here on top of spaCy's dependency parse because no maintained library
fits: textacy's ``direct_quotations`` handles only balanced double quotes with a
speech verb in the same sentence, and aborts on odd quotation marks; the
rule-based news quote extractors published in research are not packaged. The
rules follow that tradition (a speech-verb lexicon, the verb's subject as the
speaker, "according to X") and add what news needs:

- every quotation-mark style (curly, straight, single, guillemets, „low-high“),
  quotes that run over several paragraphs (an unclosed paragraph followed by a
  paragraph that reopens), and unbalanced marks, which give a warning instead of
  an error;
- speakers resolved to the article's entities: "the president" and "the latter"
  through the entity extractor's role mentions, pronouns to the nearest earlier
  person or organisation outside quotation marks, descriptions of
  organisations ("the network") to the last organisation named;
- a quote with no cue of its own inherits the speaker of the quote before it only
  when it continues the same speech (same paragraph, or the paragraph right
  after a quote paragraph) and is marked ``inherited``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.extract.registry import Extractor
from newsledger.nlp import doc_text, text_span, trim_end
from newsledger.schema import Entity, Quote, Speaker, TextSpan

VERSION = "quotes.v1"

SPEECH_VERBS = {
    "say", "tell", "add", "warn", "claim", "insist", "state", "announce", "acknowledge", "admit",
    "deny", "explain", "note", "argue", "write", "report", "reply", "respond", "declare", "confirm",
    "allege", "accuse", "threaten", "promise", "vow", "pledge", "predict", "urge", "tweet", "post",
    "comment", "remark", "stress", "emphasise", "emphasize", "recall", "testify", "assert", "contend",
    "maintain", "concede", "complain", "suggest", "ask", "caution", "estimate", "disclose", "reveal",
    "indicate", "repeat", "continue", "describe", "label", "call", "brand", "dub", "term", "conclude",
    "believe", "think", "say", "boast", "joke", "quip", "counter", "retort", "agree", "tout", "predict",
    "signal", "advise", "inform", "notify", "order", "demand", "propose", "recommend", "speculate",
    # Beliefs, findings and intentions: attributions too, and what trackers need to separate
    # from the outlet's own voice ("officials believe", "the report found", "Iran wants").
    "know", "show", "find", "learn", "hope", "fear", "expect", "feel", "doubt", "suspect", "realize",
    "realise", "understand", "worry", "want", "plan", "intend", "refuse", "seek", "decline", "offer",
    "criticize", "criticise", "praise", "condemn", "denounce", "endorse", "applaud", "mock", "ridicule",
    "defend", "question", "blame",
    "exclaim", "answer", "confess", "echo", "quote", "read", "observe", "point", "muse", "shout",
    "chant", "cry", "scream", "whisper", "mutter", "recount", "assure", "remind", "wonder", "lament",
    "plead", "proclaim", "rule", "text", "email", "thank", "interject", "elaborate", "begin", "conclude",
}
# Verbs that express a stance towards an object ("criticized the strikes").
STANCE_VERBS = {
    "criticize", "criticise", "praise", "condemn", "denounce", "endorse", "applaud", "mock", "ridicule",
    "defend", "question", "blame", "deny", "reject",
}
# Verbs whose object, not a clause, carries what was said ("labeled X outright murders").
NAMING_VERBS = {"label", "call", "brand", "dub", "term", "describe", "declare"}
# Verbs that take their content as a to-infinitive ("threatened to strike").
INFINITIVE_VERBS = {
    "threaten", "promise", "vow", "pledge", "urge", "order", "demand", "warn", "ask", "want", "plan",
    "hope", "intend", "refuse", "seek", "expect", "decline", "offer", "agree",
}
# Nouns that head anonymous sources.
ANONYMOUS_HEADS = {
    "source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "person", "people", "aide", "aides", "diplomat", "diplomats", "insider", "insiders", "witness",
    "witnesses", "resident", "residents", "analyst", "analysts", "expert", "experts", "observer",
    "observers", "authorities", "investigators", "police", "officers", "lawmakers", "critics",
}
ORG_DESCRIPTIONS = {
    "network", "newspaper", "paper", "agency", "ministry", "department", "group", "company",
    "organisation", "organization", "outlet", "broadcaster", "channel", "government", "administration",
    "military", "army", "council", "committee", "court", "office", "firm", "union", "party", "daily",
}
# Cue-less quotations shorter than this many words are not treated as speech.
SCARE_QUOTE_WORDS = 5
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "it"}

OPEN_CLOSE = {"“": "”", "„": "“”", "«": "»", "‹": "›", "‘": "’", "‚": "‘’"}
_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# How far a cue may stand from its quote when the parse does not join them.
ADJACENT_TOKENS = 8
ADJACENT_CHARS = 60


@dataclass(frozen=True)
class Quotation:
    """A stretch in quotation marks, marks included."""

    start: int
    end: int


def scan_quotations(text: str) -> tuple[list[Quotation], list[str]]:
    """Find quoted stretches in every mark style; never raises.

    Returns the quotations (marks included) and warnings for marks that could
    not be paired. A quote left open at a paragraph's end continues when the
    next paragraph opens with a quotation mark (the convention for a speech
    running over several paragraphs); otherwise it is closed at the paragraph
    end with a warning.
    """
    quotes: list[Quotation] = []
    warnings: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"' or (ch in OPEN_CLOSE and _opens(text, i)):
            closers = '"' if ch == '"' else OPEN_CLOSE[ch]
            end = _find_close(text, i + 1, closers, ch)
            if end is None:
                para_end = text.find("\n", i)
                para_end = n if para_end == -1 else para_end
                if text[i + 1 : para_end].strip():
                    warnings.append(f"unclosed quotation mark {ch!r} at {i}; quote closed at the paragraph end")
                    quotes.append(Quotation(i, trim_end(text, i, para_end)))
                i = para_end + 1
                continue
            if ch in "‘‚" and len(_WORD_CHAR.findall(text[i + 1 : end])) < 2:
                i += 1  # "rock ‘n’ roll": an elision, not a quote
                continue
            quotes.append(Quotation(i, end + 1))
            i = end + 1
            continue
        if ch in "”»›" or (ch == "’" and not _is_apostrophe(text, i) and _closes_single(text, i)):
            if ch != "’":
                warnings.append(f"closing quotation mark {ch!r} at {i} without an opening one")
        i += 1
    return quotes, warnings


def _opens(text: str, i: int) -> bool:
    """An opening single mark must not be an apostrophe ('90s, rock ‘n’ roll)."""
    ch = text[i]
    if ch not in "‘‚":
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _WORD_CHAR.match(before) and bool(_WORD_CHAR.match(after)) and not text[i + 1 : i + 3].isdigit()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return bool(_WORD_CHAR.match(before)) and bool(_WORD_CHAR.match(after))


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _WORD_CHAR.match(after)


def _find_close(text: str, start: int, closers: str, opener: str) -> int | None:
    """Index of the closing mark, following the quote over paragraph breaks."""
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            # A multi-paragraph quote: the next paragraph reopens with the same mark.
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] == opener and j > i:
                i = j + 1
                continue
            return None
        if ch in closers:
            if opener in "‘‚" and _is_apostrophe(text, i):
                i += 1
                continue
            if opener == '"' or ch != opener or opener in "„‚":
                return i
        i += 1
    return None


def extract_quotes(doc: Doc, entities: list[Entity]) -> tuple[list[Quote], list[str]]:
    """Return the article's quotes (in text order) and warnings about odd marks."""
    quotations, warnings = scan_quotations(doc_text(doc))
    context = _Context(doc, entities, quotations)
    found: list[Quote] = [context.direct(q) for q in quotations]
    found.extend(context.indirect())
    found.extend(context.according_to())
    found.sort(key=lambda q: (q.content.start, -q.content.end))
    found = context.inherit(found)
    # A short quoted phrase nobody is said to have said is a title or a scare quote.
    found = [q for q in found if q.kind != "floating" or len(q.content.text.split()) >= SCARE_QUOTE_WORDS]
    return [_renumber(q, i) for i, q in enumerate(found, 1)], warnings


def _renumber(quote: Quote, n: int) -> Quote:
    return Quote(f"Q{n}", quote.kind, quote.content, quote.speaker, quote.cue, quote.claim_id, quote.inherited)


class _Context:
    """One article's parse, entities and quotation marks, shared by the rules."""

    def __init__(self, doc: Doc, entities: list[Entity], quotations: list[Quotation]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self.quotations = quotations
        self.quoted = [(q.start, q.end) for q in quotations]

    # --- spans --------------------------------------------------------------
    def span(self, start: int, end: int) -> TextSpan:
        return text_span(self.doc, start, end)

    def inside_quotes(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def tokens_between(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    # --- direct quotes ------------------------------------------------------
    def direct(self, q: Quotation) -> Quote:
        content = self.span(q.start, q.end)
        cue = self._cue_for(q)
        if cue is None:
            return Quote("", "floating", content, None, None)
        return Quote("", "direct", content, self.speaker_of(cue), self.span(cue.idx, cue.idx + len(cue.text)))

    def _cue_for(self, q: Quotation) -> Token | None:
        """The speech verb that introduces a quotation.

        In order: the deepest speech verb whose clause holds the quote; the
        verb nearest to either edge, right after it ("...,” Bozell answers.",
        even when the parser starts a new sentence at the closing mark) or
        right before it ("he replied, “...”"); else the nearest one in the
        quote's sentence.
        """
        span = self.tokens_between(q.start, q.end)
        if span is None or not len(span):
            return None
        first = span[0].sent.start
        last = span[-1].sent.end
        # The parser may end a sentence at the closing mark: look into the next one too.
        if last < len(self.doc):
            last = min(self.doc[last].sent.end, last + ADJACENT_TOKENS)
        if doc_text(self.doc)[: q.start].rstrip().endswith(":") and first > 0:
            first = self.doc[first - 1].sent.start
        core_end = _core_end(doc_text(self.doc), q.start, q.end)
        candidates = [
            t for t in self.doc[first:last]
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"} and not (q.start <= t.idx < q.end)
            and not self.inside_quotes(t.idx)
        ]
        if not candidates:
            return None
        holding = [t for t in candidates if t.left_edge.idx <= q.start and _subtree_end(t) >= core_end - 1]
        if holding:
            return max(holding, key=lambda t: _depth(t))
        text = doc_text(self.doc)
        after = [
            t for t in candidates
            if t.idx >= q.end and t.idx - q.end <= ADJACENT_CHARS and not _SENTENCE_END.search(text[q.end : t.idx])
        ]
        before = [
            t for t in candidates
            if t.idx < q.start and q.start - t.idx <= ADJACENT_CHARS and not _SENTENCE_END.search(text[t.idx : q.start])
        ]
        if after or before:
            # The verb nearest the quote's edge: "he replied, “...”" beats a later "he added".
            gaps = [(t.idx - q.end, t) for t in after] + [(q.start - t.idx - len(t.text), t) for t in before]
            return min(gaps, key=lambda g: g[0])[1]
        own = span[0].sent
        inside = [t for t in candidates if t.sent.start == own.start or t.sent.start == span[-1].sent.start]
        if not inside:
            return None
        return min(inside, key=lambda t: min(abs(t.idx - q.end), abs(t.idx - q.start)))

    # --- indirect quotes ----------------------------------------------------
    def indirect(self) -> list[Quote]:
        out = []
        for token in self.doc:
            lemma = token.lemma_.lower()
            if lemma not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"} or self.inside_quotes(token.idx):
                continue
            content = self._indirect_content(token, lemma)
            if content is None:
                continue
            start, end = content
            if any(s <= start and end <= e for s, e in self.quoted):
                continue  # the whole content is a direct quote: already found
            cue = self.span(token.idx, token.idx + len(token.text))
            out.append(Quote("", "indirect", self.span(start, end), self.speaker_of(token), cue))
        return out

    def _indirect_content(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        children = list(verb.children)
        for child in children:
            if child.dep_ == "ccomp" and child.i > verb.i:
                return _subtree_chars(child)
        for child in children:
            # Before it: "No one was hurt, police said." The clause ends with a comma next to the cue.
            if child.dep_ == "ccomp" and child.i < verb.i and child.sent.start == verb.sent.start:
                right = child.right_edge
                if right.i + 1 < verb.i and verb.i - right.i <= 6 and verb.doc[right.i + 1].text == ",":
                    return _subtree_chars(child)
        if lemma in NAMING_VERBS:
            for child in children:
                if child.dep_ in {"oprd", "dobj", "attr"} and child.tag_ not in {"WDT", "WP"} and child.i > verb.i:
                    # "labeled (them) X": the object after any pronoun object.
                    objects = [c for c in children if c.dep_ in {"oprd", "dobj", "attr"} and c.i > verb.i]
                    target = objects[-1]
                    if target.pos_ in {"PRON"}:
                        return None
                    return _subtree_chars(target)
        if lemma in INFINITIVE_VERBS:
            for child in children:
                if child.dep_ == "xcomp" and child.i > verb.i:
                    return _subtree_chars(child)
        if lemma in STANCE_VERBS:
            for child in children:
                if child.dep_ == "dobj" and child.i > verb.i and child.pos_ != "PRON":
                    return _subtree_chars(child)
        return None

    # --- according to -------------------------------------------------------
    def according_to(self) -> list[Quote]:
        out = []
        for token in self.doc:
            if token.lower_ != "according" or token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != "to":
                continue
            if self.inside_quotes(token.idx):
                continue
            to = self.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            source_token = objects[0] if objects else None
            sent = token.sent
            pp_start, pp_end = token.idx, _subtree_end(token) + 1
            if source_token is not None:
                pp_end = max(pp_end, _subtree_end(source_token) + 1)
            # The content is the rest of the sentence, without the "according to" phrase.
            left = doc_text(self.doc)[sent.start_char : pp_start].rstrip(" ,;:—–-")
            right = doc_text(self.doc)[pp_end : sent.end_char].strip(" ,;:—–-.")
            if len(left.strip()) >= len(right.strip()):
                start = sent.start_char + (len(left) - len(left.lstrip()))
                end = sent.start_char + len(left)
            else:
                start = pp_end + (len(doc_text(self.doc)[pp_end : sent.end_char]) - len(doc_text(self.doc)[pp_end : sent.end_char].lstrip(" ,;:—–-")))
                end = start + len(right.lstrip(" ,;:—–-"))
            if end <= start:
                continue
            speaker = self.resolve(source_token) if source_token is not None else None
            cue = self.span(token.idx, to.idx + len(to.text))
            out.append(Quote("", "according_to", self.span(start, end), speaker, cue))
        return out

    # --- speakers -----------------------------------------------------------
    def speaker_of(self, verb: Token) -> Speaker | None:
        """The subject of a speech verb, climbing through participles and coordination."""
        current = verb
        for _ in range(6):
            subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
            agents = [c for c in current.children if c.dep_ == "agent"]
            if subjects and subjects[0].dep_ == "nsubj":
                return self.resolve(subjects[0])
            if agents:
                pobj = [c for c in agents[0].children if c.dep_ == "pobj"]
                if pobj:
                    return self.resolve(pobj[0])
            if current.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "relcl"} and current.head.i != current.i:
                if current.dep_ in {"relcl", "acl"} and current.head.pos_ in {"NOUN", "PROPN"}:
                    return self.resolve(current.head) if current.dep_ == "acl" else None
                current = current.head
                continue
            break
        return None

    def resolve(self, token: Token) -> Speaker:
        """Turn a subject token into a speaker: an entity, a pronoun's antecedent, a description."""
        np_start, np_end = _noun_phrase_chars(token)
        mention = self.span(np_start, np_end)
        entity = self._entity_in(np_start, np_end, prefer_head=token.idx)
        if entity is not None:
            return Speaker(_kind_of(entity.label), entity.canonical, mention, entity.id)
        lower = token.lower_
        if token.pos_ == "PRON" and lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            antecedent = self._antecedent(token, person=lower in PERSON_PRONOUNS)
            if antecedent is not None:
                return Speaker(_kind_of(antecedent.label), antecedent.canonical, mention, antecedent.id)
            return Speaker("unknown", None, mention)
        if lower in ANONYMOUS_HEADS or token.lemma_.lower() in ANONYMOUS_HEADS:
            return Speaker("anonymous", mention.text, mention, None, self._affiliation(token))
        if lower in ORG_DESCRIPTIONS:
            org = self._last_entity(token.idx, {"ORG"})
            if org is not None:
                return Speaker("organisation", org.canonical, mention, org.id)
        if token.tag_ in {"NNS", "NNPS"}:
            return Speaker("group", mention.text, mention)
        return Speaker("unknown", mention.text, mention)

    def _entity_in(self, start: int, end: int, prefer_head: int) -> Entity | None:
        inside = [e for e in self.entities if e.start >= start and e.end <= end and e.label in {"PERSON", "ORG", "GPE", "NORP"}]
        if not inside:
            return None
        holding = [e for e in inside if e.start <= prefer_head < e.end]
        if holding:
            return holding[0]
        people = [e for e in inside if e.label == "PERSON"]
        # "Trump's chief of staff Susie Wiles": the apposed name, not the possessor.
        return (people or inside)[-1]

    def _antecedent(self, token: Token, person: bool) -> Entity | None:
        labels = {"PERSON"} if person else {"ORG", "GPE", "NORP", "PERSON"}
        return self._last_entity(token.idx, labels, window_sents=3, sent=token.sent)

    def _last_entity(self, before: int, labels: set[str], window_sents: int = 6, sent: Span | None = None) -> Entity | None:
        floor = 0
        if sent is not None:
            start_sent = sent
            for _ in range(window_sents):
                if start_sent.start == 0:
                    break
                start_sent = self.doc[start_sent.start - 1].sent
            floor = start_sent.start_char
        for entity in reversed(self.entities):
            if entity.end <= before and entity.start >= floor and entity.label in labels and not self.inside_quotes(entity.start):
                return entity
        return None

    def _affiliation(self, token: Token) -> str | None:
        """'the network's source' -> the organisation the description points at."""
        for child in token.children:
            if child.dep_ == "poss":
                entity = self._entity_in(*_noun_phrase_chars(child), prefer_head=child.idx)
                if entity is not None:
                    return entity.canonical
                if child.lower_ in ORG_DESCRIPTIONS:
                    org = self._last_entity(child.idx, {"ORG"})
                    return org.canonical if org else None
        return None

    # --- continuing speech --------------------------------------------------
    def inherit(self, quotes: list[Quote]) -> list[Quote]:
        """Give a cue-less direct quote the speaker of the quote it continues."""
        text = doc_text(self.doc)
        out: list[Quote] = []
        previous: Quote | None = None
        for quote in quotes:
            if quote.kind == "floating" and previous is not None and previous.speaker is not None:
                gap = text[previous.content.end : quote.content.start]
                same_paragraph = "\n" not in gap
                next_paragraph = gap.count("\n") >= 1 and gap.strip() == "" and previous.kind in {"direct", "floating"}
                if (same_paragraph and len(gap) < 400) or next_paragraph:
                    quote = Quote("", "direct", quote.content, previous.speaker, previous.cue, None, True)
            out.append(quote)
            if quote.kind in {"direct", "floating"}:
                previous = quote
        return out


def _kind_of(label: str) -> str:
    return "person" if label == "PERSON" else "organisation"


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _subtree_end(token: Token) -> int:
    right = token.right_edge
    return right.idx + len(right.text) - 1


def _core_end(text: str, start: int, end: int) -> int:
    """End of a quotation's last word: without closing marks and final punctuation."""
    while end > start and not _WORD_CHAR.match(text[end - 1]):
        end -= 1
    return end




def _subtree_chars(token: Token) -> tuple[int, int]:
    """A clause's span; a quotation it opens is extended to its closing mark."""
    start = token.left_edge.idx
    end = _subtree_end(token) + 1
    text = doc_text(token.doc)
    opened = sum(text[start:end].count(c) for c in "“«‹„")
    closed = sum(text[start:end].count(c) for c in "”»›")
    if opened > closed:
        match = re.match(r"[.,!?;:]?[”»›]", text[end : end + 3])
        if match:
            end += match.end()
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _noun_phrase_chars(token: Token) -> tuple[int, int]:
    """The noun phrase a subject token heads, without relative clauses or participles."""
    excluded: set[int] = set()
    for child in token.children:
        if child.dep_ in {"relcl", "acl", "advcl", "punct", "cc", "conj"} and child.i > token.i:
            excluded.update(t.i for t in child.subtree)
    keep = [t for t in token.subtree if t.i not in excluded]
    # Only the contiguous run around the head.
    keep = [t for t in keep if t.i <= token.i or all(u.i not in excluded for u in token.doc[token.i : t.i + 1])]
    if not keep:
        keep = [token]
    start = min(t.idx for t in keep)
    end_token = max(keep, key=lambda t: t.i)
    end = end_token.idx + len(end_token.text)
    text = doc_text(token.doc)
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _run(doc: Doc, article, found) -> dict:
    quotes, warnings = extract_quotes(doc, found["entities"])
    return {"quotes": quotes, "warnings": warnings}


EXTRACTOR = Extractor(name="quotes", version=VERSION, needs=("entities",), sets=("quotes", "warnings"), run=_run)
