//! The producer's workspace: account forms, recovery and e-mail change, the company and its
//! listings, CSV import.

use app::state::AppState;
use axum::{
    Router,
    routing::{get, post},
};

pub mod account;
pub mod entries;
pub mod import;
pub mod recovery;

/// The journey's routes, merged into the site's router (`crate::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/register", post(account::register))
        .route("/login", post(account::login))
        .route("/logout", post(account::logout))
        .route("/confirm-email", get(recovery::confirm_email))
        .route("/account/email/resend", post(recovery::resend_confirmation))
        .route("/forgot-password", post(recovery::forgot_password))
        .route("/reset-password", post(recovery::reset_password))
        .route("/account/password", post(account::change_password))
        .route("/account/email", post(recovery::change_email))
        .route("/confirm-email-change", get(recovery::confirm_email_change))
        .route("/account/company", post(entries::save_company))
        .route("/account/company/submit", post(entries::submit_company))
        .route("/account/listings/new", post(entries::new_listing))
        .route("/account/listings/{id}/edit", post(entries::edit_listing))
        .route("/account/listings/{id}/delete", post(entries::delete_listing))
        .route("/account/listings/{id}/{action}", post(entries::listing_action))
        .route("/account/import", post(import::upload))
        .route("/account/import/template.csv", get(import::template))
}
