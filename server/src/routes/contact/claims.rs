//! Owners claim imported companies; administrators decide. Thin: parse, call
//! `app::contact::services::claims`, redirect to a page that states the outcome.

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::PostedAbout;
use crate::routes::{
    contact::{inquiries::query_value, rfq::approve_or_refuse},
    forms::{Posted, app_error, locale_of, parse_id, reject, see_other, user_or_401},
};
use app::{
    contact::services::claims,
    foundations::{
        domain::claim::MAX_DOCUMENT_BYTES,
        error::AppError,
        forms::{FormError, FormValues},
    },
    state::AppState,
};
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// A claim form as posted (multipart, for its document): the text fields, and the file chosen
/// (its name and at most one byte more than a document may hold, so an oversized one is seen).
async fn read_claim_form(req: Request) -> Result<(Posted, Option<(String, Vec<u8>)>), Response> {
    let (parts, body) = req.into_parts();
    let request = Request::from_parts(parts.clone(), body);
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|e| app_error(&parts, AppError::BadRequest(e.body_text())))?;
    let mut values = FormValues::default();
    let mut document = None;
    let bad = |e: axum::extract::multipart::MultipartError| {
        app_error(&parts, AppError::BadRequest(e.body_text()))
    };
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "document" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > MAX_DOCUMENT_BYTES {
                    break;
                }
            }
            document = Some((file_name, bytes));
        } else if values.0.len() < 20 {
            values.push(&name, field.text().await.map_err(bad)?);
        }
    }
    Ok((Posted { parts, values }, document))
}

/// `POST /account/claim/{producer}`: a signed-in account claims a company, with a
/// company-domain address (a link goes there) or a document.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (posted, document) = match read_claim_form(req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let producer_id = match parse_id(&posted.parts, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let user = match user_or_401(&posted) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let input = match claims::parse(&posted.values, document) {
        Ok(i) => i,
        Err(errors) => {
            return reject(&state, posted, "claim", errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let by_document = matches!(input.evidence, claims::Evidence::Document { .. });
    let language = locale_of(&posted.parts);
    let documents = state.site.claim_documents_dir();
    let now = state.now();
    match claims::start(&state.db, &documents, user.id, producer_id, input, language, now).await {
        Ok(()) => {
            let done = if by_document { "claim_submitted" } else { "claim_sent" };
            see_other(&format!("/account/claim/{producer_id}?done={done}"))
        }
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "claim", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}

/// `GET /admin/claims/{id}/document`: the claim's document, as a download (never rendered by
/// the browser as a page of this site).
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let claim_id = match parse_id(&parts, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let documents = state.site.claim_documents_dir();
    match claims::document(&state.db, &documents, claim_id).await {
        Ok((bytes, mime, name)) => {
            let ascii: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' })
                .collect();
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"")),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => app_error(&parts, e),
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
    Path((_, action)): Path<(String, String)>,
    post: PostedAbout,
) -> Response {
    let db = state.db.clone();
    let now = state.now();
    approve_or_refuse(
        &state,
        post,
        &action,
        "/admin/claims",
        "claim_decision",
        |admin, claim, reason| claims::decide(&db, admin, claim, reason, now),
    )
    .await
}
