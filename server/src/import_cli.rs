//! `server import listings|producers FILE.csv`: loading an existing register from the command
//! line, through the same parser and checks as the producers' upload form.

use anyhow::{Context, bail};
use app::domain::EntryStatus;
use app::{
    domain::TaxId,
    entities::producer,
    forms::RowError,
    i18n::Locale,
    services::{company, import},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::{collections::BTreeMap, path::Path};

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
        #[arg(long, default_value = "published", value_parser = import_status)]
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
    let hs = import::hs_table(db).await?;
    let now = chrono::Utc::now();
    match command {
        ImportCommand::Listings { producer_tax_id, valid_only, status, file } => {
            let tax_id = TaxId::parse_prefixed(&producer_tax_id)
                .map_err(|e| anyhow::anyhow!("--producer-tax-id: {e}"))?;
            let p = producer::Entity::find()
                .filter(producer::Column::CountryCode.eq(tax_id.country().as_str()))
                .filter(producer::Column::TaxId.eq(tax_id.as_str()))
                .one(db)
                .await?
                .with_context(|| format!("no producer with tax ID {producer_tax_id}"))?;
            let parsed = import::parse(&read(&file)?, &[], &hs)
                .map_err(|e| anyhow::anyhow!(e.problem().message(t)))?;
            if !parsed.errors.is_empty() && !valid_only {
                bail!(
                    "{} problems: nothing imported (use --valid-only to import the {} valid rows)\n{}",
                    parsed.errors.len(),
                    parsed.rows.len(),
                    describe_errors(&parsed.errors)
                );
            }
            print_errors(&parsed.errors);
            let started = std::time::Instant::now();
            let n = import::insert_rows(db, &p, &parsed.rows, &hs, status, now).await?;
            app::services::listings::reindex_producer(db, p.id).await?;
            app::services::search::catalogue_changed(db).await?;
            println!("imported {n} listings for {} in {:.2?}", p.legal_name, started.elapsed());
        }
        ImportCommand::Producers { valid_only, file } => {
            let parsed = import::parse(&read(&file)?, &import::PRODUCER_COLUMNS, &hs)
                .map_err(|e| anyhow::anyhow!(e.problem().message(t)))?;
            let mut errors = parsed.errors;
            // Rows grouped by company (country + tax ID), in file order.
            let mut companies: BTreeMap<
                (String, String),
                (company::CompanyInput, Vec<&import::ParsedRow>),
            > = BTreeMap::new();
            for row in &parsed.rows {
                match company::parse_company(&row.values, now.date_naive()) {
                    Ok(input) => {
                        companies
                            .entry((input.country.clone(), input.tax_id.clone()))
                            .or_insert_with(|| (input, Vec::new()))
                            .1
                            .push(row);
                    }
                    Err(fields) => {
                        errors.extend(fields.0.into_iter().map(|(column, problem)| RowError {
                            line: row.line,
                            column,
                            problem,
                        }))
                    }
                }
            }
            let mut taken = std::collections::HashSet::new();
            for ((country, tax_id), (_, rows)) in &companies {
                let exists = producer::Entity::find()
                    .filter(producer::Column::CountryCode.eq(country))
                    .filter(producer::Column::TaxId.eq(tax_id))
                    .one(db)
                    .await?
                    .is_some();
                if exists {
                    taken.insert((country.clone(), tax_id.clone()));
                    errors.push(RowError {
                        line: rows[0].line,
                        column: "tax_id".into(),
                        problem: app::forms::Problem::new("err_tax_id_taken"),
                    });
                }
            }
            errors.sort_by_key(|e| e.line);
            if !errors.is_empty() && !valid_only {
                bail!(
                    "{} problems: nothing imported (use --valid-only to import the valid rows)\n{}",
                    errors.len(),
                    describe_errors(&errors)
                );
            }
            print_errors(&errors);
            let bad_lines: std::collections::HashSet<usize> =
                errors.iter().map(|e| e.line).collect();
            let started = std::time::Instant::now();
            let txn = app::services::begin_write(db).await?;
            let (mut producers, mut listings) = (0usize, 0usize);
            for (key, (input, rows)) in &companies {
                if taken.contains(key) {
                    continue;
                }
                let id = company::insert_producer(&txn, None, input, EntryStatus::Published, now)
                    .await?;
                let p = producer::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .context("inserted producer")?;
                producers += 1;
                for row in rows.iter().filter(|r| !bad_lines.contains(&r.line)) {
                    app::services::listings::insert(
                        &txn,
                        &p,
                        &row.listing,
                        &hs[&row.listing.hs_code],
                        EntryStatus::Published,
                        now,
                    )
                    .await?;
                    listings += 1;
                }
            }
            app::services::search::catalogue_changed(&txn).await?;
            txn.commit().await?;
            println!(
                "imported {producers} producers and {listings} listings in {:.2?}",
                started.elapsed()
            );
        }
    }
    Ok(())
}
