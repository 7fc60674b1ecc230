//! Tokens to the page's element tree and its text blocks, in one pass.
//!
//! Every element that can hold content becomes a [`Node`] (parent link and
//! the markup roles its tag, class and id give it). Text between two
//! block-level boundaries becomes a [`Block`], owned by the innermost
//! block-level element, with inline elements joined as a browser shows them:
//! white space collapsed, `<br>` a line break, `<pre>` kept as written.
//! What never is content (scripts, styles, forms controls, media, hidden
//! elements) is skipped whole; the head's metadata is collected on the way.

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use super::tokenize::{attributes, decode_entities, Token, Tokens};

/// No node: the parent of the root, the owner of text outside any block.
pub const NONE: u32 = u32::MAX;

/// Roles of a node, from its tag, class and id ([`Markup`]).
pub mod role {
    /// Not the article: navigation, sharing, ads, promotions, bylines, widgets.
    pub const BOILERPLATE: u8 = 1;
    /// A comment section.
    pub const COMMENTS: u8 = 2;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub parent: u32,
    /// [`role`] bits.
    pub roles: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    /// An item of a list, numbered (`<ol>`) or not.
    ListItem {
        ordered: bool,
    },
    /// A table cell; cells of one row (the node given) share a line.
    Cell(u32),
    Preformatted,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The innermost block-level element holding the text.
    pub node: u32,
    pub kind: BlockKind,
    /// The text as shown: white space collapsed, `\n` for `<br>`.
    pub text: String,
    /// Non-space characters, and those of them inside links.
    pub chars: u32,
    pub link_chars: u32,
}

/// Metadata as the markup states it, before any choice among sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawMeta {
    pub lang: Option<String>,
    pub title: Option<String>,
    /// `<meta>` tags: the lower-cased `name`, `property`, `itemprop` or
    /// `http-equiv`, and the `content`.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first `<time datetime>` value.
    pub time: Option<String>,
}

#[derive(Debug, Default)]
pub struct Page {
    pub nodes: Vec<Node>,
    pub blocks: Vec<Block>,
    pub meta: RawMeta,
}

/// The class and id vocabulary, compiled from `data/html/classes.txt`.
#[derive(Debug)]
pub struct Markup {
    tags: FxHashMap<&'static str, Tag>,
    hidden_classes: FxHashSet<Box<str>>,
    tokens: FxHashMap<Box<str>, u8>,
    /// Substrings of class names and ids, found in one pass.
    parts: AhoCorasick,
    part_roles: Vec<u8>,
}

const CLASSES: &str = include_str!("../../data/html/classes.txt");

impl Markup {
    /// Parses the compiled-in vocabulary. Its format is checked by a test.
    pub fn new() -> Markup {
        let mut hidden_classes = FxHashSet::default();
        let mut tokens: FxHashMap<Box<str>, u8> = FxHashMap::default();
        let mut parts: Vec<(Box<str>, u8)> = Vec::new();
        for line in CLASSES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let (Some(group), Some(mode), Some(word)) = (fields.next(), fields.next(), fields.next()) else {
                panic!("classes.txt: malformed line {line:?}");
            };
            let word: Box<str> = word.to_ascii_lowercase().into();
            let bits = match group {
                "boilerplate" => role::BOILERPLATE,
                "comments" => role::COMMENTS,
                "hidden" => 0,
                _ => panic!("classes.txt: unknown group in {line:?}"),
            };
            match (mode, group) {
                ("class", "hidden") => drop(hidden_classes.insert(word)),
                ("token", _) => *tokens.entry(word).or_default() |= bits,
                ("part", _) => parts.push((word, bits)),
                _ => panic!("classes.txt: unknown mode in {line:?}"),
            }
        }
        let matcher = AhoCorasick::new(parts.iter().map(|(word, _)| &**word)).expect("classes.txt: parts compile");
        let part_roles = parts.iter().map(|&(_, bits)| bits).collect();
        Markup { tags: tag_table(), hidden_classes, tokens, parts: matcher, part_roles }
    }

    fn tag(&self, name: &str) -> Tag {
        let mut buf = [0u8; 12];
        let found = lower_name(name, &mut buf).and_then(|lower| self.tags.get(lower));
        found.copied().unwrap_or(Tag { kind: Kind::Inline, roles: 0, name: Name::Other })
    }

    /// The roles a class or id value gives, and whether it hides the element.
    fn classify(&self, value: &str, lower: &mut String) -> (u8, bool) {
        lower.clear();
        lower.push_str(value);
        lower.make_ascii_lowercase();
        let hidden = lower.split_ascii_whitespace().any(|class| self.hidden_classes.contains(class));
        let mut roles = 0;
        for token in lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
            roles |= self.tokens.get(token).copied().unwrap_or(0);
        }
        for found in self.parts.find_overlapping_iter(lower.as_str()) {
            roles |= self.part_roles[found.pattern().as_usize()];
        }
        (roles, hidden)
    }
}

impl Default for Markup {
    fn default() -> Self {
        Markup::new()
    }
}

/// How an element takes part in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Has no content and no end tag.
    Void,
    /// Never content: the element and all it holds are skipped.
    Skip,
    /// Starts and ends a block of text.
    Block,
    Inline,
}

/// The tags that matter by name; every other is [`Name::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Name {
    Other,
    A,
    Br,
    Hr,
    Pre,
    Html,
    Meta,
    Link,
    Time,
    Title,
    Script,
    Heading(u8),
    ListItem,
    OrderedList,
    Cell,
    /// Table internals other than cells: their class and id give no role,
    /// they name their data ("player-2020-580"), not their place on the page.
    TablePart,
}

/// What a tag is, looked up once per start tag.
#[derive(Clone, Copy, Debug)]
struct Tag {
    kind: Kind,
    /// The roles the tag gives by itself.
    roles: u8,
    name: Name,
}

/// Elements with no content and no end tag.
pub(crate) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen",
];
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "video", "audio", "select",
    "button", "textarea", "option", "datalist", "head", "title", "map", "dialog",
];
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
];
/// Tags that are boilerplate by themselves (unless they hold the article).
const BOILERPLATE_TAGS: &[&str] = &["nav", "footer", "aside", "form", "header", "menu", "figcaption"];

fn tag_table() -> FxHashMap<&'static str, Tag> {
    let mut table = FxHashMap::default();
    for (names, kind) in [(VOID, Kind::Void), (SKIP, Kind::Skip), (BLOCK, Kind::Block)] {
        for &name in names {
            let roles = if BOILERPLATE_TAGS.contains(&name) { role::BOILERPLATE } else { 0 };
            table.insert(name, Tag { kind, roles, name: name_of(name) });
        }
    }
    table.insert("a", Tag { kind: Kind::Inline, roles: 0, name: Name::A });
    table.insert("time", Tag { kind: Kind::Inline, roles: 0, name: Name::Time });
    table
}

fn name_of(tag: &str) -> Name {
    match tag {
        "br" => Name::Br,
        "hr" => Name::Hr,
        "pre" => Name::Pre,
        "html" => Name::Html,
        "meta" => Name::Meta,
        "link" => Name::Link,
        "title" => Name::Title,
        "script" => Name::Script,
        "li" | "dt" | "dd" => Name::ListItem,
        "ol" => Name::OrderedList,
        "td" | "th" => Name::Cell,
        "thead" | "tbody" | "tfoot" | "tr" => Name::TablePart,
        _ => match tag.as_bytes() {
            [b'h', level @ b'1'..=b'6'] => Name::Heading(level - b'0'),
            _ => Name::Other,
        },
    }
}

fn lower_name<'b>(name: &str, buf: &'b mut [u8; 12]) -> Option<&'b str> {
    let bytes = name.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// The kind of the block whose element is `stack[at]`.
fn block_kind(stack: &[Open<'_>], at: usize, nodes: &[Node]) -> BlockKind {
    match stack[at].tag {
        Name::Heading(level) => BlockKind::Heading(level),
        Name::ListItem => {
            BlockKind::ListItem { ordered: at.checked_sub(1).is_some_and(|up| stack[up].tag == Name::OrderedList) }
        }
        Name::Cell => BlockKind::Cell(nodes[stack[at].node as usize].parent),
        Name::Pre => BlockKind::Preformatted,
        _ => BlockKind::Paragraph,
    }
}

/// End tags look this far down the stack of open elements for their
/// start: deeper mismatches are ignored, which keeps hostile nesting linear.
pub(crate) const END_TAG_REACH: usize = 64;

struct Open<'a> {
    name: &'a str,
    tag: Name,
    /// The node, or [`NONE`] inside a skipped subtree.
    node: u32,
}

/// Builds the page from `html` (see the module documentation).
pub fn build(html: &str, markup: &Markup) -> Page {
    let mut b = Builder::default();
    let mut lower = String::new();
    for token in Tokens::new(html) {
        match token {
            Token::Start { name, attrs, self_closing } => b.start(name, attrs, self_closing, markup, &mut lower),
            Token::End { name } => b.end(name),
            Token::Text(text) => b.text(text),
            Token::RawText(text) => b.raw_text(text),
        }
    }
    b.flush();
    b.page
}

#[derive(Default)]
struct Builder<'a> {
    page: Page,
    stack: Vec<Open<'a>>,
    /// Indices into `stack` of the open block-level elements.
    blocks: Vec<usize>,
    /// Stack depth at which a skipped subtree started (0: not skipping).
    skip_from: usize,
    /// What the next raw text is for.
    capture: Capture,
    links: usize,
    pre: usize,
    buf: String,
    scratch: String,
    chars: u32,
    link_chars: u32,
    space: bool,
    /// Roles and hiding of the class and id values met so far.
    classes: FxHashMap<&'a str, (u8, bool)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Capture {
    #[default]
    Nothing,
    Title,
    JsonLd,
}

impl<'a> Builder<'a> {
    fn start(&mut self, name: &'a str, attrs: &'a str, self_closing: bool, markup: &Markup, lower: &mut String) {
        let tag = markup.tag(name);
        self.capture = match tag.name {
            Name::Title if self.page.meta.title.is_none() => Capture::Title,
            Name::Script if attrs.contains("ld+json") => Capture::JsonLd,
            _ => Capture::Nothing,
        };
        self.collect_meta(tag.name, attrs);
        if self.skip_from > 0 {
            if tag.kind != Kind::Void && !self_closing {
                self.stack.push(Open { name, tag: tag.name, node: NONE });
            }
            return;
        }
        if tag.name == Name::Br {
            return self.line_break();
        }
        if tag.kind == Kind::Void || self_closing {
            if tag.name == Name::Hr {
                self.flush();
            }
            return;
        }
        let (mut roles, hidden) = self.roles(tag.roles, attrs, markup, lower);
        if matches!(tag.name, Name::TablePart | Name::Cell) {
            roles = 0;
        }
        if tag.kind == Kind::Skip || hidden {
            self.stack.push(Open { name, tag: tag.name, node: NONE });
            self.skip_from = self.stack.len();
            return;
        }
        let block = tag.kind == Kind::Block;
        if block {
            self.flush();
        }
        let parent = self.stack.last().map_or(NONE, |open| open.node);
        let node = self.page.nodes.len() as u32;
        self.page.nodes.push(Node { parent, roles });
        match tag.name {
            Name::A => self.links += 1,
            Name::Pre => self.pre += 1,
            _ => {}
        }
        if block {
            self.blocks.push(self.stack.len());
        }
        self.stack.push(Open { name, tag: tag.name, node });
    }

    fn roles(&mut self, tag_roles: u8, attrs: &'a str, markup: &Markup, lower: &mut String) -> (u8, bool) {
        let mut roles = tag_roles;
        let mut hidden = false;
        for (attr, value) in attributes(attrs) {
            if attr.eq_ignore_ascii_case("class") || attr.eq_ignore_ascii_case("id") {
                // Pages repeat their class names: each distinct value is read once.
                let (r, h) = *self.classes.entry(value).or_insert_with(|| markup.classify(value, lower));
                roles |= r;
                hidden |= h;
            } else if attr.eq_ignore_ascii_case("hidden") {
                hidden = true;
            } else if attr.eq_ignore_ascii_case("aria-hidden") {
                hidden |= value.eq_ignore_ascii_case("true");
            } else if attr.eq_ignore_ascii_case("style") {
                hidden |= hides(value);
            }
        }
        (roles, hidden)
    }

    fn end(&mut self, name: &str) {
        let reach = self.stack.len().saturating_sub(END_TAG_REACH);
        let Some(at) = (reach..self.stack.len()).rev().find(|&i| self.stack[i].name.eq_ignore_ascii_case(name)) else {
            return;
        };
        let closes_block = self.blocks.last().is_some_and(|&b| b >= at);
        if closes_block {
            self.flush();
        }
        for open in self.stack.drain(at..) {
            if open.node != NONE {
                match open.tag {
                    Name::A => self.links = self.links.saturating_sub(1),
                    Name::Pre => self.pre = self.pre.saturating_sub(1),
                    _ => {}
                }
            }
        }
        while self.blocks.last().is_some_and(|&b| b >= at) {
            self.blocks.pop();
        }
        if self.skip_from > at {
            self.skip_from = 0;
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip_from > 0 {
            return;
        }
        let mut decoded = std::mem::take(&mut self.scratch);
        decoded.clear();
        let text = if text.contains('&') {
            decode_entities(text, &mut decoded);
            decoded.as_str()
        } else {
            text
        };
        if self.pre > 0 {
            self.push_text(text, text.chars().filter(|c| !c.is_whitespace()).count());
        } else {
            // Words, white space between them collapsed to one space.
            for (i, word) in text.split(char::is_whitespace).enumerate() {
                self.space |= i > 0;
                if word.is_empty() {
                    continue;
                }
                if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.space = false;
                self.push_text(word, word.chars().count());
            }
        }
        self.scratch = decoded;
    }

    /// Appends text holding `chars` non-space characters.
    fn push_text(&mut self, text: &str, chars: usize) {
        self.buf.push_str(text);
        let chars = chars as u32;
        self.chars += chars;
        if self.links > 0 {
            self.link_chars += chars;
        }
    }

    fn raw_text(&mut self, text: &str) {
        let meta = &mut self.page.meta;
        match self.capture {
            Capture::Title => {
                let mut title = String::new();
                decode_entities(text, &mut title);
                meta.title = Some(collapse(&title));
            }
            Capture::JsonLd => meta.json_ld.push(text.to_owned()),
            Capture::Nothing => {}
        }
        self.capture = Capture::Nothing;
    }

    fn line_break(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.space = false;
    }

    /// Ends the current block, if it holds any text.
    fn flush(&mut self) {
        self.space = false;
        if self.chars == 0 {
            self.buf.clear();
            return;
        }
        let owner = self.blocks.last().map_or(NONE, |&i| self.stack[i].node);
        let kind = match self.blocks.last() {
            Some(&i) => block_kind(&self.stack, i, &self.page.nodes),
            None => BlockKind::Paragraph,
        };
        let text = self.buf.trim_end().to_owned();
        self.buf.clear();
        self.page.blocks.push(Block { node: owner, kind, text, chars: self.chars, link_chars: self.link_chars });
        self.chars = 0;
        self.link_chars = 0;
    }

    fn collect_meta(&mut self, tag: Name, attrs: &str) {
        let meta = &mut self.page.meta;
        match tag {
            Name::Html if meta.lang.is_none() => meta.lang = attr(attrs, "lang").map(decoded),
            Name::Meta => {
                let key = ["property", "name", "itemprop", "http-equiv"].iter().find_map(|k| attr(attrs, k));
                if let (Some(key), Some(content)) = (key, attr(attrs, "content")) {
                    meta.metas.push((key.to_ascii_lowercase(), decoded(content)));
                }
            }
            Name::Link
                if meta.canonical.is_none()
                    && attr(attrs, "rel").is_some_and(|rel| rel.eq_ignore_ascii_case("canonical")) =>
            {
                meta.canonical = attr(attrs, "href").map(decoded);
            }
            Name::Time if meta.time.is_none() => meta.time = attr(attrs, "datetime").map(decoded),
            _ => {}
        }
    }
}

fn attr<'t>(attrs: &'t str, name: &str) -> Option<&'t str> {
    attributes(attrs).find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

fn decoded(value: &str) -> String {
    let mut out = String::new();
    decode_entities(value, &mut out);
    collapse(&out)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an inline style hides the element.
fn hides(style: &str) -> bool {
    let bytes = style.as_bytes();
    let mentions = |word: &[u8]| bytes.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    if !mentions(b"none") && !mentions(b"hidden") {
        return false;
    }
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(BlockKind, String)> {
        build(html, &Markup::new()).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn blocks_table() {
        use BlockKind::*;
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("", &[]),
            ("<p>One <b>two</b>  three</p><p>Four</p>", &[(Paragraph, "One two three"), (Paragraph, "Four")]),
            ("<div>a<p>b</p>c</div>", &[(Paragraph, "a"), (Paragraph, "b"), (Paragraph, "c")]),
            ("<p>line<br>next</p>", &[(Paragraph, "line\nnext")]),
            (
                "<h2>Title</h2><ul><li>x</li><li>y</li></ul>",
                &[(Heading(2), "Title"), (ListItem { ordered: false }, "x"), (ListItem { ordered: false }, "y")],
            ),
            (
                "<ol><li>x<ul><li>y</li></ul></li></ol>",
                &[(ListItem { ordered: true }, "x"), (ListItem { ordered: false }, "y")],
            ),
            ("<pre>a  b\n c</pre>", &[(Preformatted, "a  b\n c")]),
            ("<p>x<script>var a = '<p>no</p>';</script>y</p>", &[(Paragraph, "xy")]),
            ("<p>shown</p><div hidden><p>no</p></div><p style=\"display: none\">no</p>", &[(Paragraph, "shown")]),
            ("<p class=\"sr-only\">no</p><p aria-hidden=\"true\">no</p><p>yes</p>", &[(Paragraph, "yes")]),
            ("<p>fish &amp; chips&nbsp;now</p>", &[(Paragraph, "fish & chips now")]),
            ("<P>Upper</P>", &[(Paragraph, "Upper")]),
            ("<p>unclosed <b>bold", &[(Paragraph, "unclosed bold")]),
            ("<form><button>Go</button><select><option>x</option></select></form>", &[]),
        ];
        for (html, want) in cases {
            let got = texts(html);
            let want: Vec<(BlockKind, String)> = want.iter().map(|(k, t)| (*k, (*t).to_owned())).collect();
            assert_eq!(got, want, "html {html:?}");
        }
    }

    #[test]
    fn cells_of_a_row_share_it() {
        let page = build("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", &Markup::new());
        let rows: Vec<BlockKind> = page.blocks.iter().map(|b| b.kind).collect();
        assert!(
            matches!(rows[..], [BlockKind::Cell(r1), BlockKind::Cell(r2), BlockKind::Cell(r3)] if r1 == r2 && r2 != r3)
        );
    }

    #[test]
    fn links_and_roles_are_counted() {
        let page = build(
            "<div class=\"share-bar\"><a href=x>Share</a></div><nav><p>n</p></nav><div id=\"comments\"><p>c</p></div>",
            &Markup::new(),
        );
        assert_eq!((page.blocks[0].chars, page.blocks[0].link_chars), (5, 5));
        let roles: Vec<u8> = page.nodes.iter().map(|n| n.roles).collect();
        assert_eq!(roles, [role::BOILERPLATE, 0, role::BOILERPLATE, 0, role::COMMENTS, 0]);
    }

    #[test]
    fn metadata_is_collected() {
        let page = build(
            "<html lang=\"de\"><head><title>A &amp; B</title><meta property=\"og:title\" content=\"T\">\
             <link rel=\"canonical\" href=\"https://x/a\"><script type=\"application/ld+json\">{\"a\":1}</script>\
             </head><body><time datetime=\"2020-01-02\">Jan 2</time></body></html>",
            &Markup::new(),
        );
        let meta = page.meta;
        assert_eq!(meta.lang.as_deref(), Some("de"));
        assert_eq!(meta.title.as_deref(), Some("A & B"));
        assert_eq!(meta.metas, [("og:title".to_owned(), "T".to_owned())]);
        assert_eq!(meta.canonical.as_deref(), Some("https://x/a"));
        assert_eq!(meta.json_ld, ["{\"a\":1}"]);
        assert_eq!(meta.time.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn vocabulary_parses() {
        let markup = Markup::new();
        assert!(markup.tokens.len() > 20 && !markup.part_roles.is_empty() && !markup.hidden_classes.is_empty());
    }
}
