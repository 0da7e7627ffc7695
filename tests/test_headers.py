"""Headers → canonical fields; columns judged by content where no header matches."""

from __future__ import annotations

import pytest

from normalize.columns import PARTY, assign_columns, is_extra
from normalize.headers import clean_header, match_header


@pytest.mark.parametrize(("header", "field"), [
    ("序号", "number"), ("编号", "number"),
    ("重点领域", "area"), ("协同发展事项", "area"), ("类别", "area"), ("领域", "area"),
    ("重点任务", "task"), ("具体任务", "task"), ("工作任务", "task"), ("任务内容", "task"), ("重点工作", "task"),
    ("2021年重点任务", "task"),
    ("完成时限", "deadline"), ("完成时间", "deadline"), ("时间节点", "deadline"), ("时限", "deadline"),
    ("责任单位", "lead"), ("牵头单位", "lead"), ("牵头责任单位", "lead"),
    ("配合单位", "support"), ("协同单位", "support"), ("参与单位", "support"),
    ("责任领导", "leader"), ("分管领导", "leader"), ("备注", "remarks"),
    ("责任单位（排第一位的为牵头单位）", "lead"),
])
def test_synonyms(header, field):
    assert match_header(header).field == field


def test_region_before_a_unit_header_is_the_party():
    m = match_header("巫溪县牵头责任单位")
    assert (m.field, m.party) == ("lead", "巫溪县")
    assert match_header("责任单位").party is None


def test_header_split_over_lines_and_printed_twice():
    assert clean_header(["巫溪县牵头", "责任单位"]) == "巫溪县牵头责任单位"
    assert clean_header(["序号", "序号"]) == "序号"
    assert clean_header(["序 号"]) == "序号"


def fields(headers, body):
    return [c.field for c in assign_columns([[[h]] for h in headers], body)]


def test_unknown_header_is_kept_as_extra_not_dropped():
    assert fields(["序号", "工作任务", "督办意见"], [["1", "推进协同发展工作，形成合力。", "按时报送"]]) == [
        "number", "task", None]
    # The units that check the work (督办科室) are understood, and kept in extra: not the lead.
    assert fields(["序号", "工作任务", "督办科室"], [["1", "推进协同发展工作，形成合力。", "一科"]]) == [
        "number", "task", "oversight"]


def test_content_decides_where_no_header_matches():
    body = [["1", "区教委", "建立结对帮扶机制，推动优质教育资源共享。"],
            ["2", "区科技局", "开展科技交流活动，促进科技成果转化。"]]
    assert fields(["甲", "乙", "丙"], body) == ["number", "lead", "task"]


def test_the_header_kind_decides_the_task_before_length_and_a_per_row_requirement_is_no_group():
    body = [["产业协同", "建立协同招商机制，共同推介重大项目，促进联合引资。"],
            ["科技协作", "开展科研合作和科技成果转化应用，组织技术培训。"]]
    # 工作任务 names the task; 具体要求 differs on every row after it: its detail, in extra.
    assert fields(["工作任务", "具体要求"], body) == ["task", None]
    # A column before the task groups it only when its cells stand for several items (merged),
    # or are numbered a level above the task's, or stand unnumbered before numbered items.
    assert fields(["工作目标", "具体措施"], body) == [None, "task"]
    merged = assign_columns([[["工作目标"]], [["具体措施"]]], body + body, runs=[[(0, 1), (2, 3)], []])
    assert [c.field for c in merged] == ["area", "task"]
    numbered = [["明确工作机构", "1.加强政务公开工作组织领导，依法确定负责人。"],
                ["健全工作制度", "2.制定或完善本单位政务公开工作相关制度。"]]
    assert fields(["工作任务", "具体要求"], numbered) == ["area", "task"]


def test_region_headed_columns_are_parties_and_two_level_headers_give_meaning():
    cols = assign_columns([[["序号"]], [["渝中区"]], [["巫溪县"]]], [["1", "区委组织部", "县委组织部"]])
    assert [(c.field, c.party) for c in cols] == [("number", None), (PARTY, "渝中区"), (PARTY, "巫溪县")]
    cols = assign_columns([[["责任单位"], ["牵头单位"]], [["责任单位"], ["配合单位"]],
                           [["牵头责任单位"], ["渝中区"]]], [["区教委", "区科技局", "区商务委"]])
    assert [(c.field, c.party) for c in cols] == [("lead", None), ("support", None), ("lead", "渝中区")]


@pytest.mark.parametrize(("header", "field"), [
    ("起止年限", "period"), ("建设起止年限", "period"), ("建設起止年限", "period"),
    ("数据来源", "source"), ("完成年限", "deadline"), ("计划完成时间", "deadline"),
    ("責任單位", "lead"), ("2023年目標進度", "deadline"), ("月度工作计划", "task_like"), ("工作项目", "task"),
])
def test_periods_sources_traditional_characters_and_plans(header, field):
    """A project's period is not its deadline, a data source not a responsible unit; traditional
    characters read as simplified; a work plan describes the task, a work item names it."""
    assert match_header(header).field == field


# Learned on the corpus's d-round notices (a 防汛防台 checklist of 任务清单 | 责任清单 | 时限清单,
# a rectification list headed 问题描述, a campaign schedule headed 专项整治行业名称 | 时间安排).
@pytest.mark.parametrize(("header", "field"), [
    ("任务清单", "task"), ("责任清单", "lead"), ("时限清单", "deadline"), ("职责清单", "lead"),
    ("问题描述", "task"), ("整改措施明细", "task"),
    ("专项整治行业名称", "task_like"),  # an industry's name, not a group: 行业 stands before 名称
    ("类别名称", "area"), ("专项名称", "area"),
])
def test_a_list_or_description_takes_its_kind_from_what_it_lists(header, field):
    assert match_header(header).field == field


def test_the_headers_word_beats_a_content_guess_for_the_deadline():
    # 实施步骤 (no known head) holds 按季度序时推进, which looks like a date; 完成时限 says it.
    got = fields(["序号", "工作任务", "实施步骤", "完成时限"],
                 [["1", "按月完成临时救助的审核确认工作。", "按季度序时推进", "2025年12月底"],
                  ["2", "指导乡镇按月完成城乡低保对象的动态调整工作。", "按季度序时推进", "2025年12月底"]])
    assert got == ["number", "task", None, "deadline"]


def test_what_was_done_is_the_progress_beside_what_it_achieved():
    got = fields(["民生事项名称", "责任单位", "1-9月份工作完成情况", "1-9月份工作取得成效"],
                 [["改扩建泉山学校", "教育体育局", "完成主体建筑结构施工、平板浇筑。", "两处学校改扩建项目正在加速推进。"],
                  ["推进义务教育课后服务", "教育体育局", "对课后服务课程超市开设情况进行调度。", "参与率100%。"]])
    assert got[2:] == ["progress", None]


def test_the_name_of_an_item_is_the_task_beside_its_content():
    # g2_dayu: 项目名称 | 项目内容 — the name says which project, the content what it builds.
    body = [["大余县第二中学项目建设", "项目总用地面积约255亩，新建综合楼、实验楼、教学楼等。", "县城投公司"],
            ["新城镇敬老院项目建设", "建筑面积5371.42平方米，配套消防、停车场等设施。", "县民政局"]]
    assert fields(["项目名称", "项目内容", "牵头单位"], body) == ["task", None, "lead"]
    # Only the item's own content: a 工作内容 beside a 项目名称 is still the task.
    assert fields(["项目名称", "工作内容", "牵头单位"], body) == [None, "task", "lead"]


def test_a_column_that_only_looks_like_units_beside_the_unit_column_is_kept_in_extra():
    # k1_songyang: 实施点位 (where the work is done) lists bodies, but 责任单位 says who does it.
    body = [["新增农村路灯1000盏。", "农业农村局", "全县19个乡镇(街道)50余个村"],
            ["8000人以上高血压患者", "卫健局", "全县17家乡镇卫生院"]]
    columns = assign_columns([[["指标任务"]], [["责任单位"]], [["实施点位"]]], body)
    assert [c.field for c in columns] == ["task", "lead", "location"] and is_extra(columns[2])
    # With no unit column named, a column no header explains gets its units from its content;
    # one headed by a place (点位, 地点, 分布) says where, whatever its cells name (z91_ningguo).
    assert fields(["指标任务", "承担者"], body) == ["task", "lead"]
    assert fields(["指标任务", "实施点位"], body) == ["task", "location"]


def test_a_column_that_mostly_says_none_is_not_the_task():
    # m3_leyu: 下一步工作措施 and 存在问题 are headed like tasks (措施, 问题), their cells mostly "/".
    body = [["劣Ⅴ类河道消除治理项目", "项目已全部完成。", "/", "/", "乐余水利站"],
            ["乐江地块安置房建设项目", "已经完成施工图审图和标底编制。", "准备启动公开招标。", "/", "规划建设条线"],
            ["口袋公园建设项目", "项目已全部完成。", "/", "无", "兆丰社区"]]
    got = fields(["实事工程项目", "目前进度", "下一步工作措施", "存在问题", "牵头部门"], body)
    assert got == ["task", "progress", None, None, "lead"]
    # Blank cells are not "none": a task column printed only on some rows is still the task.
    sparse = [["完成老旧小区改造12个。", "区住建局"], ["", "区住建局"], ["", "区城管局"]]
    assert fields(["主要任务", "牵头单位"], sparse) == ["task", "lead"]


def test_a_column_numbered_below_the_task_is_its_detail_not_its_group():
    # 工作指标 (1)… merged over two rows of the 任务清单 1.… column: still not a group.
    got = [c.field for c in assign_columns(
        [[["工作事项"]], [["工作指标"]], [["任务清单"]], [["责任清单"]]],
        [["1.组织机构", "(1)党政主要负责人是防汛工作第一责任人。", "1.落实防汛防台行政首长负责制。", "党政办"],
         ["1.组织机构", "(2)村(社区)防汛职责融入基层治理体系网格。", "1.明确综治办防汛职责。", "综治办"],
         ["1.组织机构", "(2)村(社区)防汛职责融入基层治理体系网格。", "2.落实巡查、预警责任人。", "农村办"]],
        [[(0, 2)], [(1, 2)], [], []])]
    assert got == ["area", None, "task", "lead"]


@pytest.mark.parametrize("header", ["具体事项", "主要事项", "事项", "公开挂牌督办事项"])
def test_a_matter_is_a_task_not_a_group(header):
    """事项 names what is to be done (the issue's task-like head nouns); it was an area synonym
    only because of one group column (d2_taihutuying 工作事项, a merged cell, which its content
    still makes the group). Found by swapping each tuning-part header for the issue's synonyms:
    具体事项 broke all 45 tables it was tried on."""
    assert match_header(header).field == "task"


@pytest.mark.parametrize("header", ["考核条目", "考核细则"])
def test_entries_and_detailed_rules_are_task_like(header):
    """d6_qu (督查工作考核细则): 考核条目 | 考核细则, each over two columns; the longer 细则 column is
    the task, the 条目 column's merged cells its group."""
    assert match_header(header).field == "task_like"


def test_short_labels_are_no_names_of_people():
    """e4_cunji: 公开层级 (no rule knows it) holds 村級 on every row — two characters, as a name has,
    but no surname starts it: extra, not persons. Names under such a header still read as people."""
    body = [["1", "年度村总体规划", "村級"], ["2", "宅基地审批情况", "村級"], ["3", "农业补贴", "村級"]]
    assert fields(["序号", "公开事项", "公开层级"], body) == ["number", "task", None]
    named = [[n, t, p] for (n, t, _), p in zip(body, ["王志强", "陆明", "欧阳华"], strict=True)]
    assert fields(["序号", "公开事项", "经手"], named) == ["number", "task", "persons"]


# Learned on the corpus's q-round notices (广西农机中心's 政务公开 column scheme, 姚安's project
# ledger, 涪城's inspection plan).
@pytest.mark.parametrize(("header", "field"), [
    ("提供内容时效标准", "deadline"), ("办结时间要求", "deadline"),  # a standard on time: the deadline
    ("更新标准", "task_like"),
    ("支持的州级部门", "support"),
])
def test_a_requirement_on_time_is_the_deadline_and_supporting_bodies_support(header, field):
    assert match_header(header).field == field


def test_levels_of_one_grouping_over_a_content_column_are_all_groups():
    body = [["政策", "部门文件", "通知", "主动公开的正式文件"], ["政策", "部门文件", "通告", "主动公开的正式文件"]]
    levels = [[["栏目名称"], ["一级"]], [["栏目名称"], ["二级"]], [["栏目名称"], ["三级"]], [["具体内容"], ["具体内容"]]]
    assert [c.field for c in assign_columns(levels, body)] == ["area", "area", "area", "task"]
    # With no content column after them, the finest level may name the items themselves.
    assert fields(["工作要求", "一级要点", "二级要点", "责任单位"],
                  [["公开", "决策公开", "做好重大决策预公开", "办公室"]])[3] == "lead"


# Learned on the corpus's r-round notices (黑臭水体 lists, 双随机 inspection plans, a 安委会 task list).
@pytest.mark.parametrize(("header", "field"), [
    ("参与联合抽查部门", "support"), ("参与部门", "support"),  # 参与's 与 joins no two headers
    ("河(湖)长", "leader"), ("河段长", "leader"),  # the officials a 河长制 names
    ("水质现状", "progress"), ("现状情况", "progress"),
    ("任务开始时间", "period"), ("任务结束时间", "deadline"),  # when it starts is not when it is due
    ("实施层级及说明", None),  # a note on the level, not a column of remarks
])
def test_heads_and_modifiers_of_the_r_round(header, field):
    assert match_header(header).field == field


def test_a_header_naming_the_task_itself_outranks_its_items_and_contents():
    # 双随机 plans: 抽查任务名称 is the task; 抽查事项 and 检查内容 beside it are its detail.
    body = [["2022年度年报企业登记事项及公示信息检查", "不定向", "“登记事项”、“公示信息”两个抽查类别所有抽查事项"],
            ["转供电环节价格行为检查", "定向", "执行政府定价、政府指导价情况,明码标价情况及其他价格行为的检查"]]
    assert fields(["抽查任务名称", "抽查类型", "抽查事项"], body) == ["task", None, None]


def test_a_number_column_of_long_codes_is_no_item_number():
    body = [["4300002023\n1001", "年报信息检查"], ["4300002023\n1001", "价格行为检查"]]
    assert fields(["抽查计划编号", "抽查任务名称"], body) == [None, "task"]
    assert fields(["编号", "抽查任务名称"], [["1", "年报信息检查"], ["2", "价格行为检查"]]) == ["number", "task"]


def test_sub_item_heads_and_a_deadline_column_that_is_a_plan_by_period():
    # 考评细项 under a merged 考核项目 (a county 信息公开 考核 table); 工作进度安排 of quarters.
    body = [["组织领导(5分)", "及时调整领导小组成员,明确分管领导。"], ["", "6月30日之前召开会议部署工作。"]]
    merged = assign_columns([[["考核项目"]], [["考评细项"]]], body, runs=[[(0, 1)], []])
    assert [c.field for c in merged] == ["area", "task"]
    plan = [["结对帮扶", "第一季度:举行结对仪式;第二季度:建立师徒关系;第三季度:开展送教下乡。", "县教育局"]]
    assert fields(["项目内容", "工作进度安排", "责任单位"], plan) == ["task", None, "lead"]
    assert fields(["项目内容", "工作进度安排", "责任单位"], [["结对帮扶", "2023年6月底前", "县教育局"]])[1] == "deadline"


@pytest.mark.parametrize("header", ["单位", "單位", "计量单位"])
def test_a_bare_unit_header_over_units_of_measure_is_extra_in_either_script(header: str):
    # t43_yueyanglou, a traditional-character mirror: 單位 over 個, 人次, 元/月/人 names no body.
    body = [["1", "孕产妇免费产前筛查", "人次", "2800"], ["2", "城市低保标准", "元/月/人", "600"]]
    assert fields(["序号", "考核指标", header, "工作目标"], body)[2] is None
    assert fields(["序号", "考核指标", header, "工作目标"], [["1", "筛查", "县卫健委", "2800"]])[2] == "lead"
