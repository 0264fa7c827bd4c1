//! What the contact form and the producer's inbox show.

use crate::foundations::domain::InquiryStatus;
use serde::{Deserialize, Serialize};

/// The company (and product) a buyer is about to write to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactTarget {
    pub producer_id: i64,
    pub producer_name: String,
    /// The product the buyer came from, when it belongs to this producer and is public.
    pub listing: Option<(i64, String)>,
    /// Whether the registry has an address to deliver to (an owner account, or the company's
    /// own email for an imported company).
    pub reachable: bool,
}

/// One inquiry as its producer reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InquiryRow {
    pub id: i64,
    pub status: InquiryStatus,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_company: Option<String>,
    pub buyer_country: Option<String>,
    pub product: Option<String>,
    /// "500 t", as the buyer gave it.
    pub quantity: Option<String>,
    pub destination: Option<String>,
    pub listing: Option<(i64, String)>,
    pub message: String,
    pub reply: Option<String>,
    pub received_at: crate::foundations::domain::Minute,
    pub replied_at: Option<crate::foundations::domain::Minute>,
}

/// A producer's inbox: one state's inquiries, newest first, and how many each state holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    /// None when the account has no company yet.
    pub producer_name: Option<String>,
    pub showing: InquiryStatus,
    pub counts: Vec<(InquiryStatus, u64)>,
    pub rows: Vec<InquiryRow>,
}

/// A reported inquiry as administrators review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedInquiry {
    pub id: i64,
    pub producer_id: i64,
    pub producer: String,
    pub buyer_name: String,
    pub buyer_email: String,
    pub message: String,
    pub received_at: crate::foundations::domain::Minute,
}
