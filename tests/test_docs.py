"""The documentation stays true: the generated diagnostics reference matches its registry
(refresh: FLUX_UPDATE_GOLDENS=1), every Flux example of the language reference passes
``flux check`` (or fails with exactly the codes its ``<!-- expect: … -->`` marker names) and
``flux fmt --check``, the diagnostics it quotes are what ``flux check`` prints, and every
citation of the reference points to a section that exists."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from golden_support import assert_golden

from flux_ls.codes import CODES, reference_markdown

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs" / "diagnostics.md"
LANGUAGE = ROOT / "docs" / "language.md"
FLUX = [sys.executable, "-m", "flux_ls.cli.main"]

#: The shared specification's file name, which no shipped file may cite (split so that this
#: test does not cite it either).
SPEC_NAME = "LANGUAGE" + ".md"
EXPECT = re.compile(r"<!--\s*expect:\s*([A-Z0-9 ,]*?)\s*-->")
QUOTED = re.compile(r"^\S+\.flux:(\d+):(\d+): (error|warning): (.*) \[(FLX\d{3})\]$")


def test_diagnostics_reference_is_up_to_date() -> None:
    assert_golden(DOCS, reference_markdown())


@dataclass(frozen=True)
class Example:
    line: int                     # of the opening fence in docs/language.md
    text: str
    expected: tuple[str, ...]     # sorted codes the marker names (none: a clean program)
    quoted: tuple[str, ...]       # diagnostic lines of a ```console block right after it


def examples(markdown: str) -> list[Example]:
    """Every ```flux block, with the marker just above it and the console block after it."""
    lines = markdown.split("\n")
    found: list[Example] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```flux":
            i += 1
            continue
        start = i
        end = lines.index("```", start + 1)
        above = next((line for line in reversed(lines[:start]) if line.strip()), "")
        marker = EXPECT.fullmatch(above.strip())
        codes = tuple(sorted(marker.group(1).replace(",", " ").split())) if marker else ()
        quoted = _console_after(lines, end + 1)
        found.append(Example(start + 1, "\n".join(lines[start + 1:end]) + "\n", codes, quoted))
        i = end + 1
    return found


def _console_after(lines: list[str], i: int) -> tuple[str, ...]:
    """The diagnostics quoted in the first ```console block after a Flux example, if no
    other code block comes between them."""
    while i < len(lines) and not lines[i].startswith("```"):
        i += 1
    if i >= len(lines) or lines[i].strip() != "```console":
        return ()
    end = lines.index("```", i + 1)
    return tuple(line for line in lines[i + 1:end] if QUOTED.match(line))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Example], Path,
                                                                dict[str, list[dict[str, object]]]]:
    """The reference's examples written to files and checked by one real ``flux check``."""
    found = examples(LANGUAGE.read_text(encoding="utf-8"))
    directory = tmp_path_factory.mktemp("language-examples")
    for n, example in enumerate(found):
        (directory / f"example{n:02d}.flux").write_text(example.text, encoding="utf-8")
    proc = subprocess.run([*FLUX, "check", "--format", "json", str(directory)],
                          capture_output=True, text=True, timeout=120, cwd=directory)
    assert proc.returncode in (0, 1), proc.stderr
    by_file: dict[str, list[dict[str, object]]] = {}
    for diagnostic in json.loads(proc.stdout):
        by_file.setdefault(Path(str(diagnostic["path"])).name, []).append(diagnostic)
    return found, directory, by_file


def test_the_reference_has_examples_of_every_kind(
        checked: tuple[list[Example], Path, dict[str, list[dict[str, object]]]]) -> None:
    found, _, _ = checked
    assert len(found) >= 10
    assert any(not e.expected for e in found) and any(e.expected for e in found)
    assert all(code in CODES for e in found for code in e.expected)


def test_every_example_checks_as_its_marker_says(
        checked: tuple[list[Example], Path, dict[str, list[dict[str, object]]]]) -> None:
    found, _, by_file = checked
    wrong = []
    for n, example in enumerate(found):
        got = tuple(sorted(str(d["code"]) for d in by_file.get(f"example{n:02d}.flux", [])))
        if got != example.expected:
            wrong.append(f"docs/language.md:{example.line}: expected {list(example.expected)}, "
                         f"flux check reports {list(got)}")
    assert not wrong, "\n".join(wrong)


def test_quoted_diagnostics_are_what_flux_check_prints(
        checked: tuple[list[Example], Path, dict[str, list[dict[str, object]]]]) -> None:
    found, _, by_file = checked
    quoting = [(n, e) for n, e in enumerate(found) if e.quoted]
    assert quoting, "the reference quotes at least one diagnostic"
    for n, example in quoting:
        printed = {(d["line"], d["column"], d["severity"], d["message"], d["code"])
                   for d in by_file.get(f"example{n:02d}.flux", [])}
        for line in example.quoted:
            match = QUOTED.match(line)
            assert match is not None
            row, column, severity, message, code = match.groups()
            assert (int(row), int(column), severity, message, code) in printed, line


def test_every_example_is_formatted(
        checked: tuple[list[Example], Path, dict[str, list[dict[str, object]]]]) -> None:
    found, directory, _ = checked
    proc = subprocess.run([*FLUX, "fmt", "--diff", str(directory)], capture_output=True,
                          text=True, timeout=120, cwd=directory)
    lines = {f"example{n:02d}.flux": e.line for n, e in enumerate(found)}
    where = [f"docs/language.md:{line}" for name, line in lines.items() if name in proc.stdout]
    assert proc.returncode == 0, f"not in `flux fmt` layout: {where}\n{proc.stdout}"


# -- citations ------------------------------------------------------------------------------


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    out: set[str] = set()
    fenced = False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return out


def shipped_files() -> list[Path]:
    """Every file of the repository (tracked, or new and not ignored): what a clone ships."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the shipped files are the ones git knows")
    proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          cwd=ROOT, capture_output=True, check=True, timeout=60)
    return [ROOT / name for name in proc.stdout.decode("utf-8").split("\0")
            if name and (ROOT / name).is_file()]


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""


def test_no_shipped_file_cites_the_shared_specification() -> None:
    citing = [str(p.relative_to(ROOT)) for p in shipped_files() if SPEC_NAME in read(p)]
    assert not citing, f"cite docs/language.md instead of {SPEC_NAME} in: {citing}"


def test_every_citation_of_the_reference_names_a_section_of_it() -> None:
    sections = anchors(LANGUAGE.read_text(encoding="utf-8"))
    cited = re.compile(r"language\.md#([A-Za-z0-9_\-]+)")
    bad = [f"{p.relative_to(ROOT)}: #{anchor}" for p in shipped_files()
           for anchor in cited.findall(read(p)) if anchor not in sections]
    assert not bad, f"no such section of docs/language.md: {bad}"
    assert len({p for p in shipped_files() if cited.search(read(p))}) >= 10


def test_links_inside_the_reference_resolve() -> None:
    text = LANGUAGE.read_text(encoding="utf-8")
    own = anchors(text)
    bad = [a for a in re.findall(r"\]\(#([^)]+)\)", text) if a not in own]
    for page, anchor in re.findall(r"\]\(([a-z\-]+\.md)#([^)]+)\)", text):
        if anchor not in anchors((LANGUAGE.parent / page).read_text(encoding="utf-8")):
            bad.append(f"{page}#{anchor}")
    for page in re.findall(r"\]\(([a-z\-]+\.md)\)", text):
        if not (LANGUAGE.parent / page).exists():
            bad.append(page)
    assert not bad, f"broken links in docs/language.md: {bad}"
