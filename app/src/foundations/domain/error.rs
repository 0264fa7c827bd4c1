//! Validation errors shared by all domain value types.
//!
//! Every variant carries a stable [`DomainError::key`] so the UI can look up a
//! translated message (ru/kk/ky/tg/tk/uz/en) and [`DomainError::params`] for
//! the placeholders in it; `Display` is the English fallback.

use std::fmt;

use crate::foundations::domain::country::CountryCode;

/// One distinct validation failure.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DomainError {
    /// A required value is missing or only whitespace.
    Empty,
    /// Shorter than the minimum number of characters.
    TooShort { min: usize },
    /// Longer than the maximum number of characters.
    TooLong { max: usize },
    /// Contains control characters (e.g. NUL, which PostgreSQL text rejects).
    ControlCharacter,
    /// Not one of KZ, KG, TJ, TM, UZ.
    InvalidCountry,
    /// Tax ID has the wrong shape for its country; `expected` is an English
    /// sentence describing the right shape.
    TaxIdFormat { country: CountryCode, expected: &'static str },
    /// Tax ID has the right shape but its check digit does not match.
    TaxIdChecksum,
    /// A stored/prefixed tax ID lacks the `CC:` country prefix.
    TaxIdPrefix,
    /// Not an HS code of 2, 4 or 6 digits.
    InvalidHsCode,
    /// An HS chapter (2 digits) where a heading or subheading is required.
    HsCodeLevel,
    /// A national tariff code that is not exactly 10 digits.
    NationalCodeFormat,
    /// A national tariff code that does not extend the chosen HS code.
    NationalCodeMismatch { hs: String },
    /// Not an ISO 3166-2 code such as `KZ-75`.
    InvalidRegion,
    /// A region code whose country prefix is not the expected country.
    RegionNotInCountry { country: CountryCode },
    /// Not a plausible email address.
    InvalidEmail,
}

impl DomainError {
    /// Stable snake_case message key for translations. Never change an
    /// existing key: translation files and API clients depend on it.
    pub fn key(&self) -> &'static str {
        match self {
            DomainError::Empty => "empty",
            DomainError::TooShort { .. } => "too_short",
            DomainError::TooLong { .. } => "too_long",
            DomainError::ControlCharacter => "control_character",
            DomainError::InvalidCountry => "invalid_country",
            DomainError::TaxIdFormat { .. } => "tax_id_format",
            DomainError::TaxIdChecksum => "tax_id_checksum",
            DomainError::TaxIdPrefix => "tax_id_prefix",
            DomainError::InvalidHsCode => "hs_code_invalid",
            DomainError::HsCodeLevel => "hs_code_level",
            DomainError::NationalCodeFormat => "national_code_format",
            DomainError::NationalCodeMismatch { .. } => "national_code_mismatch",
            DomainError::InvalidRegion => "region_invalid",
            DomainError::RegionNotInCountry { .. } => "region_not_in_country",
            DomainError::InvalidEmail => "email_invalid",
        }
    }

    /// Named values for the placeholders of the translated message
    /// (e.g. `{max}` in "too_long"). Empty for variants without data.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            DomainError::TooShort { min } => vec![("min", min.to_string())],
            DomainError::TooLong { max } => vec![("max", max.to_string())],
            DomainError::TaxIdFormat { country, .. } => {
                vec![("country", country.as_str().to_owned())]
            }
            DomainError::NationalCodeMismatch { hs } => vec![("hs", hs.clone())],
            DomainError::RegionNotInCountry { country } => {
                vec![("country", country.as_str().to_owned())]
            }
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DomainError::Empty => f.write_str("This field is required."),
            DomainError::TooShort { min: 1 } => f.write_str("Please enter at least 1 character."),
            DomainError::TooShort { min } => write!(f, "Please enter at least {min} characters."),
            DomainError::TooLong { max: 1 } => f.write_str("Please use at most 1 character."),
            DomainError::TooLong { max } => write!(f, "Please use at most {max} characters."),
            DomainError::ControlCharacter => {
                f.write_str("This text contains invisible control characters — please retype it.")
            }
            DomainError::InvalidCountry => {
                f.write_str("Unknown country — please use one of KZ, KG, TJ, TM or UZ.")
            }
            DomainError::TaxIdFormat { expected, .. } => write!(f, "{expected}."),
            DomainError::TaxIdChecksum => {
                f.write_str("This BIN/IIN's check digit is wrong — please check for a typo.")
            }
            DomainError::TaxIdPrefix => f.write_str(
                "A tax ID must start with its country code, for example KZ:940140000385.",
            ),
            DomainError::InvalidHsCode => {
                f.write_str("An HS code has 2, 4 or 6 digits, for example 10, 1001 or 1001.99.")
            }
            DomainError::HsCodeLevel => f.write_str(
                "Please choose at least a 4-digit HS heading, for example 1001 or 1001.99.",
            ),
            DomainError::NationalCodeFormat => {
                f.write_str("A national tariff code has 10 digits, for example 1001 99 000 0.")
            }
            DomainError::NationalCodeMismatch { hs } => {
                write!(f, "The national tariff code must start with the HS code {hs}.")
            }
            DomainError::InvalidRegion => {
                f.write_str("A region code looks like KZ-75, KG-GB or UZ-TK.")
            }
            DomainError::RegionNotInCountry { country } => {
                write!(f, "This region is not in {}.", country.name())
            }
            DomainError::InvalidEmail => {
                f.write_str("Please enter a valid email address, like name@example.com.")
            }
        }
    }
}

impl std::error::Error for DomainError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn samples() -> Vec<DomainError> {
        vec![
            DomainError::Empty,
            DomainError::TooShort { min: 3 },
            DomainError::TooLong { max: 200 },
            DomainError::ControlCharacter,
            DomainError::InvalidCountry,
            DomainError::TaxIdFormat {
                country: CountryCode::KZ,
                expected: "A Kazakh BIN/IIN has 12 digits",
            },
            DomainError::TaxIdChecksum,
            DomainError::TaxIdPrefix,
            DomainError::InvalidHsCode,
            DomainError::HsCodeLevel,
            DomainError::NationalCodeFormat,
            DomainError::NationalCodeMismatch { hs: "1001".into() },
            DomainError::InvalidRegion,
            DomainError::RegionNotInCountry { country: CountryCode::UZ },
            DomainError::InvalidEmail,
        ]
    }

    #[test]
    fn keys_are_unique_snake_case() {
        let all = samples();
        let keys: HashSet<_> = all.iter().map(DomainError::key).collect();
        assert_eq!(keys.len(), all.len(), "every variant needs its own key");
        for k in keys {
            assert!(!k.is_empty());
            assert!(k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{k}");
            assert!(!k.starts_with('_') && !k.ends_with('_'));
        }
    }

    #[test]
    fn messages_are_sentences() {
        for e in samples() {
            let msg = e.to_string();
            assert!(msg.chars().next().is_some_and(char::is_uppercase), "{msg}");
            assert!(msg.ends_with('.'), "{msg}");
            assert!(!msg.contains("Err") && !msg.contains('{'), "{msg}");
        }
    }

    #[test]
    fn messages_include_their_data() {
        assert_eq!(
            DomainError::TooLong { max: 200 }.to_string(),
            "Please use at most 200 characters."
        );
        assert_eq!(
            DomainError::TooShort { min: 1 }.to_string(),
            "Please enter at least 1 character."
        );
        assert_eq!(
            DomainError::TaxIdFormat {
                country: CountryCode::KZ,
                expected: "A Kazakh BIN/IIN has 12 digits"
            }
            .to_string(),
            "A Kazakh BIN/IIN has 12 digits."
        );
        assert!(
            DomainError::RegionNotInCountry { country: CountryCode::UZ }
                .to_string()
                .contains("Uzbekistan")
        );
        assert!(
            DomainError::NationalCodeMismatch { hs: "1001".into() }.to_string().contains("1001")
        );
    }

    #[test]
    fn params_match_placeholders() {
        assert_eq!(DomainError::TooLong { max: 5 }.params(), vec![("max", "5".to_owned())]);
        assert_eq!(
            DomainError::RegionNotInCountry { country: CountryCode::KG }.params(),
            vec![("country", "KG".to_owned())]
        );
        assert!(DomainError::Empty.params().is_empty());
    }

    #[test]
    fn is_std_error() {
        let e: Box<dyn std::error::Error> = Box::new(DomainError::InvalidEmail);
        assert!(e.to_string().contains("email"));
    }
}
