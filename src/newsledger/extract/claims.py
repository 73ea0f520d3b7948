"""Claims: the propositions an article presents, who stands behind each, and how firmly.

Every quote is a claim by its speaker. Every other sentence is a claim by the
outlet itself, unless a hedge hands it to someone else: "reportedly" means the
outlet relays another's report, so the claim goes to the source the article
cites for it nearby ("..., according to CNN"). Each claim gets:

- ``certainty``: denied (deny, reject, dismiss), alleged (alleged, allegedly,
  claims, purportedly, accused), uncertain (may, might, could, reportedly,
  apparently, appeared to, suspected, believed to), reported (attributed without
  doubt), or asserted (the outlet's own voice);
- ``polarity``: negative when the claim's main verb is negated ("not", "never",
  "no one ...");
- ``time_status``: future (will, going to, plan to, soon on the main verb, a
  modal or "to" before a bare verb), hypothetical (would, if), ongoing (present
  tense), past;
- the cue words behind each decision, with offsets.

Hand-written on the dependency parse: factuality taggers (e.g. FactBank- or
MEANTIME-trained models) are not packaged for spaCy 3.8, and the lexicons here
are short enough to read and extend.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from newsledger.extract.registry import Extractor
from newsledger.nlp import text_span
from newsledger.schema import Article, Claim, Cue, Quote, Speaker, TextSpan

VERSION = "claims.v1"

DENIAL_CUES = {"deny", "reject", "dismiss", "refute", "rebut", "disavow"}
ALLEGATION_CUES = {"allege", "claim", "accuse", "purport"}
ALLEGATION_WORDS = {"allegedly", "alleged", "purportedly", "purported", "supposedly", "claimed"}
HEDGE_WORDS = {
    "reportedly", "apparently", "possibly", "probably", "likely", "perhaps", "maybe", "presumably",
    "suspected", "seemingly", "unconfirmed", "unverified", "believed",
}
HEDGE_MODALS = {"may", "might", "could"}
HEDGE_VERBS = {"appear", "seem"}
NEGATIONS = {"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_VERBS = {"plan", "intend", "aim", "expect", "prepare", "threaten", "vow", "pledge", "promise"}
REPORT_HEDGES = {"reportedly", "reported"}
MODAL_FUTURE = {"may", "might", "could", "should", "must"}
POLITE_VERBS = {"like", "love", "prefer"}
# "refused to meet", "failed to stop": the action they govern did not happen.
NEGATIVE_GOVERNORS = {"refuse", "decline", "fail"}
NEAR_MISS = {"nearly", "almost"}


def extract_claims(doc: Doc, quotes: list[Quote], article: Article) -> tuple[list[Claim], list[Quote]]:
    """Return the article's claims and its quotes, each quote linked to its claim."""
    outlet = Speaker("outlet", article.outlet or "the outlet")
    claims: list[Claim] = []
    linked: list[Quote] = []
    containers: list[tuple[Quote, str]] = []
    for quote in sorted(quotes, key=lambda q: (q.content.start, -q.content.end)):
        holder = next(
            (cid for outer, cid in containers
             if outer.content.start <= quote.content.start and quote.content.end <= outer.content.end
             and outer.cue == quote.cue),
            None,
        )
        if holder is not None:
            # A verbatim fragment of a paraphrase from the same cue: one claim for both.
            linked.append(dataclasses.replace(quote, claim_id=holder))
            continue
        claim_id = f"C{len(claims) + 1}"
        claims.append(_quote_claim(doc, quote, claim_id))
        containers.append((quote, claim_id))
        linked.append(dataclasses.replace(quote, claim_id=claim_id))

    cue_starts = {q.cue.start for q in quotes if q.cue is not None}
    quoted = [(q.content.start, q.content.end) for q in quotes]
    cited = [q for q in quotes if q.kind == "according_to" and q.speaker is not None]
    for sent in doc.sents:
        if not _is_proposition(sent):
            continue
        if any(sent.start_char <= c < sent.end_char for c in cue_starts):
            continue  # the sentence reports speech: its claims are the quotes'
        if any(s <= sent.start_char and sent.end_char <= e + 1 for s, e in quoted):
            continue
        claims.append(_outlet_claim(doc, sent, outlet, cited, f"C{len(claims) + 1}"))
    claims.sort(key=lambda c: c.content.start)
    renumber = {c.id: f"C{i}" for i, c in enumerate(claims, 1)}
    claims = [dataclasses.replace(c, id=renumber[c.id], quote_id=None) for c in claims]
    linked = [dataclasses.replace(q, claim_id=renumber.get(q.claim_id)) for q in linked]
    by_claim = {}
    for q in linked:
        by_claim.setdefault(q.claim_id, q.id)
    claims = [dataclasses.replace(c, quote_id=by_claim.get(c.id)) for c in claims]
    linked.sort(key=lambda q: int(q.id[1:]))
    return claims, linked


def _is_proposition(sent: Span) -> bool:
    text = sent.text.strip()
    if len([t for t in sent if t.is_alpha]) < 4 or text.endswith("?"):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in sent)


def _quote_claim(doc: Doc, quote: Quote, claim_id: str) -> Claim:
    cues: list[Cue] = []
    source = quote.speaker or Speaker("unknown", None)
    if quote.cue is not None:
        cues.append(Cue("attribution", quote.cue.text, quote.cue.start, quote.cue.end))
    content_tokens = _tokens(doc, quote.content)
    hedges = _hedge_cues(content_tokens)
    cue_lemma = _cue_lemma(doc, quote.cue)
    if cue_lemma in DENIAL_CUES or _negated_cue(doc, quote.cue, {"confirm"}):
        certainty = "denied"
        cues.append(Cue("denial", quote.cue.text, quote.cue.start, quote.cue.end))
    elif cue_lemma in ALLEGATION_CUES or any(c.type == "allegation" for c in hedges):
        certainty = "alleged"
    elif any(c.type == "hedge" for c in hedges):
        certainty = "uncertain"
    else:
        certainty = "reported"
    cues.extend(hedges)
    polarity, negation = _polarity(content_tokens)
    cues.extend(negation)
    status, tense = _time_status(content_tokens)
    cues.extend(tense)
    return Claim(claim_id, quote.content, source, certainty, polarity, status, sorted(cues, key=lambda c: c.start))


def _outlet_claim(doc: Doc, sent: Span, outlet: Speaker, cited: list[Quote], claim_id: str) -> Claim:
    content = text_span(doc, sent.start_char, sent.end_char, trim=True)
    tokens = list(sent)
    hedges = _hedge_cues(tokens)
    source = outlet
    if any(c.type == "allegation" for c in hedges):
        certainty = "alleged"
    elif any(c.type == "hedge" for c in hedges):
        certainty = "uncertain"
    else:
        certainty = "asserted"
    if any(c.text.lower() in REPORT_HEDGES for c in hedges):
        # "X reportedly did Y": the report is someone else's; name the source cited nearby.
        nearby = _nearest_citation(doc, sent, cited)
        if nearby is not None:
            source = nearby
    polarity, negation = _polarity(tokens)
    status, tense = _time_status(tokens)
    cues = sorted([*hedges, *negation, *tense], key=lambda c: c.start)
    return Claim(claim_id, content, source, certainty, polarity, status, cues)


def _nearest_citation(doc: Doc, sent: Span, cited: list[Quote]) -> Speaker | None:
    """The source of the closest "according to X" within two sentences of ``sent``."""
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    lo = sents[max(index - 2, 0)].start_char
    hi = sents[min(index + 2, len(sents) - 1)].end_char
    near = [q for q in cited if lo <= q.content.start < hi]
    if not near:
        return None
    best = min(near, key=lambda q: abs(q.content.start - sent.start_char))
    return best.speaker


def _tokens(doc: Doc, span: TextSpan) -> list[Token]:
    char_span = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(char_span) if char_span is not None else []


def _cue_lemma(doc: Doc, cue: TextSpan | None) -> str | None:
    if cue is None:
        return None
    tokens = _tokens(doc, cue)
    return tokens[0].lemma_.lower() if tokens else None


def _negated_cue(doc: Doc, cue: TextSpan | None, lemmas: set[str]) -> bool:
    """ "did not confirm" reads as a denial."""
    if cue is None:
        return False
    tokens = _tokens(doc, cue)
    return bool(tokens) and tokens[0].lemma_.lower() in lemmas and any(c.dep_ == "neg" for c in tokens[0].children)


def _cue(token: Token, kind: str) -> Cue:
    return Cue(kind, token.text, token.idx, token.idx + len(token.text))


def _hedge_cues(tokens: list[Token]) -> list[Cue]:
    """Hedges that bear on the claim itself: on its main verbs, not inside a relative clause."""
    cues = []
    heads = _main_verbs(tokens)
    scope = {t.i for t in heads}
    for verb in heads:
        scope.update(c.i for c in verb.children)
        scope.update(g.i for c in verb.children if c.dep_ in {"xcomp", "aux", "auxpass"} for g in c.children)
    for token in tokens:
        if token.i not in scope:
            continue
        lower = token.lower_
        if lower in ALLEGATION_WORDS or (token.lemma_.lower() in ALLEGATION_CUES and token.pos_ == "VERB" and lower not in {"claim"}):
            cues.append(_cue(token, "allegation"))
        elif lower in HEDGE_WORDS or lower in REPORT_HEDGES and token.dep_ == "advmod":
            cues.append(_cue(token, "hedge"))
        elif lower in HEDGE_MODALS and token.tag_ == "MD":
            cues.append(_cue(token, "hedge"))
        elif token.lemma_.lower() in HEDGE_VERBS and token.pos_ == "VERB":
            cues.append(_cue(token, "hedge"))
    return cues


def _main_verbs(tokens: list[Token]) -> list[Token]:
    """The clause heads of a span: tokens whose head lies outside it (or that are roots)."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in {"VERB", "AUX"}]
    if verbs:
        return verbs
    # A clause headed by a noun or adjective (copula dropped from the span): use any verb.
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"}][:1]


def _polarity(tokens: list[Token]) -> tuple[str, list[Cue]]:
    """Negative when a main verb is negated or its subject is "no one", "nothing"..."""
    for verb in _main_verbs(tokens):
        if verb.lemma_.lower() in NEGATIVE_GOVERNORS and any(c.dep_ == "xcomp" for c in verb.children):
            return "negative", [_cue(verb, "negation")]
        for child in verb.children:
            if child.lower_ in NEAR_MISS and child.dep_ == "advmod" and verb.tag_ in {"VBD", "VBN"}:
                return "negative", [_cue(child, "negation")]
            if child.dep_ == "neg" or child.lower_ in {"never"}:
                return "negative", [_cue(child, "negation")]
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ != "there":
                for t in child.subtree:
                    if t.lower_ in {"no", "nobody", "nothing", "none", "neither"}:
                        return "negative", [_cue(t, "negation")]
        # "X is not a Y": the negation may hang on the copula's complement.
        if verb.lemma_ == "be":
            for child in verb.children:
                if child.dep_ in {"attr", "acomp"}:
                    for t in child.children:
                        if t.dep_ == "neg" or t.lower_ in {"no"}:
                            return "negative", [_cue(t, "negation")]
    return "positive", []


def _time_status(tokens: list[Token]) -> tuple[str, list[Cue]]:
    """Future, hypothetical, ongoing or past, from the main verb's auxiliaries and tense."""
    verbs = _main_verbs(tokens)
    if not verbs:
        return "past", []
    verb = verbs[0]
    chain = [verb]
    # "is going to kill": the xcomp carries the event.
    for child in verb.children:
        if child.dep_ == "xcomp" and verb.lemma_ in {"go", *FUTURE_VERBS}:
            chain.append(child)
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in FUTURE_AUX:
            return "future", [_cue(child, "future")]
        if child.dep_ == "aux" and child.lower_ == "would" and verb.lemma_ not in POLITE_VERBS:
            return "hypothetical", [_cue(child, "hypothetical")]
        if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
            return "hypothetical", [_cue(child, "hypothetical")]
        # "could push", "may be signed": a modal before a bare verb looks ahead ("can" is ability).
        bare = verb.tag_ == "VB" or any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children)
        if child.dep_ == "aux" and child.lower_ in MODAL_FUTURE and bare:
            return "future", [_cue(child, "future")]
        # A bare infinitive ("to cut 4,300 jobs") is what someone means to do.
        if child.dep_ == "aux" and child.lower_ == "to" and verb.tag_ == "VB" and verb.i == min(t.i for t in tokens if t.pos_ in {"VERB", "AUX"}):
            return "future", [_cue(child, "future")]
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and len(chain) > 1:
        return "future", [_cue(verb, "future")]
    if verb.lemma_ in FUTURE_VERBS and len(chain) > 1:
        return "future", [_cue(verb, "future")]
    for child in verb.children:
        if child.lower_ in {"soon", "tomorrow"} and child.dep_ in {"advmod", "npadvmod"}:
            return "future", [_cue(child, "future")]
    if verb.tag_ in {"VBD"} or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return "past", []
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children):
        return "past", []
    if verb.tag_ in {"VBZ", "VBP", "VBG"} or verb.lemma_ == "be" and verb.tag_ in {"VBZ", "VBP"}:
        return "ongoing", []
    return "past", []


def _run(doc: Doc, article: Article, found) -> dict:
    claims, quotes = extract_claims(doc, found["quotes"], article)
    return {"claims": claims, "quotes": quotes}


EXTRACTOR = Extractor(name="claims", version=VERSION, needs=("quotes",), sets=("claims", "quotes"), run=_run)
