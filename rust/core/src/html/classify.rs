//! Which blocks are the article.
//!
//! Each block gets a weight from its own text: prose counts its letters
//! outside links, anything else costs a little, link lists and blocks inside
//! boilerplate markup cost their letters. Each element sums the weights of
//! the blocks it holds; the article is the element with the greatest sum
//! (the best-scoring region: it takes in what lies between its paragraphs
//! only when that pays), joined by siblings that weigh a good share of it.
//! Every pass is a forward or backward sweep over the nodes, which are
//! stored parents first, so the cost is linear in the page.

use super::blocks::{hint, role, Block, BlockKind, Page, NONE};
use super::tags::Tag;
use crate::config::{Favor, HtmlOptions, HtmlThresholds};
use crate::text::features::Features;
use crate::vocab::Vocabulary;

/// The chosen blocks, by index into [`Page::blocks`], in page order, and
/// why each block of the page is in or out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub article: Vec<usize>,
    pub comments: Vec<usize>,
    /// One per block of the page.
    pub why: Vec<Why>,
    /// Each block's prose weight: its letters outside links when it reads
    /// as running text, else 0.
    pub prose: Vec<f32>,
    /// On a page without prose whose markup tells content from the rest
    /// (so no article is chosen): the plain blocks (no role, not a link
    /// list, not the headline) inside the elements it marks as content, in
    /// page order. What the page gives when its body gives no other text.
    pub marked: Vec<usize>,
}

/// Why a block is in the content or out of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Why {
    /// In the article.
    Content,
    /// In the comments appended (`include_comments`).
    Comment,
    /// Outside the region chosen as the article's.
    #[default]
    OutsideRegion,
    /// Inside boilerplate markup (navigation, sharing, ads, widgets).
    Boilerplate,
    /// Inside a comment section.
    CommentSection,
    /// Mostly link text.
    LinkList,
    /// The page's headline (not part of the body).
    Headline,
    /// A short non-prose block at the article's start or end (a byline,
    /// a dateline, a label).
    ArticleEdge,
    /// Scored below the block model's cut-off ([`crate::html::model`]).
    LowScore,
}

impl Why {
    pub fn label(self) -> &'static str {
        match self {
            Why::Content => "content",
            Why::Comment => "comment",
            Why::OutsideRegion => "outside-region",
            Why::Boilerplate => "boilerplate-markup",
            Why::CommentSection => "comment-section",
            Why::LinkList => "link-list",
            Why::Headline => "headline",
            Why::ArticleEdge => "article-edge",
            Why::LowScore => "block-model",
        }
    }

    /// How many reasons there are.
    pub const COUNT: usize = Why::LowScore as usize + 1;
}

impl Selection {
    /// The selection, or where it chose nothing, `marked` (a first
    /// selection's [`Selection::marked`]) as its article.
    pub fn or_marked(mut self, marked: Vec<usize>) -> Selection {
        if self.article.is_empty() && !marked.is_empty() {
            for &b in &marked {
                self.why[b] = Why::Content;
            }
            self.article = marked;
        }
        self
    }
}

/// `headline` is the page's headline: not part of the body, wherever it stands.
pub fn select(
    page: &Page,
    features: &[Features],
    headline: Option<&str>,
    options: &HtmlOptions,
    th: &HtmlThresholds,
) -> Selection {
    let nodes = &page.nodes;
    let link_density: Vec<f32> =
        page.blocks.iter().map(|b| if b.chars == 0 { 0.0 } else { b.link_chars as f32 / b.chars as f32 }).collect();
    let prose: Vec<f32> = features
        .iter()
        .zip(&link_density)
        .map(|(f, &d)| if d <= th.max_link_density && is_prose(f, th) { f.letters as f32 * (1.0 - d) } else { 0.0 })
        .collect();

    // Prose held by each element, for the guards on boilerplate roles.
    let prose_held = subtree_sums(nodes.len(), page, &prose, |node| nodes[node].parent);
    let total_prose = page.blocks.iter().zip(&prose).map(|(_, p)| p).sum::<f32>();
    // The elements that hold the page's `<main>` hold its content: their
    // markup does not make that boilerplate.
    let mut holds_main = vec![false; nodes.len()];
    for n in (0..nodes.len()).rev() {
        holds_main[n] |= nodes[n].tag == Tag::Main;
        if holds_main[n] && nodes[n].parent != NONE {
            holds_main[nodes[n].parent as usize] = true;
        }
    }
    // Nor is an element that holds the page's first `<h1>` a comment
    // section, whatever its name says (`<article class="commentary">`, a
    // wrapper `has-comments`): comments come under the headline.
    let mut holds_headline = vec![false; nodes.len()];
    let first_h1 = page.blocks.iter().position(|b| b.kind == BlockKind::Heading(1) && b.node != NONE);
    let mut node = first_h1.map_or(NONE, |b| page.blocks[b].node);
    while node != NONE {
        holds_headline[node as usize] = true;
        node = nodes[node as usize].parent;
    }
    let roles_with = |lift_marked: bool| {
        let mut roles = vec![0u8; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            // The caller chose the body's children as the content: their own
            // markup says nothing against them.
            let targeted = options.target && (n as u32 == page.body || node.parent == page.body || node.parent == NONE);
            let mut own = if targeted { 0 } else { node.roles };
            let substantial = prose_held[n] >= th.guard_min_letters;
            if holds_main[n] || substantial && (lift_marked || prose_held[n] >= th.boilerplate_guard * total_prose) {
                own &= !role::BOILERPLATE;
            }
            if holds_headline[n] || substantial && prose_held[n] >= th.comments_guard * total_prose {
                own &= !role::COMMENTS;
            }
            let inherited = if node.parent == NONE { 0 } else { roles[node.parent as usize] };
            roles[n] = own | inherited;
        }
        roles
    };
    // Marked elements that together hold nearly all the page's prose, with
    // too little outside them for an article, are the page's content: the
    // widgets a page builder wraps each paragraph in (their substantial
    // ones lose the boilerplate role), the posts of a forum or Q&A thread
    // (marked as comments, not an article's comments).
    // `headline`: the page's first `<h1>` is left out of both sides (a
    // thread's title is above its posts, outside the comments' markup).
    let holds_the_page = |roles: &[u8], marked: &dyn Fn(u8) -> bool, headline: Option<usize>| {
        let (mut held, mut total) = (0.0f32, 0.0f32);
        for (i, (b, &p)) in page.blocks.iter().zip(&prose).enumerate() {
            if Some(i) == headline {
                continue;
            }
            total += p;
            if b.node != NONE && marked(roles[b.node as usize]) {
                held += p;
            }
        }
        total > 0.0 && held >= th.marked_share * total && total - held < th.guard_min_letters
    };
    let mut roles = roles_with(false);
    if holds_the_page(&roles, &|r| r & role::BOILERPLATE != 0, None) {
        roles = roles_with(true);
    }
    if holds_the_page(&roles, &|r| r & (role::COMMENTS | role::BOILERPLATE) == role::COMMENTS, first_h1) {
        for r in roles.iter_mut() {
            *r &= !role::COMMENTS;
        }
    }
    let role_of = |block: usize| match page.blocks[block].node {
        NONE => 0,
        node => roles[node as usize],
    };

    let weights: Vec<f32> = (0..page.blocks.len())
        .map(|b| {
            let letters = features[b].letters as f32;
            if role_of(b) != 0 || link_density[b] > th.max_link_density {
                -letters
            } else if prose[b] > 0.0 {
                prose[b]
            } else {
                -letters.min(th.short_block_penalty)
            }
        })
        .collect();
    // Without prose anywhere, a fragment of short lines whose every block is
    // plain (no boilerplate markup, not a link list: "<p>It passed 7 to
    // 2.</p>") is its own content, whole. A page with markup to tell by
    // has none then.
    let plain = |b: usize| role_of(b) == 0 && link_density[b] <= th.max_link_density;
    let (mut fragment, mut no_content) = (false, false);
    let whole = options.target || options.whole_page;
    let chosen = if whole {
        vec![true; nodes.len()]
    } else {
        match region(page, &weights, &roles, options, th) {
            Some(chosen) => chosen,
            None if (0..page.blocks.len()).all(plain) => {
                fragment = true;
                vec![true; nodes.len()]
            }
            None => {
                no_content = true;
                vec![false; nodes.len()]
            }
        }
    };
    let mut selection = Selection { why: vec![Why::OutsideRegion; page.blocks.len()], ..Selection::default() };
    if no_content {
        let marked = in_content_markup(page);
        selection.marked = (0..page.blocks.len())
            .filter(|&b| {
                let block = &page.blocks[b];
                block.node != NONE && marked[block.node as usize] && plain(b) && Some(block.text.as_str()) != headline
            })
            .collect();
    }
    for (b, block) in page.blocks.iter().enumerate() {
        if block.node == NONE {
            continue;
        }
        let linky = link_density[b] > th.max_link_density && options.favor != Favor::Recall && !whole;
        let roles = role_of(b);
        let is_headline = Some(block.text.as_str()) == headline;
        selection.why[b] = if chosen[block.node as usize] && roles == 0 && !linky && !is_headline {
            selection.article.push(b);
            Why::Content
        } else if options.include_comments && roles == role::COMMENTS && !linky {
            selection.comments.push(b);
            Why::Comment
        } else if roles & role::BOILERPLATE != 0 {
            Why::Boilerplate
        } else if roles & role::COMMENTS != 0 {
            Why::CommentSection
        } else if linky {
            Why::LinkList
        } else if is_headline {
            Why::Headline
        } else {
            Why::OutsideRegion
        };
    }
    // The article starts and ends with prose: bylines, datelines, labels
    // and credits at its edges go; a table's cells are data, and stay.
    if options.favor != Favor::Recall && !whole && !fragment {
        let keeps = |b: &usize| {
            let f = &features[*b];
            prose[*b] > 0.0
                || f.letters as f32 > th.edge_max_letters
                || (f.ends_terminal && f.words >= 3)
                || matches!(page.blocks[*b].kind, BlockKind::Cell(_))
        };
        let first = selection.article.iter().position(keeps);
        let last = selection.article.iter().rposition(keeps);
        let (first, last) = match (first, last) {
            (Some(first), Some(last)) => (first, last + 1),
            _ => (selection.article.len(), selection.article.len()),
        };
        for &b in selection.article[..first].iter().chain(&selection.article[last..]) {
            selection.why[b] = Why::ArticleEdge;
        }
        selection.article.truncate(last);
        selection.article.drain(..first.min(last));
    }
    // Comments come only with an article: where none is chosen and none
    // is in content markup, they go too (the block model may still find
    // one, and reads the comments off `why`: `html::model::select`).
    if no_content && selection.marked.is_empty() {
        selection.comments.clear();
    }
    selection.prose = prose;
    selection
}

/// For each node, whether it lies in an element marked as the content: a
/// `<main>`, an `<article>`, or one whose class or id names the content
/// ([`hint::CONTENT`]: article, content, post, entry, story, ...).
fn in_content_markup(page: &Page) -> Vec<bool> {
    let mut marked = vec![false; page.nodes.len()];
    for (n, node) in page.nodes.iter().enumerate() {
        let inherited = node.parent != NONE && marked[node.parent as usize];
        marked[n] = inherited || matches!(node.tag, Tag::Main | Tag::Article) || node.hints & hint::CONTENT != 0;
    }
    marked
}

/// The elements of the article's region: the element whose near blocks
/// weigh most, the neighbours that weigh a good share of it, and all they
/// hold. `None` when nothing weighs above 0.
fn region(page: &Page, weights: &[f32], roles: &[u8], options: &HtmlOptions, th: &HtmlThresholds) -> Option<Vec<bool>> {
    let nodes = &page.nodes;
    let sums = subtree_sums(nodes.len(), page, weights, |node| nodes[node].parent);
    let near = near_sums(page, weights, th.score_levels);

    // The best region: the element whose near blocks weigh most.
    let mut best = None;
    for n in (0..nodes.len()).rev() {
        if near[n] > 0.0 && sums[n] > 0.0 && best.is_none_or(|b: usize| near[n] > near[b]) {
            best = Some(n);
        }
    }
    let best = best?;
    let mut chosen = vec![false; nodes.len()];
    chosen[best] = true;
    let share = if options.favor == Favor::Recall { th.recall_sibling_share } else { th.sibling_share };
    // The region's own container is weighed without the marked blocks it
    // holds (a share bar between two paragraphs goes by its role anyway):
    // it joins when the rest of what it holds weighs enough.
    let container = nodes[best].parent;
    let unmarked: Vec<f32> = page
        .blocks
        .iter()
        .zip(weights)
        .map(|(b, &w)| if b.node != NONE && roles[b.node as usize] != 0 { 0.0 } else { w })
        .collect();
    let unmarked_sums = subtree_sums(nodes.len(), page, &unmarked, |node| nodes[node].parent);
    // Siblings of the region and of its ancestors, up to `sibling_levels`
    // up, join when they weigh a good share of it: an article split into
    // several containers. Each level is one sweep over the nodes.
    let levels = if options.favor == Favor::Precision { 0 } else { th.sibling_levels };
    let mut below = best;
    for _ in 0..levels {
        let parent = nodes[below].parent;
        if parent == NONE {
            break;
        }
        for (n, node) in nodes.iter().enumerate() {
            let weight = if n as u32 == container { unmarked_sums[n] } else { sums[n] };
            if node.parent == parent && roles[n] == 0 && weight >= th.sibling_min_weight && weight >= share * sums[best]
            {
                chosen[n] = true;
            }
        }
        below = parent as usize;
    }
    // Descendants of a chosen element are in the region (parents come first).
    for n in 0..nodes.len() {
        let parent = nodes[n].parent;
        if parent != NONE && chosen[parent as usize] {
            chosen[n] = true;
        }
    }
    Some(chosen)
}

/// The counts of every block of the page. A link list weighs its letters
/// whatever its words are, so only its letters are counted.
pub fn measure(page: &Page, vocab: &Vocabulary, th: &HtmlThresholds) -> Vec<Features> {
    let (mut normalized, mut words) = (String::new(), Vec::new());
    let measure_one = |b: &Block| {
        if b.link_chars as f32 > th.max_link_density * b.chars as f32 {
            Features::letters_only(&b.text)
        } else {
            Features::measure(&b.text, vocab, &mut normalized, &mut words)
        }
    };
    page.blocks.iter().map(measure_one).collect()
}

/// Whether a block reads as running text.
fn is_prose(f: &Features, th: &HtmlThresholds) -> bool {
    let unspaced = 2 * f.unspaced >= f.letters
        && (f.unspaced >= th.prose_min_unspaced_alone || f.unspaced >= th.prose_min_unspaced && f.sentence_ends > 0);
    unspaced
        || f.words >= th.prose_min_words
            && (f.stopword_share() >= th.prose_min_stopword_share || f.sentence_ends >= th.prose_min_sentences)
}

/// For each node, the sum of `values` over the blocks it holds within
/// `levels` levels: the block's own element and its parent count whole,
/// the k-th ancestor above them 1/k.
fn near_sums(page: &Page, values: &[f32], levels: usize) -> Vec<f32> {
    let mut sums = vec![0.0f32; page.nodes.len()];
    for (block, value) in page.blocks.iter().zip(values) {
        let mut node = block.node;
        for level in 0..levels {
            if node == NONE {
                break;
            }
            sums[node as usize] += value / (level.max(1) as f32);
            node = page.nodes[node as usize].parent;
        }
    }
    sums
}

/// For each node, the sum of `values` over the blocks it holds (at any depth).
pub(crate) fn subtree_sums(nodes: usize, page: &Page, values: &[f32], parent: impl Fn(usize) -> u32) -> Vec<f32> {
    let mut sums = vec![0.0f32; nodes];
    for (block, value) in page.blocks.iter().zip(values) {
        if block.node != NONE {
            sums[block.node as usize] += value;
        }
    }
    for n in (0..nodes).rev() {
        let p = parent(n);
        if p != NONE {
            sums[p as usize] += sums[n];
        }
    }
    sums
}
