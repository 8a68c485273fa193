#!/usr/bin/env python3
"""Serves a directory on the loopback interface, for `make serve` and the end-to-end test.

Only the standard library. Sends no-store, nosniff and no-referrer headers, and prints the URL
on its first line of output (with --port 0 the OS picks a free port, which the test reads from
that line).

Content-Security-Policy as an HTTP header: an HTML file is sent with the policy of its own
<meta http-equiv="Content-Security-Policy"> tag, every other file with the policy of the
directory's index.html. The header matters for the worker: a dedicated worker loaded from a
URL is governed by the CSP of its own response, not by the page's (a <meta> policy never reaches
it); only workers from blob: URLs inherit the page's policy.
"""

import argparse
import functools
import html
import http.server
import os
import re
import sys

META_CSP = re.compile(
    rb'<meta\s+http-equiv=["\']?Content-Security-Policy["\']?\s+content=(?:"([^"]*)"|\'([^\']*)\')',
    re.IGNORECASE,
)


def meta_csp(path):
    """The policy of an HTML file's CSP meta tag, or None."""
    try:
        with open(path, "rb") as f:
            m = META_CSP.search(f.read(1 << 16))
    except OSError:
        return None
    if not m:
        return None
    return html.unescape((m.group(1) or m.group(2)).decode("utf-8"))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".csv": "text/csv; charset=utf-8",
        ".json": "application/json",
    }
    quiet = False

    def end_headers(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith((".html", ".htm")):
            path = os.path.join(self.directory, "index.html")
        csp = meta_csp(path)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", default="dist", help="directory to serve (default: dist)")
    p.add_argument("--bind", default="127.0.0.1", help="address (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port, 0 for any free one")
    p.add_argument("--quiet", action="store_true", help="do not log requests")
    a = p.parse_args()
    Handler.quiet = a.quiet
    handler = functools.partial(Handler, directory=a.dir)
    with http.server.ThreadingHTTPServer((a.bind, a.port), handler) as httpd:
        host, port = httpd.server_address[:2]
        print(f"serving {a.dir}/ on http://{host}:{port}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
