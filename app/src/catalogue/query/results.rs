//! What a search returns: the same structure feeds the results page and the JSON API.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListingHit {
    pub id: i64,
    /// Product name as the producer wrote it (native script).
    pub name: String,
    /// The product name in Latin script.
    pub name_latin: String,
    pub producer_id: i64,
    pub producer_name: String,
    pub producer_name_latin: String,
    pub country: String,
    pub region: String,
    pub hs_code: String,
    pub hs_description: String,
    pub verified: bool,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProducerHit {
    pub id: i64,
    pub name: String,
    pub name_latin: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub verified: bool,
    /// How many of the producer's listings match the search.
    pub matching_listings: i64,
    /// A few of those listings, best first.
    pub top_listings: Vec<ListingBrief>,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListingBrief {
    pub id: i64,
    pub name: String,
    pub hs_code: String,
}

/// Counts per facet value, each computed with every other active filter applied.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Facets {
    pub country: BTreeMap<String, i64>,
    pub region: BTreeMap<String, i64>,
    pub hs_section: BTreeMap<String, i64>,
    pub hs_chapter: BTreeMap<String, i64>,
    pub cert: BTreeMap<String, i64>,
    pub verified: BTreeMap<String, i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchResults<T> {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<T>,
    pub facets: Facets,
}
