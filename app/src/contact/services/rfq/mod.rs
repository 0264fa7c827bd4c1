//! Requests for quotation: a buyer asks every producer of one HS heading at once. The request
//! waits for the buyer's address check (the link mailed to them also opens the private page of
//! quotes), then — after an administrator, when the site moderates requests — goes to the
//! producers with a public listing in that heading, who each quote once (and may change it
//! until the deadline). The buyer compares the quotes side by side and closes the request.
//!
//! The buyer needs no account: the key in the mailed link is the only way to the quotes, and
//! only its hash is stored. A producer reads its own quote, never another's.

use crate::{
    administration::services::audit,
    contact::{
        models::rfq::{BuyerRfq, QuoteRow, QuoteSort},
        services::inquiries::{delivery_address, quantity_text},
    },
    foundations::{
        domain::{
            CountryCode, Email, RfqStatus, bounded, bounded_line, rfq::is_incoterm,
            units::unit_label,
        },
        entities::{listing, producer, rfq, rfq_recipient},
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
    workspace::services::{
        accounts::{link_token_hash, new_token, session_id},
        listings::{check_hs, parse_amount, parse_hs_field},
    },
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QuerySelect, Set,
};

mod quotes;
mod review;
mod summary;

pub use quotes::{QuoteInput, for_producer, parse_quote, producer_view, quote};
pub use review::{decide, review_queue};
use summary::{summaries, summary};

/// How long the buyer's confirmation link works before the request is confirmed.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);
/// The furthest ahead a deadline or a quote's validity may be.
pub(super) const HORIZON_DAYS: i64 = 365;
/// A producer's list shows this many requests.
pub(super) const LIST_ROWS: u64 = 200;

/// A buyer's request, parsed once from the form.
#[derive(Clone, Debug, PartialEq)]
pub struct RfqInput {
    pub name: String,
    pub email: Email,
    pub company: Option<String>,
    pub hs_code: crate::foundations::domain::HsCode,
    pub product: Option<String>,
    pub quantity: f64,
    pub unit: String,
    pub destination: String,
    pub incoterm: String,
    pub deadline: NaiveDate,
    pub details: String,
    pub countries: Vec<CountryCode>,
    pub verified_only: bool,
}

/// A day from `from` up to a year after it (`YYYY-MM-DD`), for deadlines and validity.
pub(super) fn day_ahead(raw: &str, from: NaiveDate) -> Result<NaiveDate, Problem> {
    let to = from + Duration::days(HORIZON_DAYS);
    let out_of_range =
        || Problem::new("err_date_ahead").with("from", from).with("to", to.format("%Y-%m-%d"));
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::new("err_empty"));
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Problem::new("err_date"))?;
    if day < from || day > to { Err(out_of_range()) } else { Ok(day) }
}

pub(super) fn required_amount(
    v: &FormValues,
    e: &mut FieldErrors,
    field: &str,
    unit: &str,
) -> Option<f64> {
    if v.get(field).trim().is_empty() {
        e.add(field, Problem::new("err_empty"));
    }
    if v.get(unit).trim().is_empty() && e.get(unit).is_none() {
        e.add(unit, Problem::new("err_unit_required"));
    }
    parse_amount(v, e, field, unit).0
}

/// Checks the request form against `today`; every field's problem is reported at once.
pub fn parse(v: &FormValues, today: NaiveDate) -> Result<RfqInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = e.check("name", bounded_line(v.get("name"), 1, 200));
    let email = e.check("email", Email::parse(v.get("email")));
    let company = e.check("company", bounded_line(v.get("company"), 0, 300));
    let hs_code = parse_hs_field(v, &mut e);
    let quantity = required_amount(v, &mut e, "quantity", "unit");
    let unit = v.get("unit").trim().to_owned();
    let destination = e.check("destination", bounded_line(v.get("destination"), 2, 100));
    let incoterm = v.get("incoterm").trim().to_ascii_uppercase();
    if !is_incoterm(&incoterm) {
        e.add("incoterm", Problem::new("err_choice"));
    }
    let deadline = e.check("deadline", day_ahead(v.get("deadline"), today + Duration::days(1)));
    let details = e.check("details", bounded(v.get("details"), 0, 5000));
    let mut countries = Vec::new();
    for c in v.all("country") {
        match CountryCode::parse(c) {
            Ok(c) if !countries.contains(&c) => countries.push(c),
            Ok(_) => {}
            Err(_) => e.add("country", Problem::new("err_choice")),
        }
    }
    countries.sort_by_key(|c| c.as_str());
    let product = bounded_line(v.get("product"), 0, 300).ok().filter(|p| !p.is_empty());
    match (name, email, hs_code, quantity, destination, deadline, details) {
        (
            Some(name),
            Some(email),
            Some(hs_code),
            Some(quantity),
            Some(destination),
            Some(deadline),
            Some(details),
        ) if e.is_empty() => Ok(RfqInput {
            name,
            email,
            company: company.filter(|c| !c.is_empty()),
            hs_code,
            product,
            quantity,
            unit,
            destination,
            incoterm,
            deadline,
            details,
            countries,
            verified_only: v.checked("verified_only"),
        }),
        _ => Err(e),
    }
}

/// The buyer's page of quotes (the key is hex, safe in a URL as it is).
pub fn page_path(key: &str) -> String {
    format!("/rfq/view?key={key}")
}

fn bad_key() -> AppError {
    AppError::NotFound
}

fn key_hash(key: &str) -> Result<String, AppError> {
    link_token_hash(key).ok_or_else(bad_key)
}

/// Records the request and mails the buyer the link that confirms it. An address that
/// administrators blocked is refused beside the email field; a code missing from the
/// nomenclature beside the HS field.
pub async fn start(
    db: &DatabaseConnection,
    input: RfqInput,
    language: Locale,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    if super::inquiry_reports::is_blocked(db, &input.email).await? {
        return Err(FormError::field("email", Problem::new("err_sender_blocked")));
    }
    let Some(hs) = check_hs(db, input.hs_code.as_str()).await? else {
        return Err(FormError::field("hs_code", Problem::new("err_hs_unknown")));
    };
    let key = new_token();
    let product = input.product.unwrap_or_else(|| hs.description_en.clone());
    let txn = begin_write(db).await?;
    rfq::ActiveModel {
        key_hash: Set(session_id(&key)),
        key_expires_at: Set(Some(now + CONFIRM_LIFETIME)),
        buyer_name: Set(input.name),
        buyer_email: Set(input.email.as_str().to_owned()),
        buyer_company: Set(input.company),
        hs_code: Set(hs.code),
        product: Set(product.clone()),
        quantity: Set(input.quantity),
        unit: Set(input.unit),
        destination: Set(input.destination),
        incoterm: Set(input.incoterm),
        deadline: Set(input.deadline),
        details: Set(input.details),
        countries: Set(input.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")),
        verified_only: Set(input.verified_only),
        language: Set(language.code().to_owned()),
        status: Set(RfqStatus::Unconfirmed),
        status_reason: Set(None),
        confirmed_at: Set(None),
        opened_at: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    enqueue(&txn, render(&Mail::RfqConfirm { key, product }, input.email.as_str(), language), now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Follows the buyer's link: the request is confirmed and sent to the matched producers (or
/// waits for an administrator when `moderated`). Following it again changes nothing: the same
/// link keeps opening the page of quotes.
pub async fn confirm(
    db: &DatabaseConnection,
    key: &str,
    moderated: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let hash = key_hash(key)?;
    let txn = begin_write(db).await?;
    let row = rfq::Entity::find()
        .filter(rfq::Column::KeyHash.eq(hash))
        .one(&txn)
        .await?
        .ok_or_else(bad_key)?;
    if row.status != RfqStatus::Unconfirmed {
        return Ok(());
    }
    if row.key_expires_at.is_none_or(|t| t <= now) {
        return Err(AppError::BadRequest(
            "this confirmation link has expired: please write the request again".into(),
        ));
    }
    let mut active: rfq::ActiveModel = row.clone().into();
    active.key_expires_at = Set(None);
    active.confirmed_at = Set(Some(now));
    if moderated {
        active.status = Set(RfqStatus::Review);
    }
    let row = active.update(&txn).await?;
    if !moderated {
        open(&txn, row, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The producers a request reaches: those with a public listing in its heading, in the chosen
/// countries, verified if asked.
async fn matching_producers(db: &impl ConnectionTrait, r: &rfq::Model) -> Result<Vec<i64>, DbErr> {
    let heading = &r.hs_code[..4.min(r.hs_code.len())];
    let mut q = listing::Entity::find()
        .select_only()
        .column(listing::Column::ProducerId)
        .distinct()
        .filter(listing::Column::Visible.eq(true))
        .filter(listing::Column::HsCode.starts_with(heading));
    let countries = crate::foundations::domain::comma_list(&r.countries);
    if !countries.is_empty() {
        q = q.filter(listing::Column::CountryCode.is_in(countries));
    }
    if r.verified_only {
        q = q.filter(listing::Column::Verified.eq(true));
    }
    let mut ids: Vec<i64> = q.into_tuple().all(db).await?;
    ids.sort_unstable();
    Ok(ids)
}

/// Sends a confirmed request to its producers: each gets a row (for its quote) and a mail.
pub(super) async fn open(
    db: &impl ConnectionTrait,
    r: rfq::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let producers = matching_producers(db, &r).await?;
    for producer_id in &producers {
        rfq_recipient::ActiveModel {
            rfq_id: Set(r.id),
            producer_id: Set(*producer_id),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let Some(p) = producer::Entity::find_by_id(*producer_id).one(db).await? else { continue };
        if let Some((to, locale)) = delivery_address(db, &p).await? {
            let mail = Mail::RfqReceived {
                rfq_id: r.id,
                product: r.product.clone(),
                quantity: quantity_text(Some(r.quantity), Some(&r.unit)).unwrap_or_default(),
                deadline: r.deadline.into(),
            };
            enqueue(db, render(&mail, &to, locale), now).await?;
        }
    }
    let id = r.id;
    let mut active: rfq::ActiveModel = r.into();
    active.status = Set(RfqStatus::Open);
    active.opened_at = Set(Some(now));
    active.update(db).await?;
    audit::record(
        db,
        audit::Event::new(None, "rfq.opened", "rfq", id, now)
            .after(serde_json::json!({ "recipients": producers.len() })),
    )
    .await?;
    Ok(())
}

async fn by_key(db: &impl ConnectionTrait, key: &str) -> Result<rfq::Model, AppError> {
    rfq::Entity::find()
        .filter(rfq::Column::KeyHash.eq(key_hash(key)?))
        .one(db)
        .await?
        .ok_or_else(bad_key)
}

/// The buyer's page: the request and its quotes in the chosen order.
pub async fn buyer_view(
    db: &DatabaseConnection,
    key: &str,
    sort: QuoteSort,
) -> Result<BuyerRfq, AppError> {
    let r = by_key(db, key).await?;
    let given = rfq_recipient::Entity::find()
        .filter(rfq_recipient::Column::RfqId.eq(r.id))
        .filter(rfq_recipient::Column::QuotedAt.is_not_null())
        .all(db)
        .await?;
    let ids: Vec<i64> = given.iter().map(|q| q.producer_id).collect();
    let producers =
        producer::Entity::find().filter(producer::Column::Id.is_in(ids)).all(db).await?;
    let mut quotes: Vec<QuoteRow> = given
        .into_iter()
        .filter_map(|q| {
            let p = producers.iter().find(|p| p.id == q.producer_id)?;
            Some(QuoteRow {
                producer_id: p.id,
                producer_name: p.legal_name.clone(),
                country_code: p.country_code.clone(),
                verified: p.verified,
                price: q.price?,
                currency: q.currency?,
                unit: unit_label(q.unit.as_deref()?).to_owned(),
                lead_time_days: q.lead_time_days?,
                valid_until: q.valid_until?.into(),
                note: q.note,
                quoted_at: crate::foundations::domain::Minute::from(q.quoted_at?),
            })
        })
        .collect();
    match sort {
        QuoteSort::Price => {
            quotes.sort_by(|a, b| a.currency.cmp(&b.currency).then(a.price.total_cmp(&b.price)))
        }
        QuoteSort::LeadTime => quotes.sort_by_key(|q| q.lead_time_days),
        QuoteSort::ValidUntil => quotes.sort_by_key(|q| std::cmp::Reverse(q.valid_until)),
        QuoteSort::Newest => quotes.sort_by_key(|q| std::cmp::Reverse(q.quoted_at)),
    }
    Ok(BuyerRfq { rfq: summary(db, r).await?, quotes, sort })
}

/// The buyer closes the request: the quotes stay readable, producers can no longer quote.
pub async fn close(db: &DatabaseConnection, key: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let r = by_key(&txn, key).await?;
    if r.status == RfqStatus::Closed {
        return Ok(());
    }
    if r.status != RfqStatus::Open {
        return Err(AppError::Conflict("only an open request can be closed".into()));
    }
    let id = r.id;
    let mut active: rfq::ActiveModel = r.into();
    active.status = Set(RfqStatus::Closed);
    active.closed_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(&txn, audit::Event::new(None, "rfq.closed", "rfq", id, now)).await?;
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
    fn a_complete_request_parses_into_typed_values() {
        let input = parse(
            &FormValues::of(&[
                ("name", "Aigerim"),
                ("email", "buyer@example.com"),
                ("hs_code", "1101"),
                ("quantity", "1 000"),
                ("unit", "t"),
                ("destination", "Kabul, Afghanistan"),
                ("incoterm", "dap"),
                ("deadline", "2026-12-20"),
                ("country", "UZ"),
                ("country", "KZ"),
                ("verified_only", "on"),
            ]),
            today(),
        )
        .expect("valid");
        assert_eq!(input.hs_code.as_str(), "1101");
        assert_eq!(input.quantity, 1000.0);
        assert_eq!(input.incoterm, "DAP");
        assert_eq!(input.countries, vec![CountryCode::KZ, CountryCode::UZ]);
        assert!(input.verified_only);
    }

    #[test]
    fn every_bad_field_of_a_request_is_reported_at_once() {
        let errors = parse(
            &FormValues::of(&[
                ("email", "nope"),
                ("hs_code", "10"),
                ("incoterm", "XXX"),
                ("deadline", "2026-12-04"),
                ("country", "RU"),
            ]),
            today(),
        )
        .expect_err("invalid");
        for field in [
            "name",
            "email",
            "hs_code",
            "quantity",
            "unit",
            "destination",
            "incoterm",
            "deadline",
            "country",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        // Today is too soon: producers need at least a day to answer.
        assert_eq!(errors.get("deadline").map(|p| p.key.as_str()), Some("err_date_ahead"));
    }

    #[test]
    fn keys_that_are_not_64_hex_digits_are_not_found() {
        assert!(key_hash("abc").is_err());
        assert!(key_hash(&"g".repeat(64)).is_err());
        assert!(key_hash(&"a".repeat(64)).is_ok());
    }
}
