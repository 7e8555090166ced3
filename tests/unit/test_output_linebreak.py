"""Japanese line breaking: every character kept, every line within the width, 禁則 respected."""

from __future__ import annotations

from pcdesk.output.fonts import find_font, register
from pcdesk.output.linebreak import NO_LINE_START, LineBreaker


def breaker(size=10.0):
    return LineBreaker(register(find_font()), size)


def test_japanese_wraps_per_character_and_keeps_every_character():
    b = breaker()
    text = "個人情報の取扱いに関する誓約書を提出していただきます。" * 5
    lines = b.wrap(text, 100)
    assert "".join(lines) == text
    assert len(lines) > 5 and all(b.width(line) <= 100 for line in lines)


def test_closing_punctuation_never_starts_a_line():
    b = breaker()
    text = "あいうえおかきくけ。こさしすせそたちつ、てとなにぬねのはひ」ふへほ"
    for width in range(30, 200, 7):
        lines = b.wrap(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START for line in lines[1:]), (width, lines)


def test_latin_words_move_whole_when_they_fit_and_newlines_are_kept():
    b = breaker()
    lines = b.wrap("連絡先 yamada.hanako@example.co.jp まで\n二行目", 150)
    assert "yamada.hanako@example.co.jp" in lines[1]
    assert lines[-1] == "二行目"


def test_a_word_wider_than_the_cell_is_broken_not_cut():
    b = breaker()
    url = "https://example.co.jp/" + "a" * 200
    lines = b.wrap(url, 60)
    assert "".join(lines) == url and all(b.width(line) <= 60 for line in lines)


def test_a_cell_narrower_than_one_character_still_shows_it():
    b = breaker()
    assert b.wrap("漢字", 3) == ["漢", "字"]
    assert b.wrap("", 50) == [""]


def test_dates_break_only_between_their_parts():
    b = breaker()
    assert b.wrap_after("2026年11月22日 08:30", 60, "年月日 ") == ["2026年11月", "22日 08:30"]
    assert b.wrap_after("2026年11月22日 08:30", 40, "年月日 ") == ["2026年", "11月", "22日", "08:30"]
    assert b.wrap_after("令和8年11月22日", 200, "年月日 ") == ["令和8年11月22日"]
    assert "".join(b.wrap_after("20261122123456789", 20, "年月日 ")) == "20261122123456789"


def test_a_short_bracketed_part_moves_to_the_next_line_whole():
    b = breaker(6)
    assert b.wrap("件数（概数）", 28) == ["件数", "（概数）"]
    assert b.wrap("保管方法（施錠）", 36) == ["保管方法", "（施錠）"]
    long_group = "制限（IDとパスワードと指紋認証）"  # wider than the cell: broken as before
    assert "".join(b.wrap(long_group, 30)) == long_group and b.wrap(long_group, 30)[0].startswith("制限（")


def test_running_text_does_not_leave_a_line_a_third_empty_for_a_bracket():
    b = breaker(8.5)
    text = "「個人情報」とは、生存する個人の情報であって（他の情報と容易に照合して識別できるものを含む）、特定の個人を識別できるものをいいます。"
    width = 40 * 8.5  # a pledge's line: about 40 全角 characters
    lines = b.wrap(text, width)
    assert "".join(lines) == text
    assert b.width(lines[0]) > width * 0.9, lines  # the first line is full, the bracket simply continues


def test_balanced_headings_split_evenly_in_as_few_lines():
    b = breaker(6)
    assert b.wrap("管理部門", 20) == ["管理部", "門"]
    assert b.wrap_balanced("管理部門", 20) == ["管理", "部門"]
    assert b.wrap_balanced("委託の有無・委託先", 24) == ["委託の", "有無・", "委託先"]
    assert b.wrap_balanced("状態", 20) == ["状態"]


def test_a_word_before_closing_punctuation_is_not_split():
    b = breaker(6.5)
    lines = b.wrap("本人から書面以外（口頭・Web・電話）", 33.2)
    assert "".join(lines) == "本人から書面以外（口頭・Web・電話）"
    assert any(line.startswith("Web") or "Web" in line for line in lines), lines
