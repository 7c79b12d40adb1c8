"""A table the report replaces with a sentence, money without a unit, numbers exact as printed."""

from __future__ import annotations

from ingest.parse import parse_report
from ingest.resolve import NOT_PRINTED

TITLE = "某某市某某局2021年度政府信息公开工作年度报告"


def report(body: str):
    html = f"<html><head><title>{TITLE}</title></head><body><div>{body}</div></body></html>"
    return parse_report("x.html", html.encode())


APPEALS = (
    "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>{}</p><p>五、存在的主要问题及改进情况</p><p>无。</p>"
)


def test_no_reconsideration_and_no_lawsuits_make_every_cell_of_table_4_zero_with_the_sentence_as_evidence():
    sentence = "本年度未发生涉及政府信息公开的行政复议、行政诉讼案件"
    r = report(APPEALS.format(sentence + "。"))
    cells = {f.key: f for f in r.facts if f.key.startswith(("review.", "litigation."))}
    assert len(cells) == 15 and {f.value for f in cells.values()} == {0}
    assert cells["litigation.after_review.total"].printed == sentence


def test_a_sentence_about_reconsideration_alone_leaves_the_lawsuits_absent():
    r = report(APPEALS.format("本年度未发生政府信息公开行政复议案件。"))
    keys = {f.key for f in r.facts} | {a.key for a in r.ambiguous}
    assert r.fact("review.total").value == 0
    assert not any(k.startswith("litigation.") for k in keys)


def test_a_narrower_denial_establishes_nothing():
    r = report(APPEALS.format("全年未发生因政府信息公开被行政复议纠错或行政诉讼败诉情形。"))
    assert not any(f.key.startswith(("review.", "litigation.")) for f in r.facts)


def test_no_requests_received_makes_only_this_years_requests_zero():
    body = "<p>三、收到和处理政府信息公开申请情况</p><p>本年度未收到政府信息公开申请。</p><p>四、其他</p>"
    r = report(body)
    assert r.fact("applications.new_received.total").value == 0
    assert r.fact("applications.new_received.natural_person").printed == "本年度未收到政府信息公开申请"
    assert r.fact("applications.carried_over.total") is None  # the sentence says nothing of last year


FEES = (
    "<table><tr><td>第二十条第（八）项</td></tr><tr><td>信息内容</td><td>{header}</td></tr>"
    "<tr><td>行政事业性收费</td><td>{cell}</td></tr></table>"
)


def test_an_amount_printed_without_a_unit_keeps_its_number_and_says_the_unit_was_not_printed():
    fact = report(FEES.format(header="本年收费金额", cell="256146")).fact("proactive.fees.amount")
    assert (fact.value, fact.unit) == (256146, NOT_PRINTED)


def test_an_amount_takes_the_unit_its_header_prints():
    fact = report(FEES.format(header="本年收费金额（单位：万元）", cell="12.5")).fact("proactive.fees.amount")
    assert (fact.value, fact.unit) == (12.5, "万元")
    fact = report(FEES.format(header="本年收费金额（元）", cell="251000")).fact("proactive.fees.amount")
    assert (fact.value, fact.unit, fact.printed) == (25.1, "万元", "251000")


TABLE3 = (
    "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>申请人情况</td><td>自然人</td><td>商业企业</td>"
    "<td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
    "<tr><td>一、本年新收政府信息公开申请数量</td>{}</tr></table>"
)


def test_a_twenty_digit_cell_is_flagged_never_rounded_or_stated():
    huge = "12345678901234567890"
    cells = "".join(f"<td>{c}</td>" for c in (huge, "0", "0", "0", "0", "0", huge))
    r = report(TABLE3.format(cells))
    flagged = {a.key: a for a in r.ambiguous}
    assert r.fact("applications.new_received.natural_person") is None
    assert "beyond any plausible count" in flagged["applications.new_received.natural_person"].reason
    assert "12345678901234567168" not in str(r.to_contract())


def test_counts_stay_integers_and_decimals_print_back_as_printed():
    cells = "".join(f"<td>{c}</td>" for c in ("9999999", "0", "0", "0", "0", "0", "9999999"))
    r = report(TABLE3.format(cells))
    fact = r.fact("applications.new_received.total")
    assert isinstance(fact.value, int) and fact.value == 9999999
    amount = report(FEES.format(header="本年收费金额（单位：万元）", cell="7539.443252")).fact(
        "proactive.fees.amount"
    )
    assert (amount.display, r.to_contract()["facts"]["applications.new_received.total"]) == (
        "7539.443252",
        9999999,
    )
