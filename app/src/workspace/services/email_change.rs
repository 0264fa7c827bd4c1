//! Changing an account's email address: the new address is confirmed by a link mailed to it
//! (so an account never takes an address nobody reads), the current password is asked first,
//! and the old address is told once the change is done.

use crate::{
    administration::services::audit,
    foundations::{
        auth::CurrentUser,
        domain::Email,
        entities::user_account,
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
        services::{
            begin_write,
            mail::{notify, templates::Mail},
        },
    },
    workspace::services::{
        accounts::{find_by_email, verify_password},
        recovery::{Purpose, bad_link, consume, issue_for, live_token},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

/// Checks the form and mails the confirmation link to the new address.
pub async fn request(
    db: &DatabaseConnection,
    user: &CurrentUser,
    v: &FormValues,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    let mut errors = FieldErrors::default();
    let new = errors.check("new_email", Email::parse(v.get("new_email")));
    let account =
        user_account::Entity::find_by_id(user.id).one(db).await?.ok_or(AppError::Unauthorized)?;
    if let Some(new) = &new {
        if new.as_str().eq_ignore_ascii_case(&account.email) {
            errors.add("new_email", Problem::new("err_email_same"));
        } else if find_by_email(db, new.as_str()).await?.is_some() {
            errors.add("new_email", Problem::new("err_email_taken"));
        }
    }
    if !verify_password(Some(account.password_hash.clone()), v.get("current_password").to_owned())
        .await?
    {
        errors.add("current_password", Problem::new("err_password_wrong"));
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(FormError::Invalid(errors));
    };
    let txn = begin_write(db).await?;
    let token = issue_for(&txn, account.id, Purpose::ChangeEmail, Some(new.as_str()), now).await?;
    // To the new address, in the account's language.
    let mut to_new = account.clone();
    to_new.email = new.as_str().to_owned();
    notify::to_account(&txn, &to_new, &Mail::ConfirmEmailChange { token }, now).await?;
    audit::record(
        &txn,
        audit::Event::new(
            Some(account.id),
            "account.email_change_requested",
            "user",
            account.id,
            now,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Follows the link: the account takes the new address (confirmed, as the mail reached it) and
/// the old address is told. Returns the account's id.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let txn = begin_write(db).await?;
    let row = live_token(&txn, token, Purpose::ChangeEmail, now).await?.ok_or_else(bad_link)?;
    let new = row.new_email.clone().ok_or_else(bad_link)?;
    let account =
        user_account::Entity::find_by_id(row.user_id).one(&txn).await?.ok_or_else(bad_link)?;
    if find_by_email(&txn, &new).await?.is_some_and(|other| other.id != account.id) {
        return Err(AppError::Conflict(
            "another account took this address meanwhile: choose another one".into(),
        ));
    }
    if !consume(&txn, &row, now).await? {
        return Err(bad_link());
    }
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Email, Expr::value(new.clone()))
        .col_expr(user_account::Column::EmailNormalized, Expr::value(new.to_lowercase()))
        .col_expr(user_account::Column::EmailConfirmed, Expr::value(true))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    notify::to_account(&txn, &account, &Mail::EmailChanged { new_address: new.clone() }, now)
        .await?;
    audit::record(
        &txn,
        audit::Event::new(Some(account.id), "account.email_changed", "user", account.id, now)
            .before(serde_json::json!({ "email": account.email }))
            .after(serde_json::json!({ "email": new })),
    )
    .await?;
    txn.commit().await?;
    Ok(account.id)
}
