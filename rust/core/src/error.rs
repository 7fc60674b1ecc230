//! The core's one error type. The binding maps each variant to a Python
//! exception class in one place.

use std::fmt;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// An option has a value the cleaner cannot use.
    InvalidOption(String),
    /// A user pattern is not a valid regular expression (or is too large).
    InvalidPattern { pattern: String, message: String },
    /// The input is over [`crate::config::Limits::max_input_bytes`].
    InputTooLarge { bytes: usize, limit: usize },
    /// The input took longer than [`crate::config::Limits::time_budget`].
    OverBudget { budget: Duration },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidOption(msg) => write!(f, "{msg}"),
            Error::InvalidPattern { pattern, message } => {
                write!(f, "extra_patterns: invalid pattern {pattern:?}: {message}")
            }
            Error::InputTooLarge { bytes, limit } => {
                write!(f, "the input is {bytes} bytes, over max_input_bytes ({limit})")
            }
            Error::OverBudget { budget } => {
                write!(f, "cleaning took longer than time_budget ({} s)", budget.as_secs_f64())
            }
        }
    }
}

impl std::error::Error for Error {}
