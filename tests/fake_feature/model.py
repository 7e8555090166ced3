from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pcdesk.store.base import Base


class FakeThing(Base):
    __tablename__ = "fake_thing"
    __audit_label__ = "試験用の行"
    __field_labels__ = {"id": "番号", "name": "名前"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
