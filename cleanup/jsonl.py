"""JSON Lines in and out: check or fix one text field per record, streaming, in input order.

``check`` writes one object per record, ``{"id", "findings", "score"}``, with the
finding objects of the JSON contract (offsets into the text field); ``fix``
writes each record with its text fixed and a ``cleanup`` field saying what was
applied. Lines are read in batches and handed to worker processes with a fixed
number of batches in flight, so memory stays flat whatever the input size; a
record that is not a JSON object with a string text field is reported with its
line number and skipped.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cleanup.checker import Checker
from cleanup.document import Document, Markup
from cleanup.fixer import ConvergenceError
from cleanup.model import Config, Finding, Severity
from cleanup.progress import Progress
from cleanup.reports import finding_json, fix_json
from cleanup.scoring import score_document
from cleanup.streams import InputStream, atomic_output

__all__ = ["Fields", "Job", "Outcome", "Summary", "process_line", "run"]

Mode = Literal["check", "fix"]
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_BATCH_RECORDS = 128
_BATCH_BYTES = 512 * 1024
_IN_FLIGHT_PER_JOB = 2


@dataclass(frozen=True, slots=True)
class Fields:
    """Which keys of a record hold the text, its id, its source text and the source language."""

    text: str = "text"
    id: str = "id"
    source: str | None = None
    source_lang: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs: the mode, the fields, the configuration."""

    mode: Mode
    fields: Fields = field(default_factory=Fields)
    config: Config = field(default_factory=Config)
    markup: Markup = "text"
    unsafe: bool = False
    fail_on: Severity = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input line: the output line (None when skipped) or the error, and what it found."""

    line: int
    output: str | None = None
    error: str | None = None
    findings: int = 0
    failing: bool = False
    changed: bool = False


@dataclass(slots=True)
class Summary:
    """Counts over a whole run."""

    records: int = 0
    errors: int = 0
    findings: int = 0
    failing: int = 0
    changed: int = 0


class RecordError(ValueError):
    """A line that is not a usable record."""


def _source_lang(value: object) -> str | None:
    """The source side of a language code or pair: ``ja`` from ``ja`` or ``ja-en``.

    >>> _source_lang("ja-en"), _source_lang("de"), _source_lang(None)
    ('ja', 'de', None)
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError("the source language is not a string")
    return value.split("-", 1)[0].strip().lower() or None


def _parse(raw: bytes, fields: Fields) -> tuple[dict[str, object], str, str | None, str | None]:
    try:
        record = json.loads(raw)
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError
        raise RecordError(f"not valid JSON ({e})") from None
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but {type(record).__name__}")
    text = record.get(fields.text)
    if not isinstance(text, str):
        raise RecordError(f"no {fields.text!r} field" if text is None else f"{fields.text!r} is not a string")
    source = record.get(fields.source) if fields.source else None
    if source is not None and not isinstance(source, str):
        raise RecordError(f"{fields.source!r} is not a string")
    lang = _source_lang(record.get(fields.source_lang)) if fields.source_lang else None
    return record, text, source or None, lang


def process_line(checker: Checker, job: Job, line: int, raw: bytes) -> Outcome:
    """Check or fix the record on one input line; every problem becomes the outcome's error.

    >>> job = Job("check", Fields(text="mt", id="key"))
    >>> out = process_line(Checker(), job, 1, b'{"key": 7, "mt": "It ended.Then it began."}')
    >>> record = json.loads(out.output)
    >>> record["id"], [f["rule"] for f in record["findings"]], 0 <= record["score"] <= 1
    (7, ['SP001'], True)
    >>> process_line(Checker(), job, 2, b'{"key": 8}').error
    "no 'mt' field"
    """
    try:
        record, text, source, lang = _parse(raw, job.fields)
        if job.mode == "check":
            return _check(checker, job, line, record, text, source, lang)
        return _fix(checker, job, line, record, text, source, lang)
    except RecordError as e:
        return Outcome(line, error=str(e))
    except ConvergenceError as e:
        return Outcome(line, error=str(e))
    except RecursionError:
        return Outcome(line, error="input too deeply nested to process")
    except Exception as e:  # a bug in a rule must not stop the run
        return Outcome(line, error=f"internal error ({type(e).__name__}: {e}), please report it")


def _failing(findings: Iterable[Finding], job: Job) -> bool:
    return any(_RANK[f.severity] >= _RANK[job.fail_on] for f in findings)


def _check(
    checker: Checker, job: Job, line: int, record: dict[str, object], text: str, source: str | None, lang: str | None
) -> Outcome:
    doc = Document(text, None, job.markup, source=source, source_lang=lang, abbreviations=checker.config.abbreviations)
    findings = checker.check_document(doc)
    score = score_document(doc, findings, checker=checker)
    out = {"id": record.get(job.fields.id), "findings": [finding_json(f, doc) for f in findings], "score": score}
    return Outcome(line, json.dumps(out, ensure_ascii=False), findings=len(findings), failing=_failing(findings, job))


def _fix(
    checker: Checker, job: Job, line: int, record: dict[str, object], text: str, source: str | None, lang: str | None
) -> Outcome:
    result = checker.fix(text, unsafe=job.unsafe, markup=job.markup, source=source, source_lang=lang)
    record[job.fields.text] = result.text
    record["cleanup"] = fix_json(result)
    changed = result.text != text
    failing = changed or _failing(result.remaining, job)
    return Outcome(
        line, json.dumps(record, ensure_ascii=False), findings=len(result.remaining), failing=failing, changed=changed
    )


# -- workers -----------------------------------------------------------------------------

_WORKER: tuple[Checker, Job] | None = None


def _init_worker(job: Job) -> None:
    """In each worker: one Checker, built once; signals are the parent's to handle."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _WORKER = (Checker(job.config), job)


def _run_batch(first: int, lines: Sequence[bytes]) -> list[Outcome]:
    assert _WORKER is not None
    checker, job = _WORKER
    return [process_line(checker, job, first + i, raw) for i, raw in enumerate(lines) if raw.strip()]


@dataclass(frozen=True, slots=True)
class _Batch:
    first: int
    lines: list[bytes]
    consumed: int  # raw input bytes read up to the end of this batch


def _batches(stream: InputStream) -> Iterator[_Batch]:
    lines: list[bytes] = []
    size, first, n = 0, 1, 0
    for n, raw in enumerate(stream, start=1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        lines.append(raw)
        size += len(raw)
        if len(lines) >= _BATCH_RECORDS or size >= _BATCH_BYTES:
            yield _Batch(first, lines, stream.position())
            lines, size, first = [], 0, n + 1
    if lines:
        yield _Batch(first, lines, stream.position())


def _ordered(job: Job, batches: Iterable[_Batch], jobs: int) -> Iterator[tuple[_Batch, list[Outcome]]]:
    """Each batch's outcomes, in input order, with at most ``jobs * 2`` batches in flight."""
    if jobs <= 1:
        _init_worker_local(job)
        for b in batches:
            yield b, _run_batch(b.first, b.lines)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(job,))
    pending: deque[tuple[_Batch, Future[list[Outcome]]]] = deque()
    try:
        for b in batches:
            pending.append((b, pool.submit(_run_batch, b.first, b.lines)))
            if len(pending) >= jobs * _IN_FLIGHT_PER_JOB:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    except BaseException:  # interrupted: batches in hand finish, queued ones never start
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _init_worker_local(job: Job) -> None:
    global _WORKER
    if _WORKER is None or _WORKER[1] != job:
        _WORKER = (Checker(job.config), job)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(
    job: Job,
    path: str,
    output: str = "-",
    *,
    jobs: int = 0,
    quiet: bool = False,
    report: Callable[[str], None] | None = None,
) -> Summary:
    """Process the records of ``path`` into ``output`` (``-``: stdin/stdout); ``jobs`` 0 = one per core.

    Problems with single records go to ``report`` (default: stderr) as ``PATH:LINE: why``.
    SIGTERM stops the run like Ctrl-C (``KeyboardInterrupt``): a file output is then not
    written at all.
    """
    say = report or (lambda message: print(f"cleanup: error: {message}", file=sys.stderr))
    jobs = jobs or os.cpu_count() or 1
    summary = Summary()
    on_main = _main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if on_main else None
    try:
        with InputStream(path) as stream, atomic_output(output) as out:
            progress = Progress(total=stream.size, unit="B", quiet=quiet, desc=Path(path).name)
            seen = 0
            try:
                for batch, outcomes in _ordered(job, _batches(stream), jobs):
                    for o in outcomes:
                        if o.error is not None:
                            summary.errors += 1
                            say(f"{path}:{o.line}: {o.error}")
                            continue
                        assert o.output is not None
                        out.write(o.output.encode("utf-8") + b"\n")
                        summary.records += 1
                        summary.findings += o.findings
                        summary.failing += o.failing
                        summary.changed += o.changed
                    progress.update(max(0, batch.consumed - seen), records=len(outcomes))
                    seen = max(seen, batch.consumed)
            finally:
                progress.close()
    finally:
        if on_main:
            signal.signal(signal.SIGTERM, previous)
    return summary


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
