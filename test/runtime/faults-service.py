#!/usr/bin/env python3
"""A service for the fault tests: records each start, listens after a delay, answers /health.

--hang: accept connections on the port and never answer them.
--probe: not a service but a health check that never returns; it starts a child that never
  returns either, to show the whole group is killed.
A port someone else holds makes it exit 1, as servers do.
"""
import argparse, http.server, os, socket, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument('--name', required=True)
parser.add_argument('--run', required=True, help='folder for start stamps')
parser.add_argument('--port', type=int, default=0)
parser.add_argument('--delay', type=float, default=0)
parser.add_argument('--hang', action='store_true')
parser.add_argument('--probe', action='store_true')
parser.add_argument('--child', action='store_true')
args = parser.parse_args()

if args.child:
    time.sleep(3600)
    sys.exit(0)
if args.probe:
    subprocess.Popen([sys.executable, __file__, '--name', args.name, '--run', args.run, '--child'])
    time.sleep(3600)
    sys.exit(0)

with open(os.path.join(args.run, f'{args.name}.start'), 'a') as f:
    f.write(f'{time.time()} {os.getpid()}\n')
print(f'{args.name}: starting', flush=True)
time.sleep(args.delay)

if args.hang:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.port))
    listener.listen(64)
    print(f'{args.name}: listening on {args.port}, never answering', flush=True)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'ok')

    def log_message(self, *a):
        pass


server = http.server.HTTPServer(('127.0.0.1', args.port), Health)
print(f'{args.name}: ready on {args.port}', flush=True)
server.serve_forever()
