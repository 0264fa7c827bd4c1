//! Domain services: plain async functions over `&DatabaseConnection`, tested without HTTP.

pub mod catalogue;
pub mod detail;
pub mod search;
