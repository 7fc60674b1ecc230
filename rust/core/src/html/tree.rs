//! Tokens to the document tree, as the tree construction stage of the
//! WHATWG HTML standard builds it, with scripting on (`<noscript>` holds
//! raw text; [`parse_without_scripts`]: in the body, its markup is read
//! as a browser without scripts reads it): insertion modes, implied end tags, the adoption agency for
//! misnested formatting, foster parenting of what tables hold outside
//! their cells, foreign content (`svg`, `math`) and its break-outs,
//! `<template>`, `<plaintext>`, and the relaxed `<select>` of the current
//! standard.
//!
//! Two bounds keep the work linear on hostile pages where the standard's
//! algorithm is not ([`MAX_DEPTH`], [`MAX_FORMATTING`]); real pages stay
//! far inside both.

use super::dom::{Data, Dom, Element, DOCUMENT, NONE};
use super::tags::{Ns, Tag};
use super::tokenize::{Attr, State, Token, Tokenizer};
use crate::budget::Budget;
use crate::error::Error;

/// Elements open at once, at most. Past it, the deepest open element is
/// closed before a new one opens, so no scan of the open elements is longer
/// than this and nothing recurses deeper; the text stays, in order.
pub const MAX_DEPTH: usize = 512;
/// Active formatting elements after the last marker, at most (the standard
/// has no bound: `<b id=1>` ... `<b id=2000>` unclosed, then paragraphs,
/// would clone all of them into every paragraph). The oldest goes first.
pub const MAX_FORMATTING: usize = 64;
/// Attributes a later `<html>` or `<body>` tag may add to the first, at most.
const MAX_MERGED_ATTRIBUTES: usize = 64;

/// The tree of `page`, and whether the page is in quirks mode; `Err`
/// when the `budget` runs out first.
pub fn parse<'a>(page: &'a str, budget: &Budget) -> Result<(Dom<'a>, bool), Error> {
    parse_with(page, budget, true)
}

/// [`parse`] as a browser with scripting off builds the body: a
/// `<noscript>` there holds elements, not raw text (in the head it stays
/// raw text).
pub fn parse_without_scripts<'a>(page: &'a str, budget: &Budget) -> Result<(Dom<'a>, bool), Error> {
    parse_with(page, budget, false)
}

fn parse_with<'a>(page: &'a str, budget: &Budget, scripting: bool) -> Result<(Dom<'a>, bool), Error> {
    let mut builder = Builder::new(page);
    builder.scripting = scripting;
    loop {
        budget.tick()?;
        builder.tok.cdata = builder.current_element().is_some_and(|e| e.ns != Ns::Html);
        let token = builder.tok.next_token();
        builder.process(token);
        if token == Token::Eof {
            break;
        }
    }
    Ok((builder.dom, builder.quirks))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

/// Which elements bound a scope ("has an element in ... scope").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

/// Done with the token, or process this token (it, or what is left of it)
/// again, in the (changed) mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step<'a> {
    Done,
    Again(Token<'a>),
}
use Step::{Again, Done};

struct Builder<'a> {
    tok: Tokenizer<'a>,
    /// The scripting flag: on, `<noscript>` holds raw text.
    scripting: bool,
    dom: Dom<'a>,
    mode: Mode,
    /// The mode to go back to after the text of a raw-text element or a table's text.
    original: Mode,
    templates: Vec<Mode>,
    /// The open elements, outermost first.
    stack: Vec<u32>,
    /// Whether each node is open, by node id (grown as nodes are made).
    open: Vec<bool>,
    /// Open HTML elements by tag: scope checks for a tag not open are free.
    open_count: [u32; Tag::COUNT],
    /// Active formatting elements; [`NONE`] is a marker.
    formatting: Vec<u32>,
    head: u32,
    form: u32,
    frameset_ok: bool,
    foster: bool,
    quirks: bool,
    /// A line feed right after `<pre>`, `<listing>` or `<textarea>` is dropped.
    skip_newline: bool,
    /// Text met in a table, held until it is known whether it is all white space.
    table_text: Vec<(&'a str, bool)>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// The white space `text` starts with, and the rest.
fn split_space(text: &str) -> (&str, &str) {
    let at = text.bytes().position(|b| !is_space(b)).unwrap_or(text.len());
    text.split_at(at)
}

fn all_space(text: &str) -> bool {
    text.bytes().all(is_space)
}

/// Elements with special parsing rules ("special" in the standard).
fn is_special(e: &Element<'_>) -> bool {
    use Tag::*;
    match e.ns {
        Ns::Html => matches!(
            e.tag,
            Address
                | Applet
                | Area
                | Article
                | Aside
                | Base
                | Basefont
                | Bgsound
                | Blockquote
                | Body
                | Br
                | Button
                | Caption
                | Center
                | Col
                | Colgroup
                | Dd
                | Details
                | Dir
                | Div
                | Dl
                | Dt
                | Embed
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | Frame
                | Frameset
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Head
                | Header
                | Hgroup
                | Hr
                | Html
                | Iframe
                | Img
                | Input
                | Keygen
                | Li
                | Link
                | Listing
                | Main
                | Marquee
                | Menu
                | Meta
                | Nav
                | Noembed
                | Noframes
                | Noscript
                | Object
                | Ol
                | P
                | Param
                | Plaintext
                | Pre
                | Script
                | Search
                | Section
                | Select
                | Source
                | Style
                | Summary
                | Table
                | Tbody
                | Td
                | Template
                | Textarea
                | Tfoot
                | Th
                | Thead
                | Title
                | Tr
                | Track
                | Ul
                | Wbr
                | Xmp
        ),
        Ns::MathMl => matches!(e.tag, Mi | Mo | Mn | Ms | Mtext | AnnotationXml),
        Ns::Svg => matches!(e.tag, ForeignObject | Desc | Title),
    }
}

fn is_heading(tag: Tag) -> bool {
    tag.heading_level().is_some()
}

/// Elements whose end tag is implied ("generate implied end tags").
fn implied_end(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, Dd | Dt | Li | Optgroup | Option | P | Rb | Rp | Rt | Rtc)
}

/// ... and those implied "thoroughly" (closing a template).
fn implied_end_thorough(tag: Tag) -> bool {
    use Tag::*;
    implied_end(tag) || matches!(tag, Caption | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr)
}

fn bounds(e: &Element<'_>, scope: Scope) -> bool {
    use Tag::*;
    let html = e.ns == Ns::Html;
    match scope {
        Scope::Table => html && matches!(e.tag, Html | Table | Template),
        Scope::Default | Scope::ListItem | Scope::Button => {
            let default = match e.ns {
                // `select` bounds scopes as the relaxed `<select>` parsing of
                // browsers (and Lexbor) has it: end tags inside one close
                // nothing outside it.
                Ns::Html => {
                    matches!(e.tag, Applet | Caption | Html | Table | Td | Th | Marquee | Object | Template | Select)
                }
                Ns::MathMl => matches!(e.tag, Mi | Mo | Mn | Ms | Mtext | AnnotationXml),
                Ns::Svg => matches!(e.tag, ForeignObject | Desc | Title),
            };
            default
                || (scope == Scope::ListItem && html && matches!(e.tag, Ol | Ul))
                || (scope == Scope::Button && html && e.tag == Button)
        }
    }
}

/// Start tags that break out of foreign content back into HTML.
fn breaks_out(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        B | Big
            | Blockquote
            | Body
            | Br
            | Center
            | Code
            | Dd
            | Div
            | Dl
            | Dt
            | Em
            | Embed
            | H1
            | H2
            | H3
            | H4
            | H5
            | H6
            | Head
            | Hr
            | I
            | Img
            | Li
            | Listing
            | Menu
            | Meta
            | Nobr
            | Ol
            | P
            | Pre
            | Ruby
            | S
            | Small
            | Span
            | Strong
            | Strike
            | Sub
            | Sup
            | Table
            | Tt
            | U
            | Ul
            | Var
    )
}

impl<'a> Builder<'a> {
    fn new(page: &'a str) -> Self {
        let dom = Dom::new(page);
        Builder {
            tok: Tokenizer::new(page),
            scripting: true,
            dom,
            mode: Mode::Initial,
            original: Mode::InBody,
            templates: Vec::new(),
            stack: Vec::with_capacity(64),
            open: Vec::new(),
            open_count: [0; Tag::COUNT],
            formatting: Vec::new(),
            head: NONE,
            form: NONE,
            frameset_ok: true,
            foster: false,
            quirks: false,
            skip_newline: false,
            table_text: Vec::new(),
        }
    }

    // --- the open elements -------------------------------------------------

    fn element(&self, id: u32) -> &Element<'a> {
        self.dom.element(id).expect("open nodes are elements")
    }

    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn current_element(&self) -> Option<&Element<'a>> {
        self.stack.last().map(|&id| self.element(id))
    }

    fn current_is(&self, tag: Tag) -> bool {
        self.current_element().is_some_and(|e| e.is(tag))
    }

    fn is_open(&self, id: u32) -> bool {
        self.open.get(id as usize).copied().unwrap_or(false)
    }

    fn set_open(&mut self, id: u32, open: bool) {
        if self.open.len() <= id as usize {
            self.open.resize(self.dom.nodes.len().max(id as usize + 1), false);
        }
        self.open[id as usize] = open;
        let e = *self.element(id);
        if e.ns == Ns::Html {
            if open {
                self.open_count[e.tag as usize] += 1;
            } else {
                self.open_count[e.tag as usize] -= 1;
            }
        }
    }

    fn push(&mut self, id: u32) {
        if self.stack.len() >= MAX_DEPTH {
            self.pop();
        }
        self.stack.push(id);
        self.set_open(id, true);
    }

    /// Pops the current node; the root element is never popped.
    fn pop(&mut self) {
        if self.stack.len() > 1 {
            let id = self.stack.pop().expect("more than one");
            self.set_open(id, false);
        }
    }

    fn pop_until(&mut self, mut done: impl FnMut(&Element<'a>) -> bool) {
        while self.stack.len() > 1 {
            let last = *self.element(self.current());
            self.pop();
            if done(&last) {
                return;
            }
        }
    }

    /// Pops until the HTML element `tag` has been popped.
    fn pop_until_tag(&mut self, tag: Tag) {
        self.pop_until(|e| e.is(tag));
    }

    fn remove_from_stack(&mut self, id: u32) {
        if let Some(at) = self.stack.iter().rposition(|&n| n == id) {
            if at > 0 {
                self.stack.remove(at);
                self.set_open(id, false);
            }
        }
    }

    fn in_scope_where(&self, scope: Scope, mut target: impl FnMut(u32, &Element<'a>) -> bool) -> bool {
        for &id in self.stack.iter().rev() {
            let e = self.element(id);
            if target(id, e) {
                return true;
            }
            if bounds(e, scope) {
                return false;
            }
        }
        false
    }

    fn in_scope(&self, tag: Tag, scope: Scope) -> bool {
        self.open_count[tag as usize] > 0 && self.in_scope_where(scope, |_, e| e.is(tag))
    }

    fn any_open(&self, tags: &[Tag]) -> bool {
        tags.iter().any(|&t| self.open_count[t as usize] > 0)
    }

    fn generate_implied_end(&mut self, except: Option<Tag>) {
        while let Some(e) = self.current_element() {
            if e.ns != Ns::Html || !implied_end(e.tag) || Some(e.tag) == except {
                return;
            }
            self.pop();
        }
    }

    fn generate_implied_end_thorough(&mut self) {
        while self.current_element().is_some_and(|e| e.ns == Ns::Html && implied_end_thorough(e.tag)) {
            self.pop();
        }
    }

    fn close_p(&mut self) {
        self.generate_implied_end(Some(Tag::P));
        self.pop_until_tag(Tag::P);
    }

    fn close_p_in_button_scope(&mut self) {
        if self.in_scope(Tag::P, Scope::Button) {
            self.close_p();
        }
    }

    /// Pops until the current node is one of `tags` (or `html` or `template`).
    fn clear_back_to(&mut self, tags: &[Tag]) {
        while self.current_element().is_some_and(|e| {
            !(e.ns == Ns::Html && (tags.contains(&e.tag) || matches!(e.tag, Tag::Html | Tag::Template)))
        }) {
            if self.stack.len() <= 1 {
                return;
            }
            self.pop();
        }
    }

    fn template_open(&self) -> bool {
        self.open_count[Tag::Template as usize] > 0
    }

    // --- inserting ---------------------------------------------------------

    /// Where a node goes: the parent, and the child to insert before ([`NONE`]: last).
    fn insertion_place(&self, target: u32) -> (u32, u32) {
        let fostered = self.foster
            && self.dom.element(target).is_some_and(|e| {
                e.ns == Ns::Html && matches!(e.tag, Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr)
            });
        if !fostered {
            return (target, NONE);
        }
        let last_of = |tag: Tag| self.stack.iter().rposition(|&id| self.dom.is(id, tag));
        let table = last_of(Tag::Table);
        if let Some(template) = last_of(Tag::Template) {
            if table.is_none_or(|t| template > t) {
                return (self.stack[template], NONE);
            }
        }
        let Some(table) = table else { return (self.stack[0], NONE) };
        let table_id = self.stack[table];
        let parent = self.dom.node(table_id).parent;
        if parent != NONE {
            (parent, table_id)
        } else {
            (self.stack[table - 1], NONE)
        }
    }

    fn create(&mut self, tag: Tag, ns: Ns, name: &'a str, attrs: &[Attr<'a>]) -> u32 {
        let attrs = self.dom.add_attrs(attrs);
        self.dom.create(Data::Element(Element { tag, ns, name, attrs }))
    }

    /// A copy of element `id` (for the active formatting elements).
    fn clone_element(&mut self, id: u32) -> u32 {
        let e = *self.element(id);
        self.dom.create(Data::Element(e))
    }

    fn insert_node(&mut self, id: u32) {
        let (parent, before) = self.insertion_place(self.current());
        self.dom.insert(parent, id, before);
    }

    /// Inserts an element for the current start tag, and opens it.
    fn insert(&mut self, tag: Tag, ns: Ns, name: &'a str) -> u32 {
        let attrs = std::mem::take(&mut self.tok.attrs);
        let id = self.create(tag, ns, name, &attrs);
        self.tok.attrs = attrs;
        self.insert_node(id);
        self.push(id);
        id
    }

    fn insert_html(&mut self, tag: Tag, name: &'a str) -> u32 {
        self.insert(tag, Ns::Html, name)
    }

    /// Inserts an element the markup implies (no attributes).
    fn insert_implied(&mut self, tag: Tag) -> u32 {
        let id = self.create(tag, Ns::Html, tag.name(), &[]);
        self.insert_node(id);
        self.push(id);
        id
    }

    /// Inserts a void element (and closes it at once).
    fn insert_void(&mut self, tag: Tag, name: &'a str) {
        self.insert_html(tag, name);
        self.pop();
    }

    fn insert_text(&mut self, text: &'a str, refs: bool) {
        let mut text = text;
        if self.skip_newline {
            self.skip_newline = false;
            text = text.strip_prefix("\r\n").or_else(|| text.strip_prefix(['\n', '\r'])).unwrap_or(text);
        }
        let current = self.current();
        if current == NONE {
            return;
        }
        let (parent, before) = self.insertion_place(current);
        if parent == DOCUMENT {
            return;
        }
        self.dom.insert_text(parent, before, text, refs);
    }

    /// An element whose text is raw (RCDATA, RAWTEXT or a script).
    fn raw_text_element(&mut self, tag: Tag, name: &'a str, state: State) {
        self.insert_html(tag, name);
        self.tok.set_state(state);
        self.original = self.mode;
        self.mode = Mode::Text;
    }

    // --- active formatting elements ---------------------------------------

    fn after_marker(&self) -> usize {
        self.formatting.iter().rposition(|&e| e == NONE).map_or(0, |m| m + 1)
    }

    fn push_formatting(&mut self, id: u32) {
        let from = self.after_marker();
        let e = *self.element(id);
        let same: Vec<usize> = (from..self.formatting.len())
            .filter(|&i| {
                let other = self.element(self.formatting[i]);
                other.same_name(&e) && self.same_attrs(other, &e)
            })
            .collect();
        // Noah's Ark: three of a kind at most.
        if same.len() >= 3 {
            self.formatting.remove(same[0]);
        }
        if self.formatting.len() - from >= MAX_FORMATTING {
            self.formatting.remove(from);
        }
        self.formatting.push(id);
    }

    fn same_attrs(&self, a: &Element<'a>, b: &Element<'a>) -> bool {
        let (a, b) = (self.dom.attrs(a), self.dom.attrs(b));
        a.len() == b.len()
            && a.len() <= 16
            && a.iter().all(|x| b.iter().any(|y| x.name.eq_ignore_ascii_case(y.name) && x.value == y.value))
    }

    fn push_marker(&mut self) {
        // Markers belong to open cells, captions, applets, marquees, objects
        // and templates: more than MAX_DEPTH of them are stale ones (closed at the depth bound).
        if self.formatting.len() >= MAX_DEPTH + MAX_FORMATTING {
            self.formatting.remove(0);
        }
        self.formatting.push(NONE);
    }

    fn clear_formatting_to_marker(&mut self) {
        while let Some(e) = self.formatting.pop() {
            if e == NONE {
                return;
            }
        }
    }

    fn reconstruct_formatting(&mut self) {
        let Some(&last) = self.formatting.last() else { return };
        if last == NONE || self.is_open(last) {
            return;
        }
        let mut i = self.formatting.len() - 1;
        while i > 0 {
            let e = self.formatting[i - 1];
            if e == NONE || self.is_open(e) {
                break;
            }
            i -= 1;
        }
        for j in i..self.formatting.len() {
            let copy = self.clone_element(self.formatting[j]);
            self.insert_node(copy);
            self.push(copy);
            self.formatting[j] = copy;
        }
    }

    /// The adoption agency algorithm for an end tag `tag` (or a start tag
    /// `a`/`nobr` closing the last one). False: treat it as any other end tag.
    fn adoption_agency(&mut self, tag: Tag) -> bool {
        let current = self.current();
        if self.dom.is(current, tag) && !self.formatting[self.after_marker()..].contains(&current) {
            self.pop();
            return true;
        }
        for _ in 0..8 {
            let from = self.after_marker();
            let Some(fi) = (from..self.formatting.len()).rev().find(|&i| self.dom.is(self.formatting[i], tag)) else {
                return false;
            };
            let fe = self.formatting[fi];
            let Some(fe_at) = self.stack.iter().rposition(|&id| id == fe) else {
                self.formatting.remove(fi);
                return true;
            };
            if !self.in_scope_where(Scope::Default, |id, _| id == fe) {
                return true;
            }
            let Some(fb_at) = (fe_at + 1..self.stack.len()).find(|&i| is_special(self.element(self.stack[i]))) else {
                while self.stack.len() > fe_at {
                    self.pop();
                }
                self.formatting.remove(fi);
                return true;
            };
            let furthest = self.stack[fb_at];
            let common = self.stack[fe_at - 1];
            let mut bookmark = fi;
            let mut last = furthest;
            let mut at = fb_at;
            let mut inner = 0;
            loop {
                inner += 1;
                at -= 1;
                let node = self.stack[at];
                if node == fe {
                    break;
                }
                let mut fpos = (from..self.formatting.len()).find(|&i| self.formatting[i] == node);
                if inner > 3 {
                    if let Some(p) = fpos {
                        self.formatting.remove(p);
                        if p < bookmark {
                            bookmark -= 1;
                        }
                        fpos = None;
                    }
                }
                let Some(p) = fpos else {
                    self.stack.remove(at);
                    self.set_open(node, false);
                    continue;
                };
                let copy = self.clone_element(node);
                self.formatting[p] = copy;
                self.set_open(node, false);
                self.stack[at] = copy;
                self.set_open(copy, true);
                if last == furthest {
                    bookmark = p + 1;
                }
                self.dom.detach(last);
                self.dom.insert(copy, last, NONE);
                last = copy;
            }
            self.dom.detach(last);
            let (parent, before) = self.insertion_place(common);
            self.dom.insert(parent, last, before);
            let copy = self.clone_element(fe);
            self.dom.move_children(furthest, copy);
            self.dom.insert(furthest, copy, NONE);
            let fe_pos = (from..self.formatting.len()).find(|&i| self.formatting[i] == fe).expect("still listed");
            self.formatting.remove(fe_pos);
            if fe_pos < bookmark {
                bookmark -= 1;
            }
            self.formatting.insert(bookmark.min(self.formatting.len()), copy);
            self.remove_from_stack(fe);
            let fb_now = self.stack.iter().rposition(|&id| id == furthest).expect("furthest block is open");
            self.stack.insert(fb_now + 1, copy);
            self.set_open(copy, true);
        }
        true
    }

    // --- the dispatcher ----------------------------------------------------

    fn process(&mut self, token: Token<'a>) {
        if !matches!(token, Token::Text { .. }) {
            self.skip_newline = false;
        }
        // The current mode, or the rules for foreign content.
        let mut token = token;
        loop {
            let step = if self.foreign(&token) { self.in_foreign(token) } else { self.step(self.mode, token) };
            match step {
                Done => return,
                Again(next) => token = next,
            }
        }
    }

    /// Whether `token` is read by the rules for foreign content.
    fn foreign(&self, token: &Token<'a>) -> bool {
        let Some(e) = self.current_element() else { return false };
        if e.ns == Ns::Html || *token == Token::Eof {
            return false;
        }
        let mathml_text = e.ns == Ns::MathMl && matches!(e.tag, Tag::Mi | Tag::Mo | Tag::Mn | Tag::Ms | Tag::Mtext);
        let html_point = self.html_integration_point(e);
        match *token {
            Token::Start { tag, .. } => {
                !((mathml_text && !matches!(tag, Tag::Mglyph | Tag::Malignmark))
                    || (e.ns == Ns::MathMl && e.tag == Tag::AnnotationXml && tag == Tag::Svg)
                    || html_point)
            }
            Token::Text { .. } => !(mathml_text || html_point),
            _ => true,
        }
    }

    fn html_integration_point(&self, e: &Element<'a>) -> bool {
        match e.ns {
            Ns::Svg => matches!(e.tag, Tag::ForeignObject | Tag::Desc | Tag::Title),
            Ns::MathMl => {
                e.tag == Tag::AnnotationXml
                    && self.dom.attr(e, "encoding").is_some_and(|v| {
                        v.eq_ignore_ascii_case("text/html") || v.eq_ignore_ascii_case("application/xhtml+xml")
                    })
            }
            Ns::Html => false,
        }
    }

    fn in_foreign(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Text { text, refs } => {
                if !all_space(text) {
                    self.frameset_ok = false;
                }
                self.insert_text(text, refs);
            }
            Token::Comment | Token::Doctype { .. } | Token::Eof => {}
            Token::Start { tag, name, self_closing } => {
                let font_out = tag == Tag::Font
                    && self
                        .tok
                        .attrs
                        .iter()
                        .any(|a| ["color", "face", "size"].iter().any(|n| a.name.eq_ignore_ascii_case(n)));
                if breaks_out(tag) || font_out {
                    self.pop_to_html_content();
                    return self.step(self.mode, token);
                }
                let ns = self.current_element().map_or(Ns::Html, |e| e.ns);
                self.insert(tag, ns, name);
                if self_closing {
                    self.pop();
                }
            }
            Token::End { tag, name } => {
                if matches!(tag, Tag::Br | Tag::P) {
                    self.pop_to_html_content();
                    return self.step(self.mode, token);
                }
                for at in (0..self.stack.len()).rev() {
                    let e = *self.element(self.stack[at]);
                    if e.ns == Ns::Html && at + 1 < self.stack.len() {
                        return self.step(self.mode, token);
                    }
                    if at == 0 {
                        return Done;
                    }
                    let matches = if tag == Tag::Other { e.name.eq_ignore_ascii_case(name) } else { e.tag == tag };
                    if matches {
                        while self.stack.len() > at {
                            self.pop();
                        }
                        return Done;
                    }
                }
            }
        }
        Done
    }

    /// Pops foreign elements until an HTML element or an integration point is current.
    fn pop_to_html_content(&mut self) {
        while let Some(e) = self.current_element() {
            let mathml_text = e.ns == Ns::MathMl && matches!(e.tag, Tag::Mi | Tag::Mo | Tag::Mn | Tag::Ms | Tag::Mtext);
            if e.ns == Ns::Html || mathml_text || self.html_integration_point(e) || self.stack.len() <= 1 {
                return;
            }
            self.pop();
        }
    }

    fn step(&mut self, mode: Mode, token: Token<'a>) -> Step<'a> {
        match mode {
            Mode::Initial => self.initial(token),
            Mode::BeforeHtml => self.before_html(token),
            Mode::BeforeHead => self.before_head(token),
            Mode::InHead => self.in_head(token),
            Mode::AfterHead => self.after_head(token),
            Mode::InBody => self.in_body(token),
            Mode::Text => self.text_mode(token),
            Mode::InTable => self.in_table(token),
            Mode::InTableText => self.in_table_text(token),
            Mode::InCaption => self.in_caption(token),
            Mode::InColumnGroup => self.in_column_group(token),
            Mode::InTableBody => self.in_table_body(token),
            Mode::InRow => self.in_row(token),
            Mode::InCell => self.in_cell(token),
            Mode::InTemplate => self.in_template(token),
            Mode::AfterBody => self.after_body(token),
            Mode::InFrameset | Mode::AfterFrameset => self.frameset(mode, token),
            Mode::AfterAfterBody => self.after_after_body(token),
            Mode::AfterAfterFrameset => self.after_after_frameset(token),
        }
    }

    /// For modes that drop leading white space: the token without it, or
    /// `None` when nothing else is left.
    fn drop_leading_space(token: Token<'a>) -> Option<Token<'a>> {
        match token {
            Token::Text { text, refs } => {
                let (_, rest) = split_space(text);
                (!rest.is_empty()).then_some(Token::Text { text: rest, refs })
            }
            other => Some(other),
        }
    }

    /// For modes that insert leading white space: inserts it, and gives the
    /// rest of the token, or `None` when nothing else is left.
    fn insert_leading_space(&mut self, token: Token<'a>) -> Option<Token<'a>> {
        match token {
            Token::Text { text, refs } => {
                let (space, rest) = split_space(text);
                self.insert_text(space, refs);
                (!rest.is_empty()).then_some(Token::Text { text: rest, refs })
            }
            other => Some(other),
        }
    }

    fn initial(&mut self, token: Token<'a>) -> Step<'a> {
        let Some(token) = Self::drop_leading_space(token) else { return Done };
        match token {
            Token::Comment => Done,
            Token::Doctype { quirks } => {
                self.quirks = quirks;
                self.mode = Mode::BeforeHtml;
                Done
            }
            _ => {
                self.quirks = true;
                self.mode = Mode::BeforeHtml;
                self.step(Mode::BeforeHtml, token)
            }
        }
    }

    fn before_html(&mut self, token: Token<'a>) -> Step<'a> {
        let Some(token) = Self::drop_leading_space(token) else { return Done };
        match token {
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag: Tag::Html, name, .. } => {
                let attrs = std::mem::take(&mut self.tok.attrs);
                let id = self.create(Tag::Html, Ns::Html, name, &attrs);
                self.tok.attrs = attrs;
                self.dom.insert(DOCUMENT, id, NONE);
                self.push(id);
                self.mode = Mode::BeforeHead;
                Done
            }
            Token::End { tag, .. } if !matches!(tag, Tag::Head | Tag::Body | Tag::Html | Tag::Br) => Done,
            _ => {
                let id = self.create(Tag::Html, Ns::Html, "html", &[]);
                self.dom.insert(DOCUMENT, id, NONE);
                self.push(id);
                self.mode = Mode::BeforeHead;
                Again(token)
            }
        }
    }

    fn before_head(&mut self, token: Token<'a>) -> Step<'a> {
        let Some(token) = Self::drop_leading_space(token) else { return Done };
        match token {
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag: Tag::Html, .. } => self.in_body(token),
            Token::Start { tag: Tag::Head, name, .. } => {
                self.head = self.insert_html(Tag::Head, name);
                self.mode = Mode::InHead;
                Done
            }
            Token::End { tag, .. } if !matches!(tag, Tag::Head | Tag::Body | Tag::Html | Tag::Br) => Done,
            _ => {
                self.head = self.insert_implied(Tag::Head);
                self.mode = Mode::InHead;
                Again(token)
            }
        }
    }

    fn in_head(&mut self, token: Token<'a>) -> Step<'a> {
        let Some(token) = self.insert_leading_space(token) else { return Done };
        match token {
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag, name, .. } => match tag {
                Tag::Html => self.in_body(token),
                Tag::Base | Tag::Basefont | Tag::Bgsound | Tag::Link | Tag::Meta => {
                    self.insert_void(tag, name);
                    Done
                }
                Tag::Title => {
                    self.raw_text_element(tag, name, State::Rcdata(tag));
                    Done
                }
                Tag::Noscript | Tag::Noframes | Tag::Style => {
                    self.raw_text_element(tag, name, State::Rawtext(tag));
                    Done
                }
                Tag::Script => {
                    self.raw_text_element(tag, name, State::ScriptData);
                    Done
                }
                Tag::Template => {
                    self.insert_html(tag, name);
                    self.push_marker();
                    self.frameset_ok = false;
                    self.mode = Mode::InTemplate;
                    self.templates.push(Mode::InTemplate);
                    Done
                }
                Tag::Head => Done,
                _ => self.leave_head(token),
            },
            Token::End { tag, .. } => match tag {
                Tag::Head => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Done
                }
                Tag::Body | Tag::Html | Tag::Br => self.leave_head(token),
                Tag::Template => {
                    if self.template_open() {
                        self.generate_implied_end_thorough();
                        self.pop_until_tag(Tag::Template);
                        self.clear_formatting_to_marker();
                        self.templates.pop();
                        self.reset_mode();
                    }
                    Done
                }
                _ => Done,
            },
            Token::Text { .. } | Token::Eof => self.leave_head(token),
        }
    }

    fn leave_head(&mut self, token: Token<'a>) -> Step<'a> {
        self.pop();
        self.mode = Mode::AfterHead;
        Again(token)
    }

    fn after_head(&mut self, token: Token<'a>) -> Step<'a> {
        let Some(token) = self.insert_leading_space(token) else { return Done };
        match token {
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag, name, .. } => match tag {
                Tag::Html => self.in_body(token),
                Tag::Body => {
                    self.insert_html(tag, name);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                    Done
                }
                Tag::Frameset => {
                    self.insert_html(tag, name);
                    self.mode = Mode::InFrameset;
                    Done
                }
                Tag::Base
                | Tag::Basefont
                | Tag::Bgsound
                | Tag::Link
                | Tag::Meta
                | Tag::Noframes
                | Tag::Script
                | Tag::Style
                | Tag::Template
                | Tag::Title => {
                    let head = self.head;
                    if head == NONE {
                        return self.implied_body(token);
                    }
                    self.push(head);
                    self.in_head(token);
                    self.remove_from_stack(head);
                    Done
                }
                Tag::Head => Done,
                _ => self.implied_body(token),
            },
            Token::End { tag, .. } => match tag {
                Tag::Template => self.in_head(token),
                Tag::Body | Tag::Html | Tag::Br => self.implied_body(token),
                _ => Done,
            },
            Token::Text { .. } | Token::Eof => self.implied_body(token),
        }
    }

    fn implied_body(&mut self, token: Token<'a>) -> Step<'a> {
        self.insert_implied(Tag::Body);
        self.mode = Mode::InBody;
        Again(token)
    }

    fn in_body(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Text { text, refs } => {
                self.reconstruct_formatting();
                if !all_space(text) {
                    self.frameset_ok = false;
                }
                self.insert_text(text, refs);
                Done
            }
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Eof => {
                if !self.templates.is_empty() {
                    return self.in_template(token);
                }
                Done
            }
            Token::Start { tag, name, self_closing } => self.start_in_body(tag, name, self_closing, token),
            Token::End { tag, name } => self.end_in_body(tag, name),
        }
    }

    fn start_in_body(&mut self, tag: Tag, name: &'a str, _self_closing: bool, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match tag {
            Html => {
                if !self.template_open() {
                    let attrs = std::mem::take(&mut self.tok.attrs);
                    self.dom.merge_attrs(self.stack[0], &attrs, MAX_MERGED_ATTRIBUTES);
                    self.tok.attrs = attrs;
                }
            }
            Base | Basefont | Bgsound | Link | Meta | Noframes | Script | Style | Template | Title => {
                return self.in_head(token);
            }
            Body => {
                let body = self.stack.get(1).copied().filter(|&id| self.dom.is(id, Body));
                if let Some(body) = body.filter(|_| !self.template_open()) {
                    self.frameset_ok = false;
                    let attrs = std::mem::take(&mut self.tok.attrs);
                    self.dom.merge_attrs(body, &attrs, MAX_MERGED_ATTRIBUTES);
                    self.tok.attrs = attrs;
                }
            }
            Frameset => {
                let body = self.stack.get(1).copied().filter(|&id| self.dom.is(id, Body));
                if let Some(body) = body.filter(|_| self.frameset_ok) {
                    self.dom.detach(body);
                    while self.stack.len() > 1 {
                        self.pop();
                    }
                    self.insert_html(tag, name);
                    self.mode = Mode::InFrameset;
                }
            }
            Address | Article | Aside | Blockquote | Center | Details | Dialog | Dir | Div | Dl | Fieldset
            | Figcaption | Figure | Footer | Header | Hgroup | Main | Menu | Nav | Ol | P | Search | Section
            | Summary | Ul => {
                self.close_p_in_button_scope();
                self.insert_html(tag, name);
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                self.close_p_in_button_scope();
                if self.current_element().is_some_and(|e| e.ns == Ns::Html && is_heading(e.tag)) {
                    self.pop();
                }
                self.insert_html(tag, name);
            }
            Pre | Listing => {
                self.close_p_in_button_scope();
                self.insert_html(tag, name);
                self.skip_newline = true;
                self.frameset_ok = false;
            }
            Form => {
                if self.form == NONE || self.template_open() {
                    self.close_p_in_button_scope();
                    let id = self.insert_html(tag, name);
                    if !self.template_open() {
                        self.form = id;
                    }
                }
            }
            Li | Dd | Dt => {
                self.frameset_ok = false;
                let closes: &[Tag] = if tag == Li { &[Li] } else { &[Dd, Dt] };
                for at in (0..self.stack.len()).rev() {
                    let e = *self.element(self.stack[at]);
                    if e.ns == Ns::Html && closes.contains(&e.tag) {
                        self.generate_implied_end(Some(e.tag));
                        self.pop_until_tag(e.tag);
                        break;
                    }
                    if is_special(&e) && !(e.ns == Ns::Html && matches!(e.tag, Address | Div | P)) {
                        break;
                    }
                }
                self.close_p_in_button_scope();
                self.insert_html(tag, name);
            }
            Plaintext => {
                self.close_p_in_button_scope();
                self.insert_html(tag, name);
                self.tok.set_state(State::Plaintext);
            }
            Button => {
                if self.in_scope(Button, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until_tag(Button);
                }
                self.reconstruct_formatting();
                self.insert_html(tag, name);
                self.frameset_ok = false;
            }
            A => {
                let from = self.after_marker();
                if let Some(i) = (from..self.formatting.len()).rev().find(|&i| self.dom.is(self.formatting[i], A)) {
                    let a = self.formatting[i];
                    if !self.adoption_agency(A) {
                        self.end_other(A, "a");
                    }
                    if let Some(p) = (from..self.formatting.len()).find(|&i| self.formatting[i] == a) {
                        self.formatting.remove(p);
                    }
                    self.remove_from_stack(a);
                }
                self.reconstruct_formatting();
                let id = self.insert_html(tag, name);
                self.push_formatting(id);
            }
            B | Big | Code | Em | Font | I | S | Small | Strike | Strong | Tt | U => {
                self.reconstruct_formatting();
                let id = self.insert_html(tag, name);
                self.push_formatting(id);
            }
            Nobr => {
                self.reconstruct_formatting();
                if self.in_scope(Nobr, Scope::Default) {
                    if !self.adoption_agency(Nobr) {
                        self.end_other(Nobr, "nobr");
                    }
                    self.reconstruct_formatting();
                }
                let id = self.insert_html(tag, name);
                self.push_formatting(id);
            }
            Applet | Marquee | Object => {
                self.reconstruct_formatting();
                self.insert_html(tag, name);
                self.push_marker();
                self.frameset_ok = false;
            }
            Table => {
                if !self.quirks {
                    self.close_p_in_button_scope();
                }
                self.insert_html(tag, name);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            Area | Br | Embed | Img | Keygen | Wbr => {
                self.reconstruct_formatting();
                self.insert_void(tag, name);
                self.frameset_ok = false;
            }
            Input => {
                if self.in_scope(Select, Scope::Default) {
                    self.pop_until_tag(Select);
                }
                let hidden = self
                    .tok
                    .attrs
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case("type"))
                    .is_some_and(|a| a.value.eq_ignore_ascii_case("hidden"));
                self.reconstruct_formatting();
                self.insert_void(tag, name);
                if !hidden {
                    self.frameset_ok = false;
                }
            }
            Param | Source | Track => self.insert_void(tag, name),
            Hr => {
                self.close_p_in_button_scope();
                if self.in_scope(Select, Scope::Default) {
                    self.generate_implied_end(None);
                }
                self.insert_void(tag, name);
                self.frameset_ok = false;
            }
            Image => return self.start_in_body(Img, "img", _self_closing, token),
            Textarea => {
                self.raw_text_element(tag, name, State::Rcdata(tag));
                self.skip_newline = true;
                self.frameset_ok = false;
            }
            Xmp => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting();
                self.frameset_ok = false;
                self.raw_text_element(tag, name, State::Rawtext(tag));
            }
            Iframe => {
                self.frameset_ok = false;
                self.raw_text_element(tag, name, State::Rawtext(tag));
            }
            Noscript if !self.scripting => {
                self.reconstruct_formatting();
                self.insert_html(tag, name);
            }
            Noembed | Noscript => self.raw_text_element(tag, name, State::Rawtext(tag)),
            Select => {
                if self.in_scope(Select, Scope::Default) {
                    self.pop_until_tag(Select);
                } else {
                    self.reconstruct_formatting();
                    self.insert_html(tag, name);
                    self.frameset_ok = false;
                }
            }
            Option | Optgroup => {
                if self.in_scope(Select, Scope::Default) {
                    self.generate_implied_end(if tag == Option { Some(Optgroup) } else { None });
                } else if self.current_is(Option) {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert_html(tag, name);
            }
            Rb | Rtc => {
                if self.in_scope(Ruby, Scope::Default) {
                    self.generate_implied_end(None);
                }
                self.insert_html(tag, name);
            }
            Rp | Rt => {
                if self.in_scope(Ruby, Scope::Default) {
                    self.generate_implied_end(Some(Rtc));
                }
                self.insert_html(tag, name);
            }
            Math | Svg => {
                self.reconstruct_formatting();
                let ns = if tag == Math { Ns::MathMl } else { Ns::Svg };
                self.insert(tag, ns, name);
                if _self_closing {
                    self.pop();
                }
            }
            Caption | Col | Colgroup | Frame | Head | Tbody | Td | Tfoot | Th | Thead | Tr => {}
            _ => {
                self.reconstruct_formatting();
                self.insert_html(tag, name);
            }
        }
        Done
    }

    fn end_in_body(&mut self, tag: Tag, name: &'a str) -> Step<'a> {
        use Tag::*;
        match tag {
            Template => return self.in_head(Token::End { tag, name }),
            Body => {
                if self.in_scope(Body, Scope::Default) {
                    self.mode = Mode::AfterBody;
                }
            }
            Html => {
                if self.in_scope(Body, Scope::Default) {
                    self.mode = Mode::AfterBody;
                    return Again(Token::End { tag, name });
                }
            }
            Address | Article | Aside | Blockquote | Button | Center | Details | Dialog | Dir | Div | Dl | Fieldset
            | Figcaption | Figure | Footer | Header | Hgroup | Listing | Main | Menu | Nav | Ol | Pre | Search
            | Section | Select | Summary | Ul => {
                if self.in_scope(tag, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until_tag(tag);
                }
            }
            Form => {
                if self.template_open() {
                    if self.in_scope(Form, Scope::Default) {
                        self.generate_implied_end(None);
                        self.pop_until_tag(Form);
                    }
                } else {
                    let form = std::mem::replace(&mut self.form, NONE);
                    if form != NONE && self.in_scope_where(Scope::Default, |id, _| id == form) {
                        self.generate_implied_end(None);
                        self.remove_from_stack(form);
                    }
                }
            }
            P => {
                if !self.in_scope(P, Scope::Button) {
                    self.insert_implied(P);
                }
                self.close_p();
            }
            Li => {
                if self.in_scope(Li, Scope::ListItem) {
                    self.generate_implied_end(Some(Li));
                    self.pop_until_tag(Li);
                }
            }
            Dd | Dt => {
                if self.in_scope(tag, Scope::Default) {
                    self.generate_implied_end(Some(tag));
                    self.pop_until_tag(tag);
                }
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                let headings = [H1, H2, H3, H4, H5, H6];
                if self.any_open(&headings)
                    && self.in_scope_where(Scope::Default, |_, e| e.ns == Ns::Html && is_heading(e.tag))
                {
                    self.generate_implied_end(None);
                    self.pop_until(|e| e.ns == Ns::Html && is_heading(e.tag));
                }
            }
            A | B | Big | Code | Em | Font | I | Nobr | S | Small | Strike | Strong | Tt | U => {
                if !self.adoption_agency(tag) {
                    self.end_other(tag, name);
                }
            }
            Applet | Marquee | Object => {
                if self.in_scope(tag, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until_tag(tag);
                    self.clear_formatting_to_marker();
                }
            }
            Br => {
                self.tok.attrs.clear();
                return self.start_in_body(Br, "br", false, Token::Start { tag: Br, name: "br", self_closing: false });
            }
            _ => self.end_other(tag, name),
        }
        Done
    }

    /// "Any other end tag" in body.
    fn end_other(&mut self, tag: Tag, name: &str) {
        for at in (0..self.stack.len()).rev() {
            let e = *self.element(self.stack[at]);
            let matches = e.ns == Ns::Html
                && if tag == Tag::Other {
                    e.tag == Tag::Other && e.name.eq_ignore_ascii_case(name)
                } else {
                    e.tag == tag
                };
            if matches {
                self.generate_implied_end(Some(tag).filter(|&t| t != Tag::Other));
                while self.stack.len() > at {
                    self.pop();
                }
                return;
            }
            if is_special(&e) {
                return;
            }
        }
    }

    fn text_mode(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Text { text, refs } => {
                self.insert_text(text, refs);
                Done
            }
            Token::Eof => {
                self.pop();
                self.mode = self.original;
                Again(token)
            }
            Token::End { .. } => {
                self.pop();
                self.mode = self.original;
                Done
            }
            _ => Done,
        }
    }

    fn in_table(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match token {
            Token::Text { .. } => {
                if self
                    .current_element()
                    .is_some_and(|e| e.ns == Ns::Html && matches!(e.tag, Table | Tbody | Template | Tfoot | Thead | Tr))
                {
                    self.table_text.clear();
                    self.original = self.mode;
                    self.mode = Mode::InTableText;
                    return Again(token);
                }
                self.fostered(token)
            }
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag, name, .. } => match tag {
                Caption => {
                    self.clear_back_to(&[Table]);
                    self.push_marker();
                    self.insert_html(tag, name);
                    self.mode = Mode::InCaption;
                    Done
                }
                Colgroup => {
                    self.clear_back_to(&[Table]);
                    self.insert_html(tag, name);
                    self.mode = Mode::InColumnGroup;
                    Done
                }
                Col => {
                    self.clear_back_to(&[Table]);
                    self.insert_implied(Colgroup);
                    self.mode = Mode::InColumnGroup;
                    Again(token)
                }
                Tbody | Tfoot | Thead => {
                    self.clear_back_to(&[Table]);
                    self.insert_html(tag, name);
                    self.mode = Mode::InTableBody;
                    Done
                }
                Td | Th | Tr => {
                    self.clear_back_to(&[Table]);
                    self.insert_implied(Tbody);
                    self.mode = Mode::InTableBody;
                    Again(token)
                }
                Table => {
                    if !self.in_scope(Table, Scope::Table) {
                        return Done;
                    }
                    self.pop_until_tag(Table);
                    self.reset_mode();
                    Again(token)
                }
                Style | Script | Template => self.in_head(token),
                Input
                    if self
                        .tok
                        .attrs
                        .iter()
                        .find(|a| a.name.eq_ignore_ascii_case("type"))
                        .is_some_and(|a| a.value.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert_void(tag, name);
                    Done
                }
                Form => {
                    if !self.template_open() && self.form == NONE {
                        self.form = self.insert_html(tag, name);
                        self.pop();
                    }
                    Done
                }
                _ => self.fostered(token),
            },
            Token::End { tag, .. } => match tag {
                Table => {
                    if self.in_scope(Table, Scope::Table) {
                        self.pop_until_tag(Table);
                        self.reset_mode();
                    }
                    Done
                }
                Body | Caption | Col | Colgroup | Html | Tbody | Td | Tfoot | Th | Thead | Tr => Done,
                Template => self.in_head(token),
                _ => self.fostered(token),
            },
            Token::Eof => self.in_body(token),
        }
    }

    /// A token of a table read as in body, with foster parenting.
    fn fostered(&mut self, token: Token<'a>) -> Step<'a> {
        self.foster = true;
        let step = self.in_body(token);
        self.foster = false;
        step
    }

    fn in_table_text(&mut self, token: Token<'a>) -> Step<'a> {
        if let Token::Text { text, refs } = token {
            self.table_text.push((text, refs));
            return Done;
        }
        let pending = std::mem::take(&mut self.table_text);
        if pending.iter().all(|(text, _)| all_space(text)) {
            for &(text, refs) in &pending {
                self.insert_text(text, refs);
            }
        } else {
            for &(text, refs) in &pending {
                self.fostered(Token::Text { text, refs });
            }
        }
        self.table_text = pending;
        self.table_text.clear();
        self.mode = self.original;
        Again(token)
    }

    fn in_caption(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match token {
            Token::End { tag: Caption, .. } => {
                self.close_caption();
                Done
            }
            Token::Start { tag: Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr, .. }
            | Token::End { tag: Table, .. } => {
                if self.close_caption() {
                    Again(token)
                } else {
                    Done
                }
            }
            Token::End { tag: Body | Col | Colgroup | Html | Tbody | Td | Tfoot | Th | Thead | Tr, .. } => Done,
            _ => self.in_body(token),
        }
    }

    fn close_caption(&mut self) -> bool {
        if !self.in_scope(Tag::Caption, Scope::Table) {
            return false;
        }
        self.generate_implied_end(None);
        self.pop_until_tag(Tag::Caption);
        self.clear_formatting_to_marker();
        self.mode = Mode::InTable;
        true
    }

    fn in_column_group(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        let Some(token) = self.insert_leading_space(token) else { return Done };
        match token {
            Token::Comment | Token::Doctype { .. } => Done,
            Token::Start { tag: Html, .. } => self.in_body(token),
            Token::Start { tag: Col, name, .. } => {
                self.insert_void(Col, name);
                Done
            }
            Token::End { tag: Colgroup, .. } => {
                if self.current_is(Colgroup) {
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Done
            }
            Token::End { tag: Col, .. } => Done,
            Token::Start { tag: Template, .. } | Token::End { tag: Template, .. } => self.in_head(token),
            Token::Eof => self.in_body(token),
            _ => {
                if !self.current_is(Colgroup) {
                    return Done;
                }
                self.pop();
                self.mode = Mode::InTable;
                Again(token)
            }
        }
    }

    fn in_table_body(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match token {
            Token::Start { tag: Tr, name, .. } => {
                self.clear_back_to(&[Tbody, Tfoot, Thead]);
                self.insert_html(Tr, name);
                self.mode = Mode::InRow;
                Done
            }
            Token::Start { tag: Th | Td, .. } => {
                self.clear_back_to(&[Tbody, Tfoot, Thead]);
                self.insert_implied(Tr);
                self.mode = Mode::InRow;
                Again(token)
            }
            Token::End { tag: tag @ (Tbody | Tfoot | Thead), .. } => {
                if self.in_scope(tag, Scope::Table) {
                    self.clear_back_to(&[Tbody, Tfoot, Thead]);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Done
            }
            Token::Start { tag: Caption | Col | Colgroup | Tbody | Tfoot | Thead, .. }
            | Token::End { tag: Table, .. } => {
                if !(self.in_scope(Tbody, Scope::Table)
                    || self.in_scope(Thead, Scope::Table)
                    || self.in_scope(Tfoot, Scope::Table))
                {
                    return Done;
                }
                self.clear_back_to(&[Tbody, Tfoot, Thead]);
                self.pop();
                self.mode = Mode::InTable;
                Again(token)
            }
            Token::End { tag: Body | Caption | Col | Colgroup | Html | Td | Th | Tr, .. } => Done,
            _ => self.in_table(token),
        }
    }

    fn in_row(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match token {
            Token::Start { tag: tag @ (Th | Td), name, .. } => {
                self.clear_back_to(&[Tr]);
                self.insert_html(tag, name);
                self.mode = Mode::InCell;
                self.push_marker();
                Done
            }
            Token::End { tag: Tr, .. } => {
                if self.in_scope(Tr, Scope::Table) {
                    self.close_row();
                }
                Done
            }
            Token::Start { tag: Caption | Col | Colgroup | Tbody | Tfoot | Thead | Tr, .. }
            | Token::End { tag: Table, .. } => {
                if !self.in_scope(Tr, Scope::Table) {
                    return Done;
                }
                self.close_row();
                Again(token)
            }
            Token::End { tag: tag @ (Tbody | Tfoot | Thead), .. } => {
                if !self.in_scope(tag, Scope::Table) || !self.in_scope(Tr, Scope::Table) {
                    return Done;
                }
                self.close_row();
                Again(token)
            }
            Token::End { tag: Body | Caption | Col | Colgroup | Html | Td | Th, .. } => Done,
            _ => self.in_table(token),
        }
    }

    fn close_row(&mut self) {
        self.clear_back_to(&[Tag::Tr]);
        self.pop();
        self.mode = Mode::InTableBody;
    }

    fn in_cell(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        match token {
            Token::End { tag: tag @ (Td | Th), .. } => {
                if self.in_scope(tag, Scope::Table) {
                    self.generate_implied_end(None);
                    self.pop_until_tag(tag);
                    self.clear_formatting_to_marker();
                    self.mode = Mode::InRow;
                }
                Done
            }
            Token::Start { tag: Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr, .. } => {
                if !(self.in_scope(Td, Scope::Table) || self.in_scope(Th, Scope::Table)) {
                    return Done;
                }
                self.close_cell();
                Again(token)
            }
            Token::End { tag: Body | Caption | Col | Colgroup | Html, .. } => Done,
            Token::End { tag: tag @ (Table | Tbody | Tfoot | Thead | Tr), .. } => {
                if !self.in_scope(tag, Scope::Table) {
                    return Done;
                }
                self.close_cell();
                Again(token)
            }
            _ => self.in_body(token),
        }
    }

    fn close_cell(&mut self) {
        self.generate_implied_end(None);
        self.pop_until(|e| e.is(Tag::Td) || e.is(Tag::Th));
        self.clear_formatting_to_marker();
        self.mode = Mode::InRow;
    }

    fn in_template(&mut self, token: Token<'a>) -> Step<'a> {
        use Tag::*;
        let switch_to = |b: &mut Self, mode: Mode| {
            b.templates.pop();
            b.templates.push(mode);
            b.mode = mode;
            Again(token)
        };
        match token {
            Token::Text { .. } | Token::Comment | Token::Doctype { .. } => self.in_body(token),
            Token::Start { tag, .. } => match tag {
                Base | Basefont | Bgsound | Link | Meta | Noframes | Script | Style | Template | Title => {
                    self.in_head(token)
                }
                Caption | Colgroup | Tbody | Tfoot | Thead => switch_to(self, Mode::InTable),
                Col => switch_to(self, Mode::InColumnGroup),
                Tr => switch_to(self, Mode::InTableBody),
                Td | Th => switch_to(self, Mode::InRow),
                _ => switch_to(self, Mode::InBody),
            },
            Token::End { tag: Template, .. } => self.in_head(token),
            Token::End { .. } => Done,
            Token::Eof => {
                if !self.template_open() {
                    return Done;
                }
                self.pop_until_tag(Template);
                self.clear_formatting_to_marker();
                self.templates.pop();
                self.reset_mode();
                Again(token)
            }
        }
    }

    fn after_body(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Text { text, .. } if all_space(text) => self.in_body(token),
            Token::Comment | Token::Doctype { .. } | Token::Eof => Done,
            Token::Start { tag: Tag::Html, .. } => self.in_body(token),
            Token::End { tag: Tag::Html, .. } => {
                self.mode = Mode::AfterAfterBody;
                Done
            }
            _ => {
                self.mode = Mode::InBody;
                Again(token)
            }
        }
    }

    fn frameset(&mut self, mode: Mode, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Text { text, refs } => {
                // White space goes in; anything else is dropped.
                let mut rest = text;
                while !rest.is_empty() {
                    let (space, after) = split_space(rest);
                    self.insert_text(space, refs);
                    rest = after.trim_start_matches(|c: char| !c.is_ascii() || !is_space(c as u8));
                }
                Done
            }
            Token::Start { tag: Tag::Html, .. } => self.in_body(token),
            Token::Start { tag: Tag::Frameset, name, .. } if mode == Mode::InFrameset => {
                self.insert_html(Tag::Frameset, name);
                Done
            }
            Token::End { tag: Tag::Frameset, .. } if mode == Mode::InFrameset => {
                if self.stack.len() > 1 {
                    self.pop();
                    if !self.current_is(Tag::Frameset) {
                        self.mode = Mode::AfterFrameset;
                    }
                }
                Done
            }
            Token::Start { tag: Tag::Frame, name, .. } if mode == Mode::InFrameset => {
                self.insert_void(Tag::Frame, name);
                Done
            }
            Token::End { tag: Tag::Html, .. } if mode == Mode::AfterFrameset => {
                self.mode = Mode::AfterAfterFrameset;
                Done
            }
            Token::Start { tag: Tag::Noframes, .. } => self.in_head(token),
            _ => Done,
        }
    }

    fn after_after_body(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Comment | Token::Eof => Done,
            Token::Doctype { .. } | Token::Start { tag: Tag::Html, .. } => self.in_body(token),
            Token::Text { text, .. } if all_space(text) => self.in_body(token),
            _ => {
                self.mode = Mode::InBody;
                Again(token)
            }
        }
    }

    fn after_after_frameset(&mut self, token: Token<'a>) -> Step<'a> {
        match token {
            Token::Doctype { .. } | Token::Start { tag: Tag::Html, .. } => self.in_body(token),
            Token::Text { text, .. } if all_space(text) => self.in_body(token),
            Token::Start { tag: Tag::Noframes, .. } => self.in_head(token),
            _ => Done,
        }
    }

    /// "Reset the insertion mode appropriately".
    fn reset_mode(&mut self) {
        use Tag::*;
        for at in (0..self.stack.len()).rev() {
            let last = at == 0;
            let e = *self.element(self.stack[at]);
            if e.ns != Ns::Html {
                if last {
                    self.mode = Mode::InBody;
                    return;
                }
                continue;
            }
            let mode = match e.tag {
                Td | Th if !last => Some(Mode::InCell),
                Tr => Some(Mode::InRow),
                Tbody | Thead | Tfoot => Some(Mode::InTableBody),
                Caption => Some(Mode::InCaption),
                Colgroup => Some(Mode::InColumnGroup),
                Table => Some(Mode::InTable),
                Template => Some(self.templates.last().copied().unwrap_or(Mode::InBody)),
                Head if !last => Some(Mode::InHead),
                Body => Some(Mode::InBody),
                Frameset => Some(Mode::InFrameset),
                Html => Some(if self.head == NONE { Mode::BeforeHead } else { Mode::AfterHead }),
                _ => None,
            };
            if let Some(mode) = mode {
                self.mode = mode;
                return;
            }
            if last {
                self.mode = Mode::InBody;
                return;
            }
        }
    }
}
