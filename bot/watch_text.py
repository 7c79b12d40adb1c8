"""What a watch run and the watch list are said as: in English for the command line, in Chinese or
English in Telegram. Both front ends render from here, so `xxgk watch run` and /watch run say the same.
"""

from __future__ import annotations

from datetime import datetime


def result_lines(result, lang: str = "en") -> list[str]:
    """One line per list page, per new report, per report already indexed and per problem, then a summary."""
    lines = [_page_check(p, lang) for p in result.pages]
    lines += [_new_report(n, lang) for n in result.new]
    lines += [
        ("已收录    " if lang == "zh" else "unchanged ")
        + f"{url}"
        + ("：索引中已有" if lang == "zh" else ": already in the index")
        for url in result.unchanged
    ]
    lines += [_problem(p, lang) for p in result.problems]
    if lang == "zh":
        where = f"已发布新索引 {result.generation}" if result.generation else "索引未变"
        lines.append(f"完成：新增 {len(result.new)} 份报告，{len(result.problems)} 个问题；{where}")
    else:
        where = f"published generation {result.generation}" if result.generation else "index unchanged"
        lines.append(f"done: {len(result.new)} new reports, {len(result.problems)} problems; {where}")
    return lines


def announcement(result) -> list[str]:
    """What admins are told after a scheduled run: each new report, and each link given up on."""
    lines = [_headline(n) for n in result.new]
    lines += [
        f"放弃：{p.title or p.url}（多次失败：{p.reason}）{p.url}" for p in result.problems if p.given_up
    ]
    return lines


def _headline(new) -> str:
    """ "新增：平潭综合实验区 2025年度报告，新收申请154件，1项检查未通过"."""
    verb = "更新" if new.status == "replaced" else "新增"
    requests = f"新收申请{new.new_requests:g}件" if new.new_requests is not None else "新收申请数未能确定"
    checks = f"{new.failed_checks}项检查未通过" if new.failed_checks else "各项检查均通过"
    return f"{verb}：{new.agency} {new.year}年度报告，{requests}，{checks}"


def _new_report(new, lang: str) -> str:
    if lang == "zh":
        return _headline(new) + f"（{new.source}）"
    requests = f"{new.new_requests:g}" if new.new_requests is not None else "not stated with certainty"
    line = (
        f"{new.status:9} {new.source}: {new.agency} {new.year}, new requests {requests}, "
        f"{new.failed_checks} failed checks"
    )
    return line + (f"; replaced {new.replaced}" if new.replaced else "")


def _page_check(page, lang: str) -> str:
    zh, en = {
        "read": (
            f"{page.found} 个报告链接，其中新的 {page.new} 个",
            f"{page.found} report links, {page.new} new",
        ),
        "not_modified": ("自上次以来没有变化", "not modified since the last run"),
        "failed": (f"读取失败：{page.error}", f"failed: {page.error}"),
    }[page.status]
    return f"栏目      {page.url}：{zh}" if lang == "zh" else f"page      {page.url}: {en}"


def _problem(problem, lang: str) -> str:
    if lang == "zh":
        later = "已放弃（多次失败）" if problem.given_up else "稍后重试"
        return f"失败      {problem.url}：{problem.reason}（{later}）"
    later = "given up after repeated failures" if problem.given_up else "tried again at a later run"
    return f"failed    {problem.url}: {problem.reason} ({later})"


def watch_list_lines(pages, links, lang: str = "en") -> list[str]:
    """The watched pages, each with the links that failed (and when they are tried again)."""
    if not pages:
        return [
            "还没有关注任何年报栏目；用 /watch add 网址 添加。"
            if lang == "zh"
            else "no list pages watched; add one with: xxgk watch add URL"
        ]
    lines = []
    for page in pages:
        lines.append(_page_line(page, lang))
        for link in (x for x in links if x.page == page.url and x.status != "ingested"):
            lines.append(f"  {link.status:9} {link.url}: {link.reason}{_retry_note(link)}")
    return lines


def _page_line(page, lang: str) -> str:
    if lang == "zh":
        checked = f"上次检查 {page.checked_at}" if page.checked_at else "尚未检查"
        line = f"{page.url}：{checked}；已收录 {page.ingested} 份"
        line += f"，待重试 {page.waiting} 个" if page.waiting else ""
        line += f"，已放弃 {page.given_up} 个" if page.given_up else ""
        return line + (
            f"；上次检查失败（连续 {page.failures} 次）：{page.last_error}" if page.failures else ""
        )
    checked = f"checked {page.checked_at}" if page.checked_at else "not checked yet"
    line = f"{page.url}: {checked}; {page.ingested} reports ingested"
    line += f", {page.waiting} to retry" if page.waiting else ""
    line += f", {page.given_up} given up" if page.given_up else ""
    return line + (f"; last check failed ({page.failures}×): {page.last_error}" if page.failures else "")


def _retry_note(link) -> str:
    if link.status != "failed":
        return ""
    return f" (next try after {datetime.fromtimestamp(link.next_try).strftime('%Y-%m-%d %H:%M')})"
