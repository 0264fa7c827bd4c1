//! The rules and the queries of this journey (server only): plain async functions over
//! `&DatabaseConnection`, tested without HTTP.

pub mod catalogue;
pub mod detail;
pub mod export;
pub mod facet_index;
pub mod query_terms;
pub mod search;
pub mod search_keys;
pub mod sitemap;
pub mod stats;
pub mod typo;
