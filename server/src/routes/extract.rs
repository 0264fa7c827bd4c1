//! Extractors of the form handlers: a posted form ([`Posted`]), and the same with its signed-in
//! sender ([`SignedInPost`]) or administrator ([`AdminPost`]). Each refuses with the finished
//! response — 415 or 413 for the body, 401 or 403 for who sent it, as an error page or JSON as
//! the client asked — so that a handler starts from what it needs.

use crate::routes::admin::admin_of;
use crate::routes::forms::{Posted, read_form, user_or_401};
use app::auth::CurrentUser;
use axum::{
    extract::{FromRequest, Request},
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
