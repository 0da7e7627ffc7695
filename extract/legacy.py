"""Reader for legacy Word 97-2003 .doc and WPS Office .wps files (OLE2 compound files).

Their binary format is not parsed here: LibreOffice (headless) converts the file to .docx and the
.docx reader reads that, so a .doc gives the same document model, and the same records, as the
.docx it was saved from. Each conversion runs in a private temporary folder with its own
LibreOffice profile (two workers never share one), on a copy under a safe ASCII name (spaces,
Chinese, leading dashes in the real name cannot reach soffice's command line), under a time limit.

soffice is started through a small guard process that keeps it in a process group of its own and
kills that whole group on timeout (soffice is a launcher whose soffice.bin child survives the
launcher's death). On Linux the kernel tells the guard (PR_SET_PDEATHSIG) when the worker that
started it dies — the batch runner kills workers that run past their time limit — and the guard
then kills the group and removes the work folder, so no LibreOffice is left running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .docx import read_docx
from .errors import NoticeError
from .model import Document

CONVERT_TIMEOUT = 120.0  # seconds one conversion may take; the env var below overrides (0: no limit)
TIMEOUT_ENV = "NOTICE_TASKS_SOFFICE_TIMEOUT"
MAX_INPUT_BYTES = 200 * 1024 * 1024  # a real notice is far smaller; LibreOffice would grind on
SOFFICE_NAMES = ("soffice", "libreoffice")
PACKAGE = "libreoffice-writer-nogui"

WHAT = "legacy Word .doc / WPS document (OLE2)"
NO_LIBREOFFICE = (f"{WHAT}: reading it needs LibreOffice, which is not installed (no soffice or libreoffice "
                  f"on PATH; on Debian/Ubuntu: apt install {PACKAGE}); or open it in Word or WPS and save it "
                  "as .docx or PDF")
ENCRYPTED = (f"{WHAT} is password-protected (encrypted): remove the password in Word or WPS "
             "(File → Info → Protect Document) and save it again, or save an unprotected .docx")

_FIB_IDENTS = (0xA5EC, 0xA5DC)  # Word 97-2003 (and WPS), Word 6/95: the FIB's wIdent
_F_ENCRYPTED = 0x0100  # FIB flags: the document is encrypted (RC4) or XOR-obfuscated
_LOG_TAIL = 16 * 1024

# The guard between us and soffice (run as `python -I -S -c _GUARD parent-pid work-dir soffice args…`). It
# puts soffice in a process group of its own; SIGTERM (from us on timeout, or from the kernel when
# the worker that started it dies) makes it kill that whole group and remove the work folder.
_GUARD = r"""
import os, shutil, signal, sys
parent, work, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
child = 0
def end(*_):
    if child:
        try:
            os.killpg(child, signal.SIGKILL)
            os.waitpid(child, 0)
        except OSError:
            pass
    shutil.rmtree(work, ignore_errors=True)
    os._exit(137)
stops = {signal.SIGTERM, signal.SIGHUP}
signal.pthread_sigmask(signal.SIG_BLOCK, stops)  # no stop between the fork and knowing the child
for sig in stops:
    signal.signal(sig, end)
try:  # Linux: SIGTERM to the guard when the process that started it dies, even by SIGKILL
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
except (ImportError, OSError, AttributeError):
    pass
pid = os.fork()
if pid == 0:
    try:
        os.setpgid(0, 0)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)
        os.execv(command[0], command)
    except OSError as e:
        print(f"Error: cannot start {command[0]}: {e.strerror}", file=sys.stderr, flush=True)
    os._exit(127)
try:
    os.setpgid(pid, pid)
except OSError:  # the child got there first
    pass
child = pid
signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)
if os.getppid() != parent:  # the starter died before prctl took effect
    end()
code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
try:
    os.killpg(pid, signal.SIGKILL)  # anything soffice left behind in its group
except OSError:
    pass
sys.exit(128 - code if code < 0 else code)
"""


class ConversionError(Exception):
    """LibreOffice did not produce the converted file; the message says why, for a user."""


def read_legacy_word(path: str | Path) -> Document:
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
    if size > MAX_INPUT_BYTES:
        raise NoticeError(name, f"{WHAT} of {size} bytes, over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
    # Checked before LibreOffice is started: headless, LibreOffice 7.4 just fails to load such a
    # file (the same words as for a damaged one); our reason is precise and no version can sit
    # waiting for a password.
    if is_encrypted(path):
        raise NoticeError(name, ENCRYPTED)
    soffice = find_soffice()
    if soffice is None:
        raise NoticeError(name, NO_LIBREOFFICE)
    work = Path(tempfile.mkdtemp(prefix="notice-tasks-doc-"))
    try:
        src = work / "input.doc"  # the content, not the name, tells LibreOffice .doc from Kingsoft .wps
        try:
            shutil.copyfile(path, src)
        except OSError as e:
            raise NoticeError(name, f"cannot read the file: {e.strerror or e}") from e
        try:
            converted = convert(soffice, src, "docx", work, timeout_seconds())
        except ConversionError as e:
            raise NoticeError(name, f"{WHAT}: {e}{_container_note(path)}") from e
        try:
            doc = read_docx(converted)
        except NoticeError as e:
            raise NoticeError(name, f"{WHAT}: LibreOffice's .docx conversion cannot be read: {e.reason}") from e
    finally:
        remove_tree(work)
    doc.source_file = name
    doc.format = "doc"
    return doc


def find_soffice() -> str | None:
    """The LibreOffice command on PATH, or None."""
    for command in SOFFICE_NAMES:
        found = shutil.which(command)
        if found:
            return found
    return None


def timeout_seconds() -> float | None:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return CONVERT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = CONVERT_TIMEOUT  # a typo in the variable must not turn the guard off
    return seconds if seconds > 0 else None


def is_encrypted(path: Path) -> bool:
    """True when the WordDocument stream's FIB says the document is encrypted or obfuscated."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                return False
            with ole.openstream("WordDocument") as stream:
                fib = stream.read(12)
    except Exception:  # a damaged container: LibreOffice gets its chance, then the reason
        return False
    if len(fib) < 12 or int.from_bytes(fib[0:2], "little") not in _FIB_IDENTS:
        return False
    return bool(int.from_bytes(fib[10:12], "little") & _F_ENCRYPTED)


def convert(soffice: str, src: Path, target: str, work: Path, timeout: float | None) -> Path:
    """Convert `src` (a safe name inside the private folder `work`) to format `target` ("docx",
    "doc" …) with LibreOffice headless; the result is work/out/<src stem>.<ext>."""
    out_dir = work / "out"
    profile = work / "profile"
    ext = target.split(":", 1)[0]
    args = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
            "--nolockcheck", "--convert-to", target, "--outdir", str(out_dir), str(src)]
    log_path = work / "soffice.log"
    code = _run_guarded(args, work, log_path, timeout)
    log = _log_errors(log_path)
    if code is None:
        raise ConversionError(f"LibreOffice did not finish converting it within {timeout:g} s and was stopped "
                              f"(a damaged or huge file?); {TIMEOUT_ENV} raises the limit")
    if code != 0:
        raise ConversionError(f"LibreOffice failed to convert it (exit status {code}{': ' + log if log else ''})")
    result = out_dir / f"{src.stem}.{ext}"
    if not result.is_file() or result.stat().st_size == 0:
        said = f"; soffice said: {log}" if log else ""
        raise ConversionError(f"LibreOffice could not open it (damaged, truncated, or not a Word document{said})")
    return result


def _run_guarded(args: list[str], work: Path, log_path: Path, timeout: float | None) -> int | None:
    """Run `args` under the guard; its exit code, or None after a timeout. Whatever happens (a
    timeout, KeyboardInterrupt), soffice's whole process group is gone before this returns."""
    with log_path.open("wb") as log:
        try:
            proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _GUARD, str(os.getpid()), str(work), *args],
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=work,
                                    start_new_session=True)  # a terminal's Ctrl-C reaches us, not soffice
        except OSError as e:
            raise ConversionError(f"cannot start the conversion: {e.strerror or e}") from e
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop_guard(proc)
            return None
        except BaseException:  # KeyboardInterrupt: no LibreOffice may outlive us
            _stop_guard(proc)
            raise


def _stop_guard(proc: subprocess.Popen) -> None:
    proc.terminate()  # the guard kills soffice's group
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _log_errors(log_path: Path) -> str:
    """soffice's own complaint ("Error: source file could not be loaded"), from the end of its output."""
    try:
        with log_path.open("rb") as f:
            f.seek(max(0, log_path.stat().st_size - _LOG_TAIL))
            text = f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower()]
    return "; ".join(errors[-3:])[:500]


def _container_note(path: Path) -> str:
    """Why the container itself is broken, when olefile can tell (a truncated download, mostly)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            ole.listdir()
    except OSError as e:  # olefile's own findings: "incorrect OLE sector index", …
        return f"; its OLE2 container is damaged: {e}"
    except Exception:  # other kinds come from garbage numbers, not worth quoting
        return "; its OLE2 container is damaged"
    return ""


def remove_tree(folder: Path) -> None:
    """Remove the private folder; a process killed a moment ago may still hold files in it."""
    for _ in range(5):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)
