//! The rules and the queries of this journey (server only): plain async functions over
//! `&DatabaseConnection`, tested without HTTP.

pub mod claims;
pub mod inquiries;
pub mod inquiry_reports;
pub mod rfq;
