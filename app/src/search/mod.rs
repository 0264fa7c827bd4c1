//! Catalogue search: the query a URL describes, shared by the results page and the JSON API.

pub mod params;
pub mod results;

pub use params::{ParamError, SearchRequest, Sort};
