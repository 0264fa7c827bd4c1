//! Rate limits counted in the database, so that every instance serving it shares one count:
//! behind a load balancer, sign-in attempts spread over two instances are not twice as many.
//!
//! A window starts at a subject's first attempt and lasts the limit's length. Each attempt is
//! one upsert on the subject's row in a write transaction — a new window when the old one has
//! ended, else one more hit — returning the count; when a window starts, rows of ended windows
//! are deleted.

use crate::foundations::auth::{Limit, Refused};
use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, FromQueryResult, Statement,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

/// What is being limited: each has its own counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// Sign-in attempts from one address.
    LoginIp,
    /// Sign-in attempts on one account (by the email typed).
    LoginAccount,
    /// Registrations from one address.
    Register,
    /// Requests to the public JSON API from one address.
    Api,
    /// "Forgot your password?" requests from one address.
    ResetIp,
    /// "Forgot your password?" requests for one email address.
    ResetAddress,
    /// "Send the link again" for the address check, per account.
    ConfirmResend,
    /// Buyers' inquiries from one address.
    InquiryIp,
    /// Buyers' inquiries from one email address (typed by the buyer, checked by link later).
    InquiryAddress,
}

impl Bucket {
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::LoginIp => "login-ip",
            Bucket::LoginAccount => "login-account",
            Bucket::Register => "register",
            Bucket::Api => "api",
            Bucket::ResetIp => "reset-ip",
            Bucket::ResetAddress => "reset-address",
            Bucket::ConfirmResend => "confirm-resend",
            Bucket::InquiryIp => "inquiry-ip",
            Bucket::InquiryAddress => "inquiry-address",
        }
    }
}

/// Where a subject stands after an attempt: what the `RateLimit-*` headers say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub limit: u32,
    /// Attempts left in this window.
    pub remaining: u32,
    /// Seconds until the window ends.
    pub reset_after: u64,
    /// Set when this attempt is over the limit.
    pub refused: Option<Refused>,
}

impl Usage {
    pub fn check(self) -> Result<Usage, Refused> {
        match self.refused {
            Some(r) => Err(r),
            None => Ok(self),
        }
    }
}

/// Subjects are addresses or emails: nothing longer than an email is kept.
const SUBJECT_CHARS: usize = 254;

fn table() -> Alias {
    Alias::new("rate_limit")
}

fn col(name: &str) -> Alias {
    Alias::new(name)
}

/// Both engines take `$n` parameters (SQLite numbers them by first appearance: keep the order).
const UPSERT: &str = "INSERT INTO rate_limit (bucket, subject, window_start, hits, expires_at) \
     VALUES ($1, $2, $3, 1, $4) \
     ON CONFLICT (bucket, subject) DO UPDATE SET \
     hits = CASE WHEN rate_limit.expires_at <= $3 THEN 1 ELSE rate_limit.hits + 1 END, \
     window_start = CASE WHEN rate_limit.expires_at <= $3 THEN $3 ELSE rate_limit.window_start END, \
     expires_at = CASE WHEN rate_limit.expires_at <= $3 THEN $4 ELSE rate_limit.expires_at END \
     RETURNING hits, expires_at";

#[derive(FromQueryResult)]
struct Counted {
    hits: i64,
    expires_at: i64,
}

/// Counts one attempt of `subject` in `bucket` and says whether it is within `limit`.
/// One attempt counted against several limits in order (per client address, then per account,
/// say): the first refusal stops it and is returned, so later counters do not grow on a refused
/// attempt; else the last limit's usage.
pub async fn hit_each(
    db: &DatabaseConnection,
    first: (Bucket, &str, Limit),
    then: &[(Bucket, &str, Limit)],
    now: DateTime<Utc>,
) -> Result<Usage, DbErr> {
    let mut usage = hit(db, first.0, first.1, first.2, now).await?;
    for (bucket, subject, limit) in then {
        if usage.refused.is_some() {
            break;
        }
        usage = hit(db, *bucket, subject, *limit, now).await?;
    }
    Ok(usage)
}

pub async fn hit(
    db: &DatabaseConnection,
    bucket: Bucket,
    subject: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Usage, DbErr> {
    let t = now.timestamp();
    let end = t + std::cmp::max(limit.window.as_secs(), 1) as i64;
    // Control characters never name a client or an address (and PostgreSQL refuses NUL).
    let subject: String = subject.chars().filter(|c| !c.is_control()).take(SUBJECT_CHARS).collect();
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        UPSERT,
        [bucket.as_str().into(), subject.into(), t.into(), end.into()],
    );
    let txn = crate::foundations::services::begin_write(db).await?;
    let counted = Counted::find_by_statement(statement)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::Custom("the rate-limit upsert returned no row".into()))?;
    if counted.hits == 1 {
        purge_in(&txn, now).await?;
    }
    txn.commit().await?;
    let max = i64::from(limit.max);
    let reset_after = std::cmp::max(counted.expires_at - t, 1) as u64;
    Ok(Usage {
        limit: limit.max,
        remaining: (max - counted.hits).clamp(0, max) as u32,
        reset_after,
        refused: (counted.hits > max).then_some(Refused {
            retry_after: reset_after,
            first_in_window: counted.hits == max + 1,
        }),
    })
}

/// Forgets the attempts of `subject` in `bucket` (a successful sign-in clears the account's).
pub async fn reset(db: &DatabaseConnection, bucket: Bucket, subject: &str) -> Result<(), DbErr> {
    // Control characters never name a client or an address (and PostgreSQL refuses NUL).
    let subject: String = subject.chars().filter(|c| !c.is_control()).take(SUBJECT_CHARS).collect();
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(col("bucket")).eq(bucket.as_str()))
        .and_where(Expr::col(col("subject")).eq(subject))
        .to_owned();
    let txn = crate::foundations::services::begin_write(db).await?;
    txn.execute(&delete).await?;
    txn.commit().await
}

/// Deletes the counters of windows that have ended; returns how many.
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let txn = crate::foundations::services::begin_write(db).await?;
    let n = purge_in(&txn, now).await?;
    txn.commit().await?;
    Ok(n)
}

async fn purge_in(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(col("expires_at")).lte(now.timestamp()))
        .to_owned();
    Ok(db.execute(&delete).await?.rows_affected())
}
