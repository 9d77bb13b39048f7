"""Markup parsers: which characters are prose, where blocks and link anchors lie.

Each parser returns ``(prose, blocks, anchors)``: sorted disjoint prose spans,
blocks in document order, and link anchor spans. Plain text is all prose.
Markdown goes through markdown-it-py (block positions from its line maps,
inline positions by aligning its tokens with the source); HTML through the
standard library's ``html.parser``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import regex
from markdown_it import MarkdownIt

from cleanup.spans import Block, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["parse_html", "parse_markdown", "parse_text"]

Parsed = tuple[list["Span"], list["Block"], list["Span"]]

#: The characters ``regex`` matches with ``\s`` (Unicode White_Space), for stdlib ``re`` patterns:
#: ``re``'s ``\s`` also takes U+001C to U+001F. ``re`` scans a class of literal characters fast.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PARAGRAPH_BREAK = re.compile(f"\\n[ \\t\\r]*+\\n[{WHITE_SPACE}]*+|\\r[ \\t]*+\\r[{WHITE_SPACE}]*+")
_BULLET = regex.compile(r"[ \t]*+(?:[-*+•·▪◦‣●]|\d{1,3}[.)])[ \t]++(?=\S)")
_LINE = re.compile(r"[^\r\n]*+(?:\r\n|\r|\n)?+")
_TERMINAL = frozenset('.!?:;…”’"),')
_NO_BULLET = frozenset(map(chr, range(128))) - frozenset(" \t-*+0123456789")  # ASCII that starts no bullet


def parse_text(text: str) -> Parsed:
    """Plain text: all prose; blocks split at blank lines and list bullets.

    A one-line block without closing punctuation and of at most twelve words
    is a heading (titles, captions, datelines).

    >>> text = "Title here\\n\\n- one item\\n- two.\\n\\nBody text."
    >>> prose, blocks, anchors = parse_text(text)
    >>> [(text[b.start:b.end], b.kind) for b in blocks]  # doctest: +NORMALIZE_WHITESPACE
    [('Title here', 'heading'), ('one item', 'list_item'), ('two.', 'list_item'),
     ('Body text.', 'paragraph')]
    """

    prose = [Span(0, len(text))] if text else []
    blocks: list[Block] = []
    start = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        if end > start:
            blocks.extend(_text_blocks(text, start, end, Block))
        if m:
            start = m.end()
    return prose, blocks, []


def _text_blocks(text: str, start: int, end: int, block: type[Block]) -> list[Block]:
    """Split one blank-line-separated chunk into list items and paragraphs."""
    out: list[Block] = []
    current: list[int] = []  # [start, end, is_item]
    lines: Iterable[tuple[int, int]]
    if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
        lines = ((start, end),)  # one line, the common case: no line scan
    else:
        lines = (m.span() for m in _LINE.finditer(text, start, end))
    for line_start, line_end in lines:
        if line_start == line_end:
            break
        content_end = line_end
        while content_end > line_start and text[content_end - 1] in "\r\n \t":
            content_end -= 1
        # only a line starting with a blank, a bullet mark or a digit can hold a bullet: the pattern
        # is tried on every other line that starts with a non-ASCII character (a Unicode digit)
        first = text[line_start]
        bullet = _BULLET.match(text, line_start, content_end) if first not in _NO_BULLET else None
        content_start = bullet.end() if bullet else line_start
        while content_start < content_end and text[content_start] in " \t":
            content_start += 1
        if content_start >= content_end:
            continue
        if bullet or not current:
            if current:
                out.append(_make_block(text, current, block))
            current = [content_start, content_end, int(bool(bullet))]
        else:
            current[1] = content_end
    if current:
        out.append(_make_block(text, current, block))
    return out


def _make_block(text: str, current: list[int], block: type[Block]) -> Block:
    start, end, is_item = current
    if is_item:
        kind = "list_item"
    elif text[end - 1] not in _TERMINAL and text.find("\n", start, end) < 0 and len(text[start:end].split()) <= 12:
        kind = "heading"
    else:
        kind = "paragraph"
    return block(start, end, kind)


# -- Markdown ---------------------------------------------------------------

_FRONT_MATTER = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
# ``text_join`` would merge entities and escapes into the text around them, and the merged text
# is not in the source: without it each stays a ``text_special`` token, found by its markup.
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
_KIND_OF_OPEN = {
    "heading_open": "heading",
    "list_item_open": "list_item",
    "blockquote_open": "quote",
    "th_open": "table",
    "td_open": "table",
}


def parse_markdown(text: str) -> Parsed:
    """Markdown: prose is the text of inline tokens; code, link targets, HTML and front matter are not.

    >>> src = "# Title\\n\\nSee [the report](https://x.org/a) and `code`."
    >>> prose, blocks, anchors = parse_markdown(src)
    >>> [src[a.start:a.end] for a in anchors]
    ['the report']
    >>> [(src[b.start:b.end], b.kind) for b in blocks]
    [('Title', 'heading'), ('See [the report](https://x.org/a) and `code`.', 'paragraph')]
    """

    source = text
    fm = _FRONT_MATTER.match(text)
    if fm:  # keep line numbers: blank the front matter for the parser
        text = "".join("\n" if c == "\n" else " " for c in fm.group()) + text[fm.end() :]
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]

    def offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(text)

    prose: list[Span] = []
    blocks: list[Block] = []
    anchors: list[Span] = []
    kinds: list[str] = []
    for token in _MD.parse(text):
        if token.nesting == 1:
            kinds.append(_KIND_OF_OPEN.get(token.type, ""))
        elif token.nesting == -1:
            kinds.pop()
        elif token.type == "inline" and token.map:
            spans, links = _align_inline(source, token.children or [], offset(token.map[0]), offset(token.map[1]))
            if spans:
                prose.extend(spans)
                anchors.extend(links)
                kind = next((k for k in reversed(kinds) if k), "paragraph")
                blocks.append(Block(spans[0].start, spans[-1].end, kind))
    return prose, blocks, anchors


def _align_inline(src: str, children: list[Token], lo: int, hi: int) -> tuple[list[Span], list[Span]]:
    """Find each inline child in ``src[lo:hi]``; text children and escaped characters are prose.

    Entities (``&amp;``), inline HTML, code, autolinks and image syntax are not prose.
    """

    spans: list[Span] = []
    anchors: list[Span] = []
    cursor = lo
    anchor_start: int | None = None
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "text" and not in_autolink:
            if not child.content:
                continue
            pos = src.find(child.content, cursor, hi)
            if pos < 0:
                continue
            spans.append(Span(pos, pos + len(child.content)))
            cursor = pos + len(child.content)
            if anchor_start is None and _open_link(anchors):
                anchor_start = pos
        elif kind == "text_special" and not in_autolink:
            pos = src.find(child.markup, cursor, hi)
            if pos < 0:
                continue
            cursor = pos + len(child.markup)
            if child.info == "escape":  # "\\*": the escaped character itself is prose, the backslash is not
                spans.append(Span(cursor - len(child.content), cursor))
                if anchor_start is None and _open_link(anchors):
                    anchor_start = cursor - len(child.content)
        elif kind == "link_open":
            in_autolink = child.markup == "autolink"
            anchors.append(Span(-1, -1))  # placeholder until link_close
            anchor_start = None
        elif kind == "link_close":
            if in_autolink:
                close = src.find(">", cursor, hi)
                cursor = close + 1 if close >= 0 else cursor
                anchors.pop()
            else:
                anchors.pop()
                if anchor_start is not None and spans:
                    anchors.append(Span(anchor_start, spans[-1].end))
                cursor = _skip_link_target(src, cursor, hi)
            in_autolink = False
            anchor_start = None
        elif kind in ("code_inline", "html_inline"):
            needle = child.content if kind == "html_inline" else child.markup
            pos = src.find(needle, cursor, hi)
            if pos >= 0:
                cursor = pos + len(needle)
                if kind == "code_inline":
                    end = src.find(child.markup, cursor + len(child.content), hi)
                    cursor = end + len(child.markup) if end >= 0 else cursor
        elif kind == "image":
            pos = src.find("![", cursor, hi)
            if pos >= 0:
                cursor = _skip_link_target(src, _matching(src, pos + 1, "[", "]", hi), hi)
    return _join_touching(spans), [a for a in anchors if a.start >= 0]


def _join_touching(spans: list[Span]) -> list[Span]:
    """Merge prose spans that touch (``no`` and an escaped ``*``), so an edit may cross them."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end == span.start:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _open_link(anchors: list[Span]) -> bool:
    return bool(anchors) and anchors[-1].start == -1


def _matching(src: str, pos: int, open_: str, close: str, hi: int) -> int:
    """Index just past the bracket matching ``src[pos]``; ``pos`` if unbalanced."""
    depth = 0
    for i in range(pos, hi):
        c = src[i]
        if c == "\\":
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return i + 1
    return pos


def _skip_link_target(src: str, cursor: int, hi: int) -> int:
    """Move past ``](target)`` or ``][ref]`` after a link's text."""
    close = src.find("]", cursor, hi)
    if close < 0:
        return cursor
    after = close + 1
    if after < hi and src[after] == "(":
        return _matching(src, after, "(", ")", hi) or after
    if after < hi and src[after] == "[":
        return _matching(src, after, "[", "]", hi) or after
    return after


# -- HTML -------------------------------------------------------------------

_HTML_BLOCKS = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph",
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "blockquote": "quote", "figcaption": "heading", "caption": "heading",
    "td": "table", "th": "table", "tr": "table", "table": "table",
    "ul": "paragraph", "ol": "paragraph", "body": "paragraph", "header": "paragraph", "footer": "paragraph",
    "br": "paragraph", "hr": "paragraph", "pre": "paragraph", "figure": "paragraph",
}  # fmt: skip
_NOT_PROSE = frozenset({"script", "style", "head", "title", "code", "pre", "svg", "noscript", "template"})


class _HTMLProse(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = text
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.prose: list[tuple[int, int]] = []
        self.blocks: list[tuple[int, int, str]] = []
        self.anchors: list[tuple[int, int]] = []
        self.hidden = 0
        self.kind = ["paragraph"]
        self.block_first: int | None = None
        self.anchor_from: int | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close_block(self) -> None:
        if self.block_first is not None and self.prose:
            start, end = self.block_first, self.prose[-1][1]
            while end > start and self.src[end - 1].isspace():
                end -= 1
            while start < end and self.src[start].isspace():
                start += 1
            if end > start:
                self.blocks.append((start, end, self.kind[-1]))
        self.block_first = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_PROSE:
            self.hidden += 1
        if tag in _HTML_BLOCKS:
            self._close_block()
            if tag not in ("br", "hr"):
                self.kind.append(_HTML_BLOCKS[tag])
        if tag == "a":
            self.anchor_from = len(self.prose)

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_PROSE and self.hidden:
            self.hidden -= 1
        if tag in _HTML_BLOCKS and tag not in ("br", "hr"):
            self._close_block()
            if len(self.kind) > 1:
                self.kind.pop()
        if tag == "a" and self.anchor_from is not None:
            inside = self.prose[self.anchor_from :]
            if inside:
                self.anchors.append((inside[0][0], inside[-1][1]))
            self.anchor_from = None

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        start = self._offset()
        if self.src.startswith(data, start):
            self.prose.append((start, start + len(data)))
            if self.block_first is None and data.strip():
                self.block_first = start


def parse_html(text: str) -> Parsed:
    """HTML: text nodes outside script, style and code are prose.

    >>> src = "<p>See <a href='/x'>the report</a> now.</p><script>x=1</script>"
    >>> prose, blocks, anchors = parse_html(src)
    >>> [src[a.start:a.end] for a in anchors], [src[b.start:b.end] for b in blocks]
    (['the report'], ["See <a href='/x'>the report</a> now."])
    """

    parser = _HTMLProse(text)
    parser.feed(text)
    parser.close()
    parser._close_block()
    prose = [Span(a, b) for a, b in parser.prose]
    return prose, [Block(*b) for b in parser.blocks], [Span(*a) for a in parser.anchors]
