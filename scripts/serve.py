#!/usr/bin/env python3
"""Serves a directory on the loopback interface, for `make serve` and the end-to-end test.

Only the standard library. Serves .wasm as application/wasm (needed for streaming
compilation), sends no-store and nosniff headers, and prints the URL on its first line of
output (with --port 0 the OS picks a free port, which the test reads from that line).
"""

import argparse
import functools
import http.server
import sys


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
