//! CSV import of listings (the producer's upload form and the admin CLI share it).
//!
//! UTF-8 (a BOM is skipped), comma or semicolon (whichever the header uses), one header row;
//! each data row goes through the same parser as the listing form, so a row is valid exactly when
//! the form would accept it.

use crate::foundations::domain::{EntryStatus, TaxId};
use crate::foundations::error::AppError;
use crate::workspace::models::forms::COLUMNS;
use crate::{
    administration::services::audit,
    foundations::{
        entities::{hs_code, producer},
        forms::{FormValues, ImportReport, Problem, RowError},
    },
    workspace::services::{
        company::{self, CompanyInput},
        listings::{self, ListingInput},
        recovery,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ROWS: usize = 20_000;

/// Company columns of `server import producers` (before the listing columns).
pub const PRODUCER_COLUMNS: [&str; 12] = [
    "tax_id",
    "country",
    "legal_name",
    "name_latin",
    "region",
    "city",
    "address",
    "website",
    "phone",
    "public_email",
    "year_founded",
    "description",
];

/// A downloadable template: the header and one example row.
pub fn template() -> String {
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
    format!(
        "\u{feff}{}\r\nWheat flour, first grade,110100,1101001100,Baked-goods flour from Kostanay wheat,12000,t,20,t,14,\"AF, UZ, TJ\",halal|iso22000\r\n",
        header.join(",")
    )
}

/// The file's rows, parsed: the valid ones and the problems.
#[derive(Debug, Default)]
pub struct Parsed {
    pub rows: Vec<ParsedRow>,
    pub errors: Vec<RowError>,
}

#[derive(Debug)]
pub struct ParsedRow {
    pub line: usize,
    /// All columns of the row by header (the producers import reads company columns).
    pub values: FormValues,
    pub listing: ListingInput,
}

/// A problem with the file as a whole (not one row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    NotUtf8,
    Empty,
    TooManyRows,
    UnknownColumn(String),
    MissingColumn(&'static str),
    Malformed(String),
}

impl FileProblem {
    pub fn problem(&self) -> Problem {
        match self {
            FileProblem::TooLarge => {
                Problem::new("err_file_too_large").with("mb", MAX_BYTES / 1024 / 1024)
            }
            FileProblem::NotUtf8 => Problem::new("err_file_utf8"),
            FileProblem::Empty => Problem::new("err_file_empty"),
            FileProblem::TooManyRows => Problem::new("err_file_rows").with("max", MAX_ROWS),
            FileProblem::UnknownColumn(c) => Problem::new("err_file_column").with("column", c),
            FileProblem::MissingColumn(c) => Problem::new("err_file_missing").with("column", c),
            FileProblem::Malformed(m) => Problem::new("err_file_malformed").with("detail", m),
        }
    }
}

fn normalize_header(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_")
}

/// Parses a whole file. `extra_columns` are accepted besides the listing columns.
pub fn parse(
    bytes: &[u8],
    extra_columns: &[&str],
    hs_codes: &HashMap<String, hs_code::Model>,
) -> Result<Parsed, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    let delimiter =
        if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| FileProblem::Malformed(e.to_string()))?
        .iter()
        .map(normalize_header)
        .collect();
    // Map each header to a form field; company columns keep their own name.
    let mut fields = Vec::with_capacity(headers.len());
    for h in &headers {
        if let Some((_, field)) = COLUMNS.iter().find(|(c, _)| c == h) {
            fields.push(*field);
        } else if let Some(c) = extra_columns.iter().find(|c| *c == h) {
            fields.push(*c);
        } else {
            return Err(FileProblem::UnknownColumn(h.chars().take(60).collect()));
        }
    }
    for required in ["product_name", "hs_code"] {
        if !headers.iter().any(|h| h == required) {
            return Err(FileProblem::MissingColumn(required));
        }
    }
    let mut parsed = Parsed::default();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if i >= MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(RowError {
                    line,
                    column: String::new(),
                    problem: Problem::new("err_file_malformed").with("detail", e.to_string()),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > fields.len() {
            parsed.errors.push(RowError {
                line,
                column: String::new(),
                problem: Problem::new("err_row_columns")
                    .with("found", record.len())
                    .with("expected", fields.len()),
            });
            continue;
        }
        let mut values = FormValues::default();
        for (field, cell) in fields.iter().zip(record.iter()) {
            if *field == "cert" {
                for kind in cell.split(['|', ',', ';', ' ']).filter(|s| !s.trim().is_empty()) {
                    values.push("cert", kind.trim().to_lowercase());
                }
            } else {
                values.push(field, cell);
            }
        }
        let column_of = |field: &str| -> String {
            COLUMNS
                .iter()
                .find(|(_, f)| *f == field)
                .map_or(field.to_owned(), |(c, _)| (*c).to_owned())
        };
        match listings::parse_listing(&values) {
            Ok(listing) if hs_codes.contains_key(listing.hs_code.as_str()) => {
                parsed.rows.push(ParsedRow { line, values, listing })
            }
            Ok(_) => parsed.errors.push(RowError {
                line,
                column: "hs_code".into(),
                problem: Problem::new("err_hs_unknown"),
            }),
            Err(errors) => {
                for (field, problem) in errors.0 {
                    parsed.errors.push(RowError { line, column: column_of(&field), problem });
                }
            }
        }
    }
    if parsed.rows.is_empty() && parsed.errors.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(parsed)
}

/// Every HS heading and subheading, for checking thousands of rows without a query each.
pub async fn hs_table(db: &impl ConnectionTrait) -> Result<HashMap<String, hs_code::Model>, DbErr> {
    Ok(hs_code::Entity::find().all(db).await?.into_iter().map(|h| (h.code.clone(), h)).collect())
}

/// The company a producer's upload goes to: none before they have entered one, and a suspended
/// company imports nothing (forbidden).
pub async fn uploaders_company(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<Option<producer::Model>, AppError> {
    match company::own_company(db, user_id).await? {
        Some(p) if p.status == EntryStatus::Suspended => Err(AppError::Forbidden),
        found => Ok(found),
    }
}

/// The producer holding this tax ID (in its country), if any.
pub async fn producer_with_tax_id(
    db: &impl ConnectionTrait,
    tax_id: &TaxId,
) -> Result<Option<producer::Model>, DbErr> {
    producer::Entity::find()
        .filter(producer::Column::CountryCode.eq(tax_id.country().as_str()))
        .filter(producer::Column::TaxId.eq(tax_id.as_str()))
        .one(db)
        .await
}

/// Who asked for an import and how its listings start.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// Published for a trusted register (CLI), submitted for review (a producer's upload).
    pub status: EntryStatus,
    /// Import the valid rows even when others have problems.
    pub valid_only: bool,
    /// The account that uploaded the file; `None` for the command line.
    pub actor: Option<i64>,
    pub now: DateTime<Utc>,
}

/// The one listings import, for the upload form and `server import listings`: parses the
/// file, and unless it has problems (or `valid_only` is set) inserts the valid rows, updates
/// the search index when they are public, and records the import, all in one transaction.
/// The report says what happened; nothing is written when it carries a file problem or row
/// errors without `valid_only`.
pub async fn import_listings(
    db: &DatabaseConnection,
    p: &producer::Model,
    file: &[u8],
    opts: ImportOptions,
) -> Result<ImportReport, DbErr> {
    let mut report = ImportReport { valid_only: opts.valid_only, ..Default::default() };
    let hs_codes = hs_table(db).await?;
    let parsed = match parse(file, &[], &hs_codes) {
        Ok(parsed) => parsed,
        Err(problem) => {
            report.file_problem = Some(problem.problem());
            return Ok(report);
        }
    };
    report.valid = parsed.rows.len();
    report.errors = parsed.errors;
    if !report.errors.is_empty() && !opts.valid_only {
        return Ok(report);
    }
    // Listings meant for review wait as drafts while their uploader's address is unconfirmed.
    let status = match (opts.status, opts.actor) {
        (EntryStatus::Submitted, Some(user)) => recovery::review_status(db, user).await?,
        (status, _) => status,
    };
    let txn = crate::foundations::services::begin_write(db).await?;
    for row in &parsed.rows {
        let hs = &hs_codes[row.listing.hs_code.as_str()];
        listings::insert(&txn, p, &row.listing, hs, status, opts.now).await?;
    }
    if status.is_public() {
        listings::reindex_producer(&txn, p.id).await?;
        crate::catalogue::services::search::catalogue_changed(&txn).await?;
    }
    report.imported = parsed.rows.len();
    audit::record(
        &txn,
        audit::Event::new(opts.actor, "listing.import", "producer", p.id, opts.now).after(
            serde_json::json!({ "imported": report.imported, "rejected_rows": report.errors.len(), "status": status }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// The outcome of `server import producers`.
#[derive(Debug, Default)]
pub struct ProducersImport {
    pub producers: usize,
    pub listings: usize,
    /// Row problems, by line; a company whose tax ID is taken is one of them.
    pub errors: Vec<RowError>,
    pub file_problem: Option<Problem>,
}

/// Companies with their listings from one file (company columns first, one row per listing),
/// published at once: the register an authority imports is trusted. Rows are grouped by
/// country and tax ID; a company already in the registry is refused as a row error. Nothing is
/// written when there are problems, unless `valid_only`.
pub async fn import_producers(
    db: &DatabaseConnection,
    file: &[u8],
    valid_only: bool,
    now: DateTime<Utc>,
) -> Result<ProducersImport, DbErr> {
    let mut outcome = ProducersImport::default();
    let hs_codes = hs_table(db).await?;
    let parsed = match parse(file, &PRODUCER_COLUMNS, &hs_codes) {
        Ok(parsed) => parsed,
        Err(problem) => {
            outcome.file_problem = Some(problem.problem());
            return Ok(outcome);
        }
    };
    let mut errors = parsed.errors;
    // Rows grouped by company (the tax ID, with its country), in file order.
    let mut companies: BTreeMap<TaxId, (CompanyInput, Vec<&ParsedRow>)> = BTreeMap::new();
    for row in &parsed.rows {
        match company::parse_company(&row.values, now.date_naive()) {
            Ok(input) => companies
                .entry(input.tax_id.clone())
                .or_insert_with(|| (input, Vec::new()))
                .1
                .push(row),
            Err(fields) => errors.extend(fields.0.into_iter().map(|(column, problem)| RowError {
                line: row.line,
                column,
                problem,
            })),
        }
    }
    let mut taken = HashSet::new();
    for (tax_id, (_, rows)) in &companies {
        if producer_with_tax_id(db, tax_id).await?.is_some() {
            taken.insert(tax_id.clone());
            errors.push(RowError {
                line: rows[0].line,
                column: "tax_id".into(),
                problem: Problem::new("err_tax_id_taken"),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    outcome.errors = errors;
    if !outcome.errors.is_empty() && !valid_only {
        return Ok(outcome);
    }
    let bad_lines: HashSet<usize> = outcome.errors.iter().map(|e| e.line).collect();
    let txn = crate::foundations::services::begin_write(db).await?;
    for (key, (input, rows)) in &companies {
        if taken.contains(key) {
            continue;
        }
        let id = company::insert_producer(&txn, None, input, EntryStatus::Published, now).await?;
        let p = producer::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("producer {id} just inserted")))?;
        outcome.producers += 1;
        for row in rows.iter().filter(|r| !bad_lines.contains(&r.line)) {
            let hs = &hs_codes[row.listing.hs_code.as_str()];
            listings::insert(&txn, &p, &row.listing, hs, EntryStatus::Published, now).await?;
            outcome.listings += 1;
        }
    }
    crate::catalogue::services::search::catalogue_changed(&txn).await?;
    audit::record(
        &txn,
        audit::Event::new(None, "producer.import", "import", 0, now).after(serde_json::json!({
            "producers": outcome.producers,
            "listings": outcome.listings,
            "rejected_rows": outcome.errors.len(),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}
