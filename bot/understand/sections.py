"""Which section of the standard narrative a question belongs to, when the template fixes it.

Since 2019 every report's text follows one outline: 一、总体情况 … 五、存在的主要问题及改进情况 (the problems,
then the improvements), 六、其他需要报告的事项 (where the template asks for the information-processing fees
charged). A question about the year's problems, or about whether fees were charged, is answered by that
section's own statement in any report, whatever words the asker used ("shortcomings", "有没有收费",
"charge applicants"): the answer is looked for there first, by the statement's own words, before any search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionAsk:
    name: str
    heading: re.Pattern[str]  # the heading of the section that holds the answer
    statement: re.Pattern[str]  # a sentence there that answers it
    elsewhere: re.Pattern[str]  # a sentence that answers it outside that section (a report with other headings)
    # What makes one stating sentence better than another: it states (未收取, 共收取3笔), it does not cite
    # the rules ("按照《…信息处理费管理办法》").
    states: re.Pattern[str] = re.compile(r"[未无没不]|\d")
    cites: re.Pattern[str] = re.compile(r"《")


FEES = SectionAsk("fees", re.compile(r"其他需要报告|收费"), re.compile(r"处理费|收费|收取.{0,6}费"),
                  re.compile(r"处理费|收费|收取.{0,6}费"))
PROBLEMS = SectionAsk("problems", re.compile(r"问题|不足"), re.compile(r"问题|不足|差距|短板|有待|仍需|还需|不够|薄弱"),
                      re.compile(r"存在.{0,10}(?:问题|不足)|仍有.{0,6}(?:不足|差距)|短板"),
                      states=re.compile(r"问题|不足|差距|短板|有待|仍需|还需|不够|薄弱"),
                      # (the report's outline names the section; last year's problems are the improvements')
                      cites=re.compile(r"问题及改进情况|全文包括|本报告|改进"))

_FEES_ASKED = re.compile(
    r"信息处理费|处理费|向申请人收|收取.{0,6}费|收.{0,2}费了?吗|有没有收费|是否收费|收费情况|信息公开费|公开费用|申请费|"
    r"\bcharg\w*\b[^?？]{0,40}\bfor (?:information |disclosure |the |its |their )*(?:requests?|disclosure|information)\b|"
    r"\bfees?\b[^?？]{0,40}\b(?:for|on) (?:the )?(?:information|disclosure|requests?)\b|"
    r"processing fees?|charged? (?:any |the )?(?:applicants|requesters|requesters?)|fees? charged|"
    r"charge (?:any )?fees?|charging (?:any )?fees?|fees? (?:for|on) (?:information |disclosure |the )*(?:requests|disclosure)",
    re.I)
_PROBLEMS_ASKED = re.compile(r"存在.{0,4}问题|(?:哪些|什么|主要)问题|问题(?:有|是)|不足|短板|差距|薄弱环节|"
                             r"problems?|shortcomings?|weakness|deficienc|challenges|difficulties|fell short|"
                             r"falls short", re.I)
_COUNT = re.compile(r"多少|几[个件条项次]|how many|how much|number of", re.I)


def section_ask(question: str) -> SectionAsk | None:
    """The template section a question asks about, or None (a count is never a section's statement)."""
    if _FEES_ASKED.search(question):
        return FEES
    if _PROBLEMS_ASKED.search(question) and not _COUNT.search(question):
        return PROBLEMS
    return None
