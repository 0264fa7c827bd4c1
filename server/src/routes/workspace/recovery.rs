//! Recovering an account: the address-check link and "send it again", and password resets
//! ("Forgot your password?" → mailed link → new password). Thin: parse, limit, call
//! `app::workspace::services::recovery`, redirect to a page that states the outcome.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::SignedInPost;
use crate::routes::forms::{Posted, app_error, locale_of, reject, reject_limited, see_other};
use app::{
    foundations::{
        auth::{CsrfToken, CurrentUser},
        error::AppError,
        forms::{FormError, escape_html},
        services::rate_limit::{self, Bucket},
    },
    state::AppState,
    workspace::services::{email_change, recovery},
};
use axum::{
    extract::{Request, State},
    http::{StatusCode, request::Parts},
    response::{Html, IntoResponse, Response},
};

fn query(parts: &Parts, name: &str) -> String {
    form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// `GET /confirm-email?token=…`: the link in the address-check mail.
pub async fn confirm_email(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    match recovery::confirm_email(&state.db, &query(&parts, "token"), state.now()).await {
        Ok(_) if parts.extensions.get::<CurrentUser>().is_some() => {
            see_other("/account?done=email_confirmed")
        }
        Ok(_) => see_other("/login?done=email_confirmed"),
        Err(e) => app_error(&parts, e),
    }
}

/// `POST /account/email/resend`: a new address-check link (the earlier ones stop working).
pub async fn resend_confirmation(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let now = state.now();
    let subject = user.id.to_string();
    let limit = state.auth.confirm_resend_per_account;
    let usage = match rate_limit::hit(&state.db, Bucket::ConfirmResend, &subject, limit, now).await
    {
        Ok(u) => u,
        Err(e) => return app_error(&parts, e.into()),
    };
    if let Some(refused) = usage.refused {
        let mut r = app_error(&parts, AppError::TooManyRequests(refused.retry_after));
        crate::routes::rate_limit::add_headers(&mut r, &usage);
        return r;
    }
    match recovery::resend_confirmation(&state.db, user.id, now).await {
        Ok(true) => see_other("/account?done=confirm_sent"),
        Ok(false) => see_other("/account?done=email_confirmed"),
        Err(e) => app_error(&parts, e),
    }
}

/// `POST /forgot-password`: the same answer whether or not an account has the address.
pub async fn forgot_password(State(state): State<AppState>, posted: Posted) -> Response {
    let email = match recovery::parse_reset_request(&posted.values) {
        Ok(e) => e,
        Err(errors) => {
            return reject(&state, posted, "forgot", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    let address = email.as_str().to_lowercase();
    // Per client address first, then per account address: either refusal stops the request.
    let limits = (
        (Bucket::ResetIp, ip.as_str(), state.auth.reset_per_ip),
        [(Bucket::ResetAddress, address.as_str(), state.auth.reset_per_address)],
    );
    match rate_limit::hit_each(&state.db, limits.0, &limits.1, now).await {
        Ok(usage) if usage.refused.is_some() => {
            return reject_limited(&state, posted, "forgot", "email", &usage).await;
        }
        Ok(_) => {}
        Err(e) => return app_error(&posted.parts, e.into()),
    }
    match recovery::request_reset(&state.db, &email, now, posted.ip().as_deref()).await {
        Ok(()) => see_other("/forgot-password?done=reset_sent"),
        Err(e) => app_error(&posted.parts, e),
    }
}

/// `POST /reset-password`: the new password, with the token from the link.
pub async fn reset_password(State(state): State<AppState>, posted: Posted) -> Response {
    let ip = posted.ip();
    match recovery::reset_password(&state.db, &posted.values, state.now(), ip.as_deref()).await {
        Ok(()) => see_other("/login?done=password_reset"),
        Err(FormError::Invalid(errors)) => {
            let status = if errors.get("token").is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            reject(&state, posted, "reset", errors, status).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `POST /account/email`: asks for a new address (confirmed by the link mailed to it).
pub async fn change_email(
    State(state): State<AppState>,
    SignedInPost { posted, user }: SignedInPost,
) -> Response {
    let now = state.now();
    let subject = user.id.to_string();
    let limit = state.auth.confirm_resend_per_account;
    match rate_limit::hit(&state.db, Bucket::ConfirmResend, &subject, limit, now).await {
        Ok(usage) if usage.refused.is_some() => {
            return reject_limited(&state, posted, "email_change", "new_email", &usage).await;
        }
        Ok(_) => {}
        Err(e) => return app_error(&posted.parts, e.into()),
    }
    match email_change::request(&state.db, &user, &posted.values, now).await {
        Ok(()) => see_other("/account?done=email_change_sent"),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "email_change", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `GET /confirm-email-change?token=…`: the link mailed to the new address.
pub async fn confirm_email_change(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    match email_change::confirm(&state.db, &query(&parts, "token"), state.now()).await {
        Ok(_) if parts.extensions.get::<CurrentUser>().is_some() => {
            see_other("/account?done=email_changed")
        }
        Ok(_) => see_other("/login?done=email_changed"),
        Err(e) => app_error(&parts, e),
    }
}

/// 403 for a submission before the address is confirmed: what to do, and the button to do it.
pub fn confirm_first(parts: &Parts) -> Response {
    let locale = locale_of(parts);
    let t = locale.strings();
    let csrf = parts.extensions.get::<CsrfToken>().map(|c| c.0.clone()).unwrap_or_default();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/registry.css\"></head><body><main id=\"main\">\
         <h1>{title}</h1><p role=\"alert\">{message}</p>\
         <form method=\"post\" action=\"/account/email/resend\">\
         <input type=\"hidden\" name=\"_csrf\" value=\"{csrf}\">\
         <button type=\"submit\" class=\"primary\">{button}</button></form>\
         <p><a href=\"/account\">{back}</a></p></main></body></html>",
        lang = locale.code(),
        title = escape_html(t.confirm_first_title),
        message = escape_html(t.confirm_first_text),
        csrf = escape_html(&csrf),
        button = escape_html(t.confirm_resend_button),
        back = escape_html(t.nav_account),
    );
    (StatusCode::FORBIDDEN, Html(body)).into_response()
}
