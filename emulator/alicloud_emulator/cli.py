"""``alicloud-emulator serve``: run the emulator until SIGTERM or Ctrl-C."""

import argparse
import signal
import sys
import threading

import yaml

from alicloud_emulator import server
from alicloud_emulator.faults import FaultError
from alicloud_emulator.seed import SeedError


def build_parser():
    parser = argparse.ArgumentParser(prog="alicloud-emulator", description="A local, stateful Alibaba Cloud API server "
                                     "(CBN, VPC, VpcPeer, STS) for the official Python SDKs.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    serve = commands.add_parser("serve", help="serve the API on HOST:PORT",
                                description="Serve the CBN, VPC, VpcPeer and STS APIs and the admin API "
                                "(/_emulator/state, /_emulator/calls, /_emulator/reset, /_emulator/faults) on one port. "
                                "Prints 'listening on http://HOST:PORT' once requests are accepted.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on; 0 picks a free port (default: %(default)s)")
    serve.add_argument("--seed", required=True, metavar="FILE",
                       help="YAML seed: accounts (uid, access_keys, roles), vpcs and vbrs the world starts with")
    serve.add_argument("--state-file", metavar="FILE",
                       help="JSON file the world is saved to after every write and reloaded from at start "
                       "(when it exists, it wins over the seed; POST /_emulator/reset goes back to the seed)")
    serve.add_argument("--transition-seconds", type=float, default=0.5, metavar="SECONDS",
                       help="how long asynchronous states (Creating, Attaching, ...) last (default: %(default)s)")
    serve.add_argument("--faults", metavar="FILE",
                       help="YAML fault rules in force from the start (throttle, internal_error, unavailable, "
                       "latency, drop_after_commit, stuck); POST /_emulator/faults replaces them")
    return parser


def _load_yaml(path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as err:
        raise SystemExit("alicloud-emulator: cannot read the %s file %s: %s" % (what, path, err))


def serve(args):
    seed_doc = _load_yaml(args.seed, "seed") or {}
    faults_doc = _load_yaml(args.faults, "faults") if args.faults else None
    if args.transition_seconds < 0:
        raise SystemExit("alicloud-emulator: --transition-seconds must not be negative")
    try:
        emulator = server.build(seed_doc, state_file=args.state_file, transition_seconds=args.transition_seconds,
                                faults_doc=faults_doc)
    except (SeedError, FaultError, ValueError) as err:
        raise SystemExit("alicloud-emulator: %s" % err)
    httpd = server.make_server(emulator, args.host, args.port)

    def stop(_signum, _frame):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = httpd.server_address[:2]
    print("listening on http://%s:%d" % (host, port), flush=True)
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        httpd.server_close()
    return 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
