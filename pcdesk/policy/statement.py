"""利用目的の明示: the short 「個人情報の取扱いについて」 block an application form, a survey
or a web form carries when it collects personal information directly (APPI art. 21(2)),
made from the version in force so that it never promises other purposes than the notice.
"""

from __future__ import annotations

from pcdesk.errors import ValidationError
from pcdesk.policy.document import Document, Printable, build_statement
from pcdesk.policy.model import PolicyVersion
from pcdesk.policy.plain_text import blocks_text
from pcdesk.policy.rules import purpose_groups
from pcdesk.policy.service import answers_of, draft_version, published_version
from pcdesk.policy.web_page import article
from pcdesk.services import Workspace


def statement_version(ws: Workspace) -> PolicyVersion:
    version = published_version(ws) or draft_version(ws)
    if version is None:
        raise ValidationError.single("版", "まだプライバシーポリシーがありません。先に下書きを作成してください。")
    return version


def subjects(version: PolicyVersion) -> list[str]:
    """The 本人の区分 a statement can be made for, in the notice's order."""
    return [subject for subject, _p in purpose_groups(answers_of(version).get("purposes") or [])]


def statement(version: PolicyVersion, subject: str | None = None) -> Document:
    answers = answers_of(version)
    if subject is not None and subject not in subjects(version):
        known = "、".join(subjects(version)) or "（利用目的がまだありません）"
        raise ValidationError.single("本人の区分", f"「{subject}」の利用目的は公表文にありません。次から選んでください: {known}")
    return build_statement(answers, subject)


def statement_text(ws: Workspace, subject: str | None = None, version: PolicyVersion | None = None) -> str:
    doc = statement(version or statement_version(ws), subject)
    return "\n".join([f"【{doc.title}】", *blocks_text(doc.preamble)]) + "\n"


def statement_html(ws: Workspace, subject: str | None = None, version: PolicyVersion | None = None) -> str:
    """The block as an HTML fragment, for pasting into a web form's page."""
    doc = statement(version or statement_version(ws), subject)
    return article(Printable(doc)).replace("<h1>", "<h2>").replace("</h1>", "</h2>")
