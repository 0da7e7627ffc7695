"""Speed of the text-export path: read + normalize + write, on generated notices.

    .venv/bin/python bench/bench_pipeline.py [--rows 3000] [--notices 500] [--jobs N]

Prints seconds for one large table; for a folder of notices of the samples' size, the first run,
a re-run with one new file (the cache at work) and a --force run; and peak memory (ru_maxrss of
this process and of the workers). Figures, not assertions: speed targets live here, never in
unit tests.
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import text_export  # noqa: E402

from extract import read_document  # noqa: E402
from normalize import normalize_document  # noqa: E402
from notice_tasks.batch import Options  # noqa: E402
from notice_tasks.cli import extract  # noqa: E402

HEADER = ["序号", "重点领域", "重点任务", "完成时限", "责任单位", "配合单位", "备注"]


def big_notice(rows: int) -> str:
    grid = [HEADER]
    for i in range(1, rows + 1):
        area = f"第{i // 10}类工作" if i % 10 == 1 else ""
        grid.append([str(i), area, f"推进第{i}项重点工作，建立协同机制，确保按期完成。", "2021年11月底",
                     "区发展改革委\n区招商中心" if i % 3 else "", "区级相关部门" if i % 2 else "", ""])
    return text_export(grid, before=["武隆府办〔2021〕17号", "关于做好重点工作的通知", "各单位：", "2021年5月13日",
                                     "2021年重点任务分解表"])


def variant(src: Path, i: int) -> bytes:
    """The sample with a different 文号 (txt, docx: a distinct notice) or a trailing comment (pdf:
    distinct bytes, the same notice), so the cache cannot serve one file for another."""
    number = lambda text: re.sub(r"〔(\d{4})〕\d+号", lambda m: f"〔{m.group(1)}〕{1000 + i}号", text, count=1)  # noqa: E731
    if src.suffix == ".txt":
        return number(src.read_text(encoding="utf-8")).encode("utf-8")
    if src.suffix == ".docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename == "word/document.xml":
                    data = number(data.decode("utf-8")).encode("utf-8")
                zout.writestr(item, data)
        return buf.getvalue()
    return src.read_bytes() + f"\n%bench copy {i}\n".encode()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--notices", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=None)
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
        sources = sorted(f for f in (ROOT / "samples").iterdir() if f.suffix in (".txt", ".docx", ".pdf"))
        for i in range(args.notices):
            src = sources[i % len(sources)]
            (folder / f"n{i:04d}{src.suffix}").write_bytes(variant(src, i))
        print(f"folder: {args.notices} notices made from {', '.join(s.name for s in sources)}")
        out = Path(tmp) / "out"
        jobs = {"jobs": args.jobs} if args.jobs else {}

        def timed(label: str, force: bool = False) -> float:
            t0 = time.perf_counter()
            rc = extract([str(folder)], Options(out=out, force=force, **jobs), quiet=True)
            seconds = time.perf_counter() - t0
            print(f"{label}: {seconds:.2f} s ({seconds / args.notices * 1000:.1f} ms per notice), exit {rc}")
            return seconds

        first = timed(f"first run over {args.notices} sample-sized notices")
        (folder / "new.txt").write_bytes(variant(ROOT / "samples" / "000_3577e14141ec5b37.txt", 99999))
        again = timed("re-run with one new file")
        print(f"re-run / first run: {again / first:.1%}")
        timed("re-run with --force", force=True)
    print(f"peak memory: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB, "
          f"largest worker {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
