//! Where a company or a product listing stands in moderation, and which moves are allowed.
//!
//! One enum for both kinds of entry, stored as its lowercase name (the column holds text on
//! both engines). On the server the sea-orm mapping is derived here too, so the value stays
//! typed from the form to the database.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    /// Being written by its producer; nobody else sees it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Waiting in the moderation queue.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    /// Approved and visible in the catalogue.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
    /// Refused by an administrator, with a reason.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    /// Taken out of the catalogue by its producer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    /// Taken out of the catalogue by an administrator; the producer cannot change it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "suspended"))]
    Suspended,
    /// A duplicate folded into another company by an administrator; its page points there.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "merged"))]
    Merged,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 7] = [
        Self::Draft,
        Self::Submitted,
        Self::Published,
        Self::Rejected,
        Self::Withdrawn,
        Self::Suspended,
        Self::Merged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Published => "published",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::Suspended => "suspended",
            Self::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Buyers see the entry (when its producer is public too, for a listing).
    pub fn is_public(self) -> bool {
        self == Self::Published
    }

    /// A company may be sent for review from here.
    pub fn company_can_submit(self) -> bool {
        matches!(self, Self::Draft | Self::Rejected)
    }

    /// A listing may be sent for review from here (a withdrawn one comes back through review).
    pub fn listing_can_submit(self) -> bool {
        matches!(self, Self::Draft | Self::Rejected | Self::Withdrawn)
    }

    /// A listing its producer may take out of the queue or the catalogue.
    pub fn listing_can_withdraw(self) -> bool {
        matches!(self, Self::Submitted | Self::Published)
    }

    /// Waiting for an administrator's decision.
    pub fn awaits_decision(self) -> bool {
        self == Self::Submitted
    }
}

/// Whether an account may sign in. Suspending a producer suspends its owner's account too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "active"))]
    Active,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "suspended"))]
    Suspended,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }
}

impl std::fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for EntryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::EntryStatus::{self, *};

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        for st in EntryStatus::ALL {
            assert_eq!(EntryStatus::parse(st.as_str()), Some(st));
            assert_eq!(serde_json::to_string(&st).unwrap(), format!("\"{}\"", st.as_str()));
        }
        assert_eq!(EntryStatus::parse("Published"), None);
    }

    #[test]
    fn allowed_moves_by_the_producer() {
        let can_submit_company: Vec<_> =
            EntryStatus::ALL.into_iter().filter(|s| s.company_can_submit()).collect();
        assert_eq!(can_submit_company, [Draft, Rejected]);
        let can_submit_listing: Vec<_> =
            EntryStatus::ALL.into_iter().filter(|s| s.listing_can_submit()).collect();
        assert_eq!(can_submit_listing, [Draft, Rejected, Withdrawn]);
        let can_withdraw: Vec<_> =
            EntryStatus::ALL.into_iter().filter(|s| s.listing_can_withdraw()).collect();
        assert_eq!(can_withdraw, [Submitted, Published]);
        let public: Vec<_> = EntryStatus::ALL.into_iter().filter(|s| s.is_public()).collect();
        assert_eq!(public, [Published]);
    }
}
