//! Plain axum handlers (outside the Leptos page tree).

pub mod health;
pub mod locale;
