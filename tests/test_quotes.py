"""rasad.events quotes: who said what, on short Persian and Arabic articles written here.

Each case is (article text, snippet of a statement, expected speaker, expected speaker_kind, direct);
the articles carry a dateline so that titles resolve to the office holder of that date.
"""

from __future__ import annotations

import json

import pytest

import rasad
from rasad.events import event_stage, quote_stage
from rasad.events.lexicon import LANGS, lexicon, topics
from rasad.events.view import media_ids
from rasad.eval.score import evaluate, fold, load_gold
from rasad.serialize import to_dict
from rasad.text.keys import match_key

from conftest import GOLD, SEEDS, need

FA_DATE = "تاریخ انتشار: ۲۵ مهر ۱۴۰۳ - ۱۸:۳۰"  # 2024-10-16
AR_DATE = "الأربعاء ١٦ تشرين الأول ٢٠٢٤ - ١٩:١٠"  # 2024-10-16


def fa(*paragraphs: str) -> str:
    return "\n\n".join(["خبر آزمایشی درباره دیدار", FA_DATE, *paragraphs]) + "\n"


def ar(*paragraphs: str) -> str:
    return "\n\n".join(["خبر تجريبي عن اللقاء", AR_DATE, *paragraphs]) + "\n"


def run(text: str) -> rasad.Article:
    return event_stage(quote_stage(rasad.process(text, "test.txt")))


def quote_with(article: rasad.Article, snippet: str):
    hits = [q for q in article.quotes if fold(snippet) in fold(q.text)]
    assert hits, f"no quote holds {snippet!r}; quotes: {[q.text for q in article.quotes]}"
    return hits[0]


CASES = [
    # named speaker, direct after a colon
    (fa("عراقچی گفت: روابط ایران و عراق بر پایه همسایگی استوار است."),
     "بر پایه همسایگی", "abbas_araghchi", "named", True),
    # title-only speaker: the actors stage resolves the title to the minister of that date
    (fa("وزیر امور خارجه جمهوری اسلامی ایران گفت: همکاری با همسایگان اولویت ماست."),
     "همکاری با همسایگان", "abbas_araghchi", "title", True),
    # pronoun speaker continuing over paragraphs
    (fa("عراقچی در این نشست گفت: منطقه به ثبات نیاز دارد.", "وی افزود: حضور نیروهای خارجی باید پایان یابد."),
     "حضور نیروهای خارجی", "abbas_araghchi", "pronoun", True),
    # reported speech with که, and the 'X را Y دانست' construction
    (fa("فواد حسین گفت که دولت عراق به توسعه روابط اقتصادی اهمیت می‌دهد."),
     "توسعه روابط اقتصادی", "fuad_hussein", "named", False),
    (fa("فواد حسین امنیت مرزهای دو کشور را برای منطقه بسیار مهم دانست."),
     "امنیت مرزهای دو کشور", "fuad_hussein", "named", False),
    # the reporter and the agency are never speakers
    (fa("به گزارش خبرگزاری تسنیم، عراقچی در گفت‌وگو با خبرنگار تسنیم گفت: مذاکرات ادامه دارد."),
     "مذاکرات ادامه دارد", "abbas_araghchi", "named", True),
    # an unnamed source is kept, not pinned on the person named before
    (fa("عراقچی گفت: دیدار سازنده بود.", "یک منبع مطلع گفت: گفت‌وگوها سه ساعت طول کشید."),
     "سه ساعت طول کشید", None, "unnamed", True),
    # Arabic: named speaker after the verb, statement after أن
    (ar("وأكد لافروف أن روسيا تدعم الحلول الدبلوماسية."),
     "تدعم الحلول الدبلوماسية", "sergey_lavrov", "named", False),
    # implied subject (وأضاف) continues with the last speaker
    (ar("وأكد لافروف أن روسيا تدعم الحلول الدبلوماسية.", "وأضاف أن العقوبات الأحادية غير مقبولة."),
     "العقوبات الأحادية", "sergey_lavrov", "implied", False),
    # title-only Arabic speaker, direct statement in quotation marks
    (ar('وقال وزير الخارجية الإيراني إن "طهران مستعدة لمواصلة الحوار".'),
     "طهران مستعدة لمواصلة الحوار", "abbas_araghchi", "title", True),
    # بدوره with a named subject, and a colon statement
    (ar("وقال عراقجي: إن أمن العراق من أمن إيران.", "بدوره قال فؤاد حسين: إن العراق حريص على علاقاته مع جيرانه."),
     "حريص على علاقاته", "fuad_hussein", "named", True),
    # an unnamed Arabic source
    (ar("وقال عراقجي إن الحوار مستمر.", "وقال مصدر مطلع إن الاتصال استمر ساعة."),
     "الاتصال استمر ساعة", None, "unnamed", False),
    # 'من جانبه' with no name hands the word to the other side of the talks
    (ar("بحث عراقجي مع فؤاد حسين العلاقات الثنائية.", "وقال عراقجي إن العلاقات متينة.", "من جانبه أكد أن العراق حريص على التعاون."),
     "حريص على التعاون", "fuad_hussein", "implied", False),
    # 'according to X' and 'an agency quoted X as saying'
    (fa("به گفته عراقچی، مذاکرات هفته آینده ادامه می‌یابد."),
     "مذاکرات هفته آینده", "abbas_araghchi", "named", False),
    (ar("ونقلت وكالة إرنا عن عراقجي قوله إن طهران لن تتراجع عن حقوقها."),
     "لن تتراجع عن حقوقها", "abbas_araghchi", "named", False),
]


@pytest.mark.parametrize("text,snippet,speaker,kind,direct", CASES)
def test_quotes_speaker_and_kind(text, snippet, speaker, kind, direct):
    q = quote_with(run(text), snippet)
    assert (q.speaker, q.speaker_kind, q.direct) == (speaker, kind, direct)


# (article, snippet of the statement, speaker_kind, speaker_text): where a subject phrase stops
SPEAKER_TEXTS = [
    # 'لـ' written apart before the paper that was told: the source, not 'مصدر أمني ل'
    (ar("وقال مصدر أمني لـ«الشرق الأوسط» إن الطائرة سقطت بعد منتصف الليل."), "سقطت بعد منتصف الليل", "unnamed", "مصدر أمني"),
    # 'said to me' names no speaker: the one spoken of
    (ar("التقيت المخرج في القاهرة.", "فقال لي: «الفيلم الجديد جاهز للعرض في الخريف»."), "جاهز للعرض", "implied", None),
    # 'را' closes the object: the subject ends with the actor named before it
    (fa("فرمانده سپاه پاسداران امنیت مرزهای کشور را حاصل خون شهدا دانست."), "حاصل خون شهدا", "unnamed", "فرمانده سپاه پاسداران"),
    # and with no actor before it, nothing of the phrase is known to be the subject
    (fa("عراقچی در این نشست گفت: منطقه به ثبات نیاز دارد.", "مهم‌ترین هدف دیپلماسی را حفظ صلح در منطقه دانست."),
     "حفظ صلح در منطقه", "implied", None),
    # but 'this official' before the object is still the one spoken of
    (fa("عراقچی در این نشست گفت: منطقه به ثبات نیاز دارد.", "این مسئول هدف دیپلماسی را حفظ صلح در منطقه دانست."),
     "حفظ صلح در منطقه", "pronoun", "این مسئول"),
    # 'که' opens a relative clause: 'the mayor of Shiraz, who ...'
    (fa("شهردار شیراز که در محل حادثه حاضر بود گفت: خسارت‌ها جبران می‌شود."), "خسارت‌ها جبران", "unnamed", "شهردار شیراز"),
    # a verb ends the phrase before it: 'X خواستار ... شد و گفت' is not said by 'شد'
    (fa("نماینده قم خواستار رسیدگی ویژه به مشکلات شهر شد و گفت: بودجه کافی نیست."), "بودجه کافی نیست", "implied", None),
    # a partitive's 'از' / 'من' goes on with the subject: 'one of the citizens', 'a number of citizens'
    (fa("یکی از شهروندان اردبیلی گفت: قیمت‌ها بالا رفته است."), "قیمت‌ها بالا رفته", "unnamed", "یکی از شهروندان اردبیلی"),
    (ar("وقال عدد من المواطنين إن الأسعار ارتفعت كثيرا هذا الشهر."), "الأسعار ارتفعت", "unnamed", "عدد من المواطنين"),
    # a post's 'در' goes on with the title ('the member for Tehran in the Majlis'), once, and not 'در خصوص'
    (fa("نماینده مردم تهران در مجلس شورای اسلامی گفت: بودجه سال آینده باید اصلاح شود."), "بودجه سال آینده",
     "unnamed", "نماینده مردم تهران در مجلس شورای اسلامی"),
    (fa("نماینده مردم اهواز در خصوص بودجه گفت: سهم استان باید بیشتر شود."), "سهم استان", "unnamed", "نماینده مردم اهواز"),
    # 'ولی فقیه' (the guardian jurist) is no 'ولی' (but), and the post ends with the province the text names
    (fa("نماینده ولی فقیه در استان کردستان امروز گفت: وحدت شیعه و سنی حفظ می‌شود."), "وحدت شیعه و سنی",
     "unnamed", "نماینده ولی فقیه در استان کردستان"),
    # a paper's name in quotes after the word for it is part of the subject
    (ar("وأشارت صحيفة «شاتانوغا فري برس» إلى أن المدينة باتت ليلة رعب بعد الهجوم."), "باتت ليلة رعب", "unnamed", "صحيفة «شاتانوغا فري برس»"),
    # 'بنا بر این گزارش،' is no subject: the speaker comes after it
    (fa("بنا بر این گزارش، دادستان معتقد است این افراد در خارج آموزش دیده‌اند."), "این افراد در خارج", "unnamed", "دادستان"),
]


ANAPHORS = [
    # 'this official' after a named speaker is that speaker, as 'وی' would be
    (fa("عراقچی در این نشست گفت: منطقه به ثبات نیاز دارد.", "این مسئول افزود: حضور نیروهای خارجی باید پایان یابد."),
     "حضور نیروهای خارجی", "abbas_araghchi", "pronoun"),
    (fa("فواد حسین گفت: عراق به همکاری ادامه می‌دهد.", "این مقام عراقی افزود: مرزها امن است."), "مرزها امن است", "fuad_hussein", "title"),
    # 'this source' is no person in focus: still unnamed
    (fa("عراقچی گفت: دیدار سازنده بود.", "یک منبع مطلع گفت: گفت‌وگوها ادامه دارد.", "این منبع افزود: دور بعد در بغداد است."),
     "دور بعد در بغداد", None, "unnamed"),
    # Arabic reads no such anaphor: 'this activist' is as often someone described but never named
    (ar("وقال عراقجي إن الحوار مستمر.", "والتقى الوفد أحد الناشطين. ويقول هذا الناشط إن الوضع صعب."), "الوضع صعب", None, "unnamed"),
]


@pytest.mark.parametrize("text,snippet,speaker,kind", ANAPHORS)
def test_quotes_a_demonstrative_and_a_persons_noun_refer_back(text, snippet, speaker, kind):
    q = quote_with(run(text), snippet)
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


def test_quotes_a_surname_first_in_a_phrase_that_runs_on_is_the_person_named_before():
    article = run(fa("رضا عزتیان، کارشناس تغذیه، گفت: آبمیوه صنعتی قند زیادی دارد.",
                     "عزتیان مصرف آبمیوه‌های صنعتی پرقند را برای سلامت کودکان مضر دانست."))
    q = quote_with(article, "سلامت کودکان مضر")
    [person] = [a for a in article.actors if a.id == q.speaker]
    assert (q.speaker_kind, q.speaker_text, [m.text for m in person.mentions][0]) == ("named", "عزتیان", "رضا عزتیان")
    # the first half of a compound surname written apart is another person's name
    article = run(fa("رامین پاشایی گفت: نمایشگاه امسال بزرگ‌تر است.", "پاشایی فام، مدیر نمایشگاه، گفت: برگزاری نمایشگاه موفق بود."))
    q = quote_with(article, "برگزاری نمایشگاه")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == (None, "unnamed", "پاشایی فام")


@pytest.mark.parametrize("text,snippet,kind,speaker_text", SPEAKER_TEXTS)
def test_quotes_subject_phrase_stops(text, snippet, kind, speaker_text):
    q = quote_with(run(text), snippet)
    assert (q.speaker_kind, q.speaker_text) == (kind, speaker_text)


def test_quotes_offsets_point_into_the_original():
    for text, *_ in CASES:
        article = run(text)
        assert article.quotes
        for q in article.quotes:
            assert article.original[q.start : q.end] == q.text
            for span in (q.speaker_span, q.cue_span):
                if span is not None:
                    assert article.original[span.start : span.end] == span.text


def test_quotes_reporter_and_agency_never_speak():
    article = run(fa("به گزارش خبرگزاری تسنیم، عراقچی گفت: مذاکرات ادامه دارد.", "خبرنگار تسنیم گفت: نشست خبری پایان یافت."))
    assert all(q.speaker not in media_ids() for q in article.quotes)


def test_quotes_statement_after_colon_runs_until_the_next_speaker():
    article = run(fa("عراقچی گفت: جمله نخست این است. جمله دوم نیز از اوست. فواد حسین گفت: جمله سوم از وزیر عراق است."))
    first = quote_with(article, "جمله نخست")
    assert "جمله دوم" in first.text and "جمله سوم" not in first.text
    assert quote_with(article, "جمله سوم").speaker == "fuad_hussein"


def test_quotes_one_per_statement_in_an_arabic_sentence():
    article = run(ar("وشدد لافروف على ضرورة الحوار وقال إن روسيا لن تقبل العقوبات."))
    texts = [q.text for q in article.quotes]
    assert len(texts) == 2 and "ضرورة الحوار" in texts[0] and "لن تقبل" in texts[1]
    assert {q.speaker for q in article.quotes} == {"sergey_lavrov"}


def test_quotes_ids_are_stable_within_an_article():
    text = fa("عراقچی گفت: نخست.", "وی افزود: دوم این است.")
    first, second = run(text), run(text)
    assert [q.id for q in first.quotes] == [q.id for q in second.quotes]
    assert [q.id for q in first.quotes] == [f"{first.id}:q{n}" for n in range(1, len(first.quotes) + 1)]


@pytest.mark.parametrize("text,topic,stance", [
    (fa("عراقچی گفت: حضور نیروهای خارجی در منطقه باید پایان یابد."), "foreign_forces", "against"),
    (ar("وأكد لافروف أن العقوبات الأحادية على إيران غير مقبولة وترفضها روسيا."), "sanctions", "against"),
    (ar("وقال عراقجي إن طهران تدعم المقاومة الإسلامية وفصائل المقاومة."), "resistance_axis", "for"),
])
def test_quotes_topics_and_stance(text, topic, stance):
    q = run(text).quotes[0]
    assert topic in q.topics
    assert q.stance == stance


def test_quotes_lexicons_compile_and_fold():
    for lang in LANGS:
        lex = lexicon(lang)
        assert lex.speech.pattern and lex.meeting.pattern and lex.rules
    assert {t.id for t in topics()} >= {"foreign_forces", "resistance_axis", "palestine", "isis_terrorism", "elections",
                                        "normalisation", "sanctions", "nuclear", "yemen_war"}
    # the cues are matched on match keys: ي/ی and ك/ک variants of the same verb find the same cue
    for variant in ("وأكد شمخاني أن", "واكد شمخانى ان", "وأکد شمخانی أن"):
        assert lexicon("ar").speech.search(match_key(variant)), variant


# ---------------------------------------------------------------- the seeds against the gold file


@pytest.fixture(scope="module")
def seed_events(pipeline):
    from rasad.ingest.readers import read_inputs

    need(SEEDS)
    need(GOLD)
    return [to_dict(event_stage(quote_stage(pipeline(a)))) for a in read_inputs([str(SEEDS)])]


def test_quotes_seeds_found_with_the_right_speaker(seed_events):
    report = evaluate(load_gold(str(GOLD)), json.loads(json.dumps(seed_events)))
    scores = report["scores"]
    assert scores["quotes_found"]["score"] >= 0.9, report["misses"].get("quotes_found")
    assert scores["quotes_attributed"]["score"] >= 0.9, report["misses"].get("quotes_attributed")
    assert scores["offsets"]["score"] == 1.0
