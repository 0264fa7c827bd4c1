//! Extractors of the form handlers: a posted form ([`Posted`]), the same about the entry its
//! path names ([`PostedAbout`]), and with its signed-in sender ([`SignedInPost`]) or
//! administrator ([`AdminPost`]). Each refuses with the finished
//! response — 415 or 413 for the body, 401 or 403 for who sent it, as an error page or JSON as
//! the client asked — so that a handler starts from what it needs.

use crate::routes::administration::admin::admin_of;
use crate::routes::forms::{Posted, parse_id, read_form, user_or_401};
use app::foundations::{auth::CurrentUser, error::AppError};
use axum::{
    extract::{FromRequest, FromRequestParts, RawPathParams, Request},
    response::Response,
};

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        read_form(req).await
    }
}

/// A form posted by a signed-in account.
pub struct SignedInPost {
    pub posted: Posted,
    pub user: CurrentUser,
}

impl<S: Send + Sync> FromRequest<S> for SignedInPost {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let posted = read_form(req).await?;
        let user = user_or_401(&posted)?;
        Ok(SignedInPost { posted, user })
    }
}

/// A form posted by an administrator.
pub struct AdminPost {
    pub posted: Posted,
    pub admin: CurrentUser,
}

impl<S: Send + Sync> FromRequest<S> for AdminPost {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let posted = read_form(req).await?;
        let admin = admin_of(&posted)?;
        Ok(AdminPost { posted, admin })
    }
}

/// A form posted about the entry whose id is the path's `{id}` (`/producers/{id}/contact`):
/// an id that is not a number is 404, before the body is read.
pub struct PostedAbout {
    pub posted: Posted,
    pub id: i64,
}

impl<S: Send + Sync> FromRequest<S> for PostedAbout {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let params = RawPathParams::from_request_parts(&mut parts, state).await;
        let raw = params.ok().and_then(|p| {
            p.iter().find(|(name, _)| *name == "id").map(|(_, value)| value.to_owned())
        });
        let Some(raw) = raw else {
            return Err(crate::routes::forms::app_error(&parts, AppError::NotFound));
        };
        let id = parse_id(&parts, &raw)?;
        let posted = read_form(Request::from_parts(parts, body)).await?;
        Ok(PostedAbout { posted, id })
    }
}
