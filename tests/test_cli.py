"""The unboil command."""

from __future__ import annotations

import contextlib
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN

COMMAND = [sys.executable, "-m", "unboil.cli"]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, timeout=60)


def test_stdin_to_stdout() -> None:
    text = (GOLDEN / "widgets.input.txt").read_bytes()
    result = run(stdin=text)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode().rstrip("\n") == (GOLDEN / "widgets.expected.txt").read_text().rstrip("\n")


def test_empty_input_gives_empty_output() -> None:
    result = run(stdin=b"")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_unreadable_file_is_one_line_error_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run(str(missing), str(GOLDEN / "widgets.input.txt"))
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1 and "missing.txt" in result.stderr.decode()
    assert b"Fishing boats" in result.stdout


def test_several_files_are_separated_by_a_form_feed() -> None:
    result = run(str(GOLDEN / "widgets.input.txt"), str(GOLDEN / "german.input.txt"))
    assert result.returncode == 0
    first, second = result.stdout.decode().split("\f\n")
    assert "Fishing boats" in first and "Gemeinderat" in second


def test_explain() -> None:
    result = run("--explain", str(GOLDEN / "icon-tail.input.txt"))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "share-prompt" in out and "keep" in out


def test_explain_a_page_prints_its_blocks_with_their_paths() -> None:
    path = str(GOLDEN / "html" / "comments.html")
    out = run("--explain", path).stdout.decode().split("\n")
    assert out[0].startswith("# page: ") and out[0].endswith("blocks kept")
    assert any(line.startswith("keep content") and " > p" in line for line in out)
    assert any(line.startswith("drop comment-section") for line in out)
    # Read as text, the same file is lines.
    assert run("--explain", "--input", "text", path).stdout.decode().startswith("# regime ")


def test_explain_says_the_regime_first_and_regime_forces_it() -> None:
    path = str(GOLDEN / "page-menus.input.txt")
    first = run("--explain", path).stdout.decode().split("\n")[0]
    assert first.startswith("# regime ") and "lines kept" in first
    forced = run("--explain", "--regime", "article", path).stdout.decode().split("\n")[0]
    assert forced.startswith("# regime article (asked for)")
    assert run("--regime", "web", path).returncode == 2


def test_usage_error_exits_2() -> None:
    assert run("--disable", "nope").returncode == 2
    assert run("--no-such-flag").returncode == 2


def test_broken_pipe_is_quiet() -> None:
    text = ((GOLDEN / "widgets.input.txt").read_text() + "\n") * 2000
    pipeline = f"{sys.executable} -m unboil.cli --disable duplicate --disable outside-article | head -c 10 > /dev/null"
    result = subprocess.run(pipeline, shell=True, input=text.encode(), capture_output=True, timeout=60)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr


def test_input_modes() -> None:
    page = b"<p>Share on Facebook</p><p>The council approved the new budget on Tuesday, after a long debate.</p>"
    html = run("--input", "html", stdin=page).stdout.decode()
    text = run("--input", "text", stdin=page).stdout.decode()
    assert html.strip() == "The council approved the new budget on Tuesday, after a long debate."
    assert "<p>" in text


HTML_PAGE = GOLDEN / "html" / "comments.html"


@pytest.mark.parametrize(
    ("flags", "present", "absent"),
    [
        ((), [], ["Leave a comment"]),
        (("--include-title",), ["\n\n"], []),
        (("--include-comments",), [], []),
        (("--favor", "precision"), [], ["Leave a comment"]),
        (("--favor", "recall"), [], []),
        (("--no-type-profiles",), [], ["Leave a comment"]),
    ],
)
def test_html_options(flags: tuple[str, ...], present: list[str], absent: list[str]) -> None:
    import unboil

    done = run(*flags, str(HTML_PAGE))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    options = {"include_title": "--include-title" in flags, "include_comments": "--include-comments" in flags,
               "type_profiles": "--no-type-profiles" not in flags}
    if "--favor" in flags:
        options["favor"] = flags[flags.index("--favor") + 1]
    assert out.rstrip("\n") == unboil.clean_html(HTML_PAGE.read_bytes(), **options)
    assert all(s in out for s in present) and not any(s in out for s in absent)


def test_jsonl_every_record_out_in_order_with_bad_ones(tmp_path: Path) -> None:
    import json

    prose = "The council approved the new budget on Tuesday, after a long debate about item {}."
    big = "<html><body>" + "<p>" + prose.format("big") + "</p>" * 1 + "<div>filler text</div>" * 900_000 + "</body></html>"
    lines = []
    for i in range(40):
        lines.append(json.dumps({"id": i, "html": f"<p>{prose.format(i)}</p>"}))
    lines[5] = "{not json"
    lines[9] = json.dumps({"id": 9, "html": ""})
    lines[13] = json.dumps({"id": 13, "html": big})
    lines[17] = json.dumps({"id": 17})
    data = "\n".join(lines).encode() + b"\n\x89PNG\x00\xff garbage\n"
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    done = run("--jsonl", "-j", "2", str(path))
    assert done.returncode == 1
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 41
    for i, record in enumerate(out[:40]):
        if i in (5, 17):
            assert "error" in record
        else:
            assert record["id"] == i and "error" not in record
    assert out[9]["clean_text"] == ""
    assert prose.format("big") in out[13]["clean_text"]
    assert out[2]["clean_text"] == prose.format(2)
    assert "error" in out[40]
    assert f"{path}:6:" in done.stderr.decode() and f"{path}:18:" in done.stderr.decode()


@pytest.mark.parametrize(("mode", "status", "records"), [("mark", 1, 3), ("skip", 1, 2), ("fail", 1, 1)])
def test_jsonl_on_error(mode: str, status: int, records: int) -> None:
    data = b'{"text": "The vote passed on Tuesday after a long debate."}\nnope\n{"text": "x"}\n'
    done = run("--jsonl", "--on-error", mode, stdin=data)
    assert done.returncode == status
    assert len(done.stdout.splitlines()) == records


def test_jsonl_fields() -> None:
    data = b'{"body": "<p>The vote passed on Tuesday after a long debate about the plan.</p>", "html": 3}\n'
    done = run("--jsonl", "--field", "body", "--out-field", "article", stdin=data)
    assert done.returncode == 0, done.stderr
    import json

    record = json.loads(done.stdout)
    assert record["article"] == "The vote passed on Tuesday after a long debate about the plan."
    assert record["html"] == 3


def test_directories_are_walked_in_order_with_gzip(tmp_path: Path) -> None:
    import gzip

    page = (GOLDEN / "html" / "share-bar.html").read_bytes()
    text = (GOLDEN / "page-menus.input.txt").read_bytes()
    (tmp_path / "b").mkdir()
    (tmp_path / "a.html").write_bytes(page)
    (tmp_path / "b" / "c.txt.gz").write_bytes(gzip.compress(text))
    (tmp_path / "b" / "skip.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / "b" / "broken.htm.gz").write_bytes(b"\x1f\x8bnot gzip")
    import unboil

    expected = unboil.clean(page).encode() + b"\n\f\n" + unboil.clean(text).encode() + b"\n"
    for jobs in ("1", "2"):
        done = run("-j", jobs, str(tmp_path))
        assert done.returncode == 1
        assert done.stdout == expected
        assert done.stderr.decode().count("\n") == 1 and "broken.htm.gz" in done.stderr.decode()


def test_format_json_one_object_per_input() -> None:
    import json

    import unboil

    page = GOLDEN / "html" / "french-jsonld.html"
    text = GOLDEN / "page-menus.input.txt"
    done = run("--format", "json", str(page), str(text))
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.decode().splitlines())
    document = unboil.extract(page.read_bytes())
    assert first["source"] == str(page) and first["text"] == document.text
    assert (first["title"], first["language"]) == (document.title, "fr")
    assert (first["page_type"], first["confidence"]) == (document.page_type, document.confidence)
    assert first["chars_out"] == len(document.text) and first["chars_in"] == len(page.read_text(encoding="utf-8"))
    assert second["text"] == unboil.clean(text.read_bytes()) and "title" not in second


def test_output_dir_mirrors_relative_paths(tmp_path: Path) -> None:
    import unboil

    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    page = (GOLDEN / "html" / "podcast.html").read_bytes()
    (source / "sub" / "p.html").write_bytes(page)
    out = tmp_path / "out"
    done = run("-o", str(out), str(source))
    assert done.returncode == 0 and done.stdout == b""
    assert (out / "sub" / "p.html.txt").read_text(encoding="utf-8") == unboil.clean_html(page) + "\n"


def test_explain_with_json_is_a_usage_error() -> None:
    assert run("--explain", "--format", "json", str(GOLDEN / "page-menus.input.txt")).returncode == 2


def test_progress_bar_only_on_a_terminal_and_not_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from unboil import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    import threading

    for quiet, total, shown in ((False, 3, True), (True, 3, False), (False, 1, False)):
        err = Terminal()
        monkeypatch.setattr(cli.sys, "stderr", err)
        threads = threading.active_count()
        results = cli._progress(iter(range(total)), total, quiet)
        assert next(results) == 0
        assert threading.active_count() == threads  # the pool forks after this: no thread may start
        assert [0, *results] == list(range(total))
        assert ("it" in err.getvalue() or "input" in err.getvalue()) == shown, (quiet, total, err.getvalue())


def test_format_markdown(tmp_path: Path) -> None:
    import unboil

    page = GOLDEN / "html" / "structured.html"
    text = GOLDEN / "page-menus.input.txt"
    done = run("--format", "markdown", str(page), str(text))
    assert done.returncode == 0, done.stderr
    markdown, plain = done.stdout.decode().split("\n\f\n")
    assert markdown.rstrip("\n") == unboil.clean_html(page.read_bytes(), output_format="markdown")
    assert "## Repotting, step by step\n\n1. Water the plant" in markdown
    assert plain.rstrip("\n") == unboil.clean(text.read_bytes())
    done = run("--format", "markdown", "-o", str(tmp_path), str(page))
    assert (tmp_path / "structured.html.md").read_text(encoding="utf-8") == markdown + "\n"


@pytest.mark.parametrize("args", [("-j", "0", "x.txt"), ("--jsonl", "-j", "-1"), ("warc", "-j", "0", "x.warc")])
def test_jobs_below_one_is_a_usage_error(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2 and b"--jobs" in done.stderr


@pytest.mark.parametrize("args", [("-j", "2"), ("-j", "1"), ("--jsonl", "-j", "2"), ("--jsonl", "-j", "1")])
def test_ctrl_c_stops_at_once_quietly_with_130(tmp_path: Path, args: tuple[str, ...]) -> None:
    import os
    import signal
    import time

    # An input that never ends: a FIFO nobody writes to (named: a walk skips
    # FIFOs), or a standard input kept open, so the command is surely busy
    # when Ctrl-C comes.
    (tmp_path / "a.html").write_bytes((GOLDEN / "html" / "share-bar.html").read_bytes())
    os.mkfifo(tmp_path / "b.html")
    target = [] if "--jsonl" in args else [str(tmp_path / "a.html"), str(tmp_path / "b.html")]
    # A suite run in the background inherits SIGINT ignored, and so would
    # the command (Python keeps an ignored SIGINT ignored): it is given back
    # the default, as a terminal's foreground command has it.
    with subprocess.Popen(
        [*COMMAND, *args, *target],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        assert process.stdin is not None
        process.stdin.write(b'{"text": "The vote passed on Tuesday after a long debate."}\n')
        process.stdin.flush()
        time.sleep(1.5)
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=20)
        finally:
            process.kill()
    assert process.returncode == 130, err.decode()
    assert err.decode().strip().splitlines() == ["unboil: interrupted"]


def test_warc_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    import gzip

    from test_warc import PAGE, record

    warc = tmp_path / "many.warc.gz"
    warc.write_bytes(gzip.compress(b"".join(record(f"http://example.org/{n}", PAGE.encode(), [("Content-Type", "text/html")]) for n in range(3000))))
    done = subprocess.run(f"{sys.executable} -m unboil.cli warc -j 2 {warc} | head -1", shell=True, capture_output=True, timeout=120)
    assert done.stdout.count(b"\n") == 1
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr


def test_jsonl_records_come_back_as_they_were_plus_the_field() -> None:
    import json

    prose = "The council approved the new budget on Tuesday, after a long debate."
    lines = [
        b'{"id": 123456789012345678901234567890, "score": 1.10, "text": "' + prose.encode() + b'"}',
        b'{ "z":1,"text":"' + prose.encode() + b'" ,"a":[1,2] }',
        b'{"text": "' + prose.encode() + b'", "ratio": NaN}',
        b'{"text": "' + prose.encode() + b' \\ud800"}',
        b'{"text": "' + prose.encode() + b'", "clean_text": "old"}',
        b'{"text": 5, "id": 12345678901234567890123}',
        b'{"text": "' + prose.encode() + b'", "clean_text": "old", "note": "\\udc00"}',
    ]
    done = run("--jsonl", stdin=b"\n".join(lines) + b"\n")
    out = done.stdout.splitlines()
    assert len(out) == 7 and done.returncode == 1
    assert out[0] == lines[0][:-1] + b',"clean_text":"' + prose.encode() + b'"}'
    assert out[1] == b'{ "z":1,"text":"' + prose.encode() + b'" ,"a":[1,2],"clean_text":"' + prose.encode() + b'"}'
    assert out[2].endswith(b'"ratio": NaN,"clean_text":"' + prose.encode() + b'"}')
    assert json.loads(out[3])["clean_text"].startswith(prose)
    assert json.loads(out[4]) == {"text": prose, "clean_text": prose}
    assert out[5] == b'{"text": 5, "id": 12345678901234567890123,"error":"no string field html or text"}'
    assert json.loads(out[6]) == {"text": prose, "clean_text": prose, "note": "\udc00"}  # orjson cannot write it


def test_jsonl_honours_input_mode() -> None:
    import json

    import unboil

    page = (GOLDEN / "html" / "share-bar.html").read_text(encoding="utf-8")
    saved = "Saved from the web:\n" + page  # no longer starts like HTML
    line = json.dumps({"text": saved}).encode() + b"\n"
    outputs = {}
    for mode in ("auto", "html", "text"):
        done = run("--jsonl", "--input", mode, stdin=line)
        assert done.returncode == 0, done.stderr
        outputs[mode] = json.loads(done.stdout)["clean_text"]
    assert outputs["html"] == unboil.clean_html(saved) and "Old railway station" not in outputs["html"]
    assert outputs["text"] == outputs["auto"] == unboil.clean_text(saved) and "<p>" in outputs["text"]


def _json_values() -> "st.SearchStrategy[object]":
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3), max_leaves=8)


def test_jsonl_field_appended_to_any_object_line() -> None:
    import json

    from hypothesis import given
    from hypothesis import strategies as st

    from unboil._jsonl import _with_field

    @given(
        record=st.dictionaries(st.text(), _json_values(), max_size=5),
        value=st.text(),
        separators=st.sampled_from([(",", ":"), (", ", ": "), (" , ", " : ")]),
        ascii_only=st.booleans(),
        trailing=st.sampled_from(["", " ", "\r", "  \t"]),
    )
    def check(record: dict[str, object], value: str, separators: tuple[str, str], ascii_only: bool, trailing: str) -> None:
        text = json.dumps(record, separators=separators, ensure_ascii=ascii_only) + trailing
        raw = text.encode("utf-8", "surrogatepass") + b"\n"
        out = _with_field(raw, raw.decode("utf-8", "replace").rstrip("\r\n"), record, "clean_text", value)
        assert out.endswith(b"\n") and out.count(b"\n") == 1
        assert json.loads(out) == {**record, "clean_text": value}

    check()


def test_jsonl_an_unforeseen_fault_keeps_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import json

    from unboil import _jsonl
    from unboil.options import Options

    real = _jsonl._clean_line

    def flaky(cleaner: object, line: _jsonl._Line, settings: _jsonl.Settings) -> object:
        if b"boom" in line.raw:
            raise RuntimeError("boom")
        return real(cleaner, line, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(_jsonl, "_clean_line", flaky)
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "The vote passed on Tuesday after a long debate."}\n{"text": "boom", "id": 7}\n', encoding="utf-8")
    out = io.BytesIO()
    settings = _jsonl.Settings(field=None, out_field="clean_text", on_error="mark", jobs=1)
    assert _jsonl.run(Options(), [str(source)], out, io.BytesIO(), settings) == 1
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["clean_text"] == "The vote passed on Tuesday after a long debate."
    assert second == {"raw": '{"text": "boom", "id": 7}', "error": "RuntimeError: boom"}
    assert f"{source}:2: RuntimeError: boom" in capsys.readouterr().err


BODY = b"The council met on Tuesday and voted to approve the new budget for the schools."


@pytest.mark.parametrize(
    "args, message",
    [
        (("--jsonl", "-o", "out"), b"-o DIR does not apply"),
        (("--jsonl", "--format", "json"), b"--format json does not apply"),
        (("--field", "html", "x.txt"), b"--field goes with --jsonl"),
        (("--out-field", "t", "x.txt"), b"--out-field goes with --jsonl"),
        (("--on-error", "skip", "x.txt"), b"--on-error goes with --jsonl"),
        (("warc",), b"name the WARC files"),
        (("warc", "--explain", "x.warc"), b"--explain does not apply"),
        (("--jsonl", "warc", "x.warc"), b"--jsonl does not apply"),
        (("warc", "--input", "text", "x.warc"), b"--input does not apply"),
        (("warc", "--regime", "page", "x.warc"), b"--regime does not apply"),
        (("warc", "--encoding", "latin-1", "x.warc"), b"--encoding does not apply"),
        (("--encoding", "no-such-encoding", "x.txt"), b"names no encoding"),
    ],
)
def test_arguments_that_cannot_go_together_are_usage_errors(args: tuple[str, ...], message: bytes) -> None:
    done = run(*args)
    assert done.returncode == 2 and message in done.stderr and done.stdout == b""


def test_warc_is_the_subcommand_after_options_too(tmp_path: Path) -> None:
    from test_warc import PAGE, record

    warc = tmp_path / "crawl.warc"
    warc.write_bytes(record("http://example.org/", PAGE.encode(), [("Content-Type", "text/html")]))
    for args in (("warc", str(warc)), ("-q", "warc", str(warc)), ("--favor", "recall", "warc", str(warc))):
        done = run(*args)
        assert done.returncode == 0 and done.stdout.count(b"\n") == 1, (args, done.stderr)
        assert (done.stderr == b"") == ("-q" in args)
    assert b"warc FILE" in run("--help").stdout


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("crawl.warc.gz", b"not even read", b"is a WARC file: clean its pages with 'unboil warc"),
        ("renamed.txt", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n", b"is a WARC file"),
        ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"is a PDF, neither a page nor text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"is a PNG image"),
        ("blob.txt", bytes(range(256)) * 4, b"is binary data"),
    ],
)
def test_what_is_not_a_page_or_text_is_reported_not_dumped(
    tmp_path: Path, name: str, content: bytes, message: bytes
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "fine.txt").write_bytes(BODY)
    done = run(str(tmp_path / name), str(tmp_path / "fine.txt"))
    assert done.returncode == 1 and message in done.stderr
    assert done.stdout == BODY + b"\n"  # the other input still comes out


@pytest.mark.parametrize(
    "layout",
    [
        {"a/x.txt": BODY, "b/x.txt": BODY + b" B"},
        {"y.txt": BODY, "y.txt.gz": __import__("gzip").compress(BODY)},
    ],
)
def test_two_inputs_for_one_output_file_are_refused_before_any_is_written(tmp_path: Path, layout: dict) -> None:
    for name, content in layout.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    names = [str(tmp_path / name) for name in layout]
    done = run("-o", str(tmp_path / "out"), *names)
    assert done.returncode == 2 and b"would both be written to" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_name_that_is_not_utf8_is_written_escaped(tmp_path: Path) -> None:
    import json
    import os

    odd = os.path.join(os.fsencode(tmp_path), b"n\xff.txt")
    with open(odd, "wb") as handle:
        handle.write(BODY)
    (tmp_path / "after.txt").write_bytes(BODY)
    done = subprocess.run([*COMMAND, "--format", "json", odd, str(tmp_path / "after.txt")], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in records] == ["n\\xff.txt", "after.txt"]
    out = tmp_path / "out"
    done = subprocess.run([*COMMAND, "--format", "json", "-o", str(out), odd], capture_output=True, timeout=60)
    assert done.returncode == 0 and json.loads(next(out.iterdir()).read_text())["text"] == BODY.decode()


def test_a_full_disk_is_one_line_and_status_1(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(BODY * 2000)
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*COMMAND, str(tmp_path / "x.txt")], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1
    assert done.stderr.decode().strip() == "unboil: cannot write the output: No space left on device"


def test_a_fifo_in_a_walked_folder_is_reported_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "x.txt").write_bytes(BODY)
    done = run(str(tmp_path))
    assert done.returncode == 1 and b"pipe.html is not a regular file" in done.stderr
    assert done.stdout == BODY + b"\n"


def test_encoding_reads_text_that_is_not_utf8(tmp_path: Path) -> None:
    text = "Le café du coin ouvre à sept heures, et tout le monde y prend un café crème."
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    done = run("--encoding", "latin-1", str(tmp_path / "latin.txt"))
    assert done.returncode == 0 and done.stdout.decode() == text + "\n"
    done = run("--explain", "--encoding", "latin-1", str(tmp_path / "latin.txt"))
    assert done.returncode == 0 and text in done.stdout.decode()


def test_a_jsonl_file_opening_with_a_bom_has_its_first_record_read(tmp_path: Path) -> None:
    import json

    lines = b'{"text": "The council met on Tuesday and voted to approve the new budget."}\n{"text": "Second."}\n'
    (tmp_path / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + lines)
    for done in (run("--jsonl", str(tmp_path / "b.jsonl")), run("--jsonl", stdin=b"\xef\xbb\xbf" + lines)):
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert done.returncode == 0 and [sorted(r) for r in records] == [["clean_text", "text"]] * 2, done.stderr


def test_an_input_over_the_size_limit_is_reported_and_the_rest_cleaned(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt.gz"
    big.write_text("Words of a long text, a sentence.\n" * 100, encoding="utf-8")
    small.write_bytes(gzip.compress(b"The council approved the budget on Tuesday, after a long debate."))
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 1_000_000))  # 6 KB that inflate to 2 MB
    done = subprocess.run(
        [sys.executable, "-m", "unboil.cli", "--max-input-bytes", "1000", str(big), str(small), str(bomb)],
        capture_output=True, timeout=120, text=True,
    )
    assert done.returncode == 1
    assert done.stdout.strip() == "The council approved the budget on Tuesday, after a long debate."
    for name in (big, bomb):
        assert f"unboil: {name} is over max_input_bytes (1000 bytes): not cleaned" in done.stderr
    stdin = subprocess.run(
        [sys.executable, "-m", "unboil.cli", "--max-input-bytes", "10"], input="x" * 50, capture_output=True, timeout=60, text=True
    )
    assert stdin.returncode == 1 and "over max_input_bytes (10 bytes)" in stdin.stderr


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--max-input-bytes", "0"], "whole number of bytes"),
        (["--max-warc-body-bytes", "x"], "whole number of bytes"),
        (["--time-budget", "-1"], "seconds > 0"),
        (["--time-budget", "nan"], "seconds > 0"),
    ],
)
def test_bad_limits_are_usage_errors(args: list[str], error: str) -> None:
    done = subprocess.run([sys.executable, "-m", "unboil.cli", *args], capture_output=True, timeout=60, text=True)
    assert done.returncode == 2 and error in done.stderr


def test_time_budget_none_lifts_it_and_a_tiny_one_reports_the_input(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("".join(f"<p>Paragraph {n} of a page that takes a while to read, with a sentence.</p>" for n in range(20000)), encoding="utf-8")
    tiny = subprocess.run([sys.executable, "-m", "unboil.cli", "--time-budget", "0.000001", str(page)],
                          capture_output=True, timeout=120, text=True)
    assert tiny.returncode == 1 and "longer than time_budget" in tiny.stderr
    lifted = subprocess.run([sys.executable, "-m", "unboil.cli", "--time-budget", "none", str(page)],
                            capture_output=True, timeout=120, text=True)
    assert lifted.returncode == 0 and "Paragraph 19999" in lifted.stdout


#: JSON Lines records of every kind a run meets: (line, whether it is cleaned).
_RECORD_KINDS = [
    ('{{"id": {n}, "text": "The vote passed on Tuesday after a long debate."}}', True),
    ('{{"id": {n}, "html": "<p>The vote passed on Tuesday after a long debate about the schools.</p>"}}', True),
    ('{{"id": {n}, "text": "{long}"}}', False),  # over max_input_bytes
    ('{{"id": {n}, "text": {n}}}', False),  # no string field
    ('{{"id": {n}}}', False),
    ("[{n}]", False),
    ("not json {n}", False),
    ('{{"id": {n}, "text": "\\ud800 lone"}}', True),
]


def test_jsonl_every_record_in_comes_out_in_order() -> None:
    import io

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from unboil import _jsonl
    from unboil.options import Options

    long = "word " * 60

    @settings(max_examples=40, deadline=None)
    @given(kinds=st.lists(st.integers(0, len(_RECORD_KINDS) - 1), max_size=12), blank=st.lists(st.booleans(), max_size=12))
    def check(kinds: list[int], blank: list[bool]) -> None:
        lines = []
        for n, kind in enumerate(kinds):
            lines.append(_RECORD_KINDS[kind][0].format(n=n, long=long))
            if n < len(blank) and blank[n]:
                lines.append("")  # a blank line is no record
        source = io.BytesIO("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
        out, err = io.BytesIO(), io.StringIO()
        settings_ = _jsonl.Settings(field=None, out_field="clean_text", on_error="mark", jobs=1)
        with contextlib.redirect_stderr(err):
            status = _jsonl.run(Options(max_input_bytes=200), ["-"], out, source, settings_)
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        assert len(records) == len(kinds)
        for n, (kind, record) in enumerate(zip(kinds, records)):
            cleaned = _RECORD_KINDS[kind][1]
            assert ("clean_text" in record) == cleaned and ("error" in record) != cleaned, (n, record)
            assert record.get("id", n) == n or str(n) in record.get("raw", "")
        assert status == (0 if all(_RECORD_KINDS[k][1] for k in kinds) else 1)

    check()
