//! `server import listings|producers FILE.csv`: loading an existing register from the command
//! line, through the same parser and checks as the producers' upload form.

use anyhow::{Context, bail};
use app::foundations::domain::EntryStatus;
use app::{
    foundations::{domain::TaxId, forms::RowError, i18n::Locale},
    workspace::services::import,
};
use sea_orm::DatabaseConnection;
use std::path::Path;

#[derive(clap::Subcommand, Debug)]
pub enum ImportCommand {
    /// Listings of one producer (the upload form's CSV columns).
    Listings {
        /// The producer's tax ID with its country, e.g. KZ:940140000385.
        #[arg(long)]
        producer_tax_id: String,
        /// Import the valid rows even if others have problems.
        #[arg(long)]
        valid_only: bool,
        /// Status of the new listings: published (default, for a trusted register) or submitted.
        #[arg(long, default_value_t = EntryStatus::Published, value_parser = import_status)]
        status: EntryStatus,
        file: std::path::PathBuf,
    },
    /// Companies with their listings: company columns first, one row per listing.
    Producers {
        #[arg(long)]
        valid_only: bool,
        file: std::path::PathBuf,
    },
}

/// One line per problem: `line 5, column tax_id: …`.
fn describe_errors(errors: &[RowError]) -> String {
    let t = Locale::En.strings();
    errors
        .iter()
        .map(|e| {
            format!(
                "line {}, column {}: {}",
                e.line,
                if e.column.is_empty() { "-" } else { &e.column },
                e.problem.message(t)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_errors(errors: &[RowError]) {
    if !errors.is_empty() {
        eprintln!("{}", describe_errors(errors));
    }
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The states an imported listing may start in: published for a trusted register, otherwise
/// waiting for review or kept as a draft.
fn import_status(s: &str) -> Result<EntryStatus, String> {
    match EntryStatus::parse(s) {
        Some(st @ (EntryStatus::Published | EntryStatus::Submitted | EntryStatus::Draft)) => Ok(st),
        _ => Err("must be published, submitted or draft".into()),
    }
}

pub async fn run(db: &DatabaseConnection, command: ImportCommand) -> anyhow::Result<()> {
    let t = Locale::En.strings();
    let now = chrono::Utc::now();
    let started = std::time::Instant::now();
    match command {
        ImportCommand::Listings { producer_tax_id, valid_only, status, file } => {
            let tax_id = TaxId::parse_prefixed(&producer_tax_id)
                .map_err(|e| anyhow::anyhow!("--producer-tax-id: {e}"))?;
            let p = import::producer_with_tax_id(db, &tax_id)
                .await?
                .with_context(|| format!("no producer with tax ID {producer_tax_id}"))?;
            let opts = import::ImportOptions { status, valid_only, actor: None, now };
            let report = import::import_listings(db, &p, &read(&file)?, opts).await?;
            if let Some(problem) = report.file_problem {
                bail!(problem.message(t));
            }
            if !report.errors.is_empty() && !valid_only {
                bail!(
                    "{} problems: nothing imported (use --valid-only to import the {} valid rows)\n{}",
                    report.errors.len(),
                    report.valid,
                    describe_errors(&report.errors)
                );
            }
            print_errors(&report.errors);
            println!(
                "imported {} listings for {} in {:.2?}",
                report.imported,
                p.legal_name,
                started.elapsed()
            );
        }
        ImportCommand::Producers { valid_only, file } => {
            let outcome = import::import_producers(db, &read(&file)?, valid_only, now).await?;
            if let Some(problem) = outcome.file_problem {
                bail!(problem.message(t));
            }
            if !outcome.errors.is_empty() && !valid_only {
                bail!(
                    "{} problems: nothing imported (use --valid-only to import the valid rows)\n{}",
                    outcome.errors.len(),
                    describe_errors(&outcome.errors)
                );
            }
            print_errors(&outcome.errors);
            println!(
                "imported {} producers and {} listings in {:.2?}",
                outcome.producers,
                outcome.listings,
                started.elapsed()
            );
        }
    }
    Ok(())
}
