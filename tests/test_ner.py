"""The statistical entity tagger: readers, label maps, split, scorer (no model), then the shipped models."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.actors.ner_data import (
    LABEL_MAPS,
    entity_spans,
    fold,
    guess_language,
    map_tags,
    read_conll_lines,
    scheme_of,
    score_entities,
    split_on_punctuation,
    split_train_dev,
)
from rasad.errors import GoldFileError

ARMAN = """\
علی B-pers
لاریجانی I-pers
در O
فرودگاه B-fac
مهرآباد I-fac
. O

سازمان B-org
ملل I-org
آیفون B-pro
. O
"""

# ANERcorp: no blank line between these sentences; the "." inside the ORG must not cut it.
ANERCORP = """\
فرانكفورت B-LOC
( O
أعلن O
اتحاد B-ORG
صناعة I-ORG
. I-ORG
السيارات I-ORG
. O
وقال O
برند B-PERS
جوتشولك I-PERS
؟ O
كأس B-MISC
العالم I-MISC
"""


def test_ner_data_read_conll_lines_blank_lines_and_missing_tags():
    sents = list(read_conll_lines(["a B-X", "b", "", "", "-DOCSTART- O", "c O", ""]))
    assert sents == [(["a", "b"], ["B-X", "O"]), (["c"], ["O"])]


def test_ner_data_read_conll_lines_rejects_wide_lines():
    with pytest.raises(GoldFileError, match="4 columns"):
        list(read_conll_lines(["a b c d"]))


def test_ner_data_arman_reader_and_mapping():
    sents = list(read_conll_lines(ARMAN.splitlines()))
    assert [len(t) for t, _ in sents] == [6, 4]
    mapped = [map_tags(tags, LABEL_MAPS["fa"]) for _, tags in sents]
    assert mapped[0] == ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]  # fac -> LOC
    assert mapped[1] == ["B-ORG", "I-ORG", "O", "O"]  # pro dropped


def test_ner_data_anercorp_splits_on_sentence_final_punctuation():
    sents = list(split_on_punctuation(read_conll_lines(ANERCORP.splitlines())))
    assert [toks[-1] for toks, _ in sents] == [".", "؟", "العالم"]
    assert sents[0][0] == ["فرانكفورت", "(", "أعلن", "اتحاد", "صناعة", ".", "السيارات", "."]
    mapped = [map_tags(tags, LABEL_MAPS["ar"]) for _, tags in sents]
    assert mapped[1] == ["O", "B-PER", "I-PER", "O"]
    assert mapped[2] == ["O", "O"]  # MISC dropped


def test_ner_data_split_on_punctuation_caps_long_runs():
    toks = [f"w{i}" for i in range(25)]
    sents = list(split_on_punctuation([(toks, ["O"] * 25)], max_len=10))
    assert [len(t) for t, _ in sents] == [10, 10, 5]


def test_ner_data_map_tags_repairs_orphan_inside_tags():
    # IOB1-style I- opening an entity, an I- of another type, and an I- after a dropped type
    assert map_tags(["I-PERS", "I-PERS", "I-LOC", "B-MISC", "I-MISC", "O"], LABEL_MAPS["ar"]) == [
        "B-PER", "I-PER", "B-LOC", "O", "O", "O",
    ]
    assert map_tags(["B-pro", "I-org"], LABEL_MAPS["fa"]) == ["O", "B-ORG"]


def test_ner_data_entity_spans():
    assert entity_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG"),
    }


def test_ner_data_score_entities_hand_made():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-LOC", "I-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "B-LOC", "O"]]
    s = score_entities(gold, pred, ["PER", "ORG", "LOC"])
    # PER 1/1; ORG: 1 right, 1 spurious; LOC: 2 gold, none exactly right (one wrong span, one wrong type)
    assert (s["PER"]["precision"], s["PER"]["recall"]) == (1.0, 1.0)
    assert (s["ORG"]["precision"], s["ORG"]["recall"]) == (0.5, 1.0)
    assert (s["LOC"]["precision"], s["LOC"]["recall"], s["LOC"]["f1"]) == (0.0, 0.0, 0.0)
    assert s["overall"]["precision"] == 0.5  # 2 of 4 predicted
    assert s["overall"]["recall"] == 0.5  # 2 of 4 gold
    assert s["overall"]["f1"] == 0.5
    assert s["overall"]["support"] == 4


def test_ner_data_score_entities_rejects_length_mismatch():
    with pytest.raises(GoldFileError):
        score_entities([["O", "O"]], [["O"]])


def test_ner_data_split_is_deterministic_and_disjoint():
    sents = [([f"t{i}"], ["O"]) for i in range(1000)]
    train, dev = split_train_dev(sents)
    assert (len(train), len(dev)) == (900, 100)
    assert split_train_dev(sents) == (train, dev)
    assert not {t[0] for t, _ in train} & {t[0] for t, _ in dev}


@pytest.mark.parametrize(
    ("tokens", "lang"),
    [
        ("وزیر امور خارجه کشورمان در گفتگو با خبرنگاران گفت".split(), "fa"),
        ("رئيس الاتحاد في المؤتمر الذي عقد إلى جانب".split(), "ar"),
        ("وزير الخارجية السعودي في الرياض".split(), "ar"),
        ("رئيس جمهوري اسلامي ايران گفت".split(), "fa"),  # old Fars News spelling: Arabic yeh and kaf
    ],
)
def test_ner_data_guess_language(tokens, lang):
    assert guess_language(tokens) == lang


def test_ner_data_scheme_of_prefers_the_frequent_type():
    assert scheme_of(["B-loc", "I-loc", "B-fac", "B-pers", "B-pro"]) == {"LOC": "loc", "PER": "pers"}
    assert scheme_of(["B-PERS", "B-ORG", "B-MISC"]) == {"PER": "PERS", "ORG": "ORG"}


def test_ner_data_scheme_of_fills_missing_labels_from_the_language_corpus():
    assert scheme_of(["B-LOC", "B-ORG", "I-ORG"], "ar") == {"LOC": "LOC", "ORG": "ORG", "PER": "PERS"}
    assert scheme_of(["B-org"], "fa") == {"ORG": "org", "PER": "pers", "LOC": "loc"}
    assert scheme_of(["O", "O"], "ar") == {}  # no known type: nothing to copy


def test_ner_tokenize_offsets_cover_words_and_punctuation():
    from rasad.actors.ner import tokenize

    text = "قال «محمد‌رضا» إنّ 1,500 شخص، في طهران."
    toks = [text[s:e] for s, e in tokenize(text)]
    assert toks == ["قال", "«", "محمد‌رضا", "»", "إنّ", "1,500", "شخص", "،", "في", "طهران", "."]


def test_ner_fold_keeps_tokens_that_fold_to_nothing():
    from rasad.actors.ner import fold

    assert fold("شمخاني") == fold("شمخانی") == fold("شمخانى")
    assert fold("ـ") == "ـ"


# ------------------------------------------------------------------------------ the shipped models


def _model(lang: str):
    from rasad.actors.ner import MODELS_DIR, WEIGHTS_FILE, load

    assert (MODELS_DIR / lang / WEIGHTS_FILE).is_file(), f"the {lang} entity model ships in {MODELS_DIR / lang}"
    return load(lang)


def test_ner_tag_conll_round_trip_keeps_tokens_order_and_blank_lines():
    from rasad.actors.ner import tag_conll

    _model("fa")
    text = ARMAN.replace("\n\n", "\n\n\n")  # a double blank line must survive as it is
    out = io.StringIO()
    stats = tag_conll(io.StringIO(text), out)
    assert stats["lang"] == "fa"
    in_lines, out_lines = text.splitlines(), out.getvalue().splitlines()
    assert len(in_lines) == len(out_lines)
    for a, b in zip(in_lines, out_lines, strict=True):
        assert a.split()[:1] == b.split()[:1]
        if b:
            tag = b.split()[1]
            assert tag == "O" or tag.split("-", 1)[1] in {"pers", "org", "loc", "fac"}  # the input's own scheme


def test_ner_tag_conll_untagged_input_gets_rasad_labels():
    from rasad.actors.ner import tag_conll

    _model("ar")
    text = "\n".join("وقال الرئيس الأمريكي جورج بوش في واشنطن إن الأمم المتحدة".split()) + "\n"
    out = io.StringIO()
    assert tag_conll(io.StringIO(text), out)["lang"] == "ar"
    tags = [line.split()[1] for line in out.getvalue().splitlines()]
    assert {t.split("-", 1)[1] for t in tags if t != "O"} <= {"PER", "ORG", "LOC"}
    assert "B-PER" in tags and "B-LOC" in tags


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "أعلن الرئيس الأمريكي جورج بوش اليوم في واشنطن أن الأمم المتحدة ستجتمع.\nوقال إنّ مصر..."),
        ("fa", "محمدجواد ظريف، وزير امور خارجه ايران، روز دوشنبه در نيويورك با دبیرکل سازمان ملل متحد دیدار کرد."),
    ],
)
def test_ner_tag_text_offsets_point_into_the_text(lang, text):
    from rasad.actors.ner import tag_text, tokenize

    _model(lang)
    spans = tag_text(text, lang)
    assert spans, "the model found no entity in a sentence full of them"
    starts = {s for s, _ in tokenize(text)}
    ends = {e for _, e in tokenize(text)}
    for start, end, label in spans:
        assert label in {"PER", "ORG", "LOC"}
        assert start in starts and end in ends
        assert text[start:end] == text[start:end].strip() and text[start:end]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# ------------------------------------------------------------------- the numpy tagger against CRFsuite's


def _brute_force(scores, transitions):
    import itertools

    n, width = scores.shape
    best = max(
        itertools.product(range(width), repeat=n),
        key=lambda p: sum(scores[i, p[i]] for i in range(n)) + sum(transitions[p[i], p[i + 1]] for i in range(n - 1)),
    )
    return list(best)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4), st.integers(0, 2**31))
def test_ner_viterbi_batched_finds_each_sentences_best_path(lengths, seed):
    import numpy as np

    from rasad.actors.ner import viterbi

    rng = np.random.default_rng(seed)
    transitions = rng.normal(size=(3, 3)).astype(np.float32)
    scores = [rng.normal(size=(n, 3)).astype(np.float32) for n in lengths]
    assert viterbi(scores, transitions) == [_brute_force(s, transitions) for s in scores]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A CRF trained by CRFsuite on a few sentences, and its export."""
    pycrfsuite = pytest.importorskip("pycrfsuite", reason="training needs python-crfsuite (the `train` extra)")
    from rasad.actors.ner import MODEL_FILE, NAMES_FILE, Features, _fit, export

    folder = tmp_path_factory.mktemp("tiny-ner")
    sents = list(read_conll_lines(ARMAN.splitlines())) * 3 + [
        ("حسن روحانی در تهران گفت".split(), ["B-PER", "I-PER", "O", "B-LOC", "O"]),
        ("وزارت امور خارجه ایران اعلام کرد".split(), ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"]),
    ]
    sents = [(toks, map_tags(tags, LABEL_MAPS["fa"])) for toks, tags in sents]
    names = {"first": {fold("حسن"): "h", fold("علی"): "m"}, "next": {fold("روحانی"): "h"}}  # name-position grades
    (folder / NAMES_FILE).write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    features = Features({}, names)
    kb = [["O"] * len(t) for t, _ in sents]
    _fit([features.sentence(t, k) for (t, _), k in zip(sents, kb)], [g for _, g in sents], {"c1": 0.0, "c2": 0.01, "iterations": 50}, folder / MODEL_FILE)
    export(folder / MODEL_FILE, folder)
    crf = pycrfsuite.Tagger()
    crf.open(str(folder / MODEL_FILE))
    return folder, crf, features


QUERIES = [
    "علی لاریجانی در فرودگاه مهرآباد".split(),
    "سازمان ملل در تهران گفت".split(),
    "حسن روحانی".split(),
    ["تهران"],
    "وزارت امور خارجه ایران و سازمان ملل متحد و علی لاریجانی در فرودگاه".split(),
]


def test_ner_numpy_tagger_gives_crfsuites_labels(tiny_model):
    from rasad.actors.ner import Tagger

    folder, crf, features = tiny_model
    tagger = Tagger("fa", folder)
    kb = [["O"] * len(q) for q in QUERIES]
    kb[1][3] = "B-LOC"  # a knowledge-base tag feature the model never saw weighs nothing
    expected = [crf.tag(features.sentence(q, k)) for q, k in zip(QUERIES, kb)]
    assert tagger.tag_sentences(QUERIES, kb) == expected
    assert tagger.tag_sentences([[], *QUERIES], [[], *kb]) == [[], *expected]  # empty sentences keep their place
    assert tagger.tag_sentences([], []) == [] and tagger.tag_sentences([[]], [[]]) == [[]]
    assert any(t != "O" for tags in expected for t in tags)


def test_ner_numpy_tagger_restarts_its_word_table_when_full(tiny_model, monkeypatch):
    from rasad.actors.ner import Tagger

    folder, crf, features = tiny_model
    monkeypatch.setattr(Tagger, "TYPE_ROWS", 4)
    tagger = Tagger("fa", folder)
    kb = [["O"] * len(q) for q in QUERIES]
    expected = [crf.tag(features.sentence(q, k)) for q, k in zip(QUERIES, kb)]
    assert tagger.tag_sentences(QUERIES, kb) == expected  # the last query has more words than the table
    assert len(tagger.table) >= max(len(set(q)) for q in QUERIES)


def test_ner_train_command_writes_a_model_the_tagger_loads(tmp_path, capsys):
    """`rasad train ner` on a small corpus folder: dev scores printed, the exported files written, and the
    tagger reads them back."""
    pytest.importorskip("pycrfsuite", reason="training needs python-crfsuite (the `train` extra)")
    from rasad.actors.ner import ATTRIBUTES_FILE, TRAINING_FILE, WEIGHTS_FILE, Tagger
    from rasad.cli import main

    corpus = tmp_path / "corpora" / "ner-fa-arman"
    corpus.mkdir(parents=True)
    story = ARMAN + "\nحسن B-pers\nروحانی I-pers\nدر O\nتهران B-loc\nگفت O\n\n"
    (corpus / "train.txt").write_text(story * 120, encoding="utf-8")  # 360 sentences: runs on both sides of the split
    news = tmp_path / "corpora" / "news-fa-farsnews"
    news.mkdir()
    record = {"title": "سفر به شهرستان سمیرم", "paragraphs": ["مردم شهر سمیرم و روستای سمیرم گفتند", "هوای تهران سرد است"]}
    (news / "farsnews.jsonl").write_text((json.dumps(record, ensure_ascii=False) + "\n") * 2, encoding="utf-8")
    out = tmp_path / "models"
    assert main(["train", "ner", "--lang", "fa", "--iterations", "20", "--out", str(out), "--corpora", str(tmp_path / "corpora")]) == 0
    assert "fa: dev entity F1" in capsys.readouterr().out
    for name in (WEIGHTS_FILE, ATTRIBUTES_FILE, TRAINING_FILE):
        assert (out / "fa" / name).is_file()
    tagger = Tagger("fa", out / "fa")
    tags = tagger.tag_sentences([["حسن", "روحانی", "در", "تهران", "گفت"]])  # knowledge-base tags as in training
    assert tags == [["B-PER", "I-PER", "O", "B-LOC", "O"]]
    # 'سمیرم': 6 of its 6 uses right after a place word; 'تهران' never
    assert fold("سمیرم") in tagger.place_names and fold("تهران") not in tagger.place_names


def test_ner_name_positions_grade_words_by_how_often_a_name_stands_there():
    """A word right after a cue ('الأمير') is a first name, one after it or after 'بن' a following name;
    the grade is the share of the word's uses in that place, and a word seen under three times has none."""
    from rasad.actors.ner_data import name_positions

    para = lambda text: [fold(t) for t in text.split()]  # noqa: E731
    corpus = [para("قال الأمير محمد بن سلمان إن") for _ in range(3)] + [para("الدكتور فهد العيسى")] * 3
    corpus += [para("محمد رسول")] * 27 + [para("في الرياض")] * 5
    graded = name_positions(corpus, "ar", {})
    assert graded["first"][fold("محمد")] == "m"  # 3 of its 30 uses: 10% and more is 'm', 30% and more 'h'
    assert graded["first"][fold("فهد")] == "h" and graded["next"][fold("العيسى")] == "h"
    assert graded["next"][fold("سلمان")] == "h"  # after 'بن' that follows a first name
    assert fold("الرياض") not in graded["first"] and fold("إن") not in graded["next"]
    assert name_positions(corpus, "fa", {}) == {"first": {}, "next": {}}  # no cue words for Persian


def test_ner_name_grades_are_features_of_the_word_and_its_neighbours():
    from rasad.actors.ner import Features

    features = Features({}, {"first": {fold("فهد"): "h"}, "next": {}})
    own, context, _ = features.describe("فهد")
    assert ("nf", "h") in own
    assert [("nf-1", "h") in c for c in context] == [False, True, False, False]  # CONTEXT is (-2, -1, 1, 2)
    assert ("nf1", "h") in context[2]
    assert all(t not in ("nf", "nn") for t, _ in Features({}).describe("فهد")[0])


def test_ner_word_forms_grade_how_often_a_word_takes_its_other_form():
    """Arabic: the share of a word's uses written with 'ال' ('بغداد' never, 'وزير' half the time); Persian:
    the share with a plural or possessive ending ('کتاب' often, 'ظریف' never); too rare a word has none."""
    from rasad.actors.ner_data import word_forms

    para = lambda text: [fold(t) for t in text.split()]  # noqa: E731
    arabic = word_forms([para("في بغداد قال وزير")] * 5 + [para("الوزير في")] * 5 + [para("رئيس")] * 4, "ar")
    assert arabic[fold("بغداد")] == "0" and arabic[fold("وزير")] == "h"  # 5 of 10 uses with 'ال': 50% is h
    assert fold("الوزير") not in arabic and fold("رئيس") not in arabic  # keyed without 'ال'; 4 uses: too rare
    persian = word_forms([para("کتاب ظریف کتاب‌ها کتابش")] * 5, "fa")
    assert persian[fold("ظریف")] == "0" and persian[fold("کتاب")] == "h"


def test_ner_given_names_and_word_forms_are_features_of_the_word_and_its_neighbours():
    from rasad.actors.ner import Features

    features = Features({}, None, frozenset({fold("جون")}), {fold("بغداد"): "0", fold("وزير"): "h"}, "ar")
    own, context, _ = features.describe("جون")
    assert ("gn", "1") in own and ("gn1", "1") in context[2] and ("gn-2", "1") not in context[0]
    assert ("mf", "0") in features.describe("بغداد")[0]
    assert ("mf", "h") in features.describe("الوزير")[0]  # the Arabic word is looked up without 'ال'
    assert not any(t in ("gn", "mf") for t, _ in Features({}).describe("بغداد")[0])


def test_ner_propagate_tags_a_name_where_nearby_sentences_repeat_it():
    from rasad.actors.ner import NEARBY, propagate

    sents = [["قال", "فرويد", "إن"], ["كان", "فرويد", "طبيبا"], ["سيغموند", "فرويد", "ولد"], ["في", "مصر", "و"]]
    tags = [["O", "O", "O"], ["O", "B-PER", "O"], ["B-PER", "I-PER", "O"], ["O", "O", "O"]]
    out = propagate(sents, tags, {})
    assert out[0] == ["O", "B-PER", "O"]  # the untagged repeat takes the tag
    assert out[1:] == tags[1:]  # tagged words keep theirs; nothing else changes
    far = [sents[1]] + [["و"]] * (NEARBY + 1) + [sents[0]]
    assert propagate(far, [tags[1]] + [["O"]] * (NEARBY + 1) + [tags[0]], {})[-1] == ["O", "O", "O"]  # too far
    # a stem through the clitic table: 'لفرويد' is 'فرويد'
    assert propagate([["هام", "لفرويد"], ["قال", "فرويد"]], [["O", "O"], ["O", "B-PER"]], {fold("لفرويد"): fold("فرويد")})[0] == ["O", "B-PER"]


def test_ner_given_names_of_the_training_names():
    """A first word of two-word names seen twice and mostly in names is a given name; a title word that
    the file also tags inside names ('سید'), seen more often outside them, is not."""
    from rasad.actors.ner_data import given_names_of

    name = lambda first, last: ([first, last, "گفت"], ["B-PER", "I-PER", "O"])  # noqa: E731
    sents = [name("رضا", "طلایی"), name("رضا", "امینی"), name("سید", "احمد"), name("سید", "علی")]
    sents += [(["سید", "گفت"], ["O", "O"])] * 3 + [name("جون", "کیری")]
    assert given_names_of(sents) == [fold("رضا")]


def test_ner_place_positions_keep_words_mostly_written_after_a_place_word():
    """A word seen at least three times after a place word ('محافظة', 'حي'), in 30% of its uses or more,
    is a place name; an indefinite adjective after one ('منطقة ساحلية') is not."""
    from rasad.actors.ner_data import place_positions

    para = lambda text: [fold(t) for t in text.split()]  # noqa: E731
    corpus = [para("في محافظة المندق أمس")] * 3 + [para("المندق جميلة")] * 4 + [para("في منطقة ساحلية")] * 3
    corpus += [para("حي الرياض")] * 3 + [para("الرياض اليوم")] * 20
    assert place_positions(corpus, "ar", {}) == [fold("المندق")]  # 3 of 7; 'الرياض' 3 of 23


def test_ner_everyday_words_are_common_and_seldom_after_a_foreign_given_name():
    """A word seen five times or more is everyday unless a fifth of its uses follow a foreign given name
    ('تسيبراس' after 'ألكسيس'); a rare word is not listed either way."""
    from rasad.actors.ner_data import everyday_words

    para = lambda text: [fold(t) for t in text.split()]  # noqa: E731
    corpus = [para("قال ألكسيس تسيبراس اليوم")] * 2 + [para("تسيبراس في أثينا")] * 4
    corpus += [para("وكانت إليزابيث أيضا هناك")] + [para("وهو أيضا هناك")] * 9 + [para("ليز كيندال")]
    words = everyday_words(corpus, "ar", {})
    assert fold("أيضا") in words and fold("هناك") in words  # 1 of 10 after a given name; never
    assert fold("تسيبراس") not in words and fold("كيندال") not in words  # 2 of 6; seen once
    assert fold("أثينا") not in words  # seen four times: too rare to say


def test_ner_o_penalty_trades_precision_for_names():
    from rasad.actors.ner import tag_sentences

    _model("fa")
    sentence = "رئیس سازمان جهاد کشاورزی خراسان جنوبی روز دوشنبه در بیرجند با خبرنگاران گفتگو کرد .".split()
    plain = tag_sentences([sentence], "fa")[0]
    assert tag_sentences([sentence], "fa", o_penalty=0.0)[0] == plain
    # the more is taken off O, the more tokens are read as parts of names; with enough, all of them
    counts = [sum(t != "O" for t in tag_sentences([sentence], "fa", o_penalty=p)[0]) for p in (0.0, 1.0, 100.0)]
    assert counts[0] <= counts[1] <= counts[2] == len(sentence)


def test_ner_word_clusters_group_words_that_share_neighbours():
    """Cities that follow 'در' and precede 'گفت' fall in one cluster, bodies after 'رئیس' in another; the
    table is the same when learnt again (seeded, one BLAS thread)."""
    from rasad.actors.clusters import word_clusters

    cities, bodies = ["تهران", "قم", "تبریز", "شیراز"], ["سازمان", "وزارت", "ستاد", "کمیته"]
    paragraphs = [["مردم", "در", c, "گفت", "که"] for c in cities for _ in range(5)]
    paragraphs += [["امروز", "رئیس", b, "ملی", "افزود"] for b in bodies for _ in range(5)]
    table = word_clusters(paragraphs, levels=(2, 4))
    assert len({table[c][0] for c in cities}) == 1 and len({table[b][0] for b in bodies}) == 1
    assert table["تهران"][0] != table["سازمان"][0]
    assert table == word_clusters(paragraphs, levels=(2, 4))
    assert word_clusters([["تک"]], levels=(2,)) == {}  # too few words to cluster


def test_ner_word_clusters_are_features_of_the_word_and_its_neighbours():
    from rasad.actors.ner import Features

    features = Features({fold("وبغداد"): fold("بغداد")}, lang="ar", clusters={fold("بغداد"): [3, 17, 250]})
    own, context, _ = features.describe("بغداد")
    assert {("k1", "3"), ("k2", "17"), ("k3", "250")} <= set(own)
    assert ("k1-1", "3") in context[1] and ("k11", "3") in context[2]  # the coarse level, one word either side
    assert not any(t.startswith(("k2", "k3")) for slot in context for t, _ in slot)  # the finer ones: the word's own
    assert ("k3", "250") in features.describe("وبغداد")[0]  # looked up by the stem when the word has none
    assert not any(t.startswith("k") for t, _ in Features({}).describe("بغداد")[0])


def test_preverbs_are_the_words_the_raw_news_mostly_writes_before_a_light_verb():
    from rasad.actors.ner_data import fold, preverbs

    corpus = [[fold(w) for w in line.split()] for line in (
        ["بیانیه را منتشر کرد"] * 4 + ["گزارش منتشر شد", "متن منتشر نشد"]  # 'منتشر': 6 of 6 before a light verb
        + ["وارد تهران شد"] * 2 + ["در تهران گفت"] * 8  # 'تهران': 2 of 10
        + ["او اعلام می‌کند"] * 3 + ["اعلام خبر"] * 3  # 'اعلام': 3 of 6
    )]
    assert preverbs(corpus, "fa") == [fold("اعلام"), fold("منتشر")]
    assert preverbs(corpus, "ar") == []
