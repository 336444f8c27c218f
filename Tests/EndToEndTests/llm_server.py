#!/usr/bin/env python3
"""An OpenAI-compatible test server on 127.0.0.1 that counts what it receives.

Started by the tests (and the benchmark) as `python3 llm_server.py [--port N]`; it prints
`PORT <n>` once it listens. It never records an API key, only a short fingerprint of it.

Under /git/ it is a git host that wants a password: every request gets 401 with
`WWW-Authenticate: Basic`; `git_requests` counts them and `git_credentials` lists the
Authorization headers it was sent (fingerprinted).

HEAD requests are a web site for link checks: HEAD /ok answers 200, any other path 404;
`heads` counts them.

Behaviour is set with POST /_control (JSON, fields below) and read with GET /_stats.
  mode         valid | rate_limit | server_error | headers_zero | invalid_json |
               schema_violation | truncated | slow | key_limited | echo_key | error_echo | huge |
               echo_key_escaped (the key written as JSON \\u escapes) | key_property (an
               unexpected property named by the escaped key)
               (huge: a valid answer padded to 20 MB, written in pieces; a client that
               stops reading is counted in `aborted`)
  times        how many chat requests (from this control call on) get the mode (-1: all)
  retry_after  seconds, for rate_limit (sent as Retry-After)
  latency_ms   added to every chat answer
  latency_ms_max  when set, the added latency is drawn uniformly from [latency_ms, latency_ms_max]
Each entry of `requests` holds the messages' hash, the time it arrived and (`done`) the
time its answer was written whole; GET /_stats?brief=1 leaves out the messages.
  rpm          requests per minute enforced with a token bucket of one second (0: off)
  tpm          tokens per minute, likewise (0: off); a request counts its messages' bytes / 4 + 1
               and its max_tokens (1,000 when it sends none), as a provider reserves them
  error_rate_429, error_rate_500
               the share of requests (within the limits) answered with an injected 429 (Retry-After: 1)
               or 500; counted in `injected_429` and `injected_500`, apart from `refused`
  keep_messages  false: `requests` keeps no messages (a long benchmark's memory)
  real_usage   report usage from the request's size and the answer's (else a fixed 100 in, 50 out);
               `tokens_in` and `tokens_out` sum what was reported
  limited_key  the key fingerprint that key_limited refuses with 429
  batch_status what GET /v1/batches/{id} reports (in_progress | completed | failed)
  fail_batch_lines  how many batch lines come back as errors
  fail_marker  a text: every chat request whose messages contain it gets a 500 (so one module always fails)
  evaluate_scores   scores the next evaluate-module answers give, in order (then 0.9);
                    a score below 0.8 comes with the critique "CRITIQUE-MARKER: add a worked example"
"""
import re
import argparse
import base64
import hashlib
import json
import os
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.RLock()
STATE = {}


def reset():
    STATE.clear()
    STATE.update(
        control={"mode": "valid", "times": -1, "retry_after": 0, "latency_ms": 0, "rpm": 0,
                 "limited_key": "", "batch_status": "completed", "fail_batch_lines": 0,
                 "evaluate_scores": [], "fail_marker": "", "bad_quotes": 0, "tpm": 0,
                 "error_rate_429": 0.0, "error_rate_500": 0.0, "real_usage": False},
        chat_requests=0, base=0, refused=0, refused_tokens=0, tokens_reserved=0, injected_429=0, injected_500=0, tokens_in=0, tokens_out=0,
        token_bucket=None, answered=0, aborted=0, heads=0, git_requests=0, git_credentials=[], requests=[], files={}, batches={}, batch_lines=0,
        bucket=None,
    )


reset()


def fingerprint(key):
    return hashlib.sha256(key.encode()).hexdigest()[:12] if key else ""


def answer_for(step, messages):
    """A small answer that fits the step's schema."""
    text = " ".join(m.get("content", "") for m in messages)[:60]
    if step == "evaluate-module":
        with LOCK:
            scores = STATE["control"]["evaluate_scores"]
            score = scores.pop(0) if scores else 0.9
        critique = "Good." if score >= 0.8 else "CRITIQUE-MARKER: add a worked example"
        return {"score": score, "criteria": [{"name": "coverage", "score": score, "comment": "covers the objectives"}],
                "critique": critique}
    if step == "plan-pathways":
        # One module per document listed in the prompt; the second option is the first reversed.
        paths = re.findall(r"^- path: (\S+)", "\n".join(m.get("content", "") for m in messages), re.MULTILINE)
        modules = [{"title": "Study " + p.rsplit("/", 1)[-1], "objectives": ["Explain " + p],
                    "minutes": 10, "documents": [p]} for p in paths]
        return {"options": [{"name": "In order", "rationale": "As written.", "modules": modules},
                            {"name": "Reversed", "rationale": "Backwards.", "modules": list(reversed(modules))}]}
    if step == "detect-prerequisites":
        # Courses named by title, as a reader who knows MIT's catalog would number them; the
        # evidence is the title as the text writes it.
        titles = {"Principles of Microeconomics": "14.01", "Single Variable Calculus": "18.01",
                  "Multivariable Calculus": "18.02", "Quantum Physics I": "8.04"}
        user = next((m.get("content", "") for m in messages if m.get("role") == "user"), "")
        courses = json.loads(user.split("\n", 1)[1]) if "\n" in user else []
        return {"relations": [{"course": c["course"], "prerequisite": number, "relation": "prerequisite",
                               "confidence": 0.8, "evidence": title}
                              for c in courses for title, number in titles.items() if title in c["text"]]}
    if step == "analyse-document":
        return {"title": "Doc", "type": "guide", "complexity": "introductory", "key_concepts": ["x"],
                "learning_objectives": ["y"], "summary": "s", "prerequisites": [], "related_topics": [],
                "word_count": 10}
    quote = quote_from(messages)
    revised = "Revised after the critique. " if "CRITIQUE-MARKER" in " ".join(m.get("content", "") for m in messages) else ""
    # A module that passes the rubric's checks: its own title, a minute of reading (the
    # prompt's words), code when the sources have some, a quote copied from its source.
    prompt = next((m.get("content", "") for m in messages if m.get("role") == "user"), "")
    title = (re.search(r'Write module "([^"]+)"', prompt) or re.search(r"(.)", "Module")).group(1)
    words = re.sub(r"[^\w .,]", " ", prompt.split("Write:")[0]).split() or ["words"]
    body = " ".join((words * (220 // len(words) + 1))[:220])
    if "```" in prompt:
        body += "\n\n```\nexample()\n```"
    return {"title": title, "introduction": revised + "An introduction drawn from: " + text,
            "sections": [{"heading": "Part one", "body": body}],
            "worked_example": {"title": "Example", "steps": ["Step one."]},
            "key_terms": [{"term": "term", "definition": "a definition"}],
            "questions": [{"kind": "short_answer", "prompt": "Why?", "answer": "Because.",
                           "explanation": "It says so.", "choices": None,
                           "quote": {"path": quote[0], "anchor": "", "text": quote[1]}}],
            "summary": "A summary.", "reading_grade": None}


def quote_from(messages):
    """A few words copied from the first source the module prompt shows: its first
    document (with its path) or its notes, else its summary."""
    prompt = next((m.get("content", "") for m in messages if m.get("role") == "user"), "")
    if STATE["control"].get("bad_quotes"):
        with LOCK:
            STATE["control"]["bad_quotes"] -= 1
        return ("notes", "A sentence that no source contains anywhere at all.")
    document = re.search(r'^Source document \[\d+\]: (\S+) .*?\n"""\n(.*?)\n"""', prompt, re.S | re.M)
    if document:
        words = [w for w in document.group(2).split() if not w.startswith("#")]
        return (document.group(1), " ".join(words[:6]) or "x")
    notes = re.search(r'Source notes to draw on:\n"""\n(.*?)\n"""', prompt, re.S)
    summary = re.search(r"What the module is about: (.+)", prompt)
    for found in (notes, summary):
        words = found.group(1).split() if found else []
        if words:
            return ("notes", " ".join(words[:6]))
    return ("notes", "nothing")


def completion(content, model, usage=(100, 50)):
    return {"id": "chatcmpl-test", "object": "chat.completion", "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": usage[0] + usage[1]}}


def request_tokens(request):
    """What a provider reserves for a request: its input (about 4 bytes a token) and its max_tokens."""
    size = sum(len((m.get("content") or "").encode()) for m in request["messages"])
    return size // 4 + 1, request.get("max_tokens") or 1000


def take_from_bucket(per_minute, amount=1, name="bucket"):
    """True when `amount` fits the bucket `name` of `per_minute` a minute (one second's worth)."""
    now = time.monotonic()
    rate = per_minute / 60.0
    bucket = STATE[name] or {"level": rate, "at": now}
    bucket["level"] = min(rate, bucket["level"] + (now - bucket["at"]) * rate)
    bucket["at"] = now
    STATE[name] = bucket
    if bucket["level"] >= min(amount, rate):
        bucket["level"] -= amount
        return True
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(length) if length else b""

    def git_host(self):
        with LOCK:
            STATE["git_requests"] += 1
            if self.headers.get("Authorization"):
                STATE["git_credentials"].append(fingerprint(self.headers["Authorization"]))
        self.body()
        self.reply(401, {"error": "authentication required"}, {"WWW-Authenticate": 'Basic realm="git"'})

    def do_HEAD(self):
        with LOCK:
            STATE["heads"] += 1
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/git/"):
            return self.git_host()
        if path == "/_stats":
            with LOCK:
                stats = {k: v for k, v in STATE.items() if k not in ("files", "bucket", "token_bucket")}
                if "summary=1" in self.path:
                    stats["requests"] = []
                if "brief=1" in self.path:
                    stats["requests"] = [{k: v for k, v in r.items() if k != "messages"} for r in stats["requests"]]
            return self.reply(200, stats)
        if path.startswith("/v1/batches/"):
            return self.batch_status(path.rsplit("/", 1)[1])
        if path.startswith("/v1/files/") and path.endswith("/content"):
            file_id = path.split("/")[3]
            with LOCK:
                data = STATE["files"].get(file_id)
            return self.reply(200 if data is not None else 404, data if data is not None else {"error": {"message": "no file"}})
        self.reply(404, {"error": {"message": "not found"}})

    def do_POST(self):
        if self.path.startswith("/git/"):
            return self.git_host()
        path = self.path.split("?")[0]
        raw = self.body()
        if path == "/_control":
            with LOCK:
                STATE["control"].update(json.loads(raw or b"{}"))
                STATE["base"] = STATE["chat_requests"]  # `times` counts from here
            return self.reply(200, STATE["control"])
        if path == "/_reset":
            with LOCK:
                reset()
            return self.reply(200, {})
        if path == "/v1/chat/completions":
            return self.chat(json.loads(raw))
        if path == "/v1/files":
            return self.upload(raw)
        if path == "/v1/batches":
            request = json.loads(raw)
            with LOCK:
                batch_id = "batch_%d" % (len(STATE["batches"]) + 1)
                STATE["batches"][batch_id] = {"input_file_id": request["input_file_id"], "output_file_id": None}
            return self.reply(200, {"id": batch_id, "object": "batch", "status": "validating"})
        self.reply(404, {"error": {"message": "not found"}})

    def chat(self, request):
        authorization = self.headers.get("Authorization", "")
        key = authorization.removeprefix("Bearer ")
        if authorization.startswith("Basic "):  # credentials from the URL's user:password@
            key = "basic:" + base64.b64decode(authorization[6:]).decode()
        step = ((request.get("response_format") or {}).get("json_schema") or {}).get("name", "")
        if not step:
            step = "evaluate-module" if "Grade this module" in json.dumps(request["messages"]) else "generate-module"
        with LOCK:
            control = dict(STATE["control"])
            STATE["chat_requests"] += 1
            number = STATE["chat_requests"]
            entry = {"step": step, "key": fingerprint(key), "time": time.time(),
                     "messages": request["messages"] if control.get("keep_messages", True) else [],
                     "model": request.get("model"),
                     "hash": hashlib.sha256(json.dumps(request["messages"], sort_keys=True).encode()).hexdigest()[:16]}
            STATE["requests"].append(entry)
            if control["rpm"] and not take_from_bucket(control["rpm"]):
                STATE["refused"] += 1
                return self.reply(429, {"error": {"message": "rate limit exceeded"}}, {"Retry-After": "1"})
            tokens_in, tokens_max = request_tokens(request)
            if control["tpm"] and not take_from_bucket(control["tpm"], tokens_in + tokens_max, "token_bucket"):
                STATE["refused"] += 1
                STATE["refused_tokens"] += 1
                return self.reply(429, {"error": {"message": "token rate limit exceeded"}}, {"Retry-After": "1"})
            STATE["tokens_reserved"] += tokens_in + tokens_max
            dice = random.random()
            if dice < control["error_rate_429"]:
                STATE["injected_429"] += 1
                return self.reply(429, {"error": {"message": "overloaded, try again"}}, {"Retry-After": "1"})
            if dice < control["error_rate_429"] + control["error_rate_500"]:
                STATE["injected_500"] += 1
                return self.reply(500, {"error": {"message": "internal error"}})
            mode = control["mode"] if control["times"] < 0 or number - STATE["base"] <= control["times"] else "valid"
            if control["fail_marker"] and control["fail_marker"] in json.dumps(request["messages"]):
                mode = "server_error"
        if control.get("latency_ms_max"):
            time.sleep(random.uniform(control["latency_ms"], control["latency_ms_max"]) / 1000.0)
        elif control["latency_ms"]:
            time.sleep(control["latency_ms"] / 1000.0)
        model = request.get("model", "")
        if mode == "key_limited" and fingerprint(key) == control["limited_key"]:
            return self.reply(429, {"error": {"message": "rate limit for this key"}}, {"Retry-After": "0"})
        if mode == "rate_limit":
            return self.reply(429, {"error": {"message": "slow down"}}, {"Retry-After": str(control["retry_after"])})
        if mode == "server_error":
            return self.reply(500, {"error": {"message": "internal error"}})
        if mode == "error_echo":  # a 400 whose message quotes most of the key
            return self.reply(400, {"error": {"message": "Incorrect API key provided: " + key[:14] + "...."}})
        if mode == "slow":
            time.sleep(30)
        if mode == "truncated":
            data = json.dumps(completion(json.dumps(answer_for(step, request["messages"])), model)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            return
        if mode == "huge":
            answer = answer_for(step, request["messages"])
            answer["introduction"] = "x" * (20 * 1024 * 1024)
            data = json.dumps(completion(json.dumps(answer), model)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for start in range(0, len(data), 65536):
                    self.wfile.write(data[start:start + 65536])
                with LOCK:
                    STATE["answered"] += 1
            except (BrokenPipeError, ConnectionResetError):
                with LOCK:
                    STATE["aborted"] += 1
            self.close_connection = True
            return
        if mode == "invalid_json":
            content = "{ this is not json"
        elif mode == "schema_violation":
            content = json.dumps({"title": 5, "sections": []})
        elif mode == "echo_key":  # a valid answer that publishes the key it was called with
            answer = answer_for(step, request["messages"])
            for field in ("introduction", "summary", "critique"):
                if field in answer:
                    answer[field] = "Your key is " + key + ". " + answer[field]
            content = json.dumps(answer)
        elif mode in ("echo_key_escaped", "key_property"):
            escaped = "".join("\\u%04x" % ord(c) for c in key)
            answer = answer_for(step, request["messages"])
            if mode == "echo_key_escaped":
                answer["summary" if "summary" in answer else "critique"] = "Your key is @@KEY@@."
                content = json.dumps(answer).replace("@@KEY@@", escaped)
            else:
                content = json.dumps(answer)[:-1] + ', "' + escaped + '": 1}'
        else:
            content = json.dumps(answer_for(step, request["messages"]))
        headers = {}
        if mode == "headers_zero":
            headers = {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "50ms",
                       "x-ratelimit-remaining-tokens": "1000", "x-ratelimit-reset-tokens": "20ms"}
        usage = (100, 50)
        if control.get("real_usage"):
            usage = (request_tokens(request)[0], len(content.encode()) // 4 + 1)
        with LOCK:
            STATE["answered"] += 1
            STATE["tokens_in"] += usage[0]
            STATE["tokens_out"] += usage[1]
        self.reply(200, completion(content, model, usage), headers)
        self.wfile.flush()
        with LOCK:
            entry["done"] = time.time()

    def upload(self, raw):
        boundary = self.headers.get("Content-Type", "").split("boundary=")[-1].encode()
        content = b""
        for part in raw.split(b"--" + boundary):
            if b'name="file"' in part:
                content = part.split(b"\r\n\r\n", 1)[1].rsplit(b"\r\n", 1)[0]
        with LOCK:
            file_id = "file_%d" % (len(STATE["files"]) + 1)
            STATE["files"][file_id] = content
        self.reply(200, {"id": file_id, "object": "file", "purpose": "batch", "bytes": len(content)})

    def batch_status(self, batch_id):
        with LOCK:
            batch = STATE["batches"].get(batch_id)
            control = dict(STATE["control"])
        if batch is None:
            return self.reply(404, {"error": {"message": "no batch"}})
        status = control["batch_status"]
        body = {"id": batch_id, "object": "batch", "status": status, "output_file_id": None, "error_file_id": None}
        if status == "completed":
            with LOCK:
                if batch["output_file_id"] is None:
                    lines = STATE["files"][batch["input_file_id"]].decode().splitlines()
                    out, errors = [], []
                    for n, line in enumerate(l for l in lines if l.strip()):
                        item = json.loads(line)
                        STATE["batch_lines"] += 1
                        if n < control["fail_batch_lines"]:
                            errors.append(json.dumps({"custom_id": item["custom_id"], "response": None,
                                                      "error": {"code": "server_error", "message": "failed"}}))
                            continue
                        step = item["body"]["response_format"]["json_schema"]["name"]
                        answer = completion(json.dumps(answer_for(step, item["body"]["messages"])), item["body"]["model"])
                        out.append(json.dumps({"custom_id": item["custom_id"],
                                               "response": {"status_code": 200, "body": answer}, "error": None}))
                    out_id = "file_%d" % (len(STATE["files"]) + 1)
                    STATE["files"][out_id] = ("\n".join(out) + "\n").encode()
                    batch["output_file_id"] = out_id
                    if errors:
                        err_id = "file_%d" % (len(STATE["files"]) + 1)
                        STATE["files"][err_id] = ("\n".join(errors) + "\n").encode()
                        batch["error_file_id"] = err_id
                body["output_file_id"] = batch["output_file_id"]
                body["error_file_id"] = batch.get("error_file_id")
        self.reply(200, body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", help="also write the port to this file (for callers that cannot read a pipe)")
    args = parser.parse_args()
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % server.server_address[1])
        os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
