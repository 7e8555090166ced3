"""ヘルプ → 使い方ガイド (F1) opens the offline guide at the page's chapter."""


def test_f1_opens_the_guide_at_the_chapter_of_the_page_in_front(qtbot, office, open_window, tmp_path):
    window = open_window(office, "admin")
    window.show_page("inventory")
    window.guide_action.trigger()
    guide = window.guide
    assert guide.isVisible()
    assert guide.current_chapter().name == "inventory"
    assert "個人情報管理台帳" in guide.view.toPlainText()
    assert guide.toc.count() >= 2
    guide.show_chapter("foundation")
    assert "バックアップ" in guide.view.toPlainText()
    window.guide_action.trigger()  # asked again: the same window, raised
    assert window.guide is guide
    guide.grab().save(str(tmp_path / "guide.png"))
