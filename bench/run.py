#!/usr/bin/env python3
"""`make bench`: scrollbuild against ninja and Hugo on the same synthetic catalog.

For each N: a full build, a no-op build and a rebuild after editing one chapter, by
each tool, side by side in one run. ninja runs two graphs: one edge per scrollbuild task
(the same files scrollbuild reads and writes) and the smallest graph a person would write
for the same pages (`minimal.ninja`: one cmark-gfm edge per chapter page, one per course
page, one for the index), which the targets compare against. Wall time is the median of 5 runs (one run for the
full builds at N >= 10,000); peak RSS comes from GNU time. Prints a table and writes
bench/RESULTS.md with the machine it ran on.

Hugo has no persistent incremental mode outside its server, so its "no-op" and "edit"
rows are full rebuilds: that is what a CI job running `hugo` pays. Full builds of
scrollbuild and Hugo write into folders never used before (see `measure`); ninja's
outputs are fixed by its build file, so its full builds follow a deletion.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(command, cwd):
    """Runs a command; returns (seconds, peak RSS in MiB). The wall time is taken here, to
    the microsecond (GNU time's %e counts in 10 ms steps: a tenth of a 0.1 s no-op build);
    the peak RSS comes from GNU time."""
    out = os.path.join(cwd, ".time")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out] + command, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    with open(out) as f:
        kb = f.read().split()[-1]
    os.remove(out)
    return seconds, int(kb) / 1024


def median(runs):
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def edit_chapter(project, n, round_):
    """Appends a sentence to one chapter's body (its title stays the same)."""
    path = os.path.join(project, "content", f"course-{n // 2:05d}", "05-chapter.md")
    with open(path, "a") as f:
        f.write(f"\nAn added sentence, edit number {round_}.\n")


def measure(binary, n, work, repeat):
    out = os.path.join(work, str(n))
    print(f"generating {n} courses in {out} ...", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), out], check=True)
    project, hugo = os.path.join(out, "project"), os.path.join(out, "hugo")
    full_runs = 1 if n >= 10000 else repeat
    jobs = ["-j", str(os.cpu_count() or 2)]
    results = {}

    # Every full build writes into a folder never used before. Deleting a tree and at once
    # creating files again is slow on ext4 without a journal (it skips inodes freed in the
    # last 30 s), which would measure the file system, not the tool.
    print("  full builds ...", flush=True)
    results["scrollbuild", "full"] = median(
        [timed([binary, "all", *jobs, "--build-dir", f"build-{i}"], project) for i in range(full_runs)])
    results["hugo", "full"] = median(
        [timed(["hugo", "--quiet", "-d", f"public-{i}"], hugo) for i in range(full_runs)])
    runs = []
    for _ in range(full_runs):  # ninja's outputs are fixed by build.ninja: delete them between runs
        for path in (".b", "build"):
            shutil.rmtree(os.path.join(project, path), ignore_errors=True)
        for path in (".ninja_log", ".ninja_deps"):
            if os.path.exists(os.path.join(project, path)):
                os.remove(os.path.join(project, path))
        runs.append(timed(["ninja", *jobs], project))
    results["ninja", "full"] = median(runs)
    runs = []
    for _ in range(full_runs):
        for path in ("minimal", ".ninja-minimal"):
            shutil.rmtree(os.path.join(project, path), ignore_errors=True)
        runs.append(timed(["ninja", "-f", "minimal.ninja", *jobs], project))
    results["minimal", "full"] = median(runs)
    last = full_runs - 1
    sb = [binary, "all", *jobs, "--build-dir", f"build-{last}"]
    hugo_cmd = ["hugo", "--quiet", "-d", f"public-{last}"]

    print("  no-op builds ...", flush=True)
    results["scrollbuild", "no-op"] = median([timed(sb, project) for _ in range(repeat)])
    results["ninja", "no-op"] = median([timed(["ninja"], project) for _ in range(repeat)])
    results["minimal", "no-op"] = median([timed(["ninja", "-f", "minimal.ninja"], project) for _ in range(repeat)])
    results["hugo", "no-op"] = median([timed(hugo_cmd, hugo) for _ in range(repeat)])

    print("  one-chapter edits ...", flush=True)
    runs = {"scrollbuild": [], "ninja": [], "minimal": [], "hugo": []}
    for r in range(repeat):
        edit_chapter(project, n, r)
        runs["scrollbuild"].append(timed(sb, project))
        runs["ninja"].append(timed(["ninja"], project))
        runs["minimal"].append(timed(["ninja", "-f", "minimal.ninja"], project))
        runs["hugo"].append(timed(hugo_cmd, hugo))
    for tool, tool_runs in runs.items():
        results[tool, "edit"] = median(tool_runs)
    return results


def machine():
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "unknown"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "unknown")
    return [f"- date: {datetime.date.today().isoformat()}",
            f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem}",
            f"- OS: {platform.platform()}",
            f"- {first(['swift', '--version'])}",
            f"- ninja {first(['ninja', '--version'])}; {first(['hugo', 'version'])}"]


def table(all_results):
    header = ("| N | build | scrollbuild | ninja (minimal) | ninja (per task) | Hugo | ÷ minimal | ÷ per task | ÷ Hugo "
              "| RSS scrollbuild | RSS ninja (minimal) | RSS Hugo |")
    lines = [header, "|" + "---|" * 12]
    for n, results in all_results:
        for step in ("full", "no-op", "edit"):
            s, m, nj, h = (results[tool, step] for tool in ("scrollbuild", "minimal", "ninja", "hugo"))
            lines.append(f"| {n:,} | {step} | {s[0]:.3f} s | {m[0]:.3f} s | {nj[0]:.3f} s | {h[0]:.3f} s | "
                         f"{s[0] / m[0]:.2f}× | {s[0] / nj[0]:.2f}× | {s[0] / h[0]:.2f}× | "
                         f"{s[1]:.0f} MiB | {m[1]:.0f} MiB | {h[1]:.0f} MiB |")
    return lines


def verdicts(all_results):
    """Issue 13's targets at every N; issue 15's (PRODUCT.md §7) at the largest."""
    out = []
    for n, r in all_results:
        checks = [("no-op ≤ 1.0× ninja (per task)", r["scrollbuild", "no-op"][0] <= r["ninja", "no-op"][0]),
                  ("one-chapter edit ≤ 2× ninja (per task)", r["scrollbuild", "edit"][0] <= 2 * r["ninja", "edit"][0]),
                  ("full build ≤ 1.0× Hugo", r["scrollbuild", "full"][0] <= r["hugo", "full"][0])]
        out += [f"- N = {n:,}: {name}: {'met' if ok else 'MISSED'}" for name, ok in checks]
    n, r = all_results[-1]
    s_full, h_full = r["scrollbuild", "full"], r["hugo", "full"]
    checks = [("no-op ≤ 0.5× ninja (minimal)", r["scrollbuild", "no-op"][0] / r["minimal", "no-op"][0], 0.5),
              ("one-chapter edit ≤ 1.0× ninja (minimal)", r["scrollbuild", "edit"][0] / r["minimal", "edit"][0], 1.0),
              ("full build ≤ 0.5× Hugo's time", s_full[0] / h_full[0], 0.5),
              ("full build ≤ 0.1× Hugo's peak memory", s_full[1] / h_full[1], 0.1)]
    out += [f"- N = {n:,}: {name}: {ratio:.2f}×: {'met' if ratio <= limit else 'MISSED'}" for name, ratio, limit in checks]
    if len(all_results) >= 2:
        (n1, r1), (n2, r2) = all_results[0], all_results[-1]
        growth = r2["scrollbuild", "full"][1] / r1["scrollbuild", "full"][1]
        out.append(f"- peak RSS from N = {n1:,} to {n2:,}: ×{growth:.1f} for ×{n2 / n1:.0f} courses: "
                   f"{'met (no faster than N)' if growth <= n2 / n1 else 'MISSED'}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/scrollbuild"))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    all_results = [(n, measure(binary, n, args.work, args.repeat)) for n in map(int, args.sizes.split(","))]
    lines = table(all_results)
    print("\n".join(lines))
    print("\n".join(verdicts(all_results)))
    results = os.path.join(HERE, "RESULTS.md")
    previous = open(results).read() if os.path.exists(results) else ""
    # The sections bench/llm.py and bench/simulate.py write are kept.
    later = [m.start() for m in re.finditer(r"\n## (LLM throughput|10,000-book simulation)\n", previous)]
    llm_section = previous[min(later):] if later else ""
    with open(results, "w") as f:
        f.write("# Benchmark results\n\nWritten by `make bench` (bench/run.py). Wall time is the median of "
                f"{args.repeat} runs (one run for full builds at N ≥ 10,000), timed to the microsecond; RSS is the peak.\n"
                "Hugo has no incremental mode outside its server, so its no-op and edit rows are full rebuilds. "
                "Full builds of scrollbuild and Hugo write into new folders; ninja's full builds follow a deletion "
                "of its outputs (its build file fixes them), which ext4 without a journal makes slower.\n\n"
                "## Machine\n\n" + "\n".join(machine()) + "\n\n## Results\n\n" + "\n".join(lines)
                + "\n\n## Targets\n\n" + "\n".join(verdicts(all_results)) + "\n" + llm_section)
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
