"""The consistency check across features (`pcdesk check --compliance`, ホーム, the pack).

Each feature's manifest names a ``checks`` function returning pcdesk.feature.Finding items
(every 保有個人データ purpose in the published notice, every current worker with a valid
pledge, …); this module runs them all and adds nothing of its own but the feature's name.
A check that fails to run is itself a finding, so a broken feature never hides the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pcdesk import registry
from pcdesk.feature import Finding, load
from pcdesk.services import Workspace


@dataclass(frozen=True)
class ComplianceReport:
    findings: tuple[Finding, ...]
    checked: tuple[str, ...]  # labels of the features whose checks ran

    @property
    def clean(self) -> bool:
        return not self.findings

    def describe(self) -> str:
        if self.clean:
            return f"整合性チェック: 問題は見つかりませんでした（{'・'.join(self.checked)}）。"
        lines = [f"整合性チェック: {len(self.findings)} 件の問題があります。"]
        for n, finding in enumerate(self.findings, 1):
            lines.append(f"{n}. {finding.text}")
            lines.append(f"   直す場所: {finding.fix}")
        return "\n".join(lines)


def check_compliance(ws: Workspace) -> ComplianceReport:
    findings: list[Finding] = []
    checked: list[str] = []
    for feature, ref in registry.compliance_checks():
        checked.append(feature.label)
        try:
            found = load(ref)(ws)
        except Exception as exc:  # noqa: BLE001 — one broken check must not hide the others
            found = [Finding(f"{feature.label}の検査を実行できませんでした（{type(exc).__name__}）。",
                             "pcdesk を最新版に更新し、直らなければ管理者に連絡してください。")]
        findings += [replace(f, feature=feature.name) for f in found]
    return ComplianceReport(tuple(findings), tuple(checked))
