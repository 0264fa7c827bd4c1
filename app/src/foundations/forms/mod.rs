//! Plain HTML forms that post and redirect, and come back with every typed value and a message
//! per field when something is wrong.
//!
//! A page renders its form from [`FormValues`]: the stored record on a fresh visit, the posted
//! values after a rejected post. The server hands a rejected post back to the page as a
//! [`Rejected`] in the Leptos context (see `server::routes::forms`), so the same component
//! renders both, with JavaScript on or off.

pub mod fields;
pub mod values;

pub use fields::*;
pub use values::*;

use crate::foundations::domain::DomainError;
use crate::foundations::i18n::{Strings, fill};
use serde::{Deserialize, Serialize};

/// What is wrong with one value: a message key of the locale files and its placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub key: String,
    pub params: Vec<(String, String)>,
}

impl Problem {
    pub fn new(key: &str) -> Self {
        Self { key: key.to_owned(), params: Vec::new() }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.push((name.to_owned(), value.to_string()));
        self
    }

    /// The message in the reader's language (English when a key is missing).
    pub fn message(&self, t: &Strings) -> String {
        let template = t.get(&self.key).unwrap_or(t.err_invalid);
        let args: Vec<(&str, &dyn std::fmt::Display)> =
            self.params.iter().map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display)).collect();
        fill(template, &args)
    }
}

impl From<DomainError> for Problem {
    fn from(e: DomainError) -> Self {
        Problem {
            key: format!("err_{}", e.key()),
            params: e.params().into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }
}

/// Problems by field name, in the order the fields appear.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, Problem)>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, problem: impl Into<Problem>) {
        let field = field.into();
        // One message per field: the first problem found is the one to fix first.
        if self.get(&field).is_none() {
            self.0.push((field, problem.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, p)| p)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Ok(value)` or the problem recorded against `field`.
    pub fn check<T, E: Into<Problem>>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.into());
                None
            }
        }
    }

    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(value()) } else { Err(self) }
    }
}

/// A post that was refused: the page re-renders its form from these values and errors.
#[derive(Clone, Debug, Default)]
pub struct Rejected {
    /// Which form on the page (a page may hold several).
    pub form: String,
    pub values: FormValues,
    pub errors: FieldErrors,
}

/// The refused post for `form`, when this render answers one.
pub fn rejected(form: &str) -> Option<Rejected> {
    leptos::prelude::use_context::<Rejected>().filter(|r| r.form == form)
}

/// An outcome message carried in the URL after a redirect (`?done=saved`): with JavaScript off
/// the page after the redirect is the only place to say that something worked.
pub fn done_message(t: &Strings, code: &str) -> Option<&'static str> {
    t.get(&format!("done_{code}"))
}

/// One problem in an uploaded file: 1-based line number (the header is line 1), column, reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub problem: Problem,
}

/// The outcome of a CSV upload, shown on the import page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    pub valid: usize,
    pub errors: Vec<RowError>,
    /// A problem with the file as a whole (size, encoding, columns).
    pub file_problem: Option<Problem>,
    /// The import chose "valid rows only".
    pub valid_only: bool,
}

/// Fills a `done_*` message's `{name}` placeholders from the query parameters of the same name.
/// Only whole numbers are taken (the URL is anyone's to write, the notice speaks for the
/// site); a message whose placeholder has no number is not shown at all, never half-filled.
pub fn fill_counts(message: &str, param: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = message.to_owned();
    while let Some(start) = out.find('{') {
        let end = start + out[start..].find('}')?;
        let name = &out[start + 1..end];
        let n: u64 = param(name)?.parse().ok()?;
        out.replace_range(start..=end, &n.to_string());
    }
    Some(out)
}

/// A query parameter of the request being rendered (server side).
pub fn query_param(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
        return form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned());
    }
    let _ = name;
    None
}

/// The `?done=` notice after a redirect, as a status banner.
#[leptos::component]
pub fn DoneNotice() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let t = crate::foundations::i18n::use_strings();
    query_param("done")
        .and_then(|code| done_message(t, &code))
        .and_then(|message| fill_counts(message, query_param))
        .map(|message| view! { <p class="notice" role="status">{message}</p> })
}

/// Why a form was not saved: problems to show beside its fields, or an error of the request
/// as a whole (403, 404, 409…). Every form-saving service answers with it.
#[derive(Debug)]
pub enum FormError {
    Invalid(FieldErrors),
    App(crate::foundations::error::AppError),
}

impl FormError {
    /// One field's problem.
    pub fn field(name: &str, problem: impl Into<Problem>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(name, problem);
        FormError::Invalid(errors)
    }
}

impl From<crate::foundations::error::AppError> for FormError {
    fn from(e: crate::foundations::error::AppError) -> Self {
        FormError::App(e)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for FormError {
    fn from(e: sea_orm::DbErr) -> Self {
        FormError::App(e.into())
    }
}

/// Text made safe for HTML and XML written by hand (error pages, the API docs, SVG).
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::fill_counts;

    #[test]
    fn done_messages_are_filled_with_numbers_only() {
        let param = |name: &str| match name {
            "ok" => Some("2".to_owned()),
            "failed" => Some("0".to_owned()),
            _ => Some("<b>hi</b>".to_owned()),
        };
        assert_eq!(
            fill_counts("Saved: {ok}; lost: {failed}.", param).as_deref(),
            Some("Saved: 2; lost: 0.")
        );
        assert_eq!(fill_counts("Text: {other}", param), None);
        assert_eq!(fill_counts("Saved: {ok}", |_| None), None);
        assert_eq!(fill_counts("Plain.", |_| None).as_deref(), Some("Plain."));
    }
}
