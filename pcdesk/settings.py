"""Settings shared by everyone using the database (window sizes stay per PC, in the UI)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.dates import SEIREKI, WAREKI
from pcdesk.errors import Problems, ValidationError
from pcdesk.services import ADMIN, Workspace
from pcdesk.store.base import Base


class AppSetting(Base):
    __tablename__ = "app_setting"
    __audit_label__ = "設定"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


@dataclass
class Settings:
    date_style: str = SEIREKI  # 西暦 or 和暦 on every screen and ledger
    idle_lock_minutes: int = 10  # 0 turns the screen lock off
    # Failed logins are throttled, never locked (pcdesk.accounts.throttle): after this many
    # failures each further one doubles the wait, up to lockout_minutes.
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    pdf_font_path: str = ""  # chosen Japanese font; empty = search the usual places
    backup_keep: int = 14  # automatic daily backups kept
    review_interval_months: int = 12  # ledger entries not reviewed for this long are flagged

    LABELS = {
        "date_style": "日付の表記",
        "idle_lock_minutes": "画面ロックまでの時間（分）",
        "lockout_threshold": "待ち時間が始まるまでのログイン失敗回数",
        "lockout_minutes": "ログイン失敗後の最長の待ち時間（分）",
        "pdf_font_path": "PDF の日本語フォント",
        "backup_keep": "自動バックアップの保存数",
        "review_interval_months": "台帳の見直し間隔（月）",
    }

    def validate(self) -> None:
        p = Problems()
        if self.date_style not in (SEIREKI, WAREKI):
            p.add(self.LABELS["date_style"], "西暦か和暦を選んでください。")
        for key, lo, hi in (("idle_lock_minutes", 0, 240), ("lockout_threshold", 1, 20),
                            ("lockout_minutes", 1, 1440), ("backup_keep", 1, 365),
                            ("review_interval_months", 1, 36)):
            v = getattr(self, key)
            if not isinstance(v, int) or not lo <= v <= hi:
                p.add(self.LABELS[key], f"{lo}〜{hi} の整数で入力してください。")
        p.raise_if_any()


_DEFAULTS = Settings()


def load_settings(ws: Workspace) -> Settings:
    with ws.read() as s:
        stored = {row.key: row.value for row in s.scalars(select(AppSetting))}
    values = {}
    for f in fields(Settings):
        if f.name in stored:
            try:
                values[f.name] = json.loads(stored[f.name])
            except ValueError:
                continue  # a hand-edited bad value falls back to the default
    return Settings(**values)


def save_settings(ws: Workspace, settings: Settings) -> None:
    ws.require(ADMIN)
    settings.validate()
    with ws.write() as s:
        current = {row.key: row for row in s.scalars(select(AppSetting))}
        for key, value in asdict(settings).items():
            encoded = json.dumps(value, ensure_ascii=False)
            row = current.get(key)
            if row is None:
                if value != getattr(_DEFAULTS, key):
                    s.add(AppSetting(key=key, value=encoded))
            elif row.value != encoded:
                row.value = encoded


__all__ = ["AppSetting", "Settings", "ValidationError", "load_settings", "save_settings"]


# -- settings that features declare in their manifests (Feature.settings) --------------

def _declared(key: str):  # -> FieldSpec
    from pcdesk import registry

    for _feature, spec in registry.feature_settings():
        if spec.key == key:  # type: ignore[attr-defined]
            return spec
    raise KeyError(f"no feature declares the setting {key!r}")


def feature_setting(ws: Workspace, key: str):  # -> Any
    """A feature's setting: the stored value, or the declared default."""
    spec = _declared(key)
    with ws.read() as s:
        row = s.get(AppSetting, key)
    if row is not None:
        try:
            return json.loads(row.value)
        except ValueError:
            pass  # a hand-edited bad value falls back to the default
    return spec.default


def save_feature_settings(ws: Workspace, values: dict) -> None:
    """Save feature settings (administrators only), checked against their declarations."""
    from pcdesk.fields import check

    ws.require(ADMIN)
    specs = [_declared(key) for key in values]
    problems = check(specs, values)
    if problems:
        raise ValidationError(problems)
    with ws.write() as s:
        for key, value in values.items():
            encoded = json.dumps(value, ensure_ascii=False)
            row = s.get(AppSetting, key)
            if row is None:
                s.add(AppSetting(key=key, value=encoded))
            elif row.value != encoded:
                row.value = encoded
