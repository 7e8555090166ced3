"""The 従業者 register: workers, their 所属 and 雇用区分, joining and leaving.

Roles: reading needs 管理者 or 担当者; every change needs 管理者 (the register holds staff data).
A worker who leaves is kept, with the 退職日, so the 退職時 pledge can still be asked for.

    list_workers(ws, WorkerFilter(...)) -> list[Worker]      get_worker(ws, id) / find_worker(ws, number)
    create_worker(ws, values) / update_worker(ws, id, values) / record_leaving(ws, id, left_on)
    delete_worker(ws, id)                     (a mistake only: never someone with a pledge on record)
    save_workers(ws, rows) -> SaveCount       (import: one transaction, an existing 社員番号 is updated)
    check_rows(ws, rows) -> list[list[FieldProblem]]   (each imported row judged as save_workers will)
    check_worker(ws, values, worker_id=None) -> list[FieldProblem]   clean_worker(values) -> dict
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pcdesk.company.model import Department
from pcdesk.dates import now, parse_date, today as today_
from pcdesk.errors import FieldProblem, NotFound, ValidationError
from pcdesk.fields import by_key, check
from pcdesk.pledges.fields import WORKER_FIELDS
from pcdesk.pledges.model import EMPLOYMENTS, WORKER_LABELS, Worker
from pcdesk.pledges.rules import NEEDS_AGENCY, clean_kana, clean_name, clean_number, employment_of
from pcdesk.services import ADMIN, STAFF, Workspace
from pcdesk.text import clean, clean_code, is_email

READERS = (ADMIN, STAFF)
EDITORS = (ADMIN,)
FIELDS = by_key(WORKER_FIELDS)
EARLIEST = dt.date(1950, 1, 1)


@dataclass
class WorkerFilter:
    department_id: int | None = None
    employment: str | None = None
    text: str = ""  # part of 氏名, フリガナ, 社員番号, 派遣元 or e-mail
    include_left: bool = False  # leavers (退職日 on or before today) too
    only_left: bool = False


@dataclass(frozen=True)
class SaveCount:
    created: int
    updated: int
    unchanged: int = 0

    def describe(self) -> str:
        parts = [f"新規 {self.created} 人", f"更新 {self.updated} 人"]
        if self.unchanged:
            parts.append(f"変更なし {self.unchanged} 人")
        return "、".join(parts)


def department_names(ws: Workspace) -> dict[int, str]:
    with ws.read() as s:
        return {d.id: d.name for d in s.scalars(select(Department))}


def list_workers(ws: Workspace, filt: WorkerFilter | None = None, today: dt.date | None = None) -> list[Worker]:
    ws.require(*READERS)
    f = filt or WorkerFilter()
    day = today or today_()
    q = select(Worker).order_by(Worker.number)
    if f.department_id is not None:
        q = q.where(Worker.department_id == f.department_id)
    if f.employment:
        q = q.where(Worker.employment == f.employment)
    left = Worker.left_on.is_not(None) & (Worker.left_on <= day)
    if f.only_left:
        q = q.where(left)
    elif not f.include_left:
        q = q.where(~left)
    text = clean_name(f.text)
    if text:
        text = text.replace("%", "").replace("_", "")
        # 山田太郎 finds 山田 太郎, やまだ finds ヤマダ
        bare, bare_kana = (f"%{t.replace(' ', '')}%" for t in (text, clean_kana(text)))
        q = q.where(or_(Worker.name.like(f"%{text}%"), Worker.number.like(f"%{text}%"),
                        Worker.agency.like(f"%{text}%"), Worker.email.like(f"%{text}%"),
                        func.replace(Worker.name, " ", "").like(bare),
                        func.replace(Worker.kana, " ", "").like(bare_kana)))
    with ws.read() as s:
        return list(s.scalars(q))


def get_worker(ws: Workspace, worker_id: int) -> Worker:
    ws.require(*READERS)
    with ws.read() as s:
        worker = s.get(Worker, worker_id)
    if worker is None:
        raise NotFound("従業者が見つかりません。画面を更新してください。")
    return worker


def find_worker(ws: Workspace, number: str) -> Worker:
    """The worker with this 社員番号 (全角 or 半角)."""
    ws.require(*READERS)
    key = clean_number(number)
    with ws.read() as s:
        worker = s.scalar(select(Worker).where(Worker.number == key))
    if worker is None:
        raise NotFound(f"社員番号「{number}」の従業者はいません。番号を確かめてください。")
    return worker


# -- values ------------------------------------------------------------------------------

def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value.strip():
        try:
            return parse_date(value)
        except ValueError:
            return value  # check_worker names the field and the example
    return value or None


def clean_worker(values: dict[str, Any]) -> dict[str, Any]:
    """What would be stored: names and numbers normalised, 雇用区分 read from its label."""
    out = dict(values)
    if "number" in out:
        out["number"] = clean_number(out["number"])
    if "name" in out:
        out["name"] = clean_name(out["name"])
    if "kana" in out:
        out["kana"] = clean_kana(out["kana"])
    if "agency" in out:
        out["agency"] = clean_name(out["agency"])
    if "email" in out:
        out["email"] = clean_code(out["email"] or "")
    if "note" in out:
        out["note"] = (out["note"] or "").strip()
    if "employment" in out and out["employment"] not in EMPLOYMENTS:
        out["employment"] = employment_of(out["employment"]) or clean(str(out["employment"] or ""))
    for key in ("joined_on", "left_on"):
        if key in out:
            out[key] = _date(out[key])
    return out


def _check_values(values: dict[str, Any], departments: dict[int, Department], day: dt.date) -> list[FieldProblem]:
    problems = check(WORKER_FIELDS, {k: v for k, v in values.items() if k != "employment"},
                     only=[k for k in values if k != "employment"])
    employment = values.get("employment")
    if "employment" in values:
        if not employment:
            problems.append(FieldProblem(WORKER_LABELS["employment"], "選んでください。"))
        elif employment not in EMPLOYMENTS:
            problems.append(FieldProblem(WORKER_LABELS["employment"],
                                         f"「{employment}」は選べません。次から選んでください: {'、'.join(EMPLOYMENTS.values())}"))
    for key in ("joined_on", "left_on"):
        v = values.get(key)
        if v is not None and not isinstance(v, dt.date):
            problems.append(FieldProblem(WORKER_LABELS[key], f"「{v}」を日付として読めません（例: 2024年4月1日、2024/4/1）。"))
        elif isinstance(v, dt.date) and not EARLIEST <= v <= dt.date(day.year + 1, 12, 31):
            problems.append(FieldProblem(WORKER_LABELS[key], f"{v.year}年は日付として正しくありません。年を確かめてください。"))
    joined, left = values.get("joined_on"), values.get("left_on")
    if isinstance(joined, dt.date) and isinstance(left, dt.date) and left < joined:
        problems.append(FieldProblem(WORKER_LABELS["left_on"], "入社日より前になっています。日付を確かめてください。"))
    if employment in NEEDS_AGENCY and not (values.get("agency") or "").strip():
        what = NEEDS_AGENCY[employment]
        problems.append(FieldProblem(WORKER_LABELS["agency"],
                                     f"{EMPLOYMENTS[employment]}は{what}を入力してください（例: 株式会社ひかり人材サービス）。"))
    email = values.get("email") or ""
    if email and not is_email(email):
        problems.append(FieldProblem(WORKER_LABELS["email"], "メールアドレスの形式ではありません（例: yamada@example.co.jp）。"))
    dept = values.get("department_id")
    if dept is not None and dept != "":
        found = departments.get(dept) if isinstance(dept, int) else None
        if found is None:
            names = "、".join(d.name for d in departments.values() if d.active)
            problems.append(FieldProblem(WORKER_LABELS["department_id"],
                                         f"「{dept}」という部門はありません。次から選ぶか、設定 → 部門 で追加してください: {names}"))
    order = {spec.label: i for i, spec in enumerate(WORKER_FIELDS)}
    return sorted(problems, key=lambda p: order.get(p.field, len(order)))  # as the fields are laid out


def _departments(s: Session) -> dict[int, Department]:
    return {d.id: d for d in s.scalars(select(Department))}


def check_worker(ws: Workspace, values: dict[str, Any], worker_id: int | None = None) -> list[FieldProblem]:
    """Every problem of a new worker (all fields) or of the changed fields of worker `worker_id`."""
    values = clean_worker(values)
    with ws.read() as s:
        departments = _departments(s)
        problems = _problems(s, values, departments, worker_id)
    return problems


def _holders(s: Session) -> dict[str, tuple[int | None, str]]:
    """社員番号 → (worker id, name) of everyone registered: one query for a whole import."""
    return {number: (worker_id, name) for number, worker_id, name in
            s.execute(select(Worker.number, Worker.id, Worker.name)).all()}


def _problems(s: Session, values: dict[str, Any], departments: dict[int, Department],
              worker_id: int | None, holders: dict[str, tuple[int | None, str]] | None = None) -> list[FieldProblem]:
    if worker_id is None:
        full = {spec.key: values.get(spec.key) for spec in WORKER_FIELDS}
    else:
        current = s.get(Worker, worker_id)
        if current is None:
            return [FieldProblem("従業者", "見つかりません。画面を更新してください。")]
        full = {**current.values(), **values}
    problems = _check_values(full, departments, today_())
    number = full.get("number")
    if number:
        if holders is None:
            found = s.execute(select(Worker.id, Worker.name).where(Worker.number == number)).first()
            holder = tuple(found) if found is not None else None
        else:
            holder = holders.get(number)
        if holder is not None and holder[0] != worker_id:
            problems.append(FieldProblem(WORKER_LABELS["number"],
                                         f"「{number}」はすでに {holder[1]} さんの番号です。別の番号にしてください。"))
    return problems


# -- writing -----------------------------------------------------------------------------

def create_worker(ws: Workspace, values: dict[str, Any]) -> Worker:
    ws.require(*EDITORS)
    values = clean_worker(values)
    with ws.write() as s:
        problems = _problems(s, values, _departments(s), None)
        if problems:
            raise ValidationError(problems)
        moment = now()
        worker = Worker(**{spec.key: values.get(spec.key) for spec in WORKER_FIELDS}, created_at=moment,
                        updated_at=moment)
        for key in ("kana", "agency", "email", "note"):
            if worker.__dict__.get(key) is None:
                setattr(worker, key, "")
        s.add(worker)
        s.flush()
    return worker


def update_worker(ws: Workspace, worker_id: int, values: dict[str, Any]) -> Worker:
    """Change the given fields of a worker (the others stay as they are)."""
    ws.require(*EDITORS)
    values = {k: v for k, v in clean_worker(values).items() if k in WORKER_LABELS}
    with ws.write() as s:
        problems = _problems(s, values, _departments(s), worker_id)
        if problems:
            raise ValidationError(problems)
        worker = s.get(Worker, worker_id)
        assert worker is not None  # _problems said so otherwise
        changed = _apply(worker, values)
        if changed:
            worker.updated_at = now()
    return worker


def _apply(worker: Worker, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if value is None and key in ("kana", "agency", "email", "note"):
            value = ""
        if getattr(worker, key) != value:
            setattr(worker, key, value)
            changed = True
    return changed


def delete_worker(ws: Workspace, worker_id: int) -> None:
    """Remove a worker registered by mistake (a typo, a double import). Anyone with a pledge
    on record is kept: record their 退職日 instead."""
    from pcdesk.pledges.model import PledgeRecord

    ws.require(*EDITORS)
    with ws.write() as s:
        worker = s.get(Worker, worker_id)
        if worker is None:
            raise NotFound("従業者が見つかりません。画面を更新してください。")
        if s.scalar(select(func.count()).select_from(PledgeRecord).where(PledgeRecord.worker_id == worker_id)):
            raise ValidationError.single("削除", f"{worker.name}さんには誓約書の記録があるため削除できません。"
                                                 "退職した人は退職日を登録してください（名簿に残ります）。")
        s.delete(worker)


def record_leaving(ws: Workspace, worker_id: int, left_on: dt.date | None) -> Worker:
    """Set (or clear, with None) the 退職日; the worker stays in the register."""
    return update_worker(ws, worker_id, {"left_on": left_on})


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """What an imported row changes in a registered worker: its non-empty cells only."""
    return {k: v for k, v in values.items() if k in WORKER_LABELS and v not in (None, "")}


def check_rows(ws: Workspace, rows: Sequence[dict[str, Any]]) -> list[list[FieldProblem]]:
    """The problems of each imported row as save_workers judges it: a 社員番号 already in the
    register updates that worker with the row's non-empty values, any other is a new worker."""
    ws.require(*READERS)
    out = []
    with ws.read() as s:
        departments = _departments(s)
        holders = _holders(s)
        list(s.scalars(select(Worker)))  # loaded once: each updated row's worker is then in the session
        for values in rows:
            values = clean_worker(values)
            worker_id = holders.get(values.get("number") or "", (None, ""))[0]
            out.append(_problems(s, _given(values) if worker_id else values, departments, worker_id, holders))
    return out


def registered_numbers(ws: Workspace) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(Worker.number)))


def save_workers(ws: Workspace, rows: Iterable[dict[str, Any]]) -> SaveCount:
    """Save imported rows in one transaction: a 社員番号 already registered is updated with the
    row's non-empty values, a new one is created. Rows were checked by the importer; they are
    checked again here, and one bad row saves nothing."""
    ws.require(*EDITORS)
    created = updated = unchanged = 0
    with ws.write() as s:
        departments = _departments(s)
        existing = {w.number: w for w in s.scalars(select(Worker))}
        holders = {n: (w.id, w.name) for n, w in existing.items()}
        moment = now()
        for values in rows:
            values = clean_worker(values)
            worker = existing.get(values.get("number", ""))
            if worker is None:
                problems = _problems(s, values, departments, None, holders)
                if problems:
                    raise ValidationError(problems)
                worker = Worker(**{k: values.get(k) for k in WORKER_LABELS}, created_at=moment, updated_at=moment)
                for key in ("kana", "agency", "email", "note"):
                    if getattr(worker, key) is None:
                        setattr(worker, key, "")
                s.add(worker)  # flushed once at the end: one audit append for the whole import
                existing[worker.number] = worker
                created += 1
                continue
            if worker.id is None:  # the same number twice in the rows: the first is being created
                s.flush()
            given = _given(values)
            problems = _problems(s, given, departments, worker.id, {})
            if problems:
                raise ValidationError(problems)
            if _apply(worker, given):
                worker.updated_at = moment
                updated += 1
            else:
                unchanged += 1
    return SaveCount(created, updated, unchanged)
