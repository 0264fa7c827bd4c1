//! The company form, parsed once into typed values (and back into form values for editing).

use crate::foundations::{
    domain::{
        CertKind, CountryCode, DomainError, Email, RegionCode, TaxId, bounded, bounded_line,
        transliterate_name,
    },
    forms::{FieldErrors, FormValues, Problem},
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use crate::foundations::domain::units::WORKFORCE;
pub const DESCRIPTION_MAX: usize = 5000;
use crate::workspace::models::forms::BLANK_CERT_ROWS;
pub const MAX_CERTS: usize = 30;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertInput {
    pub kind: CertKind,
    pub issuer: String,
    pub number: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A valid company profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StoredCompany")]
pub struct CompanyInput {
    pub legal_name: String,
    pub name_latin: String,
    #[serde(serialize_with = "bare_number")]
    pub tax_id: TaxId,
    pub country: CountryCode,
    pub region: RegionCode,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub show_phone: bool,
    pub show_email: bool,
    pub year_founded: Option<i32>,
    pub workforce: Option<String>,
    pub description: String,
    pub certifications: Vec<CertInput>,
}

/// A company profile as pending edits keep it (revision JSON) and the review page compares it:
/// the tax ID as its bare number with the country beside it, the form it had before the field
/// was typed, so stored edits read unchanged. Read back, the number is checked again.
#[derive(Deserialize)]
struct StoredCompany {
    legal_name: String,
    name_latin: String,
    tax_id: String,
    country: CountryCode,
    region: RegionCode,
    city: String,
    address: String,
    website: Option<String>,
    phone: Option<String>,
    email: Option<Email>,
    show_phone: bool,
    show_email: bool,
    year_founded: Option<i32>,
    workforce: Option<String>,
    description: String,
    certifications: Vec<CertInput>,
}

impl TryFrom<StoredCompany> for CompanyInput {
    type Error = DomainError;

    fn try_from(c: StoredCompany) -> Result<Self, DomainError> {
        Ok(CompanyInput {
            tax_id: TaxId::parse(c.country, &c.tax_id)?,
            legal_name: c.legal_name,
            name_latin: c.name_latin,
            country: c.country,
            region: c.region,
            city: c.city,
            address: c.address,
            website: c.website,
            phone: c.phone,
            email: c.email,
            show_phone: c.show_phone,
            show_email: c.show_email,
            year_founded: c.year_founded,
            workforce: c.workforce,
            description: c.description,
            certifications: c.certifications,
        })
    }
}

fn bare_number<S: serde::Serializer>(tax_id: &TaxId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tax_id.as_str())
}

fn optional(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

pub fn parse_website(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let with_scheme = if s.contains("://") { s.to_owned() } else { format!("https://{s}") };
    let ok = (with_scheme.starts_with("https://") || with_scheme.starts_with("http://"))
        && with_scheme.len() <= 200
        && !with_scheme.chars().any(|c| c.is_whitespace() || c.is_control())
        && with_scheme.split("://").nth(1).is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        });
    if ok { Ok(with_scheme) } else { Err(Problem::new("err_website")) }
}

pub fn parse_phone(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if allowed && (7..=15).contains(&digits) && s.len() <= 30 {
        Ok(s.to_owned())
    } else {
        Err(Problem::new("err_phone"))
    }
}

pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, Problem> {
    match optional(s) {
        None => Ok(None),
        Some(d) => {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map(Some).map_err(|_| Problem::new("err_date"))
        }
    }
}

/// Parses the company form (field names as in the page).
pub fn parse_company(v: &FormValues, today: NaiveDate) -> Result<CompanyInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let legal_name = e.check("legal_name", bounded_line(v.get("legal_name"), 2, 300));
    let name_latin = match optional(v.get("name_latin")) {
        Some(n) => e.check("name_latin", bounded_line(n, 2, 300)),
        None => legal_name.as_deref().map(transliterate_name),
    };
    let country = e.check("country", CountryCode::parse(v.get("country")));
    let tax_id = match country {
        Some(c) => e.check("tax_id", TaxId::parse(c, v.get("tax_id"))),
        None => {
            if v.get("tax_id").trim().is_empty() {
                e.add("tax_id", DomainError::Empty);
            }
            None
        }
    };
    let region = match country {
        Some(c) if !v.get("region").trim().is_empty() => {
            e.check("region", RegionCode::parse_in_country(v.get("region"), c))
        }
        _ => {
            e.add("region", DomainError::Empty);
            None
        }
    };
    let city = e.check("city", bounded_line(v.get("city"), 1, 100));
    let address = e.check("address", bounded_line(v.get("address"), 0, 300));
    let website = optional(v.get("website")).and_then(|w| e.check("website", parse_website(w)));
    let phone = optional(v.get("phone")).and_then(|p| e.check("phone", parse_phone(p)));
    let email =
        optional(v.get("public_email")).and_then(|m| e.check("public_email", Email::parse(m)));
    let year_founded = match optional(v.get("year_founded")) {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (1800..=today.year()).contains(&y) => Some(y),
            _ => {
                e.add("year_founded", Problem::new("err_year").with("max", today.year()));
                None
            }
        },
    };
    let workforce = match optional(v.get("workforce")) {
        None => None,
        Some(w) if WORKFORCE.contains(&w) => Some(w.to_owned()),
        Some(_) => {
            e.add("workforce", Problem::new("err_choice"));
            None
        }
    };
    let description = e.check("description", bounded(v.get("description"), 0, DESCRIPTION_MAX));
    let show_phone = v.checked("show_phone");
    let show_email = v.checked("show_email");
    if show_phone && phone.is_none() && e.get("phone").is_none() {
        e.add("phone", Problem::new("err_show_without_value"));
    }
    if show_email && email.is_none() && e.get("public_email").is_none() {
        e.add("public_email", Problem::new("err_show_without_value"));
    }
    let certifications = parse_certs(v, &mut e);
    // A missing country, region or tax ID has its message already.
    let (Some(country), Some(region), Some(tax_id), true) = (country, region, tax_id, e.is_empty())
    else {
        return Err(e);
    };
    Ok(CompanyInput {
        legal_name: legal_name.unwrap_or_default(),
        name_latin: name_latin.unwrap_or_default(),
        tax_id,
        country,
        region,
        city: city.unwrap_or_default(),
        address: address.unwrap_or_default(),
        website,
        phone,
        email,
        show_phone,
        show_email,
        year_founded,
        workforce,
        description: description.unwrap_or_default(),
        certifications,
    })
}

/// Certificate rows `cert_kind_N`, `cert_issuer_N`, … ; a row left entirely blank is skipped.
fn parse_certs(v: &FormValues, e: &mut FieldErrors) -> Vec<CertInput> {
    let mut certs = Vec::new();
    for i in 0..MAX_CERTS + BLANK_CERT_ROWS {
        let f = |name: &str| format!("cert_{name}_{i}");
        let (kind, issuer, number, from, until) = (
            v.get(&f("kind")),
            v.get(&f("issuer")),
            v.get(&f("number")),
            v.get(&f("from")),
            v.get(&f("until")),
        );
        if [kind, issuer, number, from, until].iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        let kind_parsed = CertKind::parse(kind.trim());
        if kind_parsed.is_none() {
            e.add(f("kind"), Problem::new("err_choice"));
        }
        let issuer = e.check(&f("issuer"), bounded_line(issuer, 2, 200));
        let number = e.check(&f("number"), bounded_line(number, 0, 100));
        let from = e.check(&f("from"), parse_date(from)).flatten();
        let until = e.check(&f("until"), parse_date(until)).flatten();
        if let (Some(a), Some(b)) = (from, until)
            && b < a
        {
            e.add(f("until"), Problem::new("err_date_order"));
        }
        if let (Some(kind), Some(issuer), Some(number)) = (kind_parsed, issuer, number) {
            certs.push(CertInput { kind, issuer, number, valid_from: from, valid_until: until });
        }
    }
    if certs.len() > MAX_CERTS {
        e.add("cert_kind_0", Problem::new("err_too_many").with("max", MAX_CERTS));
    }
    certs
}

/// The form's values for a stored company (and its certificates).
pub fn to_form(p: &CompanyInput) -> FormValues {
    let mut v = FormValues::default();
    v.set("legal_name", &p.legal_name);
    v.set("name_latin", &p.name_latin);
    v.set("tax_id", p.tax_id.as_str());
    v.set("country", p.country.as_str());
    v.set("region", p.region.as_str());
    v.set("city", &p.city);
    v.set("address", &p.address);
    v.set("website", p.website.clone().unwrap_or_default());
    v.set("phone", p.phone.clone().unwrap_or_default());
    v.set("public_email", p.email.as_ref().map_or("", Email::as_str));
    if p.show_phone {
        v.set("show_phone", "on");
    }
    if p.show_email {
        v.set("show_email", "on");
    }
    v.set("year_founded", p.year_founded.map(|y| y.to_string()).unwrap_or_default());
    v.set("workforce", p.workforce.clone().unwrap_or_default());
    v.set("description", &p.description);
    for (i, c) in p.certifications.iter().enumerate() {
        v.set(&format!("cert_kind_{i}"), c.kind.as_str());
        v.set(&format!("cert_issuer_{i}"), &c.issuer);
        v.set(&format!("cert_number_{i}"), &c.number);
        v.set(&format!("cert_from_{i}"), c.valid_from.map(|d| d.to_string()).unwrap_or_default());
        v.set(&format!("cert_until_{i}"), c.valid_until.map(|d| d.to_string()).unwrap_or_default());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed() -> CompanyInput {
        let form = FormValues::of(&[
            ("legal_name", "ТОО «Тест»"),
            ("tax_id", "940 140 000 385"),
            ("country", "KZ"),
            ("region", "KZ-10"),
            ("city", "Semey"),
            ("public_email", "Sales@Test.KZ"),
        ]);
        parse_company(&form, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()).unwrap()
    }

    #[test]
    fn the_form_parses_into_a_tax_id_and_an_email() {
        let input = parsed();
        assert_eq!(input.tax_id, TaxId::parse(CountryCode::KZ, "940140000385").unwrap());
        assert_eq!(input.email.as_ref().map(Email::as_str), Some("sales@test.kz"));
        assert_eq!(to_form(&input).get("tax_id"), "940140000385");
    }

    /// Pending edits stored before the fields were typed hold the bare number: they must read.
    #[test]
    fn stored_json_keeps_the_bare_number_and_reads_back() {
        let input = parsed();
        let json = serde_json::to_value(&input).unwrap();
        assert_eq!(json["tax_id"], "940140000385");
        assert_eq!(json["country"], "KZ");
        assert_eq!(json["email"], "sales@test.kz");
        assert_eq!(serde_json::from_value::<CompanyInput>(json.clone()).unwrap(), input);

        let mut bad_check_digit = json;
        bad_check_digit["tax_id"] = "940140000386".into();
        assert!(serde_json::from_value::<CompanyInput>(bad_check_digit).is_err());
    }
}
