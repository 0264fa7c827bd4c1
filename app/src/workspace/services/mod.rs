//! The rules and the queries of this journey (server only): plain async functions over
//! `&DatabaseConnection`, tested without HTTP.

pub mod accounts;
pub mod company;
pub mod dashboard;
pub mod email_change;
pub mod import;
pub mod listings;
pub mod recovery;
pub mod sign_in;
