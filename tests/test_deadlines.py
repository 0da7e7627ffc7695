from __future__ import annotations

from datetime import date

import pytest

from normalize.deadlines import cn_number, due_date


@pytest.mark.parametrize(("text", "want"), [
    ("2021年11月底", date(2021, 11, 30)), ("2021年6月", date(2021, 6, 30)), ("2024年2月末前", date(2024, 2, 29)),
    ("11月底前", date(2020, 11, 30)), ("2022年12月31日前", date(2022, 12, 31)), ("2021年底", date(2021, 12, 31)),
    ("年末", date(2020, 12, 31)), ("年内", date(2020, 12, 31)), ("2023年全年", date(2023, 12, 31)),
    ("上半年", date(2020, 6, 30)), ("下半年", date(2020, 12, 31)), ("一季度", date(2020, 3, 31)),
    ("第三季度", date(2020, 9, 30)), ("四季度", date(2020, 12, 31)), ("5月底前动工", date(2020, 5, 31)),
    ("9月投入使用", date(2020, 9, 30)), ("2021年6月启动，12月底前完成", date(2021, 12, 31)),
    ("十一月底", date(2020, 11, 30)), ("2021年3月中旬", date(2021, 3, 20)), ("2021年", date(2021, 12, 31)),
    ("2024", date(2024, 12, 31)),  # d9_yangxian: 建设时间 2024, a bare year
    # e3_yueyang: a year with what is done in it — words after the date don't change it
    ("2014年完成", date(2014, 12, 31)), ("2014年投入运营", date(2014, 12, 31)), ("2015年前完成", date(2015, 12, 31)),
    # f3_gaoxinqu: dates beside an open-ended clause — the last date printed stands
    ("凤凰路11月底前具备通车条件;大连路12月底前取得阶段性成效并长期坚持", date(2020, 12, 31)),
])
def test_deadline_forms(text, want):
    assert due_date(text, 2020) == want


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "每季度", "按计划推进", "", None, "2021年2月30日", "1000", "12",
                                  "2021年起", "2014年以来", "每年12月底前", "年内持续推进"])
def test_no_due_date(text):
    assert due_date(text, 2020) is None


def test_printed_year_wins_over_the_default_and_no_year_means_no_date():
    assert due_date("2019年5月底", 2020) == date(2019, 5, 31)
    assert due_date("5月底", None) is None


def test_chinese_numbers():
    assert [cn_number(s) for s in ("12", "十二", "二十三", "十", "二〇二一", "x")] == [12, 12, 23, 10, 2021, None]


@pytest.mark.parametrize(("text", "want"), [
    ("2024/12/31", date(2024, 12, 31)), ("2024-06-30前", date(2024, 6, 30)), ("2024-06", date(2024, 6, 30)),
    ("2024.6.30", date(2024, 6, 30)), ("2023年6月，2024/3/1前完成", date(2024, 3, 1)),
    ("2024-2025", None), ("完成8.5%", None), ("2024/13/1", None),
])
def test_dates_written_in_figures_as_spreadsheets_show_them(text, want):
    assert due_date(text, 2024) == want
