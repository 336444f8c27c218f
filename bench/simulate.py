#!/usr/bin/env python3
"""10,000 books, simulated end to end: a catalog of outline courses built with `-j 100`
against the LLM test server (Tests/EndToEndTests/llm_server.py) enforcing a provider's
limits: requests and tokens per minute (one-second buckets), 200-800 ms per answer, and
1% of answers an injected 429 and 1% a 500.

Measured: wall time against what the limits allow (the requests and tokens the server
accepted, at its rates), requests refused for exceeding a limit (target 0), scrollbuild's
resident memory over the run (sampled every 2 s; target: flat, the last third's peak at
most 1.25 times the first third's), and the ETA of progress.json once a tenth of the
courses had ended against when the last one did (target: within 15%). The result, and
the time the same calls would take at the example account limits given on the command
line, replace the "10,000-book simulation" section of bench/RESULTS.md.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVER = os.path.join(ROOT, "Tests", "EndToEndTests", "llm_server.py")
PRICE_IN, PRICE_OUT = 0.15, 0.60  # USD per million tokens, the configured prices


def make_project(path, courses, modules, port, rpm, tpm):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, "catalog"))
    for item in ("site-templates", "prompts", "schemas"):
        shutil.copytree(os.path.join(ROOT, item), os.path.join(path, item))
    with open(os.path.join(path, "scrollbuild.yml"), "w") as f:
        f.write("site:\n  title: Ten thousand books\n"
                f"llm:\n  provider: openai\n  base_url: http://127.0.0.1:{port}/v1\n  model: sim-model\n"
                "  attempts: 8\n  backoff_ms: 200\n  max_backoff_ms: 5000\n"
                f"  limits:\n    sim-model: {{requests_per_minute: {rpm}, tokens_per_minute: {tpm}}}\n"
                f"  prices:\n    sim-model: {{input: {PRICE_IN}, output: {PRICE_OUT}}}\n")
    for c in range(courses):
        outline = "".join(
            f"    - title: Part {m + 1} of book {c}\n"
            f"      summary: Chapter {m + 1} of a book about build systems, number {c}.\n"
            f"      lectures: [Content hashes {c}.{m}, Early cutoff {c}.{m}, Remote caches {c}.{m}]\n"
            for m in range(modules))
        with open(os.path.join(path, "catalog", f"book-{c:05d}.md"), "w") as f:
            f.write(f"---\nid: book-{c:05d}\ntitle: Book {c}\nsubject: computing\nlevel: beginner\n"
                    f"priority: {{enrollment: {(c * 7919) % 10007}}}\n"
                    f"source:\n  kind: modules\n  modules:\n{outline}---\nA book about build systems, number {c}.\n")


def call(port, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    return json.loads(urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)).read())


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def watch(process, progress_path, samples, stop, started):
    """Samples RSS every 2 s and progress.json every 0.5 s until `stop` is set, then
    reads progress.json once more (the build's last write)."""
    next_rss = 0.0
    while True:
        final = stop.is_set()
        now = time.monotonic() - started
        if now >= next_rss:
            rss = rss_mib(process.pid)
            if rss is not None:
                samples["rss"].append((now, rss))
            next_rss = now + 2
        try:
            with open(progress_path) as f:
                progress = json.load(f)
            totals = progress["totals"]
            samples["progress"].append((now, totals["done"] + totals["failed"], totals["courses"], progress.get("eta_seconds")))
        except (OSError, ValueError, KeyError):
            pass
        if final:
            return
        stop.wait(0.5)


def simulate(binary, work, courses, modules, rpm, tpm):
    server = subprocess.Popen([sys.executable, SERVER], stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[1])
    try:
        call(port, "/_control", {"latency_ms": 200, "latency_ms_max": 800, "rpm": rpm, "tpm": tpm,
                                 "error_rate_429": 0.01, "error_rate_500": 0.01, "real_usage": True,
                                 "keep_messages": False})
        project = os.path.join(work, "simulation")
        make_project(project, courses, modules, port, rpm, tpm)
        samples = {"rss": [], "progress": []}
        stop = threading.Event()
        started = time.monotonic()
        process = subprocess.Popen([binary, "all", "-j", "100", "--priority", "enrollment", "--json"], cwd=project,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   env={**os.environ, "CI": "true", "SCROLLBUILD_API_KEY": "sk-simulation"})
        watcher = threading.Thread(target=watch, args=(process, os.path.join(project, "build", ".scrollbuild", "progress.json"),
                                                       samples, stop, started))
        watcher.start()
        out, _ = process.communicate()
        elapsed = time.monotonic() - started
        stop.set()
        watcher.join()
        if process.returncode != 0:
            sys.exit(f"the simulated build failed ({process.returncode}): {out[-2000:]}")
        result = json.loads(out.strip().splitlines()[-1])
        stats = call(port, "/_stats?summary=1")
    finally:
        server.terminate()
    return elapsed, result, stats, samples


def analyse(elapsed, result, stats, samples, rpm, tpm):
    accepted = stats["chat_requests"] - stats["refused"]
    # What the server reserved for the requests it accepted: at the limits' rates, the least time.
    tokens_reserved = stats.get("tokens_reserved", 0)
    allowed = max(accepted / (rpm / 60), tokens_reserved / (tpm / 60))
    progress = samples["progress"]
    total = progress[-1][2] if progress else 0
    end = next((t for t, ended, courses, _ in progress if ended >= courses), None)
    tenth = next(((t, eta) for t, ended, courses, eta in progress if ended >= courses / 10 and eta is not None), None)
    eta_error = None
    if end is not None and tenth is not None:
        actual = end - tenth[0]
        eta_error = abs(tenth[1] - actual) / actual if actual > 0 else None
    rss = samples["rss"]
    third = max(1, len(rss) // 3)
    first_peak = max(r for _, r in rss[:third]) if rss else 0
    last_peak = max(r for _, r in rss[-third:]) if rss else 0
    return {"elapsed": elapsed, "accepted": accepted, "allowed": allowed, "ratio": allowed / elapsed,
            "refused": stats["refused"], "refused_tokens": stats.get("refused_tokens", 0),
            "injected": stats.get("injected_429", 0) + stats.get("injected_500", 0),
            "calls": result["llm_calls"], "tokens_in": result["tokens_in"], "tokens_out": result["tokens_out"],
            "cost": result["cost_usd"], "courses": total, "eta": tenth, "eta_end": end, "eta_error": eta_error,
            "rss_first": first_peak, "rss_last": last_peak, "rss_samples": rss, "tokens_reserved": tokens_reserved}


def section(a, args):
    ok_ratio = a["ratio"] >= 0.95
    ok_refused = a["refused"] == 0
    ok_memory = a["rss_last"] <= 1.25 * a["rss_first"]
    ok_eta = a["eta_error"] is not None and a["eta_error"] <= 0.15
    minutes = max(a["accepted"] / args.real_rpm, (a["tokens_in"] + a["tokens_out"]) / args.real_tpm)
    rss = a["rss_samples"]
    marks = [rss[int(len(rss) * q)][1] for q in (0.1, 0.25, 0.5, 0.75)] + [rss[-1][1]] if rss else []
    eta_text = (f"{a['eta'][1]:.0f} s predicted at {a['eta'][0]:.0f} s, the last course ended "
                f"{a['eta_end'] - a['eta'][0]:.0f} s later ({a['eta_error'] * 100:.1f}% off)") if a["eta_error"] is not None else "not measured"
    return "\n".join([
        "## 10,000-book simulation", "",
        f"Written by `make bench` (bench/simulate.py). {a['courses']:,} outline courses of {args.modules} modules, "
        f"`all -j 100 --priority enrollment`, against the LLM test server enforcing {args.rpm:,} requests and "
        f"{args.tpm:,} tokens a minute (one-second buckets), answering in 200–800 ms, 1% of answers an injected 429 "
        "and 1% a 500.", "",
        "| measure | value | target |", "|---|---:|---|",
        f"| wall time | {a['elapsed']:.1f} s | |",
        f"| requests accepted (answers, injected errors) | {a['accepted']:,} | |",
        f"| tokens the server reserved for them (input and max_tokens) | {a['tokens_reserved']:,} | |",
        f"| time the limits allow for them | {a['allowed']:.1f} s | |",
        f"| throughput | {a['ratio'] * 100:.1f}% of the limit | ≥ 95%: {'met' if ok_ratio else 'MISSED'} |",
        f"| requests refused for exceeding a limit | {a['refused']} ({a['refused_tokens']} for tokens) | 0: {'met' if ok_refused else 'MISSED'} |",
        f"| injected 429s and 500s, retried | {a['injected']:,} | |",
        f"| LLM calls (attempts) | {a['calls']:,} | |",
        f"| tokens in / out | {a['tokens_in']:,} / {a['tokens_out']:,} | |",
        f"| cost at ${PRICE_IN}/${PRICE_OUT} per million tokens | ${a['cost']:.2f} | |",
        f"| peak RSS, first third → last third | {a['rss_first']:.0f} → {a['rss_last']:.0f} MiB | flat (≤ 1.25×): {'met' if ok_memory else 'MISSED'} |",
        f"| RSS at 10%, 25%, 50%, 75%, end of the run | {', '.join(f'{m:.0f}' for m in marks)} MiB | |",
        f"| ETA after the first 10% | {eta_text} | within 15%: {'met' if ok_eta else 'MISSED'} |", "",
        f"At an account limit of {args.real_rpm:,} requests and {args.real_tpm:,} tokens a minute (an example: "
        "put your own in `--real-rpm` and `--real-tpm`), the same "
        f"{a['accepted']:,} requests and {a['tokens_in'] + a['tokens_out']:,} tokens take at least {minutes:.1f} minutes.", ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/scrollbuild"))
    parser.add_argument("--work", default=os.path.join(HERE, "work-simulation"))
    parser.add_argument("--courses", type=int, default=10000)
    parser.add_argument("--modules", type=int, default=2)
    parser.add_argument("--rpm", type=int, default=6000)
    parser.add_argument("--tpm", type=int, default=20000000)
    parser.add_argument("--real-rpm", type=int, default=10000)
    parser.add_argument("--real-tpm", type=int, default=10000000)
    args = parser.parse_args()
    elapsed, result, stats, samples = simulate(os.path.abspath(args.binary), args.work, args.courses, args.modules,
                                               args.rpm, args.tpm)
    text = section(analyse(elapsed, result, stats, samples, args.rpm, args.tpm), args)
    print(text)
    results = os.path.join(HERE, "RESULTS.md")
    existing = open(results).read() if os.path.exists(results) else "# Benchmark results\n"
    existing = re.sub(r"\n## 10,000-book simulation\n.*?(?=\n## |\Z)", "", existing, flags=re.S).rstrip() + "\n"
    with open(results, "w") as f:
        f.write(existing + "\n" + text)
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
