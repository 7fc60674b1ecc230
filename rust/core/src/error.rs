//! The core's one error type. The binding maps each variant to a Python
//! exception class in one place.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// An option has a value the cleaner cannot use.
    InvalidOption(String),
    /// A user pattern is not a valid regular expression (or is too large).
    InvalidPattern { pattern: String, message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidOption(msg) => write!(f, "{msg}"),
            Error::InvalidPattern { pattern, message } => {
                write!(f, "extra_patterns: invalid pattern {pattern:?}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
