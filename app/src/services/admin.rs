//! Administration: the moderation queue, duplicate candidates, verification, merging,
//! suspension, roles, the audit log and statistics. Every function takes the acting
//! administrator's id and records what it changed.

use crate::domain::{AccountStatus, EntryStatus};
use crate::{
    auth::Role,
    domain::search_tokens,
    entities::{audit_event, certification, listing, producer, revision, user_account},
    error::AppError,
    services::{accounts, audit, listings, search::catalogue_changed},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement, sea_query::Expr,
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
        let mut q =
            producer::Entity::find().filter(producer::Column::Status.eq(EntryStatus::Submitted));
        if let Some(c) = &filter.country {
            q = q.filter(producer::Column::CountryCode.eq(c));
        }
        if let Some(cut) = cutoff {
            q = q.filter(producer::Column::UpdatedAt.lte(cut));
        }
        for p in q.order_by_asc(producer::Column::UpdatedAt).limit(limit).all(db).await? {
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
        let mut q =
            listing::Entity::find().filter(listing::Column::Status.eq(EntryStatus::Submitted));
        if let Some(c) = &filter.country {
            q = q.filter(listing::Column::CountryCode.eq(c));
        }
        if let Some(cut) = cutoff {
            q = q.filter(listing::Column::UpdatedAt.lte(cut));
        }
        for l in q.order_by_asc(listing::Column::UpdatedAt).limit(limit).all(db).await? {
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

/// Words that say what kind of company it is, not which one.
const LEGAL_WORDS: [&str; 16] = [
    "ooo", "too", "osoo", "jdmm", "mchj", "ao", "zao", "oao", "pao", "ip", "llc", "llp", "jsc",
    "ltd", "kh", "chp",
];

/// The distinctive part of a company name, cross-script folded.
pub fn name_core(name: &str) -> String {
    search_tokens(name)
        .into_iter()
        .filter(|t| !LEGAL_WORDS.contains(&t.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn trigrams(s: &str) -> std::collections::HashSet<String> {
    let padded: Vec<char> = format!("  {s} ").chars().collect();
    padded.windows(3).map(|w| w.iter().collect()).collect()
}

/// Trigram similarity (0–1) of two name cores.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (ta, tb) = (trigrams(a), trigrams(b));
    let common = ta.intersection(&tb).count() as f64;
    common / (ta.len() + tb.len()) as f64 * 2.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    pub producer_id: i64,
    pub name: String,
    pub status: EntryStatus,
    /// `tax_id` (same tax ID in the same country, or an attempt to register it) or `name`.
    pub reason: String,
    pub similarity: f64,
}

/// Producers that may be the same company as `p`.
pub async fn duplicate_candidates(
    db: &impl ConnectionTrait,
    p: &producer::Model,
) -> Result<Vec<DuplicateCandidate>, DbErr> {
    let mut out: Vec<DuplicateCandidate> = Vec::new();
    let mut push = |c: &producer::Model, reason: &str, similarity: f64| {
        if c.id != p.id && !out.iter().any(|o| o.producer_id == c.id && o.reason == reason) {
            out.push(DuplicateCandidate {
                producer_id: c.id,
                name: c.legal_name.clone(),
                status: c.status,
                reason: reason.into(),
                similarity,
            });
        }
    };
    let same_tax = producer::Entity::find()
        .filter(producer::Column::CountryCode.eq(&p.country_code))
        .filter(producer::Column::TaxId.eq(&p.tax_id))
        .filter(producer::Column::Id.ne(p.id))
        .all(db)
        .await?;
    for c in &same_tax {
        push(c, "tax_id", 1.0);
    }
    // Refused registrations of a taken tax ID, in either direction.
    let mut related: Vec<i64> = Vec::new();
    if let Some(owner) = p.owner_user_id {
        let attempts = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("producer.duplicate_tax_id"))
            .filter(audit_event::Column::ActorUserId.eq(owner))
            .all(db)
            .await?;
        related.extend(attempts.iter().filter_map(|e| e.target_id));
    }
    let claimed = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("producer.duplicate_tax_id"))
        .filter(audit_event::Column::TargetId.eq(p.id))
        .all(db)
        .await?;
    for e in claimed {
        if let Some(actor) = e.actor_user_id
            && let Some(theirs) = producer::Entity::find()
                .filter(producer::Column::OwnerUserId.eq(actor))
                .one(db)
                .await?
        {
            related.push(theirs.id);
        }
    }
    for id in related {
        if let Some(c) = producer::Entity::find_by_id(id).one(db).await? {
            push(&c, "tax_id", 1.0);
        }
    }
    // Similar names in the same region (a region holds a few thousand producers at most).
    let core = name_core(&p.legal_name);
    let core_latin = name_core(&p.name_latin);
    let neighbours = producer::Entity::find()
        .filter(producer::Column::RegionCode.eq(&p.region_code))
        .filter(producer::Column::Id.ne(p.id))
        .filter(producer::Column::Status.ne(EntryStatus::Merged))
        .limit(20_000)
        .all(db)
        .await?;
    let mut similar: Vec<(f64, &producer::Model)> = neighbours
        .iter()
        .map(|c| {
            let s = name_similarity(&core, &name_core(&c.legal_name))
                .max(name_similarity(&core_latin, &name_core(&c.name_latin)))
                .max(name_similarity(&core, &name_core(&c.name_latin)));
            (s, c)
        })
        .filter(|(s, _)| *s >= 0.6)
        .collect();
    similar.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, c) in similar.into_iter().take(10) {
        push(c, "name", (s * 100.0).round() / 100.0);
    }
    Ok(out)
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
    let txn = crate::services::begin_write(db).await?;
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
        crate::services::mail::notify::verified(&txn, producer_id, now).await?;
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
    let txn = crate::services::begin_write(db).await?;
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
    admin_guard(db, admin).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::BadRequest("a reason is required".into()));
    }
    let txn = crate::services::begin_write(db).await?;
    let p = producer::Entity::find_by_id(producer_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if p.status == EntryStatus::Suspended {
        return Err(AppError::Conflict("already suspended".into()));
    }
    producer::Entity::update_many()
        .col_expr(producer::Column::Status, Expr::value(EntryStatus::Suspended))
        .col_expr(producer::Column::StatusReason, Expr::value(reason))
        .col_expr(producer::Column::UpdatedAt, Expr::value(now))
        .filter(producer::Column::Id.eq(producer_id))
        .exec(&txn)
        .await?;
    let mut sessions = 0;
    if let Some(owner) = p.owner_user_id {
        user_account::Entity::update_many()
            .col_expr(user_account::Column::Status, Expr::value(AccountStatus::Suspended))
            .filter(user_account::Column::Id.eq(owner))
            .exec(&txn)
            .await?;
        sessions = accounts::end_all_sessions(&txn, owner).await?;
    }
    crate::services::mail::notify::suspended(&txn, producer_id, reason, now).await?;
    listings::reindex_producer(&txn, producer_id).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(admin), "producer.suspend", "producer", producer_id, now)
            .before(serde_json::json!({ "status": p.status }))
            .after(serde_json::json!({ "status": EntryStatus::Suspended, "reason": reason, "sessions_ended": sessions })),
    )
    .await?;
    catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn reinstate(
    db: &DatabaseConnection,
    admin: i64,
    producer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admin_guard(db, admin).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::BadRequest("a reason is required".into()));
    }
    let txn = crate::services::begin_write(db).await?;
    let p = producer::Entity::find_by_id(producer_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if p.status != EntryStatus::Suspended {
        return Err(AppError::Conflict("not suspended".into()));
    }
    // Back to where it was: published if it ever was, else a draft to submit again.
    let status = if p.published_at.is_some() { EntryStatus::Published } else { EntryStatus::Draft };
    producer::Entity::update_many()
        .col_expr(producer::Column::Status, Expr::value(status))
        .col_expr(producer::Column::StatusReason, Expr::value(Option::<String>::None))
        .col_expr(producer::Column::UpdatedAt, Expr::value(now))
        .filter(producer::Column::Id.eq(producer_id))
        .exec(&txn)
        .await?;
    if let Some(owner) = p.owner_user_id {
        user_account::Entity::update_many()
            .col_expr(user_account::Column::Status, Expr::value(AccountStatus::Active))
            .filter(user_account::Column::Id.eq(owner))
            .exec(&txn)
            .await?;
    }
    listings::reindex_producer(&txn, producer_id).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(admin), "producer.reinstate", "producer", producer_id, now)
            .before(serde_json::json!({ "status": EntryStatus::Suspended }))
            .after(serde_json::json!({ "status": status, "reason": reason })),
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
    let txn = crate::services::begin_write(db).await?;
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub ip: Option<String>,
}

/// The audit page's query string: actor, action, target_kind, target_id, from, to, page.
pub fn parse_audit_query(query: &str) -> Result<(AuditFilter, u64), String> {
    let mut f = AuditFilter::default();
    let mut page = 1;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let v = v.trim().to_owned();
        if v.is_empty() {
            continue;
        }
        let date = |v: &str| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("`{k}` must be a date as YYYY-MM-DD"))
        };
        match k.as_ref() {
            "actor" => f.actor = Some(v.chars().take(254).collect()),
            "action" => f.action = Some(v.chars().take(64).collect()),
            "target_kind" => f.target_kind = Some(v.chars().take(32).collect()),
            "target_id" => {
                f.target_id =
                    Some(v.parse().map_err(|_| "`target_id` must be a number".to_owned())?)
            }
            "from" => f.from = Some(date(&v)?),
            "to" => f.to = Some(date(&v)?),
            "page" => {
                page = v
                    .parse::<u64>()
                    .ok()
                    .filter(|p| (1..=100_000).contains(p))
                    .ok_or_else(|| "`page` must be a number from 1".to_owned())?
            }
            _ => {}
        }
    }
    Ok((f, page))
}

pub async fn audit_log(
    db: &impl ConnectionTrait,
    f: &AuditFilter,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<AuditRow>), DbErr> {
    let mut q = audit_event::Entity::find();
    if let Some(actor) = f.actor.as_deref().filter(|a| !a.is_empty()) {
        let ids: Vec<i64> = user_account::Entity::find()
            .filter(user_account::Column::EmailNormalized.contains(actor.to_lowercase()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        q = q.filter(audit_event::Column::ActorUserId.is_in(ids));
    }
    if let Some(a) = f.action.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_event::Column::Action.starts_with(a));
    }
    if let Some(k) = f.target_kind.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_event::Column::TargetKind.eq(k));
    }
    if let Some(id) = f.target_id {
        q = q.filter(audit_event::Column::TargetId.eq(id));
    }
    if let Some(from) = f.from {
        q = q.filter(
            audit_event::Column::CreatedAt.gte(from.and_hms_opt(0, 0, 0).unwrap().and_utc()),
        );
    }
    if let Some(to) = f.to {
        let end = (to + chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap().and_utc();
        q = q.filter(audit_event::Column::CreatedAt.lt(end));
    }
    let total = q.clone().count(db).await?;
    let rows = q.order_by_desc(audit_event::Column::Id).offset(offset).limit(limit).all(db).await?;
    let actor_ids: Vec<i64> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let emails: std::collections::HashMap<i64, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok((
        total,
        rows.into_iter()
            .map(|r| AuditRow {
                id: r.id,
                at: r.created_at,
                actor: r.actor_user_id.and_then(|a| emails.get(&a).cloned()),
                action: r.action,
                target_kind: r.target_kind,
                target_id: r.target_id,
                before: r.before.map(|j| j.to_string()),
                after: r.after.map(|j| j.to_string()),
                ip: r.ip,
            })
            .collect(),
    ))
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// (country, section id, published listings)
    pub by_country_section: Vec<(String, i32, i64)>,
    /// (country, published producers)
    pub producers_by_country: Vec<(String, i64)>,
    /// (region, published producers, published listings) of one country
    pub by_region: Vec<(String, i64, i64)>,
    /// (ISO week start date, new accounts)
    pub registrations_per_week: Vec<(String, i64)>,
    /// Median hours from submission to decision, and the number of decisions measured.
    pub median_decision_hours: Option<f64>,
    pub decisions: usize,
}

#[derive(FromQueryResult)]
struct Cell {
    country: String,
    section: i32,
    n: i64,
}

#[derive(FromQueryResult)]
struct Pair {
    key: String,
    n: i64,
}

pub async fn stats(
    db: &DatabaseConnection,
    country: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Stats, DbErr> {
    let backend = db.get_database_backend();
    let cells = Cell::find_by_statement(Statement::from_string(
        backend,
        "SELECT country_code AS country, hs_section_id AS section, COUNT(*) AS n FROM listing \
         WHERE visible = TRUE GROUP BY country_code, hs_section_id ORDER BY country_code, hs_section_id",
    ))
    .all(db)
    .await?;
    let producers = Pair::find_by_statement(Statement::from_string(
        backend,
        "SELECT country_code AS key, COUNT(*) AS n FROM producer WHERE status = 'published' \
         GROUP BY country_code ORDER BY country_code",
    ))
    .all(db)
    .await?;
    let mut by_region = Vec::new();
    if let Some(c) = country.filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())) {
        let p = Pair::find_by_statement(Statement::from_string(
            backend,
            format!(
                "SELECT region_code AS key, COUNT(*) AS n FROM producer WHERE status = 'published' \
                 AND country_code = '{c}' GROUP BY region_code"
            ),
        ))
        .all(db)
        .await?;
        let l = Pair::find_by_statement(Statement::from_string(
            backend,
            format!(
                "SELECT region_code AS key, COUNT(*) AS n FROM listing WHERE visible = TRUE \
                 AND country_code = '{c}' GROUP BY region_code"
            ),
        ))
        .all(db)
        .await?;
        let mut regions: Vec<(String, i64, i64)> = p
            .iter()
            .map(|r| (r.key.clone(), r.n, l.iter().find(|x| x.key == r.key).map_or(0, |x| x.n)))
            .collect();
        regions.sort_by_key(|r| std::cmp::Reverse(r.2));
        by_region = regions;
    }
    // New accounts per week, last 12 weeks (counted in Rust: week arithmetic differs per engine).
    let since = now - chrono::Duration::weeks(12);
    let created: Vec<DateTime<Utc>> = user_account::Entity::find()
        .filter(user_account::Column::CreatedAt.gte(since))
        .select_only()
        .column(user_account::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let week_start = |d: DateTime<Utc>| {
        let day = d.date_naive();
        day - chrono::Duration::days(chrono::Datelike::weekday(&day).num_days_from_monday() as i64)
    };
    let mut weeks: Vec<(String, i64)> = (0..12)
        .rev()
        .map(|w| (week_start(now - chrono::Duration::weeks(w)).to_string(), 0))
        .collect();
    for c in created {
        let key = week_start(c).to_string();
        if let Some(slot) = weeks.iter_mut().find(|(k, _)| *k == key) {
            slot.1 += 1;
        }
    }
    // Time to decision: each moderation decision against the latest submission before it.
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.is_in([
            "producer.submit",
            "listing.submit",
            "moderation.approve",
            "moderation.reject",
            "moderation.request_changes",
        ]))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let mut submitted: std::collections::HashMap<(String, i64), DateTime<Utc>> = Default::default();
    let mut hours: Vec<f64> = Vec::new();
    for e in events {
        let key = (e.target_kind.clone().unwrap_or_default(), e.target_id.unwrap_or_default());
        if e.action.ends_with(".submit") {
            submitted.insert(key, e.created_at);
        } else if let Some(at) = submitted.remove(&key) {
            hours.push((e.created_at - at).num_seconds() as f64 / 3600.0);
        }
    }
    hours.sort_by(f64::total_cmp);
    let median = (!hours.is_empty()).then(|| {
        let m = hours.len() / 2;
        if hours.len().is_multiple_of(2) { (hours[m - 1] + hours[m]) / 2.0 } else { hours[m] }
    });
    Ok(Stats {
        by_country_section: cells.into_iter().map(|c| (c.country, c.section, c.n)).collect(),
        producers_by_country: producers.into_iter().map(|p| (p.key, p.n)).collect(),
        by_region,
        registrations_per_week: weeks,
        median_decision_hours: median,
        decisions: hours.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_scripts_and_legal_forms() {
        let a = name_core("ТОО «Костанай Мука»");
        let b = name_core("Kostanay Muka LLP");
        assert!(name_similarity(&a, &b) >= 0.8, "{a} / {b}");
        let c = name_core("ТОО «Арал Балык»");
        assert!(name_similarity(&a, &c) < 0.4);
    }
}
