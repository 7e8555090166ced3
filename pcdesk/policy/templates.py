"""The clause templates: resources/policy/<name>.toml, read and filled (no wording lives in code).

A company's copy in ``<data>/resources/policy/`` wins over the shipped file, so its own
wording survives updates. Filling follows two rules that keep a printed policy clean:
a template line holding a placeholder whose value is empty is left out whole (no
「電話：」 with nothing after it), and a value of several lines becomes several lines.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Mapping

from pcdesk import shipped
from pcdesk.errors import PcdeskError

FOLDER = "policy"
# {company_name}, {ref:contact}; {{ and }} stand for braces themselves.
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+(?::[a-z_]+)?)\}(?!\})")


class TemplateError(PcdeskError):
    """A template file pcdesk cannot use; the message names the file and what to fix."""


def template_dirs() -> list[Path]:
    from pcdesk.store.paths import data_dir

    return [data_dir() / "resources" / FOLDER, shipped.resources_dir() / FOLDER]


def template_path(name: str) -> Path:
    for folder in template_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return path
    raise TemplateError(f"文面のファイル resources/{FOLDER}/{name}.toml が見つかりません。"
                        "pcdesk を入れ直すか、ファイルを元に戻してください。")


def load_template(name: str) -> dict[str, Any]:
    path = template_path(name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: 文字コードが UTF-8 ではありません。UTF-8 で保存し直してください。") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: 書式が正しくありません（{exc}）。"
                            "引用符や括弧の閉じ忘れがないか確かめてください。") from None


class Filler:
    """Fills the lines of one template file from `values` (text) and `refs` (clause titles)."""

    def __init__(self, file: str, values: Mapping[str, str], refs: Mapping[str, str] | None = None) -> None:
        self.file, self.values = file, values
        self.refs = refs if refs is not None else {}

    def _value(self, name: str) -> str:
        if name.startswith("ref:"):
            key = name[4:]
            if key not in self.refs:
                raise TemplateError(f"{self.file}: {{{name}}} の条項「{key}」がありません（載らない条項かもしれません）。"
                                    "条項の key を確かめてください。")
            return self.refs[key]
        if name not in self.values:
            known = "、".join(sorted(self.values))
            raise TemplateError(f"{self.file}: {{{name}}} という差し込み項目はありません。使える項目: {known}")
        value = self.values[name]
        return "" if value is None else str(value)

    def line(self, template: str) -> list[str]:
        """The lines one template line becomes: none when a placeholder in it is empty."""
        names = PLACEHOLDER.findall(template)
        found = {name: self._value(name) for name in names}
        if any(not found[name].strip() for name in names):
            return []
        text = PLACEHOLDER.sub(lambda m: found[m.group(1)], template).replace("{{", "{").replace("}}", "}")
        return [part.rstrip() for part in text.split("\n") if part.strip()]

    def lines(self, template: str) -> list[str]:
        out: list[str] = []
        for raw in template.strip("\n").split("\n"):
            out.extend(self.line(raw))
        return out

    def text(self, template: str) -> str:
        return "\n".join(self.lines(template))


def applies(when: Any, flags: Mapping[str, bool], file: str) -> bool:
    """`when = "joint_use"` / `"not joint_use"`: whether a clause or block is printed."""
    if not when:
        return True
    if not isinstance(when, str):
        raise TemplateError(f"{file}: when は \"回答の名前\" か \"not 回答の名前\" で書いてください（今: {when!r}）。")
    negate = when.startswith("not ")
    name = when[4:].strip() if negate else when.strip()
    if name not in flags:
        raise TemplateError(f"{file}: when = \"{when}\" の「{name}」という回答はありません。"
                            f"使える名前: {'、'.join(sorted(flags))}")
    return not flags[name] if negate else bool(flags[name])
