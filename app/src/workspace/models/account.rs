//! What a producer's dashboard shows: their company and products with where each stands.

use crate::foundations::domain::EntryStatus;
use serde::{Deserialize, Serialize};

/// One entry on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub id: i64,
    pub name: String,
    pub hs_code: String,
    pub status: EntryStatus,
    pub reason: Option<String>,
    pub revision_pending: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    /// False until the link mailed at registration is followed: drafts only until then.
    pub email_confirmed: bool,
    pub company: Option<EntrySummary>,
    pub listings: Vec<EntrySummary>,
    /// Buyers' inquiries delivered and not yet answered or archived.
    pub new_inquiries: u64,
}
