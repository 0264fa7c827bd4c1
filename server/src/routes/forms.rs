//! Form posts of producers: register, sign in and out, company profile, listings, CSV import.
//!
//! Each handler parses the body once, calls a domain service, and then either redirects
//! (303, post/redirect/get) to a page that states the outcome, or renders the same page again
//! with everything typed and a message per field (422). Works the same with JavaScript off.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::session::{self, SESSION_COOKIE};
use app::forms::escape_html;
use app::{
    auth::{ClientIp, CurrentUser},
    error::AppError,
    forms::{FieldErrors, FormError, FormValues, Problem, Rejected},
    i18n::{Locale, negotiate},
    services::{
        accounts,
        company::{self, Saved},
        listings::{self, Action},
    },
    state::AppState,
};
use axum::{
    body::{Body, to_bytes},
    extract::{Path, Request, State},
    http::{HeaderValue, Method, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Response},
};
use leptos::prelude::provide_context;

const FORM_LIMIT: usize = 1024 * 1024;

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
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    error_page(parts, status, &e.to_string())
}

fn one_error(field: &str, problem: Problem) -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(field, problem);
    e
}

async fn reject(
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
            session::secure(state, &parts.headers),
        ),
    );
    response
}

fn limited(seconds: u64) -> Problem {
    Problem::new("err_rate_limited").with("seconds", seconds)
}

pub async fn register(State(state): State<AppState>, req: Request) -> Response {
    let posted = match read_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    if let Err(wait) = state.limiter.hit(&format!("register:{ip}"), state.auth.register_per_ip, now)
    {
        let errors = one_error("email", limited(wait));
        let mut r = reject(&state, posted, "register", errors, StatusCode::TOO_MANY_REQUESTS).await;
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return r;
    }
    let registration = match accounts::parse_registration(&posted.values) {
        Ok(r) => r,
        Err(errors) => {
            return reject(&state, posted, "register", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let user = match accounts::register(&state.db, registration, now, posted.ip().as_deref()).await
    {
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

pub async fn login(State(state): State<AppState>, req: Request) -> Response {
    let posted = match read_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    // No address is longer than 254 characters: neither the limiter's keys nor the audit log
    // keep more of what was posted.
    let email: String =
        posted.values.get("email").trim().to_lowercase().chars().take(254).collect();
    let account_key = format!("login-account:{email}");
    let limit = state
        .limiter
        .attempt(&format!("login-ip:{ip}"), state.auth.login_per_ip, now)
        .and_then(|_| state.limiter.attempt(&account_key, state.auth.login_per_account, now));
    if let Err(refused) = limit {
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
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return r;
    }
    match accounts::authenticate(&state.db, &email, posted.values.get("password")).await {
        Ok(Some(user)) => {
            state.limiter.reset(&account_key);
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
            session::secure(&state, &parts.headers),
        ),
    );
    response
}

/// The signed-in user of a posted form (the middleware already refused anonymous posts here).
fn user_or_401(posted: &Posted) -> Result<CurrentUser, Response> {
    posted.user().ok_or_else(|| app_error(&posted.parts, AppError::Unauthorized))
}

pub async fn change_password(State(state): State<AppState>, req: Request) -> Response {
    let posted = match read_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    match accounts::change_password(&state.db, &user, &posted.values, state.now()).await {
        Ok(()) => see_other("/account?done=password"),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "password", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

pub async fn save_company(State(state): State<AppState>, req: Request) -> Response {
    let posted = match read_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let now = state.now();
    let input = match company::parse_company(&posted.values, now.date_naive()) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "company", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let ip = posted.ip();
    match company::save_company(&state.db, &user, input, now, ip.as_deref()).await {
        Ok(Saved::RevisionPending(_)) => see_other("/account?done=company_revision"),
        // "Save and resubmit": the saved profile goes back to the queue.
        Ok(_) if posted.values.get("then") == "submit" => {
            match company::submit_company(&state.db, &user, now, ip.as_deref()).await {
                Ok(()) => see_other("/account?done=company_submitted"),
                Err(e) => app_error(&posted.parts, e),
            }
        }
        Ok(_) => see_other("/account?done=company_saved"),
        Err(FormError::Invalid(mut errors)) => {
            // A tax ID registered by someone else: say whom to write to, when configured.
            if let Some(email) = &state.site.contact_email {
                for (_, problem) in errors.0.iter_mut() {
                    if problem.key == "err_tax_id_taken" {
                        *problem =
                            Problem::new("err_tax_id_taken_contact").with("email", email.trim());
                    }
                }
            }
            reject(&state, posted, "company", errors, StatusCode::CONFLICT).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

pub async fn submit_company(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let ip = parts.extensions.get::<ClientIp>().map(|c| c.0.clone());
    match company::submit_company(&state.db, &user, state.now(), ip.as_deref()).await {
        Ok(()) => see_other("/account?done=company_submitted"),
        Err(e) => app_error(&parts, e),
    }
}

async fn save_listing(state: AppState, req: Request, id: Option<i64>) -> Response {
    let posted = match read_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    // Another producer's listing: 404 before looking at the form at all.
    if let Some(id) = id
        && let Err(e) = listings::owned(&state.db, &user, id).await
    {
        return app_error(&posted.parts, e);
    }
    let input = match listings::parse_listing(&posted.values) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "listing", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let now = state.now();
    let ip = posted.ip();
    let result =
        match id {
            None => listings::create(&state.db, &user, input, now, ip.as_deref())
                .await
                .map(|_| "/account?done=listing_saved"),
            Some(id) => listings::update(&state.db, &user, id, input, now, ip.as_deref())
                .await
                .map(|saved| match saved {
                    Saved::RevisionPending(_) => "/account?done=listing_revision",
                    _ => "/account?done=listing_saved",
                }),
        };
    match result {
        // "Save and resubmit": the saved entry goes back to the queue.
        Ok(to)
            if to == "/account?done=listing_saved"
                && posted.values.get("then") == "submit"
                && let Some(id) = id =>
        {
            match listings::act(&state.db, &user, id, Action::Submit, now, ip.as_deref()).await {
                Ok(()) => see_other("/account?done=listing_submitted"),
                Err(e) => app_error(&posted.parts, e),
            }
        }
        Ok(to) => see_other(to),
        Err(FormError::Invalid(errors)) => {
            let errors = if errors.get("hs_code").is_some() {
                one_error("hs_code", Problem::new("err_hs_unknown"))
            } else {
                errors
            };
            reject(&state, posted, "listing", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(AppError::Conflict(_))) if id.is_none() => {
            let errors = one_error("product_name", Problem::new("err_company_first"));
            reject(&state, posted, "listing", errors, StatusCode::CONFLICT).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

pub async fn new_listing(State(state): State<AppState>, req: Request) -> Response {
    save_listing(state, req, None).await
}

fn parse_id(parts: &Parts, raw: &str) -> Result<i64, Response> {
    raw.parse::<i64>().map_err(|_| app_error(parts, AppError::NotFound))
}

pub async fn edit_listing(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    match parse_id(&parts, &id) {
        Ok(id) => save_listing(state, Request::from_parts(parts, body), Some(id)).await,
        Err(r) => r,
    }
}

/// Deletes a product once confirmed (`confirm=yes`, sent by the confirmation page); a post
/// without it (an old page's one-click button) is sent to that page instead.
pub async fn delete_listing(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let id = match parse_id(&parts, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return error_page(&parts, StatusCode::PAYLOAD_TOO_LARGE, "the form is too large");
    };
    if FormValues::parse_urlencoded(&bytes).get("confirm") != "yes" {
        // Only the owner is sent to the confirmation; anyone else learns nothing.
        return match listings::owned(&state.db, &user, id).await {
            Ok(_) => see_other(&format!("/account/listings/{id}/delete")),
            Err(e) => app_error(&parts, e),
        };
    }
    let ip = parts.extensions.get::<ClientIp>().map(|c| c.0.clone());
    match listings::act(&state.db, &user, id, Action::Delete, state.now(), ip.as_deref()).await {
        Ok(()) => see_other("/account?done=listing_deleted"),
        Err(e) => app_error(&parts, e),
    }
}

pub async fn listing_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let id = match parse_id(&parts, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (action, done) = match action.as_str() {
        "submit" => (Action::Submit, "listing_submitted"),
        "withdraw" => (Action::Withdraw, "listing_withdrawn"),
        _ => return app_error(&parts, AppError::NotFound),
    };
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let ip = parts.extensions.get::<ClientIp>().map(|c| c.0.clone());
    match listings::act(&state.db, &user, id, action, state.now(), ip.as_deref()).await {
        Ok(()) => see_other(&format!("/account?done={done}")),
        Err(e) => app_error(&parts, e),
    }
}
