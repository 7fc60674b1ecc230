//! HTML pages to their article text.
//!
//! Before parsing, [`limit`] bounds nesting depth and attribute counts, so
//! the parser's cost stays linear on hostile pages.
//! The page flows through [`tokenize`] (markup to tokens), [`blocks`]
//! (tokens to the element tree and text blocks, metadata on the way),
//! [`classify`] (which blocks are the article), [`render`] (blocks to text)
//! and [`meta`] (title, author, date, ...). The text then goes through the
//! text cleaner, so residue inside the article's markup goes too.

pub mod blocks;
pub mod classify;
pub mod limit;
pub mod meta;
pub mod render;
pub mod tokenize;

pub use blocks::Markup;
pub use meta::Metadata;

/// The article of a page and what the page says of itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub metadata: Metadata,
}
