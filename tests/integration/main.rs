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
mod mail;
mod operations;
pub mod producers;
mod recovery;
mod schema;
mod search;
mod seeding;
mod smtp_sink;
