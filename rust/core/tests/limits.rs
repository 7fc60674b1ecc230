//! The limits one input runs under: over the size, or past the budget, a
//! call is an error whatever entry point it came in by.

use std::time::Duration;

use unboil_core::{Cleaner, Error, HtmlOptions, Input, Limits, Options};

fn cleaner(limits: Limits) -> Cleaner {
    Cleaner::new(Options::default()).unwrap().with_limits(limits)
}

type Call = fn(&Cleaner, &str) -> Result<(), Error>;

const CALLS: [(&str, Call); 6] = [
    ("clean_text", |c, x| c.clean_text(x).map(drop)),
    ("explain", |c, x| c.explain(x).map(drop)),
    ("clean", |c, x| c.clean(Input::Bytes { bytes: x.as_bytes(), encoding: None }, &HtmlOptions::default()).map(drop)),
    ("extract", |c, x| c.extract(Input::Text(x), None, &HtmlOptions::default()).map(drop)),
    ("extract_html", |c, x| c.extract_html(x, None, &HtmlOptions::default()).map(drop)),
    ("explain_page", |c, x| c.explain_page(Input::Text(x), None, &HtmlOptions::default()).map(drop)),
];

#[test]
fn an_input_over_the_size_limit_is_refused_and_one_at_it_cleaned() {
    let small = cleaner(Limits { max_input_bytes: Some(100), time_budget: None });
    for (name, call) in CALLS {
        assert_eq!(call(&small, &"é".repeat(60)), Err(Error::InputTooLarge { bytes: 120, limit: 100 }), "{name}");
        assert_eq!(call(&small, &"é".repeat(50)), Ok(()), "{name}");
    }
}

#[test]
fn an_input_past_the_time_budget_is_an_error_and_none_lifts_it() {
    let page: String =
        (0..5000).map(|n| format!("<p>Paragraph {n} of a page, with a sentence that ends.</p>\n")).collect();
    let spent = cleaner(Limits { max_input_bytes: None, time_budget: Some(Duration::ZERO) });
    let unlimited = cleaner(Limits::default());
    for (name, call) in CALLS {
        assert_eq!(call(&spent, &page), Err(Error::OverBudget { budget: Duration::ZERO }), "{name}");
        assert_eq!(call(&unlimited, &page), Ok(()), "{name}");
    }
}
