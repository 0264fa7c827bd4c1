//! What every form handler shares: reading the body, re-rendering a refused form, redirects,
//! error pages and rate-limit refusals. The handlers themselves are in each journey's folder
//! (`catalogue`, `contact`, `workspace`, `administration`).
//!
//! Each handler parses the body once, calls a domain service, and then either redirects
//! (303, post/redirect/get) to a page that states the outcome, or renders the same page again
//! with everything typed and a message per field (422). Works the same with JavaScript off.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::session::{self, SESSION_COOKIE};
use app::foundations::forms::escape_html;
use app::{
    foundations::{
        auth::{ClientIp, CurrentUser},
        error::AppError,
        forms::{FieldErrors, FormValues, Problem, Rejected},
        i18n::{Locale, negotiate},
        services::rate_limit::{self},
    },
    state::AppState,
};
use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{HeaderValue, Method, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Response},
};
use leptos::prelude::provide_context;

pub(crate) const FORM_LIMIT: usize = 1024 * 1024;

pub struct Posted {
    pub parts: Parts,
    pub values: FormValues,
}

impl Posted {
    pub fn user(&self) -> Option<CurrentUser> {
        self.parts.extensions.get::<CurrentUser>().cloned()
    }

    pub fn ip(&self) -> Option<String> {
        self.parts.extensions.get::<ClientIp>().map(|c| c.0.clone())
    }
}

pub fn locale_of(parts: &Parts) -> Locale {
    let h = |n| parts.headers.get(n).and_then(|v: &HeaderValue| v.to_str().ok());
    negotiate(h(header::COOKIE), h(header::ACCEPT_LANGUAGE))
}

/// Reads a url-encoded form body (bounded).
pub async fn read_form(req: Request) -> Result<Posted, Response> {
    let (parts, body) = req.into_parts();
    let content_type =
        parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(error_page(
            &parts,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "expected a form (application/x-www-form-urlencoded)",
        ));
    }
    let bytes = to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| error_page(&parts, StatusCode::PAYLOAD_TOO_LARGE, "the form is too large"))?;
    Ok(Posted { values: FormValues::parse_urlencoded(&bytes), parts })
}

/// Renders the page at the request's path again, with the refused post in context.
pub async fn render_rejected(
    state: &AppState,
    parts: Parts,
    rejected: Rejected,
    status: StatusCode,
) -> Response {
    render_page(state, parts, status, move || provide_context(rejected.clone())).await
}

/// Renders the page at `path` (the page that holds the refused form, when the form posts to an
/// action path of its own such as `/admin/producers/7/verify`) with the refused post in context.
pub async fn render_rejected_at(
    state: &AppState,
    mut parts: Parts,
    path: &str,
    rejected: Rejected,
    status: StatusCode,
) -> Response {
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
    render_rejected(state, parts, rejected, status).await
}

/// Renders the Leptos page at the request's path (as a GET) with extra context.
pub async fn render_page(
    state: &AppState,
    parts: Parts,
    status: StatusCode,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let options = state.leptos_options.clone();
    let context_state = state.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            // The nonce the CSP header of this response names: without it the re-rendered
            // page's hydration scripts were refused, and a refused form lost its islands.
            crate::security_headers::provide_request_nonce();
            extra();
        },
        move || app::shell(options.clone()),
    );
    let mut parts = parts;
    parts.method = Method::GET;
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/")),
    );
    response
}

/// A small page for refusals that have no form to go back to (403, 404, 409, 413…).
pub fn error_page(parts: &Parts, status: StatusCode, message: &str) -> Response {
    let t = locale_of(parts).strings();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/registry.css\"></head><body><main id=\"main\">\
         <h1>{}</h1><p role=\"alert\">{}</p><p><a href=\"/account\">{}</a></p></main></body></html>",
        locale_of(parts).code(),
        escape_html(t.error_title),
        escape_html(t.error_title),
        escape_html(message),
        escape_html(t.nav_account)
    );
    (status, Html(body)).into_response()
}

pub fn app_error(parts: &Parts, e: AppError) -> Response {
    if e == AppError::EmailUnconfirmed {
        return crate::routes::workspace::recovery::confirm_first(parts);
    }
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    error_page(parts, status, &e.to_string())
}

pub fn one_error(field: &str, problem: Problem) -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(field, problem);
    e
}

pub async fn reject(
    state: &AppState,
    posted: Posted,
    form: &str,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    // Passwords are never echoed back.
    let values = posted.values.without(&[
        "password",
        "password_confirm",
        "current_password",
        "new_password",
        "new_password_confirm",
        "_csrf",
    ]);
    let rejected = Rejected { form: form.to_owned(), values, errors };
    render_rejected(state, posted.parts, rejected, status).await
}

pub(crate) fn with_session_cookie(
    mut response: Response,
    state: &AppState,
    parts: &Parts,
    token: &str,
) -> Response {
    let max_age = state.auth.absolute_lifetime.as_secs() as i64;
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(
            SESSION_COOKIE,
            token,
            Some(max_age),
            "Lax",
            session::secure(state, &parts.headers, session::peer(&parts.extensions)),
        ),
    );
    response
}

pub fn limited(seconds: u64) -> Problem {
    Problem::new("err_rate_limited").with("seconds", seconds)
}

/// The id in a path (`/account/listings/{id}/…`): one that is not a number names nothing, 404.
pub fn parse_id(parts: &Parts, raw: &str) -> Result<i64, Response> {
    raw.parse::<i64>().map_err(|_| app_error(parts, AppError::NotFound))
}

/// The refused form again, "too many attempts" beside `field`: 429 with the `RateLimit-*`
/// headers of the limit that refused.
pub async fn reject_limited(
    state: &AppState,
    posted: Posted,
    form: &str,
    field: &str,
    usage: &rate_limit::Usage,
) -> Response {
    let wait = usage.refused.map(|r| r.retry_after).unwrap_or_default();
    let errors = one_error(field, limited(wait));
    let mut r = reject(state, posted, form, errors, StatusCode::TOO_MANY_REQUESTS).await;
    crate::routes::rate_limit::add_headers(&mut r, usage);
    r
}

/// The signed-in user of a posted form (the middleware already refused anonymous posts here).
pub(crate) fn user_or_401(posted: &Posted) -> Result<CurrentUser, Response> {
    posted.user().ok_or_else(|| app_error(&posted.parts, AppError::Unauthorized))
}
