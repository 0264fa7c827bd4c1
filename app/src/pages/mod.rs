//! One module per page (route).

pub mod account;
pub mod admin;
pub mod admin_claims;
mod admin_review;
pub mod admin_rfq;
pub mod claim;
pub mod company_form;
pub mod contact;
pub mod detail;
pub mod home;
pub mod import;
pub mod inbox;
pub mod listing_form;
pub mod not_found;
pub mod outbox;
pub mod recovery;
pub mod reported;
pub mod rfq;
pub mod rfq_quotes;
pub mod search;
mod search_facets;
pub mod stats;
