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
use unboil_core::{
    config, decode, html, vocab, Cleaner, Document, Error, Favor, Format, HtmlOptions, LineReport, Options,
};

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
    Err(PyTypeError::new_err(format!("expected str or bytes, got {}", obj.get_type().name()?)))
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

/// `(text, title, author, date, url, sitename, language)`.
type DocumentRow =
    (String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);

/// A compiled cleaner; `unboil.Cleaner` wraps it.
#[pyclass(frozen, module = "unboil._core")]
struct NativeCleaner {
    inner: Cleaner,
    html: HtmlOptions,
}

#[pymethods]
impl NativeCleaner {
    #[new]
    #[pyo3(signature = (*, keep_title, languages, extra_patterns, extra_phrases, disable, include_title, include_comments, favor, output_format))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        keep_title: bool,
        languages: Option<Vec<String>>,
        extra_patterns: Vec<String>,
        extra_phrases: Vec<String>,
        disable: Vec<String>,
        include_title: bool,
        include_comments: bool,
        favor: &str,
        output_format: &str,
    ) -> PyResult<Self> {
        let options = Options { keep_title, languages, extra_patterns, extra_phrases, disable };
        let favor = Favor::from_name(favor).map_err(|e| map_error(py, Failure::Core(e)))?;
        let format = Format::from_name(output_format).map_err(|e| map_error(py, Failure::Core(e)))?;
        let inner = run(py, move || Cleaner::new(options))?;
        Ok(NativeCleaner { inner, html: HtmlOptions { include_title, include_comments, favor, format } })
    }

    /// The article of a serialised HTML page and the page's metadata.
    #[pyo3(signature = (page, url=None))]
    fn extract_html(&self, py: Python<'_>, page: &Bound<'_, PyAny>, url: Option<&str>) -> PyResult<DocumentRow> {
        let page = text_of(page)?;
        let Document { text, metadata: m } = run(py, || Ok(self.inner.extract_html(&page, url, &self.html)))?;
        Ok((text, m.title, m.author, m.date, m.url, m.sitename, m.language))
    }

    /// The text without its boilerplate.
    fn clean_text(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = text_of(text)?;
        run(py, || Ok(self.inner.clean_text(&text)))
    }

    /// `(line number, line, kept part or None, reason)` for every non-blank line.
    fn explain(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<ExplainRow>> {
        let text = text_of(text)?;
        let reports = run(py, || Ok(self.inner.explain(&text)))?;
        Ok(reports.into_iter().map(|LineReport { number, text, kept, reason }| (number, text, kept, reason)).collect())
    }
}

/// An HTML page ready for the parser, as UTF-8 bytes: bytes decoded (a
/// byte-order mark, then valid UTF-8, then `encoding` (a label or a
/// content-type value), then the page's `<meta>` declaration, then
/// windows-1252), and markup beyond the parser's linear-time bounds (nesting
/// depth, attributes per tag) rewritten. Bytes that are no text at all (a
/// PDF, an image) give an empty page. `None` when `page` is bytes that can
/// be parsed as they are (valid UTF-8, within the bounds). A `str` always
/// comes back as bytes: handed a `str`, selectolax would encode it again.
#[pyfunction]
#[pyo3(signature = (page, encoding=None))]
fn prepare_html<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    encoding: Option<&str>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let prepared = if let Ok(bytes) = page.cast::<PyBytes>() {
        let data = bytes.as_bytes();
        run(py, || {
            if decode::is_binary(data) {
                return Ok(Some(String::new()));
            }
            let (text, _, _) = decode::html_to_text(data, encoding);
            Ok(match (html::limit::bounded(&text), text) {
                (Some(bounded), _) => Some(bounded),
                (None, Cow::Borrowed(text)) if text.len() == data.len() => None,
                (None, text) => Some(text.into_owned()),
            })
        })?
    } else {
        let text = text_of(page)?;
        let bounded = run(py, || Ok(html::limit::bounded(&text)))?;
        return Ok(Some(PyBytes::new(py, bounded.as_deref().unwrap_or(&text).as_bytes())));
    };
    Ok(prepared.map(|text| PyBytes::new(py, text.as_bytes())))
}

/// Whether bytes are no text at all (a PDF, an image): a NUL or many
/// control bytes in the first kilobyte.
#[pyfunction]
fn is_binary(data: &[u8]) -> bool {
    decode::is_binary(data)
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
    m.add_function(wrap_pyfunction!(prepare_html, m)?)?;
    m.add_function(wrap_pyfunction!(is_binary, m)?)?;
    m.add_function(wrap_pyfunction!(_debug_panic, m)?)?;
    Ok(())
}
