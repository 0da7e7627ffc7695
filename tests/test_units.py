"""Unit cells: wraps inside a name vs breaks between names, separators, role words."""

from __future__ import annotations

import pytest

from normalize.units import judge_break, split_people, split_units


def names(lines, role="lead", **kw):
    return [u.unit for u in split_units(lines, role, **kw)]


@pytest.mark.parametrize(("lines", "want"), [
    (["区经济信息委", "区招商中心", "凤来新城指", "挥部办公室"], ["区经济信息委", "区招商中心", "凤来新城指挥部办公室"]),
    (["区喀斯特", "（集团）公司"], ["区喀斯特（集团）公司"]),
    (["县发展改革", "委（县投资促进服务", "中心）"], ["县发展改革委（县投资促进服务中心）"]),
    (["县生态环境局、", "县林业局"], ["县生态环境局", "县林业局"]),
    (["区农业农村委", "区扶贫办"], ["区农业农村委", "区扶贫办"]),
    (["有关街道办事处", "有关乡镇人民政府"], ["有关街道办事处", "有关乡镇人民政府"]),
])
def test_wrapped_names_are_joined_and_separate_names_kept_apart(lines, want):
    assert names(lines) == want


def test_separators_split_outside_brackets_only():
    assert names(["县发展改革委（县投资促进服务中心、县商务委）、县林业局；区教委,区科技局，区商务委"]) == [
        "县发展改革委（县投资促进服务中心、县商务委）", "县林业局", "区教委", "区科技局", "区商务委"]


def test_trailing_deng_and_full_stop_are_not_part_of_a_name():
    assert names(["区教委、区科技局等部门。"]) == ["区教委", "区科技局"]
    assert names(["各乡镇等"]) == ["各乡镇"]


def test_role_words():
    units = split_units(["办公室牵头，各科室配合"], "lead")
    assert [(u.unit, u.role) for u in units] == [("办公室", "lead"), ("各科室", "support")]
    assert names(["区发展改革委分别牵头落实"]) == ["区发展改革委"]
    assert names(["区财政局负责"]) == ["区财政局"]
    assert [(u.unit, u.role) for u in split_units(["区商务委、区文化旅游委协助"], "lead")] == [
        ("区商务委", "support"), ("区文化旅游委", "support")]


def test_see_note_in_brackets_is_dropped_other_brackets_kept():
    assert names(["各区县政府（见附件1，下同）"]) == ["各区县政府"]
    assert names(["县发展改革委（县投资促进服务中心）"]) == ["县发展改革委（县投资促进服务中心）"]


def test_empty_and_duplicate_units():
    assert names([]) == []
    assert names(["区教委", "区教委"]) == ["区教委"]


def test_layout_hint_outweighs_the_name_ending():
    # A PDF line that runs to the cell edge wraps even though it ends like a name (区委|组织部).
    assert names(["区委", "组织部"], line_ends=[False, True]) == ["区委组织部"]
    assert names(["区委", "组织部"], line_ends=[True, True]) == ["区委", "组织部"]


def test_close_calls_are_reported():
    d = judge_break("区招商投资", "区就业和人才中心")
    assert d.wrap and d.close_call
    assert not judge_break("区教委", "区科技局").close_call


def test_leaders_are_split_per_line_and_never_joined_by_name_endings():
    assert split_people(["张三", "李四（副区长，", "分管工业）", "王五、赵六"]) == [
        "张三", "李四（副区长，分管工业）", "王五", "赵六"]


@pytest.mark.parametrize(("cell", "want"), [
    ("区政府办会同各有关单位、各镇(街)办理。", [("区政府办", "lead"), ("各有关单位", "support"), ("各镇(街)", "support")]),
    ("宣传处会办公室", [("宣传处", "lead"), ("办公室", "support")]),  # 会 written for 会同
    ("区管委会办公室", [("区管委会办公室", "lead")]),  # 会 completing 管委会 is no 会同
    ("局防控办主办、各工作组协办", [("局防控办", "lead"), ("各工作组", "support")]),
    ("各有关单位做好发布工作,区政务服务数据管理局做好技术支持和指导。",
     [("各有关单位", "lead"), ("区政务服务数据管理局", "support")]),
    ("区市场监管局牵头办理,在工作中加强与上级单位沟通对接。", [("区市场监管局", "lead")]),
    ("司法所牵头,党政综合办配合,各有关单位按职能分工落实",
     [("司法所", "lead"), ("党政综合办", "support"), ("各有关单位", "lead")]),
    ("县委组织部", [("县委组织部", "lead")]),
    ("区发改局区统计局", [("区发改局", "lead"), ("区统计局", "lead")]),  # run together in a copy
    ("区工业园区管委会", [("区工业园区管委会", "lead")]),
    ("州就业工作领导小组各成员单位", [("州就业工作领导小组各成员单位", "lead")]),  # its members, not a name
    ("上級部門制定的規范性文件由對口部門公開", [("對口部門", "lead")]),  # a rule: who does it comes after 由
    ("信息由各部门负责发布", [("各部门", "lead")]),
    ("★财政局、税务局", [("财政局", "lead"), ("税务局", "lead")]),
])
def test_unit_cells_written_as_sentences(cell, want):
    assert [(u.unit, u.role) for u in split_units([cell], "lead")] == want


def test_letter_spaced_and_space_separated_people():
    assert split_people(["陆 明俞 悦"]) == ["陆明", "俞悦"]
    assert split_people(["张三 李四"]) == ["张三", "李四"]
    assert split_people(["俞  悦"]) == ["俞悦"]


@pytest.mark.parametrize(("lines", "want"), [
    (["区经济信息委", "区招商中心"], ["区经济信息委", "区招商中心"]),
    (["区农业农村委", "区扶贫办"], ["区农业农村委", "区扶贫办"]),
    (["区发展改革委", "有关街道办事处"], ["区发展改革委", "有关街道办事处"]),
    (["凤来新城指", "挥部办公室"], ["凤来新城指挥部办公室"]),  # a real wrap still joins
    (["区委", "组织部"], ["区委组织部"]),
])
def test_a_name_that_fills_its_line_in_a_narrow_column_is_not_glued_to_the_next(lines, want):
    # The PDF says every line but the last runs to the cell edge (a wrap, by geometry alone).
    assert names(lines, line_ends=[False] * (len(lines) - 1) + [True]) == want


def test_names_separated_only_by_a_blank_are_split_a_spaced_out_name_is_not():
    from normalize.units import split_units

    assert [u.unit for u in split_units(["安监站 安监所"], "lead")] == ["安监站", "安监所"]
    assert [u.unit for u in split_units(["超限站 公路站 交警六中队"], "lead")] == ["超限站", "公路站", "交警六中队"]
    assert [u.unit for u in split_units(["市 发改委"], "lead")] == ["市发改委"]


def test_a_blank_taken_by_a_wrap_still_separates_names():
    """d2_taihutuying (PDF, narrow column): 农村办 规划建设办 国土所 村(社区) printed as 农村办 规 /
    划建设办 / 国土所 村 / (社区); the blank after 规划建设办 fell at the line end."""
    lines, ends = ["农村办 规", "划建设办", "国土所 村", "(社区)"], [False, False, False, True]
    assert names(lines, line_ends=ends) == ["农村办", "规划建设办", "国土所", "村(社区)"]
    assert names(["区 发展", "改革委"], line_ends=[False, True]) == ["区发展改革委"]  # a spaced-out name


def test_names_run_together_are_cut_where_the_notice_prints_one_of_them_alone():
    """d2_xuzhuang: 文化站 派出所工商质监所 beside a cell 工商质监所 安监站; a generic 办公室 seen
    alone never cuts 区政府办公室."""
    from normalize.units import known_names

    known = known_names([["工商质监所 安监站"], ["办公室"]])
    assert [u.unit for u in split_units(["文化站 派出所工商质监所"], "lead", known=known)] == \
        ["文化站", "派出所", "工商质监所"]
    assert [u.unit for u in split_units(["区政府办公室"], "lead", known=known)] == ["区政府办公室"]
    assert [u.unit for u in split_units(["县人民政府办公室"], "lead", known=known)] == ["县人民政府办公室"]
    assert [u.unit for u in split_units(["派出所工商质监所"], "lead")] == ["派出所工商质监所"]  # nothing seen


def test_a_responsible_body_named_by_its_role_before_an_adverb_and_its_work():
    """d8_zhangdian: a unit cell written as a sentence names 区各行政规范性文件制定主体 (a 主体 is a
    body) before 具体落实 (an adverb before the work it does)."""
    cell = ("区司法局牵头区级规范性文件集中公开工作,区各行政规范性文件制定主体具体落实;"
            "各成员单位负责做好本单位行政规范性文件集中公开工作")
    assert names([cell]) == ["区司法局", "区各行政规范性文件制定主体", "各成员单位"]


def test_a_list_broken_after_its_separator_keeps_its_role_word():
    """d5_huaiyuanyb (PDF, narrow column): 办公室牵头,局各股室、| 局属各中心配合 — the 配合 at the end
    of the second line speaks for 局各股室 too."""
    units = split_units(["办公室牵头,局各股室、", "局属各中心配合"], "lead", [False, True])
    assert [(u.unit, u.role) for u in units] == [("办公室", "lead"), ("局各股室", "support"), ("局属各中心", "support")]


def test_names_typed_on_lines_of_their_own_cut_names_run_together():
    """d13_lueyang: 文化宣传股 / 文化馆 / 图书馆 typed on three lines of one cell; in the cells
    below, 文化宣传股文化馆 lost its break. Such lines cut a run-together name but never join or
    break lines (a name may be typed over two: 区新兴产业 / 服务中心)."""
    from normalize.units import unit_conventions

    conv = unit_conventions([["文化宣传股", "文化馆", "图书馆"], ["文化宣传股文化馆"]], [],
                            typed=[["文化宣传股", "文化馆", "图书馆"]])
    assert names(["文化宣传股文化馆"], known=conv.known, printed=conv.printed) == ["文化宣传股", "文化馆"]
    assert names(["文化宣传股文化馆"], known=conv.known) == ["文化宣传股文化馆"]


def test_a_list_without_a_role_word_between_lead_and_support_is_support():
    """f3_jiangmen: (市建设局、市交通局牵头，市高新区管委会，蓬江区政府、江海区政府配合) — the role
    word closes the list it ends, so the 管委会 between the two lists supports."""
    got = split_units(["市建设局、市交通局牵头,市高新区管委会,蓬江区政府、江海区政府配合"], "lead")
    assert [(u.unit, u.role) for u in got] == [("市建设局", "lead"), ("市交通局", "lead"), ("市高新区管委会", "support"),
                                               ("蓬江区政府", "support"), ("江海区政府", "support")]
    # Without a 配合 list after it, a name keeps the column's role.
    assert [u.role for u in split_units(["市建设局牵头,市高新区管委会"], "lead")] == ["lead", "lead"]



def test_the_first_leads_note_is_read_over_a_printed_line_break():
    from normalize.units import first_listed_leads

    # h2_tongxiang in another PDF layout: the bracket of the note breaks after 列第一位.
    assert first_listed_leads(["责任单位:财政局、发改局、经信局、科技局、商务局、人才办、金融发展服务",
                               "中心、服务业局、建设局、农业农村局、文化和广电旅游体育局、工商联(列第一位",
                               "者为牵头或汇总单位,下同)"])
    assert not first_listed_leads(["责任单位：区财政局、区发改局", "各单位要按照分工牵头做好工作。"])
    assert not first_listed_leads([])  # a notice without a word of text


# Learned on the corpus's layout probe and its q-round notices (登封徐庄 in a narrow PDF column,
# 东莞 and 吉林 copies in traditional characters, 广西农机中心's 各部室按业务分工负责).
def test_a_blank_printed_at_the_line_end_parts_two_names():
    # A PDF's wrap fell on the blank between them: 工商质监所␣ | 安监站.
    assert names(["工商质监所 ", "安监站"], line_ends=[False, True]) == ["工商质监所", "安监站"]
    assert names(["工商质监所", "安监站"], line_ends=[False, True]) == ["工商质监所安监站"]


def test_a_name_a_blank_closes_in_one_cell_cuts_names_run_together_in_another():
    from normalize.units import known_names
    known = known_names([["工商质监所 ", "安监站"], ["文化站 派出", "所工商质监", "所"]])
    assert "工商质监所" in known and "派出" not in known
    assert names(["文化站 派出所工商质监所"], known=known) == ["文化站", "派出所", "工商质监所"]


def test_role_words_are_read_in_traditional_characters_too():
    units = split_units(["市人力資源社會保障局、市稅務局負責"], "lead")
    assert [(u.unit, u.role) for u in units] == [("市人力資源社會保障局", "lead"), ("市稅務局", "lead")]
    assert [(u.unit, u.role) for u in split_units(["縣教育局配合"], "lead")] == [("縣教育局", "support")]


def test_a_manner_before_the_role_word_goes_with_it():
    assert names(["各部室按业务分工负责"]) == ["各部室"]
    assert names(["县工信局、县生态环境局按职责分工负责"]) == ["县工信局", "县生态环境局"]


def test_a_bracket_after_a_blank_is_the_names_own_and_a_region_before_a_blank_is_no_name():
    assert names(["市安委办 (工作专班办公室)"]) == ["市安委办(工作专班办公室)"]
    assert names(["各县区(开发区) 安委会"]) == ["各县区(开发区) 安委会"]  # one name, as printed
    assert names(["安监站 安监所"]) == ["安监站", "安监所"]


def test_a_label_whose_colon_was_lost_is_no_name():
    assert names(["责任单位;住建局、畜牧局、各乡镇场"]) == ["住建局", "畜牧局", "各乡镇场"]


def test_the_first_leads_note_as_the_last_clause_of_a_bracket_in_traditional_characters():
    from normalize.units import drop_first_leads_note, first_listed_leads
    text = "市發展改革委、市財政局等負責,列第一位者為牽頭單位,下同"
    assert first_listed_leads([text])
    assert drop_first_leads_note(text) == "市發展改革委、市財政局等負責"


@pytest.mark.parametrize(("cell", "lead", "support"), [
    # n2_henan, u22_xianyang: after a list that leads outright, those who answer 按职责分工 take part.
    ("省发展改革委牵头，省商务厅、财政厅按职责分工负责", ["省发展改革委"], ["省商务厅", "财政厅"]),
    ("市政府辦公室牽頭,市級各有關部門按職責分工負責", ["市政府辦公室"], ["市級各有關部門"]),
    ("省商务厅、财政厅按职责分工负责", ["省商务厅", "财政厅"], []),  # no lead named: they lead
    # u21_xian, u63_xuancheng: 等 and the bodies it stands for go.
    ("市财政局等市级相关单位", ["市财政局"], []), ("市税务局等市有关单位", ["市税务局"], []),
])
def test_role_words_and_trailing_deng_across_a_cell(cell, lead, support):
    units = split_units([cell], "lead")
    assert [u.unit for u in units if u.role == "lead"] == lead
    assert [u.unit for u in units if u.role == "support"] == support


@pytest.mark.parametrize(("lines", "want"), [
    (["县委县政府", "督查室"], ["县委县政府督查室"]),  # u54_jianli: the government's own office
    (["市政府", "各部门"], ["市政府各部门"]),  # u63_xuancheng in PDF: its departments
    (["县政府", "县财政局"], ["县政府", "县财政局"]),  # a body with a place of its own: two names
    (["县委办", "县政府办"], ["县委办", "县政府办"]),
])
def test_an_office_or_the_departments_of_the_government_above_are_its_own(lines, want):
    assert [u.unit for u in split_units(lines, "lead")] == want
