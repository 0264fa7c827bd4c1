//! What the public producer and product pages (and the JSON API's detail endpoints) show.

use crate::catalogue::query::results::ListingBrief;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertView {
    pub kind: String,
    pub issuer: String,
    pub number: String,
    pub valid_until: Option<crate::foundations::domain::Day>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProducerDetail {
    pub id: i64,
    pub name: String,
    pub name_latin: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    /// Present only when the producer chose to show it.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub tax_id: String,
    pub year_founded: Option<i32>,
    pub workforce: Option<String>,
    pub description: String,
    pub verified: bool,
    pub certifications: Vec<CertView>,
    pub listings: Vec<ListingBrief>,
    /// Buyers can write to it through the registry (it has an owner or a company address).
    pub can_message: bool,
    /// An account manages it; false for a company that came in by import and was not claimed.
    pub claimed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListingDetail {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub hs_code: String,
    pub hs_description: String,
    pub national_code: Option<String>,
    pub capacity: Option<String>,
    pub min_order: Option<String>,
    pub lead_time_days: Option<i32>,
    pub export_markets: Vec<String>,
    pub certifications: Vec<CertView>,
    pub other_listings: Vec<ListingBrief>,
    pub producer: ProducerDetail,
}
