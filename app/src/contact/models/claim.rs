//! What the claim form and the administrators' claim queue show.

use crate::foundations::domain::ClaimStatus;
use serde::{Deserialize, Serialize};

/// The company an account is about to claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimTarget {
    pub producer_id: i64,
    pub producer_name: String,
    /// The company's web domain: the evidence address must be at it. None: nothing to prove
    /// the claim with through the site.
    pub domain: Option<String>,
    /// Another account manages it: a claim is a dispute.
    pub owned_by_other: bool,
    /// The signed-in account already manages this company.
    pub mine: bool,
    /// The signed-in account manages another company (one account, one company).
    pub has_company: bool,
    /// The account's latest claim on it, if any.
    pub pending: Option<ClaimStatus>,
}

/// A confirmed claim as administrators review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub id: i64,
    pub producer_id: i64,
    pub producer_name: String,
    pub tax_id: String,
    pub website: Option<String>,
    pub account_email: String,
    pub role: String,
    /// An address at the company's domain, confirmed by link.
    pub evidence_email: Option<String>,
    /// An uploaded document: its name and type (opened at `/admin/claims/{id}/document`).
    pub document: Option<(String, String)>,
    /// When the address was confirmed or the document uploaded.
    pub confirmed_at: crate::foundations::domain::Minute,
    /// The company has an owner already: approving hands it over.
    pub current_owner: Option<String>,
}
