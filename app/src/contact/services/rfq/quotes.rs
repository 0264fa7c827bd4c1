//! The producers' side of a request for quotation: the requests a company received, one
//! request with the company's own quote, and the quote itself (given or changed until the
//! deadline; the buyer is mailed the first time).

use super::{LIST_ROWS, day_ahead, required_amount, summaries, summary};
use crate::{
    administration::services::audit,
    contact::models::rfq::{ProducerRfq, ProducerRfqRow, ProducerRfqs},
    foundations::{
        domain::{RfqStatus, bounded, rfq::is_currency},
        entities::{producer, rfq, rfq_recipient},
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
        i18n::Locale,
        services::{
            begin_write,
            mail::{
                enqueue,
                templates::{Mail, render},
            },
        },
    },
    workspace::services::company::own_company,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

/// A producer's quote, parsed once from its form.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteInput {
    pub price: f64,
    pub currency: String,
    pub unit: String,
    pub lead_time_days: i32,
    pub valid_until: NaiveDate,
    pub note: Option<String>,
}

/// Checks a producer's quote against `today`.
pub fn parse_quote(v: &FormValues, today: NaiveDate) -> Result<QuoteInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let price = required_amount(v, &mut e, "price", "unit");
    let unit = v.get("unit").trim().to_owned();
    let currency = v.get("currency").trim().to_ascii_uppercase();
    if !is_currency(&currency) {
        e.add("currency", Problem::new("err_choice"));
    }
    let lead_time_days = match v.get("lead_time_days").trim().parse::<i32>() {
        Ok(d) if (0..=730).contains(&d) => Some(d),
        _ => {
            e.add("lead_time_days", Problem::new("err_lead_time"));
            None
        }
    };
    let valid_until = e.check("valid_until", day_ahead(v.get("valid_until"), today));
    let note = e.check("note", bounded(v.get("note"), 0, 2000));
    match (price, lead_time_days, valid_until, note) {
        (Some(price), Some(lead_time_days), Some(valid_until), Some(note)) if e.is_empty() => {
            Ok(QuoteInput {
                price,
                currency,
                unit,
                lead_time_days,
                valid_until,
                note: Some(note).filter(|n| !n.is_empty()),
            })
        }
        _ => Err(e),
    }
}

fn quotable(r: &rfq::Model, today: NaiveDate) -> bool {
    r.status == RfqStatus::Open && today <= r.deadline
}

/// The requests sent to the account's company, newest first.
pub async fn for_producer(
    db: &DatabaseConnection,
    user_id: i64,
    today: NaiveDate,
) -> Result<ProducerRfqs, DbErr> {
    let Some(p) = own_company(db, user_id).await? else {
        return Ok(ProducerRfqs { producer_name: None, rows: Vec::new() });
    };
    let received = rfq_recipient::Entity::find()
        .filter(rfq_recipient::Column::ProducerId.eq(p.id))
        .order_by_desc(rfq_recipient::Column::RfqId)
        .limit(LIST_ROWS)
        .all(db)
        .await?;
    let ids: Vec<i64> = received.iter().map(|r| r.rfq_id).collect();
    let requests = rfq::Entity::find()
        .filter(rfq::Column::Id.is_in(ids))
        .order_by_desc(rfq::Column::Id)
        .all(db)
        .await?;
    let states: Vec<(bool, bool)> = requests
        .iter()
        .map(|r| {
            let quoted = received.iter().any(|q| q.rfq_id == r.id && q.quoted_at.is_some());
            (quoted, quotable(r, today))
        })
        .collect();
    let rows = summaries(db, requests)
        .await?
        .into_iter()
        .zip(states)
        .map(|(rfq, (quoted, quotable))| ProducerRfqRow { rfq, quoted, quotable })
        .collect();
    Ok(ProducerRfqs { producer_name: Some(p.legal_name), rows })
}

/// A request sent to the account's company, or 404 (one it did not receive is not found).
async fn received(
    db: &impl ConnectionTrait,
    user_id: i64,
    rfq_id: i64,
) -> Result<(producer::Model, rfq::Model, rfq_recipient::Model), AppError> {
    let p = own_company(db, user_id).await?.ok_or(AppError::NotFound)?;
    let mine = rfq_recipient::Entity::find_by_id((rfq_id, p.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let r = rfq::Entity::find_by_id(rfq_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((p, r, mine))
}

/// The form values of a quote (empty before the first).
fn quote_values(q: &rfq_recipient::Model) -> FormValues {
    let mut v = FormValues::default();
    if let Some(price) = q.price {
        v.set("price", price.to_string());
    }
    for (name, value) in [
        ("currency", q.currency.clone()),
        ("unit", q.unit.clone()),
        ("lead_time_days", q.lead_time_days.map(|d| d.to_string())),
        ("valid_until", q.valid_until.map(|d| d.to_string())),
        ("note", q.note.clone()),
    ] {
        if let Some(value) = value {
            v.set(name, value);
        }
    }
    v
}

/// One request as the recipient producer reads it, with its own quote.
pub async fn producer_view(
    db: &DatabaseConnection,
    user_id: i64,
    rfq_id: i64,
    today: NaiveDate,
) -> Result<ProducerRfq, AppError> {
    let (_, r, mine) = received(db, user_id, rfq_id).await?;
    let quotable = quotable(&r, today);
    let row =
        ProducerRfqRow { rfq: summary(db, r).await?, quoted: mine.quoted_at.is_some(), quotable };
    Ok(ProducerRfq { row, quote: quote_values(&mine) })
}

/// The producer quotes (or changes its quote) while the request is open; the buyer is told.
pub async fn quote(
    db: &DatabaseConnection,
    user_id: i64,
    rfq_id: i64,
    v: &FormValues,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    let parsed = parse_quote(v, now.date_naive());
    let txn = begin_write(db).await?;
    let (p, r, mine) = received(&txn, user_id, rfq_id).await?;
    if !quotable(&r, now.date_naive()) {
        return Err(AppError::Conflict(
            "this request is closed or past its deadline: it takes no more quotes".into(),
        )
        .into());
    }
    let input = parsed.map_err(FormError::Invalid)?;
    let first = mine.quoted_at.is_none();
    let mut active: rfq_recipient::ActiveModel = mine.into();
    active.price = Set(Some(input.price));
    active.currency = Set(Some(input.currency));
    active.unit = Set(Some(input.unit));
    active.lead_time_days = Set(Some(input.lead_time_days));
    active.valid_until = Set(Some(input.valid_until));
    active.note = Set(input.note);
    active.quoted_at = Set(Some(now));
    active.update(&txn).await?;
    if first {
        let locale = Locale::from_code(&r.language).unwrap_or_default();
        let mail = Mail::RfqQuoted { product: r.product.clone(), producer: p.legal_name.clone() };
        enqueue(&txn, render(&mail, &r.buyer_email, locale), now).await?;
    }
    audit::record(&txn, audit::Event::new(Some(user_id), "rfq.quoted", "rfq", r.id, now)).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).expect("date")
    }

    #[test]
    fn a_quote_needs_a_price_a_known_currency_and_a_validity_ahead() {
        let ok = parse_quote(
            &FormValues::of(&[
                ("price", "245,50"),
                ("currency", "usd"),
                ("unit", "t"),
                ("lead_time_days", "14"),
                ("valid_until", "2026-12-31"),
            ]),
            today(),
        )
        .expect("valid");
        assert_eq!((ok.price, ok.currency.as_str()), (245.5, "USD"));
        let errors = parse_quote(
            &FormValues::of(&[("price", "-1"), ("currency", "XXX"), ("valid_until", "2027-12-31")]),
            today(),
        )
        .expect_err("invalid");
        for field in ["price", "currency", "unit", "lead_time_days", "valid_until"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
    }
}
