//! Keeping the contact form from becoming a spam relay after the fact: a producer reports an
//! inquiry, an administrator blocks its sender's address (later inquiries from it are refused)
//! or puts it back among the producer's archived ones.

use crate::{
    administration::services::audit,
    contact::{models::inquiry::ReportedInquiry, services::inquiries::own_inquiry},
    foundations::{
        domain::{Email, InquiryStatus},
        entities::{blocked_sender, inquiry, producer},
        error::AppError,
        services::begin_write,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, Func},
};

/// Reported inquiries an administrator's page lists at most.
const REPORTED_ROWS: u64 = 200;

pub async fn is_blocked(db: &impl ConnectionTrait, email: &Email) -> Result<bool, DbErr> {
    Ok(blocked_sender::Entity::find_by_id(email.as_str().to_lowercase()).one(db).await?.is_some())
}

/// Moves `row` to `status` and records who did it as `action`, then commits `txn`.
async fn settle(
    txn: sea_orm::DatabaseTransaction,
    row: inquiry::Model,
    status: InquiryStatus,
    actor: i64,
    action: &'static str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = row.id;
    let mut active: inquiry::ActiveModel = row.into();
    active.status = Set(status);
    active.update(&txn).await?;
    audit::record(&txn, audit::Event::new(Some(actor), action, "inquiry", id, now)).await?;
    txn.commit().await?;
    Ok(())
}

/// The producer reports one of its delivered inquiries: it leaves the inbox for the
/// administrators' list.
pub async fn report(
    db: &DatabaseConnection,
    user_id: i64,
    inquiry_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let (_, row) = own_inquiry(&txn, user_id, inquiry_id).await?;
    settle(txn, row, InquiryStatus::Reported, user_id, "inquiry.reported", now).await
}

/// What producers reported, oldest first (the order they are handled in).
pub async fn reported(db: &DatabaseConnection) -> Result<Vec<ReportedInquiry>, DbErr> {
    let rows = inquiry::Entity::find()
        .filter(inquiry::Column::Status.eq(InquiryStatus::Reported))
        .order_by_asc(inquiry::Column::Id)
        .limit(REPORTED_ROWS)
        .all(db)
        .await?;
    let producer_ids: Vec<i64> = rows.iter().map(|r| r.producer_id).collect();
    let names: Vec<(i64, String)> = producer::Entity::find()
        .filter(producer::Column::Id.is_in(producer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.legal_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ReportedInquiry {
            id: r.id,
            producer_id: r.producer_id,
            producer: names
                .iter()
                .find(|(id, _)| *id == r.producer_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            buyer_name: r.buyer_name,
            buyer_email: r.buyer_email,
            message: r.message,
            received_at: crate::foundations::domain::Minute::from(r.created_at),
        })
        .collect())
}

/// A reported inquiry, or 404.
async fn reported_one(
    db: &impl ConnectionTrait,
    inquiry_id: i64,
) -> Result<inquiry::Model, AppError> {
    inquiry::Entity::find_by_id(inquiry_id)
        .filter(inquiry::Column::Status.eq(InquiryStatus::Reported))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Blocks the sender of a reported inquiry: the address can write to no producer any more, and
/// its inquiries not yet confirmed are never delivered.
pub async fn block_sender(
    db: &DatabaseConnection,
    admin_id: i64,
    inquiry_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let row = reported_one(&txn, inquiry_id).await?;
    let email = row.buyer_email.to_lowercase();
    if blocked_sender::Entity::find_by_id(email.clone()).one(&txn).await?.is_none() {
        blocked_sender::ActiveModel {
            email: Set(email.clone()),
            reason: Set(format!("inquiry {inquiry_id} reported by its producer")),
            blocked_by: Set(Some(admin_id)),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    // Its other inquiries waiting for the address check never reach anyone.
    inquiry::Entity::update_many()
        .col_expr(inquiry::Column::Status, Expr::value(InquiryStatus::Archived.as_str()))
        .col_expr(inquiry::Column::TokenHash, Expr::value(Option::<String>::None))
        .filter(ExprTrait::eq(
            Expr::expr(Func::lower(Expr::col(inquiry::Column::BuyerEmail))),
            email,
        ))
        .filter(inquiry::Column::Status.eq(InquiryStatus::Unconfirmed))
        .exec(&txn)
        .await?;
    settle(txn, row, InquiryStatus::Archived, admin_id, "inquiry.sender_blocked", now).await
}

/// Not abuse after all: back among the producer's archived inquiries.
pub async fn dismiss(
    db: &DatabaseConnection,
    admin_id: i64,
    inquiry_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let row = reported_one(&txn, inquiry_id).await?;
    settle(txn, row, InquiryStatus::Archived, admin_id, "inquiry.report_dismissed", now).await
}
