"""Metadata of a report: agency, statistics year, publication date, 索引号, URL — from the forms titles take."""

from __future__ import annotations

import pytest

from ingest.metadata import read_metadata


@pytest.mark.parametrize(
    "title, agency, year",
    [
        ("盘锦市营商环境建设局2020年度政府信息公开工作报告", "盘锦市营商环境建设局", 2020),
        ("2020年度盘锦市营商环境建设局政府信息公开工作年度报告", "盘锦市营商环境建设局", 2020),
        ("平潭综合实验区二〇二一年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
        ("关于平潭县人民政府2013年政府信息公开工作年度报告", "平潭县人民政府", 2013),
        ("盘锦市公安局 2022 年政府信息公开工作年度报告", "盘锦市公安局", 2022),
        ("盘锦市营商环境建设局关于2020年度政府信息公开工作的报告", "盘锦市营商环境建设局", 2020),
        ("盘锦市营商环境建设局政府信息公开工作年度报告（2020年度）", "盘锦市营商环境建设局", 2020),
        ("政府信息公开工作年度报告（2020年）", "", 2020),  # no agency in the title: the page header gives it
    ],
)
def test_agency_and_year_come_from_the_title(title, agency, year):
    meta = read_metadata(f"标题: {title}\n正文")
    assert (meta.agency, meta.year) == (agency, year)


def test_page_header_lines_give_date_index_number_publisher_and_url():
    text = (
        "索 引 号: pjsrmzf-2021-000060 主题分类: 部门政府信息公开工作年度报告\n"
        "发文机关: 盘锦市政府 成文日期:\n标  题: 盘锦市营商环境建设局2020年度政府信息公开工作报告\n"
        "发文字号: 发布日期: 2021-02-03\n原文链接: https://www.panjin.gov.cn/a/b.html\n"
    )
    meta = read_metadata(text)
    assert (meta.published, meta.index_no, meta.publisher, meta.url) == (
        "2021-02-03",
        "pjsrmzf-2021-000060",
        "盘锦市人民政府",  # printed 盘锦市政府: the official name of a local government is its 人民政府
        "https://www.panjin.gov.cn/a/b.html",
    )


def test_the_page_title_gives_the_report_title_without_the_site_name():
    meta = read_metadata("正文", {}, "平潭县教育局2019年政府信息公开工作年度报告 - 平潭县人民政府")
    assert (meta.title, meta.agency, meta.year) == (
        "平潭县教育局2019年政府信息公开工作年度报告",
        "平潭县教育局",
        2019,
    )


def test_without_a_year_in_the_title_the_statistics_period_gives_it():
    meta = read_metadata(
        "标题: 某局政府信息公开工作年度报告\n本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
    )
    assert meta.year == 2021


def test_without_any_year_the_publication_year_minus_one_is_the_statistics_year():
    meta = read_metadata("标题: 某局政府信息公开工作年度报告\n发布时间: 2024-02-01\n正文")
    assert meta.year == 2023
