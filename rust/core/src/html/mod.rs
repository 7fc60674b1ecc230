//! HTML pages to their article text.
//!
//! The page is read once: [`tokenize`] (markup to tokens, as the HTML
//! standard's tokenizer) and [`tree`] (tokens to the document tree, as its
//! tree builder, into [`dom`]); then [`blocks`] (the tree to text blocks
//! and markup roles, metadata on the way), [`classify`] (the region that
//! holds the article), [`assess`] (the page's type, and how sure the
//! extraction is), [`model`] (the block model: each block content or not,
//! reading what the two before it found), [`render`] (blocks to text),
//! [`format`] (the kept blocks as Markdown or HTML) and [`meta`] (title,
//! author, date, ...). The text then goes through the text cleaner, so
//! residue inside the article's markup goes too. [`tags`] interns element names;
//! [`entities`] decodes character references.

pub mod assess;
pub mod blocks;
pub mod classify;
pub mod date;
pub mod dom;
pub mod entities;
pub mod format;
pub mod meta;
pub mod model;
pub mod render;
pub mod tags;
pub mod tokenize;
pub mod tree;

pub use blocks::Markup;
pub use meta::Metadata;

/// The article of a page and what the page says of itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub text: String,
    pub metadata: Metadata,
    /// One of [`assess::PAGE_TYPES`], or [`assess::OTHER`] for a page
    /// without text.
    pub page_type: &'static str,
    /// The chance that `text` is the page's main content, in [0, 1].
    pub confidence: f32,
}

impl Default for Document {
    fn default() -> Self {
        Document { text: String::new(), metadata: Metadata::default(), page_type: assess::OTHER, confidence: 0.0 }
    }
}
