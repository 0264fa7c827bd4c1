//! Email addresses for producer contacts and user accounts.

use std::fmt;

use crate::foundations::domain::error::DomainError;

/// Longest address that fits a forward/reverse path (RFC 5321 §4.5.3.1).
const MAX_LEN: usize = 254;
/// Longest local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL: usize = 64;

/// A plausible email address, stored lowercased so that uniqueness checks
/// and lookups are case-insensitive. (Strictly the local part is
/// case-sensitive, but no real provider relies on that and duplicate
/// accounts are the bigger risk.)
///
/// This is a pragmatic check, not full RFC 5322: quoted local parts and IP
/// literals are rejected because users type them only by mistake.
/// Internationalized addresses (`почта@пример.қаз`) are accepted.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Trims, validates and lowercases an address.
    pub fn parse(input: &str) -> Result<Email, DomainError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DomainError::Empty);
        }
        if s.len() > MAX_LEN {
            return Err(DomainError::TooLong { max: MAX_LEN });
        }
        let lower = s.to_lowercase();
        let (local, domain) = lower.split_once('@').ok_or(DomainError::InvalidEmail)?;
        if valid_local(local) && valid_domain(domain) {
            Ok(Email(lower))
        } else {
            Err(DomainError::InvalidEmail)
        }
    }

    /// The normalized (lowercase) address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.split_once('@').map_or("", |(l, _)| l)
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, d)| d)
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= MAX_LOCAL
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(
                    c,
                    '@' | '"' | '(' | ')' | ',' | ':' | ';' | '<' | '>' | '[' | ']' | '\\'
                )
        })
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        // A numeric TLD means an IP address or a typo, never a mailbox.
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()))
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::test_support;

    #[test]
    fn accepts_good_addresses() {
        let cases = [
            ("info@agro.kz", "info@agro.kz"),
            ("  Sales@Example.COM ", "sales@example.com"),
            ("first.last+tag@mail.example.uz", "first.last+tag@mail.example.uz"),
            ("a_b-c@sub-domain.co.tj", "a_b-c@sub-domain.co.tj"),
            ("o'neil@example.com", "o'neil@example.com"),
            ("x@y.tm", "x@y.tm"),
            ("Почта@Пример.Қаз", "почта@пример.қаз"),
            ("user@xn--80ao21a.xn--p1ai", "user@xn--80ao21a.xn--p1ai"),
        ];
        for (input, stored) in cases {
            let e = Email::parse(input).unwrap_or_else(|err| panic!("{input}: {err}"));
            assert_eq!(e.as_str(), stored);
        }
    }

    #[test]
    fn rejects_bad_addresses() {
        for bad in [
            "plainaddress",
            "@example.com",
            "user@",
            "user@localhost",
            "user@@example.com",
            "a@b@example.com",
            "user name@example.com",
            "user@exa mple.com",
            "user@example..com",
            "user@.example.com",
            "user@example.com.",
            "user@-example.com",
            "user@example-.com",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "user@example.c",
            "user@127.0.0.1",
            "user@[127.0.0.1]",
            "\"quoted\"@example.com",
            "user\u{0}@example.com",
            "user@exam\tple.com",
            "user@example.com\u{7}",
            "<user@example.com>",
            "user@exa_mple.com",
        ] {
            assert_eq!(Email::parse(bad), Err(DomainError::InvalidEmail), "{bad:?}");
        }
        assert_eq!(Email::parse(""), Err(DomainError::Empty));
        assert_eq!(Email::parse("   "), Err(DomainError::Empty));
    }

    #[test]
    fn length_limits() {
        let local64 = "a".repeat(64);
        assert!(Email::parse(&format!("{local64}@example.com")).is_ok());
        assert_eq!(
            Email::parse(&format!("a{local64}@example.com")),
            Err(DomainError::InvalidEmail)
        );
        // 254 total is fine, 255 is not.
        let domain = format!("{}.{}.{}.com", "b".repeat(63), "c".repeat(63), "d".repeat(57));
        let ok = format!("{local64}@{domain}");
        assert_eq!(ok.len(), 254);
        assert!(Email::parse(&ok).is_ok());
        let too_long = format!("a{ok}");
        assert_eq!(Email::parse(&too_long), Err(DomainError::TooLong { max: 254 }));
        assert_eq!(
            Email::parse(&format!("u@{}.com", "e".repeat(64))),
            Err(DomainError::InvalidEmail)
        );
    }

    #[test]
    fn parts_and_case_insensitive_equality() {
        let a = Email::parse("Info@Agro.KZ").unwrap();
        let b = Email::parse("info@agro.kz").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.local_part(), "info");
        assert_eq!(a.domain(), "agro.kz");
        assert_eq!(a.to_string(), "info@agro.kz");
    }

    #[test]
    fn serde_round_trip() {
        let e = Email::parse("Info@Agro.KZ").unwrap();
        assert_eq!(test_support::to_string(&e), "info@agro.kz");
        assert_eq!(test_support::from_str::<Email>("INFO@agro.kz").ok(), Some(e));
        assert!(test_support::from_str::<Email>("nope").is_err());
    }
}
