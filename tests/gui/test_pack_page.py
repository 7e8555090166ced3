"""申請の準備: findings link to the screen that fixes them; the pack is written with progress."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog



def test_the_page_lists_findings_and_writes_the_pack(qtbot, demo, open_window, monkeypatch, tmp_path):
    from sqlalchemy import select

    from pcdesk.inventory.model import InventoryEntry  # demo data: break one entry on purpose

    window = open_window(demo[0].db, "admin")
    with window.ws.write() as s:
        entry = s.scalars(select(InventoryEntry).where(InventoryEntry.consigned.is_(False))).first()
        entry.consigned, entry.consignee = True, ""
    page = window.show_page("pack")
    assert page.findings.count() >= 1
    texts = [page.findings.item(i).text() for i in range(page.findings.count())]
    assert any("委託先が書かれていません" in t and "直す場所" in t for t in texts)
    page.grab().save("/tmp/pack_page.png")
    row = next(i for i, t in enumerate(texts) if "委託先" in t)
    page.findings.itemActivated.emit(page.findings.item(row))
    assert window.current_page_id() == "inventory"

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr("pcdesk.pack.ui.pack_page.ask", lambda *a, **k: False)
    page.make_pack()
    made = list(Path(tmp_path).glob("申請書類_*"))
    assert len(made) == 1 and (made[0] / "00_申請書類一覧表.xlsx").is_file()
