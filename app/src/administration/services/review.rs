//! What a moderator reads on an item's review page: each field under its label with its value in
//! words (units, certificate names, whole numbers, the HS code's description), and the products
//! of the same producer that may be the same product.

use crate::{
    administration::services::duplicates::{name_core, name_similarity},
    foundations::{
        domain::certification::CertKind,
        entities::{hs_code, listing},
        i18n::{Strings, fill},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::Value;

/// The label the producer saw on the form for the stored field `key`.
pub fn label(t: &Strings, key: &str) -> String {
    let alias = match key {
        "email" => "field_public_email",
        "lead_time_days" => "field_lead_time",
        "certifications" => "detail_certifications",
        _ => "",
    };
    let named = if alias.is_empty() { format!("field_{key}") } else { alias.to_owned() };
    match t.get(&named) {
        Some(text) => text.to_owned(),
        None => {
            let words = key.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// A whole number with its thousands apart (`12 000`); a fraction as it is (`2.5`).
pub fn number_text(n: f64) -> String {
    if n.fract() != 0.0 || n.abs() >= 1e15 {
        return n.to_string();
    }
    let digits = (n.abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0.0 { format!("-{out}") } else { out }
}

fn unit_text(unit: &str) -> &str {
    match unit {
        "m3" => "m³",
        "m2" => "m²",
        other => other,
    }
}

fn cert_text(s: &str) -> String {
    CertKind::parse(s).map(|k| k.label().to_owned()).unwrap_or_else(|| s.to_owned())
}

/// A certificate of the company form: only the parts that were given.
fn certificate_text(cert: &serde_json::Map<String, Value>) -> String {
    let part = |k: &str| cert.get(k).and_then(Value::as_str).map(str::trim).unwrap_or_default();
    let mut out = cert_text(part("kind"));
    if !part("issuer").is_empty() {
        out.push_str(&format!(" — {}", part("issuer")));
    }
    if !part("number").is_empty() {
        out.push_str(&format!(", № {}", part("number")));
    }
    match (part("valid_from"), part("valid_until")) {
        ("", "") => {}
        (from, until) => out.push_str(&format!(" ({from} – {until})")),
    }
    out
}

/// The value of field `key` in words. `hs_description` names the HS code when `key` is one.
pub fn value_text(t: &Strings, key: &str, value: &Value, hs_description: Option<&str>) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(true) => t.review_yes.to_owned(),
        Value::Bool(false) => t.review_no.to_owned(),
        Value::Number(n) => n.as_f64().map(number_text).unwrap_or_else(|| n.to_string()),
        Value::String(s) if s.trim().is_empty() => "—".to_owned(),
        Value::String(s) if key == "hs_code" => match hs_description {
            Some(d) => format!("{s} — {d}"),
            None => s.clone(),
        },
        Value::String(s) if key.ends_with("_unit") => unit_text(s).to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) if key == "certifications" => cert_text(s),
                Value::String(s) => s.clone(),
                Value::Object(cert) => certificate_text(cert),
                other => value_text(t, key, other, None),
            })
            .collect::<Vec<_>>()
            .join(if items.iter().any(Value::is_object) { "; " } else { ", " }),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", label(t, k), value_text(t, k, v, None)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The English description of an HS code as a product form holds it (`1101.00` or `110100`).
pub async fn hs_description(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<String>, DbErr> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    Ok(hs_code::Entity::find_by_id(digits).one(db).await?.map(|h| h.description_en))
}

/// One row of the review table: the field's label, its current value and, for a revision,
/// the proposed one, all in words.
pub async fn field_rows(
    db: &impl ConnectionTrait,
    t: &Strings,
    current: &Value,
    proposed: Option<&Value>,
) -> Result<Vec<(String, String, Option<String>)>, DbErr> {
    let Value::Object(fields) = current else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for (key, value) in fields {
        let other = proposed.map(|p| p.get(key).cloned().unwrap_or(Value::Null));
        let describe = |v: &Value| v.as_str().map(str::to_owned);
        let (hs_now, hs_then) = if key == "hs_code" {
            let now = match describe(value) {
                Some(c) => hs_description(db, &c).await?,
                None => None,
            };
            let then = match other.as_ref().and_then(describe) {
                Some(c) => hs_description(db, &c).await?,
                None => None,
            };
            (now, then)
        } else {
            (None, None)
        };
        rows.push((
            label(t, key),
            value_text(t, key, value, hs_now.as_deref()),
            other.map(|o| value_text(t, key, &o, hs_then.as_deref())),
        ));
    }
    Ok(rows)
}

/// A product of the same producer that may be the same product.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarProduct {
    pub id: i64,
    pub name: String,
    pub status: crate::foundations::domain::EntryStatus,
    pub similarity: f64,
}

/// Products of `l`'s producer with the same HS code and a similar name, most similar first.
pub async fn similar_products(
    db: &impl ConnectionTrait,
    l: &listing::Model,
) -> Result<Vec<SimilarProduct>, DbErr> {
    let siblings = listing::Entity::find()
        .filter(listing::Column::ProducerId.eq(l.producer_id))
        .filter(listing::Column::HsCode.eq(&l.hs_code))
        .filter(listing::Column::Id.ne(l.id))
        .all(db)
        .await?;
    let core = name_core(&l.product_name);
    let mut out: Vec<SimilarProduct> = siblings
        .into_iter()
        .map(|s| {
            let similarity = name_similarity(&core, &name_core(&s.product_name));
            SimilarProduct { id: s.id, name: s.product_name, status: s.status, similarity }
        })
        .filter(|s| s.similarity >= 0.5)
        .collect();
    out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    out.truncate(10);
    Ok(out)
}

/// How sure the match is, for the moderator: "86 %".
pub fn similarity_text(t: &Strings, similarity: f64) -> String {
    fill(t.admin_dup_product, &[("percent", &((similarity * 100.0).round() as i64))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::i18n::Locale;

    #[test]
    fn values_read_as_words_not_json() {
        let t = Locale::En.strings();
        assert_eq!(number_text(12000.0), "12 000");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(1234567.0), "1 234 567");
        let certs = serde_json::json!(["halal", "iso9001"]);
        assert_eq!(value_text(t, "certifications", &certs, None), "Halal, ISO 9001");
        assert_eq!(
            value_text(t, "export_markets", &serde_json::json!(["AF", "UZ"]), None),
            "AF, UZ"
        );
        assert_eq!(value_text(t, "capacity", &serde_json::json!(12000.0), None), "12 000");
        assert_eq!(
            value_text(t, "hs_code", &serde_json::json!("1101.00"), Some("Wheat flour")),
            "1101.00 — Wheat flour"
        );
        assert_eq!(label(t, "capacity_unit"), t.field_capacity_unit);
        assert_eq!(label(t, "lead_time_days"), t.field_lead_time);
    }

    #[test]
    fn a_certificate_shows_only_what_was_given() {
        let t = Locale::En.strings();
        let cert = serde_json::json!([{ "kind": "halal", "issuer": "", "number": "",
            "valid_from": null, "valid_until": null }]);
        assert_eq!(value_text(t, "certifications", &cert, None), "Halal");
    }
}
