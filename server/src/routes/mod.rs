//! Plain axum handlers (outside the Leptos page tree).

pub mod admin;
pub mod api;
pub mod claims;
pub mod export;
pub mod extract;
pub mod favicon;
pub mod forms;
pub mod health;
pub mod import;
pub mod inquiries;
pub mod locale;
pub mod openapi;
pub mod rate_limit;
pub mod recovery;
pub mod rfq;
pub mod session;
pub mod sitemap;
pub mod workspace_forms;
