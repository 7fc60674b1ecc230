//! `unboil._core`: the PyO3 binding of unboil-core.
//!
//! It converts arguments, runs the core with the GIL released, turns a
//! panic into `unboil.errors.InternalError` and maps core errors to the
//! classes of `unboil.errors`, all in [`run`] and [`map_error`].

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyType};
use unboil_core::{config, decode, vocab, Cleaner, Error, LineReport, Options};

/// Text the core can read, borrowed from the Python object where possible.
fn text_of<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Ok(text),
            // Lone surrogates cannot be UTF-8: encode them replaced.
            Err(_) => {
                let bytes = s.call_method1("encode", ("utf-8", "replace"))?;
                let bytes = bytes.cast_into::<PyBytes>()?;
                Ok(Cow::Owned(decode::utf8_lossy(bytes.as_bytes()).into_owned()))
            }
        };
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(decode::utf8_lossy(b.as_bytes()));
    }
    Err(PyTypeError::new_err(format!(
        "expected str or bytes, got {}",
        obj.get_type().name()?
    )))
}

/// Why a call into the core failed.
enum Failure {
    Core(Error),
    Panic(String),
}

/// Runs `f` with the GIL released, catching any panic.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    let outcome = py.detach(|| match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(Failure::Core(error)),
        Err(payload) => Err(Failure::Panic(panic_message(payload))),
    });
    outcome.map_err(|failure| map_error(py, failure))
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// The one place where core failures become Python exceptions.
fn map_error(py: Python<'_>, failure: Failure) -> PyErr {
    let (class, message) = match failure {
        Failure::Core(error @ (Error::InvalidOption(_) | Error::InvalidPattern { .. })) => {
            ("OptionsError", error.to_string())
        }
        Failure::Panic(message) => ("InternalError", format!("internal error in unboil's core: {message}")),
    };
    let lookup = py
        .import("unboil.errors")
        .and_then(|module| module.getattr(class))
        .and_then(|cls| Ok(cls.cast_into::<PyType>()?));
    match lookup {
        Ok(cls) => PyErr::from_type(cls, message),
        Err(err) => err,
    }
}

/// `(line number, line, kept part or None, reason)`.
type ExplainRow = (usize, String, Option<String>, &'static str);

/// A compiled cleaner; `unboil.Cleaner` wraps it.
#[pyclass(frozen, module = "unboil._core")]
struct NativeCleaner {
    inner: Cleaner,
}

#[pymethods]
impl NativeCleaner {
    #[new]
    #[pyo3(signature = (*, keep_title, languages, extra_patterns, extra_phrases, disable))]
    fn new(
        py: Python<'_>,
        keep_title: bool,
        languages: Option<Vec<String>>,
        extra_patterns: Vec<String>,
        extra_phrases: Vec<String>,
        disable: Vec<String>,
    ) -> PyResult<Self> {
        let options = Options { keep_title, languages, extra_patterns, extra_phrases, disable };
        let inner = run(py, move || Cleaner::new(options))?;
        Ok(NativeCleaner { inner })
    }

    /// The text without its boilerplate.
    fn clean_text(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = text_of(text)?;
        run(py, || Ok(self.inner.clean_text(&text)))
    }

    /// `(line number, line, kept part or None, reason)` for every non-blank line.
    fn explain(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<ExplainRow>> {
        let text = text_of(text)?;
        let reports = run(py, || Ok(self.inner.explain(&text)))?;
        Ok(reports
            .into_iter()
            .map(|LineReport { number, text, kept, reason }| (number, text, kept, reason))
            .collect())
    }
}

/// Panics inside the core on purpose, so tests can check that a panic
/// reaches Python as `unboil.errors.InternalError`.
#[pyfunction]
fn _debug_panic(py: Python<'_>, message: String) -> PyResult<()> {
    run(py, move || -> Result<(), Error> { panic!("{message}") })
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let languages: Vec<&str> = vocab::LANGUAGES.iter().map(|(code, _)| *code).collect();
    m.add("LANGUAGES", languages)?;
    let mut rules: Vec<&str> = vocab::Family::ALL.iter().map(|f| f.name()).collect();
    rules.push(config::REGION_RULE);
    m.add("RULES", rules)?;
    m.add_class::<NativeCleaner>()?;
    m.add_function(wrap_pyfunction!(_debug_panic, m)?)?;
    Ok(())
}
