"""The pledges feature's settings, apart from the fields table so that reading the manifest
imports no model (the start-up path to the login window reads every manifest)."""

from pcdesk.fields import NUMBER, FieldSpec

RENEWAL_MONTHS = "pledges.renewal_months"
SETTINGS: tuple[FieldSpec, ...] = (
    FieldSpec(RENEWAL_MONTHS, "誓約書の更新間隔（月）", NUMBER, default=12, minimum=0, maximum=60, required=True,
              help="在職者の誓約書を取り直す間隔です。過ぎた人は「要再取得」になります。0 にすると期間では求めません。"),
)
