//! `unboil._core`: the PyO3 binding of unboil-core.
//!
//! It converts arguments, runs the core with the GIL released, turns a
//! panic into `unboil.errors.InternalError` and maps core errors to the
//! classes of `unboil.errors`, all in [`run`], [`guarded`] and [`map_error`].
//! A page or a text is one call; a batch is one call too, its items cleaned
//! on threads of the core's [`batch::map`], the GIL released throughout.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString, PyTuple, PyType};
use unboil_core::{
    batch, config, decode, html, text, vocab, BlockReport, Budget, Cleaner, Document, Error, Favor, Format,
    HtmlOptions, Include, Input, Limits, LineReport, Options, Regime,
};

/// Why a call into the core failed.
#[derive(Clone)]
enum Failure {
    Core(Error),
    /// The input is not something the core reads (neither str nor bytes ...).
    Input(String),
    Panic(String),
}

/// Content held for the core: borrowed from the Python object where it can be.
enum Held<'a> {
    Text(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
}

impl Held<'_> {
    fn input<'s>(&'s self, encoding: Option<&'s str>) -> Input<'s> {
        match self {
            Held::Text(text) => Input::Text(text),
            Held::Bytes(bytes) => Input::Bytes { bytes, encoding },
        }
    }

    /// As text: bytes read by their byte-order mark, else as UTF-8 when
    /// valid, else in the `declared` encoding, else as UTF-8 (bad bytes replaced).
    fn text(&self, declared: Option<&str>) -> Cow<'_, str> {
        match self {
            Held::Text(text) => Cow::Borrowed(text),
            Held::Bytes(bytes) => decode::text_bytes_to_text(bytes, declared),
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// A str as UTF-8, borrowed; lone surrogates (which UTF-8 cannot hold) replaced.
fn str_of<'a>(s: &'a Bound<'_, PyString>) -> Cow<'a, str> {
    match s.to_str() {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(s.to_string_lossy().into_owned()),
    }
}

/// The content of `obj`: a str, bytes, or a bytearray or memoryview (copied).
fn held<'a>(obj: &'a Bound<'_, PyAny>) -> Result<Held<'a>, Failure> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Held::Text(str_of(s)));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Held::Bytes(Cow::Borrowed(b.as_bytes())));
    }
    if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
        let copied = obj.py().get_type::<PyBytes>().call1((obj,)).map_err(|e| Failure::Input(e.to_string()))?;
        let copied = copied.cast_into::<PyBytes>().map_err(|e| Failure::Input(e.to_string()))?;
        return Ok(Held::Bytes(Cow::Owned(copied.as_bytes().to_vec())));
    }
    Err(Failure::Input(format!("expected str or bytes, got {}", type_name(obj))))
}

/// An optional str argument (a URL, an encoding label).
fn optional_str<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> Result<Option<Cow<'a, str>>, Failure> {
    if obj.is_none() {
        return Ok(None);
    }
    match obj.cast::<PyString>() {
        Ok(s) => Ok(Some(str_of(s))),
        Err(_) => Err(Failure::Input(format!("{what}: expected a str or None, got {}", type_name(obj)))),
    }
}

/// An optional str argument, left out or given.
fn argument<'a>(obj: Option<&'a Bound<'_, PyAny>>, what: &str) -> Result<Option<Cow<'a, str>>, Failure> {
    obj.map(|o| optional_str(o, what)).transpose().map(Option::flatten)
}

/// Runs `f` with the GIL released, catching any panic.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    py.detach(|| guarded(f)).map_err(|failure| map_error(py, failure))
}

/// `f`, a panic caught and turned into a [`Failure`].
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(Failure::Core(error)),
        Err(payload) => Err(Failure::Panic(panic_message(payload))),
    }
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
        Failure::Core(error @ Error::InputTooLarge { .. }) => ("InputTooLargeError", error.to_string()),
        Failure::Core(error @ Error::OverBudget { .. }) => ("TimeBudgetError", error.to_string()),
        Failure::Input(message) => ("InputTypeError", message),
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

/// A page, its `url` and `encoding`, as Python passed them.
type PageArgs<'a, 'py> = (&'a Bound<'py, PyAny>, Option<&'a Bound<'py, PyAny>>, Option<&'a Bound<'py, PyAny>>);

/// `(element path, text, kept part or None, reason)`.
type BlockRow = (String, String, Option<String>, &'static str);

/// `(text, title, author, date, url, sitename, language, page_type, confidence)`.
/// A document as `unboil.Document` takes it: the text, the metadata in
/// field order, the page type and the confidence.
type DocumentRow = (String, [Option<String>; 9], &'static str, f32);

fn row(document: Document) -> DocumentRow {
    let Document { text, metadata: m, page_type, confidence } = document;
    let fields = [m.title, m.author, m.date, m.date_raw, m.url, m.sitename, m.language, m.image, m.description];
    (text, fields, page_type, confidence)
}

/// One item of a batch, read while the GIL is held.
struct Job<'a> {
    content: Held<'a>,
    url: Option<Cow<'a, str>>,
    encoding: Option<Cow<'a, str>>,
}

/// How the items of a batch are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// As `clean`: a page or a text, told by how it opens; an item with a URL is a page.
    Auto,
    /// As `clean_html`.
    Html,
    /// As `clean_text`.
    Text,
    /// As `extract`: document rows.
    Document,
}

impl Mode {
    fn from_name(name: &str) -> Result<Mode, Failure> {
        match name {
            "auto" => Ok(Mode::Auto),
            "html" => Ok(Mode::Html),
            "text" => Ok(Mode::Text),
            "document" => Ok(Mode::Document),
            _ => Err(Failure::Core(Error::InvalidOption(format!(
                "mode: unknown {name:?}; known: auto, html, text, document"
            )))),
        }
    }
}

/// A batch item taken apart: content, or a `(page, url)` or `(page, url,
/// encoding)` tuple.
struct Parts<'py> {
    content: Bound<'py, PyAny>,
    url: Option<Bound<'py, PyAny>>,
    encoding: Option<Bound<'py, PyAny>>,
}

fn parts<'py>(item: &Bound<'py, PyAny>) -> Result<Parts<'py>, Failure> {
    let Ok(tuple) = item.cast::<PyTuple>() else {
        return Ok(Parts { content: item.clone(), url: None, encoding: None });
    };
    if !(2..=3).contains(&tuple.len()) {
        return Err(Failure::Input(format!(
            "expected a (content, url) or (content, url, encoding) tuple, got a tuple of {}",
            tuple.len()
        )));
    }
    let slot = |i: usize| tuple.get_item(i).map_err(|e| Failure::Input(e.to_string()));
    Ok(Parts { content: slot(0)?, url: Some(slot(1)?), encoding: if tuple.len() == 3 { Some(slot(2)?) } else { None } })
}

fn job<'a>(parts: &'a Parts<'_>) -> Result<Job<'a>, Failure> {
    Ok(Job {
        content: held(&parts.content)?,
        url: argument(parts.url.as_ref(), "url")?,
        encoding: argument(parts.encoding.as_ref(), "encoding")?,
    })
}

/// What a batch item gives.
enum Outcome {
    Text(String),
    Document(Box<Document>),
}

/// A compiled cleaner; `unboil.Cleaner` wraps it.
#[pyclass(frozen, module = "unboil._core")]
struct NativeCleaner {
    inner: Cleaner,
    html: HtmlOptions,
}

impl NativeCleaner {
    fn work(&self, job: &Job<'_>, mode: Mode, target: bool) -> Result<Outcome, Error> {
        let input = job.content.input(job.encoding.as_deref());
        let url = job.url.as_deref();
        let options = HtmlOptions { target, ..self.html };
        Ok(match mode {
            Mode::Auto if url.is_none() && !target => Outcome::Text(self.inner.clean(input, &options)?),
            Mode::Auto | Mode::Html => Outcome::Text(self.inner.extract_text(input, url, &options)?),
            Mode::Text => Outcome::Text(self.cleaned_text(&job.content, job.encoding.as_deref())?),
            Mode::Document => Outcome::Document(Box::new(self.inner.extract(input, url, &options)?)),
        })
    }

    /// `f` on the page's arguments, converted, with the GIL released.
    fn on_page<T: Send>(
        &self,
        py: Python<'_>,
        (page, url, encoding): PageArgs<'_, '_>,
        target: bool,
        f: impl FnOnce(&Cleaner, Input<'_>, Option<&str>, &HtmlOptions) -> Result<T, Error> + Send,
    ) -> PyResult<T> {
        let page = held(page).map_err(|f| map_error(py, f))?;
        let url = argument(url, "url").map_err(|f| map_error(py, f))?;
        let encoding = argument(encoding, "encoding").map_err(|f| map_error(py, f))?;
        let options = HtmlOptions { target, ..self.html };
        run(py, || f(&self.inner, page.input(encoding.as_deref()), url.as_deref(), &options))
    }

    /// As text: the size limit is the input's as given, before decoding.
    fn cleaned_text(&self, content: &Held<'_>, encoding: Option<&str>) -> Result<String, Error> {
        self.inner.check_size(content.input(None).byte_len())?;
        self.inner.clean_text(&content.text(encoding))
    }
}

#[pymethods]
impl NativeCleaner {
    #[new]
    #[pyo3(signature = (*, keep_title, languages, extra_patterns, extra_phrases, disable, regime, include_title, include_comments, favor, output_format, include_links, include_images, include_tables, include_formatting, type_profiles, max_input_bytes, time_budget))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        keep_title: bool,
        languages: Option<Vec<String>>,
        extra_patterns: Vec<String>,
        extra_phrases: Vec<String>,
        disable: Vec<String>,
        regime: &str,
        include_title: bool,
        include_comments: bool,
        favor: &str,
        output_format: &str,
        include_links: bool,
        include_images: bool,
        include_tables: bool,
        include_formatting: bool,
        type_profiles: bool,
        max_input_bytes: Option<usize>,
        time_budget: Option<f64>,
    ) -> PyResult<Self> {
        let regime = Regime::from_name(regime).map_err(|e| map_error(py, Failure::Core(e)))?;
        let options = Options { keep_title, languages, extra_patterns, extra_phrases, disable, regime };
        let favor = Favor::from_name(favor).map_err(|e| map_error(py, Failure::Core(e)))?;
        let format = Format::from_name(output_format).map_err(|e| map_error(py, Failure::Core(e)))?;
        let time_budget = time_budget
            .map(|seconds| {
                std::time::Duration::try_from_secs_f64(seconds)
                    .map_err(|e| Error::InvalidOption(format!("time_budget: {seconds}: {e}")))
            })
            .transpose()
            .map_err(|e| map_error(py, Failure::Core(e)))?;
        let limits = Limits { max_input_bytes, time_budget };
        let inner = run(py, move || Ok(Cleaner::new(options)?.with_limits(limits)))?;
        let include = Include {
            links: include_links,
            images: include_images,
            tables: include_tables,
            formatting: include_formatting,
        };
        let html = HtmlOptions {
            include_title,
            include_comments,
            favor,
            format,
            include,
            type_profiles,
            ..HtmlOptions::default()
        };
        Ok(NativeCleaner { inner, html })
    }

    /// The main text of a page or a text (told apart by how it opens).
    #[pyo3(signature = (content, encoding=None))]
    fn clean(
        &self,
        py: Python<'_>,
        content: &Bound<'_, PyAny>,
        encoding: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let content = held(content).map_err(|f| map_error(py, f))?;
        let encoding = argument(encoding, "encoding").map_err(|f| map_error(py, f))?;
        run(py, || self.inner.clean(content.input(encoding.as_deref()), &self.html))
    }

    /// The article of a page and the page's metadata; with `target`, the
    /// page's body is its content (the caller chose it: no region is chosen).
    #[pyo3(signature = (page, url=None, encoding=None, target=false))]
    fn extract(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        url: Option<&Bound<'_, PyAny>>,
        encoding: Option<&Bound<'_, PyAny>>,
        target: bool,
    ) -> PyResult<DocumentRow> {
        self.on_page(py, (page, url, encoding), target, |cleaner, input, url, options| {
            Ok(row(cleaner.extract(input, url, options)?))
        })
    }

    /// The text of [`NativeCleaner::extract`], without the metadata.
    #[pyo3(signature = (page, url=None, encoding=None, target=false))]
    fn clean_html(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        url: Option<&Bound<'_, PyAny>>,
        encoding: Option<&Bound<'_, PyAny>>,
        target: bool,
    ) -> PyResult<String> {
        self.on_page(py, (page, url, encoding), target, |cleaner, input, url, options| {
            cleaner.extract_text(input, url, options)
        })
    }

    /// [`NativeCleaner::extract`], and a [`BlockRow`] for every block of
    /// the page.
    #[pyo3(signature = (page, url=None, encoding=None, target=false))]
    fn explain_page(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        url: Option<&Bound<'_, PyAny>>,
        encoding: Option<&Bound<'_, PyAny>>,
        target: bool,
    ) -> PyResult<(DocumentRow, Vec<BlockRow>)> {
        self.on_page(py, (page, url, encoding), target, |cleaner, input, url, options| {
            let (document, reports) = cleaner.explain_page(input, url, options)?;
            let rows = reports.into_iter().map(|BlockReport { path, text, kept, reason }| (path, text, kept, reason));
            Ok((row(document), rows.collect()))
        })
    }

    /// The page's extracted text and its `PageFeatures` (judged on,
    /// chosen), for training the page type and confidence models; empty
    /// for bytes that are no text.
    /// `profile` names one of the core's profiles to choose the content
    /// with, whatever the page's judged type.
    #[pyo3(signature = (page, profile=None))]
    fn _page_features(
        &self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
        profile: Option<&str>,
    ) -> PyResult<(String, Vec<f32>, Vec<f32>)> {
        let profile = match profile {
            None => None,
            Some(name) => match html::assess::Profile::ALL.into_iter().find(|p| p.name() == name) {
                Some(p) => Some(p),
                None => return Err(map_error(py, Failure::Core(Error::InvalidOption(format!("profile: {name:?}"))))),
            },
        };
        self.on_page(py, (page, None, None), false, move |cleaner, input, _, options| {
            let (document, x) = cleaner.page_features(input, options, profile)?;
            Ok((document.text, x.judged_on, x.chosen))
        })
    }

    /// The block model's features of every block of the page (for
    /// training it): the blocks' text, the column count and the row-major
    /// float32 matrix as bytes.
    fn _block_features<'py>(
        &self,
        py: Python<'py>,
        page: &Bound<'_, PyAny>,
    ) -> PyResult<(Vec<String>, usize, Bound<'py, PyBytes>)> {
        let (texts, m) = self.on_page(py, (page, None, None), false, |cleaner, input, _, options| {
            cleaner.block_features(input, options)
        })?;
        let bytes: Vec<u8> = m.data.iter().flat_map(|v| v.to_le_bytes()).collect();
        Ok((texts, m.columns, PyBytes::new(py, &bytes)))
    }

    /// The text without its boilerplate.
    #[pyo3(signature = (text, encoding=None))]
    fn clean_text(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        encoding: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let text = held(text).map_err(|f| map_error(py, f))?;
        let encoding = argument(encoding, "encoding").map_err(|f| map_error(py, f))?;
        run(py, || self.cleaned_text(&text, encoding.as_deref()))
    }

    /// `(line number, line, kept part or None, reason)` for every non-blank
    /// line, the regime and the regime model's page probability (or None
    /// when the regime was asked for).
    #[pyo3(signature = (text, encoding=None))]
    fn explain(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        encoding: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(Vec<ExplainRow>, &'static str, Option<f32>)> {
        let text = held(text).map_err(|f| map_error(py, f))?;
        let encoding = argument(encoding, "encoding").map_err(|f| map_error(py, f))?;
        let (reports, verdict) = run(py, || {
            self.inner.check_size(text.input(None).byte_len())?;
            self.inner.explain(&text.text(encoding.as_deref()))
        })?;
        let rows = reports.into_iter().map(|LineReport { number, text, kept, reason }| (number, text, kept, reason));
        Ok((rows.collect(), verdict.regime.name(), verdict.page_probability))
    }

    /// The line model's features of `text` (for training it): the input
    /// line number of each row, the column count and the rows as float32
    /// bytes; with `scores`, the second model's features.
    #[pyo3(signature = (text, scores=None))]
    fn _model_features<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        scores: Option<Vec<f32>>,
    ) -> PyResult<(Vec<usize>, usize, Bound<'py, PyBytes>)> {
        let text = held(text).map_err(|f| map_error(py, f))?;
        let (numbers, m) = run(py, || self.inner.model_features(&text.text(None), scores.as_deref()))?;
        let bytes: Vec<u8> = m.data.iter().flat_map(|v| v.to_le_bytes()).collect();
        Ok((numbers, m.columns, PyBytes::new(py, &bytes)))
    }

    /// The regime model's features of `text` (for training it), from the
    /// line scores given or the compiled line model's.
    #[pyo3(signature = (text, scores=None))]
    fn _regime_features(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        scores: Option<Vec<f32>>,
    ) -> PyResult<Vec<f32>> {
        let text = held(text).map_err(|f| map_error(py, f))?;
        run(py, || self.inner.regime_features(&text.text(None), scores.as_deref()))
    }

    /// Every item cleaned, on `threads` threads, in input order: its text
    /// (or, in `document` mode, its document row), or the `UnboilError`
    /// that stopped it. An item is content, or a `(content, url)` or
    /// `(content, url, encoding)` tuple; `mode` says how items are read:
    /// `auto` (as `clean`; an item with a URL is a page), `html`, `text` or
    /// `document` (as `extract`). `targets`, when given, says of each item
    /// whether it is a page whose body the caller chose (as `extract`'s `target`).
    #[pyo3(signature = (items, threads, mode, targets=None))]
    fn batch<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        threads: usize,
        mode: &str,
        targets: Option<Vec<bool>>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let mode = Mode::from_name(mode).map_err(|f| map_error(py, f))?;
        let targets = targets.unwrap_or_default();
        let parts: Vec<Result<Parts<'py>, Failure>> = items.iter().map(parts).collect();
        let jobs: Vec<Result<Job<'_>, Failure>> =
            parts.iter().map(|p| p.as_ref().map_err(Failure::clone).and_then(job)).collect();
        let indexed: Vec<(usize, &Result<Job<'_>, Failure>)> = jobs.iter().enumerate().collect();
        let outcomes = py.detach(|| {
            batch::map(&indexed, threads, |&(i, job)| {
                let target = targets.get(i).copied().unwrap_or(false);
                job.as_ref().ok().map(|job| guarded(|| self.work(job, mode, target)))
            })
        });
        let mut out = Vec::with_capacity(jobs.len());
        for (job, outcome) in jobs.into_iter().zip(outcomes) {
            let result = match (job, outcome) {
                (Err(failure), _) | (Ok(_), Some(Err(failure))) => {
                    map_error(py, failure).into_value(py).into_bound(py).into_any()
                }
                (Ok(_), Some(Ok(Outcome::Text(text)))) => PyString::new(py, &text).into_any(),
                (Ok(_), Some(Ok(Outcome::Document(document)))) => row(*document).into_pyobject(py)?.into_any(),
                (Ok(_), None) => unreachable!("an item read gives an outcome"),
            };
            out.push(result);
        }
        Ok(out)
    }
}

/// A page as the core's tree builder reads it, written back as HTML
/// (`Dom::to_html`) in UTF-8: decoded as `extract` decodes it, its
/// recovery done, its nesting bounded; `None` for bytes that are no text at
/// all. For handing a page to another parser (the user's CSS selectors),
/// which then reads it in linear time and sees the tree the core sees.
#[pyfunction]
#[pyo3(signature = (page, encoding=None))]
fn page_html<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    encoding: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let page = held(page).map_err(|f| map_error(py, f))?;
    let encoding = argument(encoding, "encoding").map_err(|f| map_error(py, f))?;
    let written = run(py, || {
        let text = match &page {
            Held::Text(text) => Cow::Borrowed(decode::strip_bom(text)),
            Held::Bytes(bytes) if decode::is_binary(bytes) => return Ok(None),
            Held::Bytes(bytes) => decode::html_to_text(bytes, encoding.as_deref()).0,
        };
        let (dom, _) = html::tree::parse(&text, &Budget::unlimited())?;
        Ok(Some(dom.to_html()))
    })?;
    Ok(written.map(|html| PyBytes::new(py, html.as_bytes())))
}

/// The WHATWG name of the encoding a label (or a content-type value's
/// charset) names, as pages' declarations are read; `None` for a label no
/// decoder knows.
#[pyfunction]
fn encoding_name(label: &str) -> Option<&'static str> {
    decode::declared_encoding(label).map(|encoding| encoding.name())
}

/// The label a declaration names (a content-type value's charset, or the
/// value itself); `None` when it declares nothing.
#[pyfunction]
fn declared_label(declared: &str) -> Option<&str> {
    decode::declared_label(declared)
}

/// What `content` is: `"html"` (a page, by how it opens), `"text"`, or
/// `"binary"` (bytes that are no text at all).
#[pyfunction]
fn sniff(py: Python<'_>, content: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let content = held(content).map_err(|f| map_error(py, f))?;
    run(py, || {
        Ok(match content.input(None).content() {
            decode::Content::Html => "html",
            decode::Content::Text => "text",
            decode::Content::Binary => "binary",
        })
    })
}

/// The document tree the core builds from `page`, as `(depth, node)` rows
/// (see `Dom::outline`): for comparing the parser with others in tests.
#[pyfunction]
fn _debug_tree(py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, String)>> {
    let page = held(page).map_err(|f| map_error(py, f))?;
    run(py, || Ok(html::tree::parse(&page.text(None), &Budget::unlimited())?.0.outline()))
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
    m.add("LINE_FEATURES", text::model::line_feature_names().to_vec())?;
    m.add("CONTEXT_FEATURES", text::model::context_feature_names().to_vec())?;
    m.add("REGIME_FEATURES", text::model::regime_feature_names().to_vec())?;
    m.add("BLOCK_FEATURES", html::model::feature_names().to_vec())?;
    m.add_class::<NativeCleaner>()?;
    m.add_function(wrap_pyfunction!(sniff, m)?)?;
    m.add_function(wrap_pyfunction!(encoding_name, m)?)?;
    m.add_function(wrap_pyfunction!(declared_label, m)?)?;
    m.add_function(wrap_pyfunction!(page_html, m)?)?;
    m.add_function(wrap_pyfunction!(_debug_tree, m)?)?;
    m.add_function(wrap_pyfunction!(_debug_panic, m)?)?;
    Ok(())
}
