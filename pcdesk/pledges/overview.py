"""The home page's counts and the compliance check: who is missing a valid pledge."""

from __future__ import annotations

from pcdesk.feature import Attention, Finding
from pcdesk.pledges.model import TEMPLATE_KINDS
from pcdesk.pledges.pledging import standings
from pcdesk.pledges.rules import LEAVING_MISSING, MISSING, RENEW
from pcdesk.pledges.service import READERS, WorkerFilter
from pcdesk.services import Workspace

PAGE = "pledges"
FIX = "従業者と誓約書 → 誓約書を記録"


def pledge_attention(ws: Workspace) -> list[Attention]:
    """One line per kind of gap, each opening the list of exactly those workers."""
    if ws.actor is None or not any(ws.actor.has(r) for r in READERS):
        return []  # the reception kiosk hears nothing of the staff register
    rows = standings(ws, WorkerFilter(include_left=True), state=(MISSING, RENEW, LEAVING_MISSING))
    counts = {state: sum(r.state == state for r in rows) for state in (MISSING, RENEW, LEAVING_MISSING)}
    items = []
    if counts[MISSING]:
        items.append(Attention(f"誓約書を取得していない従業者が {counts[MISSING]} 人います。", "danger", PAGE,
                               counts[MISSING], focus=MISSING))
    if counts[RENEW]:
        items.append(Attention(f"誓約書の取り直し（要再取得）が {counts[RENEW]} 人です（ひな形の改訂・更新期限）。",
                               "warning", PAGE, counts[RENEW], focus=RENEW))
    if counts[LEAVING_MISSING]:
        items.append(Attention(f"退職時の誓約書を取得していない退職者が {counts[LEAVING_MISSING]} 人います。",
                               "warning", PAGE, counts[LEAVING_MISSING], focus=LEAVING_MISSING))
    return items


def compliance_findings(ws: Workspace) -> list[Finding]:
    """Every current worker must hold a valid pledge, every leaver the 退職時 pledge."""
    everyone = standings(ws, WorkerFilter(include_left=True))
    if not everyone:
        return [Finding("従業者が1人も登録されていません。誓約書の取得状況を示せません。",
                        "従業者と誓約書 → 登録 または 取込", PAGE)]
    found = []
    for row in everyone:
        w, st = row.worker, row.standing
        who = f"{w.name}（{row.department}、社員番号 {w.number}）"
        if st.state == MISSING:
            found.append(Finding(f"{who}の誓約書がありません。", f"{FIX}（{TEMPLATE_KINDS[st.needs]}）", PAGE))
        elif st.state == RENEW:
            found.append(Finding(f"{who}の誓約書が有効ではありません: {st.reason}。",
                                 f"{FIX}（{TEMPLATE_KINDS[st.needs]}）", PAGE))
        elif st.state == LEAVING_MISSING:
            found.append(Finding(f"{who}は退職しましたが、退職時の誓約書がありません。", f"{FIX}（退職時）", PAGE))
    return found
