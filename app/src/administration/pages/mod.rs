//! One module per page (route), with its server functions.

pub mod admin;
pub mod admin_claims;
mod admin_review;
pub mod admin_rfq;
pub mod outbox;
pub mod reported;
