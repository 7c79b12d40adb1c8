"""Builds heldout.jsonl: hand-written questions; every gold value is read from the gold facts files."""
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # the shared corpus beside the repo
OUT = Path(__file__).with_name("heldout.jsonl")

AG = {
    "PT": "平潭综合实验区", "GAJ": "平潭综合实验区公安局", "PJ": "盘锦市营商环境建设局",
    "JYT": "河北省教育厅", "KJT": "河北省科学技术厅", "SY": "沭阳县发展和改革局",
    "HA": "淮安市人民政府", "SH": "上海市人民政府办公厅",
}
GOLD_FILE = {
    ("PT", 2019): "2019_pingtan_syq_page", ("PT", 2020): "2020_pingtan_syq_page",
    ("PT", 2022): "2022_pingtan_syq_page", ("PT", 2023): "2023_pingtan_syq_page",
    ("PT", 2025): "2025_pingtan_syq_page", ("GAJ", 2022): "2022_pingtan_gaj",
    ("PJ", 2020): "2020_panjin_yingshangju", ("JYT", 2019): "2019_hebei_jyt",
    ("JYT", 2021): "2021_hebei_jyt", ("JYT", 2022): "2022_hebei_jyt", ("JYT", 2023): "2023_hebei_jyt",
    ("KJT", 2021): "2021_hebei_kjt", ("KJT", 2023): "2023_hebei_kjt", ("SY", 2023): "2023_shuyang_fgj",
    ("HA", 2024): "2024_huaian_szf", ("SH", 2025): "2025_shanghai_szfbgt",
}
REPORT_TEXT = {  # narrative sources (the report as indexed)
    ("PT13", 2013): "2013_pingtan_xian.txt", ("PT", 2018): "2018_pingtan_syq.txt",
    ("PT", 2019): "2019_pingtan_syq_page.html", ("PT", 2020): "2020_pingtan_syq_page.html",
    ("PT", 2022): "2022_pingtan_syq_page.html", ("PT", 2023): "2023_pingtan_syq_page.html",
    ("PT", 2025): "2025_pingtan_syq_page.html", ("GAJ", 2022): "2022_pingtan_gaj.txt",
    ("PJ", 2020): "2020_panjin_yingshangju.txt", ("JYT", 2019): "2019_hebei_jyt.txt",
    ("JYT", 2021): "2021_hebei_jyt.txt", ("JYT", 2022): "2022_hebei_jyt.txt",
    ("JYT", 2023): "2023_hebei_jyt.txt", ("KJT", 2021): "2021_hebei_kjt.txt",
    ("KJT", 2023): "2023_hebei_kjt.txt", ("SY", 2023): "2023_shuyang_fgj.html",
    ("HA", 2024): "2024_huaian_szf.pdf", ("SH", 2025): "2025_shanghai_szfbgt.md",
}
AG["PT13"] = "平潭县人民政府"
MONEY = ("proactive.fees.amount", "proactive.procurement.amount")


def gold(a, y):
    return json.loads((CORPUS / f"{GOLD_FILE[(a, y)]}.facts.json").read_text(encoding="utf-8"))


def cell(key, a, y):
    g = gold(a, y)
    assert key in g["facts"], (key, a, y)
    assert key not in g.get("ambiguous", []), (key, a, y)
    return {"key": key, "agency": AG[a], "year": y, "value": g["facts"][key]}


def fmt(v, key=""):
    if key in MONEY:
        return f"{v:g}万元"
    return f"{v:g}"


# ── fact items: (lang, question, key, agency, year, tags) ────────────────────────────────────────────
F = [
    # 平潭综合实验区 2019 (2019 layout)
    ("zh", "平潭实验区2019年一共收到了多少份信息公开申请？", "applications.new_received.total", "PT", 2019, ["name:short"]),
    ("en", "In 2019, how many of the Pingtan Comprehensive Experimental Zone's requests could not be answered because they were still unclear even after the applicant was asked to supplement them?", "applications.results.unavailable.unclear.total", "PT", 2019, ["name:english"]),
    ("zh", "2019年平潭综合实验区因为重复申请而不予处理的有几件？", "applications.results.not_processed.duplicate.total", "PT", 2019, ["name:full"]),
    ("en", "How many administrative licensing decisions did the Pingtan Comprehensive Pilot Zone report for 2019?", "proactive.licensing.decisions", "PT", 2019, ["name:english"]),
    ("zh", "平潭综合实验区2019年度政府集中采购项目有多少个？", "proactive.procurement.projects", "PT", 2019, ["name:full"]),
    ("en", "What was the total value of centralised government procurement in Pingtan zone's 2019 annual report?", "proactive.procurement.amount", "PT", 2019, ["name:english"]),
    ("zh", "二〇一九年平潭综合实验区行政处罚的上一年项目数量是多少？", "proactive.penalties.prev_items", "PT", 2019, ["name:full", "year:numerals"]),
    ("en", "Journalist here: in 2019, how many FOI requests did 平潭综合实验区 say it could not answer because it did not hold the information?", "applications.results.unavailable.not_held.total", "PT", 2019, ["name:chinese_in_english"]),
    # 2020 (2019 layout)
    ("en", "In 2020, how many requests to the Pingtan Comprehensive Experimental Zone came from organisations in the 'other' category — not companies, research institutes, charities or law firms?", "applications.new_received.other_org", "PT", 2020, ["name:english"]),
    ("zh", "2020年平潭综合实验区予以公开的申请有多少件？", "applications.results.granted.total", "PT", 2020, ["name:full"]),
    ("zh", "平潭20年部分公开的申请有几件？", "applications.results.partially_granted.total", "PT", 2020, ["name:short", "year:short"]),
    ("en", "How many of Pingtan zone's 2020 requests were put under 'other handling'?", "applications.results.other.total", "PT", 2020, ["name:english"]),
    ("zh", "平潭综合实验区2020年行政许可本年增减了多少项？", "proactive.licensing.change", "PT", 2020, ["name:full"]),
    ("en", "By how much did the number of administrative penalty items change at the Pingtan Comprehensive Experimental Zone in 2020?", "proactive.penalties.change", "PT", 2020, ["name:english"]),
    ("zh", "平潭综合实验区2020年规范性文件对外公开总数量是多少？", "proactive.normative_docs.total_published", "PT", 2020, ["name:full"]),
    ("en", "How many government procurement projects did Pingtan list for FY2020?", "proactive.procurement.projects", "PT", 2020, ["name:short", "year:fy"]),
    ("zh", "二〇二〇年平潭综合实验区政府信息公开申请的办理结果总计是多少件？", "applications.results.total.total", "PT", 2020, ["name:full", "year:numerals"]),
    # 2022
    ("zh", "平潭综合实验区2022年来自商业企业的信息公开申请有几件？", "applications.new_received.commercial", "PT", 2022, ["name:full"]),
    ("en", "How many requests did the Pingtan zone carry over from 2021 into its 2022 caseload?", "applications.carried_over.total", "PT", 2022, ["name:english"]),
    ("zh", "22年平潭综合实验区因本机关不掌握相关信息而无法提供的有多少件？", "applications.results.unavailable.not_held.total", "PT", 2022, ["name:full", "year:short"]),
    ("en", "In 2022, how many Pingtan Comprehensive Experimental Zone requests were withheld as process information — discussion records, drafts, consultation letters and the like?", "applications.results.denied.process_info.total", "PT", 2022, ["name:english"]),
    ("zh", "2022年平潭综合实验区“其他处理”里最后那项“其他”是多少件？", "applications.results.other.other.total", "PT", 2022, ["name:full"]),
    ("en", "How many administrative normative documents did Pingtan repeal in 2022?", "proactive.normative_docs.repealed", "PT", 2022, ["name:short"]),
    ("zh", "平潭综合实验区2022年作出的行政许可决定有多少？", "proactive.licensing.decisions", "PT", 2022, ["name:full"]),
    ("en", "How much in administrative fees did the Pingtan Comprehensive Experimental Zone collect in 2022?", "proactive.fees.amount", "PT", 2022, ["name:english"]),
    ("zh", "2022年平潭综合实验区因政府信息公开被申请行政复议、结果被纠正的有几件？", "applications_placeholder", "PT", 2022, []),
    ("en", "How many FOI lawsuits filed directly (without going through reconsideration first) against Pingtan zone in 2022 ended with the decision upheld?", "litigation.direct.upheld", "PT", 2022, ["name:english"]),
    # 2023
    ("en", "How many disclosure requests from private individuals did the Pingtan Comprehensive Experimental Zone get in 2023?", "applications.new_received.natural_person", "PT", 2023, ["name:english"]),
    ("zh", "平潭综合实验区2023年全部予以公开的申请是多少件？", "applications.results.granted.total", "PT", 2023, ["name:full"]),
    ("en", "In 2023, how many requests did Pingtan turn down because they were really administrative inquiry matters?", "applications.results.denied.query_matter.total", "PT", 2023, ["name:short"]),
    ("zh", "二〇二三年平潭综合实验区以保护第三方合法权益为由不予公开的有几件？", "applications.results.denied.third_party.total", "PT", 2023, ["name:full", "year:numerals"]),
    ("en", "How many repeat requests did Pingtan zone decline to process in 2023?", "applications.results.not_processed.duplicate.total", "PT", 2023, ["name:english"]),
    ("zh", "2023年平潭综合实验区商业企业的申请里，部分公开的有几件？", "applications.results.partially_granted.commercial", "PT", 2023, ["name:full"]),
    ("en", "How many administrative coercion (enforcement) decisions did Pingtan Comprehensive Experimental Zone disclose for 2023?", "proactive.enforcement.decisions", "PT", 2023, ["name:english"]),
    ("zh", "平潭实验区2023年制发了多少件行政规范性文件？", "proactive.normative_docs.issued", "PT", 2023, ["name:short"]),
    ("zh", "2023年平潭综合实验区未经复议直接起诉的行政诉讼有几起？", "litigation.direct.total", "PT", 2023, ["name:full"]),
    ("en", "For Pingtan's 2023 report, how many lawsuits brought after an administrative reconsideration ended with an 'other' result?", "litigation.after_review.other", "PT", 2023, ["name:short"]),
    # 2025
    ("zh", "平潭综合实验区2025年一共收到多少件政府信息公开申请？", "applications.new_received.total", "PT", 2025, ["name:full"]),
    ("en", "How many Pingtan zone requests were still open at the end of 2025 and carried into 2026?", "applications.carried_forward.total", "PT", 2025, ["name:english"]),
    ("zh", "2025年平潭综合实验区结转下年度继续办理的申请中，商业企业的有几件？", "applications.carried_forward.commercial", "PT", 2025, ["name:full"]),
    ("en", "In 2025, how many requests to the Pingtan Comprehensive Experimental Zone couldn't be met because the information would have had to be newly compiled?", "applications.results.unavailable.needs_creation.total", "PT", 2025, ["name:english"]),
    ("zh", "平潭2025年申请人无正当理由逾期不补正、不再处理的有多少件？", "applications.results.other.no_correction.total", "PT", 2025, ["name:short"]),
    ("en", "How many 2025 requests did Pingtan drop because the applicant didn't pay the fee by the deadline?", "applications.results.other.unpaid_fee.total", "PT", 2025, ["name:short"]),
    ("zh", "2025年平潭综合实验区有多少件申请被认定为信访举报投诉类而不予处理？", "applications.results.not_processed.petition.total", "PT", 2025, ["name:full"]),
    ("en", "How many administrative reconsiderations related to information disclosure did the Pingtan Comprehensive Experimental Zone face in 2025?", "review.total", "PT", 2025, ["name:english"]),
    ("zh", "2025年平潭综合实验区行政复议结果维持的有多少件？", "review.upheld", "PT", 2025, ["name:full"]),
    ("en", "In 2025, how many of the lawsuits filed directly against Pingtan zone resulted in the decision being corrected?", "litigation.direct.corrected", "PT", 2025, ["name:english"]),
    ("zh", "平潭综合实验区2025年行政处罚的处理决定有多少？", "proactive.penalties.decisions", "PT", 2025, ["name:full"]),
    ("en", "How many administrative normative documents were still in force in Pingtan at the end of 2025?", "proactive.normative_docs.in_force", "PT", 2025, ["name:short"]),
    ("zh", "平潭综合实验区2025年属于三类内部事务信息不予公开的有几件？", "applications.results.denied.internal_affairs.total", "PT", 2025, ["name:full"]),
    # 盘锦市营商环境建设局 2020
    ("en", "How many FOI requests did the Panjin Business Environment Construction Bureau receive in 2020?", "applications.new_received.total", "PJ", 2020, ["name:english"]),
    ("zh", "盘锦市营商局2020年政府集中采购项目数量是多少？", "proactive.procurement.projects", "PJ", 2020, ["name:short"]),
    ("zh", "盘锦营商环境建设局2020年因政府信息公开被申请行政复议的总共几件？", "review.total", "PJ", 2020, ["name:short"]),
    ("en", "How many administrative licensing decisions did Panjin's business environment bureau report for 2020?", "proactive.licensing.decisions", "PJ", 2020, ["name:english"]),
    ("zh", "盘锦市营商环境建设局2020年结转到下一年继续办理的申请有多少？", "applications.carried_forward.total", "PJ", 2020, ["name:full"]),
    # 河北省教育厅 2019
    ("zh", "河北省教育厅2019年收到政府信息公开申请多少件？", "applications.new_received.total", "JYT", 2019, ["name:full"]),
    ("en", "How many of the Hebei Education Department's 2019 requests could not be met because the information didn't exist yet and would have had to be created?", "applications.results.unavailable.needs_creation.total", "JYT", 2019, ["name:english"]),
    ("zh", "河北教育厅2019年行政许可处理决定数量是多少？", "proactive.licensing.decisions", "JYT", 2019, ["name:short"]),
    ("en", "What was the previous-year item count for 'other external management and service matters' in the Hebei Provincial Department of Education's 2019 report?", "proactive.other_services.prev_items", "JYT", 2019, ["name:english"]),
    ("zh", "二〇一九年河北省教育厅行政事业性收费的上一年项目数量是多少？", "proactive.fees.prev_items", "JYT", 2019, ["name:full", "year:numerals"]),
    ("en", "How many centralised procurement projects did Hebei's education department have in 2019?", "proactive.procurement.projects", "JYT", 2019, ["name:english"]),
    # 2021
    ("en", "How many requests did law firms and other legal service organisations file with the Hebei Education Department in 2021?", "applications.new_received.legal_service", "JYT", 2021, ["name:english"]),
    ("zh", "河北省教育厅2021年有多少件申请属于信访举报投诉类、没有受理？", "applications.results.not_processed.petition.total", "JYT", 2021, ["name:full"]),
    ("en", "How many FOI lawsuits were brought directly against the Hebei Provincial Department of Education in 2021?", "litigation.direct.total", "JYT", 2021, ["name:english"]),
    ("zh", "2021年河北教育厅复议后起诉的案件中，结果维持的有几件？", "litigation.after_review.upheld", "JYT", 2021, ["name:short"]),
    ("en", "What did the Hebei education department collect in administrative fees in 2021, in units of 10,000 yuan?", "proactive.fees.amount", "JYT", 2021, ["name:english"]),
    ("zh", "省教育厅（河北）2021年废止了几件行政规范性文件？", "proactive.normative_docs.repealed", "JYT", 2021, ["name:short"]),
    ("en", "How many administrative penalty decisions did Hebei's Education Department make in 2021?", "proactive.penalties.decisions", "JYT", 2021, ["name:english"]),
    # 2022
    ("zh", "河北省教育厅2022年的本年新收申请总计多少件？", "applications.new_received.total", "JYT", 2022, ["name:full"]),
    ("en", "In 2022, how many requests from businesses did the Hebei Education Department grant in full?", "applications.results.granted.commercial", "JYT", 2022, ["name:english"]),
    ("zh", "河北省教育厅2022年因危及“三安全一稳定”不予公开的有几件？", "applications.results.denied.security_stability.total", "JYT", 2022, ["name:full"]),
    ("en", "How many of the Hebei Education Department's 2022 requests stayed unclear even after the applicant corrected them?", "applications.results.unavailable.unclear.total", "JYT", 2022, ["name:english"]),
    ("zh", "河北教育厅22年有多少申请因申请人逾期不补正而不再处理？", "applications.results.other.no_correction.total", "JYT", 2022, ["name:short", "year:short"]),
    ("en", "How many administrative reconsideration cases did the Hebei Provincial Department of Education have over disclosure in 2022?", "review.total", "JYT", 2022, ["name:english"]),
    ("zh", "河北省教育厅2022年直接起诉的行政诉讼还有几件尚未审结？", "litigation.direct.pending", "JYT", 2022, ["name:full"]),
    ("en", "How many administrative licensing decisions did 河北省教育厅 make in 2022?", "proactive.licensing.decisions", "JYT", 2022, ["name:chinese_in_english"]),
    # 2023
    ("en", "How many information requests did Hebei's provincial education department get in 2023?", "applications.new_received.total", "JYT", 2023, ["name:english"]),
    ("zh", "2023年河北省教育厅以保护第三方合法权益为由拒绝商业企业申请的有几件？", "applications.results.denied.third_party.commercial", "JYT", 2023, ["name:full"]),
    ("en", "How many appeals (administrative reconsiderations) against the Hebei Education Department were upheld in 2023?", "review.upheld", "JYT", 2023, ["name:english"]),
    ("zh", "河北省教育厅2023年复议后再起诉的行政诉讼一共几件？", "litigation.after_review.total", "JYT", 2023, ["name:full"]),
    ("en", "How many administrative normative documents did the Hebei Education Department have in force in 2023?", "proactive.normative_docs.in_force", "JYT", 2023, ["name:english"]),
    ("zh", "河北教育厅二〇二三年行政事业性收费金额是多少万元？", "proactive.fees.amount", "JYT", 2023, ["name:short", "year:numerals"]),
    ("en", "How many administrative penalty decisions did the Hebei Department of Education issue in 2023?", "proactive.penalties.decisions", "JYT", 2023, ["name:english"]),
    # 河北省科学技术厅
    ("zh", "河北省科技厅2021年收到几件信息公开申请？", "applications.new_received.total", "KJT", 2021, ["name:short"]),
    ("en", "How many 2021 requests did the Hebei Department of Science and Technology refuse as internal affairs information?", "applications.results.denied.internal_affairs.total", "KJT", 2021, ["name:english"]),
    ("zh", "河北省科学技术厅2021年行政许可处理决定有多少件？", "proactive.licensing.decisions", "KJT", 2021, ["name:full"]),
    ("en", "How many requests did Hebei's science and technology department grant in full in 2021?", "applications.results.granted.total", "KJT", 2021, ["name:english"]),
    ("zh", "河北省科学技术厅2021年未经复议直接起诉的行政诉讼总计几件？", "litigation.direct.total", "KJT", 2021, ["name:full"]),
    ("en", "How many FOI applications did the Hebei Provincial Department of Science and Technology receive in 2023?", "applications.new_received.total", "KJT", 2023, ["name:english"]),
    ("zh", "河北科技厅2023年自然人的申请中予以公开的有几件？", "applications.results.granted.natural_person", "KJT", 2023, ["name:short"]),
    ("en", "How many licensing decisions did Hebei's S&T department publish for 2023?", "proactive.licensing.decisions", "KJT", 2023, ["name:english"]),
    ("zh", "河北省科学技术厅2023年行政处罚决定数量是多少？", "proactive.penalties.decisions", "KJT", 2023, ["name:full"]),
    ("en", "How many of the Hebei science department's 2023 requests were carried forward to the next year?", "applications.carried_forward.total", "KJT", 2023, ["name:english"]),
    # 平潭综合实验区公安局 2022
    ("en", "How many FOI requests did the Pingtan public security bureau receive in 2022?", "applications.new_received.total", "GAJ", 2022, ["name:english"]),
    ("zh", "平潭公安局2022年从上年结转过来的申请有几件？", "applications.carried_over.total", "GAJ", 2022, ["name:short"]),
    ("en", "How many requests did Pingtan's police bureau partially grant in 2022?", "applications.results.partially_granted.total", "GAJ", 2022, ["name:english"]),
    ("zh", "平潭综合实验区公安局2022年因申请人逾期不补正而不再处理的申请有几件？", "applications.results.other.no_correction.total", "GAJ", 2022, ["name:full"]),
    ("en", "How many administrative penalty decisions did the Pingtan Comprehensive Experimental Zone Public Security Bureau publish for 2022?", "proactive.penalties.decisions", "GAJ", 2022, ["name:english"]),
    ("zh", "平潭综合实验区公安局2022年现行有效的行政规范性文件有几件？", "proactive.normative_docs.in_force", "GAJ", 2022, ["name:full"]),
    ("en", "How many normative documents did the Pingtan PSB issue in 2022?", "proactive.normative_docs.issued", "GAJ", 2022, ["name:english"]),
    ("zh", "区公安局（平潭）2022年办理结果总计几件？", "applications.results.total.total", "GAJ", 2022, ["name:short"]),
    # 沭阳县发展和改革局 2023
    ("zh", "沭阳县发改局2023年收到多少件依申请公开？", "applications.new_received.total", "SY", 2023, ["name:short"]),
    ("en", "How many requests did the Shuyang County Development and Reform Bureau grant in full in 2023?", "applications.results.granted.total", "SY", 2023, ["name:english"]),
    ("zh", "沭阳县发展和改革局2023年还有几件行政复议尚未审结？", "review.pending", "SY", 2023, ["name:full"]),
    ("en", "How many administrative reconsideration cases over disclosure did Shuyang's development and reform bureau have in 2023?", "review.total", "SY", 2023, ["name:english"]),
    ("zh", "沭阳发改局2023年现行有效的规范性文件有多少件？", "proactive.normative_docs.in_force", "SY", 2023, ["name:short"]),
    ("en", "How many normative documents did the Shuyang County DRB issue in 2023?", "proactive.normative_docs.issued", "SY", 2023, ["name:english"]),
    ("zh", "沭阳县发展和改革局2023年因本机关不掌握而无法提供的申请有几件？", "applications.results.unavailable.not_held.total", "SY", 2023, ["name:full"]),
    # 淮安市人民政府 2024
    ("en", "How many government information disclosure requests did the Huai'an city government receive in 2024?", "applications.new_received.total", "HA", 2024, ["name:english"]),
    ("zh", "淮安市政府2024年上年结转的申请有多少件？", "applications.carried_over.total", "HA", 2024, ["name:short"]),
    ("en", "How many of Huai'an municipal government's requests were rolled over into 2025 for further handling?", "applications.carried_forward.total", "HA", 2024, ["name:english"]),
    ("zh", "淮安市人民政府2024年予以公开的有多少件？", "applications.results.granted.total", "HA", 2024, ["name:full"]),
    ("en", "How many requests did the Huai'an Municipal People's Government partially disclose in 2024?", "applications.results.partially_granted.total", "HA", 2024, ["name:english"]),
    ("zh", "淮安市政府2024年因属于国家秘密不予公开的有几件？", "applications.results.denied.state_secret.total", "HA", 2024, ["name:short"]),
    ("en", "In 2024, how many requests did Huai'an refuse because other laws or administrative regulations prohibit disclosure?", "applications.results.denied.prohibited_by_law.total", "HA", 2024, ["name:short"]),
    ("zh", "淮安市人民政府2024年属于行政查询事项而不予公开的申请有多少？", "applications.results.denied.query_matter.total", "HA", 2024, ["name:full"]),
    ("en", "How many requests from legal service organisations did Huai'an city government answer with 'we don't hold this information' in 2024?", "applications.results.unavailable.not_held.legal_service", "HA", 2024, ["name:english"]),
    ("zh", "淮安市政府二〇二四年重复申请不予处理的有几件？", "applications.results.not_processed.duplicate.total", "HA", 2024, ["name:short", "year:numerals"]),
    ("en", "How many Huai'an requests in 2024 asked the government to confirm or re-issue information the applicant already had?", "applications.results.not_processed.confirmation.total", "HA", 2024, ["name:short"]),
    ("zh", "淮安市人民政府2024年申请人逾期没按收费通知缴费、不再处理的有几件？", "applications.results.other.unpaid_fee.total", "HA", 2024, ["name:full"]),
    ("en", "Under 'other handling', how many Huai'an city government requests in 2024 fell into the residual 'other' line?", "applications.results.other.other.total", "HA", 2024, ["name:english"]),
    ("zh", "淮安市政府2024年新收申请里“其他”类法人或组织提出的有几件？", "applications.new_received.other_org", "HA", 2024, ["name:short"]),
    ("en", "How many FOI reconsideration cases against the Huai'an city government ended with the decision corrected in 2024?", "review.corrected", "HA", 2024, ["name:english"]),
    ("zh", "淮安市人民政府2024年复议后起诉的行政诉讼尚未审结的有几件？", "litigation.after_review.pending", "HA", 2024, ["name:full"]),
    ("en", "How many administrative penalty decisions did Huai'an's municipal government disclose for 2024?", "proactive.penalties.decisions", "HA", 2024, ["name:english"]),
    ("zh", "淮安市2024年行政强制决定数量是多少？", "proactive.enforcement.decisions", "HA", 2024, ["name:short"]),
    ("en", "What was Huai'an municipal government's administrative fee income in 2024?", "proactive.fees.amount", "HA", 2024, ["name:english"]),
    ("zh", "淮安市人民政府2024年现行有效的规章有几件？", "proactive.regulations.in_force", "HA", 2024, ["name:full"]),
    ("zh", "淮安市政府2024年行政许可处理决定有多少？", "proactive.licensing.decisions", "HA", 2024, ["name:short"]),
    # 上海市人民政府办公厅 2025
    ("zh", "上海市政府办公厅2025年上年结转的申请有多少？", "applications.carried_over.total", "SH", 2025, ["name:short"]),
    ("en", "How many requests from individuals did the Shanghai municipal government general office carry forward into 2026?", "applications.carried_forward.natural_person", "SH", 2025, ["name:english"]),
    ("zh", "上海市人民政府办公厅2025年予以公开的申请有几件？", "applications.results.granted.total", "SH", 2025, ["name:full"]),
    ("en", "How many requests did the General Office of the Shanghai Municipal People's Government partially grant in 2025?", "applications.results.partially_granted.total", "SH", 2025, ["name:english"]),
    ("zh", "上海市府办公厅2025年以属于国家秘密为由不予公开的有几件？", "applications.results.denied.state_secret.total", "SH", 2025, ["name:short"]),
    ("en", "How many requests from legal service organisations did the Shanghai general office refuse as internal affairs information in 2025?", "applications.results.denied.internal_affairs.legal_service", "SH", 2025, ["name:english"]),
    ("zh", "上海市人民政府办公厅2025年本机关不掌握相关政府信息的有多少件？", "applications.results.unavailable.not_held.total", "SH", 2025, ["name:full"]),
    ("en", "How many 2025 requests to the Shanghai government general office would have required creating new information?", "applications.results.unavailable.needs_creation.total", "SH", 2025, ["name:english"]),
    ("zh", "上海市政府办公厅2025年信访举报投诉类申请不予处理的有多少件？", "applications.results.not_processed.petition.total", "SH", 2025, ["name:short"]),
    ("en", "How many people asked the Shanghai municipal general office for public publications in 2025 (requests not processed for that reason)?", "applications.results.not_processed.publication.total", "SH", 2025, ["name:english"]),
    ("zh", "上海市人民政府辦公廳2025年無正當理由大量反覆申請的有幾件？", "applications.results.not_processed.excessive.total", "SH", 2025, ["name:full", "traditional"]),
    ("en", "How many Shanghai general office requests in 2025 were closed because the applicant never supplied the missing details in time?", "applications.results.other.no_correction.total", "SH", 2025, ["name:english"]),
    ("zh", "上海市人民政府办公厅2025年其他处理中的“其他”有多少件？", "applications.results.other.other.total", "SH", 2025, ["name:full"]),
    ("en", "How many administrative reconsideration decisions upheld the Shanghai general office in 2025?", "review.upheld", "SH", 2025, ["name:english"]),
    ("zh", "上海市府办2025年直接起诉的行政诉讼里还没审结的有几件？", "litigation.direct.pending", "SH", 2025, ["name:short"]),
    ("en", "How many lawsuits filed after reconsideration against the Shanghai Municipal Government General Office ended with an 'other' outcome in 2025?", "litigation.after_review.other", "SH", 2025, ["name:english"]),
    ("zh", "上海市人民政府办公厅2025年制发了多少件规章？", "proactive.regulations.issued", "SH", 2025, ["name:full"]),
    ("en", "How many municipal regulations (规章) were in force according to the Shanghai general office's 2025 report?", "proactive.regulations.in_force", "SH", 2025, ["name:english"]),
    ("zh", "上海市政府办公厅2025年废止了多少件行政规范性文件？", "proactive.normative_docs.repealed", "SH", 2025, ["name:short"]),
    ("en", "How many administrative licensing decisions did the Shanghai general office report for 2025?", "proactive.licensing.decisions", "SH", 2025, ["name:english"]),
    # traditional characters, mixed language, more forms
    ("zh", "淮安市政府2024年行政復議結果糾正的有幾件？", "review.corrected", "HA", 2024, ["name:short", "traditional"]),
    ("zh", "平潭綜合實驗區2023年行政訴訟中複議後起訴的總計幾件？", "litigation.after_review.total", "PT", 2023, ["name:full", "traditional"]),
    ("en", "How many 予以公开 cases did 淮安市人民政府 have among requests from commercial enterprises in 2024?", "applications.results.granted.commercial", "HA", 2024, ["name:chinese_in_english", "mixed"]),
    ("en", "What's the 本年新收 count for natural persons at 上海市人民政府办公厅 in 2025?", "applications.new_received.natural_person", "SH", 2025, ["name:chinese_in_english", "mixed"]),
    ("zh", "平潭综合实验区公安局2022年行政复议和行政诉讼都是零吗？行政复议总计多少？", "review.total", "GAJ", 2022, ["name:full"]),
    ("en", "Did Huai'an city government have any requests that were refused for endangering the 'three securities and one stability' in 2024? How many?", "applications.results.denied.security_stability.total", "HA", 2024, ["name:english"]),
]
# fix the one placeholder (written in the list above for position only)
F = [f if f[2] != "applications_placeholder" else
     ("zh", f[1], "review.corrected", f[3], f[4], ["name:full"]) for f in F]

# relative-year facts: (lang, q, key, agency, year, today, tags)
REL = [
    ("zh", "平潭综合实验区去年作出了多少件行政许可决定？", "proactive.licensing.decisions", "PT", 2025, "2026-04-01", ["name:full", "relative_year"]),
    ("en", "How many FOI requests did the Shanghai municipal government general office receive last year?", "applications.new_received.total", "SH", 2025, "2026-02-15", ["name:english", "relative_year"]),
    ("zh", "淮安市政府去年因政府信息公开被申请行政复议的有多少件？", "review.total", "HA", 2024, "2025-03-01", ["name:short", "relative_year"]),
]

# ── narrative: (lang, q, agency, year, evidence, tags) ──────────────────────────────────────────────────
N = [
    ("zh", "平潭县人民政府2013年政府信息公开专栏的访问量有多少人次？", "PT13", 2013, "2013年政府信息公开专栏访问量达19363人次", ["name:full"]),
    ("en", "How many disclosure requests did the Pingtan County government receive in 2013, and how were they submitted?", "PT13", 2013, "2013年全县共收到有关政府信息公开的申请7条，网上申请数3条，信函申请数4条", ["name:english"]),
    ("zh", "2018年平潭综合实验区有没有收到政府信息公开申请？", "PT", 2018, "2018年未收到有关政府信息公开申请", ["name:full"]),
    ("en", "How many government new-media accounts did the Pingtan Comprehensive Experimental Zone's departments run in 2018?", "PT", 2018, "我区各部门共开设新媒体数量70个", ["name:english"]),
    ("zh", "平潭12345便民服务平台在2018年报里说收到了多少件咨询投诉？", "PT", 2018, "共收到15564件咨询投诉件，已办结15042件", ["name:short"]),
    ("en", "By how much did Pingtan's one-window service reform cut waiting times, according to its 2019 report?", "PT", 2019, "群众等候时间由42分钟缩至19分钟", ["name:short"]),
    ("zh", "平潭综合实验区2019年共公布了多少条政府信息？", "PT", 2019, "共公布政府信息2599条", ["name:full"]),
    ("en", "How many citizen requests did the 'Wenzheng Pingtan — You Speak' (问政平潭之有事你说) programme receive in 2020?", "PT", 2020, "收到群众诉求348件", ["name:short", "mixed"]),
    ("zh", "平潭综合实验区2020年报告里说政府信息公开工作存在哪些主要问题？", "PT", 2020, ["基层政务公开标准化规范化水平有待进一步提升", "各部门政府信息公开工作的开展还不够均衡", "少数政务新媒体“政务”属性不够突出"], ["name:full", "problems"]),
    ("en", "How many government new-media accounts did Pingtan zone have under supervision in 2022?", "PT", 2022, "对全区现存的33个政务新媒体", ["name:english"]),
    ("zh", "平潭综合实验区2022年组织了几次政务公开季度检查通报？", "PT", 2022, "全年共组织4次政务公开季度检查通报", ["name:full"]),
    ("en", "How many policy interpretations did the Pingtan Comprehensive Experimental Zone publish in 2023?", "PT", 2023, "全年发布政策解读117篇", ["name:english"]),
    ("zh", "平潭综合实验区在2023年度报告里说2024年要采取哪些改进措施？", "PT", 2023, ["加大政务公开检查力度", "提升政务公开内容质量", "拓宽政民互动渠道"], ["name:full", "plans"]),
    ("en", "How many posts did the 'Pingtan Release' (平潭发布) WeChat account publish in 2025?", "PT", 2025, "通过“平潭发布”公众号发布信息672条", ["name:short", "mixed"]),
    ("zh", "2025年平潭综合实验区关停了几个政府网站和政务新媒体？", "PT", 2025, "关停运营不规范、运维不及时的政府网站1个、政务新媒体2个", ["name:full"]),
    ("en", "According to the Panjin Business Environment Construction Bureau's 2020 report, how many people had registered on the Liaoshitong app?", "PJ", 2020, "辽事通注册总量362804人", ["name:english"]),
    ("zh", "盘锦市营商环境建设局的2021年工作打算有哪些？", "PJ", 2020, ["加强日常基础工作", "强化政务信息公开", "抓好新条例的宣传和贯彻落实"], ["name:full", "plans"]),
    ("zh", "河北省教育厅2019年有多少个高频民生服务事项实现了网上办理？", "JYT", 2019, "22个高频民生服务事项实现网上办理", ["name:full"]),
    ("en", "How many normative documents did the Hebei Education Department go through in its 2021 clean-up, and in how many rounds?", "JYT", 2021, "对现有206件规范性文件实施了7次清理", ["name:english"]),
    ("en", "Through which channels did people submit requests to the Hebei Education Department in 2022, and in what proportions?", "JYT", 2022, "网络申请39件，占88.6%，信函申请5件，占11.4%", ["name:english"]),
    ("zh", "河北省教育厅的“河北教育发布”在2023年获得了什么荣誉？", "JYT", 2023, "获评中央网信办2023年度走好网上群众路线百个成绩突出账号", ["name:full"]),
    ("en", "Did the Hebei Department of Science and Technology charge any information processing fees in 2021?", "KJT", 2021, "2021年未收取信息处理费", ["name:english"]),
    ("zh", "河北省科技厅2023年清理了多少件规范性文件？结果如何？", "KJT", 2023, "对53件文件规范性文件进行清理，其中49件保留、3件列入限期修改、1件予以废止或宣布失效", ["name:short"]),
    ("en", "How many items of information did the Pingtan public security bureau proactively publish in 2022?", "GAJ", 2022, "全年累计主动公开公安政府信息179条", ["name:english"]),
    ("zh", "沭阳县发改局2023年受理了多少件网络问政？", "SY", 2023, "全年受理网络问政 182 件", ["name:short"]),
    ("en", "How much did the Huai'an city government collect in information processing fees in 2024?", "HA", 2024, "全年收取政府信息公开信息处理费 3940 元", ["name:english"]),
    ("zh", "上海市政府办公厅2025年“其他处理”中有多少件是申请人主动撤回的？", "SH", 2025, "含申请人主动撤回 157 件", ["name:short"]),
    ("en", "How many languages does the Shanghai International Services Portal cover, according to the Shanghai general office's 2025 report?", "SH", 2025, "目前已覆盖 10 个语种", ["name:english"]),
]

# ── derived: (lang, q, op, groups[[(key, agency, year)...]...], formula, printed, tags) ──────────────────
D = [
    ("zh", "2023年平潭综合实验区予以公开和部分公开合计占办结总数的比例是多少？", "share",
     [[("applications.results.granted.total", "PT", 2023), ("applications.results.partially_granted.total", "PT", 2023)],
      [("applications.results.total.total", "PT", 2023)]], "(22 + 20) / 81", 51.85, ["name:full"]),
    ("en", "What share of the Shanghai general office's closed requests in 2025 ended as 'information cannot be provided' (not held, needs creating, still unclear)?", "share",
     [[("applications.results.unavailable.not_held.total", "SH", 2025), ("applications.results.unavailable.needs_creation.total", "SH", 2025), ("applications.results.unavailable.unclear.total", "SH", 2025)],
      [("applications.results.total.total", "SH", 2025)]], "(513 + 48 + 3) / 1191", 47.36, ["name:english"]),
    ("zh", "上海市人民政府办公厅2025年“其他处理”占办结总数的百分之多少？", "share",
     [[("applications.results.other.no_correction.total", "SH", 2025), ("applications.results.other.unpaid_fee.total", "SH", 2025), ("applications.results.other.other.total", "SH", 2025)],
      [("applications.results.total.total", "SH", 2025)]], "(43 + 0 + 276) / 1191", 26.78, ["name:full"]),
    ("en", "What percentage of new FOI requests to Huai'an city government in 2024 came from individual citizens?", "share",
     [[("applications.new_received.natural_person", "HA", 2024)], [("applications.new_received.total", "HA", 2024)]], "3001 / 3119", None, ["name:english"]),
    ("zh", "淮安市政府2024年行政复议的纠错率（结果纠正占复议总数）是多少？", "share",
     [[("review.corrected", "HA", 2024)], [("review.total", "HA", 2024)]], "64 / 351", None, ["name:short"]),
    ("en", "By what percentage did new disclosure requests to Pingtan Comprehensive Experimental Zone grow from 2023 to 2025?", "growth",
     [[("applications.new_received.total", "PT", 2023)], [("applications.new_received.total", "PT", 2025)]], "(154 - 81) / 81", None, ["name:english"]),
    ("zh", "平潭综合实验区2023年新收申请比2022年增长了百分之几？", "growth",
     [[("applications.new_received.total", "PT", 2022)], [("applications.new_received.total", "PT", 2023)]], "(81 - 74) / 74", None, ["name:full"]),
    ("en", "How many fewer requests did the Hebei Education Department receive in 2023 than in 2022?", "diff",
     [[("applications.new_received.total", "JYT", 2022)], [("applications.new_received.total", "JYT", 2023)]], "44 - 19", None, ["name:english"]),
    ("zh", "平潭综合实验区2025年的行政处罚决定比2023年少了多少？", "diff",
     [[("proactive.penalties.decisions", "PT", 2023)], [("proactive.penalties.decisions", "PT", 2025)]], "1330 - 644", None, ["name:full"]),
    ("en", "How many FOI lawsuits in total (direct and after reconsideration) did Huai'an city government face in 2024?", "sum",
     [[("litigation.direct.total", "HA", 2024), ("litigation.after_review.total", "HA", 2024)]], "26 + 20", None, ["name:english"]),
    ("zh", "平潭综合实验区2025年行政复议和行政诉讼加起来一共多少件？", "sum",
     [[("review.total", "PT", 2025), ("litigation.direct.total", "PT", 2025), ("litigation.after_review.total", "PT", 2025)]], "36 + 6 + 3", None, ["name:full"]),
    ("en", "In total, how many requests did Pingtan zone refuse to disclose in 2025, across all the refusal grounds?", "sum",
     [[(f"applications.results.denied.{r}.total", "PT", 2025) for r in ("state_secret", "prohibited_by_law", "security_stability", "third_party", "internal_affairs", "process_info", "enforcement_file", "query_matter")]],
     "0 + 0 + 0 + 0 + 3 + 2 + 3 + 3", None, ["name:english"]),
    ("zh", "上海市政府办公厅2025年不予处理的申请合计多少件？", "sum",
     [[(f"applications.results.not_processed.{r}.total", "SH", 2025) for r in ("petition", "duplicate", "publication", "excessive", "confirmation")]],
     "62 + 16 + 1 + 1 + 0", None, ["name:short"]),
    ("en", "Add up the Hebei Education Department's administrative licensing decisions for 2021, 2022 and 2023 — what's the total?", "sum",
     [[("proactive.licensing.decisions", "JYT", 2021), ("proactive.licensing.decisions", "JYT", 2022), ("proactive.licensing.decisions", "JYT", 2023)]], "5658 + 6267 + 7417", None, ["name:english"]),
    ("zh", "平潭综合实验区2025年的行政事业性收费比2022年少了多少万元？", "diff",
     [[("proactive.fees.amount", "PT", 2022)], [("proactive.fees.amount", "PT", 2025)]], "9116.36 - 4166.241619", None, ["name:full"]),
    ("en", "What proportion of Pingtan zone's 2025 handled requests ended with 'this agency does not hold the information'?", "share",
     [[("applications.results.unavailable.not_held.total", "PT", 2025)], [("applications.results.total.total", "PT", 2025)]], "50 / 148", None, ["name:english"]),
    ("zh", "河北省教育厅2021年的行政诉讼一共有几件（直接起诉加复议后起诉）？", "sum",
     [[("litigation.direct.total", "JYT", 2021), ("litigation.after_review.total", "JYT", 2021)]], "6 + 2", None, ["name:full"]),
    ("en", "By how much did the number of administrative normative documents in force at Pingtan Comprehensive Experimental Zone fall between 2022 and 2025?", "diff",
     [[("proactive.normative_docs.in_force", "PT", 2022)], [("proactive.normative_docs.in_force", "PT", 2025)]], "698 - 546", None, ["name:english"]),
    ("zh", "河北省科学技术厅收到的申请数从2021年到2023年增长了百分之多少？", "growth",
     [[("applications.new_received.total", "KJT", 2021)], [("applications.new_received.total", "KJT", 2023)]], "(17 - 2) / 2", None, ["name:full"]),
    ("en", "What share of the Hebei Education Department's 2022 requests were granted in full?", "share",
     [[("applications.results.granted.total", "JYT", 2022)], [("applications.results.total.total", "JYT", 2022)]], "27 / 44", None, ["name:english"]),
]

# ── compare: (lang, q, [(key, agency, year)], tags) ──────────────────────────────────────────────────────
C = [
    ("zh", "平潭综合实验区2022年和2023年分别收到多少件政府信息公开申请？", [("applications.new_received.total", "PT", 2022), ("applications.new_received.total", "PT", 2023)], ["name:full", "years"]),
    ("en", "Compare the number of FOI requests received by the Hebei Education Department and the Hebei Department of Science and Technology in 2023.", [("applications.new_received.total", "JYT", 2023), ("applications.new_received.total", "KJT", 2023)], ["name:english", "agencies"]),
    ("zh", "河北省教育厅2021年到2023年每年的行政许可决定数量是怎么变化的？", [("proactive.licensing.decisions", "JYT", y) for y in (2021, 2022, 2023)], ["name:full", "trend"]),
    ("en", "How has the number of new FOI requests to the Pingtan Comprehensive Experimental Zone changed from 2019 to 2025?", [("applications.new_received.total", "PT", y) for y in (2019, 2020, 2022, 2023, 2025)], ["name:english", "trend"]),
    ("zh", "2025年平潭综合实验区和上海市政府办公厅的行政复议总数各是多少？", [("review.total", "PT", 2025), ("review.total", "SH", 2025)], ["name:full", "agencies"]),
    ("en", "Which had more administrative reconsideration cases in 2023, the Hebei Education Department or the Pingtan Comprehensive Experimental Zone?", [("review.total", "JYT", 2023), ("review.total", "PT", 2023)], ["name:english", "agencies"]),
    ("zh", "2023年沭阳县发改局、河北省科技厅、河北省教育厅各收到多少件申请？", [("applications.new_received.total", a, 2023) for a in ("SY", "KJT", "JYT")], ["name:short", "agencies"]),
    ("en", "Break down Huai'an city government's 2024 reconsideration cases: how many upheld, corrected, other and still pending?", [(f"review.{c}", "HA", 2024) for c in ("upheld", "corrected", "other", "pending")], ["name:english", "outcomes"]),
    ("zh", "上海市人民政府办公厅2025年新收申请中，自然人和商业企业各有多少？", [("applications.new_received.natural_person", "SH", 2025), ("applications.new_received.commercial", "SH", 2025)], ["name:full", "columns"]),
    ("en", "What is the trend in Pingtan zone's administrative penalty decisions across 2022, 2023 and 2025?", [("proactive.penalties.decisions", "PT", y) for y in (2022, 2023, 2025)], ["name:english", "trend"]),
    ("zh", "河北省教育厅2022年和2023年现行有效的行政规范性文件分别是多少件？", [("proactive.normative_docs.in_force", "JYT", y) for y in (2022, 2023)], ["name:full", "years"]),
    ("en", "Pingtan Comprehensive Experimental Zone, 2023 versus 2025: how many requests were answered with 'information not held by this agency' each year?", [("applications.results.unavailable.not_held.total", "PT", y) for y in (2023, 2025)], ["name:english", "years"]),
    ("zh", "平潭综合实验区2019年和2020年的政府集中采购项目数对比一下。", [("proactive.procurement.projects", "PT", y) for y in (2019, 2020)], ["name:full", "years"]),
    ("en", "How did the Pingtan Comprehensive Experimental Zone's administrative fee revenue compare across 2022, 2023 and 2025?", [("proactive.fees.amount", "PT", y) for y in (2022, 2023, 2025)], ["name:english", "trend", "money"]),
    ("zh", "2022年平潭综合实验区和平潭公安局分别收到了几件信息公开申请？", [("applications.new_received.total", a, 2022) for a in ("PT", "GAJ")], ["name:short", "agencies"]),
    ("en", "How many FOI lawsuits were filed directly against the Hebei Education Department in each year from 2021 to 2023?", [("litigation.direct.total", "JYT", y) for y in (2021, 2022, 2023)], ["name:english", "trend"]),
    ("zh", "淮安市政府2024年的行政诉讼中，直接起诉和复议后起诉各多少件？", [("litigation.direct.total", "HA", 2024), ("litigation.after_review.total", "HA", 2024)], ["name:short", "groups"]),
]

# ── unanswerable: (lang, q, why, today, tags) ────────────────────────────────────────────────────────────
U = [
    ("zh", "福州市人民政府2023年收到多少件政府信息公开申请？", "agency_not_indexed", None, []),
    ("en", "How many FOI requests did the Hebei Provincial Department of Finance receive in 2022?", "agency_not_indexed", None, []),
    ("zh", "盘锦市人民政府2020年因政府信息公开被申请行政复议多少件？", "agency_not_indexed", None, []),
    ("en", "How many disclosure requests did the Jiangsu Provincial Department of Education get in 2023?", "agency_not_indexed", None, []),
    ("zh", "淮安市发展和改革委员会2024年行政许可决定数量是多少？", "agency_not_indexed", None, []),
    ("en", "How many information requests did the Shuyang County People's Government receive in 2023?", "agency_not_indexed", None, []),
    ("zh", "平潭综合实验区财政金融局2019年收到几件信息公开申请？", "agency_not_indexed", None, []),
    ("en", "How many FOI requests did the Pingtan Comprehensive Experimental Zone receive in 2021?", "year_not_indexed", None, []),
    ("zh", "平潭综合实验区2024年行政处罚决定数量是多少？", "year_not_indexed", None, []),
    ("en", "How many requests did the Hebei Education Department handle in 2020?", "year_not_indexed", None, []),
    ("zh", "上海市人民政府办公厅2024年收到多少件政府信息公开申请？", "year_not_indexed", None, []),
    ("en", "What was the Huai'an municipal government's administrative fee revenue in 2023?", "year_not_indexed", None, []),
    ("zh", "沭阳县发改局2022年有几件行政复议？", "year_not_indexed", None, []),
    ("en", "How many requests did the Pingtan public security bureau get last year?", "year_not_indexed", "2025-01-10", ["relative_year"]),
    ("zh", "平潭综合实验区2025年办理一件政府信息公开申请平均用了多少个工作日？", "not_counted", None, []),
    ("en", "How many FOI requests to the Huai'an city government in 2024 were filed by foreign nationals?", "not_counted", None, []),
    ("zh", "河北省教育厅2022年有多少名工作人员负责政府信息公开工作？", "not_counted", None, []),
    ("en", "How many of the Shanghai general office's 2025 requests were submitted by journalists?", "not_counted", None, []),
    ("zh", "淮安市政府2024年的信息公开申请人里女性有多少？", "not_counted", None, []),
    ("en", "How many applications about land expropriation and demolition did Pingtan zone receive in 2025?", "not_counted", None, []),
    ("zh", "淮安市人民政府2024年有多少件申请是申请人主动撤回的？", "not_counted", None, []),
    ("en", "What was the applicants' satisfaction rate with the Hebei Department of Science and Technology's disclosure replies in 2023?", "not_counted", None, []),
    ("zh", "河北省教育厅2023年收到的申请中有多少件是关于教育数据的？", "not_counted", None, []),
    ("en", "How much money did the Pingtan public security bureau spend on information disclosure work in 2022?", "not_counted", None, []),
    ("zh", "上海市人民政府办公厅2025年当面提交的申请有多少件？", "not_counted", None, []),
    ("en", "How many FOI requests did the Hebei Education Department receive from people under 30 in 2021?", "not_counted", None, []),
]

# ── follow-ups: (lang, context, q, kind, spec, tags) ─────────────────────────────────────────────────────
FU = [
    ("zh", ["平潭综合实验区2022年收到多少件政府信息公开申请？"], "2023年呢？", "fact", ("applications.new_received.total", "PT", 2023), ["year"]),
    ("en", ["How many FOI requests did the Hebei Education Department receive in 2021?"], "And in 2022?", "fact", ("applications.new_received.total", "JYT", 2022), ["year"]),
    ("zh", ["河北省教育厅2023年收到多少件信息公开申请？"], "那河北省科技厅同一年呢？", "fact", ("applications.new_received.total", "KJT", 2023), ["agency"]),
    ("en", ["How many administrative reconsideration cases did the Huai'an city government have in 2024?"], "How many of those were upheld?", "fact", ("review.upheld", "HA", 2024), ["column"]),
    ("zh", ["上海市人民政府办公厅2025年行政复议总共多少件？"], "那未经复议直接起诉的行政诉讼呢？", "fact", ("litigation.direct.total", "SH", 2025), ["metric"]),
    ("en", ["How many requests did the Pingtan Comprehensive Experimental Zone grant in full in 2025?"], "What about partially granted?", "fact", ("applications.results.partially_granted.total", "PT", 2025), ["metric"]),
    ("zh", ["淮安市政府2024年本机关不掌握相关政府信息的有多少件？"], "其中自然人提出的有几件？", "fact", ("applications.results.unavailable.not_held.natural_person", "HA", 2024), ["column"]),
    ("en", ["How much did Pingtan zone collect in administrative fees in 2023?"], "And the year before?", "fact", ("proactive.fees.amount", "PT", 2022), ["year", "relative_year"]),
    ("zh", ["平潭公安局2022年行政处罚决定有多少？"], "平潭综合实验区同一年呢？", "fact", ("proactive.penalties.decisions", "PT", 2022), ["agency"]),
    ("en", ["How many requests did the Shanghai general office carry forward into 2026?"], "And how many had it carried over from the previous year?", "fact", ("applications.carried_over.total", "SH", 2025), ["metric"]),
    ("zh", ["河北省教育厅2021年有多少件行政诉讼是直接起诉的？", "复议后起诉的呢？"], "2022年这一项是多少？", "fact", ("litigation.after_review.total", "JYT", 2022), ["year", "three_turns"]),
    ("en", ["How many normative documents did the Hebei Education Department repeal in 2022?"], "How many were still in force?", "fact", ("proactive.normative_docs.in_force", "JYT", 2022), ["column"]),
    ("zh", ["沭阳县发改局2023年收到几件信息公开申请？"], "有几件行政复议？", "fact", ("review.total", "SY", 2023), ["metric"]),
    ("en", ["How many licensing decisions did Huai'an's municipal government report for 2024?"], "What about administrative penalties?", "fact", ("proactive.penalties.decisions", "HA", 2024), ["metric"]),
    ("zh", ["平潭综合实验区2019年收到多少件申请？"], "第二年呢？", "fact", ("applications.new_received.total", "PT", 2020), ["year", "relative_year"]),
    ("zh", ["平潭综合实验区2023年制发了多少件行政规范性文件？"], "废止了多少件？", "fact", ("proactive.normative_docs.repealed", "PT", 2023), ["column"]),
    ("en", ["How many FOI requests did the Panjin Business Environment Construction Bureau receive in 2020?"], "How many procurement projects did it report that year?", "fact", ("proactive.procurement.projects", "PJ", 2020), ["metric"]),
    ("zh", ["河北省科学技术厅2023年行政许可处理决定有多少件？"], "2021年呢？", "fact", ("proactive.licensing.decisions", "KJT", 2021), ["year"]),
    ("en", ["How many FOI requests did the Huai'an city government receive in 2024?"], "How many of them came from commercial enterprises?", "fact", ("applications.new_received.commercial", "HA", 2024), ["column"]),
    ("zh", ["上海市政府办公厅2025年因属于国家秘密不予公开的有几件？"], "那因为危及“三安全一稳定”的呢？", "fact", ("applications.results.denied.security_stability.total", "SH", 2025), ["metric"]),
    ("en", ["How many lawsuits against the Hebei Education Department in 2023 came after an administrative reconsideration?"], "And how many were filed directly?", "fact", ("litigation.direct.total", "JYT", 2023), ["metric"]),
    ("zh", ["平潭综合实验区2025年行政复议有多少件？"], "其中结果纠正的呢？", "fact", ("review.corrected", "PT", 2025), ["column"]),
    ("en", ["What share of Pingtan zone's handled requests in 2023 were granted in full or in part?"], "And in 2025?", "derived",
     ("share", [[("applications.results.granted.total", "PT", 2025), ("applications.results.partially_granted.total", "PT", 2025)], [("applications.results.total.total", "PT", 2025)]], "(33 + 38) / 148"), ["year"]),
    ("en", ["How many FOI requests did the Pingtan Comprehensive Experimental Zone receive in 2023?"], "And in 2024?", "unanswerable", "year_not_indexed", ["year"]),
    ("zh", ["河北省教育厅2022年收到多少件申请？"], "跟2023年比呢？", "compare", [("applications.new_received.total", "JYT", 2022), ("applications.new_received.total", "JYT", 2023)], ["year"]),
]


def derived_value(op, groups):
    sums = [sum(c["value"] for c in g) for g in groups]
    if op == "share":
        return round(100 * sums[0] / sums[1], 4)
    if op == "growth":
        return round(100 * (sums[1] - sums[0]) / sums[0], 4)
    if op == "diff":
        return round(sums[0] - sums[1], 6)
    return round(sums[0], 6)


def derived_item(op, spec, formula):
    groups = [[cell(*t) for t in g] for g in spec]
    value = derived_value(op, groups)
    item = {"op": op, "terms": groups, "formula": formula, "value": value}
    money = any(c["key"] in MONEY for g in groups for c in g)
    if money:
        item["unit"] = "万元"
    item["answer"] = (f"{value:g}%" if op in ("share", "growth") else f"{value:g}" + ("万元" if money else ""))
    return item


def fact_item(key, a, y):
    c = cell(key, a, y)
    item = {"key": key, "agency": c["agency"], "year": y, "value": c["value"],
            "answer": fmt(c["value"], key), "source": f"{GOLD_FILE[(a, y)]}.facts.json"}
    if key in MONEY:
        item["unit"] = "万元"
    if (a, y, key) == ("PT", 2020, "applications.results.total.total"):
        item["note"] = ("printed 总计 21 (the narrative also says 21 applications); the report's own result rows "
                        "add up to 27 — a known inconsistency of the report")
    return item


def family(key):
    return key.rsplit(".", 1)[0]


def main():
    items, counters = [], {}

    def nid(prefix, lang):
        counters[(prefix, lang)] = counters.get((prefix, lang), 0) + 1
        return f"heldout-{prefix}/{lang}{counters[(prefix, lang)]}"

    for lang, q, key, a, y, tags in F:
        items.append({"id": nid(f"fact/{family(key)}", lang), "q": q, "lang": lang, "kind": "fact",
                      "family": family(key), **fact_item(key, a, y), "tags": tags})
    for lang, q, key, a, y, today, tags in REL:
        items.append({"id": nid(f"fact/{family(key)}", lang), "q": q, "lang": lang, "kind": "fact",
                      "family": family(key), **fact_item(key, a, y), "today": today, "tags": tags})
    for lang, q, a, y, ev, tags in N:
        items.append({"id": nid("narrative", lang), "q": q, "lang": lang, "kind": "narrative", "family": "narrative",
                      "agency": AG[a], "year": y, "evidence": ev, "source": REPORT_TEXT[(a, y)], "tags": tags})
    for lang, q, op, spec, formula, printed, tags in D:
        it = derived_item(op, spec, formula)
        if printed is not None:
            it["printed"] = printed
        items.append({"id": nid("derived", lang), "q": q, "lang": lang, "kind": "derived",
                      "family": f"derived.{op}", **it, "tags": tags})
    for lang, q, spec, tags in C:
        vals = [cell(*t) for t in spec]
        it = {"id": nid("compare", lang), "q": q, "lang": lang, "kind": "compare", "family": "compare",
              "values": vals, "answer": "; ".join(f"{v['agency']} {v['year']}: {v['value']:g}" for v in vals), "tags": tags}
        if any(v["key"] in MONEY for v in vals):
            it["unit"] = "万元"
        items.append(it)
    for lang, q, why, today, tags in U:
        it = {"id": nid("unanswerable", lang), "q": q, "lang": lang, "kind": "unanswerable",
              "family": f"unanswerable.{why}", "why": why, "tags": tags}
        if today:
            it["today"] = today
        items.append(it)
    for lang, ctx, q, kind, spec, tags in FU:
        base = {"q": q, "lang": lang, "kind": kind, "context": ctx}
        if kind == "fact":
            key, a, y = spec
            it = {"id": nid(f"followup/fact/{family(key)}", lang), **base, "family": family(key), **fact_item(key, a, y)}
        elif kind == "derived":
            op, groups, formula = spec
            it = {"id": nid("followup/derived", lang), **base, "family": f"derived.{op}", **derived_item(op, groups, formula)}
        elif kind == "compare":
            vals = [cell(*t) for t in spec]
            it = {"id": nid("followup/compare", lang), **base, "family": "compare", "values": vals,
                  "answer": "; ".join(f"{v['agency']} {v['year']}: {v['value']:g}" for v in vals)}
        else:
            it = {"id": nid("followup/unanswerable", lang), **base, "family": f"unanswerable.{spec}", "why": spec}
        it["tags"] = ["followup", *tags]
        items.append(it)
    OUT.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    print(len(items), "items written to", OUT)


if __name__ == "__main__":
    main()
