"""Knowledge-base tags and their combination with the statistical tagger's."""

from __future__ import annotations

from rasad.actors.kbtags import combine, kb_tags


def test_kbtags_tags_known_names_in_either_script():
    tokens = "قال علي شمخاني في طهران إن".split()
    assert kb_tags(tokens, "ar") == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]


def test_kbtags_combine_fills_gaps_and_never_overrides():
    tagger = ["O", "O", "O", "O", "B-ORG", "O"]
    kb = ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    assert combine(tagger, kb) == ["O", "B-PER", "I-PER", "O", "B-ORG", "O"]
    assert combine(tagger, kb, frozenset({"LOC"})) == tagger


def test_kbtags_extract_reads_the_same_tags_as_training():
    """The tagger's gazetteer feature in `rasad extract` (read off what the actors stage linked, and the
    names it left between entries of one type) is the one the training sentences got from kb_tags:
    a name after a proclitic tags its whole token, an unsettled 'الأسد' is PER, and a given name joins
    a known surname."""
    from rasad.actors import ner
    from rasad.actors.stage import _kb_token_tags
    from rasad.ingest.readers import from_text
    from rasad.pipeline import Pipeline

    for text, lang in (
        ("قال الرئيس الأسد في دمشق إن وفدا وصل وبغداد ترحب بعلي شمخاني.", "ar"),
        ("علی رضایی و سعید جلیلی در تهران و بغداد گفتند که همکاری ادامه دارد.", "fa"),
    ):
        article = Pipeline(stages=("layout", "language", "normalize", "sentences", "outlets", "dates", "actors"))(
            from_text("عنوان\n\n" + text, "t.txt")
        )
        start = article.original.index(text)
        offsets = ner.tokenize(text)
        tokens = [text[a:b] for a, b in offsets]
        extract = _kb_token_tags(article, [(start, start + len(text))], [[(start + a, start + b) for a, b in offsets]])[0]
        assert extract == kb_tags(tokens, lang), list(zip(tokens, extract, kb_tags(tokens, lang)))
        assert any(t != "O" for t in extract)
