//! Domain services: plain async functions over `&DatabaseConnection`, tested without HTTP.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod catalogue;
pub mod claims;
pub mod company;
pub mod dashboard;
pub mod detail;
pub mod duplicates;
pub mod email_change;
pub mod export;
pub mod facet_index;
pub mod hs_lookup;
pub mod import;
pub mod inquiries;
pub mod inquiry_reports;
pub mod listings;
pub mod mail;
pub mod moderation;
pub mod query_terms;
pub mod rate_limit;
pub mod recovery;
pub mod review;
pub mod review_item;
pub mod rfq;
pub mod russian_headings;
pub mod search;
pub mod search_keys;
pub mod sitemap;
pub mod stats;
pub mod typo;
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
