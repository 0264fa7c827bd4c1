//! Administrators' form posts: decisions (one or many), trust tools, roles; the audit log as CSV.
//! The middleware already refused anyone who is not an administrator.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::AdminPost;
use crate::routes::forms::{Posted, app_error, render_rejected_at, see_other};
use app::foundations::domain::Target;
use app::{
    administration::services::{
        admin,
        admin_forms::{self, ProducerAction},
        audit, moderation,
    },
    foundations::{
        auth::CurrentUser,
        error::AppError,
        forms::{FormError, Problem, Rejected},
    },
    state::AppState,
};
use axum::{
    extract::{Path, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

pub(crate) fn admin_of(posted: &Posted) -> Result<CurrentUser, Response> {
    match posted.user() {
        Some(u) if u.is_admin() => Ok(u),
        Some(_) => Err(app_error(&posted.parts, AppError::Forbidden)),
        None => Err(app_error(&posted.parts, AppError::Unauthorized)),
    }
}

/// Renders the administration page `page` (the one holding the form) again with its messages,
/// or the error page for a refusal that is not about a field.
async fn refused(
    state: &AppState,
    posted: Posted,
    page: &str,
    form: &str,
    refusal: FormError,
    status: StatusCode,
) -> Response {
    let errors = match refusal {
        FormError::Invalid(errors) => errors,
        FormError::App(e) => return app_error(&posted.parts, e),
    };
    let values = posted.values.clone().without(&["_csrf"]);
    let rejected = Rejected { form: form.into(), values, errors };
    render_rejected_at(state, posted.parts, page, rejected, status).await
}

/// The service's own words for why a decision did not happen, beside the reason field.
fn in_words(text: String) -> FormError {
    FormError::field("reason", Problem::new("err_raw").with("text", text))
}

fn id_of(raw: &str) -> Option<i64> {
    raw.parse().ok()
}

pub async fn decide(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    AdminPost { posted, admin }: AdminPost,
) -> Response {
    let Some(target) = id_of(&id).and_then(|id| Target::parse(&kind, id)) else {
        return app_error(&posted.parts, AppError::NotFound);
    };
    let page = format!("/admin/queue/{kind}/{id}");
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (decision, seen) = match admin_forms::parse_review(&posted.values) {
        Ok(review) => review,
        Err(e) => return refused(&state, posted, &page, "decide", e, unprocessable).await,
    };
    let (refusal, status) =
        match moderation::decide(&state.db, admin.id, target, decision, Some(seen), state.now())
            .await
        {
            Ok(()) => return see_other("/admin/queue?done=decided"),
            Err(AppError::Conflict(text)) => (in_words(text), StatusCode::CONFLICT),
            Err(AppError::BadRequest(text)) => (in_words(text), unprocessable),
            Err(e) => (FormError::App(e), unprocessable),
        };
    refused(&state, posted, &page, "decide", refusal, status).await
}

pub async fn bulk(
    State(state): State<AppState>,
    AdminPost { posted, admin }: AdminPost,
) -> Response {
    let decision = match admin_forms::parse_decision(&posted.values) {
        Ok(decision) => decision,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, posted, "/admin/queue", "bulk", e, status).await;
        }
    };
    let items = admin_forms::bulk_items(&posted.values);
    if items.is_empty() {
        return see_other("/admin/queue");
    }
    match admin_forms::decide_many(&state.db, admin.id, &decision, items, state.now()).await {
        Ok(done) => {
            see_other(&format!("/admin/queue?done=bulk&ok={}&failed={}", done.decided, done.failed))
        }
        Err(e) => app_error(&posted.parts, e),
    }
}

pub async fn producer_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    AdminPost { posted, admin }: AdminPost,
) -> Response {
    let Some(id) = id_of(&id) else {
        return app_error(&posted.parts, AppError::NotFound);
    };
    let page = format!("/admin/producers/{id}");
    let action = match ProducerAction::parse(&action, &posted.values) {
        Ok(Some(action)) => action,
        Ok(None) => return app_error(&posted.parts, AppError::NotFound),
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, posted, &page, "producer-admin", e, status).await;
        }
    };
    match admin_forms::act_on_producer(&state.db, admin.id, id, &action, state.now()).await {
        Ok(()) => see_other(&format!("/admin/producers/{id}?done={}", action.done())),
        Err(e) => refused(&state, posted, &page, "producer-admin", e, StatusCode::CONFLICT).await,
    }
}

pub async fn set_role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminPost { posted, admin }: AdminPost,
) -> Response {
    let Some(id) = id_of(&id) else {
        return app_error(&posted.parts, AppError::NotFound);
    };
    let role = match admin_forms::parse_role(&posted.values) {
        Ok(role) => role,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, posted, "/admin/users", "role", e, status).await;
        }
    };
    match admin::set_role(&state.db, Some(admin.id), id, role, state.now()).await {
        Ok(()) => see_other("/admin/users?done=role"),
        Err(e) => app_error(&posted.parts, e),
    }
}

pub async fn audit_csv(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    match parts.extensions.get::<CurrentUser>() {
        Some(u) if u.is_admin() => {}
        _ => return app_error(&parts, AppError::Forbidden),
    }
    let query = parts.uri.query().unwrap_or_default();
    let filter = match audit::parse_audit_query(query) {
        Ok((filter, _page)) => filter,
        Err(e) => return app_error(&parts, AppError::BadRequest(e)),
    };
    match audit::audit_csv(&state.db, &filter).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\""),
            ],
            csv,
        )
            .into_response(),
        Err(e) => app_error(&parts, e.into()),
    }
}
