//! The kept blocks as Markdown (GitHub's flavour) or as minimal, safe HTML.
//!
//! What the text cleaner kept of each block ([`super::render::kept_ranges`])
//! and the block's [`Rich`] markup build a small document tree: headings,
//! paragraphs, code, lists, quotes and tables, holding inline emphasis,
//! code, links, images and line breaks. Either writer walks the tree. URLs
//! are resolved against the page's address ([`Base`]); a link or image of
//! any scheme but `http`, `https` (and, for links, `mailto` and `tel`)
//! is left out, so no `javascript:` URL can come through.

use std::ops::Range;

use url::Url;

use super::blocks::{Block, BlockKind, Container, Image, Mark, MarkKind, Rich};
use crate::config::{Format, Include};

/// The address a page's relative URLs are resolved against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Base(Option<Url>);

impl Base {
    /// The page's `<base href>` (resolved against the others), else the
    /// address the caller gave, else the page's canonical one: the first
    /// that is an absolute `http` or `https` URL.
    pub fn new(base_href: Option<&str>, url: Option<&str>, canonical: Option<&str>) -> Base {
        let web = |u: Url| matches!(u.scheme(), "http" | "https").then_some(u);
        let absolute = |u: Option<&str>| u.and_then(|u| Url::parse(u.trim()).ok()).and_then(web);
        let page = absolute(url).or_else(|| absolute(canonical));
        let base = base_href.map(str::trim).and_then(|href| match &page {
            Some(page) => page.join(href).ok().and_then(web),
            None => absolute(Some(href)),
        });
        Base(base.or(page))
    }

    /// `href` resolved; `None` when it is empty or of a scheme not kept.
    /// Without a base, a relative URL stays as written.
    pub fn resolve(&self, href: &str, image: bool) -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        let parsed = match &self.0 {
            Some(base) => base.join(href),
            None => Url::parse(href),
        };
        match parsed {
            Ok(url) => {
                let kept = match url.scheme() {
                    "http" | "https" => true,
                    "mailto" | "tel" => !image,
                    _ => false,
                };
                kept.then(|| url.into())
            }
            // No scheme: nothing a browser would run.
            Err(url::ParseError::RelativeUrlWithoutBase) => Some(href.to_owned()),
            Err(_) => None,
        }
    }
}

/// An inline element of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Inline {
    Text(String),
    /// A line break inside the block (`<br>`, or lines kept apart).
    Break,
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link(String, Vec<Inline>),
    Image {
        src: String,
        alt: String,
    },
}

/// A block of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// The code of the `<pre>` `id`.
    Code {
        id: u32,
        lang: Option<Box<str>>,
        text: String,
    },
    List {
        id: u32,
        ordered: bool,
        start: u32,
        items: Vec<Vec<Node>>,
    },
    Quote(Vec<Node>),
    Table {
        id: u32,
        rows: Vec<Row>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    id: u32,
    cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    header: bool,
    colspan: u16,
    rowspan: u16,
    content: Vec<Inline>,
}

/// What the writers need besides the blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub include: Include,
    pub base: Base,
}

/// Appends the kept part of `blocks` to `out` in `format` (Markdown or
/// HTML; `kept[i]` holds byte ranges of `blocks[i].text`, one per line
/// kept, as [`super::render::kept_ranges`] gives them).
pub fn write(blocks: &[&Block], kept: &[Vec<Range<usize>>], format: Format, output: &Output, out: &mut String) {
    emit(&tree(blocks, kept, output), format, out);
}

/// Appends `title` as a top-level heading in `format`.
pub fn title(title: &str, format: Format, out: &mut String) {
    emit(&[Node::Heading(1, vec![Inline::Text(title.to_owned())])], format, out);
}

/// Writes `text` as one paragraph in `format`.
pub fn paragraph(text: &str, format: Format, out: &mut String) {
    match format {
        Format::Text => out.push_str(text),
        format => emit(&[Node::Paragraph(vec![Inline::Text(text.to_owned())])], format, out),
    }
}

fn emit(nodes: &[Node], format: Format, out: &mut String) {
    match format {
        Format::Html => html_nodes(nodes, out),
        Format::Markdown | Format::Text => markdown_nodes(nodes, "", "", out),
    }
}

/// An open container while the tree is built.
enum Level {
    Quote { id: u32, children: Vec<Node> },
    List { id: u32, ordered: bool, start: u32, items: Vec<Vec<Node>>, item: u32, children: Vec<Node> },
}

impl Level {
    fn matches(&self, container: &Container) -> bool {
        match (self, container) {
            (Level::Quote { id, .. }, Container::Quote(q)) => id == q,
            (Level::List { id, item, .. }, Container::Item { list, item: i, .. }) => id == list && item == i,
            _ => false,
        }
    }

    fn children(&mut self) -> &mut Vec<Node> {
        match self {
            Level::Quote { children, .. } | Level::List { children, .. } => children,
        }
    }

    fn into_node(self) -> Node {
        match self {
            Level::Quote { children, .. } => Node::Quote(children),
            Level::List { id, ordered, start, mut items, children, .. } => {
                if !children.is_empty() {
                    items.push(children);
                }
                Node::List { id, ordered, start, items }
            }
        }
    }
}

/// The document tree of the kept blocks.
fn tree(blocks: &[&Block], kept: &[Vec<Range<usize>>], output: &Output) -> Vec<Node> {
    let mut root: Vec<Node> = Vec::new();
    let mut open: Vec<Level> = Vec::new();
    let none = Rich::default();
    for (block, ranges) in blocks.iter().zip(kept) {
        if ranges.is_empty() {
            continue;
        }
        let rich = block.rich.as_deref().unwrap_or(&none);
        let chain = &rich.containers;
        let same = open.iter().zip(chain).take_while(|(level, c)| level.matches(c)).count();
        while open.len() > same {
            close(&mut open, &mut root);
        }
        for container in &chain[same..] {
            open_level(container, &mut open, &mut root);
        }
        let children = open.last_mut().map_or(&mut root, Level::children);
        if output.include.images && !rich.images_before.is_empty() {
            let images = rich.images_before.iter().filter_map(|image| image_inline(image, output)).collect();
            push_content(children, Node::Paragraph(images));
        }
        if let Some(pre) = rich.pre {
            // A `<pre>`'s own text is kept whole; the text of blocks inside
            // it, as the text cleaner decided.
            let code = match block.kind {
                BlockKind::Preformatted => block.text.clone(),
                _ => ranges.iter().map(|r| &block.text[r.clone()]).collect::<Vec<_>>().join("\n"),
            };
            add_code(children, pre, rich.lang.as_deref(), code);
            continue;
        }
        let content = match block.kind {
            BlockKind::Heading(level) => Node::Heading(level, inline(&block.text, ranges, &rich.marks, output)),
            BlockKind::Cell(row) => {
                let cell = Cell {
                    header: rich.header,
                    colspan: rich.colspan,
                    rowspan: rich.rowspan,
                    content: inline(&block.text, ranges, &rich.marks, output),
                };
                add_cell(children, rich.table, row, cell);
                continue;
            }
            BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Preformatted => {
                Node::Paragraph(inline(&block.text, ranges, &rich.marks, output))
            }
        };
        push_content(children, content);
    }
    while !open.is_empty() {
        close(&mut open, &mut root);
    }
    root
}

/// Content with nothing to show (a link or image left out) is not written.
fn push_content(children: &mut Vec<Node>, node: Node) {
    if !matches!(&node, Node::Paragraph(inlines) | Node::Heading(_, inlines) if inlines.is_empty()) {
        children.push(node);
    }
}

fn close(open: &mut Vec<Level>, root: &mut Vec<Node>) {
    let level = open.pop().expect("a level is open");
    let node = level.into_node();
    let empty = match &node {
        Node::Quote(children) => children.is_empty(),
        Node::List { items, .. } => items.is_empty(),
        _ => false,
    };
    if !empty {
        open.last_mut().map_or(root, Level::children).push(node);
    }
}

/// Opens `container` inside the innermost open level: an item of the list
/// written last there (the item before it, just closed) goes on with that
/// list.
fn open_level(container: &Container, open: &mut Vec<Level>, root: &mut Vec<Node>) {
    let parent = open.last_mut().map_or(root, Level::children);
    let level = match *container {
        Container::Quote(id) => Level::Quote { id, children: Vec::new() },
        Container::Item { list, item, ordered, start } => match parent.last() {
            Some(Node::List { id, .. }) if *id == list => {
                let Some(Node::List { id, ordered, start, items }) = parent.pop() else { unreachable!() };
                Level::List { id, ordered, start, items, item, children: Vec::new() }
            }
            _ => Level::List { id: list, ordered, start, items: Vec::new(), item, children: Vec::new() },
        },
    };
    open.push(level);
}

/// The blocks of one `<pre>` are one code block.
fn add_code(children: &mut Vec<Node>, pre: u32, lang: Option<&str>, text: String) {
    if let Some(Node::Code { id, text: code, .. }) = children.last_mut() {
        if *id == pre {
            code.push('\n');
            code.push_str(&text);
            return;
        }
    }
    children.push(Node::Code { id: pre, lang: lang.map(Into::into), text });
}

fn add_cell(children: &mut Vec<Node>, table: u32, row: u32, cell: Cell) {
    if let Some(Node::Table { id, rows }) = children.last_mut() {
        if *id == table {
            match rows.last_mut() {
                Some(last) if last.id == row => last.cells.push(cell),
                _ => rows.push(Row { id: row, cells: vec![cell] }),
            }
            return;
        }
    }
    children.push(Node::Table { id: table, rows: vec![Row { id: row, cells: vec![cell] }] });
}

fn image_inline(image: &Image, output: &Output) -> Option<Inline> {
    let src = output.base.resolve(&image.src, true)?;
    Some(Inline::Image { src, alt: image.alt.to_string() })
}

/// The inline content of `text`'s kept `ranges` (a break between two).
fn inline(text: &str, ranges: &[Range<usize>], marks: &[Mark], output: &Output) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, range) in ranges.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.extend(segment(text, range.clone(), marks, output));
    }
    // Nothing but breaks is nothing.
    if out.iter().all(|i| *i == Inline::Break) {
        out.clear();
    }
    out
}

/// An inline element being filled.
struct Frame<'m> {
    kind: Option<&'m MarkKind>,
    href: Option<String>,
    end: usize,
    children: Vec<Inline>,
}

/// The inline content of `text[range]`: its marks cut to the range, white
/// space at their ends left outside them.
fn segment(text: &str, range: Range<usize>, marks: &[Mark], output: &Output) -> Vec<Inline> {
    let include = output.include;
    let mut spans: Vec<(usize, usize, &MarkKind)> = marks
        .iter()
        .filter_map(|m| {
            let keep = match &m.kind {
                MarkKind::Emphasis | MarkKind::Strong | MarkKind::Strike | MarkKind::Code => include.formatting,
                MarkKind::Link(_) => include.links,
                MarkKind::Image(_) => include.images,
            };
            let (start, end) = (m.start as usize, m.end as usize);
            if !keep || end < range.start || start > range.end {
                return None;
            }
            let (start, end) = (start.max(range.start), end.min(range.end));
            if let MarkKind::Image(_) = m.kind {
                return Some((start, start, &m.kind));
            }
            let inner = &text[start..end];
            let (start, end) =
                (start + (inner.len() - inner.trim_start().len()), end - (inner.len() - inner.trim_end().len()));
            (start < end).then_some((start, end, &m.kind))
        })
        .collect();
    // In the order they start; for the same start, in the order they
    // opened (an outer element opens before those inside it, an image
    // before an element after it).
    spans.sort_by_key(|&(start, _, _)| start);
    let spans = merge_adjacent(spans);
    let mut stack = vec![Frame { kind: None, href: None, end: range.end, children: Vec::new() }];
    let mut at = range.start;
    let mut code_until = range.start;
    for (start, end, kind) in spans {
        if start < code_until {
            continue; // inside inline code, which is text only
        }
        while stack.len() > 1 && stack.last().is_some_and(|f| f.end <= start) {
            pop_frame(&mut stack, text, &mut at);
        }
        push_text(&mut stack, text, at, start);
        at = start;
        let top = stack.last_mut().expect("the root frame stays");
        match kind {
            MarkKind::Image(image) => top.children.extend(image_inline(image, output)),
            MarkKind::Code => {
                top.children.push(Inline::Code(text[start..end].to_owned()));
                at = end;
                code_until = end;
            }
            // A link that cannot be followed is its text, unlinked.
            MarkKind::Link(href) => {
                if let Some(href) = output.base.resolve(href, false) {
                    stack.push(Frame { kind: Some(kind), href: Some(href), end, children: Vec::new() });
                }
            }
            // Inside emphasis of its kind, emphasis adds nothing (and
            // `****` would read as no emphasis at all).
            _ if stack.iter().any(|f| f.kind == Some(kind)) => {}
            _ => stack.push(Frame { kind: Some(kind), href: None, end, children: Vec::new() }),
        }
    }
    while stack.len() > 1 {
        pop_frame(&mut stack, text, &mut at);
    }
    push_text(&mut stack, text, at, range.end);
    stack.pop().map(|f| f.children).unwrap_or_default()
}

/// Emphasis (or code) right after emphasis of its kind, inside the same
/// element, is one span: `**a****b**` would read as neither.
fn merge_adjacent(spans: Vec<(usize, usize, &MarkKind)>) -> Vec<(usize, usize, &MarkKind)> {
    let mut out: Vec<(usize, usize, &MarkKind)> = Vec::with_capacity(spans.len());
    // Indices into `out` of the spans around the current position.
    let mut open: Vec<usize> = Vec::new();
    for (start, end, kind) in spans {
        // The outermost span that ended here, inside the same element as this one.
        let mut closed = None;
        while let Some(&top) = open.last().filter(|&&top| out[top].1 <= start) {
            closed = Some(top);
            open.pop();
        }
        let mergeable = matches!(kind, MarkKind::Emphasis | MarkKind::Strong | MarkKind::Strike | MarkKind::Code);
        match closed.filter(|&c| mergeable && out[c].1 == start && out[c].2 == kind) {
            Some(c) => {
                out[c].1 = end;
                open.push(c);
            }
            None => {
                open.push(out.len());
                out.push((start, end, kind));
            }
        }
    }
    out
}

fn push_text(stack: &mut [Frame<'_>], text: &str, from: usize, to: usize) {
    if from < to {
        let top = stack.last_mut().expect("the root frame stays");
        match top.children.last_mut() {
            Some(Inline::Text(t)) => t.push_str(&text[from..to]),
            _ => top.children.push(Inline::Text(text[from..to].to_owned())),
        }
    }
}

fn pop_frame(stack: &mut Vec<Frame<'_>>, text: &str, at: &mut usize) {
    let end = stack.last().expect("a frame").end;
    push_text(stack, text, *at, end);
    *at = (*at).max(end);
    let frame = stack.pop().expect("a frame");
    let children = frame.children;
    let node = match frame.kind {
        Some(MarkKind::Emphasis) => Inline::Emphasis(children),
        Some(MarkKind::Strong) => Inline::Strong(children),
        Some(MarkKind::Strike) => Inline::Strike(children),
        Some(MarkKind::Link(_)) => Inline::Link(frame.href.unwrap_or_default(), children),
        _ => return,
    };
    stack.last_mut().expect("the root frame stays").children.push(node);
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

// ---- Markdown ----

/// Writes `nodes`, the first line after `first`, each further one after
/// `rest` (the prefix of quotes and list indents).
fn markdown_nodes(nodes: &[Node], first: &str, rest: &str, out: &mut String) {
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(rest.trim_end());
            out.push('\n');
        }
        markdown_node(node, if i == 0 { first } else { rest }, rest, out);
    }
}

fn markdown_node(node: &Node, first: &str, rest: &str, out: &mut String) {
    match node {
        Node::Heading(level, content) => {
            out.push_str(first);
            out.extend(std::iter::repeat_n('#', usize::from((*level).clamp(1, 6))));
            out.push(' ');
            markdown_inline(content, rest, Context::Heading, out);
        }
        Node::Paragraph(content) => {
            out.push_str(first);
            markdown_inline(content, rest, Context::Paragraph, out);
        }
        Node::Code { lang, text, .. } => {
            // A fence longer than any run of backquotes inside.
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            out.push_str(first);
            out.push_str(&fence);
            out.push_str(lang.as_deref().unwrap_or_default());
            for line in text.lines() {
                out.push('\n');
                out.push_str(if line.is_empty() { rest.trim_end() } else { rest });
                out.push_str(line);
            }
            out.push('\n');
            out.push_str(rest);
            out.push_str(&fence);
        }
        Node::Quote(children) => {
            markdown_nodes(children, &format!("{first}> "), &format!("{rest}> "), out);
        }
        Node::List { ordered, start, items, .. } => {
            let loose = !tight(items);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    if loose {
                        out.push_str(rest.trim_end());
                        out.push('\n');
                    }
                }
                let marker = if *ordered { format!("{}. ", *start as u64 + i as u64) } else { "- ".to_owned() };
                let indent = format!("{rest}{}", " ".repeat(marker.len()));
                let lead = format!("{}{marker}", if i == 0 { first } else { rest });
                if loose {
                    markdown_nodes(item, &lead, &indent, out);
                    continue;
                }
                // A tight item: its text, then the list inside it.
                for (k, child) in item.iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    markdown_node(child, if k == 0 { &lead } else { &indent }, &indent, out);
                }
            }
        }
        Node::Table { rows, .. } => markdown_table(rows, first, rest, out),
    }
}

/// The rows of a table as columns: each cell where it starts, `None`
/// where a cell spanning columns or rows (from a row above) lies, so that
/// cells stay in their columns (trailing slots are not filled). Spans
/// that would make more than [`SPAN_SLOTS`] empty slots a cell are not
/// laid out: each cell is one slot.
fn grid(rows: &[Row]) -> Vec<Vec<Option<&Cell>>> {
    let cells: usize = rows.iter().map(|row| row.cells.len()).sum();
    spanned(rows, cells * SPAN_SLOTS)
        .unwrap_or_else(|| rows.iter().map(|row| row.cells.iter().map(Some).collect()).collect())
}

/// How many empty slots spans may add to a table, per cell.
const SPAN_SLOTS: usize = 4;

/// [`grid`] with the spans laid out; `None` past `budget` empty slots.
fn spanned(rows: &[Row], mut budget: usize) -> Option<Vec<Vec<Option<&Cell>>>> {
    // The columns a cell from above still covers, and for how many rows
    // more, by column (only cells spanning rows: work stays linear).
    let mut spans: Vec<(usize, u16)> = Vec::new();
    let mut grid = Vec::with_capacity(rows.len());
    for row in rows {
        let above: Vec<usize> = spans.iter().map(|&(column, _)| column).collect();
        spans.retain_mut(|(_, left)| {
            *left -= 1;
            *left > 0
        });
        let mut slots: Vec<Option<&Cell>> = Vec::with_capacity(row.cells.len());
        let mut k = 0;
        for cell in &row.cells {
            loop {
                while above.get(k).is_some_and(|&c| c < slots.len()) {
                    k += 1;
                }
                if above.get(k) != Some(&slots.len()) {
                    break;
                }
                budget = budget.checked_sub(1)?;
                slots.push(None);
            }
            let at = slots.len();
            slots.push(Some(cell));
            budget = budget.checked_sub(usize::from(cell.colspan) - 1)?;
            slots.extend(std::iter::repeat_n(None, usize::from(cell.colspan) - 1));
            if cell.rowspan > 1 {
                spans.extend((at..slots.len()).map(|column| (column, cell.rowspan - 1)));
            }
        }
        spans.sort_unstable();
        spans.dedup_by_key(|&mut (column, _)| column);
        grid.push(slots);
    }
    Some(grid)
}

/// A GFM table, its first row the header (as wide as the widest row: a
/// reader drops cells past the header's); spanning cells as [`grid`] lays
/// them out. A table of one column is its cells as paragraphs.
fn markdown_table(rows: &[Row], first: &str, rest: &str, out: &mut String) {
    let grid = grid(rows);
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    if columns <= 1 {
        let paragraphs: Vec<Node> = rows
            .iter()
            .flat_map(|row| &row.cells)
            .filter(|cell| !cell.content.is_empty())
            .map(|cell| Node::Paragraph(cell.content.clone()))
            .collect();
        markdown_nodes(&paragraphs, first, rest, out);
        return;
    }
    for (i, slots) in grid.iter().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push('|');
        for slot in slots {
            if let Some(cell) = slot {
                out.push(' ');
                markdown_inline(&cell.content, rest, Context::Cell, out);
            }
            out.push_str(" |");
        }
        if i == 0 {
            out.push_str(&" |".repeat(columns - slots.len()));
        }
        out.push('\n');
        if i == 0 {
            out.push_str(rest);
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
            if rows.len() > 1 {
                out.push('\n');
            }
        }
    }
    if rows.len() > 1 {
        out.pop(); // the last row's line break
    }
}

/// Whether a list's items are one line of text each, or a line of text
/// and a list that can follow it without a blank line (CommonMark lets a
/// list interrupt a paragraph when it is unordered or starts at 1).
fn tight(items: &[Vec<Node>]) -> bool {
    items.iter().all(|item| match &item[..] {
        [Node::Paragraph(_)] | [Node::List { .. }] => true,
        [Node::Paragraph(_), Node::List { ordered, start, .. }] => !*ordered || *start == 1,
        _ => false,
    })
}

/// Where inline content stands, for what it must escape and how it breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    Heading,
    Cell,
}

fn markdown_inline(content: &[Inline], rest: &str, context: Context, out: &mut String) {
    let mut line_start = true;
    markdown_spans(content, rest, context, &mut line_start, (None, None), out);
}

/// Inline content written, before it is put together.
enum Piece<'c> {
    Plain(String),
    Link(String),
    /// Emphasis: its delimiter, what it holds written, the content, and
    /// whether it stands at a line's start.
    Delimited(&'static str, String, &'c [Inline], bool),
}

impl Piece<'_> {
    fn first(&self) -> Option<char> {
        match self {
            Piece::Plain(s) | Piece::Link(s) => s.chars().next(),
            Piece::Delimited(d, ..) => d.chars().next(),
        }
    }
}

/// Writes `content`; `edges` are the characters just outside it (`None`:
/// a line's start or end).
fn markdown_spans(
    content: &[Inline],
    rest: &str,
    context: Context,
    line_start: &mut bool,
    edges: (Option<char>, Option<char>),
    out: &mut String,
) {
    let mut pieces = Vec::with_capacity(content.len());
    for item in content {
        let mut s = String::new();
        let piece = match item {
            Inline::Text(text) => {
                escape_markdown(text, *line_start, context, &mut s);
                Piece::Plain(s)
            }
            Inline::Break => {
                let at_line_start = context == Context::Paragraph;
                s.push_str(if at_line_start { "\\\n" } else { " " });
                if at_line_start {
                    s.push_str(rest);
                }
                pieces.push(Piece::Plain(s));
                *line_start = at_line_start;
                continue;
            }
            Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strike(children) => {
                let delimiter = match item {
                    Inline::Emphasis(_) => "*",
                    Inline::Strong(_) => "**",
                    _ => "~~",
                };
                let edge = delimiter.chars().next();
                let at_start = *line_start;
                markdown_spans(children, rest, context, line_start, (edge, edge), &mut s);
                Piece::Delimited(delimiter, s, children, at_start)
            }
            Inline::Code(code) => {
                let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
                let code = if context == Context::Cell { code.replace('|', "\\|") } else { code.clone() };
                s.extend([fence.as_str(), pad, &code, pad, &fence]);
                Piece::Plain(s)
            }
            Inline::Link(href, children) => {
                s.push('[');
                *line_start = false;
                markdown_spans(children, rest, context, line_start, (Some('['), Some(']')), &mut s);
                s.push_str("](");
                destination(href, &mut s);
                s.push(')');
                Piece::Link(s)
            }
            Inline::Image { src, alt } => {
                s.push_str("![");
                escape_markdown(alt, false, context, &mut s);
                s.push_str("](");
                destination(src, &mut s);
                s.push(')');
                Piece::Plain(s)
            }
        };
        *line_start = false;
        pieces.push(piece);
    }
    let mut own = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let before = own.chars().next_back().or(edges.0);
        let after = pieces.get(i + 1).map_or(edges.1, Piece::first);
        match piece {
            Piece::Plain(s) => own.push_str(s),
            Piece::Link(s) => {
                // `![` would open an image.
                if own.ends_with('!') {
                    own.pop();
                    own.push_str("\\!");
                }
                own.push_str(s);
            }
            Piece::Delimited(delimiter, inner, ..) if flanked(delimiter, before, inner, after) => {
                own.extend([*delimiter, inner, delimiter]);
            }
            // Delimiters Markdown would not read as emphasis are left out,
            // and what they held is written again between what is around.
            Piece::Delimited(_, _, children, at_start) => {
                markdown_spans(children, rest, context, &mut at_start.clone(), (before, after), &mut own);
            }
        }
    }
    out.push_str(&own);
}

/// Whether `delimiter`s around `inner`, between `before` and `after`, read
/// as emphasis (CommonMark: the opening one left-flanking, the closing one
/// right-flanking, and neither running into other delimiters of its
/// character, which would make one run of them).
fn flanked(delimiter: &str, before: Option<char>, inner: &str, after: Option<char>) -> bool {
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else { return false };
    let mark = delimiter.chars().next();
    if before == mark || after == mark || Some(first) == mark || Some(last) == mark {
        return false;
    }
    let open_side = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    let opens = !first.is_whitespace() && (!is_punctuation(first) || open_side(before));
    let closes = !last.is_whitespace() && (!is_punctuation(last) || open_side(after));
    opens && closes
}

/// A link destination: parentheses and white space escaped so the link
/// reads back whole.
fn destination(url: &str, out: &mut String) {
    for (i, c) in url.char_indices() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' ' => out.push_str("%20"),
            // What would read as a character reference.
            '&' if reference_at(&url[i + 1..]) => out.push_str("\\&"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Whether `rest` (what follows a `&`) opens like a character reference:
/// a name or a number, then `;`.
fn reference_at(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let name = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && body.as_bytes().get(name) == Some(&b';')
}

/// Appends `text` with a backslash before whatever Markdown would read as
/// markup: emphasis and code delimiters, brackets, angle brackets, `&` of
/// what could be an entity, `_` not inside a word, `|` in a table, `#` in
/// a heading; at a line's start, what would open a heading, quote, list
/// or rule.
fn escape_markdown(text: &str, line_start: bool, context: Context, out: &mut String) {
    let mut rest = text;
    if line_start {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        match text.as_bytes().first() {
            Some(&b @ (b'#' | b'>' | b'-' | b'+' | b'=')) => {
                out.push('\\');
                out.push(char::from(b));
                rest = &text[1..];
            }
            // An ordered list's marker: at most nine digits, `.` or `)`,
            // then a space or the line's end ("1.7 L" is no marker).
            Some(b'0'..=b'9')
                if digits <= 9
                    && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
                    && matches!(text.as_bytes().get(digits + 1), None | Some(b' ' | b'\t')) =>
            {
                out.push_str(&text[..digits]);
                out.push('\\');
                rest = &text[digits..];
            }
            _ => {}
        }
    }
    let mut previous: Option<char> = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => true,
            '_' => !(previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '&' => reference_at(&rest[i + c.len_utf8()..]),
            '|' => context == Context::Cell,
            // A heading's closing `#`s would be taken off.
            '#' => context == Context::Heading,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
}

// ---- HTML ----

fn html_nodes(nodes: &[Node], out: &mut String) {
    for node in nodes {
        html_node(node, out);
    }
}

fn html_node(node: &Node, out: &mut String) {
    match node {
        Node::Heading(level, content) => {
            let level = (*level).clamp(1, 6);
            out.push_str(&format!("<h{level}>"));
            html_inline(content, out);
            out.push_str(&format!("</h{level}>\n"));
        }
        Node::Paragraph(content) => {
            out.push_str("<p>");
            html_inline(content, out);
            out.push_str("</p>\n");
        }
        Node::Code { text, .. } => {
            out.push_str("<pre><code>");
            escape_html(text, false, out);
            out.push_str("</code></pre>\n");
        }
        Node::Quote(children) => {
            out.push_str("<blockquote>\n");
            html_nodes(children, out);
            out.push_str("</blockquote>\n");
        }
        Node::List { ordered, items, .. } => {
            out.push_str(if *ordered { "<ol>\n" } else { "<ul>\n" });
            let tight = tight(items);
            for item in items {
                out.push_str("<li>");
                match &item[..] {
                    [Node::Paragraph(content), nested @ ..] if tight => {
                        html_inline(content, out);
                        if !nested.is_empty() {
                            out.push('\n');
                            html_nodes(nested, out);
                        }
                    }
                    nodes => {
                        out.push('\n');
                        html_nodes(nodes, out);
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
        Node::Table { rows, .. } => {
            out.push_str("<table>\n");
            for slots in grid(rows) {
                out.push_str("<tr>");
                for slot in slots {
                    match slot {
                        Some(cell) => {
                            let tag = if cell.header { "th" } else { "td" };
                            out.push_str(&format!("<{tag}>"));
                            html_inline(&cell.content, out);
                            out.push_str(&format!("</{tag}>"));
                        }
                        None => out.push_str("<td></td>"),
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
    }
}

fn html_inline(content: &[Inline], out: &mut String) {
    for item in content {
        match item {
            Inline::Text(text) => escape_html(text, false, out),
            Inline::Break => out.push_str("<br>"),
            Inline::Emphasis(children) => html_wrapped("em", children, out),
            Inline::Strong(children) => html_wrapped("strong", children, out),
            // No element for struck text in the output's set: its text.
            Inline::Strike(children) => html_inline(children, out),
            Inline::Code(code) => {
                out.push_str("<code>");
                escape_html(code, false, out);
                out.push_str("</code>");
            }
            Inline::Link(href, children) => {
                out.push_str("<a href=\"");
                escape_html(href, true, out);
                out.push_str("\">");
                html_inline(children, out);
                out.push_str("</a>");
            }
            Inline::Image { src, alt } => {
                out.push_str("<img src=\"");
                escape_html(src, true, out);
                out.push_str("\" alt=\"");
                escape_html(alt, true, out);
                out.push_str("\">");
            }
        }
    }
}

fn html_wrapped(tag: &str, children: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    html_inline(children, out);
    out.push_str(&format!("</{tag}>"));
}

/// Text or an attribute's value (`attribute`: quotes too) as HTML.
fn escape_html(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;
    use crate::html::blocks::{build_with, Detail};
    use crate::html::Markup;

    /// Every block of `html`, every line of it kept, written in `format`.
    fn written(html: &str, format: Format, include: Include, base: Option<&str>) -> String {
        let detail = Detail { labels: false, rich: true };
        let page = build_with(html, &Markup::new(), &Budget::unlimited(), detail).unwrap();
        let blocks: Vec<&Block> = page.blocks.iter().collect();
        let kept: Vec<Vec<Range<usize>>> = blocks
            .iter()
            .map(|b| {
                let mut at = 0;
                b.text
                    .split('\n')
                    .map(|line| {
                        let range = at..at + line.len();
                        at += line.len() + 1;
                        range
                    })
                    .collect()
            })
            .collect();
        let output = Output { include, base: Base::new(page.meta.base.as_deref(), base, None) };
        let mut out = String::new();
        write(&blocks, &kept, format, &output, &mut out);
        out
    }

    fn markdown(html: &str) -> String {
        written(html, Format::Markdown, Include { images: true, ..Include::default() }, Some("https://x.org/a/b.html"))
    }

    #[test]
    fn markdown_table() {
        let cases: &[(&str, &str)] = &[
            ("<h2>Results</h2><p>Text.</p>", "## Results\n\nText."),
            (
                "<p>A <em>b</em> <strong>c</strong> <code>d</code> <s>e</s> <a href=\"/f\">f</a></p>",
                "A *b* **c** `d` ~~e~~ [f](https://x.org/f)",
            ),
            ("<p><b> spaced </b>out</p>", "**spaced** out"),
            // Delimiters that would not read as emphasis: left out.
            ("<p><em>foo.</em>bar</p>", "foo.bar"),
            ("<p>line<br>next</p>", "line\\\nnext"),
            ("<p><img src=\"i.png\" alt=\"An [image]\"> after</p>", "![An \\[image\\]](https://x.org/a/i.png)after"),
            ("<p>Wow!<a href=\"/l\">link</a> a <img src=\"i.png\"> b</p>", "Wow\\![link](https://x.org/l) a ![](https://x.org/a/i.png)b"),
            ("<figure><img src=\"/p.jpg\" alt=\"P\"><figcaption>C</figcaption></figure><p>Text</p>",
                "C\n\n![P](https://x.org/p.jpg)\n\nText"),
            ("<p><a href=\"javascript:alert(1)\">x</a> <img src=\"data:image/png;base64,AA\"> y</p>", "x y"),
            ("<p><a href=\"a b(c)\">z</a></p>", "[z](https://x.org/a/a%20b\\(c\\))"),
            ("<ul><li>one</li><li>two<ul><li>deep</li></ul></li></ul>", "- one\n- two\n  - deep"),
            ("<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d"),
            ("<ol><li><p>one</p><p>more</p></li><li>two</li></ol>", "1. one\n\n   more\n\n2. two"),
            ("<blockquote><p>q</p><blockquote><p>qq</p></blockquote></blockquote>", "> q\n>\n> > qq"),
            ("<blockquote><ul><li>a</li></ul></blockquote>", "> - a"),
            (
                "<pre><code class=\"language-rust\">let a = 1;\n\n```\n</code></pre>",
                "````rust\nlet a = 1;\n\n```\n````",
            ),
            (
                "<table><tr><th>A</th><th>B</th></tr><tr><td>1|2</td><td>3</td></tr><tr><td colspan=2>w</td></tr></table>",
                "| A | B |\n| --- | --- |\n| 1\\|2 | 3 |\n| w | |",
            ),
            ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "| a | b |\n| --- | --- |\n| c |"),
            ("<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>", "| a | |\n| --- | --- |\n| b | c |"),
            (
                "<table><tr><td rowspan=2>r</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
                "| r | a |\n| --- | --- |\n| | b |\n| c | d |",
            ),
            ("<table><tr><td>only</td></tr><tr><td>column</td></tr></table>", "only\n\ncolumn"),
            (
                "<p># not a heading</p><p>- not an item</p><p>1984. A year</p><p>+ x</p><p>= y</p><p>-5 degrees</p>",
                "\\# not a heading\n\n\\- not an item\n\n1984\\. A year\n\n\\+ x\n\n\\= y\n\n\\-5 degrees",
            ),
            (
                "<p>a*b* [c] &lt;d&gt; &amp;e &amp;copy; &amp; snake_case _x_ ~y~ `z` \\ ! ![i]</p>",
                "a\\*b\\* \\[c\\] \\<d\\> &e \\&copy; & snake_case \\_x\\_ \\~y\\~ \\`z\\` \\\\ ! !\\[i\\]",
            ),
            // An ordered list's marker is escaped; what only starts with digits is not.
            (
                "<p>1.7 litres</p><p>2)</p><p>3.</p><ul><li>1.7 L</li></ul><p>1234567890. Ten digits</p>",
                "1.7 litres\n\n2\\)\n\n3\\.\n\n- 1.7 L\n\n1234567890. Ten digits",
            ),
            ("<h2>Learn C# in a day #</h2>", "## Learn C\\# in a day \\#"),
            ("<h1>deep</h1><h6>six</h6>", "# deep\n\n###### six"),
        ];
        for (html, want) in cases {
            assert_eq!(markdown(html), *want, "html {html:?}");
        }
    }

    #[test]
    fn include_leaves_markup_out() {
        let html = "<p>A <em>b</em> <a href=\"/c\">c</a> <img src=\"/d.png\" alt=\"d\"></p>";
        let cases = [
            (Include::default(), "A *b* [c](https://x.org/c)"),
            (Include { links: false, ..Include::default() }, "A *b* c"),
            (Include { formatting: false, ..Include::default() }, "A b [c](https://x.org/c)"),
            (Include { images: true, ..Include::default() }, "A *b* [c](https://x.org/c)![d](https://x.org/d.png)"),
        ];
        for (include, want) in cases {
            assert_eq!(written(html, Format::Markdown, include, Some("https://x.org/")), want, "{include:?}");
        }
    }

    #[test]
    fn html_table() {
        let cases: &[(&str, &str)] = &[
            ("<h2>T</h2><p>a <b>b</b><br>c</p>", "<h2>T</h2>\n<p>a <strong>b</strong><br>c</p>\n"),
            ("<ul><li>a<ol><li>b</li></ol></li></ul>", "<ul>\n<li>a\n<ol>\n<li>b</li>\n</ol>\n</li>\n</ul>\n"),
            ("<pre class=\"lang-py\">x &lt; 1</pre>", "<pre><code>x &lt; 1</code></pre>\n"),
            (
                "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>",
                "<table>\n<tr><th>A</th></tr>\n<tr><td>1</td></tr>\n</table>\n",
            ),
            // Hostile markup: only the safe elements and attributes come out.
            (
                "<p onclick=\"x()\"><a href=\"JavaScript:alert(1)\" onmouseover=\"y()\">a</a> \
                 <a href=\" java\tscript:alert(1)\">b</a> <a href=\"vbscript:x\">c</a> \
                 <img src=\"x.png\" onerror=\"z()\" alt='\"><script>'> \
                 <a href=\"/ok?a=1&amp;b=&quot;2\">d</a> &lt;script&gt;</p>",
                "<p>a b c <img src=\"https://x.org/x.png\" alt=\"&quot;&gt;&lt;script&gt;\">\
                 <a href=\"https://x.org/ok?a=1&amp;b=%222\">d</a> &lt;script&gt;</p>\n",
            ),
        ];
        let include = Include { images: true, ..Include::default() };
        for (html, want) in cases {
            assert_eq!(written(html, Format::Html, include, Some("https://x.org/")), *want, "html {html:?}");
        }
    }

    #[test]
    fn base_table() {
        // (<base href>, the url given, canonical, href) -> resolved
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str, Option<&'a str>);
        let cases: &[Case<'_>] = &[
            (None, Some("https://x.org/a/b"), None, "c", Some("https://x.org/a/c")),
            (None, None, Some("https://canon.org/p/q"), "/r", Some("https://canon.org/r")),
            (Some("/base/"), Some("https://x.org/a/b"), None, "c", Some("https://x.org/base/c")),
            (Some("https://cdn.org/"), None, None, "c", Some("https://cdn.org/c")),
            (None, Some("not a url"), None, "c", Some("c")),
            (None, None, None, "/rel#frag", Some("/rel#frag")),
            (None, Some("https://x.org/"), None, "mailto:a@b.org", Some("mailto:a@b.org")),
            (None, Some("https://x.org/"), None, "  ", None),
            (None, Some("https://x.org/"), None, "javascript:void(0)", None),
            (None, None, None, "data:text/html,<script>", None),
            (None, Some("https://x.org/"), None, "#top", Some("https://x.org/#top")),
        ];
        for &(base_href, url, canonical, href, want) in cases {
            let got = Base::new(base_href, url, canonical).resolve(href, false);
            assert_eq!(got.as_deref(), want, "{base_href:?} {url:?} {canonical:?} {href:?}");
        }
        assert_eq!(Base::default().resolve("mailto:a@b.org", true), None, "an image is no mail");
    }
}
