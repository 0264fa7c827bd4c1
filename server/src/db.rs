//! Connecting to SQLite (the embedded default) or PostgreSQL, chosen by the URL's scheme.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, if is_sqlite(url) { 8 } else { 16 }).await
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Opens the database and brings its schema up to date: what every command that uses the
/// schema starts with.
///
/// On SQLite the migrations run over a connection of their own, closed before the pool opens.
/// A pooled connection that had read the schema before a migration changed it can compile its
/// next statement against the old schema: in the test suite about one fresh database in twenty
/// answered an insert's `RETURNING` without the column a migration had just added ("Missing
/// value for column 'version'"). Connections opened after the migrations never saw the old one.
pub async fn open_migrated(url: &str) -> Result<DatabaseConnection, DbErr> {
    if !is_sqlite(url) {
        let db = connect(url).await?;
        migrate(&db).await?;
        return Ok(db);
    }
    let migrator = connect_with(url, 1).await?;
    migrate(&migrator).await?;
    migrator.close().await?;
    connect(url).await
}

async fn connect_with(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(max_connections);
    if is_sqlite(url) {
        create_parent_dir(url);
        options.map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            // WAL lets readers run while one writer writes; NORMAL sync is durable in WAL mode
            // except for the last transactions on power loss, the usual trade for a web app.
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                // 4 MiB of page cache per connection (8 connections): bounded memory; the
                // operating system's file cache holds the rest of the hot pages.
                .pragma("cache_size", "-4096")
                .pragma("temp_store", "memory")
        });
    }
    Database::connect(options).await
}

/// `sqlite://data/registry.sqlite?mode=rwc` creates the file but not the folder.
fn create_parent_dir(url: &str) {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(':') {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}
