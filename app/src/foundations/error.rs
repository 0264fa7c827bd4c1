//! [`AppError`]: an error of a request as a whole, with the HTTP status it answers with.
//!
//! Internal details (database errors and the like) are logged on the server and replaced by a
//! generic message: they never reach the user.
//!
//! Which error type to use, by layer:
//! - `domain::DomainError` — a value that does not parse (`TaxId`, `HsCode`, `Email` …). Pure,
//!   no HTTP; it becomes a [`crate::foundations::forms::Problem`] beside the field it came from.
//! - [`crate::foundations::forms::Problem`] / `FieldErrors` — what is wrong with one field of a form: a
//!   message key and its placeholders, rendered in the visitor's language (422 with the form
//!   again, everything typed kept).
//! - [`crate::foundations::forms::FormError`] — what a form-saving service answers: `Invalid(FieldErrors)`
//!   (show them beside the fields) or `App(AppError)` (the request as a whole failed).
//! - [`crate::catalogue::query::ParamError`] — a query parameter of the catalogue or the JSON API that is
//!   not understood: a 400 from the API naming the parameter and why; the page instead drops or
//!   corrects it and says so.
//! - [`AppError`] (this module) — everything else a service or server function can answer:
//!   400, 401, 403, 404, 409, 429, or an internal error logged and answered with 500.

use serde::{Deserialize, Serialize};
use server_fn_error::*;

mod server_fn_error {
    pub use leptos::server_fn::{
        codec::JsonEncoding,
        error::{FromServerFnError, ServerFnErrorErr},
    };
}

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("please sign in")]
    Unauthorized,
    #[error("you may not do this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// Submitting for review before the account's address is confirmed.
    #[error(
        "confirm your email address first: follow the link we mailed you, or ask for a new one"
    )]
    EmailUnconfirmed,
    #[error("too many attempts: try again in {0} s")]
    TooManyRequests(u64),
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// Transport or encoding failures reported by the server-function machinery.
    #[error("{0}")]
    ServerFn(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest(_) | AppError::ServerFn(_) => 400,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::EmailUnconfirmed => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use axum::response::{IntoResponse, Response};

    impl From<sea_orm::DbErr> for AppError {
        fn from(err: sea_orm::DbErr) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }

    /// JSON error bodies for the HTTP API: `{ "error": "..." }` with the matching status.
    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = http::StatusCode::from_u16(self.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(serde_json::json!({ "error": self.to_string() }))).into_response()
        }
    }
}
