//! Administration: the moderation queue, verification, merging, suspension, roles. Every
//! function takes the acting administrator's id and records what it changed. (Duplicate
//! candidates: `services::duplicates`; the audit log: `services::audit`; the public statistics:
//! `services::stats`.)

use crate::foundations::domain::{AccountStatus, EntryStatus};
use crate::{
    administration::services::audit,
    catalogue::services::search::catalogue_changed,
    foundations::{
        auth::Role,
        entities::{audit_event, certification, listing, producer, revision, user_account},
        error::AppError,
    },
    workspace::services::{accounts, listings},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

/// One thing waiting for a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    /// `producer`, `listing` or `revision`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub country: String,
    pub producer_id: i64,
    pub waiting_since: DateTime<Utc>,
    /// For revisions: what they revise (`producer` or `listing`).
    pub target_kind: Option<String>,
    /// The version a decision on this item must name (see `moderation::decide`).
    pub version: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub country: Option<String>,
    pub kind: Option<String>,
    /// Only items waiting at least this many days.
    pub min_age_days: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub producers: u64,
    pub listings: u64,
    pub revisions: u64,
}

impl QueueCounts {
    pub fn total(&self) -> u64 {
        self.producers + self.listings + self.revisions
    }
}

pub async fn queue_counts(db: &impl ConnectionTrait) -> Result<QueueCounts, DbErr> {
    Ok(QueueCounts {
        producers: producer::Entity::find()
            .filter(producer::Column::Status.eq(EntryStatus::Submitted))
            .count(db)
            .await?,
        listings: listing::Entity::find()
            .filter(listing::Column::Status.eq(EntryStatus::Submitted))
            .count(db)
            .await?,
        revisions: revision::Entity::find()
            .filter(revision::Column::Status.eq("pending"))
            .count(db)
            .await?,
    })
}

/// The queue, oldest first (at most `limit` items of each kind).
pub async fn queue(
    db: &impl ConnectionTrait,
    filter: &QueueFilter,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<QueueItem>, DbErr> {
    let cutoff = filter.min_age_days.map(|d| now - chrono::Duration::days(d));
    let wants = |k: &str| filter.kind.as_deref().is_none_or(|f| f == k);
    let mut items = Vec::new();
    if wants("producer") {
        use producer::Column as C;
        let columns = (C::CountryCode, C::UpdatedAt);
        for p in
            submitted::<producer::Entity>(db, C::Status, columns, filter, cutoff, limit).await?
        {
            items.push(QueueItem {
                kind: "producer".into(),
                id: p.id,
                title: p.legal_name,
                country: p.country_code,
                producer_id: p.id,
                waiting_since: p.updated_at,
                target_kind: None,
                version: p.version,
            });
        }
    }
    if wants("listing") {
        use listing::Column as C;
        let columns = (C::CountryCode, C::UpdatedAt);
        for l in submitted::<listing::Entity>(db, C::Status, columns, filter, cutoff, limit).await?
        {
            items.push(QueueItem {
                kind: "listing".into(),
                id: l.id,
                title: l.product_name,
                country: l.country_code,
                producer_id: l.producer_id,
                waiting_since: l.updated_at,
                target_kind: None,
                version: l.version,
            });
        }
    }
    if wants("revision") {
        let mut q = revision::Entity::find().filter(revision::Column::Status.eq("pending"));
        if let Some(cut) = cutoff {
            q = q.filter(revision::Column::CreatedAt.lte(cut));
        }
        for r in q.order_by_asc(revision::Column::CreatedAt).limit(limit).all(db).await? {
            let (title, country, producer_id, version) = match r.target_kind.as_str() {
                "producer" => match producer::Entity::find_by_id(r.target_id).one(db).await? {
                    Some(p) => (p.legal_name, p.country_code, p.id, p.version),
                    None => continue,
                },
                _ => match listing::Entity::find_by_id(r.target_id).one(db).await? {
                    Some(l) => (l.product_name, l.country_code, l.producer_id, l.version),
                    None => continue,
                },
            };
            if filter.country.as_ref().is_some_and(|c| *c != country) {
                continue;
            }
            items.push(QueueItem {
                kind: "revision".into(),
                id: r.id,
                title,
                country,
                producer_id,
                waiting_since: r.created_at,
                target_kind: Some(r.target_kind),
                version,
            });
        }
    }
    items.sort_by_key(|i| i.waiting_since);
    Ok(items)
}

/// Submitted entries of one table (producers or listings) as the queue filters them: of a
/// country, waiting since before `cutoff`; oldest first.
async fn submitted<E: EntityTrait>(
    db: &impl ConnectionTrait,
    status: E::Column,
    (country, updated_at): (E::Column, E::Column),
    filter: &QueueFilter,
    cutoff: Option<DateTime<Utc>>,
    limit: u64,
) -> Result<Vec<E::Model>, DbErr> {
    let mut q = E::find().filter(status.eq(EntryStatus::Submitted));
    if let Some(c) = &filter.country {
        q = q.filter(country.eq(c));
    }
    if let Some(cut) = cutoff {
        q = q.filter(updated_at.lte(cut));
    }
    q.order_by_asc(updated_at).limit(limit).all(db).await
}

async fn admin_guard(db: &impl ConnectionTrait, admin: i64) -> Result<(), AppError> {
    let user = user_account::Entity::find_by_id(admin).one(db).await?.ok_or(AppError::Forbidden)?;
    if Role::parse(&user.role) == Role::Admin && user.status == AccountStatus::Active {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn set_verified(
    db: &DatabaseConnection,
    admin: i64,
    producer_id: i64,
    verified: bool,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admin_guard(db, admin).await?;
    let note = note.trim();
    if verified && note.is_empty() {
        return Err(AppError::BadRequest(
            "a note on how the tax ID was checked is required".into(),
        ));
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    let p = producer::Entity::find_by_id(producer_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    producer::Entity::update_many()
        .col_expr(producer::Column::Verified, Expr::value(verified))
        .col_expr(producer::Column::VerifiedAt, Expr::value(verified.then_some(now)))
        .col_expr(producer::Column::VerifiedNote, Expr::value(verified.then(|| note.to_owned())))
        .filter(producer::Column::Id.eq(producer_id))
        .exec(&txn)
        .await?;
    listings::reindex_producer(&txn, producer_id).await?;
    if verified && !p.verified {
        crate::foundations::services::mail::notify::verified(&txn, producer_id, now).await?;
    }
    audit::record(
        &txn,
        audit::Event::new(
            Some(admin),
            if verified { "producer.verify" } else { "producer.unverify" },
            "producer",
            producer_id,
            now,
        )
        .before(serde_json::json!({ "verified": p.verified }))
        .after(serde_json::json!({ "verified": verified, "note": note })),
    )
    .await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps `keep`; moves `remove`'s listings and certificates to it; `remove` redirects to it.
pub async fn merge(
    db: &DatabaseConnection,
    admin: i64,
    keep: i64,
    remove: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admin_guard(db, admin).await?;
    if keep == remove {
        return Err(AppError::BadRequest("a producer cannot be merged into itself".into()));
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    let kept = producer::Entity::find_by_id(keep).one(&txn).await?.ok_or(AppError::NotFound)?;
    let gone = producer::Entity::find_by_id(remove).one(&txn).await?.ok_or(AppError::NotFound)?;
    if gone.status == EntryStatus::Merged || kept.status == EntryStatus::Merged {
        return Err(AppError::Conflict("already merged".into()));
    }
    let moved = listing::Entity::update_many()
        .col_expr(listing::Column::ProducerId, Expr::value(keep))
        .filter(listing::Column::ProducerId.eq(remove))
        .exec(&txn)
        .await?
        .rows_affected;
    certification::Entity::update_many()
        .col_expr(certification::Column::ProducerId, Expr::value(keep))
        .filter(certification::Column::ProducerId.eq(remove))
        .exec(&txn)
        .await?;
    // The removed entry's account keeps a company: the kept one, if that has no owner.
    let mut transfer_owner = None;
    if kept.owner_user_id.is_none() && gone.owner_user_id.is_some() {
        transfer_owner = gone.owner_user_id;
    }
    producer::Entity::update_many()
        .col_expr(producer::Column::Status, Expr::value(EntryStatus::Merged))
        .col_expr(producer::Column::MergedIntoId, Expr::value(keep))
        .col_expr(producer::Column::OwnerUserId, Expr::value(Option::<i64>::None))
        .col_expr(producer::Column::UpdatedAt, Expr::value(now))
        .filter(producer::Column::Id.eq(remove))
        .exec(&txn)
        .await?;
    if let Some(owner) = transfer_owner {
        producer::Entity::update_many()
            .col_expr(producer::Column::OwnerUserId, Expr::value(owner))
            .filter(producer::Column::Id.eq(keep))
            .exec(&txn)
            .await?;
    }
    listings::reindex_producer(&txn, keep).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(admin), "producer.merge", "producer", remove, now)
            .before(serde_json::json!({ "id": remove, "legal_name": gone.legal_name, "status": gone.status }))
            .after(serde_json::json!({ "merged_into": keep, "listings_moved": moved })),
    )
    .await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Suspends a producer and its account: it disappears from every public page at once and every
/// session of the account ends.
pub async fn suspend(
    db: &DatabaseConnection,
    admin: i64,
    producer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    change_suspension(db, admin, producer_id, reason, now, true).await
}

/// Lifts a suspension: the entry goes back to where it was (published if it ever was, else a
/// draft to submit again) and its account is active again.
pub async fn reinstate(
    db: &DatabaseConnection,
    admin: i64,
    producer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    change_suspension(db, admin, producer_id, reason, now, false).await
}

async fn change_suspension(
    db: &DatabaseConnection,
    admin: i64,
    producer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
    suspend: bool,
) -> Result<(), AppError> {
    admin_guard(db, admin).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::BadRequest("a reason is required".into()));
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    let p = producer::Entity::find_by_id(producer_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if (p.status == EntryStatus::Suspended) == suspend {
        let state = if suspend { "already suspended" } else { "not suspended" };
        return Err(AppError::Conflict(state.into()));
    }
    let (status, account) = match suspend {
        true => (EntryStatus::Suspended, AccountStatus::Suspended),
        false if p.published_at.is_some() => (EntryStatus::Published, AccountStatus::Active),
        false => (EntryStatus::Draft, AccountStatus::Active),
    };
    producer::Entity::update_many()
        .col_expr(producer::Column::Status, Expr::value(status))
        .col_expr(producer::Column::StatusReason, Expr::value(suspend.then(|| reason.to_owned())))
        .col_expr(producer::Column::UpdatedAt, Expr::value(now))
        .filter(producer::Column::Id.eq(producer_id))
        .exec(&txn)
        .await?;
    let mut sessions_ended = 0;
    if let Some(owner) = p.owner_user_id {
        user_account::Entity::update_many()
            .col_expr(user_account::Column::Status, Expr::value(account))
            .filter(user_account::Column::Id.eq(owner))
            .exec(&txn)
            .await?;
        if suspend {
            sessions_ended = accounts::end_all_sessions(&txn, owner).await?;
        }
    }
    let mut after = serde_json::json!({ "status": status, "reason": reason });
    if suspend {
        after["sessions_ended"] = sessions_ended.into();
        crate::foundations::services::mail::notify::suspended(&txn, producer_id, reason, now)
            .await?;
    }
    listings::reindex_producer(&txn, producer_id).await?;
    let action = if suspend { "producer.suspend" } else { "producer.reinstate" };
    audit::record(
        &txn,
        audit::Event::new(Some(admin), action, "producer", producer_id, now)
            .before(serde_json::json!({ "status": p.status }))
            .after(after),
    )
    .await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes a user's role; `actor` is None when done from the command line.
pub async fn set_role(
    db: &DatabaseConnection,
    actor: Option<i64>,
    user_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(a) = actor {
        admin_guard(db, a).await?;
        if a == user_id {
            return Err(AppError::Conflict("administrators cannot change their own role".into()));
        }
    }
    let user =
        user_account::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    let txn = crate::foundations::services::begin_write(db).await?;
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Role, Expr::value(role.as_str()))
        .filter(user_account::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    // A demoted administrator's open pages must not keep admin rights.
    if role == Role::Producer {
        accounts::end_all_sessions(&txn, user_id).await?;
    }
    audit::record(
        &txn,
        audit::Event::new(actor, "user.role", "user", user_id, now)
            .before(serde_json::json!({ "role": user.role }))
            .after(serde_json::json!({ "role": role.as_str() })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Who decided a target last, and when (for "already decided by … at …").
pub async fn last_decision(
    db: &impl ConnectionTrait,
    kind: &str,
    id: i64,
) -> Result<Option<(String, DateTime<Utc>)>, DbErr> {
    let Some(e) = audit_event::Entity::find()
        .filter(audit_event::Column::TargetKind.eq(kind))
        .filter(audit_event::Column::TargetId.eq(id))
        .filter(audit_event::Column::Action.starts_with("moderation."))
        .order_by_desc(audit_event::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let who = match e.actor_user_id {
        Some(a) => user_account::Entity::find_by_id(a).one(db).await?.map(|u| u.email),
        None => None,
    };
    Ok(Some((who.unwrap_or_else(|| "the command line".into()), e.created_at)))
}
