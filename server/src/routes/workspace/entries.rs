//! Form posts of a producer's workspace: the company profile and its listings (save, submit,
//! withdraw, delete after confirmation). Same pattern as `forms`: parse once, call a service,
//! redirect (303) or render the same page again with everything typed (422).

#![allow(clippy::result_large_err)]

use crate::routes::extract::SignedInPost;
use crate::routes::forms::*;
use app::{
    foundations::{
        auth::{ClientIp, CurrentUser},
        error::AppError,
        forms::{FormError, FormValues, Problem},
    },
    state::AppState,
    workspace::services::{
        company::{self, Saved},
        listings::{self, Action},
    },
};
use axum::{
    body::to_bytes,
    extract::{FromRequest, Path, Request, State},
    http::StatusCode,
    response::Response,
};

pub async fn save_company(
    State(state): State<AppState>,
    SignedInPost { posted, user }: SignedInPost,
) -> Response {
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

async fn save_listing(state: AppState, post: SignedInPost, id: Option<i64>) -> Response {
    let SignedInPost { posted, user } = post;
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

pub async fn new_listing(State(state): State<AppState>, post: SignedInPost) -> Response {
    save_listing(state, post, None).await
}

pub async fn edit_listing(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    match parse_id(&parts, &id) {
        Ok(id) => {
            match SignedInPost::from_request(Request::from_parts(parts, body), &state).await {
                Ok(post) => save_listing(state, post, Some(id)).await,
                Err(refused) => refused,
            }
        }
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
