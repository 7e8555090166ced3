"""First-run set-up: company profile, departments, the first administrator, the recovery code."""

from __future__ import annotations

from pcdesk.accounts.recovery import issue_recovery_code
from pcdesk.accounts.service import count_admins, create_user, validate_new_user
from pcdesk.company.model import COMPANY_FIELDS
from pcdesk.company.service import (add_department, list_departments, save_company,
                                    validate_company, validate_department_names)
from pcdesk.errors import FieldProblem, ValidationError
from pcdesk.flow import Flow
from pcdesk.text import clean, clean_code
from pcdesk.services import ADMIN, APPROVER, SETUP, STAFF, Actor, Workspace


def is_first_run(ws: Workspace) -> bool:
    """True until a company profile and an active administrator exist."""
    from pcdesk.company.model import CompanyProfile

    with ws.read() as s:
        has_company = s.get(CompanyProfile, 1) is not None
    return not (has_company and count_admins(ws))


class FirstRunFlow(Flow):
    STEPS = {
        "welcome": "ようこそ",
        "company": "会社情報",
        "departments": "部門",
        "admin": "管理者アカウント",
        "confirm": "確認",
    }

    def validate(self, step: str) -> list[FieldProblem]:
        if step == "company":
            return validate_company({k: self.get(k, "") for k in COMPANY_FIELDS})
        if step == "departments":
            return validate_department_names(self.departments())
        if step == "admin":
            p = validate_new_user(clean_code(self.get("admin_login", "")), clean(self.get("admin_name", "")),
                                  self.get("admin_password", ""), {ADMIN})
            if self.get("admin_password", "") != self.get("admin_password_confirm", ""):
                p.add("パスワード（確認）", "パスワードと一致しません。もう一度入力してください。")
            return p.items
        return []

    def departments(self) -> list[str]:
        raw = self.get("departments", "")
        items = raw.splitlines() if isinstance(raw, str) else list(raw)
        return [clean(d) for d in items if clean(d)]

    def summary(self) -> list[tuple[str, str]]:
        rows = [(label, self.get(key, "")) for key, label in COMPANY_FIELDS.items()]
        rows.append(("部門", "、".join(self.departments())))
        rows.append(("管理者", f"{self.get('admin_name', '')}（{self.get('admin_login', '')}）"))
        return rows

    recovery_code: str = ""  # shown once after finish(): the way back in if every password is lost

    def finish(self, ws: Workspace) -> Actor:
        """Save everything; returns the new administrator, ready to be logged in, and sets
        `recovery_code` (printed at set-up, used with ``pcdesk recover``)."""
        problems = [p for step in self.STEPS for p in self.validate(step)]
        if problems:
            raise ValidationError(problems)
        setup = ws.as_actor(SETUP)
        existing = {d.name for d in list_departments(setup, include_inactive=True)}
        roles = {ADMIN, STAFF, APPROVER}
        with setup.atomic():  # a failure part-way leaves nothing behind
            save_company(setup, {k: self.get(k, "") for k in COMPANY_FIELDS})
            for name in self.departments():
                if name not in existing:
                    add_department(setup, name)
            user = create_user(setup, self.get("admin_login"), self.get("admin_name"),
                               self.get("admin_password"), roles)
            self.recovery_code = issue_recovery_code(setup)
        return Actor(user.id, user.display_name, frozenset(roles))
