"""Start the realtime relay (devtools/realtime) in front of a site's web server.

For browser tests, which need the site as `./dev start` serves it (with a background worker too):

    from frappe_runtime import realtime

    # a web server started with XS_REALTIME=1 (else the Desk turns its realtime client off)
    relay = realtime.start_relay(web_server_url, realtime.free_port())
    ...  # the browser opens http://127.0.0.1:<that port>, never the web server's own address
    realtime.stop(relay)

The relay serves the site of the calling process (env DB_NAME and REDIS_QUEUE, as set by
`./dev site`). The publisher's side is `patches._publish_realtime_on_site_channel`.
"""

import hashlib
import os
import socket
import subprocess
import time
from pathlib import Path

RELAY_DIR = Path(__file__).resolve().parent.parent / "realtime"


def site_channel(site: str) -> str:
	"""The Redis pub/sub channel of one site's realtime events (relay.js builds the same name)."""
	return f"events:{site}"


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def ensure_relay_installed() -> None:
	"""Install the relay's npm packages from its lock file, unless installed from this lock already."""
	lock_hash = hashlib.sha256((RELAY_DIR / "package-lock.json").read_bytes()).hexdigest()
	stamp = RELAY_DIR / "node_modules" / ".xs-lock-hash"
	if stamp.exists() and stamp.read_text() == lock_hash:
		return
	subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=RELAY_DIR, check=True)
	stamp.write_text(lock_hash)


def _log_file(log_path: str | os.PathLike | None, name: str):
	path = Path(log_path) if log_path else Path(_site_dir()).parent / "logs" / f"{name}.log"
	path.parent.mkdir(parents=True, exist_ok=True)
	return path, open(path, "w")


def _site_dir() -> str:
	return os.environ.get("FRAPPE_SITE_DIR") or os.getcwd()


def _wait_for_port(process: subprocess.Popen, port: int, log: Path, timeout: float) -> None:
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		if process.poll() is not None:
			raise RuntimeError(f"exited with {process.returncode}: {log.read_text()[-2000:]}")
		try:
			socket.create_connection(("127.0.0.1", port), timeout=1).close()
			return
		except OSError:
			time.sleep(0.1)
	stop(process)
	raise RuntimeError(f"not listening on port {port} after {timeout} s; see {log}")


def start_relay(
	site_url: str,
	port: int,
	*,
	site: str | None = None,
	redis_url: str | None = None,
	log_path: str | os.PathLike | None = None,
	timeout: float = 30,
) -> subprocess.Popen:
	"""Serve the site at `site_url` with realtime on http://127.0.0.1:<port>; return once it listens.

	`site` (default: env DB_NAME) names the site's event channel; `redis_url` defaults to env
	REDIS_QUEUE, the connection the site publishes on. The log goes to `log_path`
	(default: the runtime's logs folder, realtime-<site>.log).
	"""
	ensure_relay_installed()
	site = site or os.environ["DB_NAME"]
	log, log_file = _log_file(log_path, f"realtime-{site}")
	process = subprocess.Popen(
		[
			"node",
			str(RELAY_DIR / "relay.js"),
			*("--port", str(port), "--upstream", site_url, "--site", site),
			*("--redis", redis_url or os.environ.get("REDIS_QUEUE", "redis://127.0.0.1:6379")),
		],
		stdout=log_file,
		stderr=subprocess.STDOUT,
	)
	try:
		_wait_for_port(process, port, log, timeout)
	except RuntimeError as e:
		raise RuntimeError(f"the realtime relay did not start: {e}") from None
	return process


def stop(*processes: subprocess.Popen, timeout: float = 10) -> None:
	"""Terminate the processes; kill those still running after `timeout` seconds."""
	for process in processes:
		if process.poll() is None:
			process.terminate()
	for process in processes:
		try:
			process.wait(timeout=timeout)
		except subprocess.TimeoutExpired:
			process.kill()
			process.wait()
