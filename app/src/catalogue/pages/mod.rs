//! One module per page (route), with its server functions.

pub mod detail;
pub mod home;
pub mod search;
mod search_facets;
pub mod stats;
