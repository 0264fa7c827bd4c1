//! A buyer's request for quotation to every producer of one HS heading: where it stands, and the
//! fixed lists its form and the producers' quotes choose from.

use serde::{Deserialize, Serialize};

/// Where a request stands. Nobody but the buyer sees it until the buyer confirmed the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum RfqStatus {
    /// Written, waiting for the buyer to follow the link mailed to them.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unconfirmed"))]
    Unconfirmed,
    /// Confirmed, waiting for an administrator (only with `RFQ_MODERATION=on`).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "review"))]
    Review,
    /// Sent to the matched producers, who can quote until the deadline.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    /// Closed by the buyer: the quotes stay readable, no new ones.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
    /// Refused by an administrator, with a reason the buyer reads on the request's page.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl RfqStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::Review => "review",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Rejected => "rejected",
        }
    }
}

/// The Incoterms® 2020 rules: who carries the goods, the risk and the cost, and to where.
pub const INCOTERMS: [(&str, &str); 11] = [
    ("EXW", "EXW — Ex Works"),
    ("FCA", "FCA — Free Carrier"),
    ("CPT", "CPT — Carriage Paid To"),
    ("CIP", "CIP — Carriage and Insurance Paid To"),
    ("DAP", "DAP — Delivered at Place"),
    ("DPU", "DPU — Delivered at Place Unloaded"),
    ("DDP", "DDP — Delivered Duty Paid"),
    ("FAS", "FAS — Free Alongside Ship"),
    ("FOB", "FOB — Free on Board"),
    ("CFR", "CFR — Cost and Freight"),
    ("CIF", "CIF — Cost, Insurance and Freight"),
];

/// Currencies a quote is given in: the region's five, its main trading partners', and the
/// two that contracts are usually written in.
pub const CURRENCIES: [&str; 10] =
    ["USD", "EUR", "CNY", "RUB", "TRY", "KZT", "KGS", "TJS", "TMT", "UZS"];

/// Whether `code` is one of the Incoterms rules, as stored.
pub fn is_incoterm(code: &str) -> bool {
    INCOTERMS.iter().any(|(c, _)| *c == code)
}

/// Whether `code` is a currency a quote may use.
pub fn is_currency(code: &str) -> bool {
    CURRENCIES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_hold_exactly_their_codes() {
        assert!(is_incoterm("DAP"));
        assert!(!is_incoterm("dap"));
        assert!(!is_incoterm("XYZ"));
        assert!(is_currency("UZS"));
        assert!(!is_currency("usd"));
        assert_eq!(RfqStatus::Open.as_str(), "open");
    }
}
