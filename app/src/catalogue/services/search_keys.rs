//! The folded columns the search reads, computed in one place for the forms, the import, the
//! seed and the startup re-keying.
//!
//! - `producer.search_text`: legal name, Latin name, city and the region's names (English,
//!   Russian, national: "Karakalpakstan" finds the companies of UZ-QR), folded
//!   (`domain::translit`).
//! - `listing.name_key`: the product name, folded (exact/prefix name ranking).
//! - `listing.search_text`: product name, description, the producer's text, the HS
//!   description, then the listing's HS chapter and heading as the tokens `hs52 hs5201`. Those
//!   cannot come out of folding typed text (folding turns `h` into `kh`), so only the product
//!   vocabulary (`services::vocabulary`) puts them in a query: a word naming a heading finds
//!   every listing of the heading, whatever language its own text is in.
//!
//! When the folding changes, [`SEARCH_KEY_VERSION`] changes and [`rekey_if_stale`] recomputes
//! the stored columns before the server starts answering (`server serve`).

use crate::foundations::domain::translit::{SEARCH_KEY_VERSION, search_key};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use std::collections::HashMap;

/// `producer.search_text`.
pub fn producer_text(legal_name: &str, name_latin: &str, city: &str, region: &str) -> String {
    let own = search_key(&format!("{legal_name} {name_latin} {city}"));
    match REGION_WORDS.get(region) {
        Some(words) => format!("{own} {words}"),
        None => own,
    }
}

/// ISO 3166-2 code → the region's names folded (English, Russian, national), without the
/// words that say what kind of place it is ("region", "oblast", "republic", "city"…), which
/// name no place: those shared by four names or more, and these.
static REGION_WORDS: std::sync::LazyLock<HashMap<String, String>> =
    std::sync::LazyLock::new(|| {
        const REGIONS: &str = include_str!("../../../../migrations/data/regions.csv");
        let rows: Vec<(&str, Vec<String>)> = REGIONS
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                let names = f.get(3..6)?.join(" ");
                Some((f[0], search_key(&names).split(' ').map(str::to_owned).collect()))
            })
            .collect();
        const KINDS: &str = "Republic of Respublika Respublikasi Autonomous Автономная Districts \
        Republican Subordination Районы республиканского подчинения Shaary";
        let kinds = search_key(KINDS);
        let kinds: Vec<&str> = kinds.split(' ').collect();
        let mut shared: HashMap<&str, usize> = HashMap::new();
        for (_, words) in &rows {
            for w in words.iter().collect::<std::collections::HashSet<_>>() {
                *shared.entry(w.as_str()).or_default() += 1;
            }
        }
        rows.iter()
            .map(|(code, words)| {
                let mut kept: Vec<&str> = Vec::new();
                for w in words {
                    let generic = shared[w.as_str()] >= 4 || kinds.contains(&w.as_str());
                    if !generic && !kept.contains(&w.as_str()) {
                        kept.push(w);
                    }
                }
                ((*code).to_owned(), kept.join(" "))
            })
            .collect()
    });

/// `listing.search_text` from its folded parts.
pub fn listing_text(
    name_key: &str,
    description_key: &str,
    producer_text: &str,
    hs_description_key: &str,
    hs_code: &str,
) -> String {
    format!(
        "{name_key} {description_key} {producer_text} {hs_description_key} {}",
        heading_tokens(hs_code)
    )
}

/// `hs52 hs5201` for `520100`: the tokens vocabulary words expand to.
pub fn heading_tokens(hs_code: &str) -> String {
    match (hs_code.get(..2), hs_code.get(..4)) {
        (Some(chapter), Some(heading)) => format!("hs{chapter} hs{heading}"),
        (Some(chapter), None) => format!("hs{chapter}"),
        _ => String::new(),
    }
}

/// The token a vocabulary entry's HS code (2 or 4 digits) expands to.
pub fn code_token(code: &str) -> String {
    format!("hs{code}")
}

#[derive(FromQueryResult)]
struct Version {
    search_key_version: i64,
}

/// The folding version the stored keys were computed with (0: unknown).
pub async fn stored_version(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let row = Version::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT search_key_version FROM catalogue_state WHERE id = 1",
    ))
    .one(db)
    .await?;
    Ok(row.map_or(0, |r| r.search_key_version))
}

/// Records that every stored key was computed with the current folding (the seed, after
/// filling an empty database).
pub async fn mark_current(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    db.execute_raw(stmt(
        db.get_database_backend(),
        "UPDATE catalogue_state SET search_key_version = $1 WHERE id = 1",
        vec![SEARCH_KEY_VERSION.into()],
    ))
    .await?;
    Ok(())
}

/// Producers re-keyed per transaction.
const BATCH: i64 = 500;

#[derive(FromQueryResult)]
struct ProducerRow {
    id: i64,
    legal_name: String,
    name_latin: String,
    city: String,
    region_code: String,
}

#[derive(FromQueryResult)]
struct ListingRow {
    id: i64,
    producer_id: i64,
    product_name: String,
    description: String,
    hs_code: String,
}

#[derive(FromQueryResult)]
struct HsRow {
    code: String,
    description_en: String,
}

/// Recomputes every stored search key when they were made with another folding version;
/// returns how many listings were re-keyed (None: they were current). One pass over the
/// tables in batches of producers; bumps the catalogue generation so caches and the facet
/// index are rebuilt.
pub async fn rekey_if_stale(db: &DatabaseConnection) -> Result<Option<u64>, DbErr> {
    if stored_version(db).await? == SEARCH_KEY_VERSION {
        return Ok(None);
    }
    let backend = db.get_database_backend();
    let hs: HashMap<String, String> = HsRow::find_by_statement(Statement::from_string(
        backend,
        "SELECT code, description_en FROM hs_code",
    ))
    .all(db)
    .await?
    .into_iter()
    .map(|r| (r.code, search_key(&r.description_en)))
    .collect();
    let mut after = 0i64;
    let mut listings = 0u64;
    loop {
        let producers = ProducerRow::find_by_statement(stmt(
            backend,
            "SELECT id, legal_name, name_latin, city, region_code FROM producer WHERE id > $1 \
             ORDER BY id LIMIT $2",
            vec![after.into(), BATCH.into()],
        ))
        .all(db)
        .await?;
        let Some(last) = producers.last() else { break };
        let (first, last) = (producers[0].id, last.id);
        after = last;
        let txn = crate::foundations::services::begin_write(db).await?;
        let mut texts = HashMap::with_capacity(producers.len());
        for p in producers {
            let text = producer_text(&p.legal_name, &p.name_latin, &p.city, &p.region_code);
            txn.execute_raw(stmt(
                backend,
                "UPDATE producer SET search_text = $1 WHERE id = $2",
                vec![text.clone().into(), p.id.into()],
            ))
            .await?;
            texts.insert(p.id, text);
        }
        let rows = ListingRow::find_by_statement(stmt(
            backend,
            "SELECT id, producer_id, product_name, description, hs_code FROM listing \
             WHERE producer_id BETWEEN $1 AND $2",
            vec![first.into(), last.into()],
        ))
        .all(&txn)
        .await?;
        for l in rows {
            let name_key = search_key(&l.product_name);
            let text = listing_text(
                &name_key,
                &search_key(&l.description),
                texts.get(&l.producer_id).map_or("", String::as_str),
                hs.get(&l.hs_code).map_or("", String::as_str),
                &l.hs_code,
            );
            txn.execute_raw(stmt(
                backend,
                "UPDATE listing SET name_key = $1, search_text = $2 WHERE id = $3",
                vec![name_key.into(), text.into(), l.id.into()],
            ))
            .await?;
            listings += 1;
        }
        txn.commit().await?;
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    mark_current(&txn).await?;
    crate::catalogue::services::search::catalogue_changed(&txn).await?;
    txn.commit().await?;
    Ok(Some(listings))
}

/// A statement written with PostgreSQL's `$n` placeholders, each used once and in order; SQLite
/// gets `?`.
fn stmt(backend: DbBackend, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    let text = match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => {
            let mut out = String::with_capacity(sql.len());
            let mut chars = sql.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    out.push('?');
                } else {
                    out.push(c);
                }
            }
            out
        }
    };
    Statement::from_sql_and_values(backend, text, values)
}

#[cfg(test)]
mod region_tests {
    use super::*;

    /// A place name in any of its spellings finds the companies of that region; the words that
    /// every region name shares do not make every company match.
    #[test]
    fn the_producers_text_names_its_region() {
        let text = producer_text("ТОО «Арал»", "TOO Aral", "Nukus", "UZ-QR");
        let words: Vec<&str> = text.split(' ').collect();
        for spelling in ["Karakalpakstan", "Каракалпакстан", "Qoraqalpogʻiston"] {
            let key = search_key(spelling);
            assert!(words.contains(&key.as_str()), "{spelling} → {key} in {text}");
        }
        for shared in ["Region", "область", "Republic", "of", "Respublikasi"] {
            let key = search_key(shared);
            assert!(!words.contains(&key.as_str()), "{shared} → {key} in {text}");
        }
        let mangystau = producer_text("A", "A", "Aktau", "KZ-47");
        assert!(mangystau.split(' ').any(|w| w == search_key("Мангистау")), "{mangystau}");
        assert_eq!(producer_text("A", "A", "B", "XX-00"), search_key("A A B"));
    }
}
