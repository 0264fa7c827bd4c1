//! Buyers reaching producers: inquiries, requests for quotation and quotes, claims.

use app::state::AppState;
use axum::{
    Router,
    routing::{get, post},
};

pub mod claims;
pub mod inquiries;
pub mod rfq;

/// The journey's routes, merged into the site's router (`crate::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/producers/{id}/contact", post(inquiries::contact))
        .route("/inquiries/confirm", get(inquiries::confirm))
        .route("/account/inquiries/{id}/reply", post(inquiries::reply))
        .route("/account/inquiries/{id}/{action}", post(inquiries::producer_action))
        .route("/admin/inquiries/{id}/{action}", post(inquiries::admin_action))
        .route("/account/claim/{id}", post(claims::create))
        .route("/claims/confirm", get(claims::confirm))
        .route("/admin/claims/{id}/document", get(claims::document))
        .route("/admin/claims/{id}/{action}", post(claims::decide))
        .route("/rfq/new", post(rfq::create))
        .route("/rfq/confirm", get(rfq::confirm))
        .route("/rfq/close", post(rfq::close))
        .route("/account/rfq/{id}/quote", post(rfq::quote))
        .route("/admin/rfq/{id}/{action}", post(rfq::decide))
}
