"""Hostile inputs for every ``mds`` command, and a judge of what each command did with them.

A case writes its input files into a fresh folder, runs one command, and is classified as one of

- ``valid``: exit 0 and the case's oracle accepts the output (right format, no control characters,
  a bounded headline, citations that point at listed sources, ...);
- ``error``: a non-zero exit with one ``mds ...: error: ...`` line, no traceback, no file left behind;
- ``traceback``, ``hang`` (over the time limit), ``partial`` (a temp file or an output file left by a
  failed command), ``lost`` (an input file changed), ``messy`` (an error over several lines) or
  ``wrong`` (exit 0 where the input must be refused, an oracle that fails, or an error for valid input).

Only ``valid`` and ``error`` pass. Most cases call ``experiments.cli.main`` in this process with
captured stdio (fast); ``Case.subprocess`` ones run ``python -m experiments.cli`` where process
behaviour matters. ``python tests/hostile.py`` prints the tally.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
OUTCOMES = ("valid", "error", "traceback", "hang", "partial", "lost", "messy", "wrong")
PASSING = ("valid", "error")
TIMEOUT_S = 30.0

_ERROR_LINE = re.compile(r"^mds( \w+)?: error: \S")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class Result:
    rc: int | None
    out: str
    err: str
    seconds: float
    hung: bool = False
    crashed: str = ""


@dataclass
class Case:
    name: str
    argv: Callable[[Path], list[str]]
    """The command line (after ``mds``), given the case's folder."""
    files: Callable[[Path], None] = lambda d: None
    """Writes the input files into the case's folder."""
    expect: str = "error"
    """``error``: the input must be refused; ``valid``: it must give a correct result; ``any``: either."""
    oracle: Callable[[Path, Result], str | None] | None = None
    """For an exit 0: None when the output is right, else what is wrong with it."""
    stdin: str | None = None
    subprocess: bool = False
    outputs: tuple[str, ...] = ()
    may_change: tuple[str, ...] = ()
    """Existing files the command is meant to write (a symlink's target)."""
    """Output paths (relative to the folder) that a failed command must not leave behind."""


# --- running and judging ---------------------------------------------------------------------------

class _Hang(BaseException):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang()


def invoke(argv: list[str], stdin: str | None = None, timeout: float = TIMEOUT_S) -> Result:
    """``mds argv`` with stdio captured, stopped after ``timeout`` seconds.

    Hydra apps (run, train) configure the process's logging (``dictConfig`` shuts down every handler,
    the test runner's too), so they run in a fork of this process: modules already imported, state
    left behind in the fork only.
    """
    if argv[:1] in (["run"], ["train"]) and hasattr(os, "fork"):
        return _invoke_forked(argv, stdin, timeout)
    return _invoke_here(argv, stdin, timeout)


def _invoke_forked(argv: list[str], stdin: str | None, timeout: float) -> Result:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_forked_child, args=(send, argv, stdin, timeout))
    child.start()
    send.close()
    start = time.perf_counter()
    result = receive.recv() if receive.poll(timeout + 15) else None
    if result is None:
        child.kill()
        result = Result(None, "", "", time.perf_counter() - start, hung=True)
    child.join()
    return result


def _forked_child(send, argv: list[str], stdin: str | None, timeout: float) -> None:
    try:
        send.send(_invoke_here(argv, stdin, timeout))
    finally:
        send.close()
        os._exit(0)  # no atexit hooks of the test runner in the fork


def _invoke_here(argv: list[str], stdin: str | None = None, timeout: float = TIMEOUT_S) -> Result:
    from experiments import cli

    try:
        from hydra.core.global_hydra import GlobalHydra

        GlobalHydra.instance().clear()
    except ImportError:
        pass
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    rc: int | None = None
    hung = False
    crashed = ""
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = cli.main(list(argv))
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except _Hang:
        hung = True
    except BaseException:  # noqa: BLE001 - a traceback is exactly what is being looked for
        crashed = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.stdin = saved_stdin
    return Result(rc, out.getvalue(), err.getvalue() + crashed, time.perf_counter() - start, hung, crashed)


def invoke_subprocess(argv: list[str], cwd: Path, stdin: str | None = None, timeout: float = TIMEOUT_S) -> Result:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "experiments.cli", *argv], cwd=cwd, input=stdin or "",
                              capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        return Result(None, str(exc.stdout or ""), str(exc.stderr or ""), time.perf_counter() - start, hung=True)
    return Result(proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start)


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in folder.rglob("*"):
        try:
            if p.is_file() and not p.is_symlink():
                out[str(p.relative_to(folder))] = hashlib.sha1(p.read_bytes()).hexdigest()
        except OSError:
            continue
    return out


def one_line_error(err: str) -> bool:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    errors = [ln for ln in lines if _ERROR_LINE.match(ln)]
    return bool(lines) and len(errors) == 1 and bool(_ERROR_LINE.match(lines[-1]))


def judge(case: Case, folder: Path, result: Result, before: dict[str, str]) -> tuple[str, str]:
    """(outcome, why) for one case."""
    if result.hung:
        return "hang", f"no answer in {TIMEOUT_S:.0f} s"
    if result.crashed or "Traceback (most recent call last)" in result.err:
        return "traceback", result.err.strip().splitlines()[-1][:200] if result.err.strip() else "exception"
    after = _snapshot(folder)
    changed = [p for p, h in before.items() if after.get(p, h) != h and p not in case.may_change]
    if changed:
        return "lost", f"input changed: {changed[0]}"
    temps = [p for p in after if Path(p).name.endswith(".tmp") and p not in before]
    if temps:
        return "partial", f"temp file left: {temps[0]}"
    if result.rc == 0:
        if case.expect == "error":
            return "wrong", "exit 0 for input that must be refused"
        problem = case.oracle(folder, result) if case.oracle else None
        return ("wrong", problem) if problem else ("valid", "")
    left = [o for o in case.outputs if o not in before and (folder / o).exists()]
    if left:
        return "partial", f"failed (exit {result.rc}) but left {left[0]}"
    if not one_line_error(result.err):
        return "messy", f"exit {result.rc}, stderr: {result.err.strip()[-300:]!r}"
    if case.expect == "valid":
        return "wrong", f"refused valid input: {result.err.strip().splitlines()[-1]}"
    return "error", result.err.strip().splitlines()[-1]


def run_case(case: Case, folder: Path) -> tuple[str, str, Result]:
    folder.mkdir(parents=True, exist_ok=True)
    case.files(folder)
    before = _snapshot(folder)
    argv = case.argv(folder)
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        if case.subprocess:
            result = invoke_subprocess(argv, folder, case.stdin)
        else:
            result = invoke(argv, case.stdin)
    finally:
        os.chdir(cwd)
    outcome, why = judge(case, folder, result, before)
    return outcome, why, result


# --- oracles ---------------------------------------------------------------------------------------

def markdown_briefing(text: str) -> str | None:
    """A Markdown briefing: a bounded headline, printable text, every citation pointing at a listed source."""
    if not text.startswith("# "):
        return "no headline"
    if _CONTROL.search(text):
        return f"control character {(_CONTROL.search(text).group())!r} in the output"
    headline = text.splitlines()[0]
    if len(headline) > 260:
        return f"headline of {len(headline)} characters"
    body, _, sources = text.partition("\n## Sources")
    n_sources = len(re.findall(r"^\d+\. ", sources, re.M))
    cited = [int(m) for line in body.splitlines() if line.startswith("- ") for m in _MARKER.findall(line)]
    if any(c < 1 or c > n_sources for c in cited):
        return f"citation [{max(cited)}] but {n_sources} sources"
    return None


def brief_stdout(folder: Path, r: Result) -> str | None:
    return markdown_briefing(r.out)


def brief_file(name: str) -> Callable[[Path, Result], str | None]:
    def check(folder: Path, r: Result) -> str | None:
        path = folder / name
        if r.out:
            return "wrote to stdout as well as -o"
        if not path.is_file():
            return f"{name} not written"
        return markdown_briefing(path.read_text(encoding="utf-8"))
    return check


def json_briefing(folder: Path, r: Result) -> str | None:
    try:
        data = json.loads(r.out)
    except ValueError as exc:
        return f"not JSON: {exc}"
    if not isinstance(data, dict) or "points" not in data:
        return "no points"
    if re.search("[\x7f-\x9f]", r.out):
        return "control character in JSON"
    return None


def html_briefing(folder: Path, r: Result) -> str | None:
    if "<html" not in r.out.lower():
        return "not HTML"
    if _CONTROL.search(r.out):
        return "control character in HTML"
    if "<script>alert" in r.out:
        return "article markup reached the page unescaped"
    return None


def json_out(folder: Path, r: Result) -> str | None:
    try:
        json.loads(r.out)
    except ValueError as exc:
        return f"not JSON: {exc}"
    return None


def file_exists(name: str) -> Callable[[Path, Result], str | None]:
    return lambda folder, r: None if (folder / name).exists() else f"{name} missing"


def run_folder_done(folder: Path, r: Result) -> str | None:
    metrics = folder / "run" / "metrics.json"
    if not metrics.is_file():
        return "no metrics.json"
    return None


# --- the inputs ------------------------------------------------------------------------------------

GOOD_DOCS = [
    "Flood waters rose along the river on Monday. The mayor ordered the old town evacuated. "
    "Schools stayed closed as rain kept falling.",
    "The river burst its banks on Monday, forcing the evacuation of the old town. "
    "The mayor said emergency shelters were open. More rain is expected.",
    "Residents of the old town left their homes after the river flooded. "
    "Officials said schools would stay closed until Wednesday.",
]
REFS = ["The river flooded and the old town was evacuated. Schools closed.",
        "Floods forced an evacuation of the old town; more rain is expected."]


def cluster(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": "c1", "documents": list(GOOD_DOCS), "references": list(REFS)}
    row.update(overrides)
    return {k: v for k, v in row.items() if v is not _DROP}


_DROP = object()


def write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        path = d / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return make


def write_json(name: str, value: Any) -> Callable[[Path], None]:
    return write(name, json.dumps(value, ensure_ascii=False))


def write_jsonl(name: str, rows: list[Any]) -> Callable[[Path], None]:
    return write(name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def articles(texts: list[str | bytes], extra: dict[str, str | bytes] | None = None) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        folder = d / "arts"
        folder.mkdir(exist_ok=True)
        for i, t in enumerate(texts):
            p = folder / f"a{i:04d}.txt"
            p.write_bytes(t) if isinstance(t, bytes) else p.write_text(t, encoding="utf-8")
        for name, t in (extra or {}).items():
            p = folder / name
            p.write_bytes(t) if isinstance(t, bytes) else p.write_text(t, encoding="utf-8")
    return make


def both(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        for m in makers:
            m(d)
    return make


def deep(n: int) -> str:
    return "[" * n + "]" * n


ESCAPES = "Markets \x1b[2J\x1b[31mfell\x1b[0m sharply \x1b]52;c;cm0gLXJmIH4=\x07on Monday\x07, traders said.\x9b1m\x7f"


def brief_text_cases() -> list[Case]:
    """``mds brief`` on article text: layout, encodings, sizes and characters."""
    texts: dict[str, tuple[list[str | bytes], str]] = {
        "plain": (GOOD_DOCS, "valid"),
        "one-article": (GOOD_DOCS[:1], "valid"),
        "one-word": (["Flood"], "valid"),
        "whitespace-only": (["   \n\t\n  "], "error"),
        "empty-files": ([""] * 3, "error"),
        "nul-bytes": ([b"Flood\x00waters rose."], "error"),
        "invalid-utf8": ([b"Caf\xe9 owners said the flood ruined them."], "error"),
        "utf16": (["Flood waters rose.".encode("utf-16")], "error"),
        "utf8-bom": ([b"\xef\xbb\xbf" + GOOD_DOCS[0].encode()], "valid"),
        "escapes": ([ESCAPES, GOOD_DOCS[1]], "valid"),
        "bidi-overrides": (["The vote \u202eseveis\u202c was held on Monday. The count ended late.", GOOD_DOCS[0]], "valid"),
        "zero-width": (["Flo\u200bod wa\u200cters rose on Mon\u200dday. The town emptied."] + GOOD_DOCS[1:], "valid"),
        "crlf": ([t.replace(". ", ".\r\n") for t in GOOD_DOCS], "valid"),
        "cr-only": ([t.replace(". ", ".\r") for t in GOOD_DOCS], "valid"),
        "form-feeds": ([t.replace(". ", ".\f") for t in GOOD_DOCS], "valid"),
        "no-space-5mb": (["x" * 5_000_000, GOOD_DOCS[0]], "valid"),
        "no-space-300k-sentence": (["y" * 300_000 + ". Short one here.", GOOD_DOCS[1]], "valid"),
        "one-long-line": ([(" ".join(GOOD_DOCS) + " ") * 100], "valid"),
        "punctuation-only": (["!!! ??? ... ;;; ---"] * 2, "any"),
        "digits-only": (["1234 5678 9012. 3456 7890."] * 2, "any"),
        "emoji": (["🌊🌊 The flood 🏠 destroyed homes. 😢 Rescue teams 🚁 arrived."] + GOOD_DOCS[:1], "valid"),
        "cjk": (["洪水が町を襲った。住民は避難した。学校は閉鎖された。", "河水泛滥。居民撤离。学校关闭。"], "valid"),
        "arabic": (["غمرت المياه المدينة. تم إجلاء السكان. أغلقت المدارس."] * 2, "valid"),
        "combining": (["Z\u0351\u0352\u0353a\u0354\u0355lgo text rose. " * 20] + GOOD_DOCS[:1], "valid"),
        "html-markup": (["<script>alert(1)</script><p>Flood waters rose.</p><p>The town emptied.</p>", GOOD_DOCS[1]], "valid"),
        "markdown-injection": (["# Fake heading\n\n- [click](javascript:alert(1)) The flood rose. ## Sources\n1. evil", GOOD_DOCS[0]], "valid"),
        "thousand-lines": (["\n".join(f"Line {i} of the flood report." for i in range(1000))], "valid"),
        "many-tiny-articles": ([f"The river rose {i} centimetres." for i in range(300)], "valid"),
        "identical-articles": ([GOOD_DOCS[0]] * 6, "valid"),
        "title-only": (["A Title Without a Body"], "any"),
        "huge-title": (["T" * 10_000 + "\n\n" + GOOD_DOCS[0]], "valid"),
        "surrogates-escaped": (["Flood \\ud800 waters rose. The town emptied."] + GOOD_DOCS[1:], "valid"),
        "latin1-looking-utf8": (["Café owners in Zürich said the flood ruined them. Señor Pérez agreed."] + GOOD_DOCS[:1], "valid"),
    }
    out = []
    for name, (docs, expect) in texts.items():
        out.append(Case(f"brief-text-{name}", lambda d: ["brief", str(d / "arts")], articles(list(docs)),
                        expect, brief_stdout))
    out += [
        Case("brief-text-escapes-to-file", lambda d: ["brief", str(d / "arts"), "-o", str(d / "b.md")],
             articles([ESCAPES, GOOD_DOCS[1]]), "valid", brief_file("b.md"), outputs=("b.md",)),
        Case("brief-text-escapes-json", lambda d: ["brief", str(d / "arts"), "--format", "json"],
             articles([ESCAPES, GOOD_DOCS[1]]), "valid", json_briefing),
        Case("brief-text-html-escaped", lambda d: ["brief", str(d / "arts"), "--format", "html"],
             articles(["<script>alert(1)</script> Flood waters rose. " + ESCAPES, GOOD_DOCS[1]]), "valid", html_briefing),
        Case("brief-dir-empty", lambda d: ["brief", str(d / "arts")], articles([])),
        Case("brief-dir-no-txt", lambda d: ["brief", str(d / "arts")], articles([], {"a.md": "Flood.", "b.doc": "x"})),
        Case("brief-dir-references-only", lambda d: ["brief", str(d / "arts")], articles([], {"reference.txt": REFS[0]})),
        Case("brief-dir-some-empty", lambda d: ["brief", str(d / "arts")], articles(GOOD_DOCS + ["", " "]), "valid", brief_stdout),
        Case("brief-dir-subfolders", lambda d: ["brief", str(d / "arts")],
             both(articles(GOOD_DOCS), write("arts/sub/x.txt", "Nested.")), "valid", brief_stdout),
        Case("brief-dir-fifo-txt", lambda d: ["brief", str(d / "arts")],
             both(articles(GOOD_DOCS), lambda d: os.mkfifo(d / "arts" / "pipe.txt")), "valid", brief_stdout),
        Case("brief-dir-symlink-loop", lambda d: ["brief", str(d / "arts")],
             both(articles(GOOD_DOCS), lambda d: os.symlink(d / "arts" / "loop.txt", d / "arts" / "loop.txt")), "any", brief_stdout),
        Case("brief-dir-dangling-symlink", lambda d: ["brief", str(d / "arts")],
             both(articles(GOOD_DOCS), lambda d: os.symlink(d / "nowhere", d / "arts" / "gone.txt")), "any", brief_stdout),
    ]
    return out


def brief_json_cases() -> list[Case]:
    """``mds brief cluster.json``: every way a JSON cluster can be wrong."""
    values: dict[str, tuple[Any, str]] = {
        "good": (cluster(), "valid"),
        "list": ([1, 2], "error"),
        "string": ("documents", "error"),
        "number": (5, "error"),
        "null": (None, "error"),
        "no-documents": (cluster(documents=_DROP), "error"),
        "documents-null": (cluster(documents=None), "error"),
        "documents-string": (cluster(documents="Flood waters rose."), "error"),
        "documents-object": (cluster(documents={"a": "Flood."}), "error"),
        "documents-empty": (cluster(documents=[]), "error"),
        "documents-numbers": (cluster(documents=[1, 2, 3]), "error"),
        "documents-nested-lists": (cluster(documents=[["Flood."]]), "error"),
        "documents-all-empty": (cluster(documents=["", "  "]), "error"),
        "document-text-null": (cluster(documents=[{"text": None}]), "error"),
        "document-text-number": (cluster(documents=[{"text": 5}]), "error"),
        "document-text-missing": (cluster(documents=[{"title": "T"}]), "error"),
        "document-objects": (cluster(documents=[{"id": f"d{i}", "text": t, "title": f"Title {i}"} for i, t in enumerate(GOOD_DOCS)]), "valid"),
        "document-bad-date": (cluster(documents=[{"text": GOOD_DOCS[0], "date": "yesterday"}]), "error"),
        "document-date-number": (cluster(documents=[{"text": GOOD_DOCS[0], "date": 20151221}]), "error"),
        "document-title-list": (cluster(documents=[{"text": GOOD_DOCS[0], "title": ["a"]}]), "error"),
        "document-huge-title": (cluster(documents=[{"text": GOOD_DOCS[0], "title": "T" * 100_000}]), "valid"),
        "document-url-javascript": (cluster(documents=[{"text": GOOD_DOCS[0], "url": "javascript:alert(1)"}]), "valid"),
        "references-numbers": (cluster(references=[1, 2]), "error"),
        "references-nested": (cluster(references=[["a"]]), "error"),
        "references-object": (cluster(references={"a": "b"}), "error"),
        "references-string": (cluster(references=REFS[0]), "valid"),
        "id-list": (cluster(id=[1]), "error"),
        "id-number": (cluster(id=7), "valid"),
        "id-path-traversal": (cluster(id="../../etc/passwd"), "valid"),
        "id-huge": (cluster(id="i" * 100_000), "valid"),
        "topic-number": (cluster(topic=5), "error"),
        "extra-fields": (cluster(extra={"x": [1, 2]}, summary=None), "valid"),
        "escapes-in-text": (cluster(documents=[ESCAPES] + GOOD_DOCS[1:]), "valid"),
        "escapes-in-title": (cluster(documents=[{"text": t, "title": "Bad \x1b[2J title"} for t in GOOD_DOCS]), "valid"),
    }
    out = [Case(f"brief-json-{name}", lambda d: ["brief", str(d / "c.json")], write_json("c.json", v), expect,
                brief_stdout) for name, (v, expect) in values.items()]
    raw: dict[str, tuple[str | bytes, str]] = {
        "empty-file": ("", "error"),
        "whitespace": ("  \n ", "error"),
        "truncated": (json.dumps(cluster())[:50], "error"),
        "trailing-garbage": (json.dumps(cluster()) + " xyz", "error"),
        "two-objects": (json.dumps(cluster()) * 2, "error"),
        "comments": ("// a cluster\n" + json.dumps(cluster()), "error"),
        "nan": (json.dumps(cluster()).replace('"c1"', "NaN"), "any"),
        "huge-int": ('{"id": 1' + "0" * 5000 + ', "documents": ["Flood."]}', "any"),
        "deep-200k": (deep(200_000), "error"),
        "deep-in-documents": ('{"documents": [' + deep(200_000) + "]}", "error"),
        "deep-object-200k": ('{"a":' * 200_000 + "1" + "}" * 200_000, "error"),
        "deep-999": (json.dumps(cluster(meta=json.loads(deep(900)))), "valid"),
        "binary": (bytes(range(256)) * 10, "error"),
        "utf16": (json.dumps(cluster()).encode("utf-16"), "error"),
        "bom": (b"\xef\xbb\xbf" + json.dumps(cluster()).encode(), "valid"),
        "lone-surrogate": (json.dumps(cluster()).replace("Flood", "\\ud800Flood"), "any"),
        "duplicate-keys": ('{"documents": ["Flood waters rose."], "documents": ' + json.dumps(GOOD_DOCS) + "}", "valid"),
    }
    out += [Case(f"brief-json-raw-{name}", lambda d: ["brief", str(d / "c.json")], write("c.json", v), expect,
                 brief_stdout) for name, (v, expect) in raw.items()]
    out += [
        Case("brief-stdin-good", lambda d: ["brief", "-"], expect="valid", oracle=brief_stdout, stdin=json.dumps(cluster())),
        Case("brief-stdin-empty", lambda d: ["brief", "-"], stdin=""),
        Case("brief-stdin-deep", lambda d: ["brief", "-"], stdin=deep(200_000)),
        Case("brief-stdin-text", lambda d: ["brief", "-"], stdin="Flood waters rose. The town emptied."),
        Case("brief-jsonl-two-clusters", lambda d: ["brief", str(d / "c.jsonl")], write_jsonl("c.jsonl", [cluster(), cluster(id="c2")])),
        Case("brief-jsonl-one", lambda d: ["brief", str(d / "c.jsonl")], write_jsonl("c.jsonl", [cluster()]), "valid", brief_stdout),
        Case("brief-jsonl-deep-line", lambda d: ["brief", str(d / "c.jsonl")], write("c.jsonl", deep(200_000) + "\n")),
    ]
    return out


def brief_option_cases() -> list[Case]:
    """``mds brief`` paths, flags, overrides and ``-o`` targets."""
    good = write_json("c.json", cluster())
    arts = articles(GOOD_DOCS)
    cases = [
        Case("brief-path-missing", lambda d: ["brief", str(d / "nope.json")]),
        Case("brief-path-fifo", lambda d: ["brief", str(d / "fifo.json")], lambda d: os.mkfifo(d / "fifo.json")),
        Case("brief-path-dev-null", lambda d: ["brief", "/dev/null"]),
        Case("brief-path-md-file", lambda d: ["brief", str(d / "x.md")], write("x.md", "# Flood")),
        Case("brief-path-txt-file", lambda d: ["brief", str(d / "x.txt")], write("x.txt", GOOD_DOCS[0]), "valid", brief_stdout),
        Case("brief-no-path", lambda d: ["brief"]),
        Case("brief-two-paths", lambda d: ["brief", str(d / "c.json"), str(d / "c.json")], good),
        Case("brief-words-zero", lambda d: ["brief", str(d / "c.json"), "--words", "0"], good),
        Case("brief-words-negative", lambda d: ["brief", str(d / "c.json"), "--words", "-5"], good),
        Case("brief-words-text", lambda d: ["brief", str(d / "c.json"), "--words", "abc"], good),
        Case("brief-words-huge", lambda d: ["brief", str(d / "c.json"), "--words", "99999999999"], good, "valid", brief_stdout),
        Case("brief-sentences-and-words", lambda d: ["brief", str(d / "c.json"), "--words", "5", "--sentences", "2"], good),
        Case("brief-format-pdf", lambda d: ["brief", str(d / "c.json"), "--format", "pdf"], good),
        Case("brief-unknown-flag", lambda d: ["brief", str(d / "c.json"), "--colour"], good),
        Case("brief-method-unknown", lambda d: ["brief", str(d / "c.json"), "--method", "nosuch"], good),
        Case("brief-override-bad-type", lambda d: ["brief", str(d / "c.json"), "method.damping=abc"], good),
        Case("brief-override-unknown-key", lambda d: ["brief", str(d / "c.json"), "nosuch.key=1"], good),
        Case("brief-override-bad-syntax", lambda d: ["brief", str(d / "c.json"), "method.damping=["], good),
        Case("brief-override-budget-negative", lambda d: ["brief", str(d / "c.json"), "budget.limit=-1"], good),
        Case("brief-override-budget-unit", lambda d: ["brief", str(d / "c.json"), "budget.unit=pages"], good),
        Case("brief-override-redundancy", lambda d: ["brief", str(d / "c.json"), "method.selector.redundancy=7"], good, "any", brief_stdout),
        Case("brief-methods-lead", lambda d: ["brief", str(d / "c.json"), "--method", "lead"], good, "valid", brief_stdout),
        # -o targets
        Case("brief-o-onto-input", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "c.json")], good),
        Case("brief-o-symlink-to-input", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "l.json")],
             both(good, lambda d: os.symlink(d / "c.json", d / "l.json"))),
        Case("brief-o-symlink-kept", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "l.md")],
             both(good, write("t.md", "old"), lambda d: os.symlink(d / "t.md", d / "l.md")), "valid",
             lambda d, r: None if (d / "l.md").is_symlink() and (d / "t.md").read_text().startswith("# ")
             else "the link was replaced or its target not written", may_change=("t.md",)),
        Case("brief-o-directory", lambda d: ["brief", str(d / "c.json"), "-o", str(d)], good),
        Case("brief-o-input-directory", lambda d: ["brief", str(d / "arts"), "-o", str(d / "arts")], arts),
        Case("brief-o-txt-in-input-directory", lambda d: ["brief", str(d / "arts"), "-o", str(d / "arts" / "brief.txt")],
             arts, outputs=("arts/brief.txt",)),
        Case("brief-o-article-in-input-directory", lambda d: ["brief", str(d / "arts"), "-o", str(d / "arts" / "a0000.txt")], arts),
        Case("brief-o-missing-parent", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "no" / "b.md")], good, outputs=("no",)),
        Case("brief-o-sys", lambda d: ["brief", str(d / "c.json"), "-o", "/sys/x.md"], good),
        Case("brief-o-proc", lambda d: ["brief", str(d / "c.json"), "-o", "/proc/x.md"], good),
        Case("brief-o-fifo", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "out.fifo")],
             both(good, lambda d: os.mkfifo(d / "out.fifo"))),
        Case("brief-o-dev-null", lambda d: ["brief", str(d / "c.json"), "-o", "/dev/null"], good),
        Case("brief-o-empty", lambda d: ["brief", str(d / "c.json"), "-o", ""], good),
        Case("brief-o-good", lambda d: ["brief", str(d / "c.json"), "-o", str(d / "b.md")], good, "valid", brief_file("b.md")),
        Case("brief-o-bad-input-no-file", lambda d: ["brief", str(d / "bad.json"), "-o", str(d / "b.md")],
             write("bad.json", "{"), outputs=("b.md",)),
    ]
    return cases


def evaluate_cases() -> list[Case]:
    """``mds evaluate PREDICTIONS DATASET``: wrong predictions, wrong datasets, wrong flags."""
    dataset = [cluster(), cluster(id="c2")]
    preds = [{"id": "c1", "summary": "The river flooded.\nThe old town was evacuated."},
             {"id": "c2", "summary": "Schools closed."}]
    good_d = write_jsonl("d.jsonl", dataset)
    good_p = write_jsonl("p.jsonl", preds)
    base = lambda d: ["evaluate", str(d / "p.jsonl"), str(d / "d.jsonl"), "--no-progress", "--resamples", "20",  # noqa: E731
                      "--format", "json"]

    def scored(folder: Path, r: Result) -> str | None:
        try:
            data = json.loads(r.out)
        except ValueError as exc:
            return f"not JSON: {exc}"
        return None if "aggregate" in json.dumps(data) or "rouge" in r.out else "no scores"

    bad_preds: dict[str, tuple[Any, str]] = {
        "summary-null": ([{"id": "c1", "summary": None}], "error"),
        "summary-number": ([{"id": "c1", "summary": 5}], "error"),
        "summary-list": ([{"id": "c1", "summary": ["a", "b"]}], "error"),
        "summary-object": ([{"id": "c1", "summary": {"a": 1}}], "error"),
        "summary-missing": ([{"id": "c1"}], "error"),
        "id-missing": ([{"summary": "x"}], "error"),
        "id-null": ([{"id": None, "summary": "x"}], "error"),
        "id-list": ([{"id": [1], "summary": "x"}], "error"),
        "id-unknown": ([{"id": "zzz", "summary": "x"}], "error"),
        "duplicate-ids": ([preds[0], preds[0]], "error"),
        "not-objects": ([1, 2], "error"),
        "sentences-bad-source": ([{"id": "c1", "sentences": [{"text": "x", "sources": [{"doc": -1, "position": 0}]}]}], "error"),
        "sentences-text-null": ([{"id": "c1", "sentences": [{"text": None}]}], "error"),
        "budget-zero": ([{"id": "c1", "summary": "x", "budget": {"limit": 0, "unit": "words"}}], "error"),
        "budget-unit-bad": ([{"id": "c1", "summary": "x", "budget": {"limit": 5, "unit": "pages"}}], "error"),
        "summary-empty-string": ([{"id": "c1", "summary": ""}], "any"),
        "summary-escapes": ([{"id": "c1", "summary": ESCAPES}], "valid"),
        "one-of-two": ([preds[0]], "valid"),
        "good": (preds, "valid"),
    }
    out = [Case(f"evaluate-pred-{n}", base, both(good_d, write_jsonl("p.jsonl", v)), e, scored)
           for n, (v, e) in bad_preds.items()]
    bad_data: dict[str, tuple[Any, str]] = {
        "references-numbers": ([cluster(references=[1, 2]), cluster(id="c2")], "error"),
        "references-missing": ([cluster(references=_DROP), cluster(id="c2", references=_DROP)], "error"),
        "references-empty": ([cluster(references=[]), cluster(id="c2", references=[])], "error"),
        "references-null-items": ([cluster(references=[None]), cluster(id="c2")], "error"),
        "documents-null": ([cluster(documents=None), cluster(id="c2")], "error"),
        "not-objects": (["x", "y"], "error"),
    }
    out += [Case(f"evaluate-data-{n}", base, both(good_p, write_jsonl("d.jsonl", v)), e, scored)
            for n, (v, e) in bad_data.items()]
    raw = {
        "pred-empty": ("p.jsonl", ""), "pred-blank-lines": ("p.jsonl", "\n\n\n"), "pred-invalid-line": ("p.jsonl", "{\n"),
        "pred-deep": ("p.jsonl", deep(200_000) + "\n"), "pred-binary": ("p.jsonl", bytes(range(256))),
        "data-empty": ("d.jsonl", ""), "data-deep": ("d.jsonl", deep(200_000) + "\n"),
        "data-invalid-utf8": ("d.jsonl", b'{"documents": ["caf\xe9"]}\n'),
    }
    out += [Case(f"evaluate-raw-{n}", base, both(good_d, good_p, write(f, v))) for n, (f, v) in raw.items()]
    flags = {
        "words-zero": ["--words", "0"], "bytes-negative": ["--bytes", "-1"], "n-jobs-zero": ["--n-jobs", "0"],
        "n-jobs-text": ["--n-jobs", "abc"], "confidence-2": ["--confidence", "2"], "resamples-zero": ["--resamples", "0"],
        "config-unknown": ["--config", "nosuch"], "config-traversal": ["--config", "../config"],
        "metrics-unknown": ["--metrics", "rougeX"], "format-pdf": ["--format", "pdf"],
    }
    out += [Case(f"evaluate-flag-{n}", (lambda extra: lambda d: [*base(d), *extra])(v), both(good_d, good_p))
            for n, v in flags.items()]
    out += [
        Case("evaluate-missing-files", lambda d: ["evaluate", str(d / "x.jsonl"), str(d / "y.jsonl")]),
        Case("evaluate-fifo", lambda d: [*base(d)[:1], str(d / "f.jsonl"), str(d / "d.jsonl")],
             both(good_d, lambda d: os.mkfifo(d / "f.jsonl"))),
        Case("evaluate-o-onto-predictions", lambda d: [*base(d), "-o", str(d / "p.jsonl")], both(good_d, good_p)),
        Case("evaluate-o-onto-dataset", lambda d: [*base(d), "-o", str(d / "d.jsonl")], both(good_d, good_p)),
        Case("evaluate-o-directory", lambda d: [*base(d), "-o", str(d)], both(good_d, good_p)),
        Case("evaluate-o-sys", lambda d: [*base(d), "-o", "/sys/x.json"], both(good_d, good_p)),
        Case("evaluate-o-good", lambda d: [*base(d), "-o", str(d / "s.json")], both(good_d, good_p), "valid",
             file_exists("s.json")),
        Case("evaluate-md", lambda d: [*base(d)[:-2], "--format", "md"], both(good_d, good_p), "valid",
             lambda d, r: None if "|" in r.out and not _CONTROL.search(r.out) else "no table"),
    ]
    return out


def make_run_folder(folder: Path, method: str = "textrank", metric_changes: dict[str, Any] | None = None) -> None:
    """A finished run folder written through ``RunFolder`` (as ``mds run`` writes one), then spoiled."""
    from experiments.runfolder import RunFolder, write_jsonl

    rf = RunFolder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = ["c1", "c2", "c3"]
    preds = [{"id": i, "method": method, "budget": {"limit": 40, "unit": "words"},
              "summary": f"The river flooded {i}.", "sentences": [], "metadata": {}} for i in ids]
    write_jsonl(rf.predictions, preds)
    write_jsonl(rf.scores, [{"id": i, "scores": {"rouge1_r": 0.3 + k / 10, "rouge2_r": 0.1 + k / 20}}
                            for k, i in enumerate(ids)])
    metrics = {"method": method, "dataset": "invented", "n_clusters": 3, "settings": {"metrics": ["rouge1", "rouge2"]},
               "settings_description": "rouge-score", "aggregate": {
                   "rouge1_r": {"mean": 0.4, "ci_low": 0.3, "ci_high": 0.5},
                   "rouge2_r": {"mean": 0.15, "ci_low": 0.1, "ci_high": 0.2}},
               "length_words": {"mean": 4.0, "min": 4, "max": 4}}
    rf.write_metrics(metrics)
    if metric_changes:
        raw = json.loads(rf.metrics.read_text())
        for k, v in metric_changes.items():
            if v is _DROP:
                raw.pop(k, None)
            else:
                raw[k] = v
        rf.metrics.write_text(json.dumps(raw))


def report_cases() -> list[Case]:
    """``mds report``: malformed run folders and output targets."""
    def runs(**changes: Any) -> Callable[[Path], None]:
        def make(d: Path) -> None:
            make_run_folder(d / "sweep" / "0", "lead")
            make_run_folder(d / "sweep" / "1", "textrank", changes)
        return make

    base = lambda d: ["report", str(d / "sweep"), "--no-plots", "--resamples", "50", "--examples", "0"]  # noqa: E731
    md_ok = lambda d, r: None if "|" in r.out and not _CONTROL.search(r.out) else "no table"  # noqa: E731
    spoiled = {
        "n-clusters-text": {"n_clusters": "three"}, "n-clusters-zero": {"n_clusters": 0},
        "aggregate-list": {"aggregate": [1, 2]}, "aggregate-mean-text": {"aggregate": {"rouge1_r": {"mean": "high"}}},
        "aggregate-missing": {"aggregate": _DROP}, "method-number": {"method": 5}, "method-missing": {"method": _DROP},
        "settings-list": {"settings": [1]}, "length-text": {"length_words": "long"},
        "aggregate-null-mean": {"aggregate": {"rouge1_r": {"mean": None}}},
    }
    out = [Case(f"report-metrics-{n}", base, runs(**v)) for n, v in spoiled.items()]

    def raw_file(name: str, content: str | bytes) -> Callable[[Path], None]:
        return both(runs(), write(f"sweep/1/{name}", content))

    raws = {
        "metrics-empty": ("metrics.json", ""), "metrics-deep": ("metrics.json", deep(200_000)),
        "metrics-list": ("metrics.json", "[1, 2]"), "metrics-binary": ("metrics.json", bytes(range(256))),
        "scores-junk": ("scores.jsonl", "not json\n"), "scores-deep": ("scores.jsonl", deep(200_000) + "\n"),
        "scores-no-scores": ("scores.jsonl", '{"id": "c1"}\n'), "predictions-junk": ("predictions.jsonl", "{\n"),
    }
    out += [Case(f"report-raw-{n}", base, raw_file(f, v)) for n, (f, v) in raws.items()]
    out += [
        Case("report-good", base, runs(), "valid", md_ok),
        Case("report-oracle-upper-bound", base, lambda d: (make_run_folder(d / "sweep" / "0", "lead"),
                                                            make_run_folder(d / "sweep" / "1", "oracle")), "valid",
             lambda d, r: None if "oracle (upper bound)" in r.out else "oracle not labelled an upper bound"),
        Case("report-escapes-in-method", base, lambda d: (make_run_folder(d / "sweep" / "0", "lead"),
                                                           make_run_folder(d / "sweep" / "1", "bad\x1b[2Jname")), "valid", md_ok),
        Case("report-not-a-run", lambda d: ["report", str(d)], write("x.txt", "x")),
        Case("report-missing", lambda d: ["report", str(d / "nope")]),
        Case("report-o-pdf", lambda d: [*base(d), "-o", str(d / "r.pdf")], runs(), outputs=("r.pdf",)),
        Case("report-o-onto-metrics", lambda d: [*base(d), "-o", str(d / "sweep" / "1" / "metrics.json")], runs()),
        Case("report-o-existing-file", lambda d: [*base(d), "-o", str(d / "notes")], both(runs(), write("notes", "keep"))),
        Case("report-o-sys", lambda d: [*base(d), "-o", "/sys/r.md"], runs()),
        Case("report-o-folder", lambda d: [*base(d), "-o", str(d / "rep")], runs(), "valid", file_exists("rep/report.md")),
        Case("report-o-md", lambda d: [*base(d), "-o", str(d / "r.md")], runs(), "valid", file_exists("r.md")),
        Case("report-format-all-stdout", lambda d: [*base(d), "--format", "all"], runs()),
        Case("report-alpha-2", lambda d: [*base(d), "--alpha", "2"], runs()),
        Case("report-examples-negative", lambda d: [*base(d), "--examples", "-1"], runs()),
        Case("report-baseline-unknown", lambda d: [*base(d), "--baseline", "nosuch"], runs()),
        Case("report-published-missing", lambda d: [*base(d), "--published", str(d / "nope.yaml")], runs()),
        Case("report-published-junk", lambda d: [*base(d), "--published", str(d / "p.yaml")], both(runs(), write("p.yaml", "[: x"))),
    ]
    return out


def run_cases() -> list[Case]:
    """``mds run``: settings, data files and folders (in this process: Hydra is re-entered each time)."""
    data = write_jsonl("d.jsonl", [cluster(), cluster(id="c2", documents=GOOD_DOCS[::-1])])
    base = lambda d: ["run", "data=jsonl", f"data.loader.path={d / 'd.jsonl'}", "method=lead", "progress=false",  # noqa: E731
                      f"hydra.run.dir={d / 'run'}", "evaluation.n_resamples=20"]
    settings = {
        "n-jobs-text": "n_jobs=abc", "limit-zero": "data.limit=0", "budget-zero": "budget.limit=0", "method-unknown": "method=nosuch", "override-syntax": "method.x=[", "unknown-key": "nosuch=1",
        "eval-unknown": "eval=nosuch", "resume-missing": "resume=/nonexistent/run",
    }
    out = [Case(f"run-setting-{n}", (lambda o: lambda d: [*base(d), o])(o), data) for n, o in settings.items()]
    datas: dict[str, tuple[Callable[[Path], None], str]] = {
        "references-numbers": (write_jsonl("d.jsonl", [cluster(references=[1, 2])]), "error"),
        "deep": (write("d.jsonl", deep(200_000) + "\n"), "error"),
        "deep-in-documents": (write("d.jsonl", '{"documents": [' + deep(200_000) + "]}\n"), "error"),
        "fifo": (lambda d: os.mkfifo(d / "d.jsonl"), "error"),
        "directory": (lambda d: (d / "d.jsonl").mkdir(), "error"),
        "escapes": (write_jsonl("d.jsonl", [cluster(documents=[ESCAPES] + GOOD_DOCS[1:])]), "valid"),
    }
    out += [Case(f"run-data-{n}", base, m, e, run_folder_done) for n, (m, e) in datas.items()]
    out += [
        Case("run-good", base, data, "valid", run_folder_done),
        Case("run-dir-sys", lambda d: [*base(d)[:-2], "hydra.run.dir=/sys/mds-run"], data),
        Case("run-submitit-without-srun", lambda d: ["run", "-m", "method=lead", "hydra/launcher=submitit_slurm",
                                                     "data=jsonl", f"data.loader.path={d / 'd.jsonl'}",
                                                     f"hydra.sweep.dir={d / 'sweep'}"], data, outputs=("sweep",)),
    ]
    return out


def train_cases() -> list[Case]:
    """``mds train``: inputs are checked before a model is loaded."""
    data = write_jsonl("t.jsonl", [cluster()])
    base = lambda d: ["train", "method=bart", f"method.model={d / 'no-model'}", f"output_dir={d / 'out'}"]  # noqa: E731
    return [
        Case("train-no-train-file", base, data),
        Case("train-deep", lambda d: [*base(d), f"train_file={d / 't.jsonl'}"], write("t.jsonl", deep(200_000) + "\n")),
        Case("train-references-numbers", lambda d: [*base(d), f"train_file={d / 't.jsonl'}"],
             write_jsonl("t.jsonl", [cluster(references=[1, 2])])),
        Case("train-method-unknown", lambda d: [*base(d)[:1], "method=nosuch", f"train_file={d / 't.jsonl'}"], data),
    ]


def process_cases() -> list[Case]:
    """Cases where the process itself matters: run as ``python -m experiments.cli``."""
    good = write_json("c.json", cluster())
    return [
        Case("proc-brief-fifo", lambda d: ["brief", str(d / "f.json")], lambda d: os.mkfifo(d / "f.json"), subprocess=True),
        Case("proc-brief-deep-stdin", lambda d: ["brief", "-"], stdin=deep(200_000), subprocess=True),
        Case("proc-unknown-command", lambda d: ["summarise"], subprocess=True),
    ]


def all_cases() -> list[Case]:
    cases = (brief_text_cases() + brief_json_cases() + brief_option_cases() + evaluate_cases() + report_cases()
             + run_cases() + train_cases() + process_cases())
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases


def tally(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Run every case (in this process) and group them by outcome."""
    groups: dict[str, list[tuple[str, str]]] = {o: [] for o in OUTCOMES}
    for case in all_cases():
        outcome, why, result = run_case(case, folder / case.name)
        groups[outcome].append((case.name, why))
        print(f"{result.seconds:6.2f} s  {outcome:>9}  {case.name}  {why[:120]}", flush=True)
    return groups


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        groups = tally(Path(tmp))
        print(f"{sum(map(len, groups.values()))} cases in {time.perf_counter() - start:.1f} s")
        for outcome, items in groups.items():
            print(f"{outcome:>10}: {len(items)}")
        for outcome, items in groups.items():
            if outcome not in PASSING:
                for name, why in items:
                    print(f"  {outcome}: {name}: {why}")
