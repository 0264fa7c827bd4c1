//! What the administrators' review pages show: one queued item with its fields, history and
//! possible duplicates, and the trust tools' view of one producer.

use crate::foundations::domain::EntryStatus;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldRow {
    pub name: String,
    pub current: String,
    pub proposed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub at: crate::foundations::domain::Minute,
    pub actor: Option<String>,
    pub action: String,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateRow {
    pub producer_id: i64,
    pub name: String,
    pub status: EntryStatus,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimilarProductRow {
    pub id: i64,
    pub name: String,
    pub status: EntryStatus,
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemData {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub status: String,
    pub producer_id: i64,
    pub producer_name: String,
    pub fields: Vec<FieldRow>,
    pub history: Vec<HistoryRow>,
    pub duplicates: Vec<DuplicateRow>,
    /// The version shown, which the decision form sends back.
    pub version: i64,
    /// For a product: products of the same producer that may be the same product.
    pub similar_products: Option<Vec<SimilarProductRow>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProducerAdminData {
    pub id: i64,
    pub name: String,
    pub status: EntryStatus,
    pub status_reason: Option<String>,
    pub tax_id: String,
    pub country: String,
    pub verified: bool,
    pub verified_at: Option<crate::foundations::domain::Day>,
    pub verified_note: Option<String>,
    pub owner: Option<String>,
    pub listings: usize,
    pub history: Vec<HistoryRow>,
    pub duplicates: Vec<DuplicateRow>,
}
