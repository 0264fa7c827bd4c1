//! Form posts of accounts (register, sign in and out, password) and what every form handler
//! shares: reading the body, re-rendering a refused form, redirects and error pages. The
//! producer's workspace forms are in `workspace_forms`.
//!
//! Each handler parses the body once, calls a domain service, and then either redirects
//! (303, post/redirect/get) to a page that states the outcome, or renders the same page again
//! with everything typed and a message per field (422). Works the same with JavaScript off.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::SignedInPost;
use crate::routes::session::{self, SESSION_COOKIE};
use app::forms::escape_html;
use app::{
    auth::{ClientIp, CurrentUser},
    error::AppError,
    forms::{FieldErrors, FormError, FormValues, Problem, Rejected},
    i18n::{Locale, negotiate},
    services::{
        accounts,
        rate_limit::{self, Bucket},
    },
    state::AppState,
};
use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
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
        return crate::routes::recovery::confirm_first(parts);
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

fn with_session_cookie(
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

pub async fn register(State(state): State<AppState>, posted: Posted) -> Response {
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    let usage =
        match rate_limit::hit(&state.db, Bucket::Register, &ip, state.auth.register_per_ip, now)
            .await
        {
            Ok(u) => u,
            Err(e) => return app_error(&posted.parts, e.into()),
        };
    if usage.refused.is_some() {
        return reject_limited(&state, posted, "register", "email", &usage).await;
    }
    let registration = match accounts::parse_registration(&posted.values) {
        Ok(r) => r,
        Err(errors) => {
            return reject(&state, posted, "register", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let locale = locale_of(&posted.parts);
    let registered =
        accounts::register(&state.db, registration, locale, now, posted.ip().as_deref()).await;
    let user = match registered {
        Ok(u) => u,
        // The form was parsed above: what is left is a taken email.
        Err(FormError::Invalid(errors)) => {
            return reject(&state, posted, "register", errors, StatusCode::CONFLICT).await;
        }
        Err(FormError::App(e)) => return app_error(&posted.parts, e),
    };
    start_session(&state, &posted, user.id, "/account?done=registered").await
}

async fn start_session(state: &AppState, posted: &Posted, user_id: i64, to: &str) -> Response {
    // A fresh session id at every sign-in; the session the browser had before ends.
    if let Some(old) = posted.user() {
        let _ = accounts::end_session(&state.db, &old.session_id).await;
    }
    let ua = posted.parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    match accounts::start_session(
        &state.db,
        user_id,
        state.now(),
        &state.auth,
        posted.ip().as_deref(),
        ua,
    )
    .await
    {
        Ok(token) => with_session_cookie(see_other(to), state, &posted.parts, &token),
        Err(e) => app_error(&posted.parts, e.into()),
    }
}

pub async fn login(State(state): State<AppState>, posted: Posted) -> Response {
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    // No address is longer than 254 characters: neither the limiter's keys nor the audit log
    // keep more of what was posted.
    let typed = posted.values.get("email").trim().to_lowercase();
    // Control characters (NUL above all, which PostgreSQL refuses in text) are in no address:
    // kept out of the keys and the log, and such an address signs nobody in.
    let unusable = typed.chars().any(char::is_control);
    let email: String = typed.chars().filter(|c| !c.is_control()).take(254).collect();
    // Counted in the database: every instance serving it shares the count.
    let usage = match login_usage(&state, &ip, &email).await {
        Ok(u) => u,
        Err(e) => return app_error(&posted.parts, e.into()),
    };
    if let Some(refused) = usage.refused {
        let wait = refused.retry_after;
        // Once per window, and never more of the posted text than an address can hold: a
        // flood of refused attempts must not become a flood of audit rows.
        if refused.first_in_window {
            let _ = app::services::audit::record(
                &state.db,
                app::services::audit::Event::new(None, "account.login_throttled", "user", 0, now)
                    .after(serde_json::json!({ "email": email }))
                    .ip(posted.ip().as_deref()),
            )
            .await;
        }
        let errors = one_error("email", limited(wait));
        let mut r = reject(&state, posted, "login", errors, StatusCode::TOO_MANY_REQUESTS).await;
        crate::routes::rate_limit::add_headers(&mut r, &usage);
        return r;
    }
    let authenticated = if unusable {
        Ok(None)
    } else {
        accounts::authenticate(&state.db, &email, posted.values.get("password")).await
    };
    match authenticated {
        Ok(Some(user)) => {
            if let Err(e) = rate_limit::reset(&state.db, Bucket::LoginAccount, &email).await {
                return app_error(&posted.parts, e.into());
            }
            let next = crate::routes::locale::safe_next(Some(posted.values.get("next")));
            // Without a page to return to: administrators to the queue, producers to theirs.
            let home = match app::auth::Role::parse(&user.role) {
                app::auth::Role::Admin => "/admin/queue",
                _ => "/account",
            };
            let to = if next == "/" { home.to_owned() } else { next };
            start_session(&state, &posted, user.id, &to).await
        }
        Ok(None) => {
            let errors = one_error("password", Problem::new("err_login"));
            reject(&state, posted, "login", errors, StatusCode::UNAUTHORIZED).await
        }
        Err(e) => app_error(&posted.parts, e),
    }
}

/// Counts a sign-in attempt per address, then (if that one is within its limit) per account;
/// the usage returned is the one that refused, else the account's.
async fn login_usage(
    state: &AppState,
    ip: &str,
    email: &str,
) -> Result<rate_limit::Usage, sea_orm::DbErr> {
    let limits = [(Bucket::LoginAccount, email, state.auth.login_per_account)];
    let by_ip = (Bucket::LoginIp, ip, state.auth.login_per_ip);
    rate_limit::hit_each(&state.db, by_ip, &limits, state.now()).await
}

pub async fn logout(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Some(user) = parts.extensions.get::<CurrentUser>()
        && let Err(e) = accounts::end_session(&state.db, &user.session_id).await
    {
        return app_error(&parts, e.into());
    }
    let mut response = see_other("/login?done=logged_out");
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(
            SESSION_COOKIE,
            "",
            Some(0),
            "Lax",
            session::secure(&state, &parts.headers, session::peer(&parts.extensions)),
        ),
    );
    response
}

/// The signed-in user of a posted form (the middleware already refused anonymous posts here).
pub(crate) fn user_or_401(posted: &Posted) -> Result<CurrentUser, Response> {
    posted.user().ok_or_else(|| app_error(&posted.parts, AppError::Unauthorized))
}

pub async fn change_password(
    State(state): State<AppState>,
    SignedInPost { posted, user }: SignedInPost,
) -> Response {
    match accounts::change_password(&state.db, &user, &posted.values, state.now()).await {
        Ok(()) => see_other("/account?done=password"),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "password", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}
