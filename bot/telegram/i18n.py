"""The bot's own words (refusals, errors, buttons, progress) in Chinese and English.

Answers come from `bot.answer` already in the question's language; everything else the bot says follows
the user: Chinese when the message has CJK characters or the user's Telegram language is zh, else English.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def lang_of(text: str | None, language_code: str | None) -> str:
    """ "zh" or "en" for a user's message and their Telegram language setting."""
    if text and _CJK.search(text):
        return "zh"
    if language_code and language_code.lower().startswith("zh"):
        return "zh"
    return "en"


STRINGS: dict[str, dict[str, str]] = {
    "start": {
        "zh": "您好！我回答关于<b>政府信息公开工作年度报告</b>的问题：数字、机关全称、年份，以及它在报告中的出处。"
              "趋势和比较问题还会附上图表。\n\n目前收录 {reports} 份报告，{agencies} 个机关，年份 {years}。\n\n"
              "直接发问即可，或点下面的示例问题。/help 查看全部命令，/agencies 查看已收录的机关，/lang 切换语言。",
        "en": "Hello! I answer questions about Chinese government <b>information-disclosure annual reports</b> "
              "(政府信息公开工作年度报告): the number, the agency's full name, the year, and where in the "
              "report it comes from; trends and comparisons come with a chart.\n\nIndexed: {reports} reports, "
              "{agencies} agencies, years {years}.\n\nJust ask, or tap an example below. /help lists every "
              "command, /agencies shows what is indexed, /lang switches the language.",
    },
    "help": {
        "zh": "直接用中文或英文提问，我会给出数字和出处。\n\n命令：\n{commands}",
        "en": "Ask a question in Chinese or English; I reply with the number and its source.\n\nCommands:\n{commands}",
    },
    "help_admin": {"zh": "\n\n管理员命令：\n{commands}\n发送报告文件（.html .htm .txt .md）即可收录。",
                   "en": "\n\nAdmin commands:\n{commands}\nSend a report file (.html .htm .txt .md) to add it."},
    "agencies_title": {"zh": "已收录的机关（第 {page}/{pages} 页）", "en": "Indexed agencies (page {page}/{pages})"},
    "agencies_empty": {"zh": "还没有收录任何报告。", "en": "No reports are indexed yet."},
    "prev": {"zh": "◀ 上一页", "en": "◀ Previous"},
    "next": {"zh": "下一页 ▶", "en": "Next ▶"},
    "source_button": {"zh": "📄 来源 / Source", "en": "📄 来源 / Source"},
    "source_gone": {"zh": "这条来源已过期，请重新提问。", "en": "This source has expired; please ask again."},
    "choice_gone": {"zh": "这个选择已过期，请重新提问。", "en": "This choice has expired; please ask again."},
    "no_source": {"zh": "这个回答没有可引用的原文。", "en": "This answer has no passage to quote."},
    "admin_only": {"zh": "抱歉，只有管理员可以使用这个功能。如需添加报告，请联系机器人的管理员。",
                   "en": "Sorry, only the bot's admins can do that. To add a report, please contact an admin."},
    "error": {"zh": "抱歉，处理您的消息时出了问题。请稍后再试。",
              "en": "Sorry, something went wrong while handling your message. Please try again later."},
    "too_slow": {"zh": "抱歉，这个问题回答得太慢，已放弃等待。请换一个更具体的问法（单位、年份、哪一项）再试。",
                 "en": "Sorry, answering this took too long and was given up. Please ask more specifically "
                       "(agency, year, which figure) and try again."},
    "busy": {"zh": "另一项收录或重建任务正在进行，请稍候再试。",
             "en": "Another ingest or re-index is running; please try again when it has finished."},
    "bad_extension": {"zh": "无法收录 {name}：只接受 {kinds} 格式的报告文件。",
                      "en": "Cannot add {name}: only report files ending in {kinds} are accepted."},
    "too_big": {"zh": "文件太大（{size}），上限是 {limit}。", "en": "The file is too large ({size}); the limit is {limit}."},
    "ingesting": {"zh": "正在收录 {name}…", "en": "Adding {name}…"},
    "ingest_failed": {"zh": "❌ 无法收录 {name}：{reason}\n索引没有任何改动。",
                      "en": "❌ Could not add {name}: {reason}\nNothing in the index was changed."},
    "ingest_ok": {"zh": "✅ 已收录：{agency} {year} 年度报告\n确定的数据：{facts} 项\n无法确定的单元格：{ambiguous}\n"
                        "未通过的核对：{failed}\n段落：{chunks}{note}",
                  "en": "✅ Added: {agency}, {year} report\nFacts found: {facts}\nAmbiguous cells: {ambiguous}\n"
                        "Failed checks: {failed}\nPassages: {chunks}{note}"},
    "ingest_replaced": {"zh": "\n（替换了之前收录的版本：{old}）", "en": "\n(replaces the version indexed before: {old})"},
    "see_audit": {"zh": "（详见 /audit）", "en": " (details: /audit)"},
    "ingest_unchanged": {"zh": "ℹ️ {agency} {year} 年度报告没有改动索引：{reason}",
                         "en": "ℹ️ {agency}, {year} report: nothing in the index changed: {reason}"},
    "reindex_start": {"zh": "🔄 正在重建索引…", "en": "🔄 Re-indexing…"},
    "progress": {"zh": "{title}\n{stage}：{done}/{total} {item}", "en": "{title}\n{stage}: {done}/{total} {item}"},
    "stage_read": {"zh": "读取报告", "en": "reading reports"},
    "stage_embed": {"zh": "计算段落向量", "en": "embedding passages"},
    "stage_write": {"zh": "写入索引", "en": "writing the index"},
    "stage_parse": {"zh": "读取并写入报告", "en": "reading and writing reports"},
    "reindex_done": {"zh": "✅ 索引已重建：{reports} 份报告，{chunks} 个段落，模型 {model}（{seconds:.1f} 秒）",
                     "en": "✅ Re-index done: {reports} reports, {chunks} passages, model {model} ({seconds:.1f} s)"},
    "reindex_failed": {"zh": "❌ 重建失败：{reason}\n旧索引保持不变。",
                       "en": "❌ Re-index failed: {reason}\nThe previous index is still in use."},
    "stats": {"zh": "📊 索引概况\n{lines}", "en": "📊 What the index holds\n{lines}"},
    "audit_none": {"zh": "✅ 没有发现矛盾：表格合计、正文与表格、逐年数字都对得上。",
                   "en": "✅ No contradictions: the tables add up, the text agrees with them, the years chain."},
    "audit_title": {"zh": "⚠️ 年报中的矛盾（第{page}/{pages}页，共{n}处）", "en": "⚠️ Contradictions in the reports (page {page}/{pages}, {n} in all)"},
    "audit_source": {"zh": "📄 {n} 来源", "en": "📄 {n} Source"},
    "audit_gone": {"zh": "这个列表已过期，请重新发送 /audit。", "en": "This list has expired; send /audit again."},
    "choose": {"zh": "请选择：", "en": "Please choose:"},
    "chosen": {"zh": "已选择：{option}", "en": "You chose: {option}"},
    "lang_set": {"zh": "好的，我会用中文回复。（发送 /lang en 改回英文。）",
                 "en": "OK, I will reply in English. (Send /lang zh for Chinese.)"},
    "unknown_command": {"zh": "没有 {command} 这个命令。直接用文字提问即可，或发送 /help 查看全部命令。",
                        "en": "There is no {command} command. Just ask your question as a message, or send /help "
                              "to see every command."},
    "button_gone": {"zh": "这个按钮已失效，请重新提问。", "en": "This button no longer works; please ask again."},
    "link_gone": {"zh": "这个链接无效或已过期。直接提问即可，或点下面的示例问题。",
                  "en": "This link is not valid or has expired. Just ask, or tap an example below."},
    "share_button": {"zh": "🔗 分享 / Share", "en": "🔗 分享 / Share"},
    "open_in_bot": {"zh": "↗ 在机器人中打开（来源、图表）", "en": "↗ Open in the bot (sources, chart)"},
    "inline_hint": {"zh": "输入问题，例如：平潭2023年新收申请", "en": "Type a question, e.g. Pingtan 2023 new requests"},
    "inline_start": {"zh": "在私聊中提问", "en": "Ask in a private chat"},
    "not_text": {"zh": "请用文字提问，或发送 /help。", "en": "Please ask in text, or send /help."},
}


def t(key: str, lang: str, **kw: object) -> str:
    """The string `key` in `lang`, formatted with `kw` (values are inserted as given: escape HTML first)."""
    text = STRINGS[key]["zh" if lang == "zh" else "en"]
    return text.format(**kw) if kw else text


# Why a report was not added, as index/build.py and ingest/ say it (English), for Chinese-speaking admins.
# A reason no pattern knows is shown as it is.
_REASONS_ZH = (
    (r"is empty: nothing to read", "文件是空的，没有可读的内容。"),
    (r"looks binary", "这是二进制文件，不是 HTML 或文本格式的报告。请另存为 .html、.htm、.txt 或 .md 后重试。"),
    (r"unknown text encoding", "无法识别文件的文字编码（不是 UTF-8、GBK 或 GB18030）。请另存为 UTF-8 后重试。"),
    (r"is not readable HTML", "不是可读的 HTML 页面。"),
    (r"does not look like a government information-disclosure annual report",
     "看起来不是政府信息公开工作年度报告：标题和正文开头都没有这样的报告名称。请检查文件或网址。"),
    (r"found a report titled “(?P<title>[^”]*)” but no year it covers",
     "找到了标题为“{title}”的报告，但标题和“统计期限”中都没有报告所属的年份。请确认这是完整的年度报告。"),
    (r"“(?P<name>[^”]*)” does not look like an agency name",
     "“{name}”看起来不是单位名称：请写出带地区、以单位类型结尾的全称，如 河北省教育厅、沭阳县发展和改革局。"),
    (r"^no agency name could be read from it",
     "报告中读不出单位名称（标题、附件行、落款、开头几句和文件名都没有）。请在上传时附上说明，如“agency: 河北省教育厅”。"),
    (r"“(?P<year>[^”]*)” is not a report year", "“{year}”不是报告年度（1990–2100）。"),
    (r"the parser failed", "解析这份报告时程序出错。请把文件发给维护者。"),
    (r"^already indexed \(ingested (?P<when>[^)]*)\)", "已经收录过（收录于 {when}），没有改动。"),
    (r"^same file as (?P<other>.+)$", "与 {other} 是同一个文件。"),
    (r"^not used: (?P<kept>.+) serves this agency and year, being at least as complete \((?P<kept_n>\d+) certain "
     r"facts.*; this copy: (?P<n>\d+) certain facts",
     "未采用：同一单位、同一年度的 {kept} 至少同样完整（确定的数字 {kept_n} 个，本文件 {n} 个），由它提供答案；本文件已保存，但不使用。"),
    (r"^not used: (?P<kept>.+) serves this agency and year \((?P<kept_n>\d+) certain facts.*\); this copy has "
     r"(?P<lacks>.+)\. It is kept",
     "未采用：同一单位、同一年度已收录的 {kept} 更完整（确定的数字 {kept_n} 个），继续由它提供答案；本文件的不足：{lacks}。"
     "本文件已保存，但不使用；如确要改用本文件，请用 xxgk ingest --replace 重新收录。"),
    (r"^at least as complete as the copy it replaces \((?P<new>\d+) certain facts.*before: (?P<old>\d+) certain facts",
     "新文件至少同样完整（确定的数字 {new} 个，旧版本 {old} 个）"),
    (r"^served because of --replace, although less complete than the copy it replaces \((?P<lacks>.*)\)$",
     "因使用 --replace 而采用，尽管不如被替换的版本完整（{lacks}）"),
    (r"^kept the previous version: re-reading it failed \((?P<why>.*)\)$", "保留了旧版本：重新读取失败（{why}）。"),
)


def reason(text: str, lang: str) -> str:
    """A reason for not adding a report, in the admin's language when it is a known one."""
    if lang != "zh":
        return text
    for pattern, zh in _REASONS_ZH:
        m = re.search(pattern, text)
        if m:
            return zh.format(**{k: reason(v, lang) if k == "why" else v for k, v in m.groupdict().items()})
    return text
