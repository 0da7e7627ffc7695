"""How firmly headers are understood: swap one header of a tuning-part table at a time for another
wording and check that the notice still gives its hand-checked records.

    .venv/bin/python samples/real/header_swaps.py [synonyms|forms]

`synonyms` tries the wordings issue 9 lists for each field (承办股室, 办结时限, 工作板块 …); `forms`
tries the same header letter-spaced, wrapped in two lines, with a bracketed note, a colon or a
mark. Only the tuning part is used (the held-out notices are never studied), as text exports
rendered from the transcriptions. A failure is either a gap in header understanding or a swap
that changes what the table means (a note 排第一位的为牵头单位 makes the other units support;
two columns both named 责任单位): the examples tell which.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "samples"), str(ROOT / "samples" / "real"), str(ROOT / "tests")]

import render  # noqa: E402
from accuracy import is_held_out  # noqa: E402
from test_corpus import _squeezed, _task, _want  # noqa: E402

from extract import read_document  # noqa: E402
from normalize import normalize_document  # noqa: E402

SYNONYMS = {
    "lead": ["责任单位", "牵头单位", "承办股室", "责任处室（单位）", "主办科室", "责任单位（部门）", "牵头责任部门",
             "责任科室", "承办单位", "主责部门"],
    "deadline": ["完成时限", "办结时限", "完成时间节点", "计划完成时间", "时间要求", "完成期限", "时间节点"],
    "task": ["工作任务", "主要工作内容", "重点任务", "工作措施", "具体事项", "工作内容", "主要任务"],
    "area": ["工作板块", "类别名称", "专项名称", "指标类别", "重点领域", "类别", "工作类别"],
    "progress": ["推进情况", "工作进展", "落实情况", "完成情况", "进展情况", "目前进展"],
    "support": ["配合单位", "协办单位", "参与部门", "协同单位", "配合部门"],
    "leader": ["牵头领导", "责任领导", "分管领导", "责任县领导"],
    "persons": ["责任人", "联系人", "经办人"],
}


def forms(header: str, field: str) -> list[str]:
    half = len(header) // 2
    note = "排第一位的为牵头单位" if field == "lead" else "注"
    return [" ".join(header), header[:half] + "\n" + header[half:], f"{header}（{note}）", header + "：", "*" + header]


def records(data: dict, nid: str, table_no: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{nid}.json"
        src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        warnings: list[str] = []
        notice = render.load_notice(src, warnings)
        txt = Path(tmp) / f"{nid}.txt"
        txt.write_text(render.render_txt(notice, render.layout_for(nid), warnings), encoding="utf-8")
        rec = normalize_document(read_document(txt))
    return [_squeezed(_task(t)) for t in rec.tasks if t.table_no == table_no]


def main(mode: str) -> None:
    fails, tried, examples = Counter(), Counter(), defaultdict(list)
    for path in sorted((ROOT / "samples" / "real" / "notices").glob("*.json")):
        nid = path.stem
        if is_held_out(nid):
            continue
        truth = json.loads((path.parent.parent / f"{nid}.truth.json").read_text(encoding="utf-8"))
        data = json.loads(path.read_text(encoding="utf-8"))
        for ti, table in enumerate(b for b in data["blocks"] if isinstance(b, dict)):
            header = table["rows"][0]
            one_row = table["header_rows"] == 1 and len(header) == len(table["fields"])
            if not one_row or truth["tables"][ti]["kind"] != "tasks":
                continue
            want = [_squeezed(_want(w)) for w in truth["tables"][ti]["tasks"]]
            for ci, field in enumerate(table["fields"]):
                printed = header[ci]["text"] if isinstance(header[ci], dict) else header[ci]
                plain = "".join(printed.split())
                for swap in (SYNONYMS.get(field, []) if mode == "synonyms" else forms(plain, field)):
                    if swap == plain:
                        continue
                    changed = copy.deepcopy(data)
                    rows = [b for b in changed["blocks"] if isinstance(b, dict)][ti]["rows"]
                    # The header row and its repeats (a page's header printed again inside the table).
                    for cells in (r for r in rows if r == header):
                        if isinstance(cells[ci], dict):
                            cells[ci]["text"] = swap
                        else:
                            cells[ci] = swap
                    tried[(field, swap)] += 1
                    if records(changed, nid, ti + 1) != want:
                        fails[(field, swap)] += 1
                        examples[(field, swap)].append(f"{nid}: {plain}")
    for key in sorted(tried):
        if fails[key]:
            print(f"{key[0]:9} {key[1]!r:24} {fails[key]}/{tried[key]}  e.g. {examples[key][:3]}")
    print(f"swaps that changed the records: {sum(fails.values())} of {sum(tried.values())}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "synonyms")
