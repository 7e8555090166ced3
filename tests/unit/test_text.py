import pytest

from pcdesk.text import clean, clean_code, clean_number_like


@pytest.mark.parametrize("typed, stored", [
    ("ｴｲｷﾞｮｳ部", "エイギョウ部"),
    ("さくらビル５階", "さくらビル5階"),
    ("田中 真由美（退職）", "田中 真由美（退職）"),  # Japanese brackets stay
    ("山田　太郎", "山田　太郎"),  # the 全角 space between names stays
    ("  総務部\u3000", "総務部"),
])
def test_free_text(typed, stored):
    assert clean(typed) == stored


def test_codes_and_numbers():
    assert clean_code("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ") == "yamada@example.jp"
    assert clean_number_like("０３－１２３４－５６７８") == "03-1234-5678"
    assert clean_number_like("１００ー０００１") == "100-0001"
