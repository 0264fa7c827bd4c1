//! Harmonized System (HS) commodity codes.
//!
//! HS codes are 2 (chapter), 4 (heading) or 6 (subheading) digits and are
//! shared worldwide; the national tariffs of the five countries (EAEU TN VED
//! in KZ/KG, national TN VED in UZ/TJ/TM) extend them to 10 digits.

use std::fmt;

use crate::foundations::domain::error::DomainError;

/// A validated HS chapter, heading or subheading, stored as digits only.
///
/// Serialized as the digit string (`"100199"`).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct HsCode(String);

impl HsCode {
    /// Parses the spellings people actually use — `1001`, `10.01`,
    /// `1001 99`, `1001.99`, `0101` — and normalizes to digits.
    ///
    /// Each dot/space separated group must have an even number of digits,
    /// because HS groups digits in pairs; that rejects `1.001` and keeps
    /// free-text queries like `3 kg` from being taken for codes.
    pub fn parse(input: &str) -> Result<HsCode, DomainError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(DomainError::Empty);
        }
        let mut digits = String::with_capacity(6);
        for group in s.split(|c: char| c == '.' || c.is_whitespace()) {
            if group.is_empty() {
                continue;
            }
            if group.len() % 2 != 0 || !group.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DomainError::InvalidHsCode);
            }
            digits.push_str(group);
            if digits.len() > 6 {
                return Err(DomainError::InvalidHsCode);
            }
        }
        if !matches!(digits.len(), 2 | 4 | 6) || !plausible(&digits) {
            return Err(DomainError::InvalidHsCode);
        }
        Ok(HsCode(digits))
    }

    /// Like [`HsCode::parse`] but requires a heading or subheading: a whole
    /// chapter (e.g. "10 Cereals") is too broad to describe a listing.
    pub fn parse_for_listing(input: &str) -> Result<HsCode, DomainError> {
        let code = HsCode::parse(input)?;
        if code.level() < 4 {
            return Err(DomainError::HsCodeLevel);
        }
        Ok(code)
    }

    /// 2, 4 or 6.
    pub fn level(&self) -> u8 {
        // Length is validated to be 2, 4 or 6.
        self.0.len() as u8
    }

    /// The 2-digit chapter, e.g. `"10"` for cereals.
    pub fn chapter(&self) -> &str {
        &self.0[..2]
    }

    /// The 4-digit heading, if this code is at least that specific.
    pub fn heading(&self) -> Option<&str> {
        self.0.get(..4)
    }

    /// The 6-digit subheading, if this code is that specific.
    pub fn subheading(&self) -> Option<&str> {
        (self.0.len() == 6).then_some(self.0.as_str())
    }

    /// Digits only, e.g. `"100199"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Conventional human form: `10`, `1001`, `1001.99`.
    pub fn dotted(&self) -> String {
        match self.0.len() {
            6 => format!("{}.{}", &self.0[..4], &self.0[4..]),
            _ => self.0.clone(),
        }
    }

    /// Whether `other` is this code or lies below it in the hierarchy, so a
    /// search for chapter `10` finds listings under `1001.99`.
    pub fn covers(&self, other: &HsCode) -> bool {
        other.0.starts_with(&self.0)
    }
}

/// Returns the HS code when the whole free-text query is one (in any of the
/// accepted spellings), so search can switch to a code lookup. Mixed queries
/// such as `wheat 1001` return `None` and go to full-text search.
pub fn looks_like_hs_query(q: &str) -> Option<HsCode> {
    HsCode::parse(q).ok()
}

/// Validates a 10-digit national tariff code (spaces and dots allowed, as in
/// `1001 99 000 0`) against the HS code it should refine, returning the bare
/// 10 digits.
pub fn national_code_matches(national: &str, hs: &HsCode) -> Result<String, DomainError> {
    let digits: String = national.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(DomainError::Empty);
    }
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DomainError::NationalCodeFormat);
    }
    if !digits.starts_with(hs.as_str()) {
        return Err(DomainError::NationalCodeMismatch { hs: hs.dotted() });
    }
    Ok(digits)
}

/// Cheap sanity checks that need no tariff table: chapters run 01–97 (77 is
/// reserved) plus 99, which the reference data (UN Comtrade) uses for
/// "commodities not specified"; headings start at 01.
fn plausible(digits: &str) -> bool {
    let chapter: u8 = digits[..2].parse().unwrap_or(0);
    let chapter_ok = matches!(chapter, 1..=76 | 78..=97 | 99);
    let heading_ok = digits.get(2..4).is_none_or(|h| h != "00");
    chapter_ok && heading_ok
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for HsCode {
    type Error = DomainError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        HsCode::parse(&s)
    }
}

impl From<HsCode> for String {
    fn from(h: HsCode) -> String {
        h.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::test_support;

    fn hs(s: &str) -> HsCode {
        HsCode::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn accepts_user_spellings() {
        let cases = [
            ("1101", "1101"),
            ("10.01", "1001"),
            ("1001 99", "100199"),
            ("1001.99", "100199"),
            ("0101", "0101"),
            ("10", "10"),
            ("100199", "100199"),
            ("  10 01 99 ", "100199"),
            ("10.01.99", "100199"),
            ("0409.00", "040900"),
            ("1001\u{a0}99", "100199"),
        ];
        for (input, digits) in cases {
            assert_eq!(hs(input).as_str(), digits, "{input}");
        }
    }

    #[test]
    fn rejects_wrong_lengths_and_garbage() {
        for bad in [
            "1",
            "100",
            "10019",
            "1001999",
            "1001990000",
            "1.001",
            "10-01",
            "10a1",
            "wheat",
            "1001 wheat",
            "wheat 1001",
            "１００１",
            "+1001",
            "1001,99",
        ] {
            assert_eq!(HsCode::parse(bad), Err(DomainError::InvalidHsCode), "{bad}");
        }
        assert_eq!(HsCode::parse(""), Err(DomainError::Empty));
        assert_eq!(HsCode::parse("  "), Err(DomainError::Empty));
    }

    #[test]
    fn rejects_impossible_chapters_and_headings() {
        for bad in ["00", "0000", "77", "7701", "98", "9801", "1000", "100000"] {
            assert_eq!(HsCode::parse(bad), Err(DomainError::InvalidHsCode), "{bad}");
        }
        assert!(HsCode::parse("97").is_ok());
        // Present in the reference data as "commodities not specified".
        for code in ["99", "9999", "999999"] {
            assert!(HsCode::parse(code).is_ok(), "{code}");
        }
        assert!(HsCode::parse("01").is_ok());
    }

    #[test]
    fn hierarchy_accessors() {
        let c = hs("10");
        assert_eq!((c.level(), c.chapter(), c.heading(), c.subheading()), (2, "10", None, None));
        let h = hs("10.01");
        assert_eq!(
            (h.level(), h.chapter(), h.heading(), h.subheading()),
            (4, "10", Some("1001"), None)
        );
        let s = hs("1001.99");
        assert_eq!(
            (s.level(), s.chapter(), s.heading(), s.subheading()),
            (6, "10", Some("1001"), Some("100199"))
        );
    }

    #[test]
    fn covers_and_dotted() {
        assert!(hs("10").covers(&hs("1001.99")));
        assert!(hs("1001").covers(&hs("1001")));
        assert!(!hs("1001.99").covers(&hs("1001")));
        assert!(!hs("1002").covers(&hs("1001.99")));
        assert_eq!(hs("100199").dotted(), "1001.99");
        assert_eq!(hs("1001").dotted(), "1001");
        assert_eq!(hs("1001").to_string(), "1001");
    }

    #[test]
    fn listing_needs_heading_or_subheading() {
        assert_eq!(HsCode::parse_for_listing("10"), Err(DomainError::HsCodeLevel));
        assert_eq!(HsCode::parse_for_listing("1001").unwrap().level(), 4);
        assert_eq!(HsCode::parse_for_listing("1001 99").unwrap().level(), 6);
        assert_eq!(HsCode::parse_for_listing("abc"), Err(DomainError::InvalidHsCode));
    }

    #[test]
    fn query_detection() {
        assert_eq!(looks_like_hs_query("1101"), Some(hs("1101")));
        assert_eq!(looks_like_hs_query("10.01"), Some(hs("1001")));
        assert_eq!(looks_like_hs_query("1001 99"), Some(hs("100199")));
        assert_eq!(looks_like_hs_query(" 1001.99 "), Some(hs("100199")));
        for q in
            ["wheat 1001", "1001 wheat", "пшеница", "", "ТОО 1001", "940140000385", "3 kg", "2 20"]
        {
            assert_eq!(looks_like_hs_query(q), None, "{q}");
        }
    }

    #[test]
    fn national_codes() {
        let wheat = hs("1001.99");
        assert_eq!(national_code_matches("1001 99 000 0", &wheat), Ok("1001990000".to_owned()));
        assert_eq!(national_code_matches("1001.99.000.0", &hs("10")), Ok("1001990000".to_owned()));
        assert_eq!(
            national_code_matches("1101 00 150 0", &wheat),
            Err(DomainError::NationalCodeMismatch { hs: "1001.99".into() })
        );
        for bad in ["100199000", "10019900001", "1001-99-000-0", "10019900OO"] {
            assert_eq!(
                national_code_matches(bad, &wheat),
                Err(DomainError::NationalCodeFormat),
                "{bad}"
            );
        }
        assert_eq!(national_code_matches(" ", &wheat), Err(DomainError::Empty));
    }

    #[test]
    fn serde_round_trip() {
        let code = hs("1001.99");
        assert_eq!(test_support::to_string(&code), "100199");
        assert_eq!(test_support::from_str::<HsCode>("1001.99").ok(), Some(code));
        assert!(test_support::from_str::<HsCode>("12345").is_err());
    }
}
