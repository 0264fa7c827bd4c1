//! Accounts and sessions: registration, sign-in, password changes, and the server-side session
//! store (one row per signed-in browser; the cookie holds a random token, the row its hash).

use crate::foundations::domain::AccountStatus;
use crate::{
    administration::services::audit,
    foundations::{
        auth::{AuthConfig, CurrentUser, Role},
        domain::Email,
        entities::{session, user_account},
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
    },
};
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{
        SaltString,
        rand_core::{OsRng, RngCore},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// How long a password check waits for a free core before the request is refused (429).
const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Password hashes at once: each holds a core for tens of milliseconds, and a flood of sign-in
/// attempts (from many addresses, past the per-address limits) must leave a core for search,
/// pages and the API. One less than the cores, at least one.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1))
    })
}

/// Runs argon2 work on the blocking pool (19 MiB of memory-hard work must not stall the async
/// workers), one of [`hashing_permits`] at a time.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let permit = tokio::time::timeout(HASH_WAIT, hashing_permits().acquire())
        .await
        .map_err(|_| AppError::TooManyRequests(HASH_WAIT.as_secs()))?
        .map_err(|_| AppError::Internal)?;
    let done = tokio::task::spawn_blocking(work).await.map_err(|_| AppError::Internal);
    drop(permit);
    done
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Verifies against `hash`; with no hash (unknown email) verifies against a fixed dummy so the
/// answer takes as long either way.
pub async fn verify_password(hash: Option<String>, password: String) -> Result<bool, AppError> {
    hashing(move || {
        let stored = hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else { return false };
        let ok = hasher().verify_password(password.as_bytes(), &parsed).is_ok();
        ok && stored != DUMMY_HASH
    })
    .await
}

/// argon2id hash (same parameters) of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0K4PvkHDQwwA5lAD+/6Bp0ZIpwaxWvzGLZ8Gq0fg5eY";

/// How much of a password the guessability estimate reads.
const ESTIMATE_CHARS: usize = 20;

/// Length and guessability rules; `email` counts as a guessable input.
pub fn password_problem(password: &str, email: &str) -> Option<Problem> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Some(Problem::new("err_password_short").with("min", PASSWORD_MIN));
    }
    if n > PASSWORD_MAX {
        return Some(Problem::new("err_too_long").with("max", PASSWORD_MAX));
    }
    let local = email.split('@').next().unwrap_or_default();
    // zxcvbn's keyboard-pattern estimate overflows u64 (a panic in debug builds, a wrapped
    // count in release) from about 30 characters of zigzag ("0101…" on the keypad): it reads
    // the first 20 only, enough to call a password guessable (a longer one is not weaker).
    let sample: String = password.chars().take(ESTIMATE_CHARS).collect();
    let estimate = zxcvbn::zxcvbn(&sample, &[email, local, "registry", "producer"]);
    if u8::from(estimate.score()) < 2 {
        let advice = estimate
            .feedback()
            .map(|f| {
                let mut parts: Vec<String> =
                    f.warning().map(|w| w.to_string()).into_iter().collect();
                parts.extend(f.suggestions().iter().map(|s| s.to_string()));
                parts.join(" ")
            })
            .unwrap_or_default();
        return Some(Problem::new("err_password_weak").with("advice", advice));
    }
    None
}

/// Parsed registration form.
pub struct Registration {
    pub email: Email,
    pub password: String,
}

pub fn parse_registration(v: &FormValues) -> Result<Registration, FieldErrors> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(v.get("email")));
    let password = v.get("password");
    if let Some(p) = password_problem(password, v.get("email")) {
        errors.add("password", p);
    } else if password != v.get("password_confirm") {
        errors.add("password_confirm", Problem::new("err_password_mismatch"));
    }
    if !v.checked("accept_terms") {
        errors.add("accept_terms", Problem::new("err_terms"));
    }
    match (errors.is_empty(), email) {
        (true, Some(email)) => Ok(Registration { email, password: password.to_owned() }),
        _ => Err(errors),
    }
}

/// Creates a producer account, its address unconfirmed, and queues the confirmation mail in
/// the same transaction. A taken email is the only field error here (the form says so: hiding
/// it would only make registration confusing; sign-in never reveals it).
pub async fn register(
    db: &DatabaseConnection,
    reg: Registration,
    locale: crate::foundations::i18n::Locale,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<user_account::Model, FormError> {
    let taken = find_by_email(db, reg.email.as_str()).await?;
    if taken.is_some() {
        return Err(FormError::field("email", Problem::new("err_email_taken")));
    }
    let hash = hash_password(reg.password).await?;
    let txn = crate::foundations::services::begin_write(db).await?;
    let account = NewAccount {
        email: &reg.email,
        password_hash: hash,
        role: Role::Producer,
        email_confirmed: false,
        locale: Some(locale.code()),
    };
    let user = insert_account(&txn, account, now)
        .await
        // Two registrations racing for one email: the unique index decides.
        .map_err(|e| {
            if is_unique_violation(&e) {
                FormError::field("email", Problem::new("err_email_taken"))
            } else {
                e.into()
            }
        })?;
    crate::workspace::services::recovery::send_confirmation(&txn, &user, now).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(user.id), "account.register", "user", user.id, now).ip(ip),
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// A new account, before it is written. The caller has checked the password and hashed it.
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub password_hash: String,
    pub role: Role,
    /// False until a mailed link is followed; accounts an operator makes are confirmed.
    pub email_confirmed: bool,
    /// The interface language, for the mail the account receives.
    pub locale: Option<&'a str>,
}

/// Writes a new, active account.
pub async fn insert_account(
    db: &impl ConnectionTrait,
    account: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<user_account::Model, DbErr> {
    user_account::ActiveModel {
        email: Set(account.email.as_str().to_owned()),
        email_normalized: Set(account.email.as_str().to_lowercase()),
        password_hash: Set(account.password_hash),
        role: Set(account.role.as_str().to_owned()),
        status: Set(AccountStatus::Active),
        email_confirmed: Set(account.email_confirmed),
        locale: Set(account.locale.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The account with this address, compared as the unique index compares (lowercase).
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::EmailNormalized.eq(email.trim().to_lowercase()))
        .one(db)
        .await
}

/// Administrators, oldest first.
pub async fn administrators(db: &impl ConnectionTrait) -> Result<Vec<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::Admin.as_str()))
        .order_by_asc(user_account::Column::Id)
        .all(db)
        .await
}

pub fn is_unique_violation(e: &DbErr) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("unique") || text.contains("duplicate key")
}

/// Checks an email and password. Unknown emails and wrong passwords look the same.
pub async fn authenticate(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<Option<user_account::Model>, AppError> {
    let user = find_by_email(db, email).await?;
    let ok = verify_password(user.as_ref().map(|u| u.password_hash.clone()), password.to_owned())
        .await?;
    Ok(user.filter(|u| ok && u.status == AccountStatus::Active))
}

/// Remembers the interface language an account chose: the language of the mail it gets.
pub async fn set_locale(
    db: &DatabaseConnection,
    user_id: i64,
    locale: crate::foundations::i18n::Locale,
) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Locale, sea_orm::sea_query::Expr::value(locale.code()))
        .filter(user_account::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A new random session token (what the cookie holds).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database stores for a token: a leaked table does not leak live sessions.
/// The stored hash of a mailed link's token, or None when `token` is not one (64 hex digits):
/// links are compared by hash, so the database never holds a live token.
pub fn link_token_hash(token: &str) -> Option<String> {
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| session_id(&token.to_ascii_lowercase()))
}

pub fn session_id(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for `user_id`; returns the cookie token.
pub async fn start_session(
    db: &impl ConnectionTrait,
    user_id: i64,
    now: DateTime<Utc>,
    config: &AuthConfig,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<String, DbErr> {
    let token = new_token();
    let lifetime = chrono::Duration::from_std(config.absolute_lifetime).unwrap_or_default();
    session::ActiveModel {
        id: Set(session_id(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetime),
        ip: Set(ip.map(str::to_owned)),
        user_agent: Set(user_agent.map(|s| s.chars().take(300).collect())),
    }
    .insert(db)
    .await?;
    user_account::Entity::update_many()
        .col_expr(user_account::Column::LastLoginAt, sea_orm::sea_query::Expr::value(now))
        .filter(user_account::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(token)
}

/// The user behind a cookie token, if the session is live; expired sessions are deleted.
pub async fn resolve_session(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
    config: &AuthConfig,
) -> Result<Option<CurrentUser>, DbErr> {
    let id = session_id(token);
    let Some(row) = session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    let idle = chrono::Duration::from_std(config.idle_timeout).unwrap_or_default();
    if row.expires_at <= now || row.last_seen_at + idle <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let Some(user) = user_account::Entity::find_by_id(row.user_id).one(db).await? else {
        return Ok(None);
    };
    if user.status != AccountStatus::Active {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    // Touch at most once a minute: one write per page view would be wasted I/O.
    if now - row.last_seen_at > chrono::Duration::seconds(60) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
            .filter(session::Column::Id.eq(&id))
            .exec(db)
            .await?;
    }
    Ok(Some(CurrentUser {
        id: user.id,
        email: user.email,
        role: Role::parse(&user.role),
        session_id: id,
    }))
}

pub async fn end_session(db: &impl ConnectionTrait, session_id: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(session_id.to_owned()).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (password change elsewhere, suspension).
pub async fn end_all_sessions(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// The new password of a form (`new_password`, typed twice): its problem, or that the two
/// differ, goes into `errors`.
pub(crate) fn new_password<'a>(
    v: &'a FormValues,
    email: &str,
    errors: &mut FieldErrors,
) -> &'a str {
    let new = v.get("new_password");
    if let Some(p) = password_problem(new, email) {
        errors.add("new_password", p);
    } else if new != v.get("new_password_confirm") {
        errors.add("new_password_confirm", Problem::new("err_password_mismatch"));
    }
    new
}

/// Changes the password after checking the current one; other sessions of the user end.
pub async fn change_password(
    db: &DatabaseConnection,
    user: &CurrentUser,
    v: &FormValues,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    let mut errors = FieldErrors::default();
    let new = new_password(v, &user.email, &mut errors);
    let row = user_account::Entity::find_by_id(user.id).one(db).await?.ok_or(AppError::NotFound)?;
    if !verify_password(Some(row.password_hash.clone()), v.get("current_password").to_owned())
        .await?
    {
        errors.add("current_password", Problem::new("err_password_wrong"));
    }
    if !errors.is_empty() {
        return Err(FormError::Invalid(errors));
    }
    let hash = hash_password(new.to_owned()).await?;
    user_account::Entity::update_many()
        .col_expr(user_account::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .col_expr(user_account::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(user_account::Column::Id.eq(user.id))
        .exec(db)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user.id))
        .filter(session::Column::Id.ne(&user.session_id))
        .exec(db)
        .await?;
    audit::record(db, audit::Event::new(Some(user.id), "account.password", "user", user.id, now))
        .await?;
    Ok(())
}

/// Accounts for the administrators' list (at most 200, administrators first), each with the
/// producer it owns, filtered by a part of the e-mail address.
pub async fn list_for_admin(
    db: &DatabaseConnection,
    email_contains: Option<&str>,
) -> Result<Vec<(user_account::Model, Option<crate::foundations::entities::producer::Model>)>, DbErr>
{
    use crate::foundations::entities::producer;
    use sea_orm::{QueryOrder, QuerySelect};
    let mut find = user_account::Entity::find();
    if let Some(q) = email_contains.map(str::trim).filter(|q| !q.is_empty()) {
        find = find.filter(user_account::Column::EmailNormalized.contains(q.to_lowercase()));
    }
    let users = find
        .order_by_desc(user_account::Column::Role)
        .order_by_asc(user_account::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let producers = producer::Entity::find()
        .filter(producer::Column::OwnerUserId.is_in(ids))
        .filter(producer::Column::Status.ne(crate::foundations::domain::EntryStatus::Merged))
        .all(db)
        .await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let p = producers.iter().find(|p| p.owner_user_id == Some(u.id)).cloned();
            (u, p)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dummy_hash_parses_with_the_real_parameters() {
        let parsed = PasswordHash::new(DUMMY_HASH).expect("dummy hash parses");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
    }

    #[test]
    fn password_rules() {
        assert_eq!(password_problem("short", "a@b.kz").unwrap().key, "err_password_short");
        assert_eq!(password_problem("password123", "a@b.kz").unwrap().key, "err_password_weak");
        assert_eq!(password_problem(&"x".repeat(129), "a@b.kz").unwrap().key, "err_too_long");
        assert!(password_problem("Шымкент-мука-2026!", "a@b.kz").is_none());
        assert!(password_problem("correct horse battery staple", "a@b.kz").is_none());
    }

    #[test]
    fn long_keypad_zigzags_are_judged_without_overflow() {
        // Found by the hostile-input drill: "0101…" of 30 characters or more (a turn at every
        // key of the numeric keypad) overflowed zxcvbn's spatial estimate, a panic.
        for n in [15, 40, 64] {
            let password = "01".repeat(n);
            assert_eq!(password_problem(&password, "a@b.kz").unwrap().key, "err_password_weak");
        }
    }
}
