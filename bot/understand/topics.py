"""What a report's text says on the topics the template's narrative carries, whatever words the asker used.

The template's narrative (一、总体情况) reports 主动公开, 依申请公开, 政府信息资源管理, 平台建设 and 监督保障,
then 五、存在的主要问题及改进情况 and 六、其他需要报告的事项; the reports fill those sections with the same kinds of
facts: the channels requests came through (当面, 网上, 信函, 传真) and their shares, policy interpretations, press
conferences, the government gazette, the portal and new-media accounts and their accessibility, the management of
government information (目录, 保密审查, 档案), public participation, training held, supervision and appraisal,
accountability, honours won, the public's messages and hotline. A question about one of these is
answered by the sentences of the report that carry the topic's own words (`says`), quoted; the tables count none
of them. Each topic lists how people ask about it in Chinese and in English (`asked`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    section: str  # the template section that reports it
    asked: re.Pattern[str]  # a question about it (Chinese or English words)
    says: re.Pattern[str]  # a sentence of a report that speaks of it
    label_zh: str
    label_en: str


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


TOPICS = (
    Topic("channels", "依申请公开",
          _re(r"申请.{0,6}(?:渠道|途径)|(?:渠道|途径).{0,12}申请|(?:哪些|什么|哪种|何种|哪几种?)(?:渠道|途径)|"
              r"申请.{0,8}方式|方式.{0,12}申请|当面(?:申请|提交|提出)|"
              r"网上申请|网络申请|在线申请|信函|传真|邮寄|(?:requests?|applications?)\b.{0,12}\bchannels?\b|"
              r"\bchannels?\b.{0,60}\b(?:requests?|applications?)|(?:which|what) channels?\b|in person|by (?:post|mail|letter|fax|e-?mail)|"
              r"(?:requests?|applications?)\b.{0,30}\bonline\b|\bonline (?:requests?|applications?)|\bfax|"
              r"\bhow (?:were|was|did|do|are)\b.{0,40}\b(?:submit|submitted|file|filed|lodge|lodged|made|sent)\b"),
          _re(r"当面|网上|网络申请|在线申请|信函|传真|邮寄|电子邮件|电子邮箱|申请渠道|申请方式|申请途径|线上|线下"),
          "申请渠道", "the channels requests came through"),
    Topic("honours", "总体情况",
          _re(r"荣誉|获奖|奖项|表彰|称号|获评|被评|评为|荣获|先进|\bawards?\b|\bawarded\b|honou?rs?|\bprizes?\b|"
              r"recogni[sz](?:ed|ion)|commended|accolade"),
          _re(r"荣誉|获奖|奖项|[一二三]等奖|优秀奖|金奖|银奖|嘉奖|表彰|称号|获评|被评|评为|荣获|先进单位|先进集体|"
              r"第[一二三四五六七八九十\d]+名|排名第|成绩突出"),
          "获得的荣誉", "honours or awards"),
    Topic("accessibility", "平台建设",
          _re(r"无障碍|适老化|语种|语言版本|多语|英文版|外文版|外语|老年人|残疾|视障|读屏|关怀模式|"
              r"accessib|\blanguages?\b|english version|foreign[- ]language|elderly|older people|disab|"
              r"visually|screen[- ]reader|barrier[- ]free"),
          _re(r"无障碍|适老化|语种|英文|外文|外语|多语|老年|长者|残疾|视障|读屏|关怀"),
          "网站无障碍与语言版本", "accessibility and languages of the portal"),
    Topic("training", "监督保障",
          _re(r"培训|轮训|讲座|授课|业务学习|\btrain(?:ing|ings|ed)?\b|workshops?|seminars?|\bcourses?\b"),
          _re(r"培训|轮训|讲座|授课|业务学习|专题学习"),
          "培训", "training"),
    Topic("press", "主动公开",
          _re(r"发布会|记者会|新闻发布|press (?:conference|briefing)s?|news (?:conference|briefing)s?|"
              r"\bbriefings?\b"),
          _re(r"发布会|新闻发布|记者"),
          "新闻发布会", "press conferences"),
    Topic("interpretation", "主动公开",
          _re(r"解读|interpret|explain(?:ed|ing)? (?:the |its |their )?polic|policy explanations?"),
          _re(r"解读"),
          "政策解读", "policy interpretations"),
    Topic("gazette", "平台建设",
          _re(r"公报|gazettes?|official bulletins?"),
          _re(r"公报"),
          "政府公报", "the government gazette"),
    Topic("new_media", "平台建设",
          _re(r"新媒体|微信|微博|公众号|政务号|抖音|客户端|\bapp\b|new media|social media|wechat|weibo|douyin|"
              r"official accounts?"),
          _re(r"新媒体|微信|微博|公众号|政务号|抖音|客户端|两微一端"),
          "政务新媒体", "new-media accounts"),
    Topic("resources", "政府信息资源管理",
          _re(r"信息资源|信息管理|公开目录|基本目录|档案|归档|保密审查|规范化|标准化|information resources|"
              r"information management|records management|catalog|archiv|secrecy review|confidentiality review|"
              r"standardi[sz]"),
          _re(r"信息资源|信息管理|目录|档案|归档|保密审查|规范化|标准化"),
          "政府信息资源管理", "the management of government information"),
    Topic("participation", "主动公开",
          _re(r"公众参与|列席|会议开放|开放.{0,4}会议|听证|意见征集|征求意见|征集意见|public participation|"
              r"attend (?:the )?meetings|open meetings|public hearings?|solicit(?:ed|ing)? (?:public )?"
              r"(?:opinions|comments|views)|public consultation"),
          _re(r"公众参与|列席|会议开放|听证|意见征集|征求意见|征集意见|公开征求"),
          "公众参与", "public participation"),
    Topic("supervision", "监督保障",
          _re(r"监督|考核|社会评议|评议|督查|oversight|supervis|appraisal|assessment|performance review|evaluat"),
          _re(r"监督|考核|评议|督查|督导"),
          "监督考核", "supervision and appraisal"),
    Topic("accountability", "监督保障",
          _re(r"责任追究|问责|追责|held accountable|accountab|disciplin"),
          _re(r"责任追究|问责|追责"),
          "责任追究", "holding anyone accountable"),
    Topic("interaction", "主动公开",
          _re(r"热线|12345|留言|咨询|政民互动|互动|回应关切|hotline|messages? from|citizens' messages|"
              r"public (?:messages|inquiries|enquiries)|interaction"),
          _re(r"热线|12345|留言|咨询|互动|回应"),
          "政民互动", "interaction with the public"),
)

# A count or share is asked: a sentence that states a figure ranks first.
_FIGURE_ASKED = re.compile(r"多少|几|比例|占比|百分|how many|how much|what (?:share|proportion|percentage)|"
                           r"\bshare\b|proportion|percent", re.I)


def topic_ask(question: str) -> Topic | None:
    """The narrative topic a question asks about, or None; the one named first when it names two."""
    found = [(m.start(), t) for t in TOPICS for m in [t.asked.search(question)] if m]
    return min(found, key=lambda f: f[0])[1] if found else None


def cue_words(question: str, topic: Topic) -> tuple[str, ...]:
    """The topic's own stating words the question uses ("新闻发布", "责任追究"): a sentence saying them fits best."""
    return tuple(dict.fromkeys(m.group() for a in topic.asked.finditer(question) for m in topic.says.finditer(a.group())))


def asks_figure(question: str) -> bool:
    return bool(_FIGURE_ASKED.search(question))


# A yes or no is asked: a sentence that states (a figure, or that there was none) ranks first.
_WHETHER = re.compile(r"有没有|是否|有无|吗\s*[？?]?\s*$|^\s*(?:did|was|were|has|have|is|are|does|do)\b", re.I)


def asks_whether(question: str) -> bool:
    return bool(_WHETHER.search(question))

