//! Buyers write to producers; producers answer from their inbox. Thin: parse, limit, call
//! `app::contact::services::inquiries`, redirect to a page that states the outcome.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::PostedAbout;
use crate::routes::forms::{
    Posted, app_error, locale_of, parse_id, reject, reject_limited, render_rejected_at, see_other,
};
use app::{
    contact::services::{inquiries, inquiry_reports},
    foundations::{
        auth::CurrentUser,
        domain::{Email, InquiryStatus, inquiry::HONEYPOT},
        error::AppError,
        forms::{FormError, Rejected},
        services::rate_limit::{self, Bucket},
    },
    state::AppState,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};

/// `POST /producers/{id}/contact`: the contact form. The inquiry waits for the buyer's address
/// check; the page says a link is on its way.
pub async fn contact(
    State(state): State<AppState>,
    PostedAbout { posted, id: producer_id }: PostedAbout,
) -> Response {
    let sent = format!("/producers/{producer_id}/contact?done=inquiry_sent");
    // A bot that filled the hidden field is told it worked, and nothing is kept or mailed.
    if !posted.values.get(HONEYPOT).trim().is_empty() {
        return see_other(&sent);
    }
    let input = match inquiries::parse(&posted.values) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "inquiry", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let posted = match buyer_limits(&state, posted, "inquiry", &input.email).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let language = locale_of(&posted.parts);
    match inquiries::start(&state.db, producer_id, input, language, state.now()).await {
        Ok(()) => see_other(&sent),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "inquiry", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// Counts a buyer's message (an inquiry or a request for quotation) against the limits per
/// client address and per sender address; over either, `form` comes back with a message beside
/// the email field (429).
pub(crate) async fn buyer_limits(
    state: &AppState,
    posted: Posted,
    form: &str,
    email: &Email,
) -> Result<Posted, Response> {
    let ip = posted.ip().unwrap_or_default();
    let address = email.as_str().to_lowercase();
    let limits = (
        (Bucket::InquiryIp, ip.as_str(), state.auth.inquiry_per_ip),
        [(Bucket::InquiryAddress, address.as_str(), state.auth.inquiry_per_address)],
    );
    match rate_limit::hit_each(&state.db, limits.0, &limits.1, state.now()).await {
        Ok(usage) if usage.refused.is_some() => {
            Err(reject_limited(state, posted, form, "email", &usage).await)
        }
        Ok(_) => Ok(posted),
        Err(e) => Err(app_error(&posted.parts, e.into())),
    }
}

/// The `name` parameter of the request's query string ("" when absent).
pub(crate) fn query_value(parts: &axum::http::request::Parts, name: &str) -> String {
    form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// `GET /inquiries/confirm?token=…`: the link in the buyer's mail delivers the inquiry.
pub async fn confirm(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let token = query_value(&parts, "token");
    match inquiries::confirm(&state.db, &token, state.now()).await {
        Ok(producer_id) => see_other(&format!("/producers/{producer_id}?done=inquiry_delivered")),
        Err(e) => app_error(&parts, e),
    }
}

/// The inbox tab a form came from (a hidden field), so a refused reply re-renders that tab.
fn inbox_tab(posted: &Posted) -> String {
    let show =
        InquiryStatus::parse_delivered(posted.values.get("show")).unwrap_or(InquiryStatus::New);
    format!("/account/inquiries?show={}", show.as_str())
}

/// `POST /account/inquiries/{id}/reply`: mails the producer's answer to the buyer.
pub async fn reply(
    State(state): State<AppState>,
    PostedAbout { posted, id: inquiry_id }: PostedAbout,
) -> Response {
    let Some(user) = posted.user() else {
        return app_error(&posted.parts, AppError::Unauthorized);
    };
    match inquiries::reply(&state.db, user.id, inquiry_id, &posted.values, state.now()).await {
        Ok(()) => see_other("/account/inquiries?show=answered&done=inquiry_answered"),
        Err(FormError::Invalid(errors)) => {
            let tab = inbox_tab(&posted);
            let values = posted.values.without(&["_csrf"]);
            let form = app::foundations::domain::inquiry::reply_field(inquiry_id);
            let rejected = Rejected { form, values, errors };
            render_rejected_at(
                &state,
                posted.parts,
                &tab,
                rejected,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `POST /account/inquiries/{id}/{archive|report}`: the producer puts an inquiry aside, or
/// reports it to the administrators as spam or abuse.
pub async fn producer_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return app_error(&parts, AppError::Unauthorized);
    };
    let inquiry_id = match parse_id(&parts, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (result, done) = match action.as_str() {
        "archive" => (inquiries::archive(&state.db, user.id, inquiry_id).await, "inquiry_archived"),
        "report" => (
            inquiry_reports::report(&state.db, user.id, inquiry_id, state.now()).await,
            "inquiry_reported",
        ),
        _ => return app_error(&parts, AppError::NotFound),
    };
    match result {
        Ok(()) => see_other(&format!("/account/inquiries?done={done}")),
        Err(e) => app_error(&parts, e),
    }
}

/// `POST /admin/inquiries/{id}/{block|dismiss}`: an administrator decides on a reported inquiry.
pub async fn admin_action(
    State(state): State<AppState>,
    Path((_, action)): Path<(String, String)>,
    PostedAbout { posted, id: inquiry_id }: PostedAbout,
) -> Response {
    let admin = match crate::routes::administration::admin::admin_of(&posted) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let parts = posted.parts;
    let now = state.now();
    let (result, done) = match action.as_str() {
        "block" => (
            inquiry_reports::block_sender(&state.db, admin.id, inquiry_id, now).await,
            "sender_blocked",
        ),
        "dismiss" => (
            inquiry_reports::dismiss(&state.db, admin.id, inquiry_id, now).await,
            "report_dismissed",
        ),
        _ => return app_error(&parts, AppError::NotFound),
    };
    match result {
        Ok(()) => see_other(&format!("/admin/inquiries?done={done}")),
        Err(e) => app_error(&parts, e),
    }
}
