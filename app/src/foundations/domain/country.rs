//! The five Central Asian countries the registry covers.

use std::fmt;
use std::str::FromStr;

use crate::foundations::domain::error::DomainError;

/// ISO 3166-1 alpha-2 code of a country covered by the registry.
///
/// Serialized as the two-letter uppercase code (`"KZ"`), which is also what
/// the database and the ISO 3166-2 region codes use.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CountryCode {
    /// Kazakhstan
    KZ,
    /// Kyrgyzstan
    KG,
    /// Tajikistan
    TJ,
    /// Turkmenistan
    TM,
    /// Uzbekistan
    UZ,
}

impl CountryCode {
    /// All covered countries, in alphabetical order of their English names
    /// (which is also the order of the ISO codes).
    pub const ALL: [CountryCode; 5] =
        [CountryCode::KZ, CountryCode::KG, CountryCode::TJ, CountryCode::TM, CountryCode::UZ];

    /// The two-letter uppercase ISO code.
    pub const fn as_str(self) -> &'static str {
        match self {
            CountryCode::KZ => "KZ",
            CountryCode::KG => "KG",
            CountryCode::TJ => "TJ",
            CountryCode::TM => "TM",
            CountryCode::UZ => "UZ",
        }
    }

    /// English short name, for error messages and fallbacks when no
    /// translation is available.
    pub const fn name(self) -> &'static str {
        match self {
            CountryCode::KZ => "Kazakhstan",
            CountryCode::KG => "Kyrgyzstan",
            CountryCode::TJ => "Tajikistan",
            CountryCode::TM => "Turkmenistan",
            CountryCode::UZ => "Uzbekistan",
        }
    }

    /// Parses a two-letter code, ignoring case and surrounding whitespace,
    /// because codes arrive from URLs, CSV imports and hand-typed forms.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DomainError::Empty);
        }
        CountryCode::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or(DomainError::InvalidCountry)
    }
}

impl FromStr for CountryCode {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CountryCode::parse(s)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::test_support;

    #[test]
    fn all_is_sorted_and_complete() {
        let mut sorted = CountryCode::ALL;
        sorted.sort();
        assert_eq!(sorted, CountryCode::ALL);
        assert_eq!(CountryCode::ALL.len(), 5);
    }

    #[test]
    fn as_str_round_trips_through_parse() {
        for c in CountryCode::ALL {
            assert_eq!(CountryCode::parse(c.as_str()), Ok(c));
            assert_eq!(c.to_string(), c.as_str());
            assert_eq!(c.as_str().parse::<CountryCode>(), Ok(c));
        }
    }

    #[test]
    fn parse_is_case_insensitive_and_trims() {
        assert_eq!(CountryCode::parse("kz"), Ok(CountryCode::KZ));
        assert_eq!(CountryCode::parse(" Uz \n"), Ok(CountryCode::UZ));
        assert_eq!(CountryCode::parse("tM"), Ok(CountryCode::TM));
    }

    #[test]
    fn parse_rejects_other_input() {
        assert_eq!(CountryCode::parse(""), Err(DomainError::Empty));
        assert_eq!(CountryCode::parse("   "), Err(DomainError::Empty));
        for bad in ["RU", "K", "KZK", "KZ-39", "Kazakhstan", "КЗ", "K Z"] {
            assert_eq!(CountryCode::parse(bad), Err(DomainError::InvalidCountry), "{bad}");
        }
    }

    #[test]
    fn names_are_english() {
        assert_eq!(CountryCode::KG.name(), "Kyrgyzstan");
        assert_eq!(CountryCode::TJ.name(), "Tajikistan");
    }

    #[test]
    fn deserializes_from_uppercase_code() {
        assert_eq!(test_support::from_str::<CountryCode>("TJ").ok(), Some(CountryCode::TJ));
        assert!(test_support::from_str::<CountryCode>("XX").is_err());
    }

    #[test]
    fn serializes_as_uppercase_code() {
        for c in CountryCode::ALL {
            assert_eq!(test_support::to_string(&c), c.as_str());
        }
    }
}
