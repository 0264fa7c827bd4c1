//! The buyer's catalogue: the home page, search and its results, a producer's and a
//! product's pages, public statistics, the sitemap and the CSV export (the JSON API's handlers
//! in `server::routes::api` call these services too).

pub mod components;
pub mod models;
pub mod pages;
pub mod query;
#[cfg(feature = "ssr")]
pub mod services;
