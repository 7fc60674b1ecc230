//! Text to its cleaned text: the text pipeline, which the HTML pipeline
//! ([`crate::html`]) ends in too. [`segment`] (text to lines), [`features`]
//! (per-line counts), [`residue`] (the line rules), [`stretch`] (where the
//! prose is), [`repeats`], [`classify`] (the decisions, by regime) and
//! [`render`] (kept lines back to text).

pub mod classify;
pub mod features;
pub mod grammar;
pub mod model;
pub mod render;
pub mod repeats;
pub mod residue;
pub mod segment;
pub mod stretch;
