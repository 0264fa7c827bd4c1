//! SeaORM entities, one per table (schema in the `migrations` crate).
//! Relations are left to explicit queries in the services, which say what they join and why.

pub mod account_token;
pub mod audit_event;
pub mod blocked_sender;
pub mod certification;
pub mod claim;
pub mod country;
pub mod hs_code;
pub mod hs_section;
pub mod inquiry;
pub mod listing;
pub mod outbox;
pub mod producer;
pub mod region;
pub mod revision;
pub mod rfq;
pub mod rfq_recipient;
pub mod session;
pub mod user_account;
