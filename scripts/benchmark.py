"""Benchmark qingdan against its targets on a corpus generated from the seeds, in one run.

    python scripts/benchmark.py           # full run: ~100 MB folder for memory, a few minutes
    python scripts/benchmark.py --quick   # ~10 MB folder, under two minutes

Everything is measured on the same machine in the same run, on text generated
deterministically from corpus/*.txt (paragraphs shuffled with a fixed seed,
numbers varied, written to a temporary folder):

  read once    the headline: extract_document vs jieba.lcut on the same strings, every bundled and test
               document a single time in a fresh process (characters a second, best of 3 passes)
  repeated     the same on the generated corpus, whose documents repeat the seeds' clauses as a batch of
               lists repeats its template (information: the clause cache pays off there)
  start-up     `qingdan --help`, and `qingdan extract SEED --format jsonl` until the first record line
               (wall time, median of 5)
  memory       max RSS of `qingdan extract FOLDER -f jsonl -o FILE` on a big and a ten-times-smaller folder
  workers      `qingdan extract --workers 1` vs `--workers 2` on one folder (best of 2 or 4 each), beside the
               machine's own 2-process speed-up on a pure-Python loop (a reference: what the machine gives then)
  diff         extract.diff.diff_records on two lists of 1,000 duties
  long runs    extract_text on 1 MB and 4 MB of generated text with its punctuation and line breaks
               taken out (a PDF or OCR text that lost them), each in a fresh process: time must grow
               with the text (4 MB at most 6x 1 MB), not with its square
  one big file max RSS of `qingdan extract FILE -f jsonl -o OUT` on a single generated file of 50 MB
               (5 MB with --quick): under 1.5 GB

It prints the machine, a table of figures with their targets and PASS/MISS, and the details.
It is not run by the tests.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

try:
    import extract  # noqa: F401
except ImportError:  # run with a Python that lacks the project: use the project's virtualenv
    if VENV_PYTHON.exists() and Path(sys.executable).resolve() != VENV_PYTHON.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
    raise SystemExit("benchmark: cannot import 'extract'; install the project (bash scripts/setup.sh) first")

SEED = 20240701
MB = 2**20

# sizes of each mode: (big memory folder, small memory folder, throughput text, workers folder) in bytes
MODES = {
    "quick": dict(big=10 * MB, small=1 * MB, throughput=1 * MB, workers=4 * MB, worker_repeats=2, diff_repeats=2,
                  one_file=5 * MB),
    "full": dict(big=100 * MB, small=10 * MB, throughput=2 * MB, workers=16 * MB, worker_repeats=4, diff_repeats=3,
                 one_file=50 * MB),
}
TARGETS = dict(once=0.20, help=1.0, flat=1.25, workers=1.7, diff=1.0, linear=6.0, one_file=1.5 * 2**30)


# --- the machine ---------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    import jieba

    return [
        ("CPU", model),
        ("cores", f"{os.cpu_count()} (usable by this process: {usable})"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("OS", platform.platform()),
        ("jieba", getattr(jieba, "__version__", "?")),
        ("commit", _commit()),
    ]


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --- the generated corpus --------------------------------------------------------------------------


class Generator:
    """Documents made from the seeds: each seed's title kept, its paragraphs shuffled, numbers varied."""

    _NUMBER = re.compile(r"\d+")

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.seeds = []
        for path in sorted((ROOT / "corpus").glob("*.txt")):
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            self.seeds.append((lines[0], lines[1:]))
        if not self.seeds:
            raise SystemExit("benchmark: no seed documents in corpus/*.txt")

    def _number(self, match: re.Match) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(self.rng.randint(2018, 2027))
        if len(digits) == 1:
            return str(self.rng.randint(1, 9))
        return str(self.rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    def document(self) -> str:
        parts = []
        for title, body in self.rng.sample(self.seeds, len(self.seeds)):
            paragraphs = body[:]
            self.rng.shuffle(paragraphs)
            parts.append(title)
            parts.extend(paragraphs)
        return self._NUMBER.sub(self._number, "\n".join(parts) + "\n")

    def text(self, total_bytes: int) -> str:
        """Documents one after another until ``total_bytes`` of UTF-8."""
        parts, written = [], 0
        while written < total_bytes:
            parts.append(self.document())
            written += len(parts[-1].encode("utf-8"))
        return "".join(parts)

    def folder(self, folder: Path, total_bytes: int) -> tuple[int, int]:
        """Write documents into ``folder`` until ``total_bytes``; returns (files, bytes)."""
        folder.mkdir(parents=True, exist_ok=True)
        written = files = 0
        while written < total_bytes:
            data = self.document().encode("utf-8")
            (folder / f"doc{files:05d}.txt").write_bytes(data)
            written += len(data)
            files += 1
        return files, written


def take_files(folder: Path, total_bytes: int) -> list[Path]:
    out, size = [], 0
    for path in sorted(folder.glob("*.txt")):
        if size >= total_bytes:
            break
        out.append(path)
        size += path.stat().st_size
    return out


# --- helpers -----------------------------------------------------------------------------------


def qingdan_command() -> list[str]:
    exe = Path(sys.executable).with_name("qingdan")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("qingdan")
    return [found] if found else [sys.executable, "-m", "extract.cli"]


def best_of(n: int, func) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def human_bytes(n: float) -> str:
    for unit, scale in (("GB", 2**30), ("MB", MB), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n:.0f} B"


def rate(n: float) -> str:
    return f"{n / 1000:,.0f} k chars/s"


# Linux carries a process's peak RSS across fork/vfork and exec, so a child started straight from
# this (by then large) process would report at least our own peak. A tiny launcher process starts
# the measured command instead and reports its RUSAGE_CHILDREN (the launcher's ~10 MB is the floor).
_LAUNCHER = """
import json, resource, subprocess, sys, time
with open(sys.argv[1], "wb") as err:
    started = time.perf_counter()
    code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=err).returncode
    wall = time.perf_counter() - started
print(json.dumps({"code": code, "wall": wall,
                  "maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
"""


def run_measured(cmd: list[str]) -> tuple[int, float, int, str]:
    """Run a command in a fresh launcher; (exit code, wall seconds, max RSS in bytes, stderr tail)."""
    import json

    fd, name = tempfile.mkstemp(prefix="qingdan-bench-", suffix=".err")
    os.close(fd)
    err_path = Path(name)
    try:
        out = subprocess.run([sys.executable, "-c", _LAUNCHER, str(err_path), *cmd], capture_output=True,
                             text=True, check=True)
        result = json.loads(out.stdout)
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        return result["code"], result["wall"], result["maxrss"], " | ".join(tail)
    finally:
        err_path.unlink(missing_ok=True)


# --- the measures ----------------------------------------------------------------------------------


# One timed pass per fresh process: the pipeline caches the facts of each clause (facts.clause_facts), so
# repeating a pass over the same strings in one process would time cache hits, not extraction. Each pass
# is warmed on a text outside the timed set, then times extract_document over the read documents and
# jieba.lcut over the same strings.
_THROUGHPUT_PASS = """
import json, logging, sys, time
import jieba
from extract.pipeline import extract_document
from extract.read import read_document
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
documents = [read_document(p) for p in sys.argv[2:]]
texts = [d.text for d in documents]
extract_document(read_document(sys.argv[1]))
started = time.perf_counter()
records = sum(len(extract_document(d)) for d in documents)
t_extract = time.perf_counter() - started
started = time.perf_counter()
for text in texts:
    jieba.lcut(text)
t_jieba = time.perf_counter() - started
print(json.dumps({"chars": sum(map(len, texts)), "records": records, "extract": t_extract, "jieba": t_jieba}))
"""


def once_files() -> list[Path]:
    """Every bundled and test document (each a single time): the seeds, dev2, dev3, the challenge set."""
    from extract.read import SUPPORTED_SUFFIXES

    found = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*/corpus/*"))
    return [p for p in found if p.suffix.lower() in SUPPORTED_SUFFIXES]


def measure_throughput(files: list[Path], warm: Path, repeats: int = 3) -> dict:
    import json

    passes = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _THROUGHPUT_PASS, str(warm), *map(str, files)],
                             capture_output=True, text=True, check=True)
        passes.append(json.loads(out.stdout))
    chars = passes[0]["chars"]
    t_extract = min(p["extract"] for p in passes)
    t_jieba = min(p["jieba"] for p in passes)
    return dict(chars=chars, files=len(files), records=passes[0]["records"], extract=chars / t_extract,
                jieba=chars / t_jieba, ratio=t_jieba / t_extract, t_extract=t_extract, t_jieba=t_jieba,
                all_extract=[p["extract"] for p in passes], all_jieba=[p["jieba"] for p in passes])


_LONG_RUN_PASS = """
import json, sys, time
from extract.pipeline import extract_text
text = open(sys.argv[1], encoding="utf-8").read()
extract_text(open(sys.argv[2], encoding="utf-8").read())
started = time.perf_counter()
records = len(extract_text(text))
print(json.dumps({"chars": len(text), "records": records, "seconds": time.perf_counter() - started}))
"""

_PUNCTUATION = re.compile(r"[^\w]|_", re.UNICODE)


def unpunctuated(gen: "Generator", total_bytes: int) -> str:
    """A title line, then one run of ``total_bytes`` of UTF-8 in all: the seeds' paragraphs that
    give a duty (not the preambles a reader refuses whole), shuffled and varied as the generated
    documents are, with every mark and line break taken out."""
    from extract.pipeline import extract_text

    lines = [line for _, body in gen.seeds for line in body if extract_text(line)]
    title = min((title for title, _ in gen.seeds), key=len)
    parts, written = [title, "\n"], 0
    while written < total_bytes:
        gen.rng.shuffle(lines)
        for line in lines:
            piece = _PUNCTUATION.sub("", Generator._NUMBER.sub(gen._number, line))
            parts.append(piece)
            written += len(piece.encode("utf-8"))
    return "".join(parts).encode("utf-8")[:total_bytes].decode("utf-8", errors="ignore")


def measure_long_runs(work: Path, warm: Path) -> dict:
    """extract_text on 1 MB and on 4 MB of text without punctuation, each in a fresh process."""
    import json

    out = {}
    for size in (1, 4):
        path = work / f"run{size}.txt"
        path.write_text(unpunctuated(Generator(SEED + size), size * MB), encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", _LONG_RUN_PASS, str(path), str(warm)],
                              capture_output=True, text=True, check=True)
        out[size] = json.loads(done.stdout)
    out["ratio"] = out[4]["seconds"] / out[1]["seconds"]
    return out


def measure_one_file(work: Path, total_bytes: int, out_dir: Path, quiet: list[str]) -> dict:
    """Max RSS of `qingdan extract` on one file of ``total_bytes``."""
    path = work / "one.txt"
    path.write_text(Generator(SEED + 50).text(total_bytes), encoding="utf-8")
    out = out_dir / "one.jsonl"
    code, wall, rss, err = run_measured([*qingdan_command(), "extract", str(path), "--format", "jsonl",
                                         "-o", str(out), *quiet])
    records = 0
    if out.exists():
        with open(out, "rb") as fh:
            records = sum(1 for _ in fh)
    size = path.stat().st_size
    path.unlink()
    return dict(code=code, wall=wall, rss=rss, bytes=size, records=records, err=err)


def number_examples() -> str:
    """The example phrases of patterns/numbers.yml, one a line: text that compiles the rules and
    loads the numeral library without being any document of the corpus."""
    from extract.rules import load_yaml

    lines = [ex["text"] if isinstance(ex, dict) else ex
             for rule in load_yaml("numbers").get("rules", []) for ex in rule.get("examples", [])]
    return "\n".join(lines) + "\n"


def measure_startup(seed_file: Path, runs: int = 5) -> dict:
    cmd = qingdan_command()
    helps, firsts = [], []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*cmd, "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - started)
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([*cmd, "extract", str(seed_file), "--format", "jsonl"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        first = None
        for line in proc.stdout:
            if line.lstrip().startswith(b"{"):
                first = time.perf_counter() - started
                break
        proc.stdout.read()
        proc.stdout.close()
        proc.wait()
        if first is None:
            raise SystemExit(f"benchmark: `qingdan extract {seed_file.name}` printed no record")
        firsts.append(first)
    return dict(help=statistics.median(helps), first=statistics.median(firsts), help_all=helps, first_all=firsts)


def cli_flags(command: str) -> str:
    out = subprocess.run([*qingdan_command(), command, "--help"], capture_output=True, text=True,
                         env=dict(os.environ, COLUMNS="200"))
    return out.stdout


def measure_memory(folder: Path, out_dir: Path, quiet: list[str]) -> dict:
    out = out_dir / f"{folder.name}.jsonl"
    code, wall, rss, err = run_measured([*qingdan_command(), "extract", str(folder), "--format", "jsonl",
                                         "-o", str(out), *quiet])
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    records = 0
    if out.exists():
        with open(out, "rb") as fh:
            records = sum(1 for _ in fh)
    return dict(code=code, wall=wall, rss=rss, bytes=size, records=records, err=err,
                files=len(list(folder.glob("*.txt"))))


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_scaling(rounds: int = 6, n: int = 3_000_000) -> float:
    """This machine's own speed-up of 2 processes over 1 on a pure-Python loop: a reference for the
    2-worker figure (shared or hyper-threaded cores give well under 2, and it moves from minute to minute)."""
    import multiprocessing

    started = time.perf_counter()
    for _ in range(rounds):
        _burn(n)
    t1 = time.perf_counter() - started
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        list(pool.map(_burn, [n] * rounds, chunksize=1))
        t2 = time.perf_counter() - started
    return t1 / t2


def measure_workers(files: list[Path], work: Path, quiet: list[str], repeats: int = 2) -> dict:
    """`qingdan extract FOLDER --workers 1` against `--workers 2`, alternating, best of `repeats` each,
    with the machine's own 2-process scaling measured before and after."""
    size = sum(p.stat().st_size for p in files)
    folder = work / "workers"
    folder.mkdir(exist_ok=True)
    for p in files:
        os.link(p, folder / p.name)
    reference = [cpu_scaling()]
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeats):
        for n in (1, 2):
            code, wall, _, err = run_measured([*qingdan_command(), "extract", str(folder), "--format", "jsonl",
                                               "-o", str(work / f"workers{n}.jsonl"), "--workers", str(n), *quiet])
            if code != 0:
                raise SystemExit(f"benchmark: qingdan extract --workers {n} failed ({code}): {err}")
            times[n].append(wall)
    reference.append(cpu_scaling())
    same = (work / "workers1.jsonl").read_bytes() == (work / "workers2.jsonl").read_bytes()
    t1, t2 = min(times[1]), min(times[2])
    return dict(files=len(files), bytes=size, t1=t1, t2=t2, speedup=t1 / t2, all=times, reference=reference,
                same=same, repeats=repeats)


def perturb(records: list, rng: random.Random) -> list:
    """A 'next year' version: counts and periods changed on some duties, the order shuffled a little."""
    from extract.records import Frequency

    periods = ["year", "half_year", "quarter", "month"]
    out = []
    for rec in records:
        new = rec.model_copy(deep=True)
        roll = rng.random()
        f = new.frequency
        if f is not None and roll < 0.3:
            lo = (f.min or 1) + rng.choice([-1, 1, 2])
            new.frequency = Frequency(min=max(lo, 1), max=None if f.max is None else max(lo, f.max) + 1,
                                      unit=f.unit, period=f.period, placeholder=f.placeholder)
        elif f is not None and roll < 0.45:
            new.frequency = Frequency(min=f.min, max=f.max, unit=f.unit, period=rng.choice(periods),
                                      placeholder=f.placeholder)
        out.append(new)
    for _ in range(len(out) // 10):  # move a tenth of the duties somewhere else
        i, j = rng.randrange(len(out)), rng.randrange(len(out))
        out.insert(j, out.pop(i))
    return out


def measure_diff(gen_files: list[Path], repeats: int) -> dict:
    from extract.diff import diff_records, summary
    from extract.pipeline import extract_text

    text, records = "", []
    for path in gen_files:
        text += path.read_text(encoding="utf-8")
        records = extract_text(text, "bench")
        if len(records) >= 1000:
            break
    if len(records) < 1000:
        raise SystemExit(f"benchmark: only {len(records)} records from the generated text; need 1,000")
    old = records[:1000]
    new = perturb(old, random.Random(SEED))
    items = []

    def run():
        items[:] = diff_records(old, new)

    cold = best_of(1, run)  # the first call in this process: imports (scipy, ...) included
    seconds = best_of(repeats, run)
    return dict(seconds=seconds, cold=cold, old=len(old), new=len(new), summary=summary(items))


# --- the report ------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def table(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("measure", "figure", "target", "result")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(head), line, *map(fmt, rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus: a ~10 MB memory folder, under 2 minutes")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and outputs (path printed)")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    size = MODES[mode]
    started = time.perf_counter()

    print(f"qingdan benchmark ({mode}) — generated corpus, seed {SEED}")
    for key, value in machine():
        print(f"  {key:<7} {value}")
    print(flush=True)

    work = Path(tempfile.mkdtemp(prefix="qingdan-bench-"))
    try:
        gen = Generator()
        t0 = time.perf_counter()
        big_files, big_bytes = gen.folder(work / "big", size["big"])
        small_files, small_bytes = gen.folder(work / "small", size["small"])
        print(f"generated {big_files} files / {human_bytes(big_bytes)} (big) and {small_files} files / "
              f"{human_bytes(small_bytes)} (small) in {time.perf_counter() - t0:.1f} s under {work}", flush=True)

        extract_help = cli_flags("extract")
        quiet = ["--no-progress"] if "--no-progress" in extract_help else []

        print("throughput, text read once ...", flush=True)
        # the rules compiled first on the examples of numbers.yml, so no clause is met twice unless the
        # documents themselves share it
        examples = work / "examples.txt"
        examples.write_text(number_examples(), encoding="utf-8")
        once = measure_throughput(once_files(), examples)
        print("throughput, repeated text ...", flush=True)
        seed_file = min((ROOT / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
        tp = measure_throughput(take_files(work / "small", size["throughput"]), seed_file)
        print("start-up ...", flush=True)
        su = measure_startup(seed_file)
        print("memory (small folder) ...", flush=True)
        out_dir = work / "out"
        out_dir.mkdir()
        mem_small = measure_memory(work / "small", out_dir, quiet)
        print(f"memory (big folder, ~{human_bytes(big_bytes)}) ...", flush=True)
        mem_big = measure_memory(work / "big", out_dir, quiet)
        print("workers ...", flush=True)
        wk = measure_workers(take_files(work / "big", size["workers"]), work, quiet, size["worker_repeats"])
        print("diff ...", flush=True)
        df = measure_diff(sorted((work / "small").glob("*.txt")), size["diff_repeats"])
        print("long runs without punctuation (1 MB, 4 MB) ...", flush=True)
        runs = measure_long_runs(work, examples)
        print(f"one big file (~{human_bytes(size['one_file'])}) ...", flush=True)
        one = measure_one_file(work, size["one_file"], out_dir, quiet)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    flat = mem_big["rss"] / mem_small["rss"]
    rows = [
        ("extraction / jieba, text read once", f"{once['ratio']:.2f}x", f">= {TARGETS['once']}x",
         verdict(once["ratio"] >= TARGETS["once"])),
        ("  extraction, text read once", rate(once["extract"]), "", ""),
        ("  jieba.lcut, same text", rate(once["jieba"]), "", ""),
        ("extraction / jieba, repeated text", f"{tp['ratio']:.2f}x", "(information)", ""),
        ("qingdan --help", f"{su['help']:.2f} s", f"< {TARGETS['help']:g} s", verdict(su["help"] < TARGETS["help"])),
        ("extract seed: first record", f"{su['first']:.2f} s", "(info)", ""),
        (f"max RSS, {human_bytes(mem_small['bytes'])} folder", human_bytes(mem_small["rss"]), "", ""),
        (f"max RSS, {human_bytes(mem_big['bytes'])} folder", human_bytes(mem_big["rss"]), "", ""),
        ("memory big / small (10x data)", f"{flat:.2f}x", f"flat (<= {TARGETS['flat']}x)",
         verdict(flat <= TARGETS["flat"] and mem_big["code"] == 0 and mem_small["code"] == 0)),
        ("2 workers over 1", f"{wk['speedup']:.2f}x", f">= {TARGETS['workers']}x",
         verdict(wk["speedup"] >= TARGETS["workers"] and wk["same"])),
        ("  machine's own 2-process", f"{min(wk['reference']):.2f}-{max(wk['reference']):.2f}x", "(reference)", ""),
        ("diff 1,000 x 1,000 duties", f"{df['seconds']:.2f} s", f"< {TARGETS['diff']:g} s",
         verdict(df["seconds"] < TARGETS["diff"])),
        ("no punctuation: 4 MB / 1 MB time", f"{runs['ratio']:.2f}x", f"<= {TARGETS['linear']:g}x",
         verdict(runs["ratio"] <= TARGETS["linear"])),
        (f"max RSS, one {human_bytes(one['bytes'])} file", human_bytes(one["rss"]),
         f"< {human_bytes(TARGETS['one_file'])} at 50 MB" if mode == "full" else "(50 MB in the full run)",
         verdict(one["rss"] < TARGETS["one_file"] and one["code"] == 0) if mode == "full" else ""),
    ]
    print()
    print(table(rows))
    print()
    print("details")
    print(f"  text read once: the {once['files']} bundled and test documents ({once['chars']:,} characters, "
          f"{once['records']:,} records), each once, best of 3 passes, each in a fresh process warmed on the "
          f"examples of numbers.yml (file reading excluded, jieba initialised first): extract_document "
          f"{', '.join(f'{t:.2f}' for t in once['all_extract'])} s, jieba.lcut "
          f"{', '.join(f'{t:.2f}' for t in once['all_jieba'])} s")
    print(f"  repeated text (information): {tp['files']} generated documents, {tp['chars']:,} characters, "
          f"{tp['records']:,} records, the seeds' clauses repeated as a batch of lists repeats its template: "
          f"{rate(tp['extract'])} against jieba.lcut {rate(tp['jieba'])}; extract_document "
          f"{', '.join(f'{t:.2f}' for t in tp['all_extract'])} s, jieba.lcut "
          f"{', '.join(f'{t:.2f}' for t in tp['all_jieba'])} s")
    print(f"  start-up: median of 5; --help runs {', '.join(f'{t:.2f}' for t in su['help_all'])} s; "
          f"first record of {seed_file.name}: {', '.join(f'{t:.2f}' for t in su['first_all'])} s")
    for name, mem in (("small", mem_small), ("big", mem_big)):
        cli_rate = mem["bytes"] / mem["wall"]
        print(f"  memory {name}: qingdan extract FOLDER -f jsonl -o FILE {' '.join(quiet)} over {mem['files']} files, "
              f"{human_bytes(mem['bytes'])}: exit {mem['code']}, {mem['records']:,} records, {mem['wall']:.1f} s "
              f"({human_bytes(cli_rate)}/s), max RSS {human_bytes(mem['rss'])}"
              + (f"; stderr: {mem['err']}" if mem["code"] else ""))
    print(f"  workers: qingdan extract FOLDER -f jsonl -o FILE --workers 1 vs --workers 2 (wall time, start-up "
          f"included), alternating, best of {wk['repeats']}; {wk['files']} files, {human_bytes(wk['bytes'])}: "
          f"1 -> {', '.join(f'{t:.2f}' for t in wk['all'][1])} s, 2 -> {', '.join(f'{t:.2f}' for t in wk['all'][2])} s; "
          f"outputs {'byte-identical' if wk['same'] else 'DIFFER'}")
    print(f"  workers reference (info): this machine's own 2-process speed-up on a pure-Python loop, before and "
          f"after: {wk['reference'][0]:.2f}x, {wk['reference'][1]:.2f}x")
    print(f"  diff: diff_records({df['old']} old, {df['new']} new; counts, periods and order perturbed), "
          f"first call {df['cold']:.2f} s (imports included), then best of {size['diff_repeats']}: "
          f"{df['seconds']:.2f} s; items {df['summary']}")
    print(f"  long runs: extract_text on generated text with every mark and line break taken out, a fresh "
          f"process each, warmed on the examples of numbers.yml: 1 MB ({runs[1]['chars']:,} characters, "
          f"{runs[1]['records']:,} records) {runs[1]['seconds']:.2f} s, 4 MB ({runs[4]['chars']:,} characters, "
          f"{runs[4]['records']:,} records) {runs[4]['seconds']:.2f} s")
    print(f"  one big file: qingdan extract FILE -f jsonl -o OUT {' '.join(quiet)} on one generated file of "
          f"{human_bytes(one['bytes'])}: exit {one['code']}, {one['records']:,} records, {one['wall']:.1f} s, "
          f"max RSS {human_bytes(one['rss'])}" + (f"; stderr: {one['err']}" if one["code"] else ""))
    print(f"  total benchmark time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
