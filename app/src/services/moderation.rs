//! Moderation decisions on submitted producers and listings and on pending revisions.
//!
//! Each decision is one conditional UPDATE (`… WHERE status = 'submitted'`), so when two
//! administrators decide the same item at once exactly one wins; the other is told who decided
//! and when.

use crate::{
    entities::{listing, producer, revision, user_account},
    error::AppError,
    services::{admin::last_decision, audit, company, listings, search::catalogue_changed},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Producer(i64),
    Listing(i64),
    Revision(i64),
}

impl Target {
    pub fn parse(kind: &str, id: i64) -> Option<Target> {
        match kind {
            "producer" => Some(Target::Producer(id)),
            "listing" => Some(Target::Listing(id)),
            "revision" => Some(Target::Revision(id)),
            _ => None,
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Target::Producer(_) => "producer",
            Target::Listing(_) => "listing",
            Target::Revision(_) => "revision",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Target::Producer(id) | Target::Listing(id) | Target::Revision(id) => id,
        }
    }
}

/// The reason of a decision from the moderator's form: the common reason chosen and the text
/// typed are both kept ("chosen — typed"); either alone stands as it is.
pub fn join_reason(preset: &str, typed: &str) -> String {
    match (preset.trim(), typed.trim()) {
        ("", typed) => typed.to_owned(),
        (preset, "") => preset.to_owned(),
        (preset, typed) if typed.starts_with(preset) => typed.to_owned(),
        (preset, typed) => format!("{preset} — {typed}"),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject(String),
    /// Back to the producer as a draft, with what to change.
    RequestChanges(String),
}

impl Decision {
    fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "moderation.approve",
            Decision::Reject(_) => "moderation.reject",
            Decision::RequestChanges(_) => "moderation.request_changes",
        }
    }

    fn reason(&self) -> Option<&str> {
        match self {
            Decision::Approve => None,
            Decision::Reject(r) | Decision::RequestChanges(r) => Some(r.as_str()),
        }
    }
}

pub async fn approve(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, target, Decision::Approve, now).await
}

pub async fn reject(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, target, Decision::Reject(reason.to_owned()), now).await
}

pub async fn approve_revision(
    db: &DatabaseConnection,
    admin: i64,
    revision_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, Target::Revision(revision_id), Decision::Approve, now).await
}

async fn ensure_admin(db: &impl ConnectionTrait, admin: i64) -> Result<(), AppError> {
    match user_account::Entity::find_by_id(admin).one(db).await? {
        Some(u) if u.role == "admin" && u.status == "active" => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn decide(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    ensure_admin(db, admin).await?;
    if let Some(r) = decision.reason()
        && r.trim().is_empty()
    {
        return Err(AppError::BadRequest("a reason is required".into()));
    }
    if let Some(r) = decision.reason()
        && r.chars().count() > 2000
    {
        return Err(AppError::BadRequest("the reason is longer than 2000 characters".into()));
    }
    let reason = decision.reason().map(|r| r.trim().to_owned());
    let approve = decision == Decision::Approve;
    let status = match decision {
        Decision::Approve => "published",
        Decision::Reject(_) => "rejected",
        Decision::RequestChanges(_) => "draft",
    };
    let txn = crate::services::begin_write(db).await?;
    let won = match target {
        Target::Producer(id) => {
            let r = producer::Entity::update_many()
                .col_expr(producer::Column::Status, Expr::value(status))
                .col_expr(producer::Column::StatusReason, Expr::value(reason.clone()))
                .col_expr(producer::Column::UpdatedAt, Expr::value(now))
                .col_expr(producer::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(producer::Column::Id.eq(id))
                .filter(producer::Column::Status.eq("submitted"))
                .exec(&txn)
                .await?;
            if r.rows_affected == 1 {
                listings::reindex_producer(&txn, id).await?;
            }
            r.rows_affected == 1
        }
        Target::Listing(id) => {
            let producer_published = match listing::Entity::find_by_id(id).one(&txn).await? {
                Some(l) => producer::Entity::find_by_id(l.producer_id)
                    .one(&txn)
                    .await?
                    .is_some_and(|p| p.status == "published"),
                None => false,
            };
            let r = listing::Entity::update_many()
                .col_expr(listing::Column::Status, Expr::value(status))
                .col_expr(listing::Column::StatusReason, Expr::value(reason.clone()))
                .col_expr(listing::Column::Visible, Expr::value(approve && producer_published))
                .col_expr(listing::Column::UpdatedAt, Expr::value(now))
                .col_expr(listing::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(listing::Column::Id.eq(id))
                .filter(listing::Column::Status.eq("submitted"))
                .exec(&txn)
                .await?;
            r.rows_affected == 1
        }
        Target::Revision(id) => {
            let rev_status = match decision {
                Decision::Approve => "approved",
                Decision::Reject(_) => "rejected",
                Decision::RequestChanges(_) => "changes_requested",
            };
            let r = revision::Entity::update_many()
                .col_expr(revision::Column::Status, Expr::value(rev_status))
                .col_expr(revision::Column::Reason, Expr::value(reason.clone()))
                .col_expr(revision::Column::DecidedBy, Expr::value(admin))
                .col_expr(revision::Column::DecidedAt, Expr::value(now))
                .filter(revision::Column::Id.eq(id))
                .filter(revision::Column::Status.eq("pending"))
                .exec(&txn)
                .await?;
            if r.rows_affected == 1 && approve {
                apply_revision(&txn, id, now).await?;
            }
            r.rows_affected == 1
        }
    };
    if !won {
        txn.rollback().await?;
        let message = match last_decision(db, target.kind(), target.id()).await? {
            Some((who, at)) => {
                format!("already decided by {who} at {}", at.format("%Y-%m-%d %H:%M UTC"))
            }
            None => "this item is not waiting for a decision".to_owned(),
        };
        return Err(AppError::Conflict(message));
    }
    audit::record(
        &txn,
        audit::Event::new(Some(admin), decision.action(), target.kind(), target.id(), now)
            .after(serde_json::json!({ "status": status, "reason": reason })),
    )
    .await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes an approved revision over the published entry, in the deciding transaction.
async fn apply_revision(
    txn: &impl ConnectionTrait,
    revision_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let rev =
        revision::Entity::find_by_id(revision_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let bad = |e: serde_json::Error| {
        tracing::error!(error = %e, revision_id, "stored revision does not parse");
        AppError::Internal
    };
    match rev.target_kind.as_str() {
        "producer" => {
            let input: company::CompanyInput =
                serde_json::from_value(rev.proposed.clone()).map_err(bad)?;
            let p = producer::Entity::find_by_id(rev.target_id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            company::apply_company(txn, &p, &input, now).await?;
        }
        "listing" => {
            let input: listings::ListingInput =
                serde_json::from_value(rev.proposed.clone()).map_err(bad)?;
            let l = listing::Entity::find_by_id(rev.target_id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            listings::apply(txn, &l, &input, now).await?;
        }
        _ => return Err(AppError::Internal),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_chosen_and_a_typed_reason_are_both_kept() {
        use super::join_reason;
        assert_eq!(join_reason("Incomplete", "add the address"), "Incomplete — add the address");
        assert_eq!(join_reason("", " typed "), "typed");
        assert_eq!(join_reason("Incomplete", ""), "Incomplete");
        assert_eq!(join_reason("Incomplete", "Incomplete: address"), "Incomplete: address");
    }
}
