"""Questions about what a report says in its text, and questions of several parts, derived for every report of the
bundled samples (index/samples) in both languages and several phrasings:

- a narrative topic of the template's sections (the channels requests came through, honours, accessibility and
  languages of the portal, training, press conferences, policy interpretations, the gazette, new media, government
  information management, public participation, supervision, accountability, interaction with the public) is
  answered by a sentence of that report, quoted as printed, that speaks of the topic; or it is said that the
  report's text does not speak of it, which is checked against the report's whole text; never a number of our own;
- a question of two parts ("…收到多少申请？予以公开多少件？", "…, and how many were fully granted?") answers each part
  with the report's own figure; a part we cannot answer is said so beside the other;
- two columns of one row ("自然人和法人各提出多少件") each get their number, the organisations' column being the sum of
  its five printed members;
- two departments the index lacks, named in one question, are both named as missing.

Checks are against the report's text and gold facts files (tests/data), never against hard-coded answers.
"""

from __future__ import annotations

import re

import pytest
from agency_questions import GOLD, NAMES, certain, report_facts

from bot.answer import answer
from bot.catalog import catalog_for
from bot.understand.topics import TOPICS

# Names for the agencies of the samples beyond tests/agency_questions.py (Chinese, English).
MORE_NAMES = {
    "平潭综合实验区": ("平潭综合实验区", "Pingtan"),
    "盘锦市营商环境建设局": ("盘锦市营商环境建设局", "the Panjin business environment bureau"),
}

# How people ask about each topic; {a} the agency, {y} the year.
TOPIC_PHRASINGS = {
    "channels": (("{a}{y}年通过哪些渠道收到政府信息公开申请？", "{y}年{a}收到的申请中，当面、网上、信函申请各占多少？"),
                 ("Through which channels did {a} receive disclosure requests in {y}?",
                  "In {y}, how many requests reached {a} in person, online or by post?")),
    "honours": (("{a}{y}年获得了哪些荣誉？", "{y}年{a}的政务公开工作受过表彰吗？"),
                ("Did {a} win any awards for its disclosure work in {y}?",
                 "What honours did {a} receive in {y}?")),
    "accessibility": (("{a}{y}年网站做了无障碍或适老化改造吗？", "{y}年{a}的门户网站有哪些语言版本？"),
                      ("Was {a}'s portal made accessible for elderly or disabled users in {y}?",
                       "In which languages was {a}'s website available in {y}?")),
    "training": (("{a}{y}年开展了几次政务公开培训？", "{y}年{a}组织了哪些业务培训？"),
                 ("How many training sessions on disclosure did {a} hold in {y}?",
                  "What training did {a} give its staff in {y}?")),
    "press": (("{a}{y}年召开了几场新闻发布会？", "{y}年{a}举行过新闻发布会吗？"),
              ("How many press conferences did {a} hold in {y}?", "Did {a} hold any news briefings in {y}?")),
    "interpretation": (("{a}{y}年发布了多少篇政策解读？", "{y}年{a}是怎样做政策解读的？"),
                       ("How many policy interpretations did {a} publish in {y}?",
                        "How did {a} interpret its policies for the public in {y}?")),
    "gazette": (("{a}{y}年出版了几期政府公报？", "{y}年{a}的政府公报情况如何？"),
                ("How many issues of the government gazette did {a} publish in {y}?",
                 "What does {a}'s {y} report say about its official gazette?")),
    "new_media": (("{a}{y}年政务新媒体建设情况如何？", "{y}年{a}通过微信公众号发布了多少信息？"),
                  ("What did {a} do with its new media accounts in {y}?",
                   "How many posts did {a} publish on WeChat in {y}?")),
    "resources": (("{a}{y}年政府信息资源管理方面做了什么？", "{y}年{a}的政府信息公开目录和保密审查情况如何？"),
                  ("How did {a} manage its government information resources in {y}?",
                   "What does {a}'s {y} report say about its secrecy review before publishing?")),
    "participation": (("{a}{y}年公开征求意见了吗？", "{y}年{a}邀请公众列席会议或参加听证了吗？"),
                      ("Did {a} solicit public opinions on its decisions in {y}?",
                       "How did {a} promote public participation in {y}?")),
    "supervision": (("{a}{y}年政务公开考核和社会评议情况如何？", "{y}年{a}的政务公开工作接受了哪些监督？"),
                    ("How was {a}'s disclosure work supervised and appraised in {y}?",
                     "What oversight was {a}'s disclosure work under in {y}?")),
    "accountability": (("{y}年{a}有没有责任追究？", "{a}{y}年政务公开有人被问责吗？"),
                       ("Was anyone at {a} held accountable for disclosure failures in {y}?",
                        "Did {a} hold anyone accountable over disclosure in {y}?")),
    "interaction": (("{a}{y}年政民互动和留言办理情况如何？", "{y}年{a}办理了多少件网民留言？"),
                    ("How did {a} handle messages from the public in {y}?",
                     "How many hotline calls did {a} deal with in {y}?")),
}
TOPIC_OF = {t.name: t for t in TOPICS}


def _names(agency: str) -> tuple[str, str]:
    if agency in NAMES:
        return NAMES[agency][0][0], NAMES[agency][1][0]
    return MORE_NAMES[agency]


def _reports(index) -> list:
    catalog = catalog_for(index)
    return sorted((r for (a, y), r in catalog.report_of.items() if y >= 2019 and (a in NAMES or a in MORE_NAMES)),
                  key=lambda r: (r.agency, r.year))


def _narrative(index, report) -> str:
    """The report's narrative text as stored (each passage less its heading line)."""
    return "\n".join(c.text.split("\n", 1)[-1] for c in index.chunks(report.id) if c.kind == "narrative")


def _sentences(index, report) -> list[str]:
    return [s for s in re.split(r"[。！？!?\n]", _narrative(index, report)) if s.strip()]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def reports(samples):
    return _reports(samples)


@pytest.mark.slow
@pytest.mark.parametrize("topic", sorted(TOPIC_PHRASINGS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_narrative_topic_is_quoted_from_the_report_or_said_to_be_absent(samples, reports, topic, lang):
    asked_topic = TOPIC_OF[topic]
    answered = 0
    phrasings = TOPIC_PHRASINGS[topic][lang == "en"]
    for i, report in enumerate(reports):
        name = _names(report.agency)[lang == "en"]
        text = _squash(_narrative(samples, report))
        mentioned = any(asked_topic.says.search(s) for s in _sentences(samples, report))
        for phrasing in (phrasings[i % len(phrasings)],):  # the phrasings in rotation over the reports
            q = phrasing.format(a=name, y=report.year)
            a = answer(q, samples)
            assert a.kind in ("narrative", "not_found") and a.value is None and not a.facts, (q, a.text)
            assert a.lang == lang and a.text[0].isascii() == (lang == "en"), a.text  # in the question's language
            for source in a.sources:  # every quote is the report's own sentence, and it speaks of the topic
                assert (source.agency, source.year) == (report.agency, report.year), (q, a.text)
                assert _squash(source.quote) in text and asked_topic.says.search(source.quote), (q, source.quote)
            if a.kind == "narrative":
                answered += 1
            elif not a.sources:  # said to be absent: the report's text indeed never speaks of it
                assert not mentioned, (q, a.text)
    assert answered, f"no report answers a question on {topic} in {lang}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_the_text_does_not_give_is_said_so_with_what_it_says(samples, lang):
    q = ("河北省教育厅2023年召开了几场新闻发布会？" if lang == "zh"
         else "How many press conferences did the Hebei Education Department hold in 2023?")
    a = answer(q, samples)
    assert a.kind == "not_found" and a.value is None, a.text
    assert ("没有给出这个数字" if lang == "zh" else "gives no such figure") in a.text
    assert a.sources and "发布会" in a.sources[0].quote


MODERN = sorted((agency, year) for agency, year in GOLD if year >= 2021)
TWO_PARTS = {
    "zh": ("{a}{y}年收到多少件政府信息公开申请？予以公开了多少件？",
           "{y}年{a}收到了几件申请，其中全部公开的有几件？"),
    "en": ("How many requests did {a} receive in {y}, and how many were fully granted?",
           "How many FOI requests did {a} get in {y}? How many of them were granted in full?"),
}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_part_of_a_two_part_question_gets_its_own_number(samples, agency, year, lang):
    keys = ("applications.new_received.total", "applications.results.granted.total")
    gold = report_facts(agency, year)
    name = _names(agency)[lang == "en"]
    for phrasing in TWO_PARTS[lang]:
        q = phrasing.format(a=name, y=year)
        a = answer(q, samples)
        shown = {f.key: f.value for f in a.facts}
        for key in keys:
            if certain(samples, agency, year, key):
                assert shown.get(key) == gold[key], (q, key, a.text)
            else:  # a cell the copy cannot place: never a number for it
                assert key not in shown, (q, a.text)
        assert a.text.count("（1）" if lang == "zh" else "(1)") == 1 and ("（2）" if lang == "zh" else "(2)") in a.text


@pytest.mark.parametrize("agency, year", MODERN[:4])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_part_we_cannot_answer_is_said_beside_the_one_we_can(samples, agency, year, lang):
    key = "applications.new_received.total"
    name = _names(agency)[lang == "en"]
    q = (f"{name}{year}年收到多少件申请？平均多少天答复？" if lang == "zh"
         else f"How many requests did {name} receive in {year}, and how many days did it take on average to answer?")
    a = answer(q, samples)
    assert a.kind == "fact" and {f.key: f.value for f in a.facts}.get(key) == report_facts(agency, year)[key], a.text
    second = a.text.split("（2）" if lang == "zh" else "(2)", 1)[1]
    said = re.sub(r"(?:19|20)\d\d", "", second.split("\n", 1)[1].split("原文摘录")[0].split("As printed")[0])
    assert not re.search(r"\d", said), second  # no figure for what the tables do not count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_results_part_lists_the_results_of_the_same_report(samples, lang):
    q = ("河北省教育厅2023年收到多少申请？结果如何？" if lang == "zh"
         else "How many requests did the Hebei Education Department receive in 2023, and what were the outcomes?")
    a = answer(q, samples)
    keys = {f.key for f in a.facts}
    assert "applications.new_received.total" in keys and any(k.startswith("applications.results.") for k in keys)
    assert {f.year for f in a.facts} == {2023} and {f.agency for f in a.facts} == {"河北省教育厅"}, a.text


ORG_MEMBERS = ("commercial", "research", "social_welfare", "legal_service", "other_org")
COLUMNS = {"zh": ("{a}{y}年自然人和法人各提出多少件申请？", "{y}年{a}收到的申请中，自然人和法人或其他组织分别有几件？"),
           "en": ("How many requests did individuals and organisations each file with {a} in {y}?",
                  "In {y}, how many of {a}'s requests came from individuals and how many from legal persons?")}


@pytest.mark.parametrize("agency, year", MODERN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_individuals_and_organisations_each_get_their_number(samples, agency, year, lang):
    gold = report_facts(agency, year)
    members = [f"applications.new_received.{c}" for c in ORG_MEMBERS]
    if not certain(samples, agency, year, "applications.new_received.natural_person", *members):
        pytest.skip("this copy cannot place every applicant column")
    name = _names(agency)[lang == "en"]
    for phrasing in COLUMNS[lang]:
        a = answer(phrasing.format(a=name, y=year), samples)
        shown = {f.key: f.value for f in a.facts}
        assert a.kind == "fact" and shown["applications.new_received.natural_person"] == gold[
            "applications.new_received.natural_person"], a.text
        org = int(sum(gold[m] for m in members))  # the organisations' column: its five members added up
        assert all(m in shown for m in members) and re.search(rf"(?<![\d.]){org}(?![\d.])", a.text), a.text


LACKING = {
    "zh": ("{y}年河北省财政厅和河北省民政厅各收到多少申请？", "平潭财政金融局、平潭教育局{y}年分别收到几件申请？"),
    "en": ("How many requests did the Hebei finance department and the Hebei civil affairs department each receive "
           "in {y}?",),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_departments_we_lack_are_both_named_as_missing(samples, lang):
    for phrasing in LACKING[lang]:
        a = answer(phrasing.format(y=2023), samples)
        assert a.kind == "not_found" and not a.facts, a.text
        missing = a.text.split("。")[0] if lang == "zh" else a.text.split(".")[0]
        wanted = (("财政", "民政") if "河北" in phrasing else ("财政金融", "教育")) if lang == "zh" else ("finance",
                                                                                                     "civil affairs")
        assert all(w in missing for w in wanted), a.text
