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

/// The largest document a claim may carry.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// The type of a claim document by its first bytes (the name and the browser's word are not
/// trusted): PDF, JPEG or PNG, with the extension it is kept under; None for anything else.
pub fn document_type(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        Some(("application/pdf", "pdf"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(("image/png", "png"))
    } else {
        None
    }
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

    #[test]
    fn documents_are_known_by_their_first_bytes() {
        assert_eq!(document_type(b"%PDF-1.7\n"), Some(("application/pdf", "pdf")));
        assert_eq!(document_type(&[0xFF, 0xD8, 0xFF, 0xE0]).map(|t| t.1), Some("jpg"));
        assert_eq!(document_type(b"<html>%PDF-"), None);
        assert_eq!(document_type(b"MZ\x90\x00"), None);
    }
}
