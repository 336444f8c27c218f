#!/usr/bin/env python3
"""LLM throughput benchmark: scrollbuild's scheduler against a provider's rate limit.

The test server (Tests/EndToEndTests/llm_server.py) answers after 200 ms and enforces
3,000 requests a minute with a one-second bucket. A project of 50 courses x 10 modules
makes 1,000 distinct calls (500 generate, 500 evaluate) with -j 100; the limit allows
them in 20 s, the target is 1.15x that, with no request refused by the server.

Then the scheduler's own cost per cached call: a project of 500 courses x 10 modules is
built offline (10,000 calls), its engine state is deleted so every LLM task runs again,
and the rebuild answers all 10,000 from the call cache; the call log times each one.

Results replace the "LLM throughput" section of bench/RESULTS.md.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVER = os.path.join(ROOT, "Tests", "EndToEndTests", "llm_server.py")

NOTES = ("A build cache stores the outputs of earlier builds. A content hash is a fingerprint of a file's bytes. "
         "For example, ninja compares timestamps, while content-addressed tools compare hashes. Early cutoff means "
         "that a task whose output did not change stops the rebuild there. Remote caches share outputs between machines.")


def make_project(path, courses, modules, llm_settings):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, "catalog"))
    for item in ("site-templates", "prompts", "schemas"):
        shutil.copytree(os.path.join(ROOT, item), os.path.join(path, item))
    with open(os.path.join(path, "scrollbuild.yml"), "w") as f:
        f.write("site:\n  title: LLM bench\n" + llm_settings)
    for c in range(courses):
        outline = "".join(
            f"    - title: Module {m + 1} of course {c}\n"
            f"      summary: Part {m + 1} of a course about caching, number {c}.\n"
            f"      lectures: [Content hashes {c}.{m}, Early cutoff {c}.{m}]\n"
            f"      notes: \"{NOTES} This is course {c}, module {m}.\"\n" for m in range(modules))
        with open(os.path.join(path, "catalog", f"course-{c:04d}.md"), "w") as f:
            f.write(f"---\nid: course-{c:04d}\ntitle: Course {c}\nsubject: computing\nlevel: beginner\n"
                    f"source:\n  kind: modules\n  modules:\n{outline}---\nA course about caching, number {c}.\n")


def start_server():
    server = subprocess.Popen([sys.executable, SERVER], stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[1])
    return server, port


def call(port, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    return json.loads(urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)).read())


def build(binary, project, jobs, env=None):
    started = time.monotonic()
    done = subprocess.run([binary, "all", "-j", str(jobs), "--json"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "CI": "true", **(env or {})})
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"build failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])


def throughput(binary, work, rpm, latency_ms, courses, modules):
    server, port = start_server()
    try:
        call(port, "/_control", {"latency_ms": latency_ms, "rpm": rpm})
        project = os.path.join(work, "throughput")
        make_project(project, courses, modules,
                     f"llm:\n  provider: openai\n  base_url: http://127.0.0.1:{port}/v1\n  model: bench-model\n"
                     f"  limits:\n    bench-model: {{requests_per_minute: {rpm}}}\n")
        elapsed, result = build(binary, project, 100, {"SCROLLBUILD_API_KEY": "sk-bench"})
        stats = call(port, "/_stats")
    finally:
        server.terminate()
    calls = courses * modules * 2
    allowed = calls / (rpm / 60.0)
    return {"calls": calls, "sent": stats["chat_requests"], "refused": stats["refused"], "llm_calls": result["llm_calls"],
            "seconds": elapsed, "allowed": allowed, "ratio": elapsed / allowed}


def cached(binary, work, courses, modules):
    project = os.path.join(work, "cached")
    make_project(project, courses, modules, "")
    first, _ = build(binary, project, 2)
    os.remove(os.path.join(project, "build", ".scrollbuild", "trace"))
    second, result = build(binary, project, 2)
    db = sqlite3.connect(os.path.join(project, "build", ".scrollbuild", "calls.sqlite"))
    run = db.execute("SELECT MAX(run) FROM calls").fetchone()[0]
    latencies = sorted(r[0] for r in db.execute("SELECT latency_ms FROM calls WHERE run = ? AND cache_hit = 1", (run,)))
    return {"hits": result["llm_cache_hits"], "logged": len(latencies), "first": first, "rebuild": second,
            "p50": latencies[len(latencies) // 2], "p95": latencies[int(len(latencies) * 0.95)],
            "mean": sum(latencies) / len(latencies), "per_call_wall": second / max(1, result["llm_cache_hits"]) * 1000}


def section(t, c):
    ok = t["ratio"] <= 1.15 and t["refused"] == 0
    return "\n".join([
        "## LLM throughput", "",
        "Written by `make bench` (bench/llm.py). The test server answers after 200 ms and refuses requests beyond "
        "3,000 a minute (a one-second bucket); scrollbuild runs with `-j 100` and `requests_per_minute: 3000`.", "",
        "| measure | value |", "|---|---:|",
        f"| distinct calls | {t['calls']:,} |",
        f"| requests the server received | {t['sent']:,} |",
        f"| requests the server refused (429) | {t['refused']} |",
        f"| wall time | {t['seconds']:.1f} s |",
        f"| time the limit allows | {t['allowed']:.1f} s |",
        f"| ratio | {t['ratio']:.3f}× (target ≤ 1.15×, no refusals): {'met' if ok else 'NOT met'} |", "",
        f"Cached calls: {c['first']:.1f} s to build 500 courses × 10 modules offline ({c['hits']:,} calls); with the engine "
        f"state deleted, the rebuild answered {c['hits']:,} calls from the cache in {c['rebuild']:.1f} s in all.", "",
        "| scheduler time per cache hit | value |", "|---|---:|",
        f"| p50 | {c['p50']:.3f} ms |", f"| p95 | {c['p95']:.3f} ms |", f"| mean | {c['mean']:.3f} ms |",
        f"| whole rebuild ÷ hits | {c['per_call_wall']:.3f} ms |", ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/scrollbuild"))
    parser.add_argument("--work", default=os.path.join(HERE, "work-llm"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    t = throughput(binary, args.work, rpm=3000, latency_ms=200, courses=50, modules=10)
    c = cached(binary, args.work, courses=500, modules=10)
    text = section(t, c)
    print(text)
    results = os.path.join(HERE, "RESULTS.md")
    existing = open(results).read() if os.path.exists(results) else "# Benchmark results\n"
    existing = re.sub(r"\n## LLM throughput\n.*?(?=\n## |\Z)", "", existing, flags=re.S).rstrip() + "\n"
    with open(results, "w") as f:
        f.write(existing + "\n" + text)
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
