"""The one list of commands: the command menu (set_my_commands) and /help are both made from it."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import BotCommand


@dataclass(frozen=True)
class Command:
    name: str
    zh: str
    en: str
    admin: bool = False

    def describe(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


COMMANDS: tuple[Command, ...] = (
    Command("start", "简介与示例问题", "what I know, with example questions"),
    Command("help", "全部命令", "all commands"),
    Command("agencies", "已收录的机关（按地区）", "indexed agencies, by region"),
    Command("lang", "切换语言：/lang zh 或 /lang en", "switch language: /lang en or /lang zh"),
    Command("audit", "年报中的矛盾：表格、正文、逐年", "contradictions in the reports: tables, text, years"),
    Command("stats", "索引概况（管理员）", "what the index holds (admins)", admin=True),
    Command("reindex", "重建全部索引（管理员）", "rebuild every index (admins)", admin=True),
    Command("watch", "关注机关的年报栏目，自动收录新报告（管理员）", "watch agencies' report pages for new reports (admins)",
            admin=True),
)


def menu(lang: str, *, admin: bool = False) -> list[BotCommand]:
    """The command menu Telegram shows: public commands, plus the admin ones for an admin's chat."""
    return [BotCommand(c.name, c.describe(lang)) for c in COMMANDS if admin or not c.admin]


def help_lines(lang: str, *, admin: bool) -> str:
    return "\n".join(f"/{c.name} — {c.describe(lang)}" for c in COMMANDS if c.admin == admin)
