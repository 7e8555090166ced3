from pcdesk.feature import Attention, Feature, Ledger, Migrations, Page  # noqa: F401
from pcdesk.services import ADMIN

FEATURE = Feature(
    name="fake",
    label="試験用の機能",
    package="tests.fake_feature",
    models=("tests.fake_feature.model",),
    migrations=Migrations(head="f001_fake", base="0001_foundation"),
    ledgers=(Ledger("fake_ledger", "tests.fake_feature.service:ledger_rows"),),
    commands="tests.fake_feature.cli:register",
    demo="tests.fake_feature.service:add_demo",
    attention="tests.fake_feature.service:attention",
    pages=(Page("fake", "試験用の画面", "tests.fake_feature.ui.page:FakePage", frozenset({ADMIN}), 500),),
    roles=(ADMIN,),
    order=500,
)
