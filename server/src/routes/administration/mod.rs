//! Administrators' form posts: decisions, trust tools, roles, the audit log as CSV.

use app::state::AppState;
use axum::{
    Router,
    routing::{get, post},
};

pub mod admin;

/// The journey's routes, merged into the site's router (`crate::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/queue/{kind}/{id}", post(admin::decide))
        .route("/admin/bulk", post(admin::bulk))
        .route("/admin/producers/{id}/{action}", post(admin::producer_action))
        .route("/admin/users/{id}/role", post(admin::set_role))
        .route("/admin/audit.csv", get(admin::audit_csv))
}
