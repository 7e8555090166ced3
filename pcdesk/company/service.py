"""Company profile and departments: validation and audited writes."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from pcdesk.company.model import COMPANY_FIELDS, REQUIRED_COMPANY_FIELDS, CompanyProfile, Department
from pcdesk.errors import Problems, ValidationError
from pcdesk.services import ADMIN, Workspace
from pcdesk.text import clean, clean_code, clean_number_like, is_email

PHONE_RE = re.compile(r"^[0-9+() -]{6,20}$", re.ASCII)
POSTAL_RE = re.compile(r"^([0-9]{3}-?[0-9]{4})?$", re.ASCII)
NUMBER_LIKE = ("postal_code", "contact_phone")
MAX_DEPARTMENT_NAME = 100


def validate_company(values: dict[str, str]) -> list:
    values = clean_company(values)  # judge what will be stored: 全角 digits are fine to type
    problems = Problems()
    for key in REQUIRED_COMPANY_FIELDS:
        problems.require(values.get(key), COMPANY_FIELDS[key])
    email = (values.get("contact_email") or "").strip()
    if email and not is_email(email):
        problems.add(COMPANY_FIELDS["contact_email"], "メールアドレスの形式ではありません（例: privacy@example.co.jp）。")
    phone = (values.get("contact_phone") or "").strip()
    if phone and not PHONE_RE.match(phone):
        problems.add(COMPANY_FIELDS["contact_phone"], "数字とハイフンで入力してください（例: 03-1234-5678）。")
    postal = (values.get("postal_code") or "").strip()
    if postal and not POSTAL_RE.match(postal):
        problems.add(COMPANY_FIELDS["postal_code"], "7桁の数字で入力してください（例: 100-0001）。")
    return problems.items


def clean_company(values: dict[str, str]) -> dict[str, str]:
    return {k: clean_number_like(values.get(k)) if k in NUMBER_LIKE
            else clean_code(values.get(k)) if k == "contact_email" else clean(values.get(k))
            for k in COMPANY_FIELDS}


def get_company(ws: Workspace) -> CompanyProfile | None:
    with ws.read() as s:
        return s.get(CompanyProfile, 1)


def save_company(ws: Workspace, values: dict[str, str]) -> CompanyProfile:
    ws.require(ADMIN)
    problems = validate_company(values)
    if problems:
        raise ValidationError(problems)
    cleaned = clean_company(values)
    with ws.write() as s:
        profile = s.get(CompanyProfile, 1)
        if profile is None:
            profile = CompanyProfile(id=1, **cleaned)
            s.add(profile)
        else:
            for k, v in cleaned.items():
                setattr(profile, k, v)
    return profile


def list_departments(ws: Workspace, include_inactive: bool = False) -> list[Department]:
    with ws.read() as s:
        q = select(Department).order_by(Department.sort_order, Department.id)
        if not include_inactive:
            q = q.where(Department.active.is_(True))
        return list(s.scalars(q))


def validate_department_names(names: list[str]) -> list:
    problems = Problems()
    cleaned = [clean(n) for n in names if clean(n)]
    if not cleaned:
        problems.add("部門", "部門を1つ以上入力してください（例: 総務部）。")
    seen: set[str] = set()
    for n in cleaned:
        if n in seen:
            problems.add("部門", f"「{n}」が重複しています。1つにしてください。")
        seen.add(n)
        if len(n) > MAX_DEPARTMENT_NAME:
            problems.add("部門", f"「{n[:20]}…」は長すぎます。{MAX_DEPARTMENT_NAME}文字以内にしてください。")
    return problems.items


def _department_name(name: str) -> str:
    name = clean(name)
    if not name:
        raise ValidationError.single("部門名", "入力してください。")
    if len(name) > MAX_DEPARTMENT_NAME:
        raise ValidationError.single("部門名", f"{MAX_DEPARTMENT_NAME}文字以内にしてください（いまは{len(name)}文字）。")
    return name


def add_department(ws: Workspace, name: str) -> Department:
    ws.require(ADMIN)
    name = _department_name(name)
    with ws.write() as s:
        if s.scalar(select(Department).where(Department.name == name)):
            raise ValidationError.single("部門名", f"「{name}」はすでにあります。別の名前にしてください。")
        order = (s.scalar(select(func.max(Department.sort_order))) or 0) + 1
        dept = Department(name=name, sort_order=order, active=True)
        s.add(dept)
        s.flush()  # callers inside one transaction (set-up, demo) need the id at once
    return dept


def rename_department(ws: Workspace, dept_id: int, name: str) -> None:
    ws.require(ADMIN)
    name = _department_name(name)
    with ws.write() as s:
        clash = s.scalar(select(Department).where(Department.name == name, Department.id != dept_id))
        if clash:
            raise ValidationError.single("部門名", f"「{name}」はすでにあります。別の名前にしてください。")
        dept = s.get(Department, dept_id)
        if dept is None:
            raise ValidationError.single("部門", "見つかりません。画面を更新してください。")
        dept.name = name


def set_department_active(ws: Workspace, dept_id: int, active: bool) -> None:
    """Departments are retired, never deleted: ledgers keep pointing at them."""
    ws.require(ADMIN)
    with ws.write() as s:
        dept = s.get(Department, dept_id)
        if dept is not None:
            dept.active = active
