//! Owners claim imported companies; administrators decide. Thin: parse, call
//! `app::services::claims`, redirect to a page that states the outcome.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::{
    forms::{app_error, locale_of, read_form_about, reject, see_other, user_or_401},
    inquiries::query_value,
    rfq::approve_or_refuse,
};
use app::{forms::FormError, services::claims, state::AppState};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};

/// `POST /account/claim/{producer}`: a signed-in account claims a company; a link goes to the
/// company-domain address it gave.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (posted, producer_id) = match read_form_about(req, &id).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let input = match claims::parse(&posted.values) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "claim", errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let language = locale_of(&posted.parts);
    match claims::start(&state.db, user.id, producer_id, input, language, state.now()).await {
        Ok(()) => see_other(&format!("/account/claim/{producer_id}?done=claim_sent")),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "claim", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `GET /claims/confirm?token=…`: the link mailed to the company-domain address puts the
/// claim in the administrators' queue.
pub async fn confirm(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let token = query_value(&parts, "token");
    match claims::confirm(&state.db, &token, state.now()).await {
        Ok(producer_id) => see_other(&format!("/producers/{producer_id}?done=claim_confirmed")),
        Err(e) => app_error(&parts, e),
    }
}

/// `POST /admin/claims/{id}/{approve|reject}`.
pub async fn decide(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    req: Request,
) -> Response {
    let db = state.db.clone();
    let now = state.now();
    approve_or_refuse(
        &state,
        req,
        &id,
        &action,
        "/admin/claims",
        "claim_decision",
        |admin, claim, reason| claims::decide(&db, admin, claim, reason, now),
    )
    .await
}
