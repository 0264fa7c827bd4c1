//! Kinds of certificate a producer or a listing can hold.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema), schema(rename_all = "lowercase"))]
pub enum CertKind {
    Iso9001,
    Iso22000,
    Haccp,
    Halal,
    Organic,
    /// GOST, ST RK, O'z DSt and the other national standards of the region.
    Gost,
    Other,
}

impl CertKind {
    pub const ALL: [CertKind; 7] = [
        CertKind::Iso9001,
        CertKind::Iso22000,
        CertKind::Haccp,
        CertKind::Halal,
        CertKind::Organic,
        CertKind::Gost,
        CertKind::Other,
    ];

    /// The stored and URL form.
    pub fn as_str(self) -> &'static str {
        match self {
            CertKind::Iso9001 => "iso9001",
            CertKind::Iso22000 => "iso22000",
            CertKind::Haccp => "haccp",
            CertKind::Halal => "halal",
            CertKind::Organic => "organic",
            CertKind::Gost => "gost",
            CertKind::Other => "other",
        }
    }

    /// The name people know it by (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            CertKind::Iso9001 => "ISO 9001",
            CertKind::Iso22000 => "ISO 22000",
            CertKind::Haccp => "HACCP",
            CertKind::Halal => "Halal",
            CertKind::Organic => "Organic",
            CertKind::Gost => "GOST / ST RK",
            CertKind::Other => "Other",
        }
    }

    pub fn parse(s: &str) -> Option<CertKind> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-', '_'], "");
        CertKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::CertKind;

    #[test]
    fn parses_the_stored_form_and_common_spellings() {
        for kind in CertKind::ALL {
            assert_eq!(CertKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(CertKind::parse("ISO 9001"), Some(CertKind::Iso9001));
        assert_eq!(CertKind::parse("Halal"), Some(CertKind::Halal));
        assert_eq!(CertKind::parse("kosher"), None);
    }
}
