//! `server backup` and `server restore`.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy while the server keeps serving (it reads one
//! snapshot); a restore copies that file into place, then applies pending migrations.
//! PostgreSQL: `pg_dump -Fc` and `pg_restore --no-owner`, found on the PATH.
//!
//! Both refuse to overwrite: a backup never replaces an existing file and a restore only goes
//! into an empty database (no producers, no accounts).

use crate::db;
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, FromQueryResult, Statement,
};
use std::{
    io,
    path::{Path, PathBuf},
    process::Stdio,
};

/// What a database URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite(PathBuf),
    Postgres(String),
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists: a backup never overwrites a file, choose a new name")]
    OutputExists(PathBuf),
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error("there is no SQLite database at {0}")]
    NoDatabase(PathBuf),
    #[error("cannot read the backup {path}: {source}")]
    NoBackup { path: PathBuf, source: io::Error },
    #[error("an in-memory SQLite database cannot be backed up or restored")]
    InMemory,
    #[error("unsupported database URL (expected sqlite:… or postgres://…)")]
    UnsupportedUrl,
    #[error(
        "the target database is not empty ({producers} producers, {accounts} accounts): \
         restore only into an empty database"
    )]
    NotEmpty { producers: i64, accounts: i64 },
    #[error(
        "{0} already holds a SQLite database (with no producers or accounts yet): restore \
         into a file that does not exist, or remove this one first"
    )]
    TargetFileExists(PathBuf),
    #[error("{path} is not a {expected} backup{hint}")]
    WrongFormat { path: PathBuf, expected: &'static str, hint: &'static str },
    #[error(
        "{0} was not found on the PATH: install the PostgreSQL client tools (Debian: \
         `apt-get install postgresql-client`) in the same major version as the server"
    )]
    MissingTool(&'static str),
    #[error("{tool} failed ({status}): {stderr}")]
    ToolFailed { tool: &'static str, status: std::process::ExitStatus, stderr: String },
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
}

fn io_error(context: impl Into<String>) -> impl FnOnce(io::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Io { context, source }
}

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct BackupReport {
    pub file: PathBuf,
    pub bytes: u64,
    pub backend: &'static str,
}

impl std::fmt::Display for BackupReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} backup written to {} ({} bytes)",
            self.backend,
            self.file.display(),
            self.bytes
        )
    }
}

/// What a restore brought back.
#[derive(Debug, Clone)]
pub struct RestoreReport {
    pub producers: i64,
    pub listings: i64,
    pub accounts: i64,
    pub backend: &'static str,
}

impl std::fmt::Display for RestoreReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} database restored and migrated: {} producers, {} listings, {} accounts",
            self.backend, self.producers, self.listings, self.accounts
        )
    }
}

/// `sqlite://data/x.sqlite?mode=rwc` → the file; `postgres://…` → the URL as given.
pub fn target(url: &str) -> Result<Target, BackupError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Target::Postgres(url.to_owned()));
    }
    if !url.starts_with("sqlite:") {
        return Err(BackupError::UnsupportedUrl);
    }
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(':') || url.contains("mode=memory") {
        return Err(BackupError::InMemory);
    }
    Ok(Target::Sqlite(PathBuf::from(path)))
}

/// Writes a backup of the database at `database_url` to `to`, which must not exist.
pub async fn backup(database_url: &str, to: &Path) -> Result<BackupReport, BackupError> {
    refuse_existing_output(to)?;
    let backend = match target(database_url)? {
        Target::Sqlite(path) => {
            if !path.is_file() {
                return Err(BackupError::NoDatabase(path));
            }
            let db = db::connect(database_url).await?;
            let quoted = to.to_string_lossy().replace('\'', "''");
            let result = db.execute_unprepared(&format!("VACUUM INTO '{quoted}'")).await;
            db.close().await.ok();
            result?;
            "sqlite"
        }
        Target::Postgres(url) => {
            // Dump next to the destination, then link it into place: an interrupted dump
            // never leaves a file that looks like a complete backup.
            let partial = sibling(to, "partial");
            let _ = std::fs::remove_file(&partial);
            let dumped = run_tool(
                "pg_dump",
                &["--format=custom", "--file", &partial.to_string_lossy(), "--dbname", &url],
            )
            .await;
            if let Err(err) = dumped {
                let _ = std::fs::remove_file(&partial);
                return Err(err);
            }
            let linked = std::fs::hard_link(&partial, to);
            let _ = std::fs::remove_file(&partial);
            linked.map_err(|source| match source.kind() {
                io::ErrorKind::AlreadyExists => BackupError::OutputExists(to.to_owned()),
                _ => BackupError::Io { context: format!("writing {}", to.display()), source },
            })?;
            "postgres"
        }
    };
    let bytes = std::fs::metadata(to).map_err(io_error(format!("reading {}", to.display())))?.len();
    Ok(BackupReport { file: to.to_owned(), bytes, backend })
}

fn refuse_existing_output(to: &Path) -> Result<(), BackupError> {
    if to.symlink_metadata().is_ok() {
        return Err(BackupError::OutputExists(to.to_owned()));
    }
    match to.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
            Err(BackupError::NoFolder(parent.to_owned()))
        }
        _ => Ok(()),
    }
}

/// `dir/name.ext` → `dir/name.ext.{suffix}`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_CUSTOM_MAGIC: &[u8] = b"PGDMP";

fn check_format(from: &Path, target: &Target) -> Result<(), BackupError> {
    use std::io::Read;
    let mut file = std::fs::File::open(from)
        .map_err(|source| BackupError::NoBackup { path: from.to_owned(), source })?;
    let mut head = [0u8; 16];
    let read = file
        .read(&mut head)
        .map_err(|source| BackupError::NoBackup { path: from.to_owned(), source })?;
    let head = &head[..read];
    let (ok, expected, hint) = match target {
        Target::Sqlite(_) => (
            head.starts_with(SQLITE_MAGIC),
            "SQLite",
            if head.starts_with(PG_CUSTOM_MAGIC) {
                " (it is a PostgreSQL dump: restore it with a postgres:// DATABASE_URL)"
            } else {
                ""
            },
        ),
        Target::Postgres(_) => (
            head.starts_with(PG_CUSTOM_MAGIC),
            "PostgreSQL (pg_dump -Fc)",
            if head.starts_with(SQLITE_MAGIC) {
                " (it is a SQLite database: restore it with a sqlite: DATABASE_URL)"
            } else {
                ""
            },
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(BackupError::WrongFormat { path: from.to_owned(), expected, hint })
    }
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

async fn count(db: &DatabaseConnection, sql: &str) -> Result<i64, sea_orm::DbErr> {
    Ok(Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await?
        .map_or(0, |c| c.n))
}

/// Producers and accounts in a database; a database without the tables has none.
async fn occupancy(db: &DatabaseConnection) -> Result<(i64, i64, bool), sea_orm::DbErr> {
    let tables_sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name IN ('producer', 'user_account')"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM sqlite_master \
             WHERE type = 'table' AND name IN ('producer', 'user_account')"
        }
    };
    let tables = count(db, tables_sql).await?;
    if tables < 2 {
        return Ok((0, 0, tables > 0));
    }
    let producers = count(db, "SELECT COUNT(*) AS n FROM producer").await?;
    let accounts = count(db, "SELECT COUNT(*) AS n FROM user_account").await?;
    Ok((producers, accounts, true))
}

/// Loads the backup `from` into the (empty) database at `database_url`, then migrates it.
pub async fn restore(database_url: &str, from: &Path) -> Result<RestoreReport, BackupError> {
    let target = target(database_url)?;
    check_format(from, &target)?;
    let backend = match &target {
        Target::Sqlite(path) => {
            restore_sqlite(path, from).await?;
            "sqlite"
        }
        Target::Postgres(url) => {
            let db = db::connect(url).await?;
            let occupied = occupancy(&db).await;
            db.close().await.ok();
            let (producers, accounts, has_schema) = occupied?;
            if producers > 0 || accounts > 0 {
                return Err(BackupError::NotEmpty { producers, accounts });
            }
            let file = from.to_string_lossy();
            let mut args = vec!["--no-owner", "--single-transaction", "--exit-on-error"];
            if has_schema {
                // A migrated but empty database: replace its (empty) tables with the backup's.
                args.extend(["--clean", "--if-exists"]);
            }
            args.extend(["--dbname", url, &file]);
            run_tool("pg_restore", &args).await?;
            "postgres"
        }
    };
    let db = db::open_migrated(database_url).await?;
    let report = RestoreReport {
        producers: count(&db, "SELECT COUNT(*) AS n FROM producer").await?,
        listings: count(&db, "SELECT COUNT(*) AS n FROM listing").await?,
        accounts: count(&db, "SELECT COUNT(*) AS n FROM user_account").await?,
        backend,
    };
    db.close().await.ok();
    Ok(report)
}

async fn restore_sqlite(path: &Path, from: &Path) -> Result<(), BackupError> {
    let existing = std::fs::metadata(path).map(|m| m.len()).ok();
    if existing.is_some_and(|len| len > 0) {
        // Say what is there: an operator about to lose data wants to know.
        let url = format!("sqlite://{}?mode=ro", path.display());
        if let Ok(db) = Database::connect(url.as_str()).await {
            let occupied = occupancy(&db).await;
            db.close().await.ok();
            if let Ok((producers, accounts, _)) = occupied
                && (producers > 0 || accounts > 0)
            {
                return Err(BackupError::NotEmpty { producers, accounts });
            }
        }
        return Err(BackupError::TargetFileExists(path.to_owned()));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(io_error(format!("creating the folder {}", parent.display())))?;
    }
    // An empty or missing main file makes any leftover journal meaningless; it must not be
    // replayed over the restored file.
    for suffix in ["wal", "shm", "journal"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
    let partial = sibling(path, "restoring");
    std::fs::copy(from, &partial).map_err(io_error(format!(
        "copying {} to {}",
        from.display(),
        partial.display()
    )))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(io_error(format!("writing {}", partial.display())))?;
    std::fs::rename(&partial, path).map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        BackupError::Io {
            context: format!("moving the restored file to {}", path.display()),
            source,
        }
    })
}

/// Runs a PostgreSQL client tool, turning "not installed" and failures into clear errors.
async fn run_tool(tool: &'static str, args: &[&str]) -> Result<(), BackupError> {
    let output = tokio::process::Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .await
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => BackupError::MissingTool(tool),
            _ => BackupError::Io { context: format!("running {tool}"), source },
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::ToolFailed {
            tool,
            status: output.status,
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_target() {
        assert_eq!(
            target("sqlite://data/registry.sqlite?mode=rwc").unwrap(),
            Target::Sqlite("data/registry.sqlite".into())
        );
        assert_eq!(target("sqlite:///tmp/x.db").unwrap(), Target::Sqlite("/tmp/x.db".into()));
        assert_eq!(
            target("postgres://u@h/db").unwrap(),
            Target::Postgres("postgres://u@h/db".into())
        );
        assert!(matches!(target("sqlite::memory:"), Err(BackupError::InMemory)));
        assert!(matches!(target("mysql://x"), Err(BackupError::UnsupportedUrl)));
    }

    #[tokio::test]
    async fn a_missing_tool_is_named() {
        let missing = run_tool("registry-no-such-tool", &["--version"]).await.unwrap_err();
        assert!(matches!(missing, BackupError::MissingTool("registry-no-such-tool")));
        assert!(missing.to_string().contains("registry-no-such-tool was not found on the PATH"));
    }
}
