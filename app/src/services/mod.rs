//! Domain services: plain async functions over `&DatabaseConnection`, tested without HTTP.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod catalogue;
pub mod company;
pub mod detail;
pub mod facet_index;
pub mod import;
pub mod listings;
pub mod moderation;
pub mod search;
