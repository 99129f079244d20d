"""Foreign-script fragments: spans, language, context, actions, allow-lists; Latin-script sentences."""

from __future__ import annotations

import pytest

import normalize

FOREIGN = ["foreign-script"]


LEAD = "Officials in the capital said on Tuesday that the talks would continue next week. "


def findings(text: str, **options) -> list:
    """Findings for `text` inside an English paragraph (a few words alone have no main language)."""
    result = normalize.Normalizer(select=FOREIGN, **options).normalize_text(LEAD + text)
    return [_shift(f) for f in result.findings]


def _shift(finding):
    from dataclasses import replace

    return replace(finding, start=finding.start - len(LEAD), end=finding.end - len(LEAD))


@pytest.mark.parametrize(
    "text,fragment,language,context",
    [
        ("a violation of [του Συμβουλίου Ασφαλείας] of the UN", "του Συμβουλίου Ασφαλείας", "el", "brackets"),
        ("He shouted «Слава Україні» at the rally.", "Слава Україні", "uk", "quotation"),
        ("Kim Jong Un (김정은) arrived in Vladivostok.", "김정은", "ko", "gloss"),
        ("The sign read “Добро пожаловать” in large letters.", "Добро пожаловать", "ru", "quotation"),
        ("The minister said the Народна скупштина would vote today.", "Народна скупштина", "sr", "inline"),
        ("Officials in 東京 and ソウル met.", "東京", "zh", "inline"),
        ("The banner said שלום עכשיו in red.", "שלום עכשיו", "he", "inline"),
        ("Protesters chanted الشعب يريد outside.", "الشعب يريد", "ar", "inline"),
    ],
)
def test_fragments_are_found_with_span_language_and_context(text, fragment, language, context):
    finding = next(f for f in findings(text) if f.rule == "foreign-script.stray")
    assert (finding.start, finding.end) == (text.index(fragment), text.index(fragment) + len(fragment))
    assert finding.language == language
    assert finding.extra["context"] == context
    assert finding.severity == ("info" if context == "gloss" else "error")


def test_fragment_joins_across_digits_punctuation_and_acronyms():
    text = "The report quoted “Η αβεβαιότητα για το PSI, 107,5 χλμ, συνεχίζεται” in full."
    [finding] = findings(text)
    assert finding.text == "Η αβεβαιότητα για το PSI, 107,5 χλμ, συνεχίζεται"


@pytest.mark.parametrize(
    "text",
    [
        "Alpha particles (α-particles) and π are symbols; the film was 5 μm thick; Δ is a change.",
        "Ukrаine with a Cyrillic а is the look-alike stage's business.",
        "Plain English news copy with “curly quotes” and an em dash — nothing foreign.",
    ],
)
def test_symbols_look_alikes_and_clean_copy_are_not_fragments(text):
    assert [f for f in findings(text) if f.category == "foreign-script"] == []


def test_a_document_mostly_in_greek_is_a_normal_document():
    text = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία και τις συντάξεις. Ο υπουργός μίλησε στη Βουλή."
    assert findings(text) == []


def test_allow_scripts_and_terms_and_actions():
    text = "The gloss Kim Jong Un (김정은) and [του Συμβουλίου Ασφαλείας] remain."
    assert findings(text, config={"allow-scripts": ["Hangul", "Greek"]}) == []
    assert [f.text for f in findings(text, config={"allow-terms": ["김정은"]})] == ["του Συμβουλίου Ασφαλείας"]
    keep = normalize.Normalizer(select=FOREIGN, config={"foreign-actions": {"el": "translate", "gloss": "keep"}},
                                unsafe_fixes=True)
    result = keep.normalize_text(LEAD + text)
    assert result.text == LEAD + "The gloss Kim Jong Un (김정은) and [of the Security Council] remain."
    assert [c.rule for c in result.changes] == ["foreign-script.stray"]


def test_translate_without_unsafe_fixes_is_a_suggestion():
    text = LEAD + "It breached [του Συμβουλίου Ασφαλείας] rules."
    engine = normalize.Normalizer(select=FOREIGN, config={"foreign-actions": {"el": "translate"}})
    result = engine.normalize_text(text)
    assert result.text == text
    [finding] = result.findings
    assert finding.suggestion == "of the Security Council" and "unsafe" in finding.message


def test_remove_takes_the_brackets_too():
    engine = normalize.Normalizer(select=FOREIGN, config={"foreign-actions": {"el": "remove"}}, unsafe_fixes=True)
    assert engine.normalize_text(LEAD + "It breached [του Συμβουλίου Ασφαλείας] rules.").text == LEAD + "It breached rules."


def test_a_name_in_its_own_script_suggests_the_house_spelling():
    [finding] = normalize.normalize_text("The host was Сергей Шойгу, officials said.").findings
    assert finding.suggestion == "Sergei Shoigu"


def test_untranslated_spanish_sentence_is_reported_once_with_its_language():
    text = ("The minister spoke to reporters on Tuesday. El gobierno no tiene planes de subir los impuestos "
            "este año. He then left for the airport.")
    [finding] = [f for f in findings(text) if f.rule == "foreign-script.latin-sentence"]
    assert finding.text == "El gobierno no tiene planes de subir los impuestos este año."
    assert finding.language == "es" and finding.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Barcelona in the Copa del Rey final on Saturday night.",
        "The paper Le Monde and the daily El País both ran the story on their front pages.",
        "Jean de la Fontaine wrote fables; the Museo del Prado lent the paintings.",
    ],
)
def test_names_and_titles_are_not_foreign_sentences(text):
    assert [f for f in findings(text) if f.rule == "foreign-script.latin-sentence"] == []


from normalize.stages.foreign import load_policy  # noqa: E402

POLICY_EXAMPLES = load_policy().examples


@pytest.mark.parametrize("example", POLICY_EXAMPLES, ids=[e["text"][:40] for e in POLICY_EXAMPLES])
def test_severity_policy_examples(example):
    """Every [[example]] of normalize/data/foreign-policy.toml: context, severity and language."""
    text = example["text"]
    matching = [f for f in findings(text) if f.rule == "foreign-script.stray" and f.text == example["fragment"]]
    assert matching, [(f.text, f.extra) for f in findings(text)]
    finding = matching[0]
    assert (finding.extra["context"], finding.severity, finding.language) == (
        example["context"], example["severity"], example["language"])


def test_a_transliteration_is_labelled_and_never_the_suggestion():
    text = "The spokesman added посмотрим, что будет дальше and left."
    [finding] = findings(text)
    assert finding.suggestion is None
    assert "transliteration: posmotrim" in finding.message
    assert finding.extra["transliteration"].startswith("posmotrim")


@pytest.mark.parametrize(
    "text",
    [
        "대통령은 노무현(盧武鉉) 전 대통령의 묘소를 찾았다. 정부는 오늘 새로운 정책을 발표했다.",
        "قال الرئيس إن الحكومة ستواصل العمل ـ رغم الصعوبات ـ لتحقيق الأهداف المعلنة في الخطة.",
        "首相は東京で記者会見を開き、新しい経済対策を発表した。政府は来年度の予算案をまとめる。",
    ],
)
def test_text_in_its_own_writing_system_is_not_foreign(text):
    result = normalize.normalize_text(text, select=FOREIGN)
    assert [f for f in result.findings if f.rule == "foreign-script.stray"] == []


@pytest.mark.parametrize(
    "text",
    [
        "South Africa - P Montgomery; B Paulse, M Joubert, De Wet Barry, A Snyman; A Pretorius, "
        "J van der Westhuizen; R Kempson, J Dalton, W Meyer, M Andrews, K Otto, C Krige, A Venter, A Vos (captain).",
        "Replacements: O le Roux, A van den Berg, J de Beer, D de Villiers, P du Toit, L van Biljon, T van Rooyen.",
        "Portugal: J da Silva, P de la Cruz, A dos Santos, M das Neves, R de Sousa, L da Costa, F do Rosario.",
        "Shares went to the Caisse Nationale de Prévoyance du Bâtiment et des Travaux Publics and the "
        "Société Générale de Belgique.",
    ],
)
def test_lists_of_names_are_not_foreign_sentences(text):
    assert [f for f in findings(text) if f.rule == "foreign-script.latin-sentence"] == []


def test_german_nouns_and_names_in_a_german_sentence_still_make_it_a_sentence():
    text = ("The minister spoke to reporters on Tuesday. Wolodymyr Selenskyj und Friedrich Merz trafen sich "
            "am Rande des Gipfels in Brüssel. He then left for the airport.")
    [finding] = [f for f in findings(text) if f.rule == "foreign-script.latin-sentence"]
    assert finding.language == "de"


def test_a_house_marker_given_to_the_stage_marks_foreign_text():
    from normalize.document import Document
    from normalize.stages.foreign import ForeignScriptStage

    text = LEAD + "Greeks call it [[el]]φιλότιμο[[/el]], a sense of honour."
    plain = ForeignScriptStage()
    marked = ForeignScriptStage(markers=(("[[el]]", "[[/el]]"),))
    doc = Document(text, language="en", script="Latin")
    assert [f.severity for f in plain.run(doc)[1]] == ["error"]
    assert [(f.severity, f.extra["context"]) for f in marked.run(doc)[1]] == [("info", "marked")]


def test_house_markers_come_from_the_configuration(tmp_path):
    text = LEAD + "Greeks call it [[el]]φιλότιμο[[/el]], a sense of honour."
    marked = normalize.normalize_text(text, config={"foreign-markers": [["[[el]]", "[[/el]]"]]})
    assert [(f.severity, f.extra["context"]) for f in marked.findings] == [("info", "marked")]
    assert [f.severity for f in normalize.normalize_text(text).findings] == ["error"]
    config = tmp_path / "normalize.toml"
    config.write_text('foreign-markers = [["[[el]]"]]\n', encoding="utf-8")
    with pytest.raises(normalize.NormalizeError, match=r"normalize.toml:1: .*foreign-markers"):
        normalize.Normalizer(config=config)


def test_a_wrapped_line_that_stops_on_a_function_word_is_not_a_foreign_sentence():
    # Reuters 7424: a French institution's name, cut by the story's hard line wrap
    text = ("Caisse de depot et placement du\nQuebec, the government agency which manages the province's\n"
            "pension funds, said its investment portfolio earned a net\nprofit of almost three billion dlrs.\n")
    assert [f for f in findings(text) if f.rule == "foreign-script.latin-sentence"] == []
    spanish = ("The minister spoke to reporters on Tuesday.\nEl gobierno no tiene planes de subir los impuestos "
               "este año.\nHe then left for the airport.")  # a whole sentence on its line is still one
    assert [f.language for f in findings(spanish) if f.rule == "foreign-script.latin-sentence"] == ["es"]
