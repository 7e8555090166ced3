import datetime as dt

import pytest

from pcdesk.dates import SEIREKI, WAREKI, format_date, format_datetime, parse_date


@pytest.mark.parametrize("day, style, text", [
    (dt.date(2026, 11, 22), SEIREKI, "2026年11月22日"),
    (dt.date(2026, 11, 22), WAREKI, "令和8年11月22日"),
    (dt.date(2019, 5, 1), WAREKI, "令和元年5月1日"),
    (dt.date(2019, 4, 30), WAREKI, "平成31年4月30日"),
    (dt.date(1989, 1, 7), WAREKI, "昭和64年1月7日"),
    (dt.date(1989, 1, 8), WAREKI, "平成元年1月8日"),
    (None, SEIREKI, ""),
])
def test_format_date(day, style, text):
    assert format_date(day, style) == text


def test_format_datetime_has_time():
    assert format_datetime(dt.datetime(2026, 11, 22, 9, 5), WAREKI) == "令和8年11月22日 09:05"


@pytest.mark.parametrize("text", ["2026-11-22", "2026/11/22", "2026年11月22日", "２０２６／１１／２２"])
def test_parse_date_accepts_common_forms(text):
    assert parse_date(text) == dt.date(2026, 11, 22)


def test_parse_date_rejects_garbage_in_japanese():
    with pytest.raises(ValueError, match="日付として読めません"):
        parse_date("来週")


@pytest.mark.parametrize("text, day", [
    ("令和8年4月1日", dt.date(2026, 4, 1)),
    ("R8.4.1", dt.date(2026, 4, 1)),
    ("r8/4/1", dt.date(2026, 4, 1)),
    ("Ｒ８．４．１", dt.date(2026, 4, 1)),
    ("H31/4/30", dt.date(2019, 4, 30)),
    ("H.31.4.30", dt.date(2019, 4, 30)),
    ("平成元年1月8日", dt.date(1989, 1, 8)),
    ("令和元年5月1日", dt.date(2019, 5, 1)),
    ("昭和64年1月7日", dt.date(1989, 1, 7)),
    ("S64.1.7", dt.date(1989, 1, 7)),
    ("令和 8 年 4 月 1 日", dt.date(2026, 4, 1)),
    ("2026/4/1(水)", dt.date(2026, 4, 1)),
    ("2026/04/01 0:00:00", dt.date(2026, 4, 1)),
    ("2026.4.1", dt.date(2026, 4, 1)),
])
def test_parse_date_reads_the_japanese_calendar(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text, message", [
    ("令和8年2月30日", "ない日付です"),
    ("X8.4.1", "日付として読めません"),
    ("26/4/1", "年が読めません"),
    ("令和100年1月1日", "和暦の年として読めません"),
])
def test_parse_date_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)
