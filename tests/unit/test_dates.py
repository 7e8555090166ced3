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
