//! Catalogue search on SQLite (FTS5) and PostgreSQL (GIN `tsvector`), one code path.
//!
//! Text is matched on `listing.search_text`, which holds product, company and HS texts folded to
//! Latin search tokens (see `domain::translit`); the query is folded the same way, so `almaty`
//! finds `Алматы` and `ООО` finds `OOO`. Filters and facets read the listing's denormalised
//! columns, so no facet needs a join except certification.

use super::{query_terms::Terms, typo::TermDict};
use crate::{
    catalogue::query::{
        SearchRequest, Sort,
        params::section_roman,
        results::{Facets, ListingHit, SearchResults},
    },
    foundations::domain::{
        hs_code::looks_like_hs_query, translit::search_tokens, transliterate_name,
    },
};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement, Value};
use std::collections::{BTreeMap, HashMap};

mod generation;
mod index_text;
mod producers;

pub use generation::{catalogue_changed, catalogue_generation};
pub use index_text::IndexText;
pub use producers::search_producers;

/// At most this many words of a query take part in matching.
const MAX_TOKENS: usize = 8;

/// SQL text with bound values, written once for both engines' placeholder styles.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Self {
        Self { backend, text: String::new(), values: Vec::new() }
    }

    fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    fn bind(&mut self, v: impl Into<Value>) -> &mut Self {
        self.values.push(v.into());
        match self.backend {
            DbBackend::Postgres => {
                let n = self.values.len();
                self.text.push_str(&format!("${n}"));
            }
            _ => self.text.push('?'),
        }
        self
    }

    fn statement(&self) -> Statement {
        Statement::from_sql_and_values(self.backend, &self.text, self.values.clone())
    }
}

/// The filter a facet ignores when counting its own values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    None,
    Country,
    Region,
    Section,
    Chapter,
    Cert,
    Verified,
}

/// The text part of a search, decided once per request.
enum TextMatch {
    None,
    /// The query was an HS code or prefix: match that code and its children.
    HsPrefix(String),
    /// Folded words (the last one matches as a prefix) with their alternatives.
    Tokens(Terms),
    /// Something was typed but nothing in it can match (only punctuation or emoji).
    Nothing,
}

fn text_match(q: &str, dict: Option<&TermDict>) -> TextMatch {
    if q.trim().is_empty() {
        return TextMatch::None;
    }
    if let Some(code) = looks_like_hs_query(q) {
        return TextMatch::HsPrefix(code.as_str().to_owned());
    }
    let mut tokens = search_tokens(q);
    tokens.truncate(MAX_TOKENS);
    if tokens.is_empty() {
        return TextMatch::Nothing;
    }
    let headings = crate::foundations::services::russian_headings::named_in(q);
    TextMatch::Tokens(Terms::new(tokens, dict, &headings))
}

/// Appends `AND …` conditions for every active filter except `skip`.
fn conditions(sql: &mut Sql, req: &SearchRequest, text: &TextMatch, skip: Facet) {
    sql.push(" WHERE l.visible = TRUE");
    match text {
        TextMatch::None => {}
        TextMatch::Nothing => {
            sql.push(" AND 1 = 0");
        }
        TextMatch::HsPrefix(code) => {
            // Digits only (parsed), so the LIKE pattern needs no escaping.
            sql.push(" AND l.hs_code LIKE ").bind(format!("{code}%"));
        }
        TextMatch::Tokens(terms) => {
            sql.push(" AND ");
            fts_condition(sql, terms, false);
        }
    }
    if skip != Facet::Country && !req.countries.is_empty() {
        sql.push(" AND l.country_code IN (");
        for (i, c) in req.countries.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(c.as_str());
        }
        sql.push(")");
    }
    if skip != Facet::Region && !req.regions.is_empty() {
        sql.push(" AND l.region_code IN (");
        for (i, r) in req.regions.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(r.as_str());
        }
        sql.push(")");
    }
    if let Some(hs) = &req.hs {
        // The drill-down (section → chapter → heading) keeps its siblings visible: the chapter
        // facet ignores the chapter-or-finer code filter but keeps the section.
        if skip != Facet::Chapter {
            sql.push(" AND l.hs_code LIKE ").bind(format!("{}%", hs.as_str()));
        }
    }
    if skip != Facet::Section
        && let Some(section) = req.section
    {
        sql.push(" AND l.hs_section_id = ").bind(section);
    }
    if skip != Facet::Verified && req.verified {
        sql.push(" AND l.verified = TRUE");
    }
    if skip != Facet::Cert
        && let Some(cert) = req.cert
    {
        sql.push(
            " AND EXISTS (SELECT 1 FROM certification c WHERE c.producer_id = l.producer_id \
             AND (c.listing_id IS NULL OR c.listing_id = l.id) AND c.kind = ",
        )
        .bind(cert.as_str())
        .push(")");
    }
}

/// The full-text condition on `l`: the words with their alternatives, or (`direct`) alone.
fn fts_condition(sql: &mut Sql, terms: &Terms, direct: bool) {
    let query = terms.fts_query(sql.backend, direct);
    match sql.backend {
        DbBackend::Postgres => {
            sql.push("to_tsvector('simple', l.search_text) @@ to_tsquery('simple', ")
                .bind(query)
                .push(")");
        }
        _ => {
            sql.push("l.id IN (SELECT rowid FROM listing_fts WHERE listing_fts MATCH ")
                .bind(query)
                .push(")");
        }
    }
}

#[derive(FromQueryResult)]
struct KeyCount {
    key: String,
    n: i64,
}

async fn facet(
    db: &DatabaseConnection,
    req: &SearchRequest,
    text: &TextMatch,
    skip: Facet,
    key_sql: &str,
) -> Result<BTreeMap<String, i64>, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!("SELECT {key_sql} AS key, COUNT(*) AS n FROM listing l"));
    conditions(&mut sql, req, text, skip);
    sql.push(" GROUP BY 1");
    let rows = KeyCount::find_by_statement(sql.statement()).all(db).await?;
    Ok(rows.into_iter().map(|r| (r.key, r.n)).collect())
}

async fn facets(
    db: &DatabaseConnection,
    req: &SearchRequest,
    text: &TextMatch,
) -> Result<Facets, DbErr> {
    let chapter_key = match db.get_database_backend() {
        DbBackend::Postgres => "LEFT(l.hs_code, 2)",
        _ => "substr(l.hs_code, 1, 2)",
    };
    let section_key = "CAST(l.hs_section_id AS TEXT)";
    let verified_key = "CASE WHEN l.verified = TRUE THEN 'true' ELSE 'false' END";
    let sections = facet(db, req, text, Facet::Section, section_key).await?;
    let mut cert_sql = Sql::new(db.get_database_backend());
    cert_sql.push(
        "SELECT c.kind AS key, COUNT(DISTINCT l.id) AS n FROM listing l \
         JOIN certification c ON c.producer_id = l.producer_id \
         AND (c.listing_id IS NULL OR c.listing_id = l.id)",
    );
    conditions(&mut cert_sql, req, text, Facet::Cert);
    cert_sql.push(" GROUP BY c.kind");
    let cert = KeyCount::find_by_statement(cert_sql.statement()).all(db).await?;
    Ok(Facets {
        country: facet(db, req, text, Facet::Country, "l.country_code").await?,
        region: facet(db, req, text, Facet::Region, "l.region_code").await?,
        hs_section: sections
            .into_iter()
            .map(|(k, n)| (section_roman(k.parse().unwrap_or(0)).to_owned(), n))
            .collect(),
        hs_chapter: facet(db, req, text, Facet::Chapter, chapter_key).await?,
        cert: cert.into_iter().map(|r| (r.key, r.n)).collect(),
        verified: facet(db, req, text, Facet::Verified, verified_key).await?,
    })
}

fn order_by(sql: &mut Sql, req: &SearchRequest, text: &TextMatch) {
    match (req.sort, text) {
        (Sort::Relevance, TextMatch::Tokens(terms)) => {
            // Exact name, then name prefix, then every word in the name, then the words
            // elsewhere, then matches found only through a heading or a typo correction.
            let phrase = terms.phrase();
            sql.push(" ORDER BY CASE WHEN l.name_key = ")
                .bind(phrase.clone())
                .push(" THEN 0 WHEN l.name_key LIKE ")
                .bind(format!("{phrase}%"))
                .push(" THEN 1 WHEN ");
            // Every word in the product name (the last one as a prefix).
            let last = terms.0.len().saturating_sub(1);
            for (i, t) in terms.0.iter().enumerate() {
                if i > 0 {
                    sql.push(" AND ");
                }
                let pattern =
                    if i == last { format!("% {}%", t.word) } else { format!("% {} %", t.word) };
                sql.push("(' ' || l.name_key || ' ') LIKE ").bind(pattern);
            }
            sql.push(" THEN 2");
            if terms.expanded() {
                sql.push(" WHEN ");
                fts_condition(sql, terms, true);
                sql.push(" THEN 3");
            }
            sql.push(" ELSE 4 END, l.verified DESC, l.published_at DESC, l.id DESC");
        }
        (Sort::Relevance, _) => {
            sql.push(" ORDER BY l.verified DESC, l.published_at DESC, l.id DESC");
        }
        (Sort::Newest, _) => {
            sql.push(" ORDER BY l.published_at DESC, l.id DESC");
        }
        (Sort::Name, _) => {
            sql.push(" ORDER BY l.product_name ASC, l.id ASC");
        }
    }
}

#[derive(FromQueryResult)]
struct ListingRow {
    id: i64,
    product_name: String,
    producer_id: i64,
    legal_name: String,
    name_latin: String,
    country_code: String,
    region_code: String,
    hs_code: String,
    description_en: String,
    verified: bool,
}

fn offset(req: &SearchRequest) -> u64 {
    (req.page.max(1) as u64 - 1) * req.per_page as u64
}

/// Total and facet counts of a search: they depend on its text and filters only.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub listings: i64,
    pub producers: i64,
    pub facets: Facets,
}

/// The part of a request its [`Summary`] depends on, in a given catalogue generation: the
/// words as the search understands them (so `a`, `a.` and ` A ` share one entry), the filters.
pub fn summary_key(req: &SearchRequest, generation: u64) -> String {
    let mut key = req.clone();
    key.q = String::new();
    key.page = 1;
    key.per_page = crate::catalogue::query::params::DEFAULT_PER_PAGE;
    key.sort = Sort::Relevance;
    key.view = Default::default();
    format!("{generation}:{}:{}", text_key(&req.q), key.to_query())
}

/// What a query's words match, as a cache key: equal for queries the search cannot tell apart.
pub fn text_key(q: &str) -> String {
    match text_match(q, None) {
        TextMatch::None => "-".to_owned(),
        TextMatch::Nothing => "0".to_owned(),
        TextMatch::HsPrefix(code) => format!("hs{code}"),
        TextMatch::Tokens(terms) => format!("w{}", terms.phrase()),
    }
}

pub async fn summary(db: &DatabaseConnection, req: &SearchRequest) -> Result<Summary, DbErr> {
    let text = text_match(&req.q, None);
    let mut count = Sql::new(db.get_database_backend());
    count.push("SELECT COUNT(*) AS n, COUNT(DISTINCT l.producer_id) AS producers FROM listing l");
    conditions(&mut count, req, &text, Facet::None);
    let totals = Totals::find_by_statement(count.statement()).one(db).await?;
    let (listings, producers) = totals.map_or((0, 0), |t| (t.n, t.producers));
    Ok(Summary { listings, producers, facets: facets(db, req, &text).await? })
}

/// Listing hits for ids, in the order given.
pub async fn listings_by_ids(
    db: &DatabaseConnection,
    ids: &[i64],
) -> Result<Vec<ListingHit>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT l.id, l.product_name, l.producer_id, p.legal_name, p.name_latin, l.country_code, \
         l.region_code, l.hs_code, h.description_en, l.verified \
         FROM listing l JOIN producer p ON p.id = l.producer_id JOIN hs_code h ON h.code = l.hs_code \
         WHERE l.id IN ({list})"
    );
    let rows =
        ListingRow::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
            .all(db)
            .await?;
    let mut by_id: HashMap<i64, ListingHit> = rows.into_iter().map(|r| (r.id, hit(r))).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn hit(r: ListingRow) -> ListingHit {
    ListingHit {
        name_latin: transliterate_name(&r.product_name),
        url: format!("/listings/{}", r.id),
        id: r.id,
        name: r.product_name,
        producer_id: r.producer_id,
        producer_name: r.legal_name,
        producer_name_latin: r.name_latin,
        country: r.country_code,
        region: r.region_code,
        hs_code: r.hs_code,
        hs_description: r.description_en,
        verified: r.verified,
    }
}

/// [`summary`] computed from the in-memory [`FacetIndex`](super::facet_index::FacetIndex)
/// (the full-text index only finds which listings the words match).
pub async fn summary_from_index(
    db: &DatabaseConnection,
    index: &super::facet_index::FacetIndex,
    req: &SearchRequest,
) -> Result<Summary, DbErr> {
    Ok(match text_match(&req.q, Some(index.terms())) {
        TextMatch::None => index.summarize(req, None, None),
        TextMatch::Nothing => Summary { listings: 0, producers: 0, facets: Facets::default() },
        TextMatch::HsPrefix(code) => index.summarize(req, None, Some(&code)),
        TextMatch::Tokens(terms) => {
            let query = terms.fts_query(db.get_database_backend(), false);
            let ids = super::facet_index::text_ids(db, &query).await?;
            index.summarize(req, Some(&ids), None)
        }
    })
}

#[derive(FromQueryResult)]
struct Totals {
    n: i64,
    producers: i64,
}

async fn summary_or(
    db: &DatabaseConnection,
    req: &SearchRequest,
    cached: Option<Summary>,
) -> Result<Summary, DbErr> {
    match cached {
        Some(s) => Ok(s),
        None => summary(db, req).await,
    }
}

pub async fn search_listings(
    db: &DatabaseConnection,
    req: &SearchRequest,
    cached: Option<Summary>,
) -> Result<SearchResults<ListingHit>, DbErr> {
    let text = text_match(&req.q, None);
    let summary = summary_or(db, req, cached).await?;
    let total = summary.listings;

    let items = listing_hits(db, req, &text, req.per_page as u64, offset(req), true).await?;
    Ok(SearchResults {
        total,
        page: req.page,
        per_page: req.per_page,
        items,
        facets: summary.facets,
    })
}

/// One page of listing hits (also the CSV export, with a larger limit). `pages`: the relevance
/// order's first page takes turns between producers, as the index's does
/// ([`super::facet_index::diversify`]); the export keeps the plain order.
async fn listing_hits(
    db: &DatabaseConnection,
    req: &SearchRequest,
    text: &TextMatch,
    limit: u64,
    offset: u64,
    pages: bool,
) -> Result<Vec<ListingHit>, DbErr> {
    let window = if pages && req.sort == Sort::Relevance { limit * 5 } else { 0 };
    let (sql_limit, sql_offset) =
        if window > 0 { ((offset + limit).max(window), 0) } else { (limit, offset) };
    let mut items = Sql::new(db.get_database_backend());
    items.push(
        "SELECT l.id, l.product_name, l.producer_id, p.legal_name, p.name_latin, l.country_code, \
         l.region_code, l.hs_code, h.description_en, l.verified \
         FROM listing l JOIN producer p ON p.id = l.producer_id JOIN hs_code h ON h.code = l.hs_code",
    );
    conditions(&mut items, req, text, Facet::None);
    order_by(&mut items, req, text);
    items.push(&format!(" LIMIT {sql_limit} OFFSET {sql_offset}"));
    let rows = ListingRow::find_by_statement(items.statement()).all(db).await?;
    let hits: Vec<ListingHit> = rows.into_iter().map(hit).collect();
    if window == 0 {
        return Ok(hits);
    }
    let order: Vec<(u32, u32)> = hits
        .iter()
        .map(|h| (h.id as u32, h.producer_id.clamp(0, u32::MAX as i64) as u32))
        .collect();
    let mut by_id: HashMap<i64, ListingHit> = hits.into_iter().map(|h| (h.id, h)).collect();
    Ok(super::facet_index::diversify(order, limit as usize, window as usize)
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .filter_map(|(id, _)| by_id.remove(&(id as i64)))
        .collect())
}

/// The first `limit` listings of a search in its order, for export.
pub async fn export_listings(
    db: &DatabaseConnection,
    req: &SearchRequest,
    limit: u64,
    dict: Option<&TermDict>,
) -> Result<Vec<ListingHit>, DbErr> {
    let text = text_match(&req.q, dict);
    listing_hits(db, req, &text, limit, 0, false).await
}
