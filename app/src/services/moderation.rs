//! Moderation decisions: approve or reject a submitted producer or listing, approve or reject a
//! pending revision. Each decision is one conditional UPDATE (`… WHERE status = 'submitted'`), so
//! when two administrators decide the same item at once exactly one wins.

use crate::{
    entities::{listing, producer, revision},
    error::AppError,
    services::{audit, company, listings},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Producer(i64),
    Listing(i64),
}

pub async fn approve(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, target, true, None, now).await
}

pub async fn reject(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::BadRequest("a reason is required".into()));
    }
    decide(db, admin, target, false, Some(reason), now).await
}

async fn decide(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    approve: bool,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let status = if approve { "published" } else { "rejected" };
    let txn = db.begin().await?;
    let (affected, kind, id) = match target {
        Target::Producer(id) => {
            let r = producer::Entity::update_many()
                .col_expr(producer::Column::Status, Expr::value(status))
                .col_expr(producer::Column::StatusReason, Expr::value(reason.map(str::to_owned)))
                .col_expr(producer::Column::UpdatedAt, Expr::value(now))
                .col_expr(producer::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(producer::Column::Id.eq(id))
                .filter(producer::Column::Status.eq("submitted"))
                .exec(&txn)
                .await?;
            if r.rows_affected == 1 {
                listings::reindex_producer(&txn, id).await?;
            }
            (r.rows_affected, "producer", id)
        }
        Target::Listing(id) => {
            let producer_published = listing::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .map(|l| l.producer_id)
                .map(|pid| producer::Entity::find_by_id(pid).one(&txn));
            let visible = match producer_published {
                Some(f) => f.await?.is_some_and(|p| p.status == "published") && approve,
                None => false,
            };
            let r = listing::Entity::update_many()
                .col_expr(listing::Column::Status, Expr::value(status))
                .col_expr(listing::Column::StatusReason, Expr::value(reason.map(str::to_owned)))
                .col_expr(listing::Column::Visible, Expr::value(visible))
                .col_expr(listing::Column::UpdatedAt, Expr::value(now))
                .col_expr(listing::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(listing::Column::Id.eq(id))
                .filter(listing::Column::Status.eq("submitted"))
                .exec(&txn)
                .await?;
            (r.rows_affected, "listing", id)
        }
    };
    if affected != 1 {
        return Err(AppError::Conflict("this item is no longer waiting for a decision".into()));
    }
    let action = if approve { "moderation.approve" } else { "moderation.reject" };
    audit::record(
        &txn,
        audit::Event::new(Some(admin), action, kind, id)
            .after(serde_json::json!({ "status": status, "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    crate::services::search::catalogue_changed();
    Ok(())
}

/// Approves a pending revision: the published entry is replaced in the same transaction.
pub async fn approve_revision(
    db: &DatabaseConnection,
    admin: i64,
    revision_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let won = revision::Entity::update_many()
        .col_expr(revision::Column::Status, Expr::value("approved"))
        .col_expr(revision::Column::DecidedBy, Expr::value(admin))
        .col_expr(revision::Column::DecidedAt, Expr::value(now))
        .filter(revision::Column::Id.eq(revision_id))
        .filter(revision::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if won.rows_affected != 1 {
        return Err(AppError::Conflict("this revision is no longer pending".into()));
    }
    let rev =
        revision::Entity::find_by_id(revision_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let bad = |_| AppError::Internal;
    match rev.target_kind.as_str() {
        "producer" => {
            let input: company::CompanyInput =
                serde_json::from_value(rev.proposed.clone()).map_err(bad)?;
            let p = producer::Entity::find_by_id(rev.target_id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            company::apply_company(&txn, &p, &input, now).await?;
        }
        "listing" => {
            let input: listings::ListingInput =
                serde_json::from_value(rev.proposed.clone()).map_err(bad)?;
            let l = listing::Entity::find_by_id(rev.target_id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            listings::apply(&txn, &l, &input, now).await?;
        }
        _ => return Err(AppError::Internal),
    }
    audit::record(
        &txn,
        audit::Event::new(Some(admin), "moderation.approve_revision", "revision", revision_id),
    )
    .await?;
    txn.commit().await?;
    crate::services::search::catalogue_changed();
    Ok(())
}
