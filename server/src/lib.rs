//! The registry's server: configuration, database connection, HTTP router, CLI commands.
//!
//! Tests build the same router with [`router::build_router`] and serve it on port 0.

pub mod admin_cli;
pub mod cli;
pub mod db;
pub mod import_cli;
pub mod loadtest;
pub mod mail_sender;
pub mod ops;
pub mod relevance;
pub mod router;
pub mod routes;
pub mod security_headers;
pub mod seed;
pub mod telemetry;
