//! An account's claim to manage a company: where it stands, and the evidence rule.

use serde::{Deserialize, Serialize};

/// Where a claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// Waiting for the claimant to follow the link mailed to the company-domain address.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unconfirmed"))]
    Unconfirmed,
    /// Evidence confirmed: in the administrators' queue.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    /// The account now manages the company.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// The host of a company's website (`https://www.kostanay-muka.kz/ru` → `kostanay-muka.kz`),
/// lowercased, without `www.`; None when there is no host to speak of.
pub fn website_domain(website: &str) -> Option<String> {
    let rest = website.trim().split_once("://").map_or(website.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

/// Whether `email` is an address at `domain` or one of its subdomains
/// (`sales@kostanay-muka.kz`, `ivan@mail.kostanay-muka.kz`), never a look-alike
/// (`x@fake-kostanay-muka.kz`).
pub fn email_at_domain(email: &str, domain: &str) -> bool {
    let Some((_, at)) = email.rsplit_once('@') else { return false };
    let at = at.to_ascii_lowercase();
    at == domain || at.ends_with(&format!(".{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evidence_address_must_be_at_the_company_domain() {
        let domain = website_domain("https://www.Kostanay-Muka.kz/ru/contacts").expect("a host");
        assert_eq!(domain, "kostanay-muka.kz");
        assert!(email_at_domain("sales@kostanay-muka.kz", &domain));
        assert!(email_at_domain("ivan@MAIL.kostanay-muka.kz", &domain));
        assert!(!email_at_domain("x@fake-kostanay-muka.kz", &domain));
        assert!(!email_at_domain("x@kostanay-muka.kz.evil.com", &domain));
        assert!(!email_at_domain("x@gmail.com", &domain));
        assert_eq!(website_domain("localhost"), None);
        assert_eq!(website_domain("kostanay-muka.kz:8080"), Some("kostanay-muka.kz".into()));
    }
}
