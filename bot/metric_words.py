"""The metric dictionary's words, as data: how people name each row and column of the standard tables.

The template (ingest/template.py) gives every key its printed Chinese label and an English label; this
module adds the variants and everyday phrasings, Chinese first, then English, for each row key (or
family of rows), each column key, each outcome of table 4. Row words and column words are kept apart:
a row word names a row, a column word a column, and the matcher (bot/understand/metric.py) scores every
key by the words of both that the question uses.

Also here: the words that only point at a table (申请 → table 3), the generic verbs that name a row only
when nothing more specific is named, and the dimensions the tables do not count at all (averages,
durations, nationality, channels), so a question about them is told what the tables do count instead of
being given a number for another row.
"""

from __future__ import annotations

ROW_WORDS: dict[str, tuple[str, ...]] = {
    "applications.new_received": (
        "本年新收", "新收", "收到", "收了", "受理", "提出", "申请数量", "申请总数", "申请量", "依申请公开", "新增申请",
        "接到", "接收", "新申请", "新提出",
        "new requests", "newly received", "received", "receive", "get", "got", "filed", "submitted",
        "new applications", "lodged", "came in", "new disclosure requests"),
    "applications.carried_over": (
        "上年结转", "上年度结转", "上一年结转", "结转过来", "从上年结转", "去年结转", "往年结转", "上年未办结",
        "上年度未办结", "上年遗留", "上一年度遗留", "上年转入",
        "carried over", "carried-over", "carryover", "brought forward", "left over from", "carry over from",
        "carried over from", "from last year", "from the previous year", "backlog from", "left over",
        "still open from the previous year", "pending from the previous year"),
    "applications.carried_forward": (
        "结转下年度", "结转下一年", "结转到下一年", "结转至下年", "结转到下年", "下年度继续办理", "继续办理",
        "结转到", "结转至", "转入下年", "还没办完", "没办完", "未办结", "尚未办结", "年底未办结", "年末未办结",
        "跨年办理", "结转下年",
        "carried forward", "carry forward", "carried over to next year", "carried over into next year",
        "carried into next year", "still being processed", "to the next year", "into the next year",
        "to next year", "still pending at year end", "pending at year end", "pending at the end of the year",
        "unfinished at year end", "carry over into", "carried over into", "carry into", "carry forward into",
        "carried forward into", "still open at year end", "outstanding at year end", "rolled over",
        "unfinished at the end of the year", "still open at the end of the year"),
    "applications.results.granted": (
        "予以公开", "同意公开", "全部公开", "准予公开", "全部予以公开", "批准公开", "公开了",
        "granted", "fully granted", "granted in full", "disclosed in full", "fully disclosed", "approved",
        "in full", "released in full", "fully released", "given in full"),
    "applications.results.partially_granted": (
        "部分公开", "区分处理", "部分予以公开", "部分同意公开",
        "partially granted", "partly granted", "partially disclosed", "partial disclosure", "partially",
        "in part", "partly", "partly disclosed", "partially released", "granted in part"),
    "applications.results.denied": (
        "不予公开", "拒绝公开", "不公开", "未予公开", "被拒绝", "拒绝",
        "refused", "denied", "rejected", "withheld", "refusal", "refusals", "not disclosed", "turned down",
        "declined to disclose", "refuse", "deny"),
    "applications.results.denied.state_secret": (
        "国家秘密", "涉密", "属于国家秘密", "涉及国家秘密",
        "state secret", "state secrets", "classified", "national secrets", "secret"),
    "applications.results.denied.prohibited_by_law": (
        "法律行政法规禁止", "禁止公开", "法律法规禁止", "其他法律行政法规禁止公开",
        "prohibited by law", "forbidden by law", "prohibited by other laws", "barred by law", "laws forbid",
        "laws prohibit"),
    "applications.results.denied.security_stability": (
        "三安全一稳定", "危及安全", "国家安全", "社会稳定", "公共安全", "经济安全", "危及",
        "security or stability", "security and stability", "endanger security", "three securities",
        "national security", "social stability", "public safety", "endanger"),
    "applications.results.denied.third_party": (
        "第三方", "第三方合法权益", "他人合法权益", "他人权益",
        "third party", "third-party", "third parties", "rights of others", "others' rights"),
    "applications.results.denied.internal_affairs": (
        "内部事务", "三类内部事务", "内部管理信息", "内部事务信息",
        "internal affairs", "internal matters", "internal management", "internal administrative matters"),
    "applications.results.denied.process_info": (
        "过程性信息", "四类过程性信息", "过程信息", "讨论记录", "过程稿",
        "process information", "deliberative", "process info", "deliberations", "drafts",
        "preparatory information"),
    "applications.results.denied.enforcement_file": (
        "行政执法案卷", "执法案卷", "案卷", "卷宗", "执法卷宗",
        "enforcement file", "enforcement files", "law-enforcement file", "law enforcement file", "case files",
        "case file", "administrative enforcement case files", "administrative enforcement case file",
        "enforcement case files", "enforcement case file", "enforcement records", "case records",
        "law enforcement case files"),
    "applications.results.denied.query_matter": (
        "行政查询事项", "查询事项", "查询类", "属于查询",
        "query matter", "query matters", "administrative query", "administrative queries", "inquiry matters",
        "lookup", "lookups", "administrative inquiry", "inquiries"),
    "applications.results.unavailable": (
        "无法提供", "不能提供", "没法提供", "提供不了", "未能提供", "无法公开",
        "could not be provided", "unable to provide", "could not provide", "unavailable", "not available",
        "cannot be provided", "couldn't provide", "couldn't be provided", "not able to provide"),
    "applications.results.unavailable.not_held": (
        "不掌握", "本机关不掌握", "未掌握", "没有掌握", "不归本机关掌握", "没有该信息", "信息不存在", "不存在",
        "不属于本机关", "掌握",
        "not held", "does not hold", "did not hold", "doesn't have", "did not have", "not in possession",
        "does not have the information", "doesn't hold", "didn't hold", "didn't have", "not in its possession",
        "does not exist", "did not exist", "no such information", "not hold", "not have the information"),
    "applications.results.unavailable.needs_creation": (
        "另行制作", "没有现成信息", "需要制作", "需要另行制作", "需重新制作", "重新制作", "加工汇总", "汇总加工",
        "现成",
        "would have to be created", "need to be created", "needs creation", "no ready-made", "have to be made",
        "would have to be made", "not readily available", "had to be compiled", "would need to be compiled",
        "newly created", "ready-made", "needed to be created", "would need to be created"),
    "applications.results.unavailable.unclear": (
        "仍不明确", "不明确", "不清楚", "表述不清", "内容不清", "不清",
        "unclear", "still unclear", "not clear", "remained unclear", "vague", "unclear after correction",
        "still not clear"),
    "applications.results.not_processed": (
        "不予处理", "未予处理", "不处理", "没有处理",
        "not processed", "not handled", "declined to process", "did not process", "were not dealt with",
        "not dealt with", "refused to process", "not be processed", "left unprocessed"),
    "applications.results.not_processed.petition": (
        "信访举报投诉", "信访", "举报", "投诉", "上访", "信访举报投诉类",
        "petition", "petitions", "complaint", "complaints", "letters and visits", "whistleblowing", "tip-offs"),
    "applications.results.not_processed.duplicate": (
        "重复申请", "重复", "重复提交",
        "duplicate", "duplicates", "duplicated", "repeat request", "repeat requests", "submitted twice",
        "same request again"),
    "applications.results.not_processed.publication": (
        "公开出版物", "出版物", "要求提供公开出版物",
        "publication", "publications", "published materials", "published books", "books"),
    "applications.results.not_processed.excessive": (
        "大量反复申请", "大量反复", "无正当理由大量", "滥用",
        "excessive", "vexatious", "large numbers of repeated", "mass requests", "abusive",
        "repeated requests without good reason", "large numbers of requests", "excessively"),
    "applications.results.not_processed.confirmation": (
        "确认或重新出具", "重新出具", "确认", "已获取信息",
        "confirm", "re-issue", "reissue", "confirmation", "certify", "already obtained", "already had"),
    "applications.results.other": (
        "其他处理", "其他方式处理", "其它处理",
        "other handling", "otherwise handled", "handled otherwise", "handled in other ways", "other ways"),
    "applications.results.other.no_correction": (
        "逾期不补正", "不补正", "未补正", "没有补正", "未按时补正", "没补正", "补正",
        "did not supplement", "not supplement", "failed to supplement", "did not correct", "not corrected",
        "not supplemented", "without supplementing", "no correction", "did not amend", "failed to amend",
        "did not complete", "missing details", "did not provide the missing"),
    "applications.results.other.unpaid_fee": (
        "收费通知", "缴纳费用", "未缴费", "不缴费", "未缴纳", "没交费", "没缴费", "未付费", "没有缴费", "缴费",
        "did not pay", "unpaid", "pay the fee", "not pay the fee", "fee notice", "failed to pay", "unpaid fees",
        "didn't pay", "not paying", "fee"),
    "applications.results.other.other": ("其他情形", "其他原因", "other cases", "other reasons"),
    "applications.results.total": (
        "办理结果总计", "办理结果", "办结", "处理了", "答复", "办理了", "办理总数", "处理总数", "办结总数", "办理完",
        "handled", "processed", "responded", "dealt with", "total handled", "answered", "resolved", "concluded",
        "completed", "answer", "respond", "handle", "process"),
    "review": (
        "行政复议", "复议", "复议案件", "被申请复议", "申请复议",
        "administrative reconsideration", "reconsideration", "reconsiderations", "administrative review",
        "administrative reviews", "appeal", "appeals", "appealed", "reconsideration cases"),
    "litigation": (
        "行政诉讼", "诉讼", "起诉", "官司", "被诉", "被告", "告上法庭",
        "lawsuit", "lawsuits", "litigation", "sued", "court case", "court cases", "legal action",
        "legal actions", "taken to court", "sue", "court"),
    "litigation.direct": (
        "未经复议直接起诉", "直接起诉", "未经复议", "直接向法院起诉", "直接诉讼", "没有复议直接起诉", "不经复议",
        "directly", "filed directly", "without reconsideration", "direct lawsuits", "sued directly",
        "straight to court", "without first seeking reconsideration", "without an appeal", "direct"),
    "litigation.after_review": (
        "复议后起诉", "复议后", "先复议再起诉", "先复议后起诉", "经复议后起诉", "复议后又起诉", "复议后再起诉",
        "经过复议", "经复议",
        "after reconsideration", "after review", "following reconsideration", "after an appeal",
        "after first seeking reconsideration", "after administrative reconsideration",
        "reconsideration first", "first sought reconsideration", "after the reconsideration"),
    "proactive.regulations": (
        "规章", "政府规章", "regulations", "rules and regulations", "government rules", "rules"),
    "proactive.normative_docs": (
        "规范性文件", "行政规范性文件", "规范文件", "红头文件",
        "normative documents", "normative docs", "regulatory documents", "normative document",
        "administrative normative documents", "policy documents"),
    "proactive.licensing": (
        "行政许可", "许可", "审批", "行政审批",
        "licensing", "licenses", "licences", "license", "licence", "permits", "permit",
        "administrative licensing", "administrative licenses"),
    "proactive.other_services": (
        "其他对外管理服务事项", "对外管理服务", "其他对外管理服务",
        "other external management services", "management services", "external services",
        "external management services"),
    "proactive.penalties": (
        "行政处罚", "处罚", "罚款",
        "penalties", "penalty", "fines", "sanctions", "punishments", "administrative penalties", "fined"),
    "proactive.enforcement": (
        "行政强制", "强制措施", "行政强制措施", "强制执行",
        "administrative enforcement", "enforcement", "coercive measures", "compulsory measures",
        "administrative coercion", "coercive"),
    "proactive.fees": (
        "行政事业性收费", "收费", "收费项目", "事业性收费",
        "fees", "fee", "charges", "administrative fees", "fee items", "administrative charges"),
    "proactive.procurement": (
        "政府集中采购", "集中采购", "采购", "政府采购",
        "procurement", "purchasing", "government purchases", "centralized procurement",
        "government procurement", "purchases"),
}

COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "natural_person": (
        "自然人", "个人", "公民", "老百姓", "市民", "居民", "个人申请",
        "individual", "individuals", "natural person", "natural persons", "citizens", "private persons",
        "private individuals", "members of the public", "private citizens", "people"),
    "commercial": (
        "商业企业", "企业", "公司", "商家",
        "company", "companies", "business", "businesses", "enterprise", "enterprises", "commercial", "firms",
        "corporations", "commercial enterprises"),
    "research": (
        "科研机构", "科研", "研究机构", "科研单位", "高校", "大学",
        "research institution", "research institutions", "research institutes", "research", "universities",
        "academic"),
    "social_welfare": (
        "社会公益组织", "公益组织", "公益", "非营利", "社会组织", "social welfare organisations",
        "social welfare organizations",
        "social welfare", "public welfare", "ngo", "ngos", "non-profit", "nonprofit", "charities", "charity",
        "non-profits", "civil society"),
    "legal_service": (
        "法律服务机构", "律师事务所", "律所", "律师",
        "legal service", "legal services", "law firm", "law firms", "lawyers", "attorneys", "lawyer"),
    "other_org": (
        "其他", "其它", "其他组织", "其他法人或组织", "其他法人", "其他机构", "其他单位",
        "other organizations", "other organisations", "other organization", "other organisation",
        "other entities", "other bodies"),
    "org": (
        "法人或其他组织", "法人", "单位", "组织",
        "legal persons", "organizations", "organisations", "legal entities", "organisation", "organization",
        "institutions", "entities"),
    "total": ("总计", "合计", "一共", "总共", "共计", "总数", "total", "in total", "altogether", "overall", "all told"),
    # Table 2 columns (both layouts).
    "new_made": ("本年新制作", "新制作", "制作", "新制定", "制定", "新出台",
                 "newly made", "newly drafted", "made this year", "newly make", "newly made this year", "drafted",
                 "newly created", "newly produced", "made"),
    "new_published": ("本年新公开", "新公开", "新发布", "newly published", "published this year", "newly released",
                      "newly publish"),
    "total_published": ("对外公开总数量", "公开总数", "总数量", "累计公开", "total published", "published in total",
                        "total number published", "published overall", "cumulative"),
    "issued": ("本年制发", "制发", "出台", "印发", "issued", "newly issued", "issue"),
    "repealed": ("废止", "废除", "作废", "repealed", "abolished", "revoked", "repeal", "annulled"),
    "in_force": ("现行有效", "有效", "仍有效", "in force", "currently valid", "currently in force", "valid",
                 "in effect", "still valid", "effective"),
    "prev_items": ("上一年项目数量", "上一年项目", "上年项目", "previous year's items", "items the previous year",
                   "items in the previous year", "last year's items"),
    "change": ("本年增/减", "增/减", "增减", "增（减）", "增(减)", "增加或减少", "净增", "net change",
               "increase or decrease", "change in items", "change this year"),
    "decisions": ("处理决定", "决定", "decisions", "decision", "decided"),
    "amount": ("金额", "收费金额", "采购金额", "采购总金额", "多少钱", "万元", "钱", "amount", "how much money", "yuan",
               "sum of money", "spent", "value", "money"),
    "projects": ("采购项目", "项目数", "项目", "projects", "purchase projects", "procurement projects", "project"),
}

OUTCOME_WORDS: dict[str, tuple[str, ...]] = {
    "upheld": ("结果维持", "维持", "维持原", "被维持", "upheld", "maintained", "affirmed", "sustained", "uphold"),
    "corrected": ("结果纠正", "纠正", "被纠正", "撤销", "改判", "corrected", "overturned", "reversed", "correction",
                  "revoked", "correct", "overturn"),
    "other": ("其他", "其它", "其他结果", "其它结果", "other outcome", "other outcomes", "other result", "other results"),
    "pending": ("尚未审结", "未审结", "未结", "还没审结", "审理中", "尚在审理", "未结案", "尚未结案", "还在审理",
                "pending", "not yet concluded", "unresolved", "ongoing", "undecided", "still open", "not concluded",
                "still pending", "pending at year end", "still being heard", "not yet decided", "open cases",
                "still pending at year end", "pending at the end of the year"),
    "total": ("总计", "合计", "一共", "总共", "total", "in total", "altogether"),
}

# Words that point at a table without naming a row: a question about "requests" and no row asks for the
# year's new requests (facts-keys.md).
TABLE_WORDS: dict[str, tuple[str, ...]] = {
    "applications": ("申请", "依申请", "request", "requests", "application", "applications", "applicant",
                     "applicants"),
    "appeals": ("案件", "cases", "case"),
    "proactive": ("主动公开", "proactively", "proactive", "主动"),
}

# Generic words: they name a row only when no specific row is named.
WEAK = {
    "收到", "收了", "受理", "提出", "接到", "接收", "received", "receive", "get", "got", "filed", "submitted",
    "approved", "handled", "processed", "responded", "dealt with", "answered", "resolved", "处理了", "答复",
    "办理了", "办结", "办理结果", "申请数量", "申请总数", "申请量", "依申请公开", "confirm", "confirmation",
    "directly", "direct", "enforcement", "research", "partially", "report", "complaint", "complaints", "value",
    "spent", "lodged", "came in", "concluded", "completed", "answer", "respond", "handle", "process", "确认",
    "掌握", "现成", "不清", "危及", "endanger", "secret", "fee", "court", "补正", "缴费", "不存在", "made", "项目",
    "钱", "money", "单位", "组织", "people", "lookup", "lookups", "inquiries", "rules", "审批", "公开了",
    "拒绝", "refuse", "deny", "institutions", "entities", "organisation", "organization", "project", "不处理",
    "没有处理", "effective", "issue", "有效", "correct", "books", "drafts", "coercive", "制定", "drafted",
    "其他单位", "cumulative", "academic", "sue", "经过复议", "经复议", "organizations", "organisations",
    "legal entities", "其他", "其它",
}

# What the tables do not count: a question about these is answered from the text if the text says it,
# else told what the tables count. By concept, in both languages.
NOT_COUNTED: dict[str, tuple[str, ...]] = {
    "average or duration": ("平均", "多少天", "几天", "天数", "时长", "用时", "工作日", "多长时间", "多久", "耗时",
                            "average", "mean", "days", "how long", "duration", "median", "working days"),
    "nationality or residence": ("外国", "外国人", "境外", "外籍", "港澳台", "港澳", "台湾", "海外", "外地",
                                 "foreign", "foreigners", "foreigner", "overseas", "non-residents", "expats",
                                 "abroad", "hong kong", "taiwan", "macau", "macao"),
    "gender or age": ("男性", "女性", "性别", "年龄", "老年人", "青年", "学生", "gender", "women", "men", "female",
                      "male", "age", "elderly", "students", "youth"),
    "channel": ("网上申请", "网络申请", "当面", "现场申请", "信函", "邮寄", "电子邮件", "传真", "电话申请",
                "online", "in person", "by post", "by mail", "by email", "by fax", "by phone", "via the internet",
                "by letter", "internet"),
    "satisfaction or quality": ("满意", "满意度", "投诉率", "satisfaction", "satisfied", "rating"),
    "cost of handling": ("成本", "人力", "cost", "staff hours", "budget"),
}
