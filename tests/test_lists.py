"""Tasks written as numbered paragraphs with responsibility labels, in each form notices use."""

from __future__ import annotations

from extract.model import Document, Paragraph
from normalize import normalize_document


def tasks(*paragraphs: str):
    rec = normalize_document(Document("x.txt", "txt", [Paragraph(p) for p in paragraphs]))
    return rec, [(t.task_no, t.sub_no, t.area, t.task, [u.unit for u in t.lead_units],
                  [u.unit for u in t.support_units], t.leaders, t.deadline) for t in rec.tasks]


def test_labels_in_a_bracket_at_the_items_end():
    _, got = tasks("一、经济社会发展主要预期目标",
                   "1.地区生产总值增长7%左右。（责任领导：某某；牵头单位：市发改委；责任单位：市统计局）",
                   "二、主要工作安排", "（一）加快建设现代产业体系",
                   "12.推进项目建设。（牵头单位：市经信局；配合单位：市发改委、各区县政府；2024年6月底前完成）")
    assert got == [
        (1, None, "一、经济社会发展主要预期目标", "地区生产总值增长7%左右。", ["市发改委"], ["市统计局"], ["某某"], None),
        (12, None, "二、主要工作安排／（一）加快建设现代产业体系", "推进项目建设。", ["市经信局"],
         ["市发改委", "各区县政府"], [], "2024年6月底前完成"),
    ]


def test_labels_on_lines_of_their_own():
    _, got = tasks("3.固定资产投资增长15%左右。", "牵头单位：区发改局", "责任单位：开发区，各街道、区直各部门",
                   "4.社会消费品零售总额增长9%左右。", "牵头单位：区商务局")
    assert got == [(3, None, "", "固定资产投资增长15%左右。", ["区发改局"], ["开发区", "各街道", "区直各部门"], [], None),
                   (4, None, "", "社会消费品零售总额增长9%左右。", ["区商务局"], [], [], None)]


def test_a_bare_bracket_of_unit_names_is_the_lead_and_role_words_decide():
    _, got = tasks("1.城镇登记失业率控制在4%以内。（工资处、就管中心）", "2.推进协同。（区发改委主办，各街道协办）")
    assert [(g[3], g[4], g[5]) for g in got] == [("城镇登记失业率控制在4%以内。", ["工资处", "就管中心"], []),
                                                ("推进协同。", ["区发改委"], ["各街道"])]


def test_sub_items_are_tasks_under_their_parents_number():
    _, got = tasks("5.推进以下工作。", "(1)建设城市大脑。（牵头单位：市大数据局）", "(2)推广一网通办。（牵头单位：市政务办）")
    assert [(g[0], g[1], g[3]) for g in got] == [(5, "(1)", "建设城市大脑。"), (5, "(2)", "推广一网通办。")]


def test_numbers_printed_as_one_enclosed_character():
    # w71_xinyu: headings ㈦ ㈧ (one character for （七） （八）) over items 19、 20、; ⑴ for (1).
    _, got = tasks("㈦依法治理饮用水源污染。", "19、加强对水源的监测与治理。", "责任部门：市环保局、市水利局",
                   "㈧全面推开食品安全信用体系建设工作。", "20、推进信用建设。", "⑴建立信用档案。（牵头单位：市市场监管局）")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [
        (19, None, "㈦依法治理饮用水源污染。", "加强对水源的监测与治理。"),
        (20, "⑴", "㈧全面推开食品安全信用体系建设工作。", "建立信用档案。"),
    ]


def test_bare_place_names_sharing_the_body_of_the_next_are_units():
    # w51_heilongjiang: (…指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责) — three cities' governments.
    _, got = tasks("3.推进民航基础设施建设。（哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责）",
                   "4.依法依规办理。（法律、法规另有规定的）")
    assert [(g[0], g[4]) for g in got] == [(3, ["哈尔滨机场扩建指挥部", "哈尔滨", "黑河", "绥芬河市政府", "省农垦总局"])]


def test_a_place_named_with_its_level_beside_a_body_is_a_unit_but_places_alone_say_where():
    # y23_anhui: (合肥市,省发展改革委牵头) — the city's government and a department lead together.
    _, got = tasks("1.深入实施合肥都市圈一体化发展行动计划。(合肥市,省发展改革委牵头)",
                   "2.建设三个示范园区。（合肥市、芜湖市）")
    assert [(g[0], g[4]) for g in got] == [(1, ["合肥市", "省发展改革委"])]


def test_a_leaders_title_after_the_units_is_the_leader_not_part_of_a_name():
    # w72_kunming: 责任单位及责任人：A、B、C主要领导 — the units' main leaders answer for the item.
    _, got = tasks("1.2009年底前，完成特勤消防三中队建设。", "责任单位及责任人：呈贡县政府、市发改委、市公安消防支队主要领导。",
                   "2.2010年底前，开工建设五华消防三中队营房。", "责任单位及责任人：五华区政府主要领导。")
    assert [(g[0], g[4], g[6], g[7]) for g in got] == [
        (1, ["呈贡县政府", "市发改委", "市公安消防支队"], ["主要领导"], None), (2, ["五华区政府"], ["主要领导"], None)]


def test_numbered_prose_without_labels_is_no_task_list():
    rec, got = tasks("关于做好2024年工作的通知", "一、提高认识", "1.各单位要高度重视。", "2.要加强协调配合。",
                     "联系人：张三，电话：12345678。")
    assert got == [] and not rec.tables


def test_a_list_where_some_items_have_no_labels_is_warned_about():
    rec, got = tasks("1.推进甲项工作。（牵头单位：区教委）", "2.推进乙项工作。", "3.推进丙项工作。（牵头单位：区科技局）")
    assert [g[0] for g in got] == [1, 3]
    assert any("carry no responsibility labels" in w for w in rec.warnings)


def test_a_notice_with_a_table_and_a_list_gives_both_in_document_order():
    from conftest import text_export

    from extract.text import parse_text

    grid = [["序号", "工作任务", "责任单位"], ["1", "推进甲项工作。", "区教委"], ["2", "推进乙项工作。", "区科技局"]]
    text = text_export(grid, before=["附件1", "重点任务分解表"], after=[
        "附件2", "重点工作责任分工", "一、主要目标", "1.地区生产总值增长7%。（牵头单位：区发改委）",
        "2.一般公共预算收入增长6%。（牵头单位：区财政局）"])
    rec = normalize_document(parse_text(text))
    assert [(t.source_kind, t.title) for t in rec.tables] == [("table", "重点任务分解表"), ("list", "重点工作责任分工")]
    assert [(t.table_no, t.task_no, t.source_kind) for t in rec.tasks] == [
        (1, 1, "table"), (1, 2, "table"), (2, 1, "list"), (2, 2, "list")]


def test_one_label_line_after_a_parents_unlabelled_sub_items_applies_to_all_of_them():
    _, got = tasks("1.完善应急预案体系", "（1）加强预案管理。", "（2）推进预案精编化。", "责任单位：市应急局、各县政府",
                   "2.健全运行机制", "（1）完善值守制度。", "牵头单位：市政府办", "（2）加强信息报送。", "牵头单位：市应急局")
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [
        (1, "（1）", "加强预案管理。", ["市应急局", "各县政府"]), (1, "（2）", "推进预案精编化。", ["市应急局", "各县政府"]),
        (2, "（1）", "完善值守制度。", ["市政府办"]), (2, "（2）", "加强信息报送。", ["市应急局"])]


def test_a_label_line_after_top_level_items_is_the_last_items_own():
    _, got = tasks("1.推进项目建设。", "2.加快招商引资。", "牵头单位：市商务局")
    assert [(g[0], g[4]) for g in got] == [(2, ["市商务局"])]


def test_an_unnumbered_paragraph_ending_in_labels_under_a_heading_is_a_task():
    _, got = tasks("一、聚焦中心工作", "（一）围绕经济发展推进公开", "做好营商环境信息公开。（牵头科室：登记注册科；责任科室：执法支队）",
                   "（二）围绕民生推进公开", "公开医疗卫生信息。（牵头科室：应急宣传科）", "本方案自印发之日起施行。")
    assert got == [(1, None, "一、聚焦中心工作／（一）围绕经济发展推进公开", "做好营商环境信息公开。", ["登记注册科"], ["执法支队"], [], None),
                   (2, None, "一、聚焦中心工作／（二）围绕民生推进公开", "公开医疗卫生信息。", ["应急宣传科"], [], [], None)]


def test_three_levels_of_items_the_circled_ones_under_a_parenthesised_parent():
    _, got = tasks("一、工作任务", "1.城乡居民增收工程", "（1）增加城镇居民收入",
                   "①以就业促增收。（牵头单位：州人社局）", "②以创业带就业。（牵头单位：州工信局）",
                   "（2）增加农村居民收入", "①发展特色产业。（牵头单位：州农业局）")
    assert [(g[0], g[1], g[2], g[4]) for g in got] == [
        (1, "①", "一、工作任务／1.城乡居民增收工程", ["州人社局"]), (1, "②", "一、工作任务／1.城乡居民增收工程", ["州工信局"]),
        (2, "①", "一、工作任务／1.城乡居民增收工程", ["州农业局"])]


def test_circled_sub_items_right_under_a_numbered_item():
    _, got = tasks("1.推进项目建设", "①开工一批。（牵头单位：市发改委）", "②投产一批。（牵头单位：市经信局）")
    assert [(g[0], g[1], g[2]) for g in got] == [(1, "①", ""), (1, "②", "")]


def test_a_contact_line_is_no_task():
    """e3_xiaoshan: the notice's own paragraph ends 联系单位：萧山区美丽办，联系电话：82105203 —
    whom to ask about the notice, not a unit given a task; 牵头单位 after an item still is one."""
    _, got = tasks("对萧山区2020年巩固城市黑臭水体治理成果第二季度进展情况进行公示。联系单位:萧山区美丽办"
                   "(五水共治办),联系电话:82105203.")
    assert got == []
    _, got = tasks("1. 推进污水零直排区建设。牵头单位:区治水办")
    assert [units for *_, units, _, _, _ in got] == [["区治水办"]]


def test_a_bare_bracket_naming_the_governments_of_a_kind_of_region():
    """f3_jiangmen: (市经贸局牵头，市高新区管委会，各市、区政府配合) — 各市 names the cities'
    governments, a unit like the others, so the bracket is a list of units."""
    _, got = tasks("3.产业布局一体化。各市、区根据资源禀赋和产业特色,实行错位发展。(市经贸局牵头,市高新区管委会,各市、区政府配合)")
    assert [(no, lead, support) for no, _, _, _, lead, support, _, _ in got] == [
        (3, ["市经贸局"], ["市高新区管委会", "各市", "区政府"])]


def test_a_full_stop_ends_a_labels_value():
    """f3_sichuan: 〔责任单位:…按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕 —
    after the full stop a note, no units."""
    _, got = tasks("(一)放宽市场准入。全面落实市场准入负面清单制度。〔责任单位:省发展改革委、省市场监管局按职责分工负责。"
                   "具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕")
    assert [lead for *_, lead, _, _, _ in got] == [["省发展改革委", "省市场监管局"]]


def test_a_bracket_of_names_with_the_first_leads_note_after_its_full_stop():
    """g3_huanggang: (由市发展改革委、经委、统计局负责。一项任务涉及多个部门的，原则上由排名首位的部门
    牵头负责。下同) — the names are the bracket's first sentence; the note after it says, for every
    item, that the first named leads and the others support."""
    _, got = tasks("一、 2007年全市经济社会发展的主要预期目标",
                   "1、全市GDP增长10%以上(由市发展改革委、经委、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门"
                   "牵头负责。下同)。",
                   "2、全社会固定资产投资增长20%以上(由市发展改革委、统计局负责)。")
    assert [(no, task, lead, support) for no, _, _, task, lead, support, _, _ in got] == [
        (1, "全市GDP增长10%以上。", ["市发展改革委"], ["经委", "统计局"]),
        (2, "全社会固定资产投资增长20%以上。", ["市发展改革委"], ["统计局"])]


def test_a_list_that_says_who_leads_keeps_its_roles_under_the_first_leads_note():
    """h1_lishui: (除标注“分别牵头”外，列第一位为牵头或汇总单位，下同) — 市人力社保局、市农业农村局分别牵头
    are both leads; a plain list under the note has its first unit lead."""
    _, got = tasks("4.推进共同富裕示范区建设。", "责任单位:市发改委、市财政局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
                   "6.实施就业促进行动。", "责任单位:市人力社保局、市农业农村局分别牵头")
    assert [(no, lead, support) for no, _, _, _, lead, support, _, _ in got] == [
        (4, ["市发改委"], ["市财政局"]), (6, ["市人力社保局", "市农业农村局"], [])]


def test_a_label_line_after_a_label_line_stands_on_its_own():
    from normalize.lists import opens_line

    # c5_lingbi in another PDF layout: the 协作 line reaches the margin, and what follows is the
    # notice's own 监督方式 line, not the rest of a unit name.
    assert opens_line("主要协作单位：各乡镇人民政府、经济开发区管委会，县政府有关部门、有关直属单位", "监督方式：0557-6031710")
    # After a sentence, a wrapped line that happens to start with words and a colon runs on.
    assert not opens_line("各单位要按照以下", "要求：切实抓好落实。")


def printed(*lines: tuple[str, bool | None]):
    """A PDF's lines: (text, whether it runs on into the next)."""
    rec = normalize_document(Document("x.pdf", "pdf", [Paragraph(t, runs_on=r) for t, r in lines]))
    return [(t.task, [u.unit for u in t.lead_units], [u.unit for u in t.support_units]) for t in rec.tasks]


def test_a_pdfs_lines_keep_a_bracket_a_cut_label_and_the_signature_apart():
    # n3_guandu: the item's bracket starts on a line of its own after the full stop.
    assert printed(("4.加强项目谋划储备。统筹用于重点项目建设,进一步发挥财政资金的撬动作用。", False),
                   ("(区发改局牵头,区财政局、区交运局、区住建", True), ("局、区水务局配合)", None)) == [
        ("加强项目谋划储备。统筹用于重点项目建设,进一步发挥财政资金的撬动作用。", ["区发改局"],
         ["区财政局", "区交运局", "区住建局", "区水务局"])]
    # c10_puyang: the wrap cuts the label 责任|单位 after the item's full stop.
    assert printed(("2.锦绣花园小区内防鼠灭鼠设施不足;古城路285号院内垃圾清理不及时。责任", True),
                   ("单位:华龙区建设办。", False)) == [
        ("锦绣花园小区内防鼠灭鼠设施不足;古城路285号院内垃圾清理不及时。", ["华龙区建设办"], [])]
    # c5_shengsi: the last label line reaches the margin; the signature and date follow.
    assert printed(("4.确保9月底前海钓船投入运行。", False), ("责任单位：县海洋与渔业局、嵊山镇人民政府", True),
                   ("嵊泗县人民政府办公室", False), ("2023-02-22", None)) == [
        ("确保9月底前海钓船投入运行。", ["县海洋与渔业局", "嵊山镇人民政府"], [])]


def test_a_label_run_on_without_a_separator_ends_the_value_before_it():
    # 南昌县: 责任单位:莲塘镇任务目标:2024年计划… printed on one line.
    _, got = tasks("二、10万平方米老旧小区改造项目", "牵头单位:县城管执法局",
                   "责任单位:莲塘镇任务目标:2024年计划改造完成莲塘镇住宅小区,改造内容包括建筑物外立面、楼梯间等部位改造。")
    assert [(g[3], g[4], g[5]) for g in got] == [("10万平方米老旧小区改造项目", ["县城管执法局"], ["莲塘镇"])]


def test_a_bare_bracket_in_traditional_characters():
    _, got = tasks("1.繼續按不高于2017年征收標準征收殘疾人就業保障金。(市殘聯、市財政局、市稅務局負責)")
    assert [(g[4], g[5]) for g in got] == [(["市殘聯", "市財政局", "市稅務局"], [])]


def test_a_detail_line_between_an_item_and_its_labels_keeps_them_the_items():
    # 玉林: (三)…项目。 then 目标要求：… on a line of its own, then the labels.
    _, got = tasks("(三)基本公共卫生服务项目。", "目标要求:筹措资金1.4亿元。", "牵头单位:市卫生局。",
                   "配合单位:市财政局,各县(市、区)人民政府。", "实施时间:2011年1月-12月。")
    assert [(g[0], g[3], g[4], g[5], g[7]) for g in got] == [
        (3, "基本公共卫生服务项目。", ["市卫生局"], ["市财政局", "各县(市、区)人民政府"], "2011年1月-12月")]


def test_the_first_leads_note_inside_an_items_bracket_in_traditional_characters():
    _, got = tasks("(一)建立聯動機制。(市發展改革委、市財政局、市統計局等負責,列第一位者為牽頭單位,下同)",
                   "(二)發展產業。(市商務局、市農業局等負責)")
    assert [(g[4], g[5]) for g in got] == [(["市發展改革委"], ["市財政局", "市統計局"]), (["市商務局"], ["市農業局"])]


def test_sub_items_run_on_in_their_parents_paragraph_each_with_its_bracket():
    # h1_chizhou: 1.深化商事制度改革。(1)…(市工商质监局牵头负责)(2)…(市工商质监局牵头负责)
    _, got = tasks("1.深化商事制度改革。(1)全面落实“多证合一”改革。(市工商质监局牵头负责)"
                   "(2)完善企业登记全程电子化。(市工商质监局、市数据资源局负责)")
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [
        (1, "(1)", "全面落实“多证合一”改革。", ["市工商质监局"]),
        (1, "(2)", "完善企业登记全程电子化。", ["市工商质监局", "市数据资源局"])]
    # Numbers that are not a run of bracketed sub-items leave the paragraph whole.
    _, got = tasks("2.落实减税政策(1)项。(市税务局负责)")
    assert [(g[0], g[1]) for g in got] == [(2, None)]


def test_a_paragraph_with_a_label_line_under_it_is_an_item_numbered_or_not():
    # a 民生工程 page: one paragraph, then 责任单位：…
    _, got = tasks("到2012年,实现全市所有乡镇基本建有文化站目标。", "责任单位: 市文广新局")
    assert [(g[3], g[4]) for g in got] == [("到2012年,实现全市所有乡镇基本建有文化站目标。", ["市文广新局"])]
    assert tasks("组织保障", "责任单位: 市文广新局")[1] == []  # an unnumbered heading is no paragraph of prose


def test_an_item_naming_its_units_over_sub_items_naming_theirs_heads_them():
    # 安顺: 一、…(责任单位:…)该件实事已全面完成 over 1.…(责任单位:…); 二、 has no sub-items.
    _, got = tasks("一、减少农村扶贫对象;实施易地扶贫搬迁。(责任单位:市扶贫办、市移民局)该件实事已全面完成",
                   "1.减少农村扶贫对象6.76万人(责任单位:市扶贫办,各县区)",
                   "2.实施易地扶贫搬迁18695人。(责任单位:市移民局)",
                   "二、解决6万人农村饮水安全问题。(责任单位:市水务局)该件实事已全面完成")
    assert [(g[0], g[2][:2], g[3], g[4]) for g in got] == [
        (1, "一、", "减少农村扶贫对象6.76万人", ["市扶贫办", "各县区"]),
        (2, "一、", "实施易地扶贫搬迁18695人。", ["市移民局"]),
        (2, "", "解决6万人农村饮水安全问题。该件实事已全面完成", ["市水务局"])]


def test_a_copy_that_keeps_a_paragraph_for_every_printed_line_is_read_as_its_lines_run_on():
    # s32_shijingshan: a Word file pasted from a PDF; the page number between two pages is no text.
    _, got = tasks("一、提高城市基层党建工作水平,加强党对基层治理的全面", "领导",
                   "1.完善街道党工委对地区治理重大工作的领导体制机制,优", "化决策程序,涉及基层治理的重大事项、重点工作、重要问题由",
                   "街道党工委讨论决定,全面提升街道抓党建、抓治理、抓服务的", "— — — 2 —",
                   "领导能力。加强街道社区党组织对地区各类组织和各项工作的领", "导,街道党工委可吸纳优秀社区党组织书记担任兼职党工委委员,",
                   "推进社区党组织书记、居委会主任“一肩挑”,推动将党的领导写", "入各类组织章程。", "牵头单位:区委组织部",
                   "协办单位:区委编办、区民政局(区委社会工委)、园区党工", "委、各街道党工委")
    assert [(g[0], g[2], g[4], g[5]) for g in got] == [
        (1, "一、提高城市基层党建工作水平,加强党对基层治理的全面领导", ["区委组织部"],
         ["区委编办", "区民政局(区委社会工委)", "园区党工委", "各街道党工委"])]
    assert got[0][3].startswith("完善街道党工委") and got[0][3].endswith("推动将党的领导写入各类组织章程。")
    # Items of one length that each end their sentence are items, not lines cut by a width.
    items = [f"{k}.完成第{k}项重点工作任务,确保按期完成。（牵头单位：区发改局）" for k in range(1, 8)]
    assert [g[0] for g in tasks(*items)[1]] == list(range(1, 8))


def test_a_names_units_over_numbered_items_naming_none_are_the_items_units():
    # t51_jingzhou: each place's line carries its units; the numbered problems under it name none.
    rec, got = tasks("【创文曝光台】这些社区问题多", "现就问题清单曝光如下：",
                     "三义街社区（责任单位：西城街道三义街社区）", "1、志愿岗无人在岗", "2、电动车乱停乱放",
                     "胜利街道办：（责任单位：沙市区胜利街道办事处）", "1、未设置无障碍卫生间")
    assert [(g[0], g[3], g[4]) for g in got] == [(1, "志愿岗无人在岗", ["西城街道三义街社区"]),
                                                 (2, "电动车乱停乱放", ["西城街道三义街社区"]),
                                                 (1, "未设置无障碍卫生间", ["沙市区胜利街道办事处"])]
    assert rec.tables[0].title == "【创文曝光台】这些社区问题多"  # the place's line is not the list's title


def test_a_tasks_own_label_line_over_a_unit_label_line_is_the_item():
    # t21_guangzhou: a page for one task, written as labelled fields.
    _, got = tasks("任务163", "重点工作：全面推行林长制。", "牵头单位：市林业园林局", "年度阶段性工作目标：全面推行。")
    assert [(g[3], g[4]) for g in got] == [("全面推行林长制。", ["市林业园林局"])]
    # Under an item, such a line is the item's detail, as before.
    _, got = tasks("1.推行林长制。", "重点工作：成立专班。", "牵头单位：市林业园林局")
    assert [(g[3], g[4]) for g in got] == [("推行林长制。", ["市林业园林局"])]


def test_a_bare_bracket_allows_one_name_of_unknown_ending_and_angle_brackets():
    _, got = tasks("1.确保口粮绝对安全。（市发改委、市农委、中储粮株洲直属库。排名第一的为牵头单位，下同）",
                   "2.健全管理体制。（市教育局，市委农办，各县<市、区>人民政府，排名第一位为牵头单位，下同）")
    assert [(g[4], g[5]) for g in got] == [(["市发改委"], ["市农委", "中储粮株洲直属库"]),
                                           (["市教育局"], ["市委农办", "各县<市、区>人民政府"])]
    # A citation's issuers and decree number are no units (…国家卫生健康委员会令第45号).
    _, got = tasks("相关依据：", "1.《学校食品安全与营养健康管理规定》（教育部、国家市场监督管理总局、国家卫生健康委员会令第45号）")
    assert got == []


def test_a_higher_number_after_an_items_line_cut_mid_sentence_goes_on_with_it():
    from normalize.lists import opens_line

    assert not opens_line("1.提高管理效能。建立分工明确、权责统", "一、协调高效的流通管理体制")
    assert opens_line("1.提高管理效能。建立分工明确、权责统一。", "二、加快流通业发展")
    assert opens_line("七、健全住房保障制度，重点解决好城乡中低收入家庭住房困难", "1、进一步扩大廉租住房保障范围。")
    assert opens_line("7、无投诉处理机制，无公开投诉处理流程，投诉电话", "8、未见学雷锋志愿服务者")


def test_an_items_own_paragraph_with_its_units_under_its_numbered_line_is_one_item():
    # u11_ningbo: the target on the numbered line, what it means in the paragraph under it.
    _, got = tasks("一、主要目标", "1.地区生产总值增长12%。", "全市生产总值达到3260亿元，增长12%。（市发改委）",
                   "2.万元生产总值综合能耗下降4%左右。（市经委、环保局）")
    assert [(g[0], g[3], g[4]) for g in got] == [
        (1, "地区生产总值增长12%。全市生产总值达到3260亿元，增长12%。", ["市发改委"]),
        (2, "万元生产总值综合能耗下降4%左右。", ["市经委", "环保局"])]
    # The units on a line of their own under the paragraph (a PDF's short last line).
    _, got = tasks("2.财政收入增长12%。", "全市财政一般预算收入623亿元。", "（市财政局）")
    assert [(g[3], g[4]) for g in got] == [("财政收入增长12%。全市财政一般预算收入623亿元。", ["市财政局"])]
    # A heading's paragraph is no item's text: the heading stays a heading.
    _, got = tasks("（一）深化改革", "推进放管服改革。（市审批局）", "1.优化营商环境。（市发改委）")
    assert [(g[2], g[3]) for g in got] == [("（一）深化改革", "优化营商环境。")]


def test_an_unnumbered_paragraph_under_a_numbered_title_keeps_the_title_in_its_area():
    # z13_xian: 1.优化城乡结构布局 is a title on its own line; the labelled paragraph under it is
    # item 1, the title the last heading of its area (as c7_chuxiong's 1.城乡居民增收工程).
    _, got = tasks("二、主要工作", "（一）实施城乡空间优化行动", "1.优化城乡结构布局",
                   "坚持城乡统一规划，科学确定村庄布局和规模。（牵头单位：市资源规划局、市发改委）")
    assert [(g[0], g[2], g[3], g[4]) for g in got] == [
        (1, "二、主要工作／（一）实施城乡空间优化行动／1.优化城乡结构布局", "坚持城乡统一规划，科学确定村庄布局和规模。",
         ["市资源规划局", "市发改委"])]


def test_label_lines_with_a_bracketed_kind_and_person_labels():
    # z81_yanan: 牵头科室（单位）： names its kind again in a bracket; z93_huarong: 牵头责任人 and
    # 具体责任人 name the persons who answer for the item, as a 责任人 column does.
    _, got = tasks("1.加快科技资源统筹中心建设，努力建设创新型城市。", "责任领导：李建雄",
                   "牵头科室（单位）：计划科、科技资源统筹中心基建办", "完成时限：2018年12月")
    assert [(g[4], g[6], g[7]) for g in got] == [(["计划科", "科技资源统筹中心基建办"], ["李建雄"], "2018年12月")]
    rec, got = tasks("三、工作任务", "（一）加强乡镇文化活动场所建设。",
                     "全年计划完成乡镇文化分馆8家。（牵头责任人：涂娟，具体责任人：王勇、张伟）",
                     "（二）启动旅游度假区建设。", "1.完善禹山旅游度假区服务配套设施。（牵头责任人：徐勋红，具体责任人：严霞）")
    # A numbered sentence over its labelled paragraph is one item; an unlabelled item over a
    # labelled sub-item heads it, though it stands at the items' level.
    assert [(g[0], g[2], g[3]) for g in got] == [
        (1, "三、工作任务", "加强乡镇文化活动场所建设。全年计划完成乡镇文化分馆8家。"),
        (1, "三、工作任务／（二）启动旅游度假区建设。", "完善禹山旅游度假区服务配套设施。")]
    assert [t.persons for t in rec.tasks] == [["涂娟", "王勇", "张伟"], ["徐勋红", "严霞"]]


def test_a_label_whose_value_is_on_the_next_line_and_detail_labels_between():
    # x62_anhuiqxj: 责任单位： | 科研所、省气象台; x82_gaozhou: 活动时间 / 活动地点 / 责任单位 lines
    # under each activity, and a label line naming the lead makes the bracket at the item's end
    # its text's own ((潭头专场), not a unit).
    _, got = tasks("2.加强省级重点实验室建设。", "责任单位：", "科研所、省气象台")
    assert [g[4] for g in got] == [["科研所", "省气象台"]]
    _, got = tasks("四、活动安排", "1、贺中秋庆国庆文艺晚会（潭头专场）", "活动时间：9月27日晚上19:30", "活动地点：潭头镇政府大广场",
                   "责任单位：市文明办、潭头镇政府", "2、迎国庆文艺晚会", "活动时间：9月29日晚上19:30",
                   "活动地点：高州中学", "责任单位：市文明办、市融媒体中心")
    assert [(g[0], g[3], g[4], g[7]) for g in got] == [
        (1, "贺中秋庆国庆文艺晚会（潭头专场）", ["市文明办", "潭头镇政府"], "9月27日晚上19:30"),
        (2, "迎国庆文艺晚会", ["市文明办", "市融媒体中心"], "9月29日晚上19:30")]


def test_traditional_labels_say_who_leads_and_zones_are_bodies():
    # u62_zhangshu: 牽頭股室 leads, so 責任股室 beside it supports; u26_maanshan: 開(kāi)發(fā)園區.
    _, got = tasks("(一)深化統計數據公開。及時發布數據。(牽頭股室:綜合股,責任股室:各相關股室)")
    assert [(g[4], g[5]) for g in got] == [(["綜合股"], ["各相關股室"])]
    _, got = tasks("1.搭建創意平台。(市商務局,各縣區、開發園區按職責分工負責)")
    assert [(g[4], g[5]) for g in got] == [(["市商務局", "各縣區", "開發園區"], [])]


def test_a_heading_with_its_units_over_deeper_items_naming_none_gives_them_its_units():
    # v51_tongshan: 一、…（责任单位：环卫局） over places (1、…) and their problems ((1) …).
    _, got = tasks("一、主干道公共卫生间(责任单位:环卫局)", "1、洋都大道公共卫生间", "(1)无节约用水宣传;",
                   "(2)水龙头无法关闭;", "二、森林公园公共卫生间(责任单位:林业局)", "1、有明显异味;")
    assert [(g[0], g[1], g[2][:2], g[3], g[4]) for g in got] == [
        (1, "(1)", "一、", "无节约用水宣传;", ["环卫局"]), (1, "(2)", "一、", "水龙头无法关闭;", ["环卫局"]),
        (1, None, "二、", "有明显异味;", ["林业局"])]


def test_an_items_number_before_a_figure_of_its_text():
    # v52_tongshan: 1、1路、2路公交车 - … is item 1 (a decimal 1.5 would be none).
    _, got = tasks("四、公交车", "1、1路、2路公交车 - 未设置公益广告", "(责任单位:交通运输局)")
    assert [(g[0], g[3], g[4]) for g in got] == [(1, "1路、2路公交车 - 未设置公益广告", ["交通运输局"])]
