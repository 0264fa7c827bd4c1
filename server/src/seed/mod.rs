//! `server seed`: deterministic demo producers and listings, loaded in bulk.
//!
//! Generation and text folding (CPU) run on a blocking thread and hand ready rows to the inserter
//! (I/O) through a channel, so the two cores work at once. Rows go in as multi-row INSERTs inside one
//! transaction per batch: per-row statements would be the bottleneck at a million listings.

pub mod generator;

use app::catalogue::services::search_keys;
use app::foundations::domain::EntryStatus;
use app::foundations::domain::translit::search_key;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use generator::{SeedCert, SeedProducer};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement, Value,
    sea_query::{Alias, Query},
};
use std::{collections::HashMap, fmt, time::Instant};

/// Producers per transaction (about ten times as many listings).
const BATCH_PRODUCERS: usize = 500;
/// Rows per INSERT statement: below SQLite's 32,766 bound parameters with the widest table.
const ROWS_PER_INSERT: usize = 1000;

pub struct SeedReport {
    pub producers: u64,
    pub listings: u64,
    pub certifications: u64,
    pub seconds: f64,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seeded {} producers, {} listings, {} certifications in {:.1} s",
            self.producers, self.listings, self.certifications, self.seconds
        )
    }
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

pub async fn producer_count(db: &DatabaseConnection) -> Result<i64, DbErr> {
    scalar(db, "SELECT COUNT(*) AS n FROM producer").await
}

async fn scalar(db: &impl ConnectionTrait, sql: &str) -> Result<i64, DbErr> {
    let row = Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await?;
    Ok(row.map(|c| c.n).unwrap_or(0))
}

/// Fixed epoch for generated timestamps: the same seed must give byte-identical data.
fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().expect("valid date")
}

pub async fn seed(
    db: &DatabaseConnection,
    producers: u64,
    seed: u64,
    progress: bool,
) -> Result<SeedReport, DbErr> {
    let started = Instant::now();
    let hs = hs_info(db).await?;
    // Appending continues the generator's sequence, so a second run adds new companies
    // (with new tax identifiers) instead of colliding with the first run's.
    let first_index = producer_count(db).await? as u64;
    let first_producer_id = scalar(db, "SELECT COALESCE(MAX(id), 0) AS n FROM producer").await? + 1;
    let first_listing_id = scalar(db, "SELECT COALESCE(MAX(id), 0) AS n FROM listing").await? + 1;
    let first_cert_id =
        scalar(db, "SELECT COALESCE(MAX(id), 0) AS n FROM certification").await? + 1;

    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new(producers);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} producers ({per_sec}, eta {eta})",
            )
            .expect("valid template"),
        );
        bar
    });

    // Generation on a blocking thread, bounded channel for back-pressure.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(u64, Rows)>(4);
    // Generation and text folding (CPU) on a blocking thread, inserts (I/O) here.
    let mut ids =
        Ids { producer: first_producer_id, listing: first_listing_id, cert: first_cert_id };
    let generator = tokio::task::spawn_blocking(move || {
        let mut start = first_index;
        let last = first_index + producers;
        while start < last {
            let end = (start + BATCH_PRODUCERS as u64).min(last);
            let batch: Vec<SeedProducer> =
                (start..end).map(|i| generator::producer(seed, i)).collect();
            let rows = build_rows(&batch, start, &mut ids, &hs);
            if tx.blocking_send((batch.len() as u64, rows)).is_err() {
                return;
            }
            start = end;
        }
    });

    let mut listings = 0u64;
    let mut certifications = 0u64;
    while let Some((count, rows)) = rx.recv().await {
        listings += rows.listings.len() as u64;
        certifications += rows.certifications.len() as u64;
        let txn = app::foundations::services::begin_write(db).await?;
        insert(&txn, "producer", PRODUCER_COLUMNS, rows.producers).await?;
        insert(&txn, "listing", LISTING_COLUMNS, rows.listings).await?;
        insert(&txn, "certification", CERT_COLUMNS, rows.certifications).await?;
        txn.commit().await?;
        if let Some(bar) = &bar {
            bar.inc(count);
        }
    }
    generator.await.map_err(|e| DbErr::Custom(format!("generator failed: {e}")))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if db.get_database_backend() == DbBackend::Postgres {
        // Explicit ids bypassed the sequences: move them past what was inserted.
        for table in ["producer", "listing", "certification"] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 GREATEST((SELECT MAX(id) FROM {table}), 1))"
            ))
            .await?;
        }
        db.execute_unprepared("ANALYZE").await?;
    } else {
        db.execute_unprepared("PRAGMA optimize").await?;
    }
    app::catalogue::services::search::catalogue_changed(db).await?;
    if first_index == 0 {
        // Every stored key was just computed with the current folding.
        search_keys::mark_current(db).await?;
    }
    Ok(SeedReport { producers, listings, certifications, seconds: started.elapsed().as_secs_f64() })
}

#[derive(FromQueryResult)]
struct CodeRow {
    code: String,
    section_id: Option<i32>,
    description_en: String,
}

/// Section and folded description of each HS code, as listings denormalise them.
struct HsInfo {
    section_id: i32,
    description_key: String,
}

async fn hs_info(db: &DatabaseConnection) -> Result<HashMap<String, HsInfo>, DbErr> {
    let rows = CodeRow::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT code, section_id, description_en FROM hs_code",
    ))
    .all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let info = HsInfo {
                section_id: r.section_id?,
                description_key: search_key(&r.description_en),
            };
            Some((r.code, info))
        })
        .collect())
}

struct Ids {
    producer: i64,
    listing: i64,
    cert: i64,
}

#[derive(Default)]
struct Rows {
    producers: Vec<Vec<Value>>,
    listings: Vec<Vec<Value>>,
    certifications: Vec<Vec<Value>>,
}

const PRODUCER_COLUMNS: &[&str] = &[
    "id",
    "legal_name",
    "name_latin",
    "legal_form",
    "tax_id",
    "country_code",
    "region_code",
    "city",
    "address",
    "website",
    "phone",
    "email",
    "show_phone",
    "show_email",
    "year_founded",
    "workforce",
    "description",
    "verified",
    "verified_at",
    "status",
    "search_text",
    "published_at",
    "created_at",
    "updated_at",
];

const LISTING_COLUMNS: &[&str] = &[
    "id",
    "producer_id",
    "hs_code",
    "national_code",
    "product_name",
    "description",
    "capacity",
    "capacity_unit",
    "min_order",
    "min_order_unit",
    "lead_time_days",
    "export_markets",
    "status",
    "name_key",
    "search_text",
    "visible",
    "country_code",
    "region_code",
    "hs_section_id",
    "verified",
    "published_at",
    "created_at",
    "updated_at",
];

const CERT_COLUMNS: &[&str] = &[
    "id",
    "producer_id",
    "listing_id",
    "kind",
    "issuer",
    "number",
    "valid_from",
    "valid_until",
    "created_at",
];

fn date((y, m, d): (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn cert_row(
    id: i64,
    producer_id: i64,
    listing_id: Option<i64>,
    c: &SeedCert,
    at: DateTime<Utc>,
) -> Vec<Value> {
    vec![
        id.into(),
        producer_id.into(),
        listing_id.into(),
        c.kind.into(),
        c.issuer.clone().into(),
        c.number.clone().into(),
        date(c.valid_from).into(),
        c.valid_until.and_then(date).into(),
        at.into(),
    ]
}

fn build_rows(
    batch: &[SeedProducer],
    start: u64,
    ids: &mut Ids,
    hs: &HashMap<String, HsInfo>,
) -> Rows {
    let mut rows = Rows::default();
    for (offset, p) in batch.iter().enumerate() {
        let index = start + offset as u64;
        // Spread creation over ~2 years, deterministically.
        let created = epoch() + Duration::minutes((index as i64 * 7919) % (2 * 365 * 24 * 60));
        let producer_id = ids.producer;
        ids.producer += 1;
        let producer_key =
            search_keys::producer_text(&p.legal_name, &p.name_latin, &p.city, p.region);
        rows.producers.push(vec![
            producer_id.into(),
            p.legal_name.clone().into(),
            p.name_latin.clone().into(),
            Some(p.legal_form.clone()).into(),
            p.tax_id.clone().into(),
            p.country.into(),
            p.region.into(),
            p.city.clone().into(),
            p.address.clone().into(),
            p.website.clone().into(),
            p.phone.clone().into(),
            p.email.clone().into(),
            p.show_phone.into(),
            p.show_email.into(),
            p.year_founded.into(),
            p.workforce.map(str::to_owned).into(),
            p.description.clone().into(),
            p.verified.into(),
            p.verified.then_some(created).into(),
            EntryStatus::Published.as_str().into(),
            producer_key.clone().into(),
            Some(created).into(),
            created.into(),
            created.into(),
        ]);
        for c in &p.certifications {
            rows.certifications.push(cert_row(ids.cert, producer_id, None, c, created));
            ids.cert += 1;
        }
        for l in &p.listings {
            let listing_id = ids.listing;
            ids.listing += 1;
            let (section, hs_key) =
                hs.get(l.hs_code).map_or((0, ""), |h| (h.section_id, h.description_key.as_str()));
            let name_key = search_key(&l.product_name);
            let description_key = search_key(&l.description);
            rows.listings.push(vec![
                listing_id.into(),
                producer_id.into(),
                l.hs_code.into(),
                l.national_code.clone().into(),
                l.product_name.clone().into(),
                l.description.clone().into(),
                l.capacity.into(),
                l.capacity_unit.map(str::to_owned).into(),
                l.min_order.into(),
                l.min_order_unit.map(str::to_owned).into(),
                l.lead_time_days.into(),
                l.export_markets.join(",").into(),
                EntryStatus::Published.as_str().into(),
                name_key.clone().into(),
                search_keys::listing_text(
                    &name_key,
                    &description_key,
                    &producer_key,
                    hs_key,
                    l.hs_code,
                )
                .into(),
                true.into(),
                p.country.into(),
                p.region.into(),
                section.into(),
                p.verified.into(),
                Some(created).into(),
                created.into(),
                created.into(),
            ]);
            for c in &l.certifications {
                rows.certifications.push(cert_row(
                    ids.cert,
                    producer_id,
                    Some(listing_id),
                    c,
                    created,
                ));
                ids.cert += 1;
            }
        }
    }
    rows
}

async fn insert(
    db: &impl ConnectionTrait,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    let per_statement = (ROWS_PER_INSERT * 20 / columns.len()).clamp(1, 32_000 / columns.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut stmt = Query::insert()
            .into_table(Alias::new(table))
            .columns(columns.iter().map(|c| Alias::new(*c)))
            .to_owned();
        for row in rows.by_ref().take(per_statement) {
            stmt.values_panic(row.into_iter().map(Into::into));
        }
        db.execute(&stmt).await?;
    }
    Ok(())
}
