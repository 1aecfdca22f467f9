"""rasad.events meetings, statement coding and summaries, on short Persian and Arabic articles written here.

The articles carry a dateline of 2024-10-16, so امروز / اليوم is 2024-10-16 and دیروز / أمس 2024-10-15.
"""

from __future__ import annotations

import pytest

import rasad
import rasad.ingest.readers
from rasad.doc import Actor, Event, Span
from rasad.events import event_stage, quote_stage
from rasad.events.summary import summarize
from rasad.eval.score import evaluate, load_gold

from conftest import GOLD, SEEDS, need
from test_quotes import ar, fa, run  # the same article builders


def meetings(article: rasad.Article) -> list[Event]:
    return [e for e in article.events if e.type == "CONSULT"]


MEETINGS = [
    # held today in a named place
    (fa("به گزارش خبرگزاری تسنیم، عراقچی امروز در تهران با فواد حسین دیدار کرد."),
     {"participants": {"abbas_araghchi", "fuad_hussein"}, "mode": "meet", "date": "2024-10-16", "location": "tehran",
      "planned": False}),
    # a phone call yesterday: no place
    (ar("موسكو - أجرى وزير الخارجية الروسي سيرغي لافروف اتصالا هاتفيا مع نظيره الإيراني عباس عراقجي أمس."),
     {"participants": {"sergey_lavrov", "abbas_araghchi"}, "mode": "phone", "date": "2024-10-15", "location": None,
      "planned": False}),
    # a reception of a visitor 'who is visiting Iran': the place is implied; the lead takes the publication date
    (ar("استقبل عراقجي وزير الخارجية العراقي فؤاد حسين الذي يزور إيران حاليا."),
     {"participants": {"abbas_araghchi", "fuad_hussein"}, "mode": "host", "date": "2024-10-16", "location": "iran",
      "planned": False}),
    # yesterday, Arabic verb first
    (ar("التقى عراقجي أمس في بغداد وزير الخارجية العراقي فؤاد حسين."),
     {"participants": {"abbas_araghchi", "fuad_hussein"}, "mode": "meet", "date": "2024-10-15", "location": "baghdad",
      "planned": False}),
    # announced, not held
    (fa("قرار است عراقچی هفته آینده با فواد حسین دیدار کند."),
     {"participants": {"abbas_araghchi", "fuad_hussein"}, "planned": True}),
    (ar("ومن المقرر أن يلتقي لافروف غدا نظيره الإيراني عباس عراقجي."),
     {"participants": {"sergey_lavrov", "abbas_araghchi"}, "planned": True}),
    # someone merely present is an attendee, not a side
    (ar("استقبل عراقجي فؤاد حسين بحضور علي شمخاني."),
     {"participants": {"abbas_araghchi", "fuad_hussein"}, "attendees": ("ali_shamkhani",), "mode": "host"}),
    # 'Syrian officials' link the meeting to the country
    (fa("عراقچی امروز در دمشق با مقامات سوری دیدار کرد."),
     {"participants": {"abbas_araghchi", "syria"}, "location": "damascus"}),
]


@pytest.mark.parametrize("text,expected", MEETINGS)
def test_events_meeting_fields(text, expected):
    found = meetings(run(text))
    assert len(found) == 1, [e.summary_en for e in found]
    m = found[0]
    assert set(m.participants) == expected["participants"]
    for name, value in expected.items():
        if name != "participants":
            assert getattr(m, name) == value, name


def test_events_one_meeting_per_real_meeting():
    article = run(fa(
        "عراقچی امروز در تهران با فواد حسین دیدار کرد.",
        "عراقچی در این دیدار گفت: روابط دو کشور راهبردی است.",
        "فواد حسین نیز ضمن ابراز خرسندی از دیدار با عراقچی گفت: عراق به این روابط پایبند است.",
    ))
    assert len(meetings(article)) == 1


@pytest.mark.parametrize("text", [
    # talking to the press is no meeting
    fa("عراقچی امروز در گفت‌وگو با خبرنگار تسنیم گفت: مذاکرات ادامه دارد."),
    # a visit mentioned as a topic is no meeting
    fa("عراقچی با اشاره به سفر فواد حسین به تهران گفت: این سفرها مهم است."),
    # the counterparts of someone the knowledge base does not know did not meet one another
    ar("والتقت المبعوثة الأممية ضمن وفد دولي وزير الخارجية الإيراني عباس عراقجي ووزير الخارجية الروسي سيرغي لافروف."),
])
def test_events_no_spurious_meeting(text):
    assert not [m for m in meetings(run(text)) if len(m.participants) >= 2]


def test_events_host_receiving_two_sides_gives_two_pairs():
    article = run(ar("وأكد شمخاني خلال استقبال رئيس المكتب السياسي لحركة حماس اسماعيل هنية وامين عام حركة الجهاد الاسلامي زياد النخالة، ان المقاومة منتصرة."))
    pairs = {frozenset(m.participants) for m in meetings(article)}
    assert frozenset({"ali_shamkhani", "ismail_haniyeh"}) in pairs
    assert frozenset({"ali_shamkhani", "ziyad_al_nakhalah"}) in pairs
    assert frozenset({"ismail_haniyeh", "ziyad_al_nakhalah"}) not in pairs


def test_events_summary_from_the_structured_data():
    article = run(fa("به گزارش خبرگزاری تسنیم، عراقچی امروز در تهران با فواد حسین دیدار کرد."))
    assert meetings(article)[0].summary_en == (
        "2024-10-16, Tehran: Abbas Araghchi (Minister of Foreign Affairs of Iran) met "
        "Fuad Hussein (Minister of Foreign Affairs of Iraq).")


def test_events_summary_leaves_out_what_is_unknown():
    actors = {"a": Actor("a", "PER", {"en": "A Person"}, True, None, None, ()),
              "b": Actor("b", "ORG", {"en": "B Group"}, True, None, None, ())}
    evidence = Span(0, 1, "x")
    assert summarize(Event("e", "CONSULT", evidence, mode="phone", participants=("a", "b")), actors) == \
        "A Person spoke by phone with B Group."
    assert summarize(Event("e", "CONSULT", evidence, mode="meet", participants=("a", "b"), planned=True, date="2024-01-02"), actors) == \
        "2024-01-02: A Person is to meet B Group."
    assert summarize(Event("e", "DISAPPROVE", evidence, source="a"), actors) == "A Person voiced disapproval."


@pytest.mark.parametrize("text,type_,target", [
    (fa("اسماعیل بقائی سخنگوی وزارت امور خارجه حمله رژیم صهیونیستی به غزه را محکوم کرد."), "DISAPPROVE", "israel"),
    (ar("وطالب شمخاني بانسحاب القوات الأمريكية من العراق."), "DEMAND", "us_military"),
    (ar("وأشاد شمخاني بالدور المصيري للحشد الشعبي في العراق."), "SUPPORT", "popular_mobilization_forces"),
    (fa("عراقچی گفت: اجازه نخواهیم داد رژیم صهیونیستی امنیت منطقه را بر هم بزند."), "THREATEN", "israel"),
])
def test_events_statements_coded(text, type_, target):
    article = run(text)
    coded = [e for e in article.events if e.type != "CONSULT"]
    assert coded, [q.text for q in article.quotes]
    e = coded[0]
    quote = next(q for q in article.quotes if q.id == e.quote)
    assert (e.type, e.target, e.source) == (type_, target, quote.speaker)
    assert (e.evidence.start, e.evidence.end) == (quote.start, quote.end)
    assert e.summary_en


def test_events_offsets_and_ids():
    for text, _ in MEETINGS:
        article = run(text)
        for n, e in enumerate(article.events, 1):
            assert e.id == f"{article.id}:e{n}"
            assert article.original[e.evidence.start : e.evidence.end] == e.evidence.text


def test_events_stages_run_in_the_pipeline_with_the_span_check():
    from rasad.pipeline import REGISTRY, Pipeline, default_stages, stage

    for name, fn in (("quotes", quote_stage), ("events", event_stage)):
        if name not in REGISTRY:
            stage(name)(fn)
    base = tuple(s for s in default_stages() if s not in ("quotes", "events"))
    pipeline = Pipeline(stages=base + ("quotes", "events"), check=True)  # raises on a span that misses the text
    article = pipeline(rasad.ingest.readers.from_text(fa("عراقچی امروز در تهران با فواد حسین دیدار کرد.", "عراقچی گفت: روابط راهبردی است."), "t.txt"))
    assert article.quotes and meetings(article)


def test_events_stages_accept_an_article_without_paragraphs():
    empty = rasad.Article(id="x", source="x", original="")
    assert event_stage(quote_stage(empty)).events == ()


# ---------------------------------------------------------------- the seeds against the gold file


def test_events_seed_meetings_all_found_none_spurious(pipeline):
    from rasad.ingest.readers import read_inputs
    from rasad.serialize import to_dict

    need(SEEDS)
    need(GOLD)
    preds = [to_dict(event_stage(quote_stage(pipeline(a)))) for a in read_inputs([str(SEEDS)])]
    report = evaluate(load_gold(str(GOLD)), preds)
    scores = report["scores"]
    assert scores["meetings_found"]["score"] == 1.0, report["misses"].get("meetings_found")
    assert scores["meetings_spurious_free"]["score"] == 1.0, report["misses"].get("meetings_spurious_free")
