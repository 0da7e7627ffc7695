"""Speed of the text-export path: read + normalize + write, on generated notices.

    .venv/bin/python bench/bench_pipeline.py [--rows 3000] [--notices 200]

Prints seconds for one large table and for a folder of notices of the samples' size, and peak
memory (ru_maxrss). Figures, not assertions: speed targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import text_export  # noqa: E402

import notice_tasks  # noqa: E402
from extract import read_document  # noqa: E402
from normalize import normalize_document  # noqa: E402

HEADER = ["序号", "重点领域", "重点任务", "完成时限", "责任单位", "配合单位", "备注"]


def big_notice(rows: int) -> str:
    grid = [HEADER]
    for i in range(1, rows + 1):
        area = f"第{i // 10}类工作" if i % 10 == 1 else ""
        grid.append([str(i), area, f"推进第{i}项重点工作，建立协同机制，确保按期完成。", "2021年11月底",
                     "区发展改革委\n区招商中心" if i % 3 else "", "区级相关部门" if i % 2 else "", ""])
    return text_export(grid, before=["武隆府办〔2021〕17号", "关于做好重点工作的通知", "各单位：", "2021年5月13日",
                                     "2021年重点任务分解表"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--notices", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(big_notice(args.rows), encoding="utf-8")
        normalize_document(read_document(ROOT / "samples" / "000_3577e14141ec5b37.txt"))  # warm jieba
        t0 = time.perf_counter()
        doc = read_document(big)
        t1 = time.perf_counter()
        rec = normalize_document(doc)
        t2 = time.perf_counter()
        print(f"one table of {args.rows} rows: read {t1 - t0:.3f} s, normalize {t2 - t1:.3f} s, "
              f"{len(rec.tasks)} tasks")
        folder = Path(tmp) / "folder"
        folder.mkdir()
        seeds = sorted((ROOT / "samples").glob("*.txt"))
        for i in range(args.notices):
            src = seeds[i % len(seeds)].read_text(encoding="utf-8")
            (folder / f"n{i:04d}.txt").write_text(src + f"\n（第{i}份）\n", encoding="utf-8")
        t0 = time.perf_counter()
        rc = notice_tasks.extract([str(folder)], str(Path(tmp) / "out"), quiet=True)
        t1 = time.perf_counter()
        print(f"folder of {args.notices} sample-sized notices through the CLI: {t1 - t0:.2f} s "
              f"({(t1 - t0) / args.notices * 1000:.1f} ms per notice), exit {rc}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
