//! Requests for quotation: buyers ask, producers quote, buyers compare and close. Thin: parse,
//! limit, call `app::contact::services::rfq`, redirect to a page that states the outcome.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::PostedAbout;
use crate::routes::{
    contact::inquiries::{buyer_limits, query_value},
    forms::{
        Posted, app_error, locale_of, one_error, reject, render_rejected_at, see_other, user_or_401,
    },
};
use app::{
    administration::services::moderation,
    contact::services::rfq,
    foundations::{
        domain::inquiry::HONEYPOT,
        error::AppError,
        forms::{FieldErrors, FormError, Problem, Rejected},
    },
    state::AppState,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};

/// `POST /rfq/new`: the request form. It waits for the buyer's address check; the page says a
/// link is on its way.
pub async fn create(State(state): State<AppState>, posted: Posted) -> Response {
    let sent = "/rfq/new?done=rfq_sent";
    // A bot that filled the hidden field is told it worked, and nothing is kept or mailed.
    if !posted.values.get(HONEYPOT).trim().is_empty() {
        return see_other(sent);
    }
    let now = state.now();
    let input = match rfq::parse(&posted.values, now.date_naive()) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "rfq", errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let posted = match buyer_limits(&state, posted, "rfq", &input.email).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let language = locale_of(&posted.parts);
    match rfq::start(&state.db, input, language, now).await {
        Ok(()) => see_other(sent),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "rfq", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `GET /rfq/confirm?key=…`: the link in the buyer's mail sends the request (or queues it for
/// the administrators) and opens the page of quotes.
pub async fn confirm(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let key = query_value(&parts, "key");
    match rfq::confirm(&state.db, &key, state.site.rfq_moderation, state.now()).await {
        Ok(()) => see_other(&format!("{}&done=rfq_confirmed", rfq::page_path(&key))),
        Err(e) => app_error(&parts, e),
    }
}

/// `POST /rfq/close`: the buyer closes the request (the key comes in a hidden field).
pub async fn close(State(state): State<AppState>, posted: Posted) -> Response {
    let key = posted.values.get("key").to_owned();
    match rfq::close(&state.db, &key, state.now()).await {
        Ok(()) => see_other(&format!("{}&done=rfq_closed", rfq::page_path(&key))),
        Err(e) => app_error(&posted.parts, e),
    }
}

/// A refused form that posts to an action path: the page holding it is rendered again.
async fn refuse_at(
    state: &AppState,
    posted: Posted,
    page: &str,
    form: &str,
    errors: FieldErrors,
) -> Response {
    let values = posted.values.without(&["_csrf"]);
    let rejected = Rejected { form: form.to_owned(), values, errors };
    render_rejected_at(state, posted.parts, page, rejected, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `POST /account/rfq/{id}/quote`: a producer quotes, or changes its quote.
pub async fn quote(
    State(state): State<AppState>,
    PostedAbout { posted, id: rfq_id }: PostedAbout,
) -> Response {
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    match rfq::quote(&state.db, user.id, rfq_id, &posted.values, state.now()).await {
        Ok(()) => see_other(&format!("/account/rfq/{rfq_id}?done=quote_sent")),
        Err(FormError::Invalid(errors)) => {
            refuse_at(&state, posted, &format!("/account/rfq/{rfq_id}"), "quote", errors).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `POST /admin/rfq/{id}/{approve|reject}`: an administrator sends a request on or refuses it.
pub async fn decide(
    State(state): State<AppState>,
    Path((_, action)): Path<(String, String)>,
    post: PostedAbout,
) -> Response {
    let db = state.db.clone();
    let now = state.now();
    approve_or_refuse(
        &state,
        post,
        &action,
        "/admin/rfq",
        "rfq_decision",
        |admin, rfq_id, reason| rfq::decide(&db, admin, rfq_id, reason, now),
    )
    .await
}

/// An administrator's approve-or-refuse post on `/admin/{what}/{id}/{approve|reject}`: a
/// refusal needs a reason (field `reason_{id}`, or a preset), which `decide` passes on; the
/// queue page at `page` shows the outcome, or the form again with its message.
pub(crate) async fn approve_or_refuse<F, Fut>(
    state: &AppState,
    PostedAbout { posted, id }: PostedAbout,
    action: &str,
    page: &str,
    form: &str,
    decide: F,
) -> Response
where
    F: FnOnce(i64, i64, Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    let admin = match crate::routes::administration::admin::admin_of(&posted) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let field = format!("reason_{id}");
    let reason = match action {
        "approve" => None,
        "reject" => {
            let reason = moderation::join_reason(
                posted.values.get("reason_preset"),
                posted.values.get(&field),
            );
            if reason.trim().is_empty() {
                let errors = one_error(&field, Problem::new("err_reason_required"));
                return refuse_at(state, posted, page, form, errors).await;
            }
            Some(reason)
        }
        _ => return app_error(&posted.parts, AppError::NotFound),
    };
    match decide(admin.id, id, reason).await {
        Ok(()) => see_other(&format!("{page}?done=decided")),
        Err(e) => app_error(&posted.parts, e),
    }
}
