//! The document tree the tree builder makes: nodes in one arena, linked to
//! parent, children and siblings by index; text and attributes are slices
//! of the page, read by [`Text::pieces`] and [`Dom::attrs`].

use super::tags::{Ns, Tag};
use super::tokenize::Attr;

/// No node.
pub const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element<'a> {
    pub tag: Tag,
    pub ns: Ns,
    /// The name as written (any case); read it for [`Tag::Other`].
    pub name: &'a str,
    /// Its attributes: `Dom::attrs[attrs.0 .. attrs.0 + attrs.1]`.
    pub attrs: (u32, u32),
}

impl Element<'_> {
    /// Whether this is the HTML element `tag`.
    pub fn is(&self, tag: Tag) -> bool {
        self.tag == tag && self.ns == Ns::Html
    }

    /// Whether this element and `other` have the same name and namespace.
    pub fn same_name(&self, other: &Element<'_>) -> bool {
        self.tag == other.tag
            && self.ns == other.ns
            && (self.tag != Tag::Other || self.name.eq_ignore_ascii_case(other.name))
    }
}

/// A text node: its pieces, each a slice of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    first: u32,
    last: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Data<'a> {
    Document,
    Element(Element<'a>),
    Text(Text),
}

#[derive(Clone, Copy, Debug)]
pub struct Node<'a> {
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    pub prev_sibling: u32,
    pub data: Data<'a>,
}

/// A slice of the page (by offsets) and whether character references in it
/// are to be decoded; `next` links the pieces of one text node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
    refs: bool,
    next: u32,
}

#[derive(Debug)]
pub struct Dom<'a> {
    /// The page the text and attributes are slices of.
    page: &'a str,
    pub nodes: Vec<Node<'a>>,
    attrs: Vec<Attr<'a>>,
    pieces: Vec<Piece>,
}

/// The document node.
pub const DOCUMENT: u32 = 0;

impl<'a> Dom<'a> {
    /// A tree of `page`, holding the document node alone.
    pub fn new(page: &'a str) -> Dom<'a> {
        let size = page.len();
        let mut nodes = Vec::with_capacity(size / 64 + 16);
        nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            prev_sibling: NONE,
            data: Data::Document,
        });
        Dom { page, nodes, attrs: Vec::with_capacity(size / 64), pieces: Vec::with_capacity(size / 128 + 16) }
    }

    pub fn node(&self, id: u32) -> &Node<'a> {
        &self.nodes[id as usize]
    }

    pub fn element(&self, id: u32) -> Option<&Element<'a>> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// Whether node `id` is the HTML element `tag`.
    pub fn is(&self, id: u32, tag: Tag) -> bool {
        self.element(id).is_some_and(|e| e.is(tag))
    }

    pub fn attrs(&self, element: &Element<'a>) -> &[Attr<'a>] {
        let (start, len) = element.attrs;
        &self.attrs[start as usize..(start + len) as usize]
    }

    /// The value of the attribute `name` (lower case) as written: the first
    /// one of that name counts, as in the standard.
    pub fn attr(&self, element: &Element<'a>, name: &str) -> Option<&'a str> {
        self.attrs(element).iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(|a| a.value)
    }

    /// Stores attributes, for a new element.
    pub fn add_attrs(&mut self, attrs: &[Attr<'a>]) -> (u32, u32) {
        let start = self.attrs.len() as u32;
        self.attrs.extend_from_slice(attrs);
        (start, attrs.len() as u32)
    }

    /// Gives `element` the attributes of `extra` it lacks, at most `limit`
    /// attributes in all (a later `<html>` or `<body>` tag's).
    pub fn merge_attrs(&mut self, id: u32, extra: &[Attr<'a>], limit: usize) {
        let Some(&element) = self.element(id) else { return };
        let have = self.attrs(&element).to_vec();
        let missing = extra.iter().filter(|a| !have.iter().any(|h| h.name.eq_ignore_ascii_case(a.name)));
        let merged: Vec<Attr<'a>> = have.iter().copied().chain(missing.copied()).take(limit).collect();
        if merged.len() == have.len() {
            return;
        }
        let attrs = self.add_attrs(&merged);
        if let Data::Element(e) = &mut self.nodes[id as usize].data {
            e.attrs = attrs;
        }
    }

    /// A new node, in no tree yet.
    pub fn create(&mut self, data: Data<'a>) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            prev_sibling: NONE,
            data,
        });
        id
    }

    /// Puts the detached node `id` into `parent`, before `before` (a child
    /// of `parent`), or last with [`NONE`].
    pub fn insert(&mut self, parent: u32, id: u32, before: u32) {
        let prev = if before == NONE {
            self.nodes[parent as usize].last_child
        } else {
            self.nodes[before as usize].prev_sibling
        };
        {
            let node = &mut self.nodes[id as usize];
            node.parent = parent;
            node.prev_sibling = prev;
            node.next_sibling = before;
        }
        if prev == NONE {
            self.nodes[parent as usize].first_child = id;
        } else {
            self.nodes[prev as usize].next_sibling = id;
        }
        if before == NONE {
            self.nodes[parent as usize].last_child = id;
        } else {
            self.nodes[before as usize].prev_sibling = id;
        }
    }

    /// Takes node `id` out of its parent (it keeps its children).
    pub fn detach(&mut self, id: u32) {
        let Node { parent, prev_sibling: prev, next_sibling: next, .. } = self.nodes[id as usize];
        if parent == NONE {
            return;
        }
        if prev == NONE {
            self.nodes[parent as usize].first_child = next;
        } else {
            self.nodes[prev as usize].next_sibling = next;
        }
        if next == NONE {
            self.nodes[parent as usize].last_child = prev;
        } else {
            self.nodes[next as usize].prev_sibling = prev;
        }
        let node = &mut self.nodes[id as usize];
        (node.parent, node.prev_sibling, node.next_sibling) = (NONE, NONE, NONE);
    }

    /// Moves every child of `from` to the end of `to`, in order.
    pub fn move_children(&mut self, from: u32, to: u32) {
        let first = self.nodes[from as usize].first_child;
        if first == NONE {
            return;
        }
        let last = self.nodes[from as usize].last_child;
        let mut child = first;
        while child != NONE {
            self.nodes[child as usize].parent = to;
            child = self.nodes[child as usize].next_sibling;
        }
        let tail = self.nodes[to as usize].last_child;
        if tail == NONE {
            self.nodes[to as usize].first_child = first;
        } else {
            self.nodes[tail as usize].next_sibling = first;
        }
        self.nodes[first as usize].prev_sibling = tail;
        self.nodes[to as usize].last_child = last;
        let from = &mut self.nodes[from as usize];
        (from.first_child, from.last_child) = (NONE, NONE);
    }

    /// Inserts text (a slice of the page) into `parent` before `before` (or
    /// last): appended to the text node there, if one is, as the standard does.
    pub fn insert_text(&mut self, parent: u32, before: u32, text: &'a str, refs: bool) {
        if text.is_empty() {
            return;
        }
        let start = text.as_ptr() as usize - self.page.as_ptr() as usize;
        let end = start + text.len();
        let neighbour = if before == NONE {
            self.nodes[parent as usize].last_child
        } else {
            self.nodes[before as usize].prev_sibling
        };
        if let Some(Data::Text(t)) = self.nodes.get(neighbour as usize).map(|n| n.data) {
            let last = &mut self.pieces[t.last as usize];
            if last.refs == refs && last.end == start {
                last.end = end;
                return;
            }
            let piece = self.pieces.len() as u32;
            self.pieces.push(Piece { start, end, refs, next: NONE });
            self.pieces[t.last as usize].next = piece;
            if let Data::Text(t) = &mut self.nodes[neighbour as usize].data {
                t.last = piece;
            }
            return;
        }
        let piece = self.pieces.len() as u32;
        self.pieces.push(Piece { start, end, refs, next: NONE });
        let id = self.create(Data::Text(Text { first: piece, last: piece }));
        self.insert(parent, id, before);
    }

    /// The pieces of a text node, in order.
    /// The pieces of a text node, in order: each a slice of the page and
    /// whether character references in it are to be decoded.
    pub fn pieces(&self, text: Text) -> impl Iterator<Item = (&'a str, bool)> + '_ {
        let mut next = text.first;
        std::iter::from_fn(move || {
            let piece = self.pieces.get(next as usize)?;
            next = piece.next;
            Some((&self.page[piece.start..piece.end], piece.refs))
        })
    }
}

/// Attributes of one element that [`Dom::to_html`] writes, at most: a
/// selector reads a few, and parsers slow down on floods of them.
pub const MAX_WRITTEN_ATTRIBUTES: usize = 64;

impl Dom<'_> {
    /// The tree written back as HTML: a doctype, every element with its end
    /// tag (none for void elements), the first [`MAX_WRITTEN_ATTRIBUTES`]
    /// attributes of distinct names, text escaped, the content of raw-text
    /// elements (`script`, `style`, `noscript` ...) as it was. Elements
    /// nested deeper than [`super::tree::MAX_DEPTH`] are written as their
    /// content alone, so another parser reads it in linear time and, for
    /// any page within the bounds, builds the same tree.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.page.len() + 64);
        out.push_str("<!DOCTYPE html>");
        let mut decoded = String::new();
        // (node, its depth, leaving): an element is written on entering and
        // closed on leaving; one nested deeper than the builder keeps
        // elements open is written as its content alone.
        let mut stack = vec![(self.node(DOCUMENT).first_child, 1, false)];
        while let Some((id, depth, leaving)) = stack.pop() {
            if id == NONE {
                continue;
            }
            let node = self.node(id);
            let written = depth <= super::tree::MAX_DEPTH;
            match node.data {
                Data::Element(e) if leaving => {
                    out.push_str("</");
                    out.push_str(e.name);
                    out.push('>');
                }
                Data::Element(e) => {
                    stack.push((node.next_sibling, depth, false));
                    if !(e.ns == Ns::Html && e.tag.is_void()) {
                        if written {
                            stack.push((id, depth, true));
                        }
                        stack.push((node.first_child, depth + 1, false));
                    }
                    if written {
                        self.write_start_tag(&e, &mut out);
                    }
                }
                Data::Text(text) => {
                    stack.push((node.next_sibling, depth, false));
                    let raw = self.element(node.parent).is_some_and(|p| p.ns == Ns::Html && holds_raw_text(p.tag));
                    for (piece, refs) in self.pieces(text) {
                        if raw {
                            out.push_str(piece);
                        } else if refs {
                            decoded.clear();
                            super::entities::decode_into(piece, false, &mut decoded);
                            escape_into(&decoded, false, &mut out);
                        } else {
                            escape_into(piece, false, &mut out);
                        }
                    }
                }
                Data::Document => {}
            }
        }
        out
    }

    fn write_start_tag(&self, e: &Element<'_>, out: &mut String) {
        out.push('<');
        out.push_str(e.name);
        let mut written: Vec<&str> = Vec::new();
        for attr in self.attrs(e) {
            if written.len() == MAX_WRITTEN_ATTRIBUTES {
                break;
            }
            if attr.name.is_empty() || written.iter().any(|w| w.eq_ignore_ascii_case(attr.name)) {
                continue;
            }
            written.push(attr.name);
            out.push(' ');
            out.push_str(attr.name);
            out.push_str("=\"");
            let mut value = String::new();
            super::entities::decode_into(attr.value, true, &mut value);
            escape_into(&value, true, out);
            out.push('"');
        }
        out.push('>');
    }

    /// The tree as an outline: `(depth, node)` for every node in document
    /// order, the node as in the html5lib tree-construction tests: `<name>`
    /// for an element (foreign ones `<svg name>`, `<math name>`), `"text"`
    /// for text (references decoded, line breaks as the parser's input
    /// stream has them). A template's content is left out, as a document's
    /// children do not hold it. For comparing trees with other parsers.
    pub fn outline(&self) -> Vec<(usize, String)> {
        let mut rows = Vec::new();
        let mut stack = vec![(self.node(DOCUMENT).first_child, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            if id == NONE {
                continue;
            }
            let node = self.node(id);
            stack.push((node.next_sibling, depth));
            let mut row = String::new();
            match node.data {
                Data::Element(e) => {
                    let prefix = match e.ns {
                        Ns::Html => "",
                        Ns::Svg => "svg ",
                        Ns::MathMl => "math ",
                    };
                    row.push('<');
                    row.push_str(prefix);
                    row.push_str(&e.name.to_ascii_lowercase());
                    row.push('>');
                    if !e.is(Tag::Template) {
                        stack.push((node.first_child, depth + 1));
                    }
                }
                Data::Text(text) => {
                    row.push('"');
                    for (piece, refs) in self.pieces(text) {
                        let piece = piece.replace("\r\n", "\n").replace('\r', "\n");
                        if refs {
                            super::entities::decode_into(&piece, false, &mut row);
                        } else {
                            row.push_str(&piece);
                        }
                    }
                    row.push('"');
                }
                Data::Document => continue,
            }
            rows.push((depth, row));
        }
        rows
    }
}

/// Elements whose content the tokenizer reads as raw text: written back as it was.
fn holds_raw_text(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Script
            | Tag::Style
            | Tag::Xmp
            | Tag::Iframe
            | Tag::Noembed
            | Tag::Noframes
            | Tag::Noscript
            | Tag::Plaintext
    )
}

/// `text` with `&`, `<` and `>` (in an attribute value `&` and `"`) escaped.
fn escape_into(text: &str, attribute: bool, out: &mut String) {
    let mut last = 0;
    for (at, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' if !attribute => "&lt;",
            b'>' if !attribute => "&gt;",
            b'"' if attribute => "&quot;",
            _ => continue,
        };
        out.push_str(&text[last..at]);
        out.push_str(escaped);
        last = at + 1;
    }
    out.push_str(&text[last..]);
}

#[cfg(test)]
mod tests {
    use crate::budget::Budget;
    use crate::html::tree::parse;

    fn outline(page: &str) -> Vec<(usize, String)> {
        parse(page, &Budget::unlimited()).unwrap().0.outline()
    }

    #[test]
    fn the_written_tree_parses_back_to_itself() {
        let cases = [
            "<p>a<p>b<ul><li>one<li>two</ul><table><tr><td>x<td>y</table>",
            "<p><b>bold<i>both</b>italic</i></p><b><div>x</b>y</div>",
            "<title>a &amp; b</title><script>if (a < b && c) { '</p>' }</script><style>p>a{}</style>",
            "<noscript><p>no</p></noscript><textarea><p>&lt;x</textarea><p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>",
            "<svg><title>s</title><g><path d='M0'/></g></svg><math><mi>x</mi></math><p>after",
            "<div title='say \"hi\" &amp; go' data-x=\"a'b\" class=c class=d>t</div>",
            "<template><p>t</p></template><select><option>a<option>b</select>",
            "x<table>fostered<tr><td>cell</table>",
        ];
        for page in cases {
            let dom = parse(page, &Budget::unlimited()).unwrap().0;
            assert_eq!(outline(&dom.to_html()), dom.outline(), "{page}");
        }
    }

    #[test]
    fn hostile_trees_are_written_bounded() {
        let deep = "<div>".repeat(5000);
        let dom = parse(&deep, &Budget::unlimited()).unwrap().0;
        let depth = outline(&dom.to_html()).iter().map(|(depth, _)| *depth).max();
        assert!(depth.is_some_and(|d| d <= crate::html::tree::MAX_DEPTH), "{depth:?}");
        let flood = format!("<div {}>x</div>", (0..1000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" "));
        let written = parse(&flood, &Budget::unlimited()).unwrap().0.to_html();
        assert_eq!(written.matches("=\"\"").count(), super::MAX_WRITTEN_ATTRIBUTES);
    }
}
