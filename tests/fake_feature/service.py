from sqlalchemy import func, select

from pcdesk.feature import Attention
from tests.fake_feature.model import FakeThing


def add_demo(ws, demo) -> None:
    with ws.write() as s:
        s.add(FakeThing(name="試験の行"))


def ledger_rows(ws, query):
    with ws.read() as s:
        for thing in s.scalars(select(FakeThing).order_by(FakeThing.id)):
            yield {"name": thing.name}


def attention(ws):
    with ws.read() as s:
        n = s.scalar(select(func.count()).select_from(FakeThing))
    return [Attention(f"試験の行が {n} 件あります。", "info", "fake", n)]
