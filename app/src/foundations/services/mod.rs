//! Services every journey uses: mail, rate limits, the HS nomenclature look-ups, and the
//! write transaction. Like every service: plain async functions over `&DatabaseConnection`,
//! tested without HTTP.

pub mod hs_lookup;
pub mod mail;
pub mod rate_limit;
pub mod reference_names;
pub mod russian_headings;
pub mod vocabulary;

/// Starts a transaction that will write. On SQLite it begins `IMMEDIATE`: a deferred
/// transaction that reads first cannot later become the writer while another connection
/// writes, and fails at once with "database is locked" whatever the busy timeout; taking the
/// write lock up front makes concurrent writers wait their turn instead. (PostgreSQL ignores
/// the mode.)
pub async fn begin_write(
    db: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
