"""Merged cells and carried-over fields, task numbers, pairing tables, stitching."""

from __future__ import annotations

import pytest
from conftest import text_export

from extract.model import Cell, Document, Paragraph, Table
from extract.text import parse_text
from normalize import normalize_document

HEADER = ["序号", "重点领域", "重点任务", "完成时限", "责任单位", "配合单位", "备注"]


def records(grid, title="2021年重点任务分解表"):
    return normalize_document(parse_text(text_export(grid, before=[title])))


def test_text_export_carries_fields_every_task_has_and_not_optional_ones():
    rec = records([HEADER,
                   ["1", "产业协同", "任务一。", "2021年11月底", "区教委", "区科技局", "重点"],
                   ["2", "", "任务二。", "", "", "", ""]])
    first, second = rec.tasks
    assert second.area == "产业协同"
    assert second.deadline == "2021年11月底" and second.due_date.isoformat() == "2021-11-30"
    assert [u.unit for u in second.lead_units] == ["区教委"]
    assert second.support_units == [] and second.remarks == ""
    assert second.carried == ["area", "deadline", "lead"]
    assert first.carried == []


def test_blank_number_in_text_export_repeats_the_number_above():
    rec = records([HEADER, ["1", "A", "任务一。", "", "区教委", "", ""], ["", "", "任务二。", "", "", "", ""]])
    assert [t.task_no for t in rec.tasks] == [1, 1]
    assert "number" in rec.tasks[1].carried
    assert not any("twice" in w for w in rec.warnings)  # a merged 序号 is expected, not a duplicate


def _merged_table(support_merged: bool) -> Table:
    """Known merges (as docx/PDF give them): lead merged over two rows; support as asked."""
    cells = [Cell(0, c, [h], 1, 1) for c, h in enumerate(["序号", "重点任务", "责任单位", "配合单位"])]
    cells += [Cell(1, 0, ["1"], 1, 1), Cell(1, 1, ["任务一。"], 1, 1), Cell(1, 2, ["区教委"], 2, 1),
              Cell(1, 3, ["区科技局"], 2 if support_merged else 1, 1)]
    cells += [Cell(2, 0, ["2"], 1, 1), Cell(2, 1, ["任务二。"], 1, 1)]
    if not support_merged:
        cells.append(Cell(2, 3, [], 1, 1))
    return Table(3, 4, cells)


def test_known_merge_carries_whatever_the_column_and_blank_stays_blank():
    for merged in (True, False):
        doc = Document("x.docx", "docx", [Paragraph("任务表"), _merged_table(merged)])
        second = normalize_document(doc).tasks[1]
        assert [u.unit for u in second.lead_units] == ["区教委"]
        assert [u.unit for u in second.support_units] == (["区科技局"] if merged else [])
        assert ("support" in second.carried) == merged


def test_known_merges_do_not_carry_a_genuinely_blank_lead_cell():
    cells = [Cell(0, c, [h], 1, 1) for c, h in enumerate(["重点任务", "责任单位"])]
    cells += [Cell(1, 0, ["任务一。"], 1, 1), Cell(1, 1, ["区教委"], 1, 1),
              Cell(2, 0, ["任务二。"], 1, 1), Cell(2, 1, [], 1, 1)]
    rec = normalize_document(Document("x.docx", "docx", [Table(3, 2, cells)]))
    assert rec.tasks[1].lead_units == [] and rec.tasks[1].carried == []


def test_leading_number_becomes_task_no_without_a_number_column_and_is_stripped():
    grid = [["类别", "具体任务", "牵头单位"],
            ["产业", "协同招商。深化机制。", "县商务委"],
            ["", "2.共同推介重大项目。", ""],
            ["", "（3）确保引进3.5亿元以上。", ""],
            ["", "四、共享资源。", ""]]
    rec = records(grid)
    assert [(t.task_no, t.task) for t in rec.tasks] == [
        (1, "协同招商。深化机制。"), (2, "共同推介重大项目。"), (3, "确保引进3.5亿元以上。"), (4, "共享资源。")]


def test_numbering_gaps_and_repeats_are_warned():
    grid = [["序号", "重点任务"], ["1", "任务一。"], ["3", "任务三。"], ["3", "又一任务。"]]
    warns = records(grid).warnings
    assert any("jump from 1 to 3" in w for w in warns)
    assert any("3 appears twice" in w for w in warns)
    assert {t.task_no for t in records(grid).tasks} == {1, 3}
    ids = [(t.table_no, t.seq) for t in records(grid).tasks]
    assert len(set(ids)) == 3  # two tasks printed as 3 stay two tasks


def test_rows_without_task_text_are_not_tasks_and_repeated_headers_are_dropped():
    grid = [HEADER, ["1", "A", "任务一。", "", "区教委", "", ""], HEADER, ["", "", "", "", "", "", ""],
            ["2", "", "任务二。", "", "", "", ""]]
    assert [t.task for t in records(grid).tasks] == ["任务一。", "任务二。"]


def test_unknown_columns_are_kept_in_extra():
    rec = records([["序号", "重点任务", "责任单位", "督办意见"], ["1", "任务一。", "区教委", "按时报送"]])
    assert rec.tasks[0].extra == {"督办意见": "按时报送"}
    assert any("督办意见" in w and "no known header" in w for w in rec.warnings)


@pytest.mark.parametrize("slice_header", ["第二季度任务目标", "一季度目标", "10月工作计划", "上半年目标"])
def test_a_column_for_a_slice_of_the_year_is_not_the_task(slice_header: str):
    # w41_zhoucun: 年度目标 (the year's target) beside 第二季度任务目标 (the quarter's share, in
    # longer sentences): the year's target is the task, the quarter's is its detail.
    rec = records([["序号", "年度目标", slice_header, "责任单位"],
                   ["1", "坚守耕地保护红线，夯实粮食安全基础。",
                    "督促各镇办做好耕地保护监测图斑整改工作，对达到年度变更条件的进行变更；加强技术指导服务。", "区农业农村局"]])
    assert rec.tasks[0].task == "坚守耕地保护红线，夯实粮食安全基础。"
    assert slice_header in rec.tasks[0].extra


def test_a_column_naming_the_subject_is_the_task_over_a_longer_unknown_one():
    # z52_daying: 演练科目 names each drill; 情景构建 (no rule knows it) describes the scenario in
    # longer sentences: the header's kind decides before length does, the other goes to extra.
    rec = records([["演练科目", "情景构建", "牵头责任单位", "时限要求"],
                   ["危化品泄漏", "某化工厂危险化学品发生泄漏并燃烧，致6人受伤。", "县安委办", "4月底前完成方案"],
                   ["群体性事件", "自行构建演练情景", "县维稳办", "8月底前完成方案"]])
    assert [t.task for t in rec.tasks] == ["危化品泄漏", "群体性事件"]
    assert rec.tasks[1].extra == {"情景构建": "自行构建演练情景"}


def test_a_column_of_bare_figures_is_the_target_not_the_task():
    # z33_ningbo: 考核内容 holds the target values (≥75%) of the indicators 项目 names.
    rec = records([["序号", "项目", "考核内容", "考核评分标准", "责任单位"],
                   ["9", "工业用水重复利用率", "≥75%", "查看最近连续两年资料，每低5%扣1分。", "市经委"],
                   ["10", "节水型企业（单位）覆盖率", "≥15%", "查看上一年资料。达到5%得1分。", "市经委"],
                   ["11", "城市供水管网漏损率", "低于CJJ92-2002《城市供水管网漏损控制及评定标准》的指标",
                    "查看最近连续两年资料。", "市城管局"]])
    assert [t.task for t in rec.tasks] == ["工业用水重复利用率", "节水型企业（单位）覆盖率", "城市供水管网漏损率"]
    assert rec.tasks[0].extra["考核内容"] == "≥75%"


def test_a_place_column_is_kept_in_extra_and_groups_only_where_it_spans_tasks():
    # z91_ningguo: 任务分布情况 lists venues, which look like bodies but say where; no unit column.
    rec = records([["项目名称", "主要内容", "任务分布情况", "完成时限"],
                   ["一、公共体育场所免费开放项目", "全市公共体育场馆免费向社会开放。", "宁国市奥林匹克体育场、各学校体育场馆", "2021年12月底"],
                   ["二、公共体育基础设施建设项目", "建设牛头山公园体育场地设施。", "宁国市牛头山公园", "2021年4月1日前"]])
    assert [(t.task, t.lead_units) for t in rec.tasks] == [
        ("全市公共体育场馆免费向社会开放。", []), ("建设牛头山公园体育场地设施。", [])]
    assert rec.tasks[1].extra["任务分布情况"] == "宁国市牛头山公园"


def test_kinds_of_region_listed_with_brackets_head_the_unit_column():
    # z92_zhengzhou: 县(市)、区 lists the counties that answer for each row, as 县市区 does.
    rec = records([["县(市)、区", "工作任务", "项目责任人"], ["登封市", "建设水窖2200个。", "翟晓宾"],
                   ["新密市", "建设水窖3600个。", "桑萌莉"]])
    assert [([u.unit for u in t.lead_units], t.persons) for t in rec.tasks] == [(["登封市"], ["翟晓宾"]), (["新密市"], ["桑萌莉"])]


def test_a_name_column_beside_bare_content_names_the_item():
    # x14_hangzhouqu: 项目名称 | 内容 — the content of the project the row names (as 项目内容).
    rec = records([["项目名称", "内容", "牵头单位"],
                   ["婴幼儿童照护服务项目", "新增示范型儿童之家12家，新增婴幼儿照护服务托位180个以上。", "区民政局、区卫生健康局"]])
    assert rec.tasks[0].task == "婴幼儿童照护服务项目"
    assert rec.tasks[0].extra["内容"].startswith("新增示范型儿童之家")


def test_a_table_printed_without_its_header_is_read_by_its_content():
    # x51_bozhou: the page begins at row 1 (1 | 一、… | a sentence | 法规科 | a name | 2024年底前 | a
    # phone number): no header row; each column is read by what its cells hold, the group by its
    # merges.
    grid = [["1", "一、经济社会发展的主要预期目标", "农村常住居民人均可支配收入与全省同步增长。", "法规科", "潘秀峰", "2024年底前", "5555309"],
            ["2", "", "粮食产量100亿斤以上，确保粮食安全。", "市农技中心", "卢伯瑛", "2024年底前", "5555097"],
            ["3", "二、加快新型工业化进程", "农产品加工业产值增长15%以上，新增规上企业10家。", "产业科", "孙永峰", "2024年底前", "5555309"]]
    rec = normalize_document(parse_text(text_export(grid)))
    assert [(t.task_no, t.area, [u.unit for u in t.lead_units], t.persons, t.deadline) for t in rec.tasks] == [
        (1, "一、经济社会发展的主要预期目标", ["法规科"], ["潘秀峰"], "2024年底前"),
        (2, "一、经济社会发展的主要预期目标", ["市农技中心"], ["卢伯瑛"], "2024年底前"),
        (3, "二、加快新型工业化进程", ["产业科"], ["孙永峰"], "2024年底前")]
    assert rec.tasks[0].task == "农村常住居民人均可支配收入与全省同步增长。"


def test_pairing_table_gives_pairs_not_tasks():
    grid = [["序号\n序号", "渝中区", "巫溪县"], ["1", "区委组织部", "县委组织部"],
            ["2", "区招商投资局", "县发展改革委（县投资促进服务中心）、\n工业园区管委会"]]
    rec = records(grid, title="部门街镇结对帮扶表")
    assert rec.tasks == []
    assert [(p.pair_no, [(u.party, u.unit) for u in p.units]) for p in rec.pairings] == [
        (1, [("渝中区", "区委组织部"), ("巫溪县", "县委组织部")]),
        (2, [("渝中区", "区招商投资局"), ("巫溪县", "县发展改革委（县投资促进服务中心）"), ("巫溪县", "工业园区管委会")])]


def _cells(rows: list[list[str]]) -> list[Cell]:
    """Cells of a grid whose merges are known (one cell each, no spans)."""
    return [Cell(r, c, [t], 1, 1) for r, row in enumerate(rows) for c, t in enumerate(row)]


def test_a_table_split_in_two_with_its_header_repeated_is_stitched():
    header = ["序号", "重点任务", "责任单位"]
    text = text_export([header, ["1", "任务一。", "区教委"]]) + text_export([header, ["2", "任务二。", "区科技局"]])
    doc = parse_text(text)
    assert len(doc.tables) == 1  # the text reader already reads these as one grid ...
    split = Document("x.docx", "docx", [Table(2, 3, _cells([header, ["1", "任务一。", "区教委"]])),
                                        Table(2, 3, _cells([header, ["2", "任务二。", "区科技局"]]))])
    rec = normalize_document(split)  # ... and the normalizer stitches tables a format kept apart
    assert len(rec.tables) == 1 and [t.task_no for t in rec.tasks] == [1, 2]
    assert [t.source_row for t in rec.tasks] == [1, 2]


def test_deadline_year_comes_from_the_table_title_else_the_notice_date():
    grid = [["重点任务", "完成时限", "责任单位"], ["任务一。", "6月底前", "区教委"]]
    assert records(grid, title="2023年重点任务分解表").tasks[0].due_date.isoformat() == "2023-06-30"


def test_a_task_cell_holding_only_a_number_is_no_task():
    rec = records([["序号", "重点任务", "责任单位"], ["1", "任务一。", "区教委"], ["2", "2.", "区科技局"]])
    assert [t.task for t in rec.tasks] == ["任务一。"]


@pytest.mark.parametrize("note_in", ["header", "paragraph", "cell"])
def test_a_note_that_the_first_unit_leads_makes_the_others_support(note_in):
    """'排在第一位的为牵头单位' said once — in the header, a note below the table, or a bracket in a
    cell — holds for every unit cell of the notice; the note is no part of a unit's name."""
    header = "责任单位（排在第一位的为牵头单位）" if note_in == "header" else "责任单位"
    second = "县财政局、县统计局（排在第一位的为牵头单位，下同）" if note_in == "cell" else "县财政局、县统计局"
    grid = [["序号", "工作任务", header], ["1", "建立台账\n完善制度", "县发改局、县住建局、县水利局"], ["2", "开展核查", second]]
    after = "\n注：排在第一位的为牵头单位。\n" if note_in == "paragraph" else ""
    rec = normalize_document(parse_text(text_export(grid, ["关于印发工作方案的通知"]) + after, "t.txt"))
    assert [[u.unit for u in t.lead_units] for t in rec.tasks] == [["县发改局"], ["县财政局"]]
    assert [[u.unit for u in t.support_units] for t in rec.tasks] == [["县住建局", "县水利局"], ["县统计局"]]


def test_first_unit_note_leaves_a_table_with_its_own_support_column_alone():
    grid = [["序号", "工作任务", "牵头单位", "配合单位"], ["1", "建立台账\n完善制度", "县发改局、县住建局", "县水利局"]]
    text = text_export(grid, ["关于印发工作方案的通知"]) + "\n注：排在第一位的为牵头单位。\n"
    rec = normalize_document(parse_text(text, "t.txt"))
    assert [u.unit for u in rec.tasks[0].lead_units] == ["县发改局", "县住建局"]
    assert [u.unit for u in rec.tasks[0].support_units] == ["县水利局"]


def test_a_text_exports_two_level_header_keeps_its_lower_row():
    """Merges lost: the lower header row fills the gaps of the one above (目标任务 across two
    columns) and leaves gaps under the headers merged down (序号, 牵头单位)."""
    grid = [["序号", "目标任务", "", "牵头单位", "工作进度", ""],
            ["", "重点工作", "主要内容", "", "10月完成情况", "情况说明"],
            ["1", "教育设施", "新建学校两所。", "区教育局", "桩基施工完成。", "无"],
            ["2", "", "改造操场三处。", "", "已完工。", "无"]]
    rec = normalize_document(parse_text(text_export(grid, ["关于印发民生实事项目的通知"]), "t.txt"))
    assert rec.tables[0].columns[:3] == ["序号", "目标任务/重点工作", "目标任务/主要内容"]
    assert rec.tables[0].columns[3] == "牵头单位"
    assert [(t.area, t.task, [u.unit for u in t.lead_units], t.progress) for t in rec.tasks] == [
        ("教育设施", "新建学校两所。", ["区教育局"], "桩基施工完成。"), ("教育设施", "改造操场三处。", ["区教育局"], "已完工。")]


def test_a_cell_over_the_group_and_the_task_column_is_the_task_not_its_group():
    """d4_yueyanglou: 省重点民生实事项目名称 heads two columns; an item printed across both has
    no group (its cell is its task), an item split into sub-tasks gives the group on the left."""
    header = [Cell(0, 0, ["序号"], 1, 1), Cell(0, 1, ["省重点民生实事项目名称"], 1, 2), Cell(0, 3, ["责任单位"], 1, 1)]
    cells = [*header, Cell(1, 0, ["1"], 1, 1), Cell(1, 1, ["新增城镇就业"], 1, 2), Cell(1, 3, ["人社局"], 1, 1),
             Cell(2, 0, ["2"], 2, 1), Cell(2, 1, ["深化养老保险制度改革"], 2, 1), Cell(2, 2, ["完成在职参保人数6300人"], 1, 1),
             Cell(2, 3, ["区人社局"], 1, 1), Cell(3, 2, ["完成征缴基金10000万元"], 1, 1), Cell(3, 3, ["区人社局"], 1, 1)]
    merged = normalize_document(Document("x.docx", "docx", [Paragraph("完成情况表"), Table(4, 4, cells)])).tasks
    exported = records([["序号", "省重点民生实事项目名称", "", "责任单位"],
                        ["1", "新增城镇就业", "", "人社局"],
                        ["2", "深化养老保险制度改革", "完成在职参保人数6300人", "区人社局"],
                        ["", "", "完成征缴基金10000万元", "区人社局"]], title="完成情况表").tasks
    for tasks in (merged, exported):
        assert [(t.task_no, t.area, t.task) for t in tasks] == [
            (1, "", "新增城镇就业"), (2, "深化养老保险制度改革", "完成在职参保人数6300人"),
            (2, "深化养老保险制度改革", "完成征缴基金10000万元")]


def test_a_note_or_total_row_under_the_tasks_is_no_task():
    """d6_qu: 备注 over the group and number columns, the note in the task column, is the table's
    note (a warning says so); a 合计 row likewise."""
    header = ["类别", "序号", "考核细则", "扣分"]
    rec = records([header, ["督查", "1", "上报实施方案。", "未报扣10分"], ["", "2", "上报总结报告。", "扣5分"],
                   ["备注", "", "仅有列督事项的单位,扣分加倍。", "加倍"], ["合计", "", "", "15分"]])
    assert [t.task for t in rec.tasks] == ["上报实施方案。", "上报总结报告。"]
    assert any("row 4 is a note row" in w for w in rec.warnings)


def test_a_title_row_in_the_table_is_its_title_and_the_header_is_below_it():
    """d9_yangxian: 洋县2024年十大民生实事项目清单 in one cell across the table, the header under it;
    the project named in 项目名称 is the task, 建设内容 its description."""
    grid = [["洋县2024年十大民生实事项目清单", "", "", "", ""],
            ["序号", "项目名称", "建设时间", "2024年建设内容", "责任单位"],
            ["1", "城北小学门前道路建设项目", "2024", "建成唐塔北路延伸段道路。", "住建局"],
            ["2", "老旧小区改造项目", "2024", "实施三所老旧小区房屋功能改善。", "住建局"]]
    cells = [Cell(0, 0, [grid[0][0]], 1, 5)] + [Cell(r, c, [t], 1, 1) for r in (1, 2, 3) for c, t in enumerate(grid[r])]
    merged = normalize_document(Document("x.docx", "docx", [Paragraph("洋县人民政府"), Table(4, 5, cells)]))
    exported = records(grid, title="洋县人民政府")
    for rec in (merged, exported):
        assert rec.tables[0].title == "洋县2024年十大民生实事项目清单"
        assert rec.tables[0].columns == grid[1]
        assert [(t.task, t.due_date.isoformat()) for t in rec.tasks] == [
            ("城北小学门前道路建设项目", "2024-12-31"), ("老旧小区改造项目", "2024-12-31")]


def test_a_project_merged_over_its_works_groups_them():
    """c5_jiangbei: 项目 merged over two rows of 建设内容 — the works are the tasks, the project
    their group (where 项目名称 is one per row, as in d9_yangxian, the project is the task)."""
    cells = [Cell(0, c, [h], 1, 1) for c, h in enumerate(["序号", "项目", "责任单位", "建设内容"])]
    cells += [Cell(1, 0, ["1"], 2, 1), Cell(1, 1, ["完善交通基础设施"], 2, 1), Cell(1, 2, ["区交通局"], 2, 1),
              Cell(1, 3, ["实施宏图路提升改造工程。"], 1, 1), Cell(2, 3, ["实施寺慈线路面提升工程。"], 1, 1)]
    rec = normalize_document(Document("x.docx", "docx", [Paragraph("民生实事项目"), Table(3, 4, cells)]))
    assert [(t.area, t.task) for t in rec.tasks] == [("完善交通基础设施", "实施宏图路提升改造工程。"),
                                                      ("完善交通基础设施", "实施寺慈线路面提升工程。")]


def test_a_section_row_at_the_top_of_a_headerless_part_is_no_title():
    """One cell across the top is the table's title only when a header stands under it: above a
    task row it is a section (一、…), and the row under it stays a task."""
    from normalize.tables import title_rows

    rows = [["一、基础设施", "", "", ""], ["1", "实施宏图路提升改造工程。", "区交通局", "2023年底"],
            ["2", "实施通惠路改造工程。", "区住建局", "2023年底"]]
    cells = [Cell(0, 0, [rows[0][0]], 1, 4)] + [Cell(r, c, [t], 1, 1) for r in (1, 2) for c, t in enumerate(rows[r])]
    assert title_rows(Table(3, 4, cells)) == (None, 0)


def test_a_header_over_two_columns_naming_two_things_names_them_in_order():
    """e3_yueyang: 工程类别与名称 over two columns — the category merged over the works, the name of
    each work beside it: the category is the area, the name the task (no other column names it)."""
    header = ["序号", "工程类别与名称", "工程类别与名称", "工程目的", "牵头单位", "完成时限"]
    cells = [Cell(0, 0, ["序号"], 1, 1), Cell(0, 1, ["工程类别与名称"], 1, 2)]
    cells += [Cell(0, c, [h], 1, 1) for c, h in enumerate(header) if c >= 3]
    cells += [Cell(1, 0, ["1"], 1, 1), Cell(1, 1, ["完善环南湖截污管网"], 2, 1), Cell(1, 2, ["完善管网规划"], 1, 1),
              Cell(1, 3, ["雨污分流"], 1, 1), Cell(1, 4, ["市规划局"], 1, 1), Cell(1, 5, ["2013年底完成"], 1, 1),
              Cell(2, 0, ["2"], 1, 1), Cell(2, 2, ["环湖新建区分流制管网建设"], 1, 1), Cell(2, 3, ["同步截污"], 1, 1),
              Cell(2, 4, ["市住建局"], 1, 1), Cell(2, 5, ["2014年完成"], 1, 1)]
    merged = normalize_document(Document("x.docx", "docx", [Paragraph("工程表"), Table(3, 6, cells)]))
    exported = records([["序号", "工程类别与名称", "", "工程目的", "牵头单位", "完成时限"],
                        ["1", "完善环南湖截污管网", "完善管网规划", "雨污分流", "市规划局", "2013年底完成"],
                        ["2", "", "环湖新建区分流制管网建设", "同步截污", "市住建局", "2014年完成"]], title="工程表")
    for rec in (merged, exported):
        assert [(t.area, t.task, str(t.due_date)) for t in rec.tasks] == [
            ("完善环南湖截污管网", "完善管网规划", "2013-12-31"),
            ("完善环南湖截污管网", "环湖新建区分流制管网建设", "2014-12-31")]
        assert rec.tasks[0].extra == {"工程目的": "雨污分流"}


WENZHOU = [["项目", "", "", "分值", "考核内容"],
           ["重点指标", "经济类指标", "综合指标(9个)", "570", "考核地区生产总值等9项指标。"],
           ["", "", "专项指标(4个)", "70", "考核工商企业在册数等4项指标。"],
           ["", "生态类指标(4个)", "", "80", "考核主要污染物排放总量控制指标等4项指标。"],
           ["重点工作", "经济发展", "实体经济", "155", "考核小微创业园等6项工作。"]]


def test_the_lowest_level_under_a_header_over_group_columns_is_a_group_too():
    """e1_wenzhou: 项目 over three columns, the first two merged over rows, the third one label a
    row: all three are levels of the area. 生态类指标 spans the second and third level: it is
    one level, and in a text export (where its span is lost) the third level above it does not
    run on into it — a lower level never goes on past a new group above it."""
    cells = [Cell(0, 0, ["项目"], 1, 3), Cell(0, 3, ["分值"], 1, 1), Cell(0, 4, ["考核内容"], 1, 1),
             Cell(1, 0, ["重点指标"], 3, 1), Cell(1, 1, ["经济类指标"], 2, 1), Cell(1, 2, ["综合指标(9个)"], 1, 1),
             Cell(2, 2, ["专项指标(4个)"], 1, 1), Cell(3, 1, ["生态类指标(4个)"], 1, 2),
             Cell(4, 0, ["重点工作"], 1, 1), Cell(4, 1, ["经济发展"], 1, 1), Cell(4, 2, ["实体经济"], 1, 1)]
    cells += [Cell(r, c, [WENZHOU[r][c]], 1, 1) for r in range(1, 5) for c in (3, 4)]
    merged = normalize_document(Document("x.docx", "docx", [Paragraph("考核项目"), Table(5, 5, cells)]))
    for rec in (merged, records(WENZHOU, title="考核项目")):
        assert [t.area for t in rec.tasks] == ["重点指标／经济类指标／综合指标(9个)", "重点指标／经济类指标／专项指标(4个)",
                                               "重点指标／生态类指标(4个)", "重点工作／经济发展／实体经济"]
        assert rec.tasks[0].task == "考核地区生产总值等9项指标。"


def test_a_plan_column_is_not_the_task_its_labels_head():
    """e1_shi: 考核内容 names what is examined (节能工作组织和领导情况); 评分标准 lists numbered
    scoring steps in every cell (1.…分；2.…分): a plan for the item, never the task, so 考核内容
    is not taken for the group heading it."""
    rec = records([["考核指标", "序号", "考核内容", "分值", "评分标准"],
                   ["节能措施(60分)", "2", "节能工作组织和领导情况", "2", "1.建立统计体系,1分;\n2.建立协调机制,1分。"],
                   ["", "3", "节能目标分解和落实情况", "3", "1.节能目标逐级分解,1分;\n2.开展检查和考核,1分。"]],
                  title="节能目标考核表")
    assert [(t.area, t.task) for t in rec.tasks] == [("节能措施(60分)", "节能工作组织和领导情况"),
                                                      ("节能措施(60分)", "节能目标分解和落实情况")]


def test_names_before_measures_are_the_tasks():
    """e3_shucheng: 重点工作 gives each item a short name (林长制工作), 基本措施 says in sentences
    how it is done — both headed as the task: the name is the task, the measures extra."""
    rec = records([["负责领导", "序号", "重点工作", "基本措施", "牵头部门"],
                   ["胡久松", "6", "林长制工作", "推动林长制各项制度有效落实;大力推进林长制改革创新点建设。", "县林业局"],
                   ["胡久松", "7", "松材线虫病防治", "开展疫木清理,落实日常监测和除治责任,完成年度防治任务。", "县林业局"]],
                  title="2024年重点工作")
    assert [t.task for t in rec.tasks] == ["林长制工作", "松材线虫病防治"]
    assert "基本措施" in rec.tasks[0].extra


def test_title_rows_over_a_form_give_the_title_and_no_header_level():
    # 涪城's inspection plan: 附件5 | its title | 填表单位:… — three one-cell rows over the header.
    n = 5
    grid = [["附件5"] + [""] * (n - 1), ["行政检查计划统计表"] + [""] * (n - 1),
            ["填表单位:某区教育和体育局 填报时间:2026年02月03日"] + [""] * (n - 1),
            ["序号", "任务名称", "实施主体", "任务日期", "检查对象"],
            ["1", "体育培训机构日常检查", "某区教育和体育局", "2026.01.01-2026.12.31", "体育培训机构"]]
    cells = []
    for r, row in enumerate(grid):
        if r < 3:
            cells.append(Cell(r, 0, [row[0]], rowspan=1, colspan=n))
        else:
            cells += [Cell(r, c, [t], rowspan=1, colspan=1) for c, t in enumerate(row)]
    rec = normalize_document(Document("x.docx", "docx", [Table(len(grid), n, cells)]))
    (task,) = rec.tasks
    assert (rec.tables[0].title, task.task, task.area) == ("行政检查计划统计表", "体育培训机构日常检查", "")
    assert ([u.unit for u in task.lead_units], task.due_date.isoformat()) == (["某区教育和体育局"], "2026-12-31")


def test_numbered_rows_over_unnumbered_tasks_in_a_text_export_are_sections():
    # t32_zhejiangnyt: a form whose only filled column is the task; its section rows (一、…) span
    # the table, which a text export shows as a first cell with blanks beside it, as every row.
    grid = [["主要指标", "目标任务", "完成情况"], ["一、加快发展现代农业", "", ""], ["冬绿肥示范基地", "", ""],
            ["秸秆还田面积", "", ""], ["二、加强农业科技教育", "", ""], ["推广水稻主导品种", "", ""]]
    rec = records(grid, title="主要目标任务量化指标完成情况表")
    assert [(t.area, t.task) for t in rec.tasks] == [("一、加快发展现代农业", "冬绿肥示范基地"),
                                                    ("一、加快发展现代农业", "秸秆还田面积"),
                                                    ("二、加强农业科技教育", "推广水稻主导品种")]
