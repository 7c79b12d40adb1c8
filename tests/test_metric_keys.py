"""The metric dictionary, checked key by key from the template's own data (ingest/template.py and
bot/metric_words.py): every key's label reads back as that key in both languages; every phrasing of a
row, put in a question with every column word of its table, reads as that row and column or asks which
was meant — never another key; words of a key the best one lacks stop a number."""

from __future__ import annotations

import pytest

from bot.metric_words import COLUMN_WORDS, OUTCOME_WORDS, ROW_WORDS, WEAK
from bot.metrics import candidates, key_label
from bot.understand import metric_keys as mk
from bot.understand import understand
from bot.understand.agency import AgencyMatcher
from bot.understand.metric import parse_metric
from index.agencies import agency_record

PINGTAN = AgencyMatcher([agency_record("平潭综合实验区")])


def _read(question: str):
    """The metric of a question, as understood with the agency it names."""
    return understand(question, PINGTAN).metric


KEYS = [(info.key, column) for info in mk.rows().values() for column in (None, *info.columns) if column != "total"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_keys_label_reads_back_as_that_key(lang):
    wrong = []
    for row, column in KEYS:
        m = parse_metric(key_label(row, column, lang))
        if (m.row, m.column, m.decided) != (row, column, True):
            wrong.append((key_label(row, column, lang), m.row, m.column, m.decided))
    assert wrong == []


def _phrasings(row: str, lang: str) -> list[str]:
    """The row's own words (generic verbs such as "fee" or "close" may name other rows: WEAK)."""
    chinese = [w for w in ROW_WORDS.get(row, ()) if not w.isascii() and w not in WEAK]
    english = [w for w in ROW_WORDS.get(row, ()) if w.isascii() and w not in WEAK]
    return chinese if lang == "zh" else english


def _question(row_word: str, column_word: str, lang: str) -> str:
    if lang == "zh":
        return f"平潭2023年{row_word}的{column_word}有多少件？" if column_word else f"平潭2023年{row_word}的有多少件？"
    return f"How many {column_word} {row_word} in 2023 for Pingtan?"


def _columns(row: str, lang: str) -> list[tuple[str | None, str]]:
    info = mk.rows()[row]
    words = OUTCOME_WORDS if info.table == "appeals" else COLUMN_WORDS
    out = [(None, "")]
    for column in info.columns:
        if column == "total":
            continue
        shown = [w for w in words.get(column, ()) if w.isascii() == (lang == "en")]
        out += [(column, shown[0])] if shown else []
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_phrasing_of_a_row_with_a_column_of_its_table_reads_as_another_key(lang):
    """Every everyday phrasing of every row, with every column of its table: the key it names, or a
    clarify offering that key — a stated number for another key would be a wrong number."""
    wrong, decided, total = [], 0, 0
    for row in ROW_WORDS:
        for row_word in _phrasings(row, lang):
            for column, column_word in _columns(row, lang):
                m = _read(_question(row_word, column_word, lang))
                total += 1
                named = (m.row, m.column)
                if m.decided:
                    decided += 1
                    if not _consistent(named, row, column):
                        wrong.append((row_word, column_word, named))
    assert wrong == []
    assert decided >= 0.8 * total


def _consistent(named: tuple[str, str | None], row: str, column: str | None) -> bool:
    """The row itself, or a member of it the phrase names more precisely (a generic word such as "received"
    may belong to several rows: those are counted as deciding only for the row they name)."""
    got_row, got_column = named
    if got_row == "applications.results.other.other" and column == "other_org":
        return True  # a bare 其他 under 其他处理 is read as its row 3.其他 (bot/understand/metric.py)
    return (got_row == row or got_row.startswith(row + ".") or row.startswith(got_row + ".")) and (
        got_column == column or column is None)


@pytest.mark.parametrize("question, key", [
    ("how many normative documents did Pingtan newly make in 2020", ("proactive.normative_docs", "new_made")),
    ("requests refused because they concerned administrative enforcement case files",
     ("applications.results.denied.enforcement_file", None)),
    ("reconsideration cases still pending at year end", ("review", "pending")),
    ("平潭2023年先复议再起诉的有几件？", ("litigation.after_review", None)),
    ("因为信息不归本机关掌握而没法提供的有多少件", ("applications.results.unavailable.not_held", None)),
    ("行政复议尚未审结的有几件", ("review", "pending")),
    ("规范性文件本年新制作多少件", ("proactive.normative_docs", "new_made")),
])
def test_the_issues_wrong_rows_are_read_as_the_key_they_name(question, key):
    m = _read(question)
    assert ((m.row, m.column), m.decided) == (key, True)


@pytest.mark.parametrize("question", [
    "平潭2023年尚未审结的申请有多少件？",  # 尚未审结 is table 4's; requests are table 3's
    "平潭2023年新制作的申请有多少件？",  # 新制作 is table 2's
    "平潭2023年案卷有多少件申请予以公开？",  # 案卷 (三(三)7) against 予以公开
])
def test_a_word_of_another_key_stops_the_number(question):
    assert not _read(question).decided


@pytest.mark.parametrize("question, concept", [
    ("What was the average number of days Pingtan took to answer a request in 2023?", "average"),
    ("How many requests from foreigners did Pingtan get in 2023?", "foreigners"),
    ("平潭2023年外国人申请了多少件？", "外国人"),
    ("平潭2023年平均多少天答复一件申请？", "平均"),
])
def test_what_the_tables_do_not_count_is_named(question, concept):
    assert concept in _read(question).uncounted


def test_a_phrase_maps_to_scored_candidate_keys_for_the_audit():
    found = candidates("予以公开71件")
    assert found[0][0] == "applications.results.granted.total" and found[0][1] > 0
    assert candidates("行政复议结果纠正")[0][0] == "review.corrected"


# --- English agency names built from parts -----------------------------------------------------------

NAMES = ("上海市人民政府办公厅", "河北省教育厅", "淮安市人民政府", "沭阳县发展和改革局", "平潭综合实验区公安局",
         "盘锦市营商环境建设局", "平潭综合实验区", "河北省科学技术厅")


@pytest.fixture(scope="module")
def agencies():
    return AgencyMatcher([agency_record(n) for n in NAMES])


@pytest.mark.parametrize("name, english", [
    ("上海市人民政府办公厅", "Shanghai General Office"),
    ("上海市人民政府办公厅", "the Shanghai municipal government's general office"),
    ("河北省教育厅", "Hebei Education Department"),
    ("河北省科学技术厅", "Hebei Department of Science and Technology"),
    ("淮安市人民政府", "Huai'an government"),
    ("淮安市人民政府", "Huaian City People's Government"),
    ("沭阳县发展和改革局", "Shuyang Development and Reform Bureau"),
    ("平潭综合实验区公安局", "Pingtan public security bureau"),
    ("盘锦市营商环境建设局", "Panjin business environment bureau"),
])
def test_english_names_of_agencies_are_built_from_region_and_department(agencies, name, english):
    match = agencies.match(f"How many requests did {english} receive in 2023?")
    assert match.names == (name,)


def test_every_agencys_english_gloss_finds_it(agencies):
    from bot.compose.names import english_gloss

    for name in NAMES:
        gloss = english_gloss(agency_record(name))
        assert agencies.match(f"requests received by {gloss} in 2023").names == (name,), gloss
