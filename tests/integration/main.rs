//! The registry's integration tests: one binary, each test on its own fresh database.
//! Tests named `…::sqlite` always run; `…::postgres` runs when `TEST_DATABASE_URL` is set.

mod helpers;

mod admin;
mod api;
mod browser;
mod browser_csp;
mod clock;
mod hardening;
mod headers;
mod home;
mod journeys;
mod operations;
pub mod producers;
mod schema;
mod search;
mod search_languages;
mod seeding;
