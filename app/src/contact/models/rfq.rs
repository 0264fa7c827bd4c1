//! What the request-for-quotation pages show: the request, the buyer's comparison of quotes, a
//! producer's list of requests, and the administrators' queue.

use crate::foundations::domain::RfqStatus;
use serde::{Deserialize, Serialize};

/// A request as buyer, producers and administrators read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RfqSummary {
    pub id: i64,
    pub hs_code: String,
    pub hs_description: String,
    pub product: String,
    /// "500 t".
    pub quantity: String,
    pub destination: String,
    pub incoterm: String,
    /// The last day quotes are taken.
    pub deadline: crate::foundations::domain::Day,
    pub details: String,
    /// The countries it was limited to; empty for all five.
    pub countries: Vec<String>,
    pub verified_only: bool,
    pub buyer_name: String,
    pub buyer_company: Option<String>,
    pub status: RfqStatus,
    pub status_reason: Option<String>,
    pub created_at: crate::foundations::domain::Minute,
    /// How many producers it was sent to.
    pub recipients: u64,
}

/// One producer's quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub producer_id: i64,
    pub producer_name: String,
    pub country_code: String,
    pub verified: bool,
    pub price: f64,
    pub currency: String,
    pub unit: String,
    pub lead_time_days: i32,
    pub valid_until: crate::foundations::domain::Day,
    pub note: Option<String>,
    pub quoted_at: crate::foundations::domain::Minute,
}

/// How the buyer orders the quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteSort {
    /// Cheapest first (grouped by currency: prices in different currencies do not compare).
    #[default]
    Price,
    LeadTime,
    ValidUntil,
    Newest,
}

impl QuoteSort {
    pub const ALL: [QuoteSort; 4] = [Self::Price, Self::LeadTime, Self::ValidUntil, Self::Newest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Price => "price",
            Self::LeadTime => "lead_time",
            Self::ValidUntil => "valid_until",
            Self::Newest => "newest",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The buyer's private page: the request and every quote, side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuyerRfq {
    pub rfq: RfqSummary,
    pub quotes: Vec<QuoteRow>,
    pub sort: QuoteSort,
}

/// One request in a producer's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProducerRfqRow {
    pub rfq: RfqSummary,
    pub quoted: bool,
    /// Open and before its deadline: a quote can still be given or changed.
    pub quotable: bool,
}

/// A producer's requests for quotation, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProducerRfqs {
    /// None when the account has no company yet.
    pub producer_name: Option<String>,
    pub rows: Vec<ProducerRfqRow>,
}

/// One request as a recipient producer reads it, with its own quote (as form values).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProducerRfq {
    pub row: ProducerRfqRow,
    pub quote: crate::foundations::forms::FormValues,
}
