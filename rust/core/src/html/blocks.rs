//! Tokens to the page's element tree and its text blocks, in one pass.
//!
//! Every element that can hold content becomes a [`Node`] (parent link and
//! the markup roles its tag, class and id give it). Text between two
//! block-level boundaries becomes a [`Block`], owned by the innermost
//! block-level element, with inline elements joined as a browser shows them:
//! white space collapsed, `<br>` a line break, `<pre>` kept as written.
//! What never is content (scripts, styles, forms controls, media, hidden
//! elements) is skipped whole; the head's metadata is collected on the way.

use std::hash::{Hash, Hasher};

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use super::dom::{Data, Dom, Element, DOCUMENT};
use super::entities;
use super::tags::{Ns, Tag};
use super::tokenize::Attr;
use super::tree;
use crate::budget::Budget;
use crate::error::Error;

/// No node: the parent of the root, the owner of text outside any block.
pub const NONE: u32 = u32::MAX;

/// Roles of a node, from its tag, class and id ([`Markup`]).
pub mod role {
    /// Not the article: navigation, sharing, ads, promotions, bylines, widgets.
    pub const BOILERPLATE: u8 = 1;
    /// A comment section.
    pub const COMMENTS: u8 = 2;
}

/// What a node's class or id names, as the block model reads it
/// ([`crate::html::model`]): hints, never a reason to drop a block.
pub mod hint {
    /// The main content: article, content, post, entry, story.
    pub const CONTENT: u8 = 1;
    /// A thread's posts: message, answer, question, reply.
    pub const THREAD: u8 = 2;
    /// A product's details: product, description, specs.
    pub const PRODUCT: u8 = 4;
    /// The cards of a listing: card, item, teaser, result.
    pub const CARDS: u8 = 8;
    /// Every hint, in the order the block model's features name them.
    pub const ALL: [(u8, &str); 4] = [(CONTENT, "content"), (THREAD, "thread"), (PRODUCT, "product"), (CARDS, "cards")];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub parent: u32,
    /// [`role`] bits.
    pub roles: u8,
    /// [`hint`] bits.
    pub hints: u8,
    pub tag: Tag,
    /// The element's tag and `class` as one hash: siblings of one shape
    /// are a list's items, a listing's cards, a thread's posts.
    pub shape: u32,
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
    /// The block's inline markup and where it stands, when the page was
    /// built [`Detail::rich`] (for Markdown and HTML output).
    pub rich: Option<Box<Rich>>,
}

/// What a block's markup says beyond its text ([`Detail::rich`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich {
    /// The inline elements over byte ranges of the block's text, in the
    /// order they open (so an outer one before those inside it).
    pub marks: Vec<Mark>,
    /// The quotes and list items the block is inside, outermost first (at
    /// most [`MAX_NESTING`]).
    pub containers: Vec<Container>,
    /// A cell's table (its node, [`NONE`] for a block that is no cell),
    /// whether the cell is a header's, and how many columns and rows it
    /// spans.
    pub table: u32,
    pub header: bool,
    pub colspan: u16,
    pub rowspan: u16,
    /// The preformatted element (`<pre>`) the block is inside, if any, and
    /// its language (`class="language-rust"` on it or its `<code>`).
    pub pre: Option<u32>,
    pub lang: Option<Box<str>>,
    /// Images that stood alone (a figure) between the block before and this one.
    pub images_before: Vec<Image>,
}

/// An inline element over `text[start..end]` of its block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Emphasis,
    Strong,
    Code,
    Strike,
    /// A link to the `href` as written (entities decoded).
    Link(Box<str>),
    /// An image, where it stands (`start == end`).
    Image(Image),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// The `src` as written (or a lazy loader's `data-src`).
    pub src: Box<str>,
    pub alt: Box<str>,
}

/// An element that holds blocks and shows in Markdown and HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A `<blockquote>` (its node).
    Quote(u32),
    /// An item (`item`, its node) of the list `list` (a node, or [`NONE`]
    /// for an item outside any list), numbered from `start` when `ordered`.
    Item { list: u32, item: u32, ordered: bool, start: u32 },
}

/// How deep quotes and lists nest in [`Rich::containers`]: deeper ones
/// count as the innermost kept.
pub const MAX_NESTING: usize = 8;

/// Metadata as the markup states it, before any choice among sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawMeta {
    pub lang: Option<String>,
    pub title: Option<String>,
    /// `<meta>` tags: the lower-cased `name`, `property`, `itemprop` or
    /// `http-equiv`, and the `content`.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    /// The text of each `<script type="application/ld+json">` ...
    pub json_ld: Vec<String>,
    /// ... and those that parse as JSON, parsed once for every reader.
    pub json_ld_values: Vec<serde_json::Value>,
    /// The first `<time datetime>` value.
    pub time: Option<String>,
    /// The first `<base href>`.
    pub base: Option<String>,
}

impl RawMeta {
    /// Adds a JSON-LD script's text, and its value where it parses.
    /// Malformed JSON is kept as text only; serde_json bounds nesting
    /// depth, so no input overflows the stack.
    pub fn add_json_ld(&mut self, text: String) {
        if let Ok(value) = serde_json::from_str(&text) {
            self.json_ld_values.push(value);
        }
        self.json_ld.push(text);
    }
}

#[derive(Debug, Default)]
pub struct Page {
    pub nodes: Vec<Node>,
    pub blocks: Vec<Block>,
    pub meta: RawMeta,
    /// The node of the `<body>`, or [`NONE`].
    pub body: u32,
    /// Each node's element as a selector would name it (`div#main.story`),
    /// when the page was built with [`Detail::labels`]; else empty.
    pub labels: Vec<String>,
}

impl Page {
    /// The element path of `node` (`body > main > div.story > p`), from
    /// the labels of [`Detail::labels`]: its last [`PATH_DEPTH`] elements.
    pub fn path(&self, node: u32) -> String {
        let mut names = Vec::new();
        let mut at = node;
        while at != NONE && names.len() <= PATH_DEPTH {
            names.push(self.labels.get(at as usize).map_or("?", String::as_str));
            at = self.nodes[at as usize].parent;
        }
        if names.len() > PATH_DEPTH {
            names[PATH_DEPTH] = "\u{2026}";
        }
        names.reverse();
        names.join(" > ")
    }
}

/// How many elements an element path names, innermost last.
pub const PATH_DEPTH: usize = 8;
/// How many characters of class names a label keeps.
const LABEL_CLASSES: usize = 40;

/// The class and id vocabulary, compiled from `data/html/classes.txt`.
#[derive(Debug)]
pub struct Markup {
    hidden_classes: FxHashSet<Box<str>>,
    /// Tokens of class names (or ids) that name a panel shown on demand
    /// (an accordion's, a collapsed section's): hiding does not hide it.
    panel_tokens: FxHashSet<Box<str>>,
    tokens: FxHashMap<Box<str>, u8>,
    /// Substrings of class names and ids, found in one pass.
    parts: AhoCorasick,
    part_roles: Vec<u8>,
}

const CLASSES: &str = include_str!("../../data/html/classes.txt");

/// The vocabulary's bits hold the [`role`]s below this bit and the [`hint`]s from it.
const HINT_SHIFT: u32 = 4;

impl Markup {
    /// Parses the compiled-in vocabulary. Its format is checked by a test.
    pub fn new() -> Markup {
        let mut hidden_classes = FxHashSet::default();
        let mut panel_tokens = FxHashSet::default();
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
                "hidden" | "panel" => 0,
                _ => match hint::ALL.iter().find(|(_, name)| *name == group) {
                    Some(&(bit, _)) => bit << HINT_SHIFT,
                    None => panic!("classes.txt: unknown group in {line:?}"),
                },
            };
            match (mode, group) {
                ("class", "hidden") => drop(hidden_classes.insert(word)),
                ("token", "panel") => drop(panel_tokens.insert(word)),
                ("token", _) => *tokens.entry(word).or_default() |= bits,
                ("part", _) => parts.push((word, bits)),
                _ => panic!("classes.txt: unknown mode in {line:?}"),
            }
        }
        let matcher = AhoCorasick::new(parts.iter().map(|(word, _)| &**word)).expect("classes.txt: parts compile");
        let part_roles = parts.iter().map(|&(_, bits)| bits).collect();
        Markup { hidden_classes, panel_tokens, tokens, parts: matcher, part_roles }
    }

    /// The roles a class or id value gives (with its hints above
    /// [`HINT_SHIFT`]), whether it hides the element, and whether it names
    /// a panel shown on demand.
    /// Utility classes with a variant or an arbitrary value
    /// (`print:hidden`, `[--nav-bar-height:47px]`, `xs:[&.fixed-sidebar]:grid`)
    /// style the element under a condition and name no part of the page:
    /// they give nothing.
    fn classify(&self, value: &str, lower: &mut String) -> (u8, bool, bool) {
        lower.clear();
        for class in value.split_ascii_whitespace().filter(|c| !c.contains([':', '['])) {
            lower.push_str(class);
            lower.push(' ');
        }
        lower.make_ascii_lowercase();
        let hidden = lower.split_ascii_whitespace().any(|class| self.hidden_classes.contains(class));
        let mut roles = 0;
        let mut panel = false;
        for token in lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
            roles |= self.tokens.get(token).copied().unwrap_or(0);
            panel |= self.panel_tokens.contains(token);
        }
        for found in self.parts.find_overlapping_iter(lower.as_str()) {
            roles |= self.part_roles[found.pattern().as_usize()];
        }
        (roles, hidden, panel)
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

fn kind(tag: Tag) -> Kind {
    use Tag::*;
    if tag.is_void() {
        return Kind::Void;
    }
    match tag {
        Script | Style | Noscript | Template | Svg | Math | Iframe | Object | Canvas | Video | Audio | Select
        | Button | Textarea | Option | Datalist | Head | Title | Map | Dialog | Noembed | Noframes | Frameset => {
            Kind::Skip
        }
        Address | Article | Aside | Blockquote | Body | Center | Dd | Details | Dir | Div | Dl | Dt | Fieldset
        | Figcaption | Figure | Footer | Form | H1 | H2 | H3 | H4 | H5 | H6 | Header | Hgroup | Html | Legend | Li
        | Listing | Main | Menu | Nav | Ol | P | Plaintext | Pre | Search | Section | Summary | Table | Tbody | Td
        | Tfoot | Th | Thead | Tr | Ul | Caption | Xmp => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Tags that are boilerplate by themselves (unless they hold the article).
fn tag_roles(tag: Tag) -> u8 {
    use Tag::*;
    match tag {
        Nav | Footer | Aside | Form | Header | Menu | Figcaption => role::BOILERPLATE,
        _ => 0,
    }
}

/// Text kept as written: white space and line breaks stay.
fn preformatted(tag: Tag) -> bool {
    matches!(tag, Tag::Pre | Tag::Listing | Tag::Plaintext | Tag::Xmp)
}

/// The kind of the block whose element is `stack[at]`.
fn block_kind(stack: &[Open], at: usize, nodes: &[Node]) -> BlockKind {
    let tag = stack[at].tag;
    match tag {
        Tag::Li | Tag::Dt | Tag::Dd => {
            BlockKind::ListItem { ordered: at.checked_sub(1).is_some_and(|up| stack[up].tag == Tag::Ol) }
        }
        Tag::Td | Tag::Th => BlockKind::Cell(nodes[stack[at].node as usize].parent),
        _ if preformatted(tag) => BlockKind::Preformatted,
        _ => tag.heading_level().map_or(BlockKind::Paragraph, BlockKind::Heading),
    }
}

/// An element the walk is inside.
struct Open {
    tag: Tag,
    /// Its node in [`Page::nodes`].
    node: u32,
}

/// What a page is built with beside its blocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    /// Every node's label in [`Page::labels`] (for explaining the choice).
    pub labels: bool,
    /// Every block's [`Rich`] markup (for Markdown and HTML output).
    pub rich: bool,
}

/// Builds the page from `html` (see the module documentation); `Err` when
/// the `budget` runs out first.
pub fn build(html: &str, markup: &Markup, budget: &Budget) -> Result<Page, Error> {
    build_with(html, markup, budget, Detail::default())
}

/// [`build`], with what `detail` asks for besides.
pub fn build_with(html: &str, markup: &Markup, budget: &Budget, detail: Detail) -> Result<Page, Error> {
    let (dom, _) = tree::parse(html, budget)?;
    let (page, hid) = walk(&dom, markup, budget, detail, Hidden::Skip)?;
    // A page whose text is all inside hidden elements, or a `<noscript>`,
    // shows it only once a script runs (`<div class="root hide">`, a
    // splash screen over a forum thread whose posts are in `<noscript>`
    // for readers without scripts): then it is read as a browser without
    // scripts shows it, its hidden elements too.
    let chars = |page: &Page| page.blocks.iter().map(|b| u64::from(b.chars)).sum::<u64>();
    if hid.any && chars(&page) < HIDDEN_PAGE_MAX_CHARS {
        let (dom, _) = tree::parse_without_scripts(html, budget)?;
        let (shown, _) = walk(&dom, markup, budget, detail, Hidden::Show)?;
        if chars(&shown) >= HIDDEN_PAGE_SHARE * chars(&page).max(1) {
            return Ok(shown);
        }
    }
    // A `<main>` that shows nothing but hides what it holds (an age gate's
    // or a store's lockdown app's `<div style="display:none">`, revealed by
    // its script), on a page that shows little but links, is read with what
    // it hides; the rest of the page as before.
    if hid.in_blank_main
        && page.blocks.iter().map(|b| u64::from(b.chars.saturating_sub(b.link_chars))).sum::<u64>()
            < HIDDEN_PAGE_MAX_CHARS
    {
        return Ok(walk(&dom, markup, budget, detail, Hidden::ShowInMain)?.0);
    }
    Ok(page)
}

/// Which hidden elements [`walk`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Hidden {
    /// None.
    #[default]
    Skip,
    /// Every one, and the elements of a `<noscript>` parsed without scripts.
    Show,
    /// Those inside a `<main>` (or a hidden `<main>` itself).
    ShowInMain,
}

/// What [`walk`] skipped as hidden.
#[derive(Clone, Copy, Debug, Default)]
struct Hid {
    /// A hidden element or a `<noscript>`.
    any: bool,
    /// A hidden element inside a `<main>` (or a hidden `<main>`), and no
    /// `<main>` showed any text.
    in_blank_main: bool,
}

/// A page with fewer visible characters than this, and hidden elements
/// or a `<noscript>`, is read again without scripts and with its hidden
/// elements shown; the second reading stands when it shows this many
/// times the characters. A page with fewer outside links, and a blank
/// `<main>` that hides elements, is read with those shown.
const HIDDEN_PAGE_MAX_CHARS: u64 = 1000;
const HIDDEN_PAGE_SHARE: u64 = 4;

/// The page from the tree, the hidden elements that `hidden` names read as
/// any other; also what was skipped as hidden.
fn walk(dom: &Dom<'_>, markup: &Markup, budget: &Budget, detail: Detail, hidden: Hidden) -> Result<(Page, Hid), Error> {
    let page = Page { meta: metadata(dom), body: NONE, ..Page::default() };
    let rich = detail.rich.then(Box::<Inline>::default);
    let mut b = Builder { page, labels: detail.labels, hidden, rich, ..Builder::default() };
    let mut lower = String::new();
    // Depth first over the tree, by its links: no recursion, however deep.
    let mut id = dom.node(DOCUMENT).first_child;
    while id != NONE {
        budget.tick()?;
        let node = dom.node(id);
        let descend = match node.data {
            Data::Element(e) => b.enter(dom, &e, markup, &mut lower),
            Data::Text(text) => {
                for (piece, refs) in dom.pieces(text) {
                    b.text(piece, refs);
                }
                false
            }
            Data::Document => false,
        };
        if descend && node.first_child != NONE {
            id = node.first_child;
            continue;
        }
        if descend {
            b.leave();
        }
        // Up to the next sibling, leaving every element whose children are done.
        let mut at = id;
        loop {
            let n = dom.node(at);
            if n.next_sibling != NONE {
                id = n.next_sibling;
                break;
            }
            at = n.parent;
            if at == NONE || at == DOCUMENT {
                id = NONE;
                break;
            }
            b.leave();
        }
    }
    b.flush();
    let hid = Hid { any: b.hid, in_blank_main: b.hid_in_main && b.main_chars == 0 };
    Ok((b.page, hid))
}

#[derive(Default)]
struct Builder<'a> {
    page: Page,
    /// The elements entered, outermost first.
    stack: Vec<Open>,
    /// Indices into `stack` of the open block-level elements.
    blocks: Vec<usize>,
    links: usize,
    pre: usize,
    buf: String,
    scratch: String,
    chars: u32,
    link_chars: u32,
    space: bool,
    /// Roles and hiding of the class and id values met so far.
    classes: FxHashMap<&'a str, (u8, bool, bool)>,
    /// Whether nodes get labels ([`Detail::labels`]).
    labels: bool,
    /// Which hidden elements are read as any other ([`walk`]) ...
    hidden: Hidden,
    /// ... whether one was skipped, and one inside a `<main>`.
    hid: bool,
    hid_in_main: bool,
    /// The `<main>` elements open, and the characters of text inside them.
    main: usize,
    main_chars: u64,
    /// What [`Rich`] markup is open, when the page is built [`Detail::rich`].
    rich: Option<Box<Inline>>,
}

/// The inline elements, quotes, lists, tables and cells the walk is
/// inside, for [`Rich`]. Each entry holds the element's depth in
/// [`Builder::stack`], to be closed when that element is left.
#[derive(Default)]
struct Inline {
    /// The current block's marks; those still open end at [`u32::MAX`].
    marks: Vec<Mark>,
    /// Indices into `marks` of the open ones.
    open: Vec<(usize, usize)>,
    containers: Vec<(Container, usize)>,
    /// Open lists: node, numbered, first number.
    lists: Vec<(u32, bool, u32, usize)>,
    tables: Vec<(u32, usize)>,
    /// Open `<thead>`s.
    heads: Vec<usize>,
    /// Open cells: header, columns and rows spanned.
    cells: Vec<(bool, u16, u16, usize)>,
    /// The outermost open `<pre>`, and its language (or its `<code>`'s).
    pre: Option<(u32, usize)>,
    lang: Option<Box<str>>,
    /// Images of blocks without text, for the next block.
    images: Vec<Image>,
}

impl Inline {
    /// Enters an element of `tag` at `depth` (node `node`) in rich mode.
    fn enter(&mut self, dom: &Dom<'_>, e: &Element<'_>, node: u32, depth: usize, at: usize) {
        let in_pre = self.pre.is_some();
        let attr = |name: &str| dom.attr(e, name);
        let mark = match e.tag {
            Tag::Em | Tag::I => Some(MarkKind::Emphasis),
            Tag::Strong | Tag::B => Some(MarkKind::Strong),
            Tag::S | Tag::Strike => Some(MarkKind::Strike),
            Tag::Code | Tag::Tt if !in_pre => Some(MarkKind::Code),
            Tag::Other if !in_pre && ["kbd", "samp"].iter().any(|n| e.name.eq_ignore_ascii_case(n)) => {
                Some(MarkKind::Code)
            }
            Tag::Other if e.name.eq_ignore_ascii_case("del") => Some(MarkKind::Strike),
            Tag::A => attr("href").map(|href| MarkKind::Link(entities::decoded(href.trim(), true).into())),
            _ => None,
        };
        if let Some(kind) = mark {
            self.open.push((self.marks.len(), depth));
            self.marks.push(Mark { start: at as u32, end: u32::MAX, kind });
        }
        let nested = self.containers.len() < MAX_NESTING;
        match e.tag {
            Tag::Blockquote if nested => self.containers.push((Container::Quote(node), depth)),
            Tag::Ul | Tag::Menu | Tag::Dir | Tag::Dl => self.lists.push((node, false, 1, depth)),
            Tag::Ol => {
                let start = attr("start").and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1);
                self.lists.push((node, true, start.min(999_999_999), depth));
            }
            Tag::Li | Tag::Dt | Tag::Dd if nested => {
                let (list, ordered, start) = self.lists.last().map_or((NONE, false, 1), |&(l, o, s, _)| (l, o, s));
                self.containers.push((Container::Item { list, item: node, ordered, start }, depth));
            }
            Tag::Table => self.tables.push((node, depth)),
            Tag::Thead => self.heads.push(depth),
            Tag::Td | Tag::Th => {
                let span = |name: &str| attr(name).and_then(|s| s.trim().parse::<u16>().ok()).unwrap_or(1);
                let header = e.tag == Tag::Th || !self.heads.is_empty();
                self.cells.push((
                    header,
                    span("colspan").clamp(1, MAX_SPAN),
                    span("rowspan").clamp(1, MAX_SPAN),
                    depth,
                ));
            }
            _ => {}
        }
        if preformatted(e.tag) && self.pre.is_none() {
            self.pre = Some((node, depth));
        }
        if matches!(e.tag, Tag::Pre | Tag::Code) && self.pre.is_some() && self.lang.is_none() {
            self.lang = attr("class").and_then(language).map(Into::into);
        }
    }

    /// Leaves the element at `depth`; `at` is where the block's text ends.
    fn leave(&mut self, depth: usize, at: usize) {
        while let Some(&(i, _)) = self.open.last().filter(|&&(_, d)| d == depth) {
            self.marks[i].end = at as u32;
            self.open.pop();
        }
        let at_depth = |d: usize| d == depth;
        if self.containers.last().is_some_and(|&(_, d)| at_depth(d)) {
            self.containers.pop();
        }
        if self.lists.last().is_some_and(|&(.., d)| at_depth(d)) {
            self.lists.pop();
        }
        if self.tables.last().is_some_and(|&(_, d)| at_depth(d)) {
            self.tables.pop();
        }
        if self.heads.last().is_some_and(|&d| at_depth(d)) {
            self.heads.pop();
        }
        if self.cells.last().is_some_and(|&(.., d)| at_depth(d)) {
            self.cells.pop();
        }
        if self.pre.is_some_and(|(_, d)| at_depth(d)) {
            (self.pre, self.lang) = (None, None);
        }
    }

    /// An image where the text stands at `at`.
    fn image(&mut self, dom: &Dom<'_>, e: &Element<'_>, at: usize) {
        let attr = |name: &str| dom.attr(e, name).map(str::trim).filter(|v| !v.is_empty());
        // Lazy loaders leave `src` a placeholder and the image in `data-src`.
        let src = match (attr("src"), attr("data-src")) {
            (Some(src), _) if !src.starts_with("data:") => src,
            (_, Some(lazy)) => lazy,
            _ => return,
        };
        let image = Image {
            src: entities::decoded(src, true).into(),
            alt: attr("alt").map_or_else(Default::default, decoded).into(),
        };
        self.marks.push(Mark { start: at as u32, end: at as u32, kind: MarkKind::Image(image) });
    }

    /// The [`Rich`] of a block of `text` (`cell`: it is a table's cell),
    /// or `None` when it has no text; the marks still open go on in the
    /// next block, and so do the images before a `caption`.
    fn flush(&mut self, text: &str, has_text: bool, cell: bool, caption: bool) -> Option<Box<Rich>> {
        let len = text.len() as u32;
        let open: Vec<usize> = self.open.iter().map(|&(i, _)| i).collect();
        let mut marks = std::mem::take(&mut self.marks);
        // The open ones start again in the next block, in the same order.
        for (k, &i) in open.iter().enumerate() {
            self.marks.push(Mark { start: 0, end: u32::MAX, kind: marks[i].kind.clone() });
            self.open[k].0 = k;
        }
        if !has_text {
            self.images.extend(marks.into_iter().filter_map(|m| match m.kind {
                MarkKind::Image(image) => Some(image),
                _ => None,
            }));
            return None;
        }
        for m in &mut marks {
            (m.start, m.end) = (m.start.min(len), m.end.min(len));
        }
        marks.retain(|m| m.start < m.end || matches!(m.kind, MarkKind::Image(_)));
        let (header, colspan, rowspan, table) = match (cell, self.cells.last(), self.tables.last()) {
            (true, Some(&(header, columns, rows, _)), Some(&(table, _))) => (header, columns, rows, table),
            _ => (false, 1, 1, NONE),
        };
        Some(Box::new(Rich {
            marks,
            containers: self.containers.iter().map(|&(c, _)| c).collect(),
            table,
            header,
            colspan,
            rowspan,
            pre: self.pre.map(|(node, _)| node),
            lang: self.lang.clone(),
            images_before: if caption { Vec::new() } else { std::mem::take(&mut self.images) },
        }))
    }
}

/// The most columns, or rows, a cell is taken to span.
const MAX_SPAN: u16 = 64;

/// The language a `class` names: `language-rust`, `lang-py`.
fn language(class: &str) -> Option<&str> {
    class.split_ascii_whitespace().find_map(|c| {
        let name = c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-"))?;
        let ok = !name.is_empty() && name.len() <= 32;
        (ok && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-#._".contains(&b))).then_some(name)
    })
}

/// [`Node::shape`]: `tag` and the `class` names in their order, white space
/// between them ignored.
fn shape(tag: Tag, class: &str) -> u32 {
    let mut hasher = rustc_hash::FxHasher::default();
    tag.hash(&mut hasher);
    for name in class.split_ascii_whitespace() {
        name.hash(&mut hasher);
    }
    hasher.finish() as u32
}

impl<'a> Builder<'a> {
    /// Enters element `id`; false when its content is skipped (it is then
    /// left at once: no [`Builder::leave`] follows).
    fn enter(&mut self, dom: &Dom<'a>, e: &Element<'a>, markup: &Markup, lower: &mut String) -> bool {
        if e.ns != Ns::Html {
            // `svg` and `math` are skipped whole, so this is foreign content
            // inside an HTML element that the parser put there: skipped too.
            return false;
        }
        let tag = e.tag;
        if tag == Tag::Br {
            self.line_break();
            return false;
        }
        let kind = kind(tag);
        if kind == Kind::Void {
            if tag == Tag::Hr {
                self.flush();
            }
            if let Some(rich) = self.rich.as_mut().filter(|_| tag == Tag::Img) {
                // After the space the next word will have before it.
                let spaced = self.space && !self.buf.is_empty() && !self.buf.ends_with('\n');
                rich.image(dom, e, self.buf.len() + usize::from(spaced));
            }
            return false;
        }
        let (marks, hidden, class) = self.roles(tag_roles(tag), dom.attrs(e), markup, lower);
        let (mut roles, mut hints) = (marks & ((1 << HINT_SHIFT) - 1), marks >> HINT_SHIFT);
        if matches!(tag, Tag::Td | Tag::Th | Tag::Tr | Tag::Thead | Tag::Tbody | Tag::Tfoot) {
            roles = 0;
        }
        // The root's and the body's classes are the whole page's: they say
        // nothing of one part of it.
        let hidden = hidden && !matches!(tag, Tag::Html | Tag::Body);
        if matches!(tag, Tag::Html | Tag::Body) {
            (roles, hints) = (0, 0);
        }
        let in_main = self.main > 0 || tag == Tag::Main;
        let shown = match self.hidden {
            Hidden::Skip => false,
            Hidden::Show => true,
            Hidden::ShowInMain => in_main,
        };
        if hidden && !shown {
            self.hid = true;
            self.hid_in_main |= in_main;
            return false;
        }
        // An accordion's heading is its button's label (WAI-ARIA's pattern,
        // `<h3><button aria-controls=…>Question</button></h3>`): read as the
        // heading's text, where a form's button is skipped.
        let heading_button =
            tag == Tag::Button && self.stack.last().is_some_and(|open| open.tag.heading_level().is_some());
        if kind == Kind::Skip && !heading_button && !(tag == Tag::Noscript && self.hidden == Hidden::Show) {
            self.hid |= tag == Tag::Noscript;
            return false;
        }
        let block = kind == Kind::Block;
        if block {
            self.flush();
        } else if self.pre > 0 && class.split_ascii_whitespace().any(|c| c == "line") {
            // A highlighter's line of code (Shiki's `<span class="line">`):
            // minified pages drop the line breaks between them that style
            // sheets put back.
            self.line_break();
        }
        let parent = self.stack.last().map_or(NONE, |open| open.node);
        let node = self.page.nodes.len() as u32;
        let shape = shape(tag, class);
        self.page.nodes.push(Node { parent, roles, hints, tag, shape });
        if self.labels {
            self.page.labels.push(label(dom, e));
        }
        if tag == Tag::Body && self.page.body == NONE {
            self.page.body = node;
        }
        if tag == Tag::A {
            self.links += 1;
        }
        if preformatted(tag) {
            self.pre += 1;
        }
        self.main += usize::from(tag == Tag::Main);
        if block {
            self.blocks.push(self.stack.len());
        }
        if let Some(rich) = self.rich.as_mut() {
            rich.enter(dom, e, node, self.stack.len(), self.buf.len());
        }
        self.stack.push(Open { tag, node });
        true
    }

    /// Leaves the innermost element entered.
    fn leave(&mut self) {
        let Some(at) = self.stack.len().checked_sub(1) else { return };
        if self.blocks.last() == Some(&at) {
            self.flush();
            self.blocks.pop();
        }
        let open = self.stack.pop().expect("at is an index");
        if let Some(rich) = self.rich.as_mut() {
            rich.leave(at, self.buf.len());
        }
        if open.tag == Tag::A {
            self.links -= 1;
        }
        if preformatted(open.tag) {
            self.pre -= 1;
        }
        self.main -= usize::from(open.tag == Tag::Main);
    }

    /// The element's role and hint bits, whether it is hidden, and its `class`.
    fn roles(&mut self, tag_roles: u8, attrs: &[Attr<'a>], markup: &Markup, lower: &mut String) -> (u8, bool, &'a str) {
        let mut roles = tag_roles;
        let (mut hidden, mut class) = (false, "");
        let (mut hidden_attribute, mut streamed, mut panel) = (false, false, false);
        for attr in attrs {
            let (name, value) = (attr.name, attr.value);
            if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
                // Pages repeat their class names: each distinct value is read once.
                let (r, h, p) = *self.classes.entry(value).or_insert_with(|| markup.classify(value, lower));
                roles |= r;
                hidden |= h;
                panel |= p;
                streamed |= name.eq_ignore_ascii_case("id") && streamed_segment(value);
                if class.is_empty() && name.eq_ignore_ascii_case("class") {
                    class = value;
                }
            } else if name.eq_ignore_ascii_case("hidden") {
                hidden_attribute = true;
            } else if name.eq_ignore_ascii_case("aria-hidden") {
                hidden |= value.eq_ignore_ascii_case("true");
            } else if name.eq_ignore_ascii_case("style") {
                hidden |= hides(value);
            } else if name.eq_ignore_ascii_case("role") {
                let role = value.trim();
                panel |= role.eq_ignore_ascii_case("tabpanel") || role.eq_ignore_ascii_case("region");
            }
        }
        // A tab panel is hidden until its tab is chosen, an accordion's
        // panel (a region labelled by its button, or a class that says so)
        // until it is opened: their text is the page's as much as the shown one's.
        (roles, !panel && (hidden || (hidden_attribute && !streamed)), class)
    }

    fn text(&mut self, text: &str, refs: bool) {
        let mut decoded = std::mem::take(&mut self.scratch);
        decoded.clear();
        let text = if refs && text.contains('&') {
            entities::decode_into(text, false, &mut decoded);
            decoded.as_str()
        } else {
            text
        };
        if self.pre > 0 {
            // Line breaks as the parser's input stream has them (`\r\n` and a
            // lone `\r` are `\n`); NULs go.
            let mut rest = text;
            while let Some(at) = memchr::memchr2(b'\r', b'\0', rest.as_bytes()) {
                let before = &rest[..at];
                self.push_text(before, non_space(before));
                let mut skip = 1;
                if rest.as_bytes()[at] == b'\r' {
                    self.buf.push('\n');
                    skip += usize::from(rest.as_bytes().get(at + 1) == Some(&b'\n'));
                }
                rest = &rest[at + skip..];
            }
            self.push_text(rest, non_space(rest));
        } else if text.is_ascii() && memchr::memchr(0, text.as_bytes()).is_none() {
            // The same in ASCII without NULs (nearly every text node): a run
            // of words with single spaces between them is copied at once.
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if is_ascii_space(bytes[i]) {
                    self.space = true;
                    i += 1;
                    continue;
                }
                let (start, mut spaces) = (i, 0);
                loop {
                    while i < bytes.len() && !is_ascii_space(bytes[i]) {
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b' ') && bytes.get(i + 1).is_some_and(|&b| !is_ascii_space(b)) {
                        (i, spaces) = (i + 1, spaces + 1);
                    } else {
                        break;
                    }
                }
                if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.space = false;
                self.push_text(&text[start..i], i - start - spaces);
            }
        } else {
            // Words, white space between them collapsed to one space.
            for (i, word) in SplitSpace::new(text).enumerate() {
                self.space |= i > 0;
                let word = word.trim_matches('\0');
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
        if self.main > 0 {
            self.main_chars += u64::from(chars);
        }
        if self.links > 0 {
            self.link_chars += chars;
        }
    }

    fn line_break(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.space = false;
    }

    /// Ends the current block, if it holds any text.
    fn flush(&mut self) {
        let at = self.blocks.last().copied();
        self.space = false;
        let kind = match at {
            Some(i) => block_kind(&self.stack, i, &self.page.nodes),
            None => BlockKind::Paragraph,
        };
        let owner = at.map_or(NONE, |i| self.stack[i].node);
        let text = self.buf.trim_end();
        let rich = self.rich.as_mut().and_then(|r| {
            // A figure's images go before the text after its caption.
            let caption = at.is_some_and(|i| self.stack[i].tag == Tag::Figcaption);
            r.flush(text, self.chars > 0, matches!(kind, BlockKind::Cell(_)), caption)
        });
        if self.chars == 0 {
            self.buf.clear();
            return;
        }
        let text = text.to_owned();
        self.buf.clear();
        let (chars, link_chars) = (self.chars, self.link_chars);
        self.page.blocks.push(Block { node: owner, kind, text, chars, link_chars, rich });
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// `tag#id.class.class` of an element, its classes cut at [`LABEL_CLASSES`].
fn label(dom: &Dom<'_>, e: &Element<'_>) -> String {
    let mut label = match e.tag {
        Tag::Other => e.name.to_ascii_lowercase(),
        tag => tag.name().to_owned(),
    };
    if let Some(id) = dom.attr(e, "id").map(str::trim).filter(|id| !id.is_empty()) {
        label.push('#');
        label.extend(id.chars().take(LABEL_CLASSES));
    }
    let start = label.len();
    for class in dom.attr(e, "class").unwrap_or_default().split_ascii_whitespace() {
        if label.len() - start + class.len() > LABEL_CLASSES {
            label.push_str(".\u{2026}");
            break;
        }
        label.push('.');
        label.push_str(class);
    }
    label
}

/// What the page's elements say of it, wherever they stand (the head, the
/// body, hidden or skipped parts): the first `<html lang>`, `<title>`,
/// canonical link, `<time datetime>` and `<base href>`, every `<meta>` and
/// JSON-LD script.
fn metadata(dom: &Dom<'_>) -> RawMeta {
    let mut meta = RawMeta::default();
    for (id, node) in dom.nodes.iter().enumerate() {
        let Data::Element(e) = &node.data else { continue };
        if e.ns != Ns::Html {
            continue;
        }
        let attr = |name: &str| dom.attr(e, name);
        match e.tag {
            Tag::Html if meta.lang.is_none() => meta.lang = attr("lang").map(decoded),
            Tag::Meta => {
                let key = ["property", "name", "itemprop", "http-equiv"].iter().find_map(|k| attr(k));
                if let (Some(key), Some(content)) = (key, attr("content")) {
                    meta.metas.push((key.to_ascii_lowercase(), decoded(content)));
                }
            }
            Tag::Link
                if meta.canonical.is_none() && attr("rel").is_some_and(|rel| rel.eq_ignore_ascii_case("canonical")) =>
            {
                meta.canonical = attr("href").map(decoded);
            }
            Tag::Time if meta.time.is_none() => meta.time = attr("datetime").map(decoded),
            Tag::Base if meta.base.is_none() => meta.base = attr("href").map(decoded),
            Tag::Title if meta.title.is_none() => meta.title = Some(collapse(&text_content(dom, id as u32))),
            Tag::Script if attr("type").is_some_and(|t| t.contains("ld+json")) => {
                meta.add_json_ld(text_content(dom, id as u32));
            }
            _ => {}
        }
    }
    meta
}

/// `text.split(char::is_whitespace)`, its ASCII read a byte at a time
/// (text nodes are mostly ASCII; the standard splitter decodes every
/// character).
struct SplitSpace<'t> {
    text: &'t str,
    at: usize,
    done: bool,
}

impl<'t> SplitSpace<'t> {
    fn new(text: &'t str) -> Self {
        SplitSpace { text, at: 0, done: false }
    }
}

impl<'t> Iterator for SplitSpace<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        if self.done {
            return None;
        }
        let (bytes, start) = (self.text.as_bytes(), self.at);
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            let (width, space) = if b.is_ascii() {
                (1, is_ascii_space(b))
            } else {
                let c = self.text[i..].chars().next().expect("i is a char boundary");
                (c.len_utf8(), c.is_whitespace())
            };
            if space {
                self.at = i + width;
                return Some(&self.text[start..i]);
            }
            i += width;
        }
        self.done = true;
        Some(&self.text[start..])
    }
}

/// `char::is_whitespace` of an ASCII byte: space and `\t..=\r`.
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

fn non_space(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The text of the text nodes right inside element `id`, references decoded.
fn text_content(dom: &Dom<'_>, id: u32) -> String {
    let mut out = String::new();
    let mut child = dom.node(id).first_child;
    while child != NONE {
        if let Data::Text(text) = dom.node(child).data {
            for (piece, refs) in dom.pieces(text) {
                if refs {
                    entities::decode_into(piece, false, &mut out);
                } else {
                    out.push_str(piece);
                }
            }
        }
        child = dom.node(child).next_sibling;
    }
    out
}

fn decoded(value: &str) -> String {
    collapse(&entities::decoded(value, true))
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

/// Whether `id` names a segment of a page streamed as it renders
/// (`<div hidden id="S:1">`: React's server rendering sends each part of
/// the page that was not ready at first in a hidden element, and its script
/// moves it into place at once): a browser shows what it holds, so its
/// `hidden` does not hide it (a product page's description and details).
fn streamed_segment(id: &str) -> bool {
    id.strip_prefix("S:").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(BlockKind, String)> {
        build(html, &Markup::new(), &Budget::unlimited())
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn split_space_splits_as_the_standard_library() {
        let cases = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tnew\nline\rcarriage\x0bvertical\x0cfeed",
            "no\u{a0}break\u{2003}em\u{3000}ideographic\u{2028}line\u{85}next",
            "caf\u{e9} na\u{ef}ve \u{65e5}\u{672c} \u{1f600}!",
            "zero\u{200b}width is not space",
            "\0nul\0 \0",
        ];
        for text in cases {
            let ours: Vec<&str> = SplitSpace::new(text).collect();
            let std: Vec<&str> = text.split(char::is_whitespace).collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn ascii_text_collapses_as_any_other() {
        // Text nodes of ASCII (read a run of words at a time) and the same
        // with a letter past ASCII or a NUL (read word by word) give the
        // same block: words with one space between them, none at the ends,
        // and their characters counted.
        let cases = [
            "one",
            "  two  words ",
            "tab\tnew\nline\r\ncarriage\x0bvertical\x0cfeed",
            "a b c d e f",
            "single  double   triple\t tab",
            " <b>bold</b>  after ",
            "end <i> inner </i><i>joined</i> ",
            "<a href=x>link text</a> and <a href=y> more </a>",
            "x<br> y <br>z",
            " \t\n ",
        ];
        for html in cases {
            for extra in ["", "\u{e9}", "\0"] {
                let page = format!("<p>{html}{extra}</p>");
                let blocks = build(&page, &Markup::new(), &Budget::unlimited()).unwrap().blocks;
                let text: Vec<String> = blocks.iter().map(|b| b.text.replace('\0', "")).collect();
                let chars: u32 = blocks.iter().map(|b| b.chars).sum();
                let visible = html.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "");
                let visible = visible.replace("<a href=x>", "").replace("<a href=y>", "").replace("</a>", "");
                let visible = format!("{visible}{extra}").replace('\0', "");
                let lines: Vec<String> =
                    visible.split("<br>").map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
                let want = lines.join("\n");
                let want_chars = want.chars().filter(|c| !c.is_whitespace()).count() as u32;
                assert_eq!(
                    (text.join("\n").trim().to_owned(), chars),
                    (want.trim().to_owned(), want_chars),
                    "{page:?}"
                );
            }
        }
    }

    #[test]
    fn a_blank_main_is_read_with_what_it_hides() {
        let menu = "<li><a href=\"/s\">Section of the site</a></li>".repeat(60);
        let page = |main: &str| format!("<nav><ul>{menu}</ul></nav>{main}<div hidden><p>A dialog.</p></div>");
        let text = |main: &str| {
            texts(&page(main)).into_iter().map(|(_, t)| t).filter(|t| !t.starts_with("Section")).collect::<Vec<_>>()
        };
        let hidden = "<div style=\"display:none\"><p>The council met.</p></div>";
        // Shown: in a `<main>` that shows nothing, or a hidden `<main>`; the dialog outside stays hidden.
        assert_eq!(text(&format!("<main>{hidden}</main>")), ["The council met."]);
        assert_eq!(text("<main hidden><p>The council met.</p></main>"), ["The council met."]);
        // Hidden: beside text the `<main>` shows, or with no `<main>`.
        assert_eq!(text(&format!("<main><p>Shown.</p>{hidden}</main>")), ["Shown."]);
        assert_eq!(text(hidden), Vec::<String>::new());
        // Hidden: on a page that shows text outside links (its article outside the `<main>`).
        let article = "<p>The council met on Tuesday and voted for the budget.</p>".repeat(40);
        assert!(!text(&format!("{article}<main>{hidden}</main>")).contains(&"The council met.".to_owned()));
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
            (
                "<pre><code><span class=\"line\"><span>npm</span> i</span><span class=\"line\">cd x</span>\n\
                 <span class=\"line\">ls</span><span class=\"lines\">y</span></code></pre>",
                &[(Preformatted, "npm i\ncd x\nlsy")],
            ),
            ("<p>x<script>var a = '<p>no</p>';</script>y</p>", &[(Paragraph, "xy")]),
            ("<p>shown</p><div hidden><p>no</p></div><p style=\"display: none\">no</p>", &[(Paragraph, "shown")]),
            ("<p class=\"sr-only\">no</p><p aria-hidden=\"true\">no</p><p>yes</p>", &[(Paragraph, "yes")]),
            // A tab panel not chosen yet is hidden until its tab is: its text is the page's.
            (
                "<div role=\"tablist\"><button>Python</button><button>Go</button></div>\
                 <div role=\"tabpanel\"><p>pip install x</p></div>\
                 <div role=\"tabpanel\" hidden style=\"display:none\"><p>go get x</p><p hidden>no</p></div>",
                &[(Paragraph, "pip install x"), (Paragraph, "go get x")],
            ),
            // So is an accordion's panel not opened yet.
            (
                "<h3 id=\"q1\">Cost</h3>\
                 <div aria-labelledby=\"q1\" role=\"region\" style=\"display:none\"><p>About $30,505.</p></div>\
                 <div role=\"region\" hidden><p>Two weeks.</p></div><div role=\"note\" hidden><p>no</p></div>",
                &[(Heading(3), "Cost"), (Paragraph, "About $30,505."), (Paragraph, "Two weeks.")],
            ),
            // And a panel whose class names it collapsible (Bootstrap's and
            // others' collapse, accordions, expanders); hiding classes still hide.
            (
                "<div class=\"collapse\" style=\"display:none\"><p>Specs.</p></div>\
                 <div class=\"a-expander-content\" hidden><p>Details.</p></div>\
                 <div class=\"chakra-accordion__panel\" aria-hidden=\"true\"><p>Care.</p></div>\
                 <div class=\"collapsed-menu hidden\"><p>no</p></div><div class=\"collapsed\" hidden><p>no</p></div>",
                &[(Paragraph, "Specs."), (Paragraph, "Details."), (Paragraph, "Care.")],
            ),
            // A segment streamed in as the page renders is shown; other ids and hiding styles still hide.
            (
                "<p>shown</p><div hidden id=\"S:0\"><p>streamed</p></div><div hidden id=\"S:x\"><p>no</p></div>\
                 <div id=\"S:1\" style=\"display:none\"><p>no</p></div><div hidden id=\"s:2\"><p>no</p></div>\
                 <div hidden id=\"S:\"><p>no</p></div><div hidden id=\"S:12a\"><p>no</p></div><div hidden id>no</div>",
                &[(Paragraph, "shown"), (Paragraph, "streamed")],
            ),
            // All but a splash screen in a `<noscript>` for readers without
            // scripts: read as they would; beside visible text it stays out.
            (
                "<div>Loading</div><noscript><div><p>The council met on <b>Tuesday</b>.</p></div></noscript>",
                &[(Paragraph, "Loading"), (Paragraph, "The council met on Tuesday.")],
            ),
            (
                "<p>The council met on Tuesday and the vote passed.</p><noscript><p>Enable scripts.</p></noscript>",
                &[(Paragraph, "The council met on Tuesday and the vote passed.")],
            ),
            // All but a splash screen hidden until a script shows it: shown.
            (
                "<div>Loading</div><div class=\"root hide\"><p>The council met on Tuesday.</p></div>",
                &[(Paragraph, "Loading"), (Paragraph, "The council met on Tuesday.")],
            ),
            ("<p>fish &amp; chips&nbsp;now</p>", &[(Paragraph, "fish & chips now")]),
            ("<P>Upper</P>", &[(Paragraph, "Upper")]),
            ("<p>unclosed <b>bold", &[(Paragraph, "unclosed bold")]),
            ("<form><button>Go</button><select><option>x</option></select></form>", &[]),
            // An accordion's question is its heading's button: read, as its answer is.
            (
                "<h3><button aria-expanded=\"false\" aria-controls=\"a1\">Does it ship abroad?</button></h3>\
                 <div id=\"a1\" role=\"region\" hidden><p>Yes, to 40 countries.</p></div><p><button>Buy</button></p>",
                &[(Heading(3), "Does it ship abroad?"), (Paragraph, "Yes, to 40 countries.")],
            ),
        ];
        for (html, want) in cases {
            let got = texts(html);
            let want: Vec<(BlockKind, String)> = want.iter().map(|(k, t)| (*k, (*t).to_owned())).collect();
            assert_eq!(got, want, "html {html:?}");
        }
    }

    #[test]
    fn cells_of_a_row_share_it() {
        let page = build(
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
            &Markup::new(),
            &Budget::unlimited(),
        )
        .unwrap();
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
            &Budget::unlimited(),
        )
        .unwrap();
        assert_eq!((page.blocks[0].chars, page.blocks[0].link_chars), (5, 5));
        let roles: Vec<u8> = page.nodes.iter().map(|n| n.roles).collect();
        // html and body, then the page's elements.
        assert_eq!(roles, [0, 0, role::BOILERPLATE, 0, role::BOILERPLATE, 0, role::COMMENTS, 0]);
    }

    #[test]
    fn classes_that_name_no_part_of_the_page_give_no_role() {
        // (page, the roles of the element holding "x", then of the body)
        let cases = [
            // A page-wide class: the root's and the body's say nothing.
            ("<html class=\"nav-open\"><body class=\"sidebar-left\"><p>x</p></body></html>", 0),
            ("<body style=\"display:none\" class=\"hidden\"><p>x</p></body>", 0),
            // Utility classes with a variant or an arbitrary value.
            ("<div class=\"print:hidden md:flex\"><p>x</p></div>", 0),
            ("<div class=\"[--nav-bar-height:47px] xs:[&.fixed-sidebar]:grid\"><p>x</p></div>", 0),
            // Beside them, a plain class still counts.
            ("<div class=\"print:hidden sidebar\"><p>x</p></div>", role::BOILERPLATE),
        ];
        for (html, want) in cases {
            let page = build(html, &Markup::new(), &Budget::unlimited()).unwrap();
            let x = page.blocks.iter().find(|b| b.text == "x").unwrap_or_else(|| panic!("{html}: x is hidden"));
            let mut roles = 0;
            let mut node = x.node;
            while node != NONE {
                roles |= page.nodes[node as usize].roles;
                node = page.nodes[node as usize].parent;
            }
            assert_eq!(roles, want, "{html}");
        }
    }

    #[test]
    fn every_hint_is_read_from_its_class_names() {
        // (class, the hints of its element, its roles)
        let cases = [
            ("entry-content", hint::CONTENT, 0),
            ("message", hint::THREAD, 0),
            ("product-specs", hint::PRODUCT, 0),
            ("card", hint::CARDS, 0),
            ("product-card", hint::PRODUCT | hint::CARDS, 0),
            ("productcard", 0, 0),
            ("related-cards", hint::CARDS, role::BOILERPLATE),
            ("plain", 0, 0),
        ];
        for (class, hints, roles) in cases {
            let page = build(&format!("<div class=\"{class}\"><p>x</p></div>"), &Markup::new(), &Budget::unlimited());
            let div = page.unwrap().nodes.into_iter().find(|n| n.tag == Tag::Div).expect("the div");
            assert_eq!((div.hints, div.roles), (hints, roles), "{class}");
        }
        // Every group of `hint::ALL` has its own bit, and the vocabulary names each.
        let bits = hint::ALL.iter().fold(0u8, |all, &(bit, _)| all | bit);
        assert_eq!(bits.count_ones() as usize, hint::ALL.len());
        for (_, name) in hint::ALL {
            assert!(CLASSES.lines().any(|l| l.starts_with(&format!("{name} "))), "{name}");
        }
    }

    #[test]
    fn shapes_are_the_tag_and_the_class_names() {
        let page = build(
            "<div><p class=\"card wide\">a</p><p class=\" card\twide \">b</p><p class=\"card\">c</p>\
             <div class=\"card wide\">d</div><p>e</p><p>f</p></div>",
            &Markup::new(),
            &Budget::unlimited(),
        )
        .unwrap();
        let shape = |text: &str| page.nodes[page.blocks.iter().find(|b| b.text == text).unwrap().node as usize].shape;
        assert_eq!(shape("a"), shape("b"));
        assert_eq!(shape("e"), shape("f"));
        for other in ["c", "d", "e"] {
            assert_ne!(shape("a"), shape(other), "{other}");
        }
    }

    #[test]
    fn metadata_is_collected() {
        let page = build(
            "<html lang=\"de\"><head><title>A &amp; B</title><meta property=\"og:title\" content=\"T\">\
             <link rel=\"canonical\" href=\"https://x/a\"><script type=\"application/ld+json\">{\"a\":1}</script>\
             </head><body><time datetime=\"2020-01-02\">Jan 2</time></body></html>",
            &Markup::new(),
            &Budget::unlimited(),
        )
        .unwrap();
        let meta = page.meta;
        assert_eq!(meta.lang.as_deref(), Some("de"));
        assert_eq!(meta.title.as_deref(), Some("A & B"));
        assert_eq!(meta.metas, [("og:title".to_owned(), "T".to_owned())]);
        assert_eq!(meta.canonical.as_deref(), Some("https://x/a"));
        assert_eq!(meta.json_ld, ["{\"a\":1}"]);
        assert_eq!(meta.json_ld_values, [serde_json::json!({"a": 1})]);
        assert_eq!(meta.time.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn vocabulary_parses() {
        let markup = Markup::new();
        assert!(markup.tokens.len() > 20 && !markup.part_roles.is_empty() && !markup.hidden_classes.is_empty());
    }
}
