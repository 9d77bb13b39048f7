"""Install, start, stop and query a local LanguageTool server.

``install`` assembles an English server from Maven Central (group
``org.languagetool``) into ``$XDG_CACHE_HOME/cleanup/languagetool/<version>``;
``start`` runs ``org.languagetool.server.HTTPServer`` on a free loopback port
and records it in ``server.json`` there; ``stop`` ends it. Where Maven is
missing but the internet is reachable, language-tool-python's own download
(``language_tool_python.LanguageTool("en-US")``) is the alternative.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "DEPENDENCY_PLUGIN",
    "VERSION",
    "ServerError",
    "ServerInfo",
    "answers",
    "cache_dir",
    "install",
    "installed",
    "main",
    "problem",
    "running",
    "start",
    "stop",
]

VERSION = "6.8"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MAIN_CLASS = "org.languagetool.server.HTTPServer"  # the jar's manifest names the HTTPS server
HEAP = "1g"
START_TIMEOUT = 90.0


class ServerError(RuntimeError):
    """Installing, starting or stopping the server failed; the message says why."""


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A running server: its process, port and version."""

    pid: int
    port: int
    version: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def cache_dir(version: str = VERSION) -> Path:
    """Where the server's jars and state live."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "cleanup" / "languagetool" / version


def _lib(version: str) -> Path:
    return cache_dir(version) / "lib"


def _state_file(version: str) -> Path:
    return cache_dir(version) / "server.json"


def installed(version: str = VERSION) -> bool:
    """True when the server's jars are in the cache."""
    return any(_lib(version).glob("languagetool-server-*.jar"))


def install(version: str = VERSION, quiet: bool = False) -> Path:
    """Fetch the server and the English module with Maven; return the jar folder."""
    if installed(version):
        return _lib(version)
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed; install it, or let language-tool-python download LanguageTool")
    target = cache_dir(version)
    target.mkdir(parents=True, exist_ok=True)
    pom = resources.files("cleanup.languagetool").joinpath("pom.xml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=target) as tmp:
        Path(tmp, "pom.xml").write_text(pom.replace("@VERSION@", version), encoding="utf-8")
        out = Path(tmp, "lib")
        cmd = [mvn, "-B", "-q", "-f", str(Path(tmp, "pom.xml")), f"{DEPENDENCY_PLUGIN}:copy-dependencies",
               f"-DoutputDirectory={out}", "-DincludeScope=runtime"]  # fmt: skip
        if not quiet:
            print(f"cleanup: fetching LanguageTool {version} from Maven Central…", file=sys.stderr)
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise ServerError(f"mvn failed ({done.returncode}): {(done.stdout + done.stderr)[-2000:]}")
        out.replace(_lib(version))  # atomic: a half-fetched install is never seen
    return _lib(version)


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when a LanguageTool server at ``url`` lists its languages."""
    return problem(url, timeout) is None


def problem(url: str, timeout: float = 2.0) -> str | None:
    """Why ``url`` is not a usable LanguageTool server (one line), or None when it lists its languages."""
    from cleanup.languagetool.wire import LanguageToolError, request_json

    try:
        languages = request_json(f"{url}/v2/languages", timeout=timeout, retries=0)
    except LanguageToolError as e:
        return str(e)
    except ValueError as e:  # a malformed URL
        return f"{url}: {e}"
    if not isinstance(languages, list):
        return f"{url}/v2/languages answered JSON that is not LanguageTool's list of languages"
    return None


def running(version: str = VERSION) -> ServerInfo | None:
    """The server recorded in the state file, if it still answers."""
    try:
        info = ServerInfo(**json.loads(_state_file(version).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return info if answers(info.url) else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(version: str = VERSION, port: int | None = None, heap: str = HEAP) -> ServerInfo:
    """Start the server on loopback (or return the one already running) and wait until it answers."""
    info = running(version)
    if info is not None:
        return info
    java = shutil.which("java")
    if java is None:
        raise ServerError("Java is not installed (LanguageTool needs Java 17)")
    if not installed(version):
        raise ServerError(f"LanguageTool {version} is not installed; run `cleanup languagetool install`")
    port = port or _free_port()
    log = (cache_dir(version) / "server.log").open("ab")
    # Without --public the server listens on loopback only; --allow-origin as language-tool-python starts it.
    cmd = [java, f"-Xmx{heap}", "-cp", f"{_lib(version)}/*", MAIN_CLASS, "--port", str(port), "--allow-origin"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    info = ServerInfo(proc.pid, port, version)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log_path = cache_dir(version) / "server.log"
            raise ServerError(f"LanguageTool exited with code {proc.returncode}; see {log_path}")
        if answers(info.url, timeout=1.0):
            tmp = _state_file(version).with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
            tmp.replace(_state_file(version))
            return info
        time.sleep(0.25)
    proc.kill()
    raise ServerError(f"LanguageTool did not answer within {START_TIMEOUT:.0f} s")


def stop(version: str = VERSION) -> bool:
    """Stop the recorded server; True when one was running."""
    state = _state_file(version)
    try:
        info = ServerInfo(**json.loads(state.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return False
    with contextlib.suppress(OSError):
        state.unlink()
    try:
        os.kill(info.pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    for _ in range(40):
        try:
            os.kill(info.pid, 0)
        except ProcessLookupError:
            return True
        with contextlib.suppress(ChildProcessError):
            os.waitpid(info.pid, os.WNOHANG)
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(info.pid, signal.SIGKILL)
    return True


def main(argv: list[str]) -> int:
    """``cleanup languagetool install|start|stop|status|url``."""
    p = argparse.ArgumentParser(prog="cleanup languagetool", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("action", choices=("install", "start", "stop", "status", "url"))
    p.add_argument("--version", dest="lt_version", default=VERSION, help=f"LanguageTool version (default {VERSION})")
    p.add_argument("--port", type=int, help="port for start (default: a free one)")
    p.add_argument("--heap", default=HEAP, help=f"Java heap for start (default {HEAP})")
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) if isinstance(e.code, int) else 2
    try:
        if args.action == "install":
            print(install(args.lt_version))
        elif args.action == "start":
            install(args.lt_version)
            info = start(args.lt_version, args.port, args.heap)
            print(f"LanguageTool {info.version} running at {info.url} (pid {info.pid})")
        elif args.action == "stop":
            print("stopped" if stop(args.lt_version) else "not running")
        else:
            found = running(args.lt_version)
            if args.action == "url":
                if found is None:
                    return 1
                print(found.url)
            else:
                where = f"running at {found.url} (pid {found.pid})" if found else "not running"
                state = "installed" if installed(args.lt_version) else "not installed"
                print(f"LanguageTool {args.lt_version}: {state}, {where}")
                return 0 if found else 1
    except (ServerError, subprocess.TimeoutExpired) as e:
        print(f"cleanup: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
