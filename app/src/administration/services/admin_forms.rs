//! The administrators' forms, parsed once into what they ask for: a moderation decision on the
//! version reviewed, a decision on many queue items, an action on a producer, a role. Each
//! refusal names the field it is about, so the page shows it there with everything typed.

use crate::{
    administration::services::{admin, moderation},
    foundations::{
        auth::Role,
        domain::{Decision, Target},
        error::AppError,
        forms::{FormError, FormValues, Problem},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// The preset chosen and the reason typed, both kept (joined) when both are given.
fn reason(v: &FormValues) -> String {
    moderation::join_reason(v.get("reason_preset"), v.get("reason"))
}

/// Approve, reject or send back; the last two need a reason. An unknown decision is a bad
/// request (no form offers one).
pub fn parse_decision(v: &FormValues) -> Result<Decision, FormError> {
    let decision = match v.get("decision") {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject(reason(v)),
        "changes" => Decision::RequestChanges(reason(v)),
        _ => return Err(AppError::BadRequest("unknown decision".into()).into()),
    };
    if decision.reason().is_some_and(str::is_empty) {
        return Err(FormError::field("reason", Problem::new("err_reason_required")));
    }
    Ok(decision)
}

/// A decision on one item and the version the item page showed: without it nobody can say what
/// was reviewed.
pub fn parse_review(v: &FormValues) -> Result<(Decision, i64), FormError> {
    let decision = parse_decision(v)?;
    let seen = v.get("revision").trim().parse::<i64>().map_err(|_| {
        FormError::field(
            "reason",
            Problem::new("err_raw")
                .with("text", "the form does not say which version you reviewed: decide again"),
        )
    })?;
    Ok((decision, seen))
}

/// The queue items ticked, each `kind:id:version` (the version the queue showed); one that
/// does not say all three is `None`, not decided and counted as failed. Values whose id is not
/// a number are not items at all.
pub fn bulk_items(v: &FormValues) -> Vec<Option<(Target, i64)>> {
    v.all("item")
        .iter()
        .filter(|item| item.split(':').nth(1).is_some_and(|id| id.parse::<i64>().is_ok()))
        .map(|item| {
            let mut parts = item.splitn(3, ':');
            let (kind, id) = (parts.next()?, parts.next()?.parse().ok()?);
            Some((Target::parse(kind, id)?, parts.next()?.parse().ok()?))
        })
        .collect()
}

/// What a bulk decision did: decided, and not decided (changed since, gone, or malformed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub decided: usize,
    pub failed: usize,
}

/// Decides each item on its own: one decided by someone else meanwhile, or gone, is counted
/// as failed and the others go on.
pub async fn decide_many(
    db: &DatabaseConnection,
    admin: i64,
    decision: &Decision,
    items: Vec<Option<(Target, i64)>>,
    now: DateTime<Utc>,
) -> Result<BulkOutcome, AppError> {
    let mut outcome = BulkOutcome::default();
    for item in items {
        let Some((target, seen)) = item else {
            outcome.failed += 1;
            continue;
        };
        match moderation::decide(db, admin, target, decision.clone(), Some(seen), now).await {
            Ok(()) => outcome.decided += 1,
            Err(AppError::Conflict(_) | AppError::NotFound) => outcome.failed += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(outcome)
}

/// An action on a producer's entry from its administration page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProducerAction {
    /// Verified (with the note saying how) or no longer verified.
    Verify {
        on: bool,
        note: String,
    },
    Suspend {
        reason: String,
    },
    Reinstate {
        reason: String,
    },
    /// Merge the other entry (a duplicate) into this one.
    Merge {
        other: i64,
    },
}

impl ProducerAction {
    /// The action the path names, with its form; `Ok(None)` for an action that does not exist.
    pub fn parse(action: &str, v: &FormValues) -> Result<Option<ProducerAction>, FormError> {
        let reason = v.get("reason").trim().to_owned();
        let refuse = |field: &str, key: &str| Err(FormError::field(field, Problem::new(key)));
        Ok(Some(match action {
            "verify" => {
                let (on, note) = (v.get("verified") != "off", v.get("note").to_owned());
                if on && note.trim().is_empty() {
                    return refuse("note", "err_empty");
                }
                ProducerAction::Verify { on, note }
            }
            "suspend" | "reinstate" if reason.is_empty() => {
                return refuse("reason", "err_reason_required");
            }
            "suspend" => ProducerAction::Suspend { reason },
            "reinstate" => ProducerAction::Reinstate { reason },
            "merge" => match v.get("merge_id").trim().parse::<i64>() {
                Ok(other) => ProducerAction::Merge { other },
                Err(_) => return refuse("merge_id", "err_invalid"),
            },
            _ => return Ok(None),
        }))
    }

    /// The form field a refusal of this action is shown beside.
    pub fn field(&self) -> &'static str {
        match self {
            ProducerAction::Verify { .. } => "note",
            ProducerAction::Suspend { .. } | ProducerAction::Reinstate { .. } => "reason",
            ProducerAction::Merge { .. } => "merge_id",
        }
    }

    /// The `done` notice of the page after it.
    pub fn done(&self) -> &'static str {
        match self {
            ProducerAction::Verify { .. } => "verified",
            ProducerAction::Suspend { .. } => "suspended",
            ProducerAction::Reinstate { .. } => "reinstated",
            ProducerAction::Merge { .. } => "merged",
        }
    }
}

/// Carries out `action` on producer `id`. A conflict (the entry changed, a merge that cannot
/// be) comes back as the action's field's message.
pub async fn act_on_producer(
    db: &DatabaseConnection,
    admin: i64,
    id: i64,
    action: &ProducerAction,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    let result = match action {
        ProducerAction::Verify { on, note } => {
            admin::set_verified(db, admin, id, *on, note, now).await
        }
        ProducerAction::Suspend { reason } => admin::suspend(db, admin, id, reason, now).await,
        ProducerAction::Reinstate { reason } => admin::reinstate(db, admin, id, reason, now).await,
        ProducerAction::Merge { other } => admin::merge(db, admin, id, *other, now).await,
    };
    result.map_err(|e| match e {
        AppError::Conflict(text) | AppError::BadRequest(text) => {
            FormError::field(action.field(), Problem::new("err_raw").with("text", text))
        }
        e => FormError::App(e),
    })
}

/// The role chosen on the users page.
pub fn parse_role(v: &FormValues) -> Result<Role, FormError> {
    match v.get("role") {
        "admin" => Ok(Role::Admin),
        "producer" => Ok(Role::Producer),
        _ => Err(FormError::field("role", Problem::new("err_invalid"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_or_a_request_for_changes_needs_a_reason() {
        let form = |d: &str, r: &str| FormValues::of(&[("decision", d), ("reason", r)]);
        assert_eq!(parse_decision(&form("approve", "")).ok(), Some(Decision::Approve));
        assert!(
            matches!(parse_decision(&form("reject", " ")), Err(FormError::Invalid(e)) if e.get("reason").is_some())
        );
        assert!(matches!(parse_decision(&form("changes", "")), Err(FormError::Invalid(_))));
        assert_eq!(
            parse_decision(&form("reject", "fake")).ok(),
            Some(Decision::Reject("fake".into()))
        );
        assert!(matches!(parse_decision(&form("maybe", "x")), Err(FormError::App(_))));
    }

    #[test]
    fn a_review_says_which_version_it_decided() {
        let v = FormValues::of(&[("decision", "approve"), ("revision", "3")]);
        assert_eq!(parse_review(&v).ok(), Some((Decision::Approve, 3)));
        let v = FormValues::of(&[("decision", "approve")]);
        assert!(
            matches!(parse_review(&v), Err(FormError::Invalid(e)) if e.get("reason").is_some())
        );
    }

    #[test]
    fn bulk_items_keep_the_malformed_as_failures() {
        let v = FormValues::of(&[
            ("item", "listing:7:2"),
            ("item", "producer:8"),
            ("item", "planet:9:1"),
            ("item", "listing:x:1"),
        ]);
        assert_eq!(bulk_items(&v), vec![Some((Target::Listing(7), 2)), None, None]);
    }

    #[test]
    fn producer_actions_name_their_field() {
        let v = FormValues::of(&[("verified", "on"), ("note", " ")]);
        assert!(
            matches!(ProducerAction::parse("verify", &v), Err(FormError::Invalid(e)) if e.get("note").is_some())
        );
        let v = FormValues::of(&[("reason", "fraud")]);
        let suspend = ProducerAction::parse("suspend", &v).ok().flatten().unwrap();
        assert_eq!((suspend.field(), suspend.done()), ("reason", "suspended"));
        assert!(matches!(
            ProducerAction::parse("reinstate", &FormValues::default()),
            Err(FormError::Invalid(e)) if e.get("reason").is_some()
        ));
        let v = FormValues::of(&[("merge_id", "12")]);
        assert_eq!(
            ProducerAction::parse("merge", &v).ok().flatten(),
            Some(ProducerAction::Merge { other: 12 })
        );
        assert!(ProducerAction::parse("explode", &v).unwrap().is_none());
    }
}
