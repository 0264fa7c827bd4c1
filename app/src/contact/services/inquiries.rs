//! Buyers write to producers. An inquiry is written from the producer's page without an
//! account; it waits until the buyer follows the link mailed to the address they typed (so the
//! registry never mails a producer on behalf of an address nobody checked), then goes to the
//! producer by mail and into the producer's inbox, where the producer answers or archives it.
//!
//! The producer's own address is never shown to the buyer by any of this: the buyer learns it
//! only from the producer's reply, when the producer chooses to answer.

use crate::{
    administration::services::audit,
    catalogue::services::detail::public_producer,
    contact::models::inquiry::{ContactTarget, Inbox, InquiryRow},
    foundations::{
        domain::{
            Email, InquiryStatus, bounded, bounded_line, inquiry::reply_field, units::unit_label,
        },
        entities::{inquiry, listing, producer, user_account},
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
        i18n::Locale,
        services::{
            begin_write,
            mail::{
                enqueue,
                templates::{InquiryDetail, Mail, render},
            },
        },
    },
    workspace::services::{
        accounts::{link_token_hash, new_token, session_id},
        company::own_company,
        listings::parse_amount,
    },
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// How long the buyer's confirmation link works.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);
/// Inbox pages list this many inquiries of one state.
const INBOX_ROWS: u64 = 200;

/// A buyer's inquiry, parsed once from the contact form.
#[derive(Clone, Debug, PartialEq)]
pub struct InquiryInput {
    pub listing_id: Option<i64>,
    pub name: String,
    pub email: Email,
    pub company: Option<String>,
    pub country: Option<String>,
    pub product: Option<String>,
    pub quantity: Option<(f64, String)>,
    pub destination: Option<String>,
    pub message: String,
}

fn optional_line(v: &FormValues, e: &mut FieldErrors, field: &str, max: usize) -> Option<String> {
    e.check(field, bounded_line(v.get(field), 0, max)).filter(|s| !s.is_empty())
}

/// Checks the contact form; every field's problem is reported at once.
pub fn parse(v: &FormValues) -> Result<InquiryInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = e.check("name", bounded_line(v.get("name"), 1, 200));
    let email = e.check("email", Email::parse(v.get("email")));
    let company = optional_line(v, &mut e, "company", 300);
    let country = optional_line(v, &mut e, "country", 100);
    let product = optional_line(v, &mut e, "product", 300);
    let (amount, unit) = parse_amount(v, &mut e, "quantity", "unit");
    let destination = optional_line(v, &mut e, "destination", 100);
    let message = e.check("message", bounded(v.get("message"), 10, 5000));
    // A listing id that does not parse is dropped: the inquiry is still about the company.
    let listing_id = v.get("listing").trim().parse::<i64>().ok().filter(|id| *id > 0);
    match (name, email, message) {
        (Some(name), Some(email), Some(message)) if e.is_empty() => Ok(InquiryInput {
            listing_id,
            name,
            email,
            company,
            country,
            product,
            quantity: amount.zip(unit),
            destination,
            message,
        }),
        _ => Err(e),
    }
}

/// Where a producer's inquiries are delivered: its owner's account, else (an imported company)
/// the company's own address; and the language to write in.
pub(crate) async fn delivery_address(
    db: &impl ConnectionTrait,
    p: &producer::Model,
) -> Result<Option<(String, Locale)>, DbErr> {
    if let Some(owner) = p.owner_user_id
        && let Some(user) = user_account::Entity::find_by_id(owner).one(db).await?
    {
        let locale = user.locale.as_deref().and_then(Locale::from_code).unwrap_or_default();
        return Ok(Some((user.email, locale)));
    }
    Ok(p.email.clone().filter(|e| !e.trim().is_empty()).map(|e| (e, Locale::default())))
}

/// Whether buyers can write to `p` through the registry: it has an owner (the foreign key
/// keeps the account there) or an address of its own. No query: producer pages ask on every view.
pub fn reachable(p: &producer::Model) -> bool {
    p.owner_user_id.is_some() || p.email.as_deref().is_some_and(|e| !e.trim().is_empty())
}

/// A public listing of `producer_id`, by id.
async fn public_listing(
    db: &impl ConnectionTrait,
    producer_id: i64,
    listing_id: Option<i64>,
) -> Result<Option<listing::Model>, DbErr> {
    let Some(id) = listing_id else { return Ok(None) };
    listing::Entity::find_by_id(id)
        .filter(listing::Column::ProducerId.eq(producer_id))
        .filter(listing::Column::Visible.eq(true))
        .one(db)
        .await
}

/// The page's heading and whether the form can be offered; None for a company that is not public.
pub async fn contact_target(
    db: &DatabaseConnection,
    producer_id: i64,
    listing_id: Option<i64>,
) -> Result<Option<ContactTarget>, DbErr> {
    let Some(p) = public_producer(db, producer_id).await? else { return Ok(None) };
    let listing = public_listing(db, p.id, listing_id).await?.map(|l| (l.id, l.product_name));
    let reachable = reachable(&p);
    Ok(Some(ContactTarget { producer_id: p.id, producer_name: p.legal_name, listing, reachable }))
}

/// Records the inquiry and mails the buyer the link that delivers it. An address that
/// administrators blocked is refused beside the email field.
pub async fn start(
    db: &DatabaseConnection,
    producer_id: i64,
    input: InquiryInput,
    language: Locale,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    if super::inquiry_reports::is_blocked(db, &input.email).await? {
        return Err(FormError::field("email", Problem::new("err_sender_blocked")));
    }
    let txn = begin_write(db).await?;
    let p = public_producer(&txn, producer_id).await?.ok_or(AppError::NotFound)?;
    if delivery_address(&txn, &p).await?.is_none() {
        return Err(AppError::Conflict(
            "this company has no contact address in the registry yet".into(),
        )
        .into());
    }
    let listing = public_listing(&txn, p.id, input.listing_id).await?;
    let token = new_token();
    let (quantity, unit) = input.quantity.map_or((None, None), |(q, u)| (Some(q), Some(u)));
    inquiry::ActiveModel {
        producer_id: Set(p.id),
        listing_id: Set(listing.as_ref().map(|l| l.id)),
        buyer_name: Set(input.name),
        buyer_email: Set(input.email.as_str().to_owned()),
        buyer_company: Set(input.company),
        buyer_country: Set(input.country),
        product: Set(input.product.or(listing.map(|l| l.product_name))),
        quantity: Set(quantity),
        unit: Set(unit),
        destination: Set(input.destination),
        message: Set(input.message),
        language: Set(language.code().to_owned()),
        status: Set(InquiryStatus::Unconfirmed),
        token_hash: Set(Some(session_id(&token))),
        token_expires_at: Set(Some(now + CONFIRM_LIFETIME)),
        confirmed_at: Set(None),
        reply: Set(None),
        replied_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mail = Mail::InquiryConfirm { token, producer: p.legal_name };
    enqueue(&txn, render(&mail, input.email.as_str(), language), now).await?;
    txn.commit().await?;
    Ok(())
}

pub(crate) fn bad_link() -> AppError {
    AppError::BadRequest(
        "this confirmation link is not valid: it has expired or was already used".into(),
    )
}

/// The row a mailed confirmation link names (`hash`, the token's hash in column `hash_column`),
/// while it still waits for it (`status_column` = `waiting`) and the link has not expired; else
/// the link is not valid. Inquiries and claims are confirmed this way.
pub(crate) async fn confirmed_by_link<E: EntityTrait>(
    db: &impl ConnectionTrait,
    (hash_column, hash): (E::Column, String),
    (status_column, waiting): (E::Column, impl Into<sea_orm::Value>),
    expires_at: impl Fn(&E::Model) -> Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<E::Model, AppError> {
    E::find()
        .filter(hash_column.eq(hash))
        .filter(status_column.eq(waiting))
        .one(db)
        .await?
        .filter(|row| expires_at(row).is_some_and(|t| t > now))
        .ok_or_else(bad_link)
}

/// "500 t" from the stored amount and unit code.
pub(crate) fn quantity_text(quantity: Option<f64>, unit: Option<&str>) -> Option<String> {
    let unit = unit.map_or("", unit_label);
    quantity.map(|q| format!("{q} {unit}").trim_end().to_owned())
}

/// Follows the buyer's link: the inquiry is delivered to the producer (mail and inbox).
/// Returns the producer's id, for the page that says so.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let hash = link_token_hash(token).ok_or_else(bad_link)?;
    let txn = begin_write(db).await?;
    let row = confirmed_by_link::<inquiry::Entity>(
        &txn,
        (inquiry::Column::TokenHash, hash),
        (inquiry::Column::Status, InquiryStatus::Unconfirmed),
        |r| r.token_expires_at,
        now,
    )
    .await?;
    let p = producer::Entity::find_by_id(row.producer_id).one(&txn).await?.ok_or_else(bad_link)?;
    let Some((to, locale)) = delivery_address(&txn, &p).await? else {
        return Err(AppError::Conflict(
            "this company has no contact address in the registry any more".into(),
        ));
    };
    let mut active: inquiry::ActiveModel = row.clone().into();
    active.status = Set(InquiryStatus::New);
    active.token_hash = Set(None);
    active.token_expires_at = Set(None);
    active.confirmed_at = Set(Some(now));
    active.update(&txn).await?;
    let from = [Some(row.buyer_name.clone()), row.buyer_company.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let from = match &row.buyer_country {
        Some(c) => format!("{from} ({c})"),
        None => from,
    };
    let details = [
        (InquiryDetail::Product, row.product.clone()),
        (InquiryDetail::Quantity, quantity_text(row.quantity, row.unit.as_deref())),
        (InquiryDetail::Destination, row.destination.clone()),
    ]
    .into_iter()
    .filter_map(|(d, v)| v.map(|v| (d, v)))
    .collect();
    let mail = Mail::InquiryReceived {
        producer: p.legal_name.clone(),
        from,
        details,
        message: row.message.clone(),
    };
    let mut message = render(&mail, &to, locale);
    message.reply_to = Some(row.buyer_email.clone());
    enqueue(&txn, message, now).await?;
    audit::record(&txn, audit::Event::new(None, "inquiry.delivered", "inquiry", row.id, now))
        .await?;
    txn.commit().await?;
    Ok(p.id)
}

/// The account's inbox, showing one state (new ones by default).
pub async fn inbox(
    db: &DatabaseConnection,
    user_id: i64,
    showing: InquiryStatus,
) -> Result<Inbox, DbErr> {
    let Some(p) = own_company(db, user_id).await? else {
        return Ok(Inbox { producer_name: None, showing, counts: Vec::new(), rows: Vec::new() });
    };
    let mut counts = Vec::new();
    for status in InquiryStatus::DELIVERED {
        let n = inquiry::Entity::find()
            .filter(inquiry::Column::ProducerId.eq(p.id))
            .filter(inquiry::Column::Status.eq(status))
            .count(db)
            .await?;
        counts.push((status, n));
    }
    let rows = inquiry::Entity::find()
        .filter(inquiry::Column::ProducerId.eq(p.id))
        .filter(inquiry::Column::Status.eq(showing))
        .order_by_desc(inquiry::Column::Id)
        .limit(INBOX_ROWS)
        .all(db)
        .await?;
    let listing_ids: Vec<i64> = rows.iter().filter_map(|r| r.listing_id).collect();
    let listings: Vec<(i64, String)> = listing::Entity::find()
        .filter(listing::Column::Id.is_in(listing_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.product_name))
        .collect();
    let rows = rows
        .into_iter()
        .map(|r| InquiryRow {
            id: r.id,
            status: r.status,
            listing: r.listing_id.and_then(|id| listings.iter().find(|(l, _)| *l == id).cloned()),
            quantity: quantity_text(r.quantity, r.unit.as_deref()),
            buyer_name: r.buyer_name,
            buyer_email: r.buyer_email,
            buyer_company: r.buyer_company,
            buyer_country: r.buyer_country,
            product: r.product,
            destination: r.destination,
            message: r.message,
            reply: r.reply,
            received_at: crate::foundations::domain::Minute::from(
                r.confirmed_at.unwrap_or(r.created_at),
            ),
            replied_at: r.replied_at.map(crate::foundations::domain::Minute::from),
        })
        .collect();
    Ok(Inbox { producer_name: Some(p.legal_name), showing, counts, rows })
}

/// How many delivered inquiries the account has not answered or archived yet.
pub async fn unanswered(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    let Some(p) = own_company(db, user_id).await? else { return Ok(0) };
    inquiry::Entity::find()
        .filter(inquiry::Column::ProducerId.eq(p.id))
        .filter(inquiry::Column::Status.eq(InquiryStatus::New))
        .count(db)
        .await
}

/// One delivered inquiry of the account's company, or 404 (another company's is not found).
pub(crate) async fn own_inquiry(
    db: &impl ConnectionTrait,
    user_id: i64,
    inquiry_id: i64,
) -> Result<(producer::Model, inquiry::Model), AppError> {
    let p = own_company(db, user_id).await?.ok_or(AppError::NotFound)?;
    let row = inquiry::Entity::find_by_id(inquiry_id)
        .filter(inquiry::Column::ProducerId.eq(p.id))
        .filter(inquiry::Column::Status.is_in(InquiryStatus::DELIVERED))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((p, row))
}

/// The producer answers from the inbox: the buyer gets the reply by mail, and "Reply" in the
/// buyer's mail program goes to the producer's account address.
pub async fn reply(
    db: &DatabaseConnection,
    user_id: i64,
    inquiry_id: i64,
    v: &FormValues,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    // Each inquiry's form has its own field name: an inbox page holds many reply forms.
    let field = reply_field(inquiry_id);
    let mut errors = FieldErrors::default();
    let text = errors.check(&field, bounded(v.get(&field), 1, 5000));
    let txn = begin_write(db).await?;
    let (p, row) = own_inquiry(&txn, user_id, inquiry_id).await?;
    let Some(text) = text else { return Err(FormError::Invalid(errors)) };
    if !row.status.can_reply() {
        return Err(FormError::field(&field, Problem::new("err_invalid")));
    }
    let owner =
        user_account::Entity::find_by_id(user_id).one(&txn).await?.ok_or(AppError::Unauthorized)?;
    let mut active: inquiry::ActiveModel = row.clone().into();
    active.status = Set(InquiryStatus::Answered);
    active.reply = Set(Some(text.clone()));
    active.replied_at = Set(Some(now));
    active.update(&txn).await?;
    let locale = Locale::from_code(&row.language).unwrap_or_default();
    let mail = Mail::InquiryReply {
        producer: p.legal_name,
        producer_id: p.id,
        reply: text,
        message: row.message,
    };
    let mut message = render(&mail, &row.buyer_email, locale);
    message.reply_to = Some(owner.email);
    enqueue(&txn, message, now).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(user_id), "inquiry.answered", "inquiry", row.id, now),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Puts a delivered inquiry aside.
pub async fn archive(
    db: &DatabaseConnection,
    user_id: i64,
    inquiry_id: i64,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let (_, row) = own_inquiry(&txn, user_id, inquiry_id).await?;
    let mut active: inquiry::ActiveModel = row.into();
    active.status = Set(InquiryStatus::Archived);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_inquiry_parses_into_typed_values() {
        let input = parse(&FormValues::of(&[
            ("name", " Aigerim  Bekova "),
            ("email", "buyer@example.com"),
            ("message", "We need 500 t of wheat flour monthly."),
            ("quantity", "1 500,5"),
            ("unit", "t"),
            ("listing", "17"),
        ]))
        .expect("valid");
        assert_eq!(input.name, "Aigerim Bekova");
        assert_eq!(input.quantity, Some((1500.5, "t".to_owned())));
        assert_eq!(input.listing_id, Some(17));
        assert_eq!(input.company, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = parse(&FormValues::of(&[
            ("name", ""),
            ("email", "not-an-address"),
            ("message", "hi"),
            ("quantity", "lots"),
        ]))
        .expect_err("invalid");
        for field in ["name", "email", "message", "quantity"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
    }

    #[test]
    fn quantities_read_with_their_unit() {
        assert_eq!(quantity_text(Some(500.0), Some("t")).as_deref(), Some("500 t"));
        assert_eq!(quantity_text(Some(2.5), Some("m3")).as_deref(), Some("2.5 m³"));
        assert_eq!(quantity_text(None, Some("t")), None);
    }
}
