"""What an agency name looks like: a region and a unit type, no sentence, no markup; short forms expanded to
the official name with the printed form kept; an OCR slip of a county corrected against the gazetteer."""

from __future__ import annotations

import pytest

from ingest.agency_names import UNIT_TYPES, agency_in_text, given_agency, official_name
from ingest.errors import NotAnAgencyName
from ingest.gazetteer import gazetteer
from ingest.short_forms import SHORT_DEPARTMENTS, expand_short_form


@pytest.mark.parametrize(
    "name",
    [
        "河北省教育厅",
        "河北省科学技术厅",
        "沭阳县发展和改革局",
        "江苏省宿迁市沭阳县发展和改革局",
        "平潭综合实验区",  # a region-wide report of a zone
        "平潭综合实验区公安局",
        "盘锦市营商环境建设局",
        "盘锦市市场监督管理局",  # 市场 starts a department, not a region
        "上海市人民政府办公厅",
        "淮安市人民政府",
        "莱芜市人民政府",  # a former city (merged into 济南 in 2019): not in today's gazetteer, still a name
        "国家税务总局",
        "教育部",
        # place names that hold characters sentences are made of (无, 于, 将, 本, 贵, 全, 共, 未)
        "无锡市人民政府",
        "沈阳市于洪区人民政府",
        "将乐县教育局",
        "本溪市人民政府",
        "贵州省人民政府",
        "全椒县人民政府",
        "共青城市人民政府",
        "西安市未央区人民政府",
        "沭阳县住房和城乡建设局",  # 住房和城乡 is no region
        "平潭综合实验区政府信息公开工作领导小组办公室",
    ],
)
def test_real_agency_names_are_kept_as_they_are(name):
    assert official_name(name) is not None
    assert official_name(name).name == name


@pytest.mark.parametrize(
    "fragment",
    [
        "度",  # what "2020年度政府信息公开工作年度报告" left before the fix
        "河北省教育厅共受理行政复议1起，",  # a sentence
        "河北省教育厅共受理行政复议",  # a sentence without digits
        "2025年上海市人民政府办公厅",  # a number
        "栏目",  # a page header's label
        "http",
        "我厅",  # a pronoun's phrase
        "本机关",
        "省教育厅",  # no region: which province?
        "县发展和改革局",
        "公安局",
        "以人民为中心",
        "平潭综合实验区政府信息公开工作领导小组",  # no unit type at the end
        "全部",
        "内部",
        "政府信息公开专栏",
    ],
)
def test_fragments_and_sentences_are_no_agency(fragment):
    assert official_name(fragment) is None


@pytest.mark.parametrize(
    "printed, name",
    [
        ("#沭阳县人民政府", "沭阳县人民政府"),  # a Markdown heading
        ("## 淮安市人民政府", "淮安市人民政府"),
        ("**河北省教育厅**", "河北省教育厅"),
        ("<b>河北省教育厅</b>", "河北省教育厅"),
        ("[河北省教育厅](http://jyt.hebei.gov.cn/)", "河北省教育厅"),
    ],
)
def test_markup_never_becomes_part_of_a_name(printed, name):
    assert official_name(printed).name == name


def test_every_unit_type_ends_a_name_after_a_region():
    # derived, not listed: the region of a real report and each unit type the rules know
    for unit in UNIT_TYPES:
        found = official_name("沭阳县测试" + unit)
        assert found is not None and found.name.startswith("沭阳县测试"), unit


@pytest.mark.parametrize(
    "printed, name",
    [
        ("上海市科委", "上海市科学技术委员会"),
        ("沭阳县发改局", "沭阳县发展和改革局"),
        ("上海市府办", "上海市人民政府办公厅"),  # a municipality's general office is a 办公厅
        ("淮安市府办", "淮安市人民政府办公室"),  # a prefecture's is a 办公室
        ("广州市政府办", "广州市人民政府办公厅"),  # a sub-provincial city's is a 办公厅
        ("盘锦市政府", "盘锦市人民政府"),  # every local government is a 人民政府
        ("淮安市政府办公室", "淮安市人民政府办公室"),
        ("平潭综合实验区管委会", "平潭综合实验区管理委员会"),
        ("沭阳县残联", "沭阳县残疾人联合会"),
        ("河北省卫健委", "河北省卫生健康委员会"),
        ("盘锦市市场监管局", "盘锦市市场监督管理局"),
    ],
)
def test_short_forms_become_the_official_name_and_the_printed_form_is_kept(printed, name):
    found = official_name(printed)
    assert (found.name, found.printed) == (name, printed)


def test_short_forms_expand_on_their_own():
    assert expand_short_form("科委") == "科学技术委员会"
    assert expand_short_form("发改局") == "发展和改革局"
    assert expand_short_form("市府办") == "市人民政府办公厅"


def test_every_short_form_expands_to_a_name_that_looks_like_an_agency():
    for short, full in SHORT_DEPARTMENTS.items():
        assert official_name("盘锦市" + short).name == "盘锦市" + full


def test_an_ambiguous_short_form_is_kept_as_printed():
    # 文旅局 is 文化和旅游局 in one county and 文化广电和旅游局 in the next
    assert official_name("沭阳县文旅局").name == "沭阳县文旅局"


def test_an_ocr_slip_of_a_county_is_corrected_when_the_report_names_the_real_one():
    found = official_name("#沐阳县人民政府", document="沭阳县人民政府办公室 … 沭阳县发展和改革局")
    assert (found.name, found.printed) == ("沭阳县人民政府", "沐阳县人民政府")
    assert found.corrections == (
        "沐阳县 is no division of China; read as 沭阳县 (江苏省宿迁市沭阳县), which the report names elsewhere (沭阳县)",
    )


def test_a_slip_is_left_as_printed_without_evidence_in_the_report():
    assert official_name("沐阳县人民政府").name == "沐阳县人民政府"
    # 宿迁市 holds both 沭阳县 and 泗阳县, each one character from 沐阳县: the parent cannot decide
    assert official_name("沐阳县人民政府", document="宿迁市").corrections == ()


def test_a_real_division_is_never_corrected():
    assert official_name("泗阳县人民政府", document="沭阳县 沭阳县").name == "泗阳县人民政府"


def test_the_gazetteer_knows_counties_their_parents_and_levels():
    g = gazetteer()
    assert g.known("沭阳县") and not g.known("沐阳县")
    assert [d.parents for d in g.by_name["沭阳县"]] == [("江苏省", "宿迁市")]
    assert g.provincial("上海市") and g.provincial("河北省") and not g.provincial("淮安市")


@pytest.mark.parametrize(
    "text, name",
    [
        ("要求，发布河北省教育厅2021年政府信息公开工作年度报告。", "河北省教育厅"),
        ("现向社会公布沭阳县发展和改革局2023年度政府信息公开年度报告", "沭阳县发展和改革局"),
        ("河北省科学技术厅坚持以习近平新时代中国特色社会主义思想为指导", "河北省科学技术厅"),
        ("发布平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区"),
        ("河北省教育厅厅长主持召开会议", "河北省教育厅"),
        ("河北省教育厅办公室负责编制", "河北省教育厅办公室"),
        ("我厅编写了2019年政府信息公开工作年度报告", None),
    ],
)
def test_an_agency_is_found_in_running_text_where_a_region_starts(text, name):
    found = agency_in_text(text)
    assert (found.name if found else None) == name


def test_a_given_name_that_is_no_agency_is_refused_with_what_a_name_looks_like():
    with pytest.raises(NotAnAgencyName, match="does not look like an agency name.*河北省教育厅"):
        given_agency("河北省教育厅共受理行政复议1起")
    assert given_agency("上海市科委").name == "上海市科学技术委员会"


@pytest.mark.parametrize(
    "question, agency",
    [
        ("上海市科委2022年收到多少申请", "上海市科学技术委员会"),
        ("上海科委的申请", "上海市科学技术委员会"),
        ("上海市府办2025年收到多少申请", "上海市人民政府办公厅"),
        ("上海发改委", "上海市发展和改革委员会"),
        ("沭阳县发改局2023年", "沭阳县发展和改革局"),
    ],
)
def test_a_question_may_name_an_agency_by_its_short_form(question, agency):
    from bot.understand.agency import AgencyMatcher
    from index.agencies import agency_record

    names = ("上海市科学技术委员会", "上海市人民政府办公厅", "上海市发展和改革委员会", "沭阳县发展和改革局")
    assert AgencyMatcher([agency_record(n) for n in names]).match(question).names == (agency,)
