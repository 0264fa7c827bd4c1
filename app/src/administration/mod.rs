//! Administration: the review queue and decisions, trust tools (duplicates, verification,
//! suspension, reported inquiries, claims), roles, the audit log and the mail outbox.

pub mod models;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
