//! The product form, parsed once into typed values (and back into form values for editing).
//! The HS code is checked against the nomenclature separately, as that needs the database.

use crate::foundations::{
    domain::{CertKind, HsCode, bounded, bounded_line, national_code_matches},
    forms::{FieldErrors, FormValues, Problem},
};
use serde::{Deserialize, Serialize};

/// Units of capacity and minimum order (stored value, label): the form offers the same list.
pub use crate::foundations::domain::units::UNITS;
pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const MAX_MARKETS: usize = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingInput {
    pub product_name: String,
    pub hs_code: HsCode,
    pub national_code: Option<String>,
    pub description: String,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<String>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<String>,
    pub lead_time_days: Option<i32>,
    pub export_markets: Vec<String>,
    pub certifications: Vec<CertKind>,
}

fn optional(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// `1 500,5` and `1500.5` are the same quantity.
pub fn parse_quantity(s: &str) -> Result<f64, Problem> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect::<String>()
        .replace(',', ".");
    match cleaned.parse::<f64>() {
        Ok(q) if q.is_finite() && q > 0.0 && q < 1e12 => Ok(q),
        _ => Err(Problem::new("err_quantity")),
    }
}

pub(crate) fn parse_amount(
    v: &FormValues,
    e: &mut FieldErrors,
    field: &str,
    unit_field: &str,
) -> (Option<f64>, Option<String>) {
    let amount = optional(v.get(field)).and_then(|q| e.check(field, parse_quantity(q)));
    let unit = optional(v.get(unit_field));
    let unit = match unit {
        Some(u) => match UNITS.iter().find(|(code, _)| code.eq_ignore_ascii_case(u)) {
            Some((code, _)) => Some((*code).to_owned()),
            None => {
                e.add(unit_field, Problem::new("err_choice"));
                None
            }
        },
        None => None,
    };
    if amount.is_some() && unit.is_none() && e.get(unit_field).is_none() {
        e.add(unit_field, Problem::new("err_unit_required"));
    }
    (amount, amount.and(unit))
}

/// ISO 3166-1 alpha-2 codes, separated by commas, semicolons, spaces or `|`.
pub fn parse_markets(s: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for code in s.split([',', ';', ' ', '|', '\n']).map(str::trim).filter(|c| !c.is_empty()) {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(
                Problem::new("err_markets").with("code", code.chars().take(20).collect::<String>())
            );
        }
        let code = code.to_ascii_uppercase();
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.len() > MAX_MARKETS {
        return Err(Problem::new("err_too_many").with("max", MAX_MARKETS));
    }
    Ok(out)
}

/// The HS field of a form (`hs_code`, or `hs_pick` when a code was chosen from the codes its
/// words matched): a heading or subheading. Words are a step, reported as `err_hs_pick` so the
/// page offers the matching codes ([`crate::foundations::services::hs_lookup::hs_candidates`]).
pub(crate) fn parse_hs_field(v: &FormValues, e: &mut FieldErrors) -> Option<HsCode> {
    // A code picked from the suggestions (radio buttons without JavaScript) wins over the box.
    let hs_raw = optional(v.get("hs_pick")).unwrap_or(v.get("hs_code"));
    match HsCode::parse_for_listing(hs_raw) {
        Ok(code) => Some(code),
        Err(err) => {
            if hs_raw.chars().any(char::is_alphabetic) {
                e.add("hs_code", Problem::new("err_hs_pick"));
            } else {
                e.add("hs_code", err);
            }
            None
        }
    }
}

/// Parses the listing form. The HS code is checked against the nomenclature separately
/// ([`check_hs`]), as that needs the database.
pub fn parse_listing(v: &FormValues) -> Result<ListingInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let product_name = e.check("product_name", bounded_line(v.get("product_name"), 2, NAME_MAX));
    let hs = parse_hs_field(v, &mut e);
    let national_code = match (optional(v.get("national_code")), &hs) {
        (None, _) => None,
        (Some(n), Some(hs)) => e.check("national_code", national_code_matches(n, hs)),
        (Some(_), None) => None,
    };
    let description = e.check("description", bounded(v.get("description"), 0, DESCRIPTION_MAX));
    let (capacity, capacity_unit) = parse_amount(v, &mut e, "capacity", "capacity_unit");
    let (min_order, min_order_unit) = parse_amount(v, &mut e, "min_order", "min_order_unit");
    let lead_time_days = match optional(v.get("lead_time_days")) {
        None => None,
        Some(d) => match d.parse::<i32>() {
            Ok(d) if (0..=730).contains(&d) => Some(d),
            _ => {
                e.add("lead_time_days", Problem::new("err_lead_time"));
                None
            }
        },
    };
    let export_markets = e.check("export_markets", parse_markets(v.get("export_markets")));
    let mut certifications = Vec::new();
    for c in v.all("cert") {
        match CertKind::parse(c.trim()) {
            Some(k) if !certifications.contains(&k) => certifications.push(k),
            Some(_) => {}
            None => e.add("cert", Problem::new("err_choice")),
        }
    }
    // A missing code has its message already.
    let (Some(hs_code), true) = (hs, e.is_empty()) else { return Err(e) };
    Ok(ListingInput {
        product_name: product_name.unwrap_or_default(),
        hs_code,
        national_code,
        description: description.unwrap_or_default(),
        capacity,
        capacity_unit,
        min_order,
        min_order_unit,
        lead_time_days,
        export_markets: export_markets.unwrap_or_default(),
        certifications,
    })
}

pub fn to_form(l: &ListingInput) -> FormValues {
    let mut v = FormValues::default();
    let num = |q: Option<f64>| q.map(|q| q.to_string()).unwrap_or_default();
    v.set("product_name", &l.product_name);
    v.set("hs_code", l.hs_code.as_str());
    v.set("national_code", l.national_code.clone().unwrap_or_default());
    v.set("description", &l.description);
    v.set("capacity", num(l.capacity));
    v.set("capacity_unit", l.capacity_unit.clone().unwrap_or_default());
    v.set("min_order", num(l.min_order));
    v.set("min_order_unit", l.min_order_unit.clone().unwrap_or_default());
    v.set("lead_time_days", l.lead_time_days.map(|d| d.to_string()).unwrap_or_default());
    v.set("export_markets", l.export_markets.join(", "));
    for c in &l.certifications {
        v.push("cert", c.as_str());
    }
    v
}
