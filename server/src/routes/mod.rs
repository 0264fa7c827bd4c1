//! Plain axum handlers (outside the Leptos page tree).

pub mod api;
pub mod health;
pub mod locale;
