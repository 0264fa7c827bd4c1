//! Full-text search over `listing.search_text`: FTS5 on SQLite, a GIN `tsvector` index on
//! PostgreSQL. The column holds cross-script folded tokens, so both engines see plain ASCII
//! words and the `simple` / `unicode61` tokenizers are enough.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE listing_fts USING fts5(
        search_text, content='listing', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
     )",
    // External-content FTS: triggers keep the index in step with every write to `listing`.
    "CREATE TRIGGER listing_fts_insert AFTER INSERT ON listing BEGIN
        INSERT INTO listing_fts(rowid, search_text) VALUES (new.id, new.search_text);
     END",
    "CREATE TRIGGER listing_fts_delete AFTER DELETE ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
     END",
    "CREATE TRIGGER listing_fts_update AFTER UPDATE OF search_text ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO listing_fts(rowid, search_text) VALUES (new.id, new.search_text);
     END",
    RANK_INDEX,
];

/// Listing order without a text query (verified first, then newest): an index walk with LIMIT
/// instead of sorting every match.
const RANK_INDEX: &str =
    "CREATE INDEX idx_listing_visible_rank ON listing (visible, verified, published_at, id)";

const SQLITE_DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS idx_listing_visible_rank",
    "DROP TRIGGER IF EXISTS listing_fts_update",
    "DROP TRIGGER IF EXISTS listing_fts_delete",
    "DROP TRIGGER IF EXISTS listing_fts_insert",
    "DROP TABLE IF EXISTS listing_fts",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE INDEX idx_listing_search ON listing USING GIN (to_tsvector('simple', search_text))",
    RANK_INDEX,
];

const POSTGRES_DOWN: &[&str] =
    &["DROP INDEX IF EXISTS idx_listing_visible_rank", "DROP INDEX IF EXISTS idx_listing_search"];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_UP).await,
            DbBackend::Postgres => run(manager, POSTGRES_UP).await,
            other => Err(DbErr::Migration(format!("unsupported database: {other:?}"))),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_DOWN).await,
            DbBackend::Postgres => run(manager, POSTGRES_DOWN).await,
            other => Err(DbErr::Migration(format!("unsupported database: {other:?}"))),
        }
    }
}
