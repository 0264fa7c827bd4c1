//! Mail that is never lost. Every message is a row of the `outbox`, written with [`enqueue`] in
//! the same transaction as the change that causes it: if the change is rolled back, no mail
//! goes out; if it commits, the mail is on disk before anyone is told "done". The server's
//! sender (`server::mail_sender`) claims due rows, delivers them and records the outcome here;
//! a failed attempt waits longer each time ([`backoff`]) and a restart only resumes the queue.
//!
//! Links in stored bodies start with [`SITE`]; the sender replaces it with the configured
//! public address when it delivers, so services need no configuration to write a link.

pub mod notify;
pub mod templates;
mod texts;

use crate::foundations::{entities::outbox, i18n::Locale};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};

/// Stands for the site's public address (`PUBLIC_URL`) in stored bodies.
pub const SITE: &str = "%%PUBLIC_URL%%";

/// After this many failed attempts (about two days of backoff) a message is given up as failed.
pub const MAX_ATTEMPTS: i32 = 12;

/// A claimed message is not offered to another sender for this long: a sender that dies
/// mid-delivery leaves its messages to be retried, never lost.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(5);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Sent,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "queued" => Some(Status::Queued),
            "sent" => Some(Status::Sent),
            "failed" => Some(Status::Failed),
            _ => None,
        }
    }
}

/// One message to send: plain text and simple HTML of the same content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub language: Locale,
    /// What the message is about (`account.confirm_email`, `moderation.decision`…): for the
    /// administrators' list and for whoever adds a new kind of mail.
    pub kind: &'static str,
    /// Where the recipient's "Reply" goes, when not to the registry (inquiries: buyer and
    /// producer answer each other).
    pub reply_to: Option<String>,
}

/// Queues `message`, due at once. Call it with the transaction of the change that causes it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    message: Message,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = outbox::ActiveModel {
        to_address: Set(message.to),
        subject: Set(message.subject.chars().take(300).collect()),
        body_text: Set(message.text),
        body_html: Set(message.html),
        language: Set(message.language.code().to_owned()),
        kind: Set(message.kind.to_owned()),
        reply_to: Set(message.reply_to),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        status: Set(Status::Queued.as_str().to_owned()),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// How long to wait after the `attempts`-th failure: 30 s, 1 min, 2 min… at most 6 h.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    let seconds = 30i64.saturating_mul(1i64 << exponent);
    chrono::Duration::seconds(seconds.min(6 * 3600))
}

/// Takes up to `limit` due messages for this sender: each is leased with a conditional UPDATE,
/// so two senders on one database never deliver the same row at once.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(Status::Queued.as_str()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for row in due {
        let won = outbox::Entity::update_many()
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + LEASE))
            .filter(outbox::Column::Id.eq(row.id))
            .filter(outbox::Column::Status.eq(Status::Queued.as_str()))
            .filter(outbox::Column::NextAttemptAt.eq(row.next_attempt_at))
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if won {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

/// Kinds whose bodies carry a single-use link: once delivered, the stored copy is cut to a
/// note, so the outbox table never holds a live token longer than the queue needs it.
pub const SECRET_KINDS: [&str; 4] = ["account.", "inquiry.confirm", "rfq.confirm", "claim.confirm"];

/// What a delivered secret message's stored bodies are replaced with.
pub const REMOVED: &str = "(delivered; its single-use link is not kept)";

pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sent.as_str()))
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox::Column::Attempts,
            sea_orm::sea_query::ExprTrait::add(Expr::col(outbox::Column::Attempts), 1),
        )
        .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::BodyText, Expr::value(REMOVED))
        .col_expr(outbox::Column::BodyHtml, Expr::value(REMOVED))
        .filter(outbox::Column::Id.eq(id))
        .filter(SECRET_KINDS.iter().fold(sea_orm::Condition::any(), |any, kind| {
            any.add(outbox::Column::Kind.starts_with(*kind))
        }))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: queued again after [`backoff`], or failed for good when the
/// message cannot ever be delivered (`permanent`) or has used up its attempts.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    row: &outbox::Model,
    error: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<Status, DbErr> {
    let attempts = row.attempts + 1;
    let status =
        if permanent || attempts >= MAX_ATTEMPTS { Status::Failed } else { Status::Queued };
    let error: String = error.chars().take(1000).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status.as_str()))
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + backoff(attempts)))
        .filter(outbox::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(status)
}

/// The newest messages first, for the administrators' outbox page.
pub async fn recent(
    db: &impl ConnectionTrait,
    status: Option<Status>,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    let mut find = outbox::Entity::find();
    if let Some(s) = status {
        find = find.filter(outbox::Column::Status.eq(s.as_str()));
    }
    find.order_by_desc(outbox::Column::Id).limit(limit).all(db).await
}

/// Replaces [`SITE`] in a stored body with the public address (no trailing slash).
pub fn with_site(body: &str, public_url: &str) -> String {
    body.replace(SITE, public_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_six_hours() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 120);
        assert_eq!(backoff(11).num_seconds(), 6 * 3600);
        assert_eq!(backoff(500).num_seconds(), 6 * 3600);
    }

    #[test]
    fn status_round_trips() {
        for s in [Status::Queued, Status::Sent, Status::Failed] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("sending"), None);
    }

    #[test]
    fn site_marker_becomes_the_public_address() {
        let body = format!("open {SITE}/account");
        assert_eq!(
            with_site(&body, "https://registry.example/"),
            "open https://registry.example/account"
        );
    }
}
