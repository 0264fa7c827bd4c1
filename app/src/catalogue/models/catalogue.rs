//! What the catalogue's services return to the home page, the search box and the API.

use serde::{Deserialize, Serialize};

/// Published producers and listings of one country, for the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryCount {
    pub code: String,
    pub name: String,
    pub producers: i64,
    pub listings: i64,
}

/// Published producers and listings under one HS section, for the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionCount {
    pub id: i32,
    pub roman: String,
    pub name: String,
    pub producers: i64,
    pub listings: i64,
}
