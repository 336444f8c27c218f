"""A fixture web site on loopback, for `scrollbuild discover` tests.

Serves the files of a fixture folder (Tests/Fixtures/ocw-site and the like) as a real site
would: `{{base}}` in a file becomes this server's own address; a path ending in `/`
serves its `index.html`, as does a folder's path without one. Every response carries an ETag and a Last-Modified date and
answers a matching If-None-Match or If-Modified-Since with 304; XML and JSON are gzipped
when the client accepts it.

`faults.json` in the folder makes some paths misbehave, as real sites do:
  {"<path>": {"status": 429, "times": 1, "retry_after": 1}}   the first `times` requests
                                                               (all, without `times`)
  {"<path>": {"truncate": 120}}                                 a body cut off after 120 bytes
  {"<path>": {"delay": 0.5}}                                    an answer half a second late

GET /_log answers what was requested (time, method, path, status, whether conditional,
Accept-Encoding, User-Agent), in order; POST /_control takes
  {"edit": {"path": "...", "old": "...", "new": "..."}}  changes a served file (a new ETag)
  {"clear_log": true}                                    forgets the log
Standard library only.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import threading
import time

FIXED_DATE = "Wed, 01 May 2024 12:00:00 GMT"


class Site:
    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()
        self.log = []
        self.edits = {}        # path -> (bytes, Last-Modified)
        self.fault_counts = {}
        faults = os.path.join(root, "faults.json")
        self.faults = json.load(open(faults)) if os.path.exists(faults) else {}

    def content(self, path, base):
        """(bytes, last_modified) of a path, or None."""
        with self.lock:
            if path in self.edits:
                return self.edits[path]
        relative = path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        full = os.path.realpath(os.path.join(self.root, relative))
        if os.path.isdir(full):  # a path without a trailing slash, as Khan Academy's are
            full = os.path.join(full, "index.html")
        if not full.startswith(os.path.realpath(self.root) + os.sep) or not os.path.isfile(full):
            return None
        data = open(full, "rb").read().replace(b"{{base}}", base.encode())
        return data, FIXED_DATE


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site = None

    def log_message(self, *args):
        pass

    def base(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def record(self, status):
        with self.site.lock:
            self.site.log.append({
                "time": time.monotonic(), "method": self.command, "path": self.path, "status": status,
                "conditional": bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")),
                "accept_encoding": self.headers.get("Accept-Encoding", ""),
                "user_agent": self.headers.get("User-Agent", ""),
            })

    def send(self, status, body=b"", headers=(), close=False):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/_control":
            return self.send(404)
        command = json.loads(body or b"{}")
        if "edit" in command:
            edit = command["edit"]
            data, _ = self.site.content(edit["path"], self.base())
            changed = data.replace(edit["old"].encode(), edit["new"].encode())
            with self.site.lock:
                self.site.edits[edit["path"]] = (changed, email.utils.formatdate(usegmt=True))
        if command.get("clear_log"):
            with self.site.lock:
                self.site.log.clear()
        self.send(200, b"{}", [("Content-Type", "application/json")])

    def do_GET(self):
        if self.path == "/_log":
            with self.site.lock:
                body = json.dumps(self.site.log).encode()
            return self.send(200, body, [("Content-Type", "application/json")])
        path = self.path.split("?")[0]
        fault = self.site.faults.get(path)
        if fault and "delay" in fault:
            time.sleep(fault["delay"])
        if fault and "status" in fault:
            with self.site.lock:
                count = self.site.fault_counts.get(path, 0) + 1
                self.site.fault_counts[path] = count
            if count <= fault.get("times", 1 << 30):
                self.record(fault["status"])
                headers = [("Retry-After", str(fault["retry_after"]))] if "retry_after" in fault else []
                return self.send(fault["status"], b"try again later\n", headers)
        found = self.site.content(path, self.base())
        if found is None:
            self.record(404)
            return self.send(404, b"not found\n", [("Content-Type", "text/plain")])
        data, modified = found
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag or (
                not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified):
            self.record(304)
            return self.send(304, b"", [("ETag", etag), ("Last-Modified", modified)])
        kind = ("application/json" if path.endswith(".json") else "application/xml" if path.endswith(".xml")
                else "text/plain" if path.endswith(".txt") else "text/html; charset=utf-8")
        headers = [("Content-Type", kind), ("ETag", etag), ("Last-Modified", modified)]
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind in ("application/json", "application/xml"):
            data = gzip.compress(data, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        self.record(200)
        if fault and "truncate" in fault:
            # Promise the whole body, send the start of it, hang up.
            self.send_response(200)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data[:fault["truncate"]])
            self.close_connection = True
            return
        self.send(200, data, headers)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    Handler.site = Site(args.root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
