from __future__ import annotations

from datetime import date

import pytest

from normalize.metadata import parties_in, read_meta

HEAD = ["武隆府办〔2021〕17号", "重庆市武隆区人民政府办公室", "关于做好2021年南川区与武隆区对口", "协同发展工作的通知",
        "各街道办事处，各乡镇人民政府：",
        "根据《重庆市发展和改革委员会关于做好工作的通知》（渝发改振兴〔2021〕174号）要求，现通知如下。",
        "                      重庆市武隆区人民政府办公室", "                      2021年5月13日        ",
        "抄送：区委办公室。"]


def test_notice_metadata():
    meta = read_meta(HEAD)
    assert meta.doc_number == "武隆府办〔2021〕17号"
    assert meta.issuers == ["重庆市武隆区人民政府办公室"]
    assert meta.title == "关于做好2021年南川区与武隆区对口协同发展工作的通知"
    assert meta.issue_date == date(2021, 5, 13)
    assert meta.parties == ["南川区", "武隆区"]


def test_a_title_word_printed_letter_spaced_on_its_own_line_ends_the_title():
    # y21_luoyang, n1_xialu: 关于印发…的 | 通 知 — the spacing spreads the word over the line.
    meta = read_meta(["洛阳市人民政府", "关于印发洛阳平台城市建设2022年细化措施的", "通 知", "洛政〔2022〕17号",
                      "各县区人民政府,市人民政府有关部门,各有关单位:"])
    assert meta.title == "关于印发洛阳平台城市建设2022年细化措施的通知"


def test_cited_document_number_is_not_the_notices_own():
    meta = read_meta(HEAD[2:])
    assert meta.doc_number is None


def test_two_issuers_and_signature_fallback():
    meta = read_meta(["巫溪府发〔2022〕24号", "巫溪县人民政府", "渝中区人民政府", "关于印发任务分解表的通知",
                      "各单位：", "现将任务分解表印发给你们。", "巫溪县人民政府    渝中区人民政府", "2022年6月23日",
                      "巫溪县人民政府办公室                      2022年6月23日印发"])
    assert meta.issuers == ["巫溪县人民政府", "渝中区人民政府"]
    assert meta.issue_date == date(2022, 6, 23)
    meta = read_meta(["关于开展检查的通知", "各单位：", "现通知如下。", "某某县人民政府办公室", "二〇二一年五月十三日"])
    assert meta.issuers == ["某某县人民政府办公室"]
    assert meta.issue_date == date(2021, 5, 13)


def test_parties_from_title_forms():
    assert parties_in("关于印发《2022年渝中区·巫溪县对口协同发展任务分解表》的通知") == ["渝中区", "巫溪县"]
    assert parties_in("渝中区•巫溪县2022年对口协同发展任务分解表") == ["渝中区", "巫溪县"]
    assert parties_in("关于加强黔江区和石柱土家族自治县协作的通知") == ["黔江区", "石柱土家族自治县"]
    assert parties_in("关于做好防汛工作的通知") == []


def test_a_document_number_in_traditional_characters():
    """d9_yangxian (a mirror in traditional characters): 洋政發〔2024〕8號 is the notice's 文号,
    kept as printed."""
    meta = read_meta(["洋縣人民政府", "洋政發〔2024〕8號", "洋縣人民政府關於印發2024年十大民生實事項目的通知",
                      "各鎮人民政府,縣政府各部門:", "現將……印發給你們。"])
    assert meta.doc_number == "洋政發〔2024〕8號"


def test_a_title_printed_with_its_own_number_in_brackets():
    # h1_chizhou (gazette style): the bracket after the title is the notice's 文号, not the title's.
    meta = read_meta(["池州市人民政府关于创优“四最”营商环境的实施意见（池政〔2017〕101号）",
                      "为贯彻落实《安徽省人民政府关于创优“四最”营商环境的意见》（皖政〔2017〕120号），现提出如下意见。"])
    assert meta.doc_number == "池政〔2017〕101号"
    assert meta.title == "关于创优“四最”营商环境的实施意见"
    assert meta.issuers == ["池州市人民政府"]
    # A PDF that wraps the line inside the bracket: the bracket goes on in the next line.
    wrapped = read_meta(["池州市人民政府关于创优“四最”营商环境的实施意见(池政〔2017〕101", "号)", "为贯彻落实……。"])
    assert (wrapped.doc_number, wrapped.title) == ("池政〔2017〕101号", "关于创优“四最”营商环境的实施意见")


def test_a_page_that_is_a_table_alone_takes_its_title_from_the_table():
    # e3_guangshui in PDF: the table's title printed over two lines above the table.
    meta = read_meta(["广水市水利和湖泊局2025年一季度《政府工作报告》落实", "情况统计表",
                      "单位(盖章):广水市水利和湖泊局                   填报时间:2025年4月8日"])
    assert meta.title == "广水市水利和湖泊局2025年一季度《政府工作报告》落实情况统计表"
    # e3_xiaoshan: a 公示 is a notice of its own kind.
    assert read_meta(["萧山区2020年巩固城市黑臭水体治理成果第二季度工作进展情况公示",
                      "根据《关于印发浙江省巩固城市黑臭水体治理成果实施方案的通知》要求，现将进展情况公示如下。"]
                     ).title == "萧山区2020年巩固城市黑臭水体治理成果第二季度工作进展情况公示"


def test_a_page_that_is_its_table_alone_is_titled_by_the_tables_title():
    from extract.model import Cell, Document, Paragraph, Table
    from normalize import normalize_document

    title = "2025年度区民政局重点工作任务分解"
    rows = [[title] * 4, ["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "做好城乡困难群众临时救助工作。", "社会救助股", "2025年12月底"]]
    cells = [Cell(r, c, [text], rowspan=1, colspan=4 if r == 0 else 1) for r, row in enumerate(rows)
             for c, text in enumerate(row) if r or not c]
    table = Table(cells=cells, n_rows=3, n_cols=4)
    assert normalize_document(Document("x.docx", "docx", [table])).meta.title == title
    # Not where the page has paragraphs of its own before the table.
    notice = Document("x.docx", "docx", [Paragraph("现将任务分解如下。"), table])
    assert normalize_document(notice).meta.title is None


def test_a_title_a_pdf_wraps_before_a_citation_is_read_whole():
    # e3_xiaoshan in PDF: the title over two lines, then body lines citing 《关于…方案》 — neither the
    # cited title nor the title's last line alone is the notice's title.
    meta = read_meta(["萧山区2020年巩固城市黑臭水体治理成果第二季度工作进展", "情况公示",
                      "根据《关于印发浙江省巩固城市黑臭水体治理成果实施方案",
                      "的通知》(浙治水办法[2018]47号)、《关于印发杭州市巩固城市黑",
                      "臭水体治理成果实施方案的通知》(杭治水办[2018]186号)要求,对"])
    assert meta.title == "萧山区2020年巩固城市黑臭水体治理成果第二季度工作进展情况公示"
    # An issuer line above a one-line title stays the issuer's.
    signed = read_meta(["杭州市萧山区人民政府办公室", "2020年第二季度工作进展情况公示", "现将有关情况公示如下。"])
    assert signed.title == "2020年第二季度工作进展情况公示" and signed.issuers == ["杭州市萧山区人民政府办公室"]


def test_a_heading_with_the_number_run_into_the_title():
    # p2_tengzhou: the page's heading prints the 文号 right before ISSUER关于…的通知.
    meta = read_meta(["滕政办发〔2023〕30号滕州市人民政府办公室关于印发《滕州市2023年重点任务》的通知", "滕政办发〔2023〕30号",
                      "各镇人民政府、街道办事处：", "现印发给你们，请认真贯彻落实。", "滕州市人民政府办公室", "2023年8月15日"])
    assert meta.doc_number == "滕政办发〔2023〕30号"
    assert meta.title == "关于印发《滕州市2023年重点任务》的通知"
    assert meta.issuers == ["滕州市人民政府办公室"] and meta.issue_date == date(2023, 8, 15)


@pytest.mark.parametrize(("line", "want"), [
    ("2020622", "2020-06-22"), ("2024327日", "2024-03-27"), ("20221201", "2022-12-01"),
    ("2024115", None), ("2022121日", None),  # 1-15 or 11-5; 1-21 or 12-1: two readings, none taken
    ("2021年1220", "2021-12-20"), ("2023年1020", "2023-10-20"),  # a day is never written 020 or 220
])
def test_a_date_whose_year_and_month_marks_were_lost_is_read_where_one_reading_is_a_date(line, want):
    meta = read_meta(["关于开展检查的通知", "各乡镇:", "现将有关事项通知如下。", "某县人民政府办公室", line])
    assert (meta.issue_date.isoformat() if meta.issue_date else None) == want


def test_titles_in_traditional_characters_a_wrapped_tail_and_a_page_heading_over_lines():
    assert read_meta(["東莞市人民政府關于貫徹落實《若干政策措施》的實施意見", "各鎮人民政府:"]).title \
        == "關于貫徹落實《若干政策措施》的實施意見"
    assert read_meta(["台山市卫生健康局2021年监管年度抽查计划", "表"]).title == "台山市卫生健康局2021年监管年度抽查计划表"
    meta = read_meta(["滕政办发〔2023〕30号滕州市人民政府办公室关", "于印发《重点任务》的通知", "各镇人民政府:"])
    assert (meta.doc_number, meta.title) == ("滕政办发〔2023〕30号", "关于印发《重点任务》的通知")
    assert read_meta(["扶余市人民政府督查室关于开展专项督查的通知", "各乡镇:"]).title == "关于开展专项督查的通知"


def test_a_gazettes_date_in_brackets_at_the_head_and_a_table_alone_pages_title():
    meta = read_meta(["(二OO八年二月二十六日)", "宝府办〔2008〕18号", "各镇人民政府:", "现将有关事项通知如下。"])
    assert (meta.issue_date, meta.title, meta.doc_number) == (date(2008, 2, 26), None, "宝府办〔2008〕18号")
    assert read_meta(["东湖镇2013年度村级综合目标管理考核计分表", "村名: 考核日期:2013年 月 日"]).title \
        == "东湖镇2013年度村级综合目标管理考核计分表"


def test_a_reposts_heading_quoting_the_whole_title_in_book_title_marks():
    # z63_wuhan: the page quotes the notice's title whole in 《》; the marks are the page's.
    meta = read_meta(["《武汉市人民政府办公厅关于印发市十四届人大六次会议1号议案办理工作方案的通知》", "武政办〔2021〕22号",
                      "《市十四届人大六次会议1号议案办理工作方案》已经市人民政府同意，现印发给你们。", "武汉市人民政府办公厅",
                      "2021年3月20日"])
    assert (meta.title, meta.issuers, meta.doc_number) == (
        "关于印发市十四届人大六次会议1号议案办理工作方案的通知", ["武汉市人民政府办公厅"], "武政办〔2021〕22号")
    # A title citing another inside its marks is no heading quoted whole.
    assert read_meta(["关于印发《芜湖市教育局2025年工作要点》的通知"]).title == "关于印发《芜湖市教育局2025年工作要点》的通知"


def test_a_plans_name_ending_a_line_is_no_title_end_where_the_next_line_goes_on():
    # x41_xuhui's PDF: …行动计划 | (2007—2010年)的通知 — 计划 ends the plan's name, not the title.
    meta = read_meta(["上海市徐汇区人民政府办公室关于印发徐汇区遏制与防治艾滋病行动计划", "(2007—2010年)的通知", "附件:"])
    assert meta.title == "关于印发徐汇区遏制与防治艾滋病行动计划(2007—2010年)的通知"
    # A bracket under a whole title (its 文号, 此件公开发布) goes on nothing.
    assert read_meta(["关于印发工作方案的通知", "（此件公开发布）", "各乡镇：", "现印发。"]).title == "关于印发工作方案的通知"
