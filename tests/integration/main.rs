//! The registry's integration tests: one binary, each test on its own fresh database.
//! Tests named `…::sqlite` always run; `…::postgres` runs when `TEST_DATABASE_URL` is set.

mod helpers;

pub mod admin;
mod api;
mod api_contract;
mod browser;
mod browser_access;
mod browser_csp;
mod browser_inquiry;
mod browser_keyboard;
mod browser_languages;
mod browser_phone;
mod browser_rfq;
mod claims;
mod clock;
mod drills;
mod friction;
mod hardening;
mod headers;
mod home;
mod inquiries;
mod instances;
mod journeys;
mod languages;
mod limits;
mod mail;
mod operations;
mod page_weight;
pub mod producers;
mod recovery;
mod reviewed_version;
mod rfq;
mod schema;
mod search;
mod search_languages;
mod seeding;
mod smtp_sink;
