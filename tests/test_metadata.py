from __future__ import annotations

from datetime import date

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
