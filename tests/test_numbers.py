from __future__ import annotations

import pytest

from normalize.numbers import parse_cell_number, split_leading_number


@pytest.mark.parametrize(("text", "number", "rest"), [
    ("3.加强合作", 3, "加强合作"), ("3．加强合作", 3, "加强合作"), ("3、加强合作", 3, "加强合作"),
    ("（3）加强合作", 3, "加强合作"), ("(3)加强合作", 3, "加强合作"), ("三、加强合作", 3, "加强合作"),
    ("（十二）加强合作", 12, "加强合作"), ("㈦加强合作", 7, "加强合作"), ("⑶加强合作", 3, "加强合作"),
    ("3.5亿元项目落地", None, "3.5亿元项目落地"), ("2021年完成", None, "2021年完成"), ("5G网络建设", None, "5G网络建设"),
])
def test_leading_number(text, number, rest):
    assert split_leading_number(text) == (number, rest)


@pytest.mark.parametrize(("text", "want"), [("3", 3), ("3.", 3), ("（三）", 3), ("十二", 12), ("", None), ("合计", None)])
def test_number_cell(text, want):
    assert parse_cell_number(text) == want


@pytest.mark.parametrize(("text", "number", "rest"), [
    ("1.3组织召开爱卫会全体会议", 3, "组织召开爱卫会全体会议"),  # 1.3 under group 1: item 3
    ("1.5万亩高标准农田建设", None, "1.5万亩高标准农田建设"), ("1.12个村完成改造", None, "1.12个村完成改造"),
])
def test_a_two_level_label_gives_the_items_own_number(text, number, rest):
    assert split_leading_number(text) == (number, rest)
