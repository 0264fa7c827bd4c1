//! Administrators' form posts: decisions (one or many), trust tools, roles; the audit log as CSV.
//! The middleware already refused anyone who is not an administrator.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::AdminPost;
use crate::routes::forms::{Posted, app_error, render_rejected_at, see_other};
use app::foundations::domain::{Decision, Target};
use app::{
    administration::services::{admin, moderation},
    foundations::{
        auth::{CurrentUser, Role},
        error::AppError,
        forms::{FieldErrors, Problem, Rejected},
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

/// The preset chosen and the reason typed, both kept (joined) when both are given.
fn reason(posted: &Posted) -> String {
    moderation::join_reason(posted.values.get("reason_preset"), posted.values.get("reason"))
}

fn decision(posted: &Posted) -> Option<Decision> {
    match posted.values.get("decision") {
        "approve" => Some(Decision::Approve),
        "reject" => Some(Decision::Reject(reason(posted))),
        "changes" => Some(Decision::RequestChanges(reason(posted))),
        _ => None,
    }
}

/// Renders the administration page `page` (the one holding the form) again with the message.
async fn refuse_form(
    state: &AppState,
    posted: Posted,
    page: &str,
    form: &str,
    field: &str,
    problem: Problem,
    status: StatusCode,
) -> Response {
    let mut errors = FieldErrors::default();
    errors.add(field, problem);
    let values = posted.values.clone().without(&["_csrf"]);
    let rejected = Rejected { form: form.into(), values, errors };
    render_rejected_at(state, posted.parts, page, rejected, status).await
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
    let Some(decision) = decision(&posted) else {
        return app_error(&posted.parts, AppError::BadRequest("unknown decision".into()));
    };
    if !matches!(decision, Decision::Approve) && reason(&posted).is_empty() {
        return refuse_form(
            &state,
            posted,
            &page,
            "decide",
            "reason",
            Problem::new("err_reason_required"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // The version the item page showed; without it nobody can say what was reviewed.
    let Ok(seen) = posted.values.get("revision").trim().parse::<i64>() else {
        return refuse_form(
            &state,
            posted,
            &page,
            "decide",
            "reason",
            Problem::new("err_raw")
                .with("text", "the form does not say which version you reviewed: decide again"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match moderation::decide(&state.db, admin.id, target, decision, Some(seen), state.now()).await {
        Ok(()) => see_other("/admin/queue?done=decided"),
        Err(AppError::Conflict(text)) => {
            refuse_form(
                &state,
                posted,
                &page,
                "decide",
                "reason",
                Problem::new("err_raw").with("text", text),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(AppError::BadRequest(text)) => {
            refuse_form(
                &state,
                posted,
                &page,
                "decide",
                "reason",
                Problem::new("err_raw").with("text", text),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => app_error(&posted.parts, e),
    }
}

pub async fn bulk(
    State(state): State<AppState>,
    AdminPost { posted, admin }: AdminPost,
) -> Response {
    let Some(decision) = decision(&posted) else {
        return app_error(&posted.parts, AppError::BadRequest("unknown decision".into()));
    };
    if !matches!(decision, Decision::Approve) && reason(&posted).is_empty() {
        return refuse_form(
            &state,
            posted,
            "/admin/queue",
            "bulk",
            "reason",
            Problem::new("err_reason_required"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // Each item is `kind:id:version`: the version the queue showed. One without it is not
    // decided (counted as failed), like one that changed since.
    let items = posted.values.all("item");
    let targets: Vec<Option<(Target, i64)>> = items
        .iter()
        .filter(|item| item.split(':').nth(1).is_some_and(|id| id.parse::<i64>().is_ok()))
        .map(|item| {
            let mut parts = item.splitn(3, ':');
            let (kind, id) = (parts.next()?, parts.next()?.parse().ok()?);
            Some((Target::parse(kind, id)?, parts.next()?.parse().ok()?))
        })
        .collect();
    if targets.is_empty() {
        return see_other("/admin/queue");
    }
    let (mut ok, mut failed) = (0, 0);
    for target in targets {
        let Some((target, seen)) = target else {
            failed += 1;
            continue;
        };
        let now = state.now();
        match moderation::decide(&state.db, admin.id, target, decision.clone(), Some(seen), now)
            .await
        {
            Ok(()) => ok += 1,
            Err(AppError::Conflict(_) | AppError::NotFound) => failed += 1,
            Err(e) => return app_error(&posted.parts, e),
        }
    }
    see_other(&format!("/admin/queue?done=bulk&ok={ok}&failed={failed}"))
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
    let now = state.now();
    let db = &state.db;
    let reason = posted.values.get("reason").trim().to_owned();
    let (result, done, field) = match action.as_str() {
        "verify" => {
            let on = posted.values.get("verified") != "off";
            let note = posted.values.get("note").to_owned();
            if on && note.trim().is_empty() {
                return refuse_form(
                    &state,
                    posted,
                    &page,
                    "producer-admin",
                    "note",
                    Problem::new("err_empty"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            (admin::set_verified(db, admin.id, id, on, &note, now).await, "verified", "note")
        }
        "suspend" | "reinstate" if reason.is_empty() => {
            return refuse_form(
                &state,
                posted,
                &page,
                "producer-admin",
                "reason",
                Problem::new("err_reason_required"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        "suspend" => (admin::suspend(db, admin.id, id, &reason, now).await, "suspended", "reason"),
        "reinstate" => {
            (admin::reinstate(db, admin.id, id, &reason, now).await, "reinstated", "reason")
        }
        "merge" => {
            let Some(other) = id_of(posted.values.get("merge_id").trim()) else {
                return refuse_form(
                    &state,
                    posted,
                    &page,
                    "producer-admin",
                    "merge_id",
                    Problem::new("err_invalid"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            };
            (admin::merge(db, admin.id, id, other, now).await, "merged", "merge_id")
        }
        _ => return app_error(&posted.parts, AppError::NotFound),
    };
    match result {
        Ok(()) => see_other(&format!("/admin/producers/{id}?done={done}")),
        Err(AppError::Conflict(text) | AppError::BadRequest(text)) => {
            refuse_form(
                &state,
                posted,
                &page,
                "producer-admin",
                field,
                Problem::new("err_raw").with("text", text),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => app_error(&posted.parts, e),
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
    let role = match posted.values.get("role") {
        "admin" => Role::Admin,
        "producer" => Role::Producer,
        _ => {
            return refuse_form(
                &state,
                posted,
                "/admin/users",
                "role",
                "role",
                Problem::new("err_invalid"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
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
    let (filter, _) = match app::administration::services::audit::parse_audit_query(
        parts.uri.query().unwrap_or_default(),
    ) {
        Ok(f) => f,
        Err(e) => return app_error(&parts, AppError::BadRequest(e)),
    };
    const CAP: u64 = 100_000;
    let (total, rows) =
        match app::administration::services::audit::audit_log(&state.db, &filter, 0, CAP).await {
            Ok(r) => r,
            Err(e) => return app_error(&parts, e.into()),
        };
    let mut out =
        String::from("\u{feff}time,actor,action,target_kind,target_id,before,after,ip\r\n");
    for r in rows {
        let line = [
            r.at.to_rfc3339(),
            r.actor.unwrap_or_default(),
            r.action,
            r.target_kind.unwrap_or_default(),
            r.target_id.map(|i| i.to_string()).unwrap_or_default(),
            r.before.unwrap_or_default(),
            r.after.unwrap_or_default(),
            r.ip.unwrap_or_default(),
        ]
        .iter()
        .map(|c| crate::routes::catalogue::export::field(c))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    if total > CAP {
        out.push_str(&format!("\"only the newest {CAP} of {total} events are in this file\"\r\n"));
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\""),
        ],
        out,
    )
        .into_response()
}
