//! Moderation decisions on submitted producers and listings and on pending revisions.
//!
//! Each decision is one conditional UPDATE (`… WHERE status = 'submitted'`), so when two
//! administrators decide the same item at once exactly one wins; the other is told who decided
//! and when.

use crate::foundations::domain::{AccountStatus, Decision, EntryStatus, Target};
use crate::{
    administration::services::{admin::last_decision, audit},
    catalogue::services::search::catalogue_changed,
    foundations::{
        entities::{listing, producer, revision, user_account},
        error::AppError,
    },
    workspace::services::{company, listings},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryTrait,
    sea_query::Expr,
};

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

pub async fn approve(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, target, Decision::Approve, None, now).await
}

pub async fn reject(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, target, Decision::Reject(reason.to_owned()), None, now).await
}

pub async fn approve_revision(
    db: &DatabaseConnection,
    admin: i64,
    revision_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    decide(db, admin, Target::Revision(revision_id), Decision::Approve, None, now).await
}

async fn ensure_admin(db: &impl ConnectionTrait, admin: i64) -> Result<(), AppError> {
    match user_account::Entity::find_by_id(admin).one(db).await? {
        Some(u) if u.role == "admin" && u.status == AccountStatus::Active => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The text of the refusal of a decision taken on a version that is no longer current.
pub const CHANGED_SINCE_OPENED: &str =
    "changed since you opened it: the page now shows the current version, decide again";

/// Decides `target`. `seen` is the version of the entry the administrator was shown (forms carry
/// it); when the entry (or the revision proposed for it) changed since, nothing is decided and
/// the answer is a conflict saying so. `None` decides whatever is current (command line, seed).
pub async fn decide(
    db: &DatabaseConnection,
    admin: i64,
    target: Target,
    decision: Decision,
    seen: Option<i64>,
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
        Decision::Approve => EntryStatus::Published,
        Decision::Reject(_) => EntryStatus::Rejected,
        Decision::RequestChanges(_) => EntryStatus::Draft,
    };
    let txn = crate::foundations::services::begin_write(db).await?;
    let won = match target {
        Target::Producer(id) => {
            let r = producer::Entity::update_many()
                .col_expr(producer::Column::Status, Expr::value(status))
                .col_expr(producer::Column::StatusReason, Expr::value(reason.clone()))
                .col_expr(producer::Column::UpdatedAt, Expr::value(now))
                .col_expr(producer::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(producer::Column::Id.eq(id))
                .filter(producer::Column::Status.eq(EntryStatus::Submitted))
                .apply_if(seen, |q, v| q.filter(producer::Column::Version.eq(v)))
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
                    .is_some_and(|p| p.status == EntryStatus::Published),
                None => false,
            };
            let r = listing::Entity::update_many()
                .col_expr(listing::Column::Status, Expr::value(status))
                .col_expr(listing::Column::StatusReason, Expr::value(reason.clone()))
                .col_expr(listing::Column::Visible, Expr::value(approve && producer_published))
                .col_expr(listing::Column::UpdatedAt, Expr::value(now))
                .col_expr(listing::Column::PublishedAt, Expr::value(approve.then_some(now)))
                .filter(listing::Column::Id.eq(id))
                .filter(listing::Column::Status.eq(EntryStatus::Submitted))
                .apply_if(seen, |q, v| q.filter(listing::Column::Version.eq(v)))
                .exec(&txn)
                .await?;
            r.rows_affected == 1
        }
        Target::Revision(id) => 'revision: {
            if !revised_entry_is_at(&txn, id, seen).await? {
                break 'revision false;
            }
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
        if seen.is_some() && still_waiting(db, target).await? {
            return Err(AppError::Conflict(CHANGED_SINCE_OPENED.to_owned()));
        }
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
    crate::foundations::services::mail::notify::decision(&txn, target, &decision, now).await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the entry a revision revises is still at version `seen` (always, without one). The
/// check is a no-op UPDATE so that, on PostgreSQL, it holds the entry's row until the decision
/// commits: an edit arriving meanwhile waits, then makes a new version.
async fn revised_entry_is_at(
    txn: &impl ConnectionTrait,
    revision_id: i64,
    seen: Option<i64>,
) -> Result<bool, AppError> {
    let Some(seen) = seen else { return Ok(true) };
    let Some(rev) = revision::Entity::find_by_id(revision_id).one(txn).await? else {
        return Ok(false);
    };
    let rows = match rev.target_kind.as_str() {
        "producer" => {
            producer::Entity::update_many()
                .col_expr(producer::Column::Version, Expr::col(producer::Column::Version))
                .filter(producer::Column::Id.eq(rev.target_id))
                .filter(producer::Column::Version.eq(seen))
                .exec(txn)
                .await?
                .rows_affected
        }
        _ => {
            listing::Entity::update_many()
                .col_expr(listing::Column::Version, Expr::col(listing::Column::Version))
                .filter(listing::Column::Id.eq(rev.target_id))
                .filter(listing::Column::Version.eq(seen))
                .exec(txn)
                .await?
                .rows_affected
        }
    };
    Ok(rows == 1)
}

/// Whether a target is still waiting for a decision (so a lost conditional update means that
/// its version moved on, not that someone decided it).
async fn still_waiting(db: &DatabaseConnection, target: Target) -> Result<bool, AppError> {
    Ok(match target {
        Target::Producer(id) => producer::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|p| p.status == EntryStatus::Submitted),
        Target::Listing(id) => listing::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|l| l.status == EntryStatus::Submitted),
        Target::Revision(id) => {
            revision::Entity::find_by_id(id).one(db).await?.is_some_and(|r| r.status == "pending")
        }
    })
}

/// The version an administrator is shown of a target: the entry's own, or for a revision the
/// version of the entry it revises (each new proposal bumps it).
pub async fn current_version(
    db: &impl ConnectionTrait,
    target: Target,
) -> Result<Option<i64>, DbErr> {
    let (kind, id) = match target {
        Target::Producer(id) => ("producer", id),
        Target::Listing(id) => ("listing", id),
        Target::Revision(id) => match revision::Entity::find_by_id(id).one(db).await? {
            Some(r) if r.target_kind == "producer" => ("producer", r.target_id),
            Some(r) => ("listing", r.target_id),
            None => return Ok(None),
        },
    };
    Ok(if kind == "producer" {
        producer::Entity::find_by_id(id).one(db).await?.map(|p| p.version)
    } else {
        listing::Entity::find_by_id(id).one(db).await?.map(|l| l.version)
    })
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
