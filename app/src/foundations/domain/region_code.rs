//! ISO 3166-2 first-level subdivision codes (`KZ-75`, `KG-GB`, `UZ-TK`).
//!
//! Only the shape is checked here; the authoritative list of the 54 codes
//! for the five countries lives in the database.

use std::fmt;

use crate::foundations::domain::country::CountryCode;
use crate::foundations::domain::error::DomainError;

/// A region code in canonical uppercase form, e.g. `"KZ-75"`.
///
/// Serialized as that string.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses `CC-XXX`: a covered country code, a hyphen, and 1–3 ASCII
    /// letters or digits. Case and surrounding whitespace are ignored.
    pub fn parse(input: &str) -> Result<RegionCode, DomainError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DomainError::Empty);
        }
        let (country, sub) = s.split_once('-').ok_or(DomainError::InvalidRegion)?;
        let shape_ok = country.len() == 2
            && country.bytes().all(|b| b.is_ascii_alphabetic())
            && (1..=3).contains(&sub.len())
            && sub.bytes().all(|b| b.is_ascii_alphanumeric());
        if !shape_ok {
            return Err(DomainError::InvalidRegion);
        }
        // A well-formed code outside Central Asia is a country problem, which
        // gives the user a more useful message than "bad format".
        let country = CountryCode::parse(country)?;
        Ok(RegionCode(format!("{}-{}", country.as_str(), sub.to_ascii_uppercase())))
    }

    /// Like [`RegionCode::parse`], but the region must belong to `country`
    /// (e.g. the region picker of a Kazakh producer).
    pub fn parse_in_country(input: &str, country: CountryCode) -> Result<RegionCode, DomainError> {
        let code = RegionCode::parse(input)?;
        if code.country() != country {
            return Err(DomainError::RegionNotInCountry { country });
        }
        Ok(code)
    }

    /// The country part.
    pub fn country(&self) -> CountryCode {
        CountryCode::parse(&self.0[..2]).expect("country validated at construction")
    }

    /// The subdivision part after the hyphen, e.g. `"75"`.
    pub fn subdivision(&self) -> &str {
        &self.0[3..]
    }

    /// The full canonical code, e.g. `"KZ-75"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = DomainError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(r: RegionCode) -> String {
        r.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::test_support;

    #[test]
    fn parses_and_normalizes() {
        let cases = [
            ("KZ-39", "KZ-39", CountryCode::KZ, "39"),
            ("kg-gb", "KG-GB", CountryCode::KG, "GB"),
            (" UZ-TK ", "UZ-TK", CountryCode::UZ, "TK"),
            ("TM-A", "TM-A", CountryCode::TM, "A"),
            ("tj-Du", "TJ-DU", CountryCode::TJ, "DU"),
            ("KZ-ALA", "KZ-ALA", CountryCode::KZ, "ALA"),
        ];
        for (input, canon, country, sub) in cases {
            let r = RegionCode::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(r.as_str(), canon);
            assert_eq!(r.to_string(), canon);
            assert_eq!(r.country(), country);
            assert_eq!(r.subdivision(), sub);
        }
    }

    #[test]
    fn all_reference_regions_parse() {
        // The 54 codes of the reference data (migrations/data/regions.csv).
        const CODES: [&str; 54] = [
            "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35",
            "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
            "KZ-75", "KZ-79", "KG-B", "KG-C", "KG-GB", "KG-GO", "KG-J", "KG-N", "KG-O", "KG-T",
            "KG-Y", "TJ-DU", "TJ-GB", "TJ-KT", "TJ-RA", "TJ-SU", "TM-A", "TM-B", "TM-D", "TM-L",
            "TM-M", "TM-S", "UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-NG", "UZ-NW", "UZ-QA", "UZ-QR",
            "UZ-SA", "UZ-SI", "UZ-SU", "UZ-TK", "UZ-TO", "UZ-XO",
        ];
        for code in CODES {
            let r = RegionCode::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(r.as_str(), code);
            assert!(r.as_str().len() <= 6, "fits the VARCHAR(6) column");
            assert_eq!(RegionCode::parse_in_country(code, r.country()), Ok(r));
        }
    }

    #[test]
    fn rejects_bad_shapes() {
        for bad in [
            "KZ", "KZ-", "KZ39", "KZ-1234", "K-39", "KAZ-39", "KZ_39", "KZ 39", "KZ-3 9", "KZ--39",
            "12-39", "-39", "KZ-ЖА", "КZ-39",
        ] {
            assert_eq!(RegionCode::parse(bad), Err(DomainError::InvalidRegion), "{bad}");
        }
        assert_eq!(RegionCode::parse(""), Err(DomainError::Empty));
    }

    #[test]
    fn rejects_countries_outside_the_registry() {
        assert_eq!(RegionCode::parse("RU-MOW"), Err(DomainError::InvalidCountry));
        assert_eq!(RegionCode::parse("US-CA"), Err(DomainError::InvalidCountry));
    }

    #[test]
    fn in_country() {
        assert!(RegionCode::parse_in_country("KZ-75", CountryCode::KZ).is_ok());
        assert_eq!(
            RegionCode::parse_in_country("UZ-TK", CountryCode::KZ),
            Err(DomainError::RegionNotInCountry { country: CountryCode::KZ })
        );
        assert_eq!(
            RegionCode::parse_in_country("nonsense", CountryCode::KZ),
            Err(DomainError::InvalidRegion)
        );
    }

    #[test]
    fn serde_round_trip() {
        let r = RegionCode::parse("kg-gb").unwrap();
        assert_eq!(test_support::to_string(&r), "KG-GB");
        assert_eq!(test_support::from_str::<RegionCode>("KG-GB").ok(), Some(r));
        assert!(test_support::from_str::<RegionCode>("KG").is_err());
    }
}
