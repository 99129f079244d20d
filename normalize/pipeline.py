"""The pipeline: ordered stages, selection, suppression, overlap resolution, one pass each.

Two phases alternate. Repairs (encoding, Unicode hygiene, look-alike letters) come first,
because names and honorifics can only be recognised in repaired text; content stages
(foreign-script fragments, Latin-script sentences, names, honorifics, rule packs) then run
on the repaired text; the phases repeat until neither changes anything (a fixed point, so
fixing the output again finds nothing). Each pass applies its edits in one go, and the
passes are composed so that every reported change has offsets into the *input*: replaying
the changes on the input gives the output.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, TypeVar

from . import blocks
from .config import Config, language_problem, resolve_config
from .doclang import main_language
from .document import Document, inline_suppressions
from .edits import (Change, Edit, Finding, LineIndex, OffsetMap, Shared, apply_edits, compose, new_change,
                    resolve_overlaps)
from .errors import NormalizeError
from .languages import CONFIGURED, DETECTED, UNDETERMINED
from .rulebook import RuleInfo, check_contradictions, load_packs, parse_rules
from .selection import Selection, unknown_selectors
from .stages import Stage
from .validate import check_markup, check_settings


# Compiled stages per configuration, shared by the engines of one process (an engine
# unpickled in a worker compiles once); a few, since a long-lived process may see many configs.
_COMPILED: OrderedDict[str, tuple[list[Stage], list[Stage]]] = OrderedDict()
COMPILED_KEEP = 8
MAX_PASSES = 3
MAX_PHASES = 6
_SPAN = attrgetter("start", "end")  # an edit's sort key, made in C
_RULE_AND_CATEGORY, _SAFE = attrgetter("rule", "category"), attrgetter("safe")


@dataclass(frozen=True)
class Result:
    """One normalised document: the cleaned `text`, the `changes` applied and the `findings` left
    for a human (offsets into the input), the detected `encoding` (normalize_bytes) and `language`."""

    text: str
    changes: list[Change]
    findings: list[Finding]
    encoding: str | None = None
    language: str | None = None
    source: str = field(default="", repr=False)  # the (decoded) input text
    bom: bytes = field(default=b"", repr=False)  # a byte-order mark the writer must restore
    language_source: str | None = None  # "configured" | "detected" | "undetermined"; None: empty text
    language_confidence: float | None = None  # the detector's confidence (1.0 when configured)

    @property
    def changed(self) -> bool:
        """Whether any change was made."""
        return bool(self.changes)

    def to_dict(self) -> dict[str, Any]:
        """One element of the JSON report's "files" list, without "path"."""
        return {
            "encoding": self.encoding,
            "language": self.language,
            "language_source": self.language_source,
            "language_confidence": self.language_confidence,
            "changed": self.changed,
            "changes": [c.to_dict() for c in self.changes],
            "findings": [f.to_dict() for f in self.findings],
        }


class Normalizer:
    """The engine: settings validated and compiled once, reusable, picklable (workers rebuild the
    compiled stages lazily).

    `style`: None, "en-GB", "en-US" or a style the packs define; `select` / `ignore`: categories
    or rule ids (a dotted prefix covers a family); `config`: a Config, a mapping of
    `[tool.normalize]` keys, or a path to a configuration file. An unknown rule, category, style
    or key raises NormalizeError (with a "did you mean") instead of silently doing nothing.
    """

    def __init__(
        self,
        style: str | None = None,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str | None = None,
        config: Config | Mapping[str, Any] | str | Path | None = None,
        *,
        unsafe_fixes: bool | None = None,
        language: str | None = None,
    ) -> None:
        base = resolve_config(config)
        self.config = base.merged(style=style, select=select, ignore=ignore, unsafe_fixes=unsafe_fixes,
                                  language=language)
        problem = language_problem(self.config.language)
        if problem:
            raise NormalizeError(problem)
        self.selection = Selection(self.config.select, self.config.ignore)
        check_settings(self.config, base)  # a typo in select/ignore/style is an error, not a no-op

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "selection": self.selection}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def _stages(self) -> tuple[list[Stage], list[Stage]]:
        # Shared per process and configuration: an engine unpickled in a worker compiles once.
        # The language setting is read per document, not compiled in. The key (a repr of the
        # settings) is worked out once per settings object, not per document.
        known = self.__dict__.get("_stages_key")
        if known is None or known[0] is not self.config or known[1] is not self.selection:
            known = self._stages_key = (self.config, self.selection,
                                        repr((replace(self.config, language=None), self.selection)))
        key = known[2]
        stages = _COMPILED.get(key)
        if stages is None:
            stages = _COMPILED[key] = build_stages(self.config, self.selection)
            while len(_COMPILED) > COMPILED_KEEP:
                _COMPILED.popitem(last=False)
        else:
            _COMPILED.move_to_end(key)
        return stages

    def rules(self) -> list[RuleInfo]:
        """The rules this engine's selection can apply (id, category, severity, source), sorted by id."""
        repair, content = self._stages
        return sorted((info for stage in repair + content for info in stage.rules()), key=lambda r: r.id)

    def check_selectors(self) -> list[str]:
        """Selectors naming no known category or rule family (kept for callers; the constructor
        already rejects unknown selectors with a NormalizeError)."""
        families = {r.id.split(".")[0] for r in self.rules()}
        return unknown_selectors(self.config.select + self.config.ignore, families)

    def normalize_text(self, text: str, *, markup: str = "text") -> Result:
        """Normalise one text; `markup` ("text", "markdown", "html", "rst") protects code, URLs
        and tags. Raises NormalizeError for a non-str or an input over `max-bytes`."""
        if not isinstance(text, str):
            raise NormalizeError(f"normalize_text expects str, not {type(text).__name__}")
        if len(text) > self.config.max_bytes:
            raise NormalizeError(
                f"input of {len(text)} characters exceeds the limit of {self.config.max_bytes} (max-bytes)"
            )
        return self._run(text, markup)

    def normalize_bytes(self, data: bytes, *, markup: str = "text") -> Result:
        """Decode `data` (detecting the encoding; repairs are reported as changes) and normalise
        it; offsets refer to the decoded text, and `Result.encoding` names the source encoding."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise NormalizeError(f"normalize_bytes expects bytes, not {type(data).__name__}"
                                 + (" (use normalize_text for str)" if isinstance(data, str) else ""))
        if len(data) > self.config.max_bytes:
            raise NormalizeError(f"input of {len(data)} bytes exceeds the limit of {self.config.max_bytes} (max-bytes)")
        from .encoding.decode import decode_bytes

        decoded = decode_bytes(bytes(data))
        result = self._run(decoded.text, markup, pre_edits=decoded.edits, pre_findings=decoded.findings)
        return replace(result, encoding=decoded.encoding, bom=decoded.bom)

    def normalize_many(self, texts: Iterable[str | bytes], *, markup: str = "text") -> Iterator[Result]:
        """Normalise a stream of documents lazily, in order."""
        for item in texts:
            yield self.normalize_bytes(item, markup=markup) if isinstance(item, bytes) else self.normalize_text(
                item, markup=markup
            )

    # --- the two rounds -------------------------------------------------------------------

    def _run(self, text: str, markup: str, pre_edits: list[Edit] = (), pre_findings: list[Finding] = ()) -> Result:  # type: ignore[assignment]
        check_markup(markup)
        doc = self._document(text, markup)
        cuts = blocks.block_cuts(text, doc, pre_edits) if len(text) > blocks.BLOCK else []
        if cuts:
            return self._run_blocks(doc, cuts, pre_edits, pre_findings)
        findings = self._decoder_findings(doc, pre_findings)
        output, applied, findings, doc = self._normalise(doc, list(pre_edits), findings)
        return _result(text, output, applied, findings, doc)

    def _run_blocks(self, whole: Document, cuts: list[int], pre_edits: list[Edit],
                    pre_findings: list[Finding]) -> Result:
        """A document longer than blocks.BLOCK, normalised a block at a time (see `blocks.block_cuts`): each
        block's stages, proposals and spans are freed before the next one starts, so the
        peak is the result plus one block's work. The language is worked out once, on the first
        block as the whole text's would be (the detectors read a text's first 50,000
        characters, after the repairs), and holds for every block."""
        text = whole.text
        findings = self._decoder_findings(whole, pre_findings)  # offsets of the whole text already
        # The protected spans are the whole text's (markup is parsed once, with all its context:
        # a fence, a reference defined further down), kept compactly and handed to each block.
        span_starts = array("q", (a for a, _ in whole.protected_spans))
        span_ends = array("q", (b for _, b in whole.protected_spans))
        for worked_out in ("_protection", "_starts", "url_spans"):
            whole.__dict__.pop(worked_out, None)
        pending = sorted(pre_edits, key=lambda e: (e.start, e.end))
        # Each block's edits and findings become the result's changes and findings as soon as
        # it is done (their offsets shifted into the whole text), sharing repeated strings.
        changes: list[Change] = []
        located: list[Finding] = []
        lines = LineIndex(text)
        shared = Shared()
        output = ""
        k = 0
        bounds = [0, *cuts, len(text)]
        described: Document | None = None  # the first block's language, for every other block
        for start, end in zip(bounds, bounds[1:]):
            extra = []
            while k < len(pending) and pending[k].start < end:
                extra.append(_shifted(pending[k], -start, shared))
                k += 1
            block = self._document(text[start:end], whole.markup, described)
            first, stop = bisect.bisect_left(span_starts, start), bisect.bisect_left(span_starts, end)
            block.__dict__["_protection"] = (  # Document's cached protection, worked out already
                [(span_starts[i] - start, span_ends[i] - start) for i in range(first, stop)],
                inline_suppressions(block.text))
            piece, done, found, last = self._normalise(block, extra, [], fixed=described, carry_spans=True)
            if described is None:  # described as a whole text is: from its opening, once repaired
                described = self._document("", whole.markup, last)
            del block, last
            output += piece  # CPython grows `output` in place (one reference): no second copy to join
            del piece
            changes += _changes(text, done, lines, shared, start)
            located += [_locate(f, lines, shared, changes, start) for f in _draining(found)]
        located += [_locate(f, lines, shared, changes) for f in _draining(findings)]
        doc = described or whole
        return Result(output, changes, _unique(located), None, doc.language, text,
                      language_source=doc.language_source, language_confidence=doc.language_confidence)

    def _normalise(self, doc: Document, extra: list[Edit], findings: list[Finding],
                   fixed: Document | None = None,
                   carry_spans: bool = False) -> tuple[str, list[Edit], list[Finding], Document]:
        """The phases on `doc`: its output text, the edits applied and the findings, both with
        offsets into `doc.text`, and the last document (its language). `extra`: edits proposed
        before the first pass (the decoder's); `fixed`: a document whose language every version
        of this one keeps (a block of a longer text); `carry_spans`: later versions keep `doc`'s
        protected spans, moved through the edits, instead of parsing their markup again (a
        block's spans came from the whole text: a reference defined in another block)."""
        repair, content = self._stages
        markup = doc.markup
        applied: list[Edit] = []  # every edit so far, as edits of the input text
        # Phases alternate, repairs first: each runs passes until it proposes nothing (two of
        # its edits may have overlapped, and only one could be applied per pass); after the
        # first two, the first phase that changes nothing ends the run, since the other one
        # was already idle on the same text (a repaired name can leave a stray space to tidy).
        for number in range(MAX_PHASES):
            stages = (repair, content)[number % 2]
            changed = False
            # A pass in which stages waited for a repair's result is not counted against them:
            # they still get MAX_PASSES passes of their own (and the phase at most twice that).
            counted = passes = 0
            while counted < MAX_PASSES and passes < 2 * MAX_PASSES:
                last = counted == MAX_PASSES - 1 or passes == 2 * MAX_PASSES - 1
                edits, found, complete, waited = self._round(doc, stages, extra, last=last)
                passes += 1
                counted += not waited
                extra = []
                if found and edits and stages is repair:
                    # another kind of repair rewrote the text these point into ("Ã\x81" of UTF-8
                    # mojibake is no stray control character); the next pass sees what replaced it
                    found = _not_rewritten(found, edits)
                if found:
                    if applied:
                        back = OffsetMap(applied)  # built once per pass: each finding is a bisection
                        findings += [_move(f, *back.span(f.start, f.end)) for f in found]
                        del back  # its offset lists are as long as `applied`
                    else:
                        findings += found
                if not edits:
                    break
                changed = True
                # no local copy of the old text: it is freed with the old document
                # the first pass's edits come sorted from resolve_overlaps: no sort (tens of thousands)
                applied = sorted(compose(applied, doc.text, edits), key=_SPAN) if applied else list(edits)
                new = self._document(apply_edits(doc.text, edits), markup, fixed or _small(edits, doc))
                if carry_spans:
                    new.__dict__["_protection"] = (_carried(doc.protected_spans, edits),
                                                   inline_suppressions(new.text))
                doc = new
                del new
                if complete and stages is content:
                    # every proposal was applied, and content fixes do not feed each other (a
                    # repair can: mojibake repaired into a no-break space): nothing new to find
                    break
            if number >= 1 and not changed:
                break
        return doc.text, applied, findings, doc

    def _decoder_findings(self, doc: Document, found: Iterable[Finding]) -> list[Finding]:
        """What the byte decoder noticed obeys select/ignore and suppressions like the rest
        (its edits go through `_round` with the first repair pass)."""
        if not found:
            return []
        allowed = self._allowed(doc)
        return [f for f in found if allowed(f.rule, f.category, f.start, f.end, finding=True)]

    def _document(self, text: str, markup: str, like: Document | None = None) -> Document:
        """The document the stages see; `like`: an earlier version whose language still holds."""
        if like:
            return Document(text, self.config.style, like.language, like.script, markup,
                            like.language_source, like.language_confidence)
        configured = self.config.language if self.config.language != "auto" else None
        return _Undescribed(text, self.config.style, markup, configured)

    def _round(
        self, doc: Document, stages: list[Stage], extra: list[Edit] | None = None, last: bool = True,
    ) -> tuple[list[Edit], list[Finding], bool, bool]:
        """Proposals of `stages` resolved into edits, the findings, whether no proposal lost an
        overlap (then the stages are settled on the result), and whether a stage waited. `last`:
        no further pass of this phase follows (else a stage `after_rewrites` waits for the
        repaired text when a repair rewrites it: the repair's edits bring another pass)."""
        text = doc.text
        proposals: list[Edit] = list(extra or [])
        findings: list[Finding] = []
        undetermined = None  # asked once, when the first stage needs the language (after the repairs)
        rewritten = False  # a stage that rewrites damaged words proposed edits this pass keeps
        allowed = None
        unsafe_fixes = self.config.unsafe_fixes
        waited = False
        for stage in stages:
            if rewritten and getattr(stage, "after_rewrites", False):
                waited = True
                continue
            if stage.needs_language:
                if undetermined is None:
                    undetermined = doc.language is None
                if undetermined:
                    continue  # uncertain means safe: no names, no honorific style without a language
            edits, found = stage.run(doc)
            proposals += edits
            findings += found
            if edits and not last and getattr(stage, "rewrites_words", False):
                # only an edit this round keeps brings the next pass (one in a code span does not)
                allowed = allowed or self._allowed(doc)
                rewritten = any(allowed(e.rule, e.category, e.start, e.end) and (e.safe or unsafe_fixes) for e in edits)
        if not proposals and not findings:
            return [], [], True, waited
        allowed = allowed or self._allowed(doc)
        kept: list[Edit] = []
        if self._all_kept(doc, proposals):
            kept = proposals  # what the loop below keeps (a mojibake text: one proposal per damaged word)
        else:
            for edit in proposals:
                if not allowed(edit.rule, edit.category, edit.start, edit.end):
                    continue
                if edit.safe or unsafe_fixes:
                    kept.append(edit)
                else:  # an unsafe fix is a suggestion until the user opts in
                    findings.append(_as_suggestion(text, edit))
        findings = [f for f in findings if allowed(f.rule, f.category, f.start, f.end, finding=True)]
        resolved = resolve_overlaps(kept)
        return resolved, findings, len(resolved) == len(kept), waited

    def _all_kept(self, doc: Document, proposals: list[Edit]) -> bool:
        """Whether `_round` keeps every proposal as it is, checked at C speed: no protected span
        or directive in the text, each (rule, category) enabled, and every fix safe or unsafe
        fixes on (then `allowed` says yes to each, and none becomes a suggestion)."""
        if doc.protected_spans or doc.suppressions is not None:
            return False
        enabled = self.selection.enabled
        if not all(enabled(rule, category) for rule, category in set(map(_RULE_AND_CATEGORY, proposals))):
            return False
        return self.config.unsafe_fixes or all(map(_SAFE, proposals))

    def _allowed(self, doc: Document):  # noqa: ANN202 - a small closure
        enabled = self.selection.enabled
        suppressions = doc.suppressions
        known: dict[tuple[str, str], bool] = {}  # mojibake: one edit per damaged word, all of one rule
        unguarded = not doc.protected_spans and suppressions is None  # the selection alone decides

        def allowed(rule: str, category: str, start: int, end: int, finding: bool = False) -> bool:
            on = known.get((rule, category))
            if on is None:
                on = known[rule, category] = enabled(rule, category)
            if not on:
                return False
            if unguarded:
                return True
            if not finding and doc.is_protected(start, end):
                return False
            if finding and start != end and doc.is_protected(start, end) and rule != "unicode.bidi":
                return False
            return suppressions is None or suppressions.allows(rule, start, end, category=category)

        return allowed


def _carried(spans: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """Protected spans of a text, moved through `edits` (sorted, not overlapping, and never
    inside a protected span: `allowed` refuses those). An insertion at a span's edge stays
    outside it."""
    if not edits:
        return spans
    ends = [e.end for e in edits]
    shifts = list(itertools.accumulate(len(e.replacement) - (e.end - e.start) for e in edits))

    def moved(position: int, edits_before: int) -> int:
        return position + (shifts[edits_before - 1] if edits_before else 0)

    return [(moved(a, bisect.bisect_right(ends, a)), moved(b, bisect.bisect_left(ends, b))) for a, b in spans]


def _shifted(edit: Edit, by: int, shared: Shared) -> Edit:
    text = shared.text
    return Edit(edit.start + by, edit.end + by, text(edit.replacement), text(edit.rule), text(edit.category),
                text(edit.message), edit.safe, text(edit.severity), edit.priority)


def _result(text: str, output: str, applied: list[Edit], findings: list[Finding], doc: Document) -> Result:
    """The Result: `applied` and `findings` (offsets into `text`, the input) become located
    changes and findings; both lists are emptied on the way."""
    if not applied and not findings:
        changes, located = [], []
    else:
        lines = LineIndex(text)
        # Each edit and finding is dropped as soon as its located copy exists, so the two
        # forms of tens of thousands of them are never all alive at once; repeated strings
        # and numbers are one object each (peak memory).
        shared = Shared()
        changes = _changes(text, applied, lines, shared)
        unique = _unique(findings)
        located = [_locate(f, lines, shared, changes) for f in _draining(unique)]
    return Result(output, changes, located, None, doc.language, text,
                  language_source=doc.language_source, language_confidence=doc.language_confidence)


def build_stages(config: Config, selection: Selection) -> tuple[list[Stage], list[Stage]]:
    """Load and validate every pack, then build the stages the selection can enable."""
    from .stages.foreign import ForeignScriptStage
    from .stages.honorifics import HonorificStage, parse_honorifics
    from .stages.latin_sentences import LatinSentenceStage
    from .stages.names import NameStage
    from .stages.repair import EncodingStage, HomoglyphStage, HygieneStage
    from .stages.rules import RuleStage

    packs = load_packs(config.packs)
    by_kind: dict[str, list[Any]] = {}
    for pack in packs:
        by_kind.setdefault(pack.kind, []).append(pack)
    honorifics = [parse_honorifics(p) for p in by_kind.get("honorifics", [])]  # validated even if unused
    name_stage: list[NameStage] = []

    def names() -> NameStage:  # one gazetteer for the names stage and the fragment suggestions
        if not name_stage:
            name_stage.append(NameStage([p.path for p in by_kind.get("gazetteer", [])], config.style))
        return name_stage[0]

    def native_names(fragment: str) -> str | None:
        return names().native_spelling(fragment)

    rule_list = [rule for p in by_kind.get("rules", []) for rule in parse_rules(p)]
    check_contradictions(rule_list)
    rules = RuleStage(rule_list)
    factories: list[tuple[Any, Any]] = [
        (EncodingStage, EncodingStage),
        (HygieneStage, HygieneStage),
        (HomoglyphStage, HomoglyphStage),
        (ForeignScriptStage, lambda: ForeignScriptStage(
            config.allow_scripts, config.allow_terms, config.foreign_actions,
            [p.path for p in by_kind.get("glossary", [])], native_names, config.foreign_markers)),
        (LatinSentenceStage, LatinSentenceStage),
        (NameStage, names),
        (HonorificStage, lambda: HonorificStage(honorifics)),
        (rules, lambda: rules),
    ]
    built: list[Stage] = [make() for kind, make in factories if selection.may_enable(kind.families, kind.categories)]
    return [s for s in built if s.phase == "repair"], [s for s in built if s.phase == "content"]


class _Undescribed(Document):
    """A document whose language and script are worked out when a stage first asks: a
    mis-decoded input the repairs rewrite is described once, after the repair, not twice."""

    def __init__(self, text: str, style: str | None, markup: str, configured: str | None) -> None:
        self._configured = configured
        self._described: tuple[str | None, str | None, str | None, float | None] | None = None
        super().__init__(text, style, None, None, markup, None, None)

    def _description(self) -> tuple[str | None, str | None, str | None, float | None]:
        if self._described is None:
            # the characters beyond ASCII, when a repair stage has read them already
            self._described = detect(self.text, self._configured, self.__dict__.get("unusual_chars"))
        return self._described

    # The dataclass's __init__ assigns the four fields (None): the setters ignore those.
    language = property(lambda self: self._description()[0], lambda self, value: None)
    script = property(lambda self: self._description()[1], lambda self, value: None)
    language_source = property(lambda self: self._description()[2], lambda self, value: None)
    language_confidence = property(lambda self: self._description()[3], lambda self, value: None)


def describe(text: str) -> tuple[str | None, str | None]:
    """The document's main language (None: undetermined) and script, cheaply."""
    language, script, _, _ = detect(text)
    return language, script


def detect(text: str, configured: str | None = None,
           unusual: frozenset[str] | None = None) -> tuple[str | None, str | None, str | None, float | None]:
    """Language, script, where the language came from ("configured" | "detected" |
    "undetermined"; None for a text without letters) and the confidence in it. `unusual`:
    the text's Document.unusual_chars, when known (saves a pass over a Latin text)."""
    script = main_script_of(text, unusual)
    if configured:
        return configured, script, CONFIGURED, 1.0
    if not text.strip():
        return None, script, None, None
    if script == "Latin":
        guess = main_language(text)
        language, confidence = guess.language, guess.confidence
    else:
        from .langid import identify

        language, confidence = identify(_sample(text, script), script)
        language = None if language == "und" else language
    if language is None:
        return None, script, UNDETERMINED, confidence
    return language, script, DETECTED, confidence


def main_script_of(text: str, unusual: frozenset[str] | None = None) -> str:
    """The main script ("Latin" unless most letters are of another script). `unusual`: the
    text's characters beyond printable ASCII (Document.unusual_chars), when known."""
    if text.isascii():
        return "Latin"
    if unusual is not None:
        from .langid.scripts import no_letters_beyond_latin

        if no_letters_beyond_latin(unusual):
            return "Latin"  # accents and curly quotes: no other script to outnumber Latin
    head = text[:10_000]
    # UTF-8 length counts 1-3 extra bytes per non-ASCII character: few of them, a Latin text
    if len(head.encode("utf-8", "surrogatepass")) - len(head) < len(head) // 5:
        return "Latin"
    from .langid import main_script

    return main_script(text[:50_000]) or "Latin"


def _sample(text: str, script: str) -> str:
    from .langid import script_of

    # the first 200 words in the script: the rest are not looked at (a long line holds thousands)
    return " ".join(itertools.islice((w for w in text[:20_000].split() if w and script_of(w[0]) == script), 200))


def _as_suggestion(text: str, edit: Edit) -> Finding:
    return Finding(edit.rule, edit.category, edit.severity,
                   edit.start, edit.end, text[edit.start : edit.end],
                   f"{edit.message} (unsafe fix, not applied: use --unsafe-fixes)", suggestion=edit.replacement)


T = TypeVar("T")

LANGUAGE_NEUTRAL = frozenset({"honorific", "transliteration"})


def _small(edits: list[Edit], doc: Document) -> Document | None:
    """`doc` when the edits cannot change its language or script, so they need not be
    worked out again: titles and Latin name spellings only. Repairs can (a look-alike fixed
    in a short text may tip its script count; a mis-decoded article becomes Cyrillic)."""
    return doc if all(e.category in LANGUAGE_NEUTRAL for e in edits) else None


def _draining(items: list[T]) -> Iterator[T]:
    """The items of `items` in order, each removed from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _unique(findings: list[Finding]) -> list[Finding]:
    """`findings` sorted by (start, end, rule), one of each: a later pass of a phase reports
    again what an earlier pass found. Emptied on the way. Stable sorts on one field at a time
    and neighbours compared: no key tuple or set entry per finding (peak memory)."""
    for field_name in ("rule", "end", "start"):  # the last sort decides first
        findings.sort(key=attrgetter(field_name))
    out: list[Finding] = []
    group = 0  # where the findings at the last finding's (start, end, rule) begin in `out`
    for finding in _draining(findings):
        if out:
            last = out[-1]
            if (finding.start, finding.end, finding.rule) != (last.start, last.end, last.rule):
                group = len(out)
            elif any(kept.message == finding.message for kept in out[group:]):
                continue
        out.append(finding)
    return out


def _not_rewritten(findings: list[Finding], edits: list[Edit]) -> list[Finding]:
    """The findings not inside an edit (of `edits`: sorted, not overlapping) of another category
    (a finding on the text its own kind of edit replaces, as a removed bidi control, stays)."""
    starts = [e.start for e in edits]
    kept = []
    for finding in findings:
        i = bisect.bisect_right(starts, finding.start) - 1  # the last edit starting at or before it
        edit = edits[i] if i >= 0 else None
        # inside: within the edit and not merely touching its edge (an insertion holds nothing)
        if edit is None or not (finding.end <= edit.end and edit.start < finding.end and finding.start < edit.end):
            kept.append(finding)
        elif edit.category == finding.category:
            kept.append(finding)
    return kept


def _move(finding: Finding, start: int, end: int) -> Finding:
    from dataclasses import replace

    return replace(finding, start=start, end=end)


def _changes(text: str, edits: list[Edit], lines: LineIndex, shared: Shared, offset: int = 0) -> list[Change]:
    """`edits` (offsets into `text` less `offset`: a block's; emptied on the way) as located
    changes of `text`. Tens of thousands of them on a mojibake-heavy text, nearly all of one
    rule and a few messages: those are shared once per run of equal objects, not per change;
    the repaired words repeat too, so most strings are found kept without a call."""
    text_of, known = shared.text, shared.known
    changes: list[Change] = []
    append = changes.append
    rule = category = message = ""
    raw_rule: str | None = None
    raw_category: str | None = None
    raw_message: str | None = None
    line, line_start, next_line = 0, 0, -1  # the last change's line, [line_start, next_line) of the text
    for edit in _draining(edits):
        start, end = (edit.start + offset, edit.end + offset) if offset else (edit.start, edit.end)
        if not line_start <= start < next_line:  # sorted: most changes share the line before's
            line, line_start, next_line = lines.line_of(start)
        if edit.rule is not raw_rule:
            raw_rule, rule = edit.rule, text_of(edit.rule)
        if edit.category is not raw_category:
            raw_category, category = edit.category, text_of(edit.category)
        if edit.message is not raw_message:
            raw_message, message = edit.message, text_of(edit.message)
        before, after = text[start:end], edit.replacement
        before = known(before) or text_of(before)  # an empty string is its own kept copy
        after = known(after) or text_of(after)
        append(new_change(rule, category, start, end, line, start - line_start + 1, before, after, message))
    return changes


def _locate(finding: Finding, lines: LineIndex, shared: Shared, changes: list[Change], offset: int = 0) -> Finding:
    """`finding` (offsets less `offset`) with its line and column; a change at the same offsets
    lends its numbers (one int object for both, not two)."""
    start, end = finding.start + offset, finding.end + offset
    line, column = lines.position(start)
    i = bisect.bisect_left(changes, start, key=_start_of)
    if i < len(changes) and changes[i].start == start:
        near = changes[i]
        start, line, column = near.start, near.line, near.column
        if near.end == end:
            end = near.end
    return shared.finding(finding, start, end, line, column)


def _start_of(change: Change) -> int:
    return change.start
