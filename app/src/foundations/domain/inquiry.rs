//! A buyer's inquiry to one producer: where it stands, and the validated form that starts it.

use serde::{Deserialize, Serialize};

/// The contact form's honeypot: a field people never see (hidden by the page's style) and bots
/// fill in. A post that fills it is answered as a success and dropped.
pub const HONEYPOT: &str = "website";

/// Where an inquiry stands. The producer sees nothing until the buyer confirmed the address:
/// the registry must not relay mail for anyone who types someone else's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum InquiryStatus {
    /// Written, waiting for the buyer to follow the link mailed to them.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unconfirmed"))]
    Unconfirmed,
    /// Delivered to the producer, not answered yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new"))]
    New,
    /// The producer replied from the inbox.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "answered"))]
    Answered,
    /// Put aside by the producer (answered elsewhere, or not of interest).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "archived"))]
    Archived,
    /// Reported by the producer as spam or abuse: out of the inbox, waiting for an
    /// administrator, who blocks the sender or puts it back among the archived.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reported"))]
    Reported,
}

impl InquiryStatus {
    /// What the producer's inbox can list: everything delivered.
    pub const DELIVERED: [InquiryStatus; 3] = [Self::New, Self::Answered, Self::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::New => "new",
            Self::Answered => "answered",
            Self::Archived => "archived",
            Self::Reported => "reported",
        }
    }

    /// An inbox filter from the address bar: only delivered states are shown to producers.
    pub fn parse_delivered(s: &str) -> Option<Self> {
        Self::DELIVERED.into_iter().find(|st| st.as_str() == s)
    }

    /// The producer may still reply (a reply to an archived inquiry brings it back).
    pub fn can_reply(self) -> bool {
        self != Self::Unconfirmed
    }
}

/// The reply field of one inquiry's form: an inbox page holds a form per inquiry, and each
/// field needs its own name (and so its own label, message and id).
pub fn reply_field(inquiry_id: i64) -> String {
    format!("reply_{inquiry_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inbox_never_lists_unconfirmed_inquiries() {
        assert_eq!(InquiryStatus::parse_delivered("new"), Some(InquiryStatus::New));
        assert_eq!(InquiryStatus::parse_delivered("archived"), Some(InquiryStatus::Archived));
        assert_eq!(InquiryStatus::parse_delivered("unconfirmed"), None);
        assert!(!InquiryStatus::Unconfirmed.can_reply());
    }
}
