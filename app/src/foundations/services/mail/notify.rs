//! Mail to a producer account about what administrators decided, queued in the decision's own
//! transaction (nothing is mailed for a decision that did not commit).

use super::{
    enqueue,
    templates::{Mail, Outcome, Subject, render},
};
use crate::foundations::{
    domain::{Decision, Target},
    entities::{listing, producer, revision, user_account},
    i18n::Locale,
};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// The account that owns a producer, if any (imported companies have none).
async fn owner(
    db: &impl ConnectionTrait,
    producer_id: i64,
) -> Result<Option<(producer::Model, user_account::Model)>, DbErr> {
    let Some(p) = producer::Entity::find_by_id(producer_id).one(db).await? else {
        return Ok(None);
    };
    let Some(owner_id) = p.owner_user_id else { return Ok(None) };
    Ok(user_account::Entity::find_by_id(owner_id).one(db).await?.map(|u| (p, u)))
}

/// Queues `mail` to `user` in the account's language.
pub async fn to_account(
    db: &impl ConnectionTrait,
    user: &user_account::Model,
    mail: &Mail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let locale = user.locale.as_deref().and_then(Locale::from_code).unwrap_or_default();
    enqueue(db, render(mail, &user.email, locale), now).await.map(|_| ())
}

/// The producer and the name a decision on `target` is about.
async fn subject_of(
    db: &impl ConnectionTrait,
    kind: &str,
    id: i64,
) -> Result<Option<(i64, String)>, DbErr> {
    Ok(match kind {
        "producer" => producer::Entity::find_by_id(id).one(db).await?.map(|p| (p.id, p.legal_name)),
        "listing" => {
            listing::Entity::find_by_id(id).one(db).await?.map(|l| (l.producer_id, l.product_name))
        }
        _ => None,
    })
}

/// Approval, rejection with its reason, or request for changes, to the owner of what was
/// decided.
pub async fn decision(
    db: &impl ConnectionTrait,
    target: Target,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (subject, found) = match target {
        Target::Producer(id) => (Subject::Company, subject_of(db, "producer", id).await?),
        Target::Listing(id) => (Subject::Listing, subject_of(db, "listing", id).await?),
        Target::Revision(id) => match revision::Entity::find_by_id(id).one(db).await? {
            Some(r) => (Subject::Edit, subject_of(db, &r.target_kind, r.target_id).await?),
            None => (Subject::Edit, None),
        },
    };
    let Some((producer_id, name)) = found else { return Ok(()) };
    let Some((_, user)) = owner(db, producer_id).await? else { return Ok(()) };
    let outcome = match decision {
        Decision::Approve => Outcome::Approved,
        Decision::Reject(r) => Outcome::Rejected(r.trim().to_owned()),
        Decision::RequestChanges(r) => Outcome::ChangesRequested(r.trim().to_owned()),
    };
    to_account(db, &user, &Mail::Decision { subject, name, outcome }, now).await
}

pub async fn suspended(
    db: &impl ConnectionTrait,
    producer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some((p, user)) = owner(db, producer_id).await? else { return Ok(()) };
    let mail = Mail::Suspended { name: p.legal_name, reason: reason.trim().to_owned() };
    to_account(db, &user, &mail, now).await
}

pub async fn verified(
    db: &impl ConnectionTrait,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some((p, user)) = owner(db, producer_id).await? else { return Ok(()) };
    to_account(db, &user, &Mail::Verified { name: p.legal_name }, now).await
}
