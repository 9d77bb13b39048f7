"""The command line: ``cleanup check | fix | diff | rules | languagetool``.

Exit codes: 0 clean, 1 findings (or, for ``fix``, a file changed), 2 usage or
input error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cleanup import __version__
from cleanup.checker import Checker
from cleanup.config import ConfigError, check_selectors, clear_caches, find_config, load_config
from cleanup.document import Document, Markup
from cleanup.files import (
    BinaryFileError,
    InputError,
    SourceFile,
    decode,
    iter_paths,
    markup_for,
    read_bytes,
    read_source,
    rewrite_atomically,
    same_file,
    write_atomically,
)
from cleanup.fixer import ConvergenceError, summarize
from cleanup.model import Applicability, Config, Finding, FixResult, Severity
from cleanup.progress import Progress
from cleanup.review import Article, review_article

__all__ = ["main"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143
_FAIL_LEVELS = {"info": 0, "warning": 1, "error": 2}
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# -- arguments -------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for standard input)")
    common.add_argument(
        "--select",
        action="append",
        default=None,
        metavar="SEL",
        help="rules to run: codes, code prefixes, names or categories (comma-separated; repeatable)",
    )
    common.add_argument("--ignore", action="append", default=None, metavar="SEL", help="rules to skip (same forms)")
    common.add_argument("--config", metavar="FILE", help="use this cleanup.toml or pyproject.toml for every file")
    common.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip matching paths")
    common.add_argument(
        "--markup",
        choices=("auto", "text", "markdown", "html"),
        default="auto",
        help="how to read files (default: from the suffix)",
    )
    common.add_argument("--stdin-filename", metavar="PATH", help="name (and markup) of standard input")
    common.add_argument("--encoding", metavar="ENC", help="decode files with this encoding (default UTF-8)")
    common.add_argument(
        "--source", metavar="SRC", help="the text PATH was translated from (one PATH): enables the accuracy rules"
    )
    common.add_argument(
        "--source-lang", metavar="LANG", help="the source's language (ja, or a pair ja-en); default: detected"
    )
    lt = common.add_mutually_exclusive_group()
    lt.add_argument("--no-languagetool", action="store_true", help="built-in rules only; no grammar checking")
    lt.add_argument("--require-languagetool", action="store_true", help="fail (exit 2) if LanguageTool is unavailable")
    common.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N",
        help="worker processes (0: one per core; default 1 for files, one per core for --jsonl)",
    )  # fmt: skip
    common.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour output")
    common.add_argument("-q", "--quiet", action="store_true", help="print only findings or diffs")
    common.add_argument(
        "--fail-on",
        choices=tuple(_FAIL_LEVELS),
        default="warning",
        help="lowest severity that makes the exit code 1 (default: warning)",
    )

    p = argparse.ArgumentParser(
        prog="cleanup",
        description="Find and repair what scraping and machine translation break in news articles.",
        epilog="Exit codes: 0 clean, 1 findings (fix: a file changed or findings remain), 2 usage or input error.",
    )
    p.add_argument("--version", action="version", version=f"cleanup {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check",
        parents=[common],
        help="report findings",
        description="Report findings in text, Markdown and HTML files.",
    )
    check.add_argument("--format", choices=("text", "json", "github", "sarif", "jsonl"), default="text")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    fix = sub.add_parser(
        "fix",
        parents=[common],
        help="apply safe fixes in place",
        description="Apply safe fixes in place (unsafe ones too with --unsafe-fixes).",
    )
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that may change meaning")
    fix.add_argument("--diff", action="store_true", help="write nothing; print a unified diff")
    fix.add_argument("--force", action="store_true", help="also fix read-only files")
    fix.add_argument("--output", "-o", metavar="FILE", help="with --jsonl: file for fixed records (default: stdout)")
    for command in (check, fix):
        _add_jsonl_arguments(command)
    diff = sub.add_parser(
        "diff",
        parents=[common],
        help="show every proposed correction as a diff",
        description="Show every proposed correction, with its rule and reason.",
    )
    diff.add_argument(
        "--format",
        choices=("terminal", "unified", "html", "json"),
        default=None,
        help="terminal (word-level, default on a terminal), unified (default when piped), html, json",
    )
    diff.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    diff.add_argument("--safe-only", action="store_true", help="only fixes that `fix` would apply")
    review = sub.add_parser(
        "review",
        parents=[common],
        help="open the review page: accept or reject each correction in the browser",
        description="Write the review page (as `diff --format html`) to a temporary file and open it in the browser.",
    )
    review.add_argument("--no-open", action="store_true", help="only write the page and print its path")
    review.add_argument("--safe-only", action="store_true", help="only fixes that `fix` would apply")
    rules = sub.add_parser("rules", help="the rule catalogue", description="What each rule flags, why, and its fix.")
    rules.add_argument("code", nargs="?", help="a rule code, prefix, name or category")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    lt_cmd = sub.add_parser(
        "languagetool",
        help="install, start, stop or query the local LanguageTool server",
        description="Manage the local LanguageTool server (see `cleanup languagetool --help`).",
        add_help=False,
    )
    lt_cmd.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _add_jsonl_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("JSON Lines records (instead of PATHs)")
    g.add_argument("--jsonl", metavar="IN", help="read records from IN ('-': stdin; .gz and .zst by suffix)")
    g.add_argument("--text-field", default="text", metavar="F", help="the key of the text (default: text)")
    g.add_argument("--id-field", default="id", metavar="F", help="the key of the record id (default: id)")
    g.add_argument("--source-field", metavar="F", help="the key of the source text the record translates")
    g.add_argument("--source-lang-field", metavar="F", help="the key of the source language (ja) or pair (ja-en)")


def _jobs(value: str) -> int:
    """``--jobs``: a whole number, 0 or more."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, not {n}")
    return n


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


# -- per-file configuration ----------------------------------------------------------


@dataclass
class _Setup:
    """Resolves configuration per file and keeps one Checker per configuration."""

    args: argparse.Namespace
    checkers: dict[str | None, Checker] = field(default_factory=dict)
    configs: dict[str | None, Config] = field(default_factory=dict)
    _source: list[str] = field(default_factory=list)

    def config_for(self, path: str) -> tuple[str | None, Config]:
        a = self.args
        if a.config:
            source: str | None = a.config
        elif path == "-":
            source = (
                str(find_config(Path(a.stdin_filename or ".").parent))
                if find_config(Path(a.stdin_filename or "."))
                else None
            )
        else:
            found = find_config(Path(path))
            source = str(found) if found else None
        if source not in self.configs:
            base = Config(use_languagetool=True)
            config = load_config(Path(source), base) if source else base
            select, ignore = _split(a.select), _split(a.ignore)
            check_selectors(select or (), "--select")
            check_selectors(ignore or (), "--ignore")
            lt = dict(config.languagetool)
            if a.require_languagetool:
                lt["required"] = True
            config = dataclasses.replace(
                config,
                select=select if select is not None else config.select,
                ignore=config.ignore + (ignore or ()),
                exclude=config.exclude + tuple(a.exclude),
                use_languagetool=(config.use_languagetool or a.require_languagetool) and not a.no_languagetool,
                languagetool=lt,
                unsafe_fixes=bool(getattr(a, "unsafe_fixes", False)) or config.unsafe_fixes,
            )
            if config.use_languagetool:
                config = _prepare_languagetool(config)
            self.configs[source] = config
        return source, self.configs[source]

    def checker_for(self, path: str) -> Checker:
        source, config = self.config_for(path)
        if source not in self.checkers:
            try:
                self.checkers[source] = Checker(config)
            except ConfigError as e:
                raise ConfigError(f"{source}: {e}" if source else str(e)) from None
        return self.checkers[source]

    def prepare(self, paths: Sequence[str]) -> None:
        """Build every configuration's Checker before any file is read: a bad configuration stops the run."""
        for path in paths:
            with contextlib.suppress(OSError, RuntimeError):  # reported for that file when it is processed
                self.checker_for(path)

    def source(self) -> tuple[str | None, str | None]:
        """The text of ``--source`` (read once) and ``--source-lang``; None, None without them."""
        if not getattr(self.args, "source", None):
            return None, None
        if not self._source:
            self._source.append(read_source(self.args.source, self.args.encoding).text)
        return self._source[0], self.args.source_lang

    def markup_for(self, path: str) -> Markup:
        m = self.args.markup
        if m != "auto":
            return m  # type: ignore[no-any-return]
        return markup_for(self.args.stdin_filename or path if path == "-" else path)


# -- running over files -----------------------------------------------------------------


@dataclass
class _Outcome:
    path: str
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    result: FixResult | None = None
    error: str | None = None
    notice: str | None = None
    changed: bool = False
    raw: bytes = b""  # standard input as read, passed through by ``fix -`` when it cannot be fixed
    review: Article | None = None


def _work(setup: _Setup, path: str, mode: str) -> _Outcome:
    """Check, fix or diff one file; errors become an outcome, never an exception."""
    out = _Outcome(path)
    try:
        checker = setup.checker_for(path)
        markup = setup.markup_for(path)
        display = setup.args.stdin_filename or path if path == "-" else path
        src, src_lang = setup.source()
        if mode == "fix" and path != "-" and not setup.args.diff:

            def transform(source: SourceFile) -> str | None:
                out.text = source.text
                out.result = checker.fix(source.text, path=display, markup=markup, source=src, source_lang=src_lang)
                return out.result.text

            out.changed = rewrite_atomically(path, transform, setup.args.encoding, setup.args.force)
            return out
        data = read_bytes(path)
        if path == "-":
            out.raw = data
        source = decode(data, path, setup.args.encoding)
        out.text = source.text
        if mode == "check":
            out.findings = checker.check(source.text, path=display, markup=markup, source=src, source_lang=src_lang)
        elif mode == "fix":
            out.result = checker.fix(source.text, path=display, markup=markup, source=src, source_lang=src_lang)
        elif mode == "review":
            out.review = review_article(
                display,
                source.text,
                lambda t: checker.check(t, path=display, markup=markup, source=src, source_lang=src_lang),
                setup.args.safe_only,
            )
            out.changed = bool(out.review.changes)
        else:
            floor = Applicability.SAFE if setup.args.safe_only else Applicability.DISPLAY_ONLY
            out.result, out.findings = _fix_with_floor(checker, source.text, display, markup, floor, (src, src_lang))
        if out.result is not None:
            out.changed = out.result.text != source.text
    except BinaryFileError as e:
        out.notice = str(e)
    except (InputError, ConfigError) as e:
        out.error = str(e)
    except ConvergenceError as e:
        out.error = f"{path}: {e}"
    except RecursionError:
        out.error = f"{path}: input too deeply nested to process"
    except _grammar_unavailable() as e:  # --require-languagetool and the server failed on this file
        out.error = f"{path}: {e}"
    except OSError as e:
        where = f" ({e.filename})" if e.filename and str(e.filename) != path else ""
        out.error = f"{path}: {e.strerror or e}{where}"
    except Exception as e:  # a bug in a rule must not stop the run; the file is left unchanged
        out.error = f"{path}: internal error ({type(e).__name__}: {e}); file left unchanged, please report it"
    return out


def _prepare_languagetool(config: Config) -> Config:
    """Find or start the server once, in this process, before any worker starts."""
    try:
        from cleanup.languagetool import prepare
    except ImportError as e:  # pragma: no cover - a broken install
        print(f"cleanup: grammar checking is off: LanguageTool support cannot load ({e})", file=sys.stderr)
        return dataclasses.replace(config, use_languagetool=False)
    return prepare(config)


def _fix_with_floor(
    checker: Checker,
    text: str,
    path: str,
    markup: Markup,
    floor: Applicability,
    given: tuple[str | None, str | None] = (None, None),
) -> tuple[FixResult, list[Finding]]:
    """What ``diff`` shows: every proposal, or only the safe fixes with ``--safe-only``; and the
    findings on ``text`` itself (the first pass's, not checked twice)."""
    from cleanup.fixer import fix_to_fixed_point, propose

    checked: dict[str, list[Finding]] = {}

    def check(t: str) -> list[Finding]:
        if t not in checked:
            checked[t] = checker.check(t, path=path, markup=markup, source=given[0], source_lang=given[1])
        return checked[t]

    result = propose(text, check) if floor == Applicability.DISPLAY_ONLY else fix_to_fixed_point(text, check, floor)
    return result, check(text)


def _worker(args: argparse.Namespace, path: str, mode: str) -> _Outcome:
    return _work(_worker_setup(args), path, mode)


_WORKER_SETUP: _Setup | None = None


def _worker_setup(args: argparse.Namespace) -> _Setup:
    global _WORKER_SETUP  # one per worker process: reused for every file it gets
    if _WORKER_SETUP is None:
        _WORKER_SETUP = _Setup(args)
    return _WORKER_SETUP


def _run(setup: _Setup, paths: Sequence[str], mode: str) -> Iterator[_Outcome]:
    jobs = 1 if setup.args.jobs is None else setup.args.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) < 2:
        for p in paths:
            yield _work(setup, p, mode)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        yield from pool.map(_worker, [setup.args] * len(paths), paths, [mode] * len(paths), chunksize=4)
    except BaseException:  # Ctrl-C: workers finish the files in hand (atomically); the rest never start
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _ignore_sigint() -> None:
    """In workers: Ctrl-C and SIGTERM are the parent's to handle, so no worker dies in the middle of a
    file; a worker whose parent dies (even by SIGKILL) is sent SIGTERM and ends (Linux)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the pool stops, files in hand are finished whole."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _expand(setup: _Setup, err: _Err) -> list[str]:
    paths: list[str] = []
    exclude = tuple(setup.args.exclude)
    if not setup.args.config and setup.args.paths:
        try:
            _, config = setup.config_for(setup.args.paths[0])
            exclude += config.exclude
        except (ConfigError, OSError, RuntimeError):  # a bad first path is reported by iter_paths below
            pass
    for path, error in iter_paths(setup.args.paths, exclude):
        if error is not None:
            err(str(error), error=True)
        else:
            paths.append(path)
    return paths


class _Err:
    """Writes notices and errors to stderr; remembers whether an error happened."""

    def __init__(self) -> None:
        self.failed = False

    def __call__(self, message: str, error: bool = False) -> None:
        self.failed = self.failed or error
        print(f"cleanup: {'error: ' if error else ''}{message}", file=sys.stderr)


def _color(args: argparse.Namespace, stream: object) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


# -- commands --------------------------------------------------------------------------


def _spelling_notice(args: argparse.Namespace, err: _Err) -> None:
    """Say once when the spelling lexicon is missing: the name rules then use word frequency alone."""
    from cleanup.analysis import spelling

    if not args.quiet and not spelling.available():
        err(spelling.status())


def _cmd_check(args: argparse.Namespace) -> int:
    from cleanup.reports import FileReport, render

    if args.jsonl is not None or args.format == "jsonl":
        return _cmd_jsonl(args, "check")
    err = _Err()
    _spelling_notice(args, err)
    setup = _Setup(args)
    paths = _expand(setup, err)
    setup.prepare(paths)
    reports: list[FileReport] = []
    progress = Progress(total=len(paths), unit="file", quiet=args.quiet)
    for out in _run(setup, paths, "check"):
        progress.update(1)
        if out.notice:
            err(out.notice)
        if out.error:
            err(out.error, error=True)
            continue
        if out.notice:
            continue
        name = args.stdin_filename or out.path if out.path == "-" else out.path
        reports.append(FileReport(name, Document(out.text), out.findings))
    progress.close()
    sys.stdout.write(render(args.format, reports, _color(args, sys.stdout)))
    if args.format == "text" and not args.quiet:
        n = sum(len(r.findings) for r in reports)
        print(
            f"Found {n} finding{'s' if n != 1 else ''} in {len(reports)} file{'s' if len(reports) != 1 else ''}.",
            file=sys.stderr,
        )
    if err.failed:
        return EXIT_ERROR
    failing = any(_RANK[f.severity] >= _FAIL_LEVELS[args.fail_on] for r in reports for f in r.findings)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _cmd_fix(args: argparse.Namespace) -> int:
    from cleanup.diffs import render_unified

    if args.jsonl is not None or args.output:
        return _cmd_jsonl(args, "fix")
    err = _Err()
    _spelling_notice(args, err)
    setup = _Setup(args)
    paths = _expand(setup, err)
    setup.prepare(paths)
    floor = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    applied: list[Finding] = []
    remaining: list[Finding] = []
    changed = 0
    progress = Progress(total=len(paths), unit="file", quiet=args.quiet)
    for out in _run(setup, paths, "fix"):
        progress.update(1)
        if out.path == "-" and not args.diff and (out.notice or out.error or out.result is None):
            _pass_through(out.raw)  # a pipe never loses the text it could not fix
        if out.notice:
            err(out.notice)
            continue
        if out.error or out.result is None:
            err(out.error or f"{out.path}: not processed", error=True)
            continue
        applied.extend(out.result.applied)
        remaining.extend(out.result.remaining)
        changed += out.changed
        if args.diff:
            sys.stdout.write(_shown(sys.stdout, render_unified(_display(args, out.path), out.text, out.result.text)))
        elif out.path == "-":
            sys.stdout.write(out.result.text)
    progress.close()
    if not args.quiet:
        total = FixResult("", tuple(applied), tuple(remaining), 0)
        verb = "would change" if args.diff else "changed"
        print(f"{summarize(total, floor)} ({verb} {changed} file{'s' if changed != 1 else ''})", file=sys.stderr)
    if err.failed:
        return EXIT_ERROR
    failing = any(_RANK[f.severity] >= _FAIL_LEVELS[args.fail_on] for f in remaining)
    return EXIT_FINDINGS if changed or failing else EXIT_CLEAN


def _cmd_jsonl(args: argparse.Namespace, mode: Literal["check", "fix"]) -> int:
    from cleanup import jsonl
    from cleanup.streams import CompressionUnavailableError

    usage = _jsonl_usage(args, mode)
    if usage:
        print(f"cleanup {mode}: error: {usage}", file=sys.stderr)
        return EXIT_ERROR
    setup = _Setup(args)
    setup.checker_for(args.jsonl)  # a bad configuration stops the run before any record is read
    _, config = setup.config_for(args.jsonl)
    fields = jsonl.Fields(args.text_field, args.id_field, args.source_field, args.source_lang_field)
    markup: Markup = "text" if args.markup == "auto" else args.markup
    job = jsonl.Job(mode, fields, config, markup, bool(getattr(args, "unsafe_fixes", False)) or config.unsafe_fixes,
                    Severity(args.fail_on))  # fmt: skip
    output = getattr(args, "output", None) or "-"
    try:
        s = jsonl.run(job, args.jsonl, output, jobs=0 if args.jobs is None else args.jobs, quiet=args.quiet)
    except (OSError, CompressionUnavailableError) as e:
        where = f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.filename and e.strerror else str(e)
        print(f"cleanup: error: {where}", file=sys.stderr)
        return EXIT_ERROR
    if not args.quiet:
        what = f"changed {s.changed} of {s.records}" if mode == "fix" else f"{s.findings} findings in {s.records}"
        skipped = f"; {s.errors} malformed skipped" if s.errors else ""
        print(f"cleanup: {what} record{'s' if s.records != 1 else ''}{skipped}", file=sys.stderr)
    if s.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if s.failing and not getattr(args, "exit_zero", False) else EXIT_CLEAN


def _jsonl_usage(args: argparse.Namespace, mode: str) -> str | None:
    if args.jsonl is None:
        return "--format jsonl needs --jsonl IN" if mode == "check" else "-o needs --jsonl IN"
    if args.paths:
        return "give either PATHs or --jsonl, not both"
    if getattr(args, "source", None):
        return "--source is for one file; records name their source with --source-field"
    if mode == "check" and args.format not in ("text", "jsonl"):
        return "--jsonl writes --format jsonl"
    if mode == "fix" and args.diff:
        return "--diff does not apply to --jsonl"
    return None


def _shown(stream: object, text: str) -> str:
    """A unified diff as written: raw for a pipe or file (a patch), control characters escaped on a terminal."""
    if getattr(stream, "isatty", lambda: False)():
        from cleanup.terminal import escape_controls

        return escape_controls(text)
    return text


def _display(args: argparse.Namespace, path: str) -> str:
    return str(args.stdin_filename or path) if path == "-" else path


def _pass_through(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _cmd_diff(args: argparse.Namespace) -> int:
    import io

    from cleanup.diffs import changes, render_json, render_terminal, render_unified
    from cleanup.review import render_page

    err = _Err()
    setup = _Setup(args)
    paths = _expand(setup, err)
    setup.prepare(paths)
    if args.output and (problem := _output_problem(args.output, paths)):
        err(problem, error=True)
        return EXIT_ERROR
    stream = io.StringIO() if args.output else sys.stdout  # written to the file at the end, atomically
    fmt = args.format or ("terminal" if getattr(stream, "isatty", lambda: False)() else "unified")
    color = _color(args, stream) and fmt == "terminal"
    collected: list[tuple[str, str, list]] = []  # type: ignore[type-arg]
    reviews: list[Article] = []
    any_change = False
    for out in _run(setup, paths, "review" if fmt == "html" else "diff"):
        if out.notice:
            err(out.notice)
            continue
        if out.error or (out.result is None and out.review is None):
            err(out.error or f"{out.path}: not processed", error=True)
            continue
        name = args.stdin_filename or out.path if out.path == "-" else out.path
        any_change = any_change or out.changed
        if out.review is not None:
            reviews.append(out.review)
            continue
        assert out.result is not None
        if fmt == "unified":
            stream.write(_shown(stream, render_unified(name, out.text, out.result.text)))
            continue
        found = changes(out.text, out.result.text, out.findings)
        if fmt == "terminal":
            stream.write(render_terminal(name, out.text, found, color))
        else:
            collected.append((name, out.text, found))
    if fmt == "html":
        stream.write(render_page(reviews))
    elif fmt == "json":
        stream.write(render_json([(p, c) for p, _, c in collected]))
    if args.output and isinstance(stream, io.StringIO):
        try:
            write_atomically(args.output, stream.getvalue().encode("utf-8"))
        except OSError as e:
            err(f"{args.output}: cannot write the report: {e.strerror or e}", error=True)
    if err.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if any_change else EXIT_CLEAN


def _output_problem(output: str, inputs: Sequence[str]) -> str | None:
    """Why the report cannot go to ``output``: it is an input, or its directory is missing."""
    for path in inputs:
        if path != "-" and same_file(output, path):
            return f"{output}: the report would overwrite an input; choose another --output"
    directory = Path(output).absolute().parent
    if not directory.is_dir():
        return f"{output}: cannot write the report: no such directory {directory}"
    if Path(output).is_dir():
        return f"{output}: cannot write the report: is a directory"
    return None


def _cmd_review(args: argparse.Namespace) -> int:
    """``diff --format html`` into a temporary file, opened in the default browser."""
    import tempfile
    import webbrowser

    fd, page = tempfile.mkstemp(prefix="cleanup-review-", suffix=".html")
    os.close(fd)
    args.format, args.output = "html", page
    code = _cmd_diff(args)
    if code == EXIT_ERROR:  # the errors are on stderr; a page missing some files is not opened
        Path(page).unlink(missing_ok=True)
        return code
    print(page)
    if not args.no_open and not webbrowser.open(Path(page).as_uri()):
        print("cleanup: no browser found; open the page above yourself", file=sys.stderr)
    return code


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    from cleanup.catalogue import describe, entries

    found = entries(args.code)
    if not found:
        print(f"cleanup: error: no rule matches {args.code!r}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        print(json.dumps([e.as_json() for e in found], ensure_ascii=False, indent=1))
    else:
        print(describe(found, full=bool(args.code)))
    return EXIT_CLEAN


def _cmd_languagetool(args: argparse.Namespace) -> int:
    return _languagetool(list(args.args))


def _languagetool(argv: list[str]) -> int:
    try:
        from cleanup.languagetool.server import main as lt_main
    except ImportError as e:
        print(f"cleanup: error: LanguageTool support is not available: {e}", file=sys.stderr)
        return EXIT_ERROR
    return lt_main(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    clear_caches()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["languagetool"]:  # its own parser: options may come before the action
        return _languagetool(argv[1:])
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) if isinstance(e.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    if args.command in ("check", "fix", "diff", "review") and not args.paths and getattr(args, "jsonl", None) is None:
        print(f"cleanup {args.command}: error: no PATH given (use '-' for standard input)", file=sys.stderr)
        return EXIT_ERROR
    if args.command in ("check", "fix", "diff", "review") and args.source and len(args.paths) != 1:
        print(f"cleanup {args.command}: error: --source takes exactly one PATH (its translation)", file=sys.stderr)
        return EXIT_ERROR
    commands = {"check": _cmd_check, "fix": _cmd_fix, "diff": _cmd_diff, "review": _cmd_review, "rules": _cmd_rules,
                "languagetool": _cmd_languagetool}  # fmt: skip
    try:
        with _sigterm_as_interrupt():
            return commands[args.command](args)
    except ConfigError as e:
        print(f"cleanup: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as e:
        print("cleanup: interrupted; files already written are complete, the rest untouched", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(e, _Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CLEAN
    except _grammar_unavailable() as e:
        print(f"cleanup: error: {e}", file=sys.stderr)
        return EXIT_ERROR


def _grammar_unavailable() -> type[Exception]:
    try:
        from cleanup.languagetool import LanguageToolUnavailable
    except ImportError:
        return _NeverRaisedError
    return LanguageToolUnavailable


class _NeverRaisedError(Exception):
    pass


if __name__ == "__main__":
    sys.exit(main())
