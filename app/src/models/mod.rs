//! View models: the shapes services hand to pages, islands and the JSON API.
//!
//! They live outside `services` (server-only) because islands and server functions
//! deserialize them in the browser too.

pub mod account;
pub mod catalogue;
pub mod claim;
pub mod detail;
pub mod inquiry;
pub mod review;
pub mod rfq;
