"""The command line: exit codes, per-input errors on stderr, stdin, and documentation of every option."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from rasad.cli import build_parser, main

from conftest import EXAMPLES, ROOT

TEXT = "تیتر خبر\n\nوزیر خارجه امروز با همتای خود دیدار و درباره مسائل منطقه گفتگو کرد و دو طرف بر همکاری تاکید کردند.\n"


def test_cli_extract_writes_one_record_per_article(tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(EXAMPLES), "-q", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert {r["language"] for r in records} == {"fa", "ar"}
    assert capsys.readouterr().err == ""


def test_cli_extract_reports_bad_inputs_and_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff" * 50)
    out = tmp_path / "o.jsonl"
    code = main(["extract", str(empty), str(good), str(binary), "-q", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"skipped {empty}: " in err and "empty" in err
    assert f"skipped {binary}: " in err and "binary" in err
    assert "1 articles written, 2 inputs skipped" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_cli_python_m_reads_stdin():
    proc = subprocess.run([sys.executable, "-m", "rasad", "extract", "-", "-q"], input=TEXT.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    assert record["source"] == "-" and record["title"] == "تیتر خبر"


def test_cli_user_error_is_one_line_not_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rasad", "evaluate", str(tmp_path / "missing.json"), str(tmp_path / "p.jsonl")], capture_output=True, timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"missing.json" in proc.stderr


def test_cli_progress_bar_is_silenced_by_quiet(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    loud = subprocess.run([sys.executable, "-m", "rasad", "extract", str(f)], capture_output=True, timeout=120)
    quiet = subprocess.run([sys.executable, "-m", "rasad", "extract", str(f), "--quiet"], capture_output=True, timeout=120)
    assert b"articles written" in loud.stderr
    assert quiet.stderr == b""


def _options(parser, prefix=""):
    """(command path, option strings) for every subcommand and option."""
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield f"{prefix}{name}".strip(), None
                yield from _options(sub, f"{prefix}{name} ")
        elif action.option_strings and prefix:
            yield prefix.strip(), max(action.option_strings, key=len)


def test_cli_every_command_and_option_is_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for command, option in _options(build_parser()):
        if option in (None, "--help"):
            if option is None and f"rasad {command}" not in doc:
                missing.append(f"rasad {command}")
            continue
        section = re.search(rf"## rasad {re.escape(command)}\n(.*?)(?=\n## |\Z)", doc, re.S)
        if not section or option not in section.group(1):
            missing.append(f"rasad {command} {option}")
    assert not missing, f"undocumented in docs/cli.md: {missing}"
