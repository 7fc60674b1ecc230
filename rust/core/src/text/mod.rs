//! Text to its cleaned text: the text pipeline, which the HTML pipeline
//! ([`crate::html`]) ends in too. [`segment`] (text to lines), [`features`]
//! (per-line counts), [`classify`] (rules, the article, repeats) and
//! [`render`] (kept lines back to text).

pub mod classify;
pub mod features;
pub mod render;
pub mod segment;
