"""What the register offers other features (pcdesk.capabilities): the workers as people to
choose (a host at the visitor kiosk, an applicant or approver of a take-out)."""

from __future__ import annotations

from sqlalchemy import select

from pcdesk.capabilities import Person
from pcdesk.dates import today
from pcdesk.pledges.model import EMPLOYMENTS, Worker
from pcdesk.pledges.rules import has_left
from pcdesk.pledges.service import department_names
from pcdesk.services import Workspace


def people(ws: Workspace) -> list[Person]:
    """Every worker, current ones first in フリガナ order; leavers come with current=False so a
    feature can still show who they were on an old record. Names and departments only: the
    kiosk sees no 社員番号, e-mail or 雇用 details beyond the 区分."""
    names = department_names(ws)
    day = today()
    with ws.read() as s:
        workers = list(s.scalars(select(Worker)))
    workers.sort(key=lambda w: (has_left(w, day), w.kana or w.name, w.number))
    return [Person(w.name, kana=w.kana, department=names.get(w.department_id, ""),
                   kind=EMPLOYMENTS.get(w.employment, w.employment), key=f"worker:{w.id}",
                   current=not has_left(w, day)) for w in workers]
