//! Accounts that can be recovered: the address check after registration and password resets.
//!
//! Both mail a single-use link. The link carries a random token; the database keeps only its
//! SHA-256, with an expiry and the time it was used. Asking again ends the earlier links of the
//! same kind, so only the newest one works.

use crate::{
    administration::services::audit,
    foundations::{
        domain::Email,
        entities::{account_token, user_account},
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
        services::mail::{notify, templates::Mail},
    },
    workspace::services::accounts::{
        end_all_sessions, hash_password, link_token_hash, new_password, new_token, session_id,
    },
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, sea_query::Expr,
};

/// How long the address-check link works.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);
/// How long a password-reset link works.
pub const RESET_LIFETIME: Duration = Duration::minutes(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    ConfirmEmail,
    ResetPassword,
    /// Confirms a new address before the account takes it.
    ChangeEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            Purpose::ConfirmEmail | Purpose::ChangeEmail => CONFIRM_LIFETIME,
            Purpose::ResetPassword => RESET_LIFETIME,
        }
    }
}

/// A new token for `user_id`; earlier unused tokens of the same purpose stop working.
async fn issue(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    issue_for(db, user_id, purpose, None, now).await
}

/// [`issue`], the token carrying the address a change-of-email link sets.
pub(crate) async fn issue_for(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = new_token();
    account_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(session_id(&token)),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        new_email: Set(new_email.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live token row behind `token`, if it is one: right purpose, unused, unexpired.
pub(crate) async fn live_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<account_token::Model>, DbErr> {
    let Some(hash) = link_token_hash(token) else { return Ok(None) };
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now))
}

/// Marks the token used; false when another request used it first.
pub(crate) async fn consume(
    db: &impl ConnectionTrait,
    row: &account_token::Model,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::Id.eq(row.id))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

pub(crate) fn bad_link() -> AppError {
    AppError::BadRequest(
        "this link is not valid: it has expired, was already used, or a newer one was sent".into(),
    )
}

/// Queues the address-check mail for `user` (call it in the transaction that made the account).
pub async fn send_confirmation(
    db: &impl ConnectionTrait,
    user: &user_account::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let token = issue(db, user.id, Purpose::ConfirmEmail, now).await?;
    notify::to_account(db, user, &Mail::ConfirmEmail { token }, now).await
}

/// Follows an address-check link; returns the account confirmed.
pub async fn confirm_email(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let txn = crate::foundations::services::begin_write(db).await?;
    let row = live_token(&txn, token, Purpose::ConfirmEmail, now).await?.ok_or_else(bad_link)?;
    if !consume(&txn, &row, now).await? {
        return Err(bad_link());
    }
    user_account::Entity::update_many()
        .col_expr(user_account::Column::EmailConfirmed, Expr::value(true))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(row.user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Event::new(Some(row.user_id), "account.email_confirmed", "user", row.user_id, now),
    )
    .await?;
    txn.commit().await?;
    Ok(row.user_id)
}

/// Whether the account may submit for review.
pub async fn ensure_confirmed(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    let user =
        user_account::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::Unauthorized)?;
    if user.email_confirmed { Ok(()) } else { Err(AppError::EmailUnconfirmed) }
}

/// The status a producer's new work enters with when it would go straight to review (a CSV
/// upload): submitted once the address is confirmed, a draft before.
pub async fn review_status(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<crate::foundations::domain::EntryStatus, DbErr> {
    use crate::foundations::domain::EntryStatus;
    Ok(if is_confirmed(db, user_id).await? { EntryStatus::Submitted } else { EntryStatus::Draft })
}

pub async fn is_confirmed(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DbErr> {
    Ok(user_account::Entity::find_by_id(user_id).one(db).await?.is_some_and(|u| u.email_confirmed))
}

/// "Send the link again": false when there is nothing to confirm any more.
pub async fn resend_confirmation(
    db: &DatabaseConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = crate::foundations::services::begin_write(db).await?;
    let user =
        user_account::Entity::find_by_id(user_id).one(&txn).await?.ok_or(AppError::Unauthorized)?;
    if user.email_confirmed {
        return Ok(false);
    }
    send_confirmation(&txn, &user, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// Parses the "forgot your password" form: an address is all it asks for.
pub fn parse_reset_request(v: &FormValues) -> Result<Email, FieldErrors> {
    let mut errors = FieldErrors::default();
    match errors.check("email", Email::parse(v.get("email"))) {
        Some(email) => Ok(email),
        None => Err(errors),
    }
}

/// Mails a reset link if an active account has this address; the caller answers the same
/// either way.
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &Email,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<(), AppError> {
    let txn = crate::foundations::services::begin_write(db).await?;
    let user = user_account::Entity::find()
        .filter(user_account::Column::EmailNormalized.eq(email.as_str().to_lowercase()))
        .filter(user_account::Column::Status.eq(crate::foundations::domain::AccountStatus::Active))
        .one(&txn)
        .await?;
    if let Some(user) = user {
        let token = issue(&txn, user.id, Purpose::ResetPassword, now).await?;
        notify::to_account(&txn, &user, &Mail::PasswordReset { token }, now).await?;
        audit::record(
            &txn,
            audit::Event::new(Some(user.id), "account.reset_requested", "user", user.id, now)
                .ip(ip),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether a reset link still works (the page says so before anything is typed).
pub async fn reset_link_works(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(live_token(db, token, Purpose::ResetPassword, now).await?.is_some())
}

/// Sets a new password from a reset link: the link is used up, the address counts as
/// confirmed (the mail reached it), and every session of the account ends.
pub async fn reset_password(
    db: &DatabaseConnection,
    v: &FormValues,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<(), FormError> {
    let link_problem = || FormError::field("token", Problem::new("err_reset_link"));
    let token = v.get("token").trim();
    let Some(row) = live_token(db, token, Purpose::ResetPassword, now).await? else {
        return Err(link_problem());
    };
    let user =
        user_account::Entity::find_by_id(row.user_id).one(db).await?.ok_or_else(link_problem)?;
    let mut errors = FieldErrors::default();
    let new = new_password(v, &user.email, &mut errors);
    if !errors.is_empty() {
        return Err(FormError::Invalid(errors));
    }
    let hash = hash_password(new.to_owned()).await?;
    let txn = crate::foundations::services::begin_write(db).await?;
    if !consume(&txn, &row, now).await? {
        return Err(link_problem());
    }
    user_account::Entity::update_many()
        .col_expr(user_account::Column::PasswordHash, Expr::value(hash))
        .col_expr(user_account::Column::EmailConfirmed, Expr::value(true))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let sessions = end_all_sessions(&txn, user.id).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(user.id), "account.password_reset", "user", user.id, now)
            .after(serde_json::json!({ "sessions_ended": sessions }))
            .ip(ip),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
