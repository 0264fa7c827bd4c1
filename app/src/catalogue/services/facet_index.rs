//! Totals and facet counts from memory.
//!
//! Counting six facets with SQL scans the matching listings six times (seconds at a million
//! listings). Instead every public listing is kept as one 16-byte row (country, region, HS code,
//! section, verified, certificate kinds as bits, producer); a search's totals and all its facets
//! are one pass over those rows (or over the rows its text matched, found with the full-text
//! index). The rows are rebuilt when the catalogue changes (see `search::catalogue_changed`).

#[path = "facet_index_words.rs"]
mod words;

use super::typo::TermDict;
use crate::{
    catalogue::{
        query::{SearchRequest, params::section_roman, results::Facets},
        services::search::Summary,
    },
    foundations::domain::CertKind,
};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use std::collections::{BTreeMap, HashMap};
pub(crate) use words::diversify;
pub use words::{PER_PRODUCER_ON_FIRST_PAGE, company_name_key};
use words::{has_words, phrase_hash};

#[derive(Clone, Copy, Debug)]
struct Row {
    id: u32,
    producer: u32,
    /// Publication time in microseconds (the relevance and newest orders).
    published: i64,
    /// The folded product name: `name_len` bytes at `name_start` of `FacetIndex::names`.
    name_start: u32,
    name_len: u16,
    code: u16,
    region: u16,
    country: u8,
    section: u8,
    verified: bool,
    certs: u8,
}

/// The public listings, compactly, as of one catalogue generation.
pub struct FacetIndex {
    pub generation: u64,
    /// In the database's own `ORDER BY product_name, id`: a row's position is its name rank.
    rows: Vec<Row>,
    names: String,
    /// Listing id → position in `rows` + 1 (0: not public).
    by_id: Vec<u32>,
    /// Positions in the default order (verified first, then newest) and in newest order: a
    /// search without words walks one of them and stops after its page.
    by_relevance: Vec<u32>,
    by_newest: Vec<u32>,
    countries: Vec<String>,
    regions: Vec<String>,
    codes: Vec<String>,
    max_producer: u32,
    /// The distinct folded words of names, companies, HS texts and the product vocabulary.
    terms: TermDict,
    /// Hash of each producer's folded name without its legal form, by producer id (0: none).
    producer_names: Vec<u64>,
}

/// What a search's words resolved to, for [`FacetIndex::page`].
#[derive(Clone, Copy, Default)]
pub struct PageText<'a> {
    /// The listings the words (with their alternatives) match; None: no words.
    pub ids: Option<&'a [i64]>,
    /// An HS code typed as the query.
    pub code: Option<&'a str>,
    /// The folded words, for name ranking.
    pub phrase: Option<&'a str>,
    /// Listings the words match themselves, as bits by id (None: all matches are direct).
    pub direct: Option<&'a [u64]>,
}

#[derive(FromQueryResult)]
struct Loaded {
    id: i64,
    producer_id: i64,
    name_key: String,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    country_code: String,
    region_code: String,
    hs_code: String,
    hs_section_id: i32,
    verified: bool,
    certs: i64,
}

fn cert_bit(kind: CertKind) -> u8 {
    1 << CertKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn intern(dict: &mut Vec<String>, map: &mut HashMap<String, usize>, value: String) -> usize {
    if let Some(i) = map.get(&value) {
        return *i;
    }
    dict.push(value.clone());
    map.insert(value, dict.len() - 1);
    dict.len() - 1
}

/// A search's filters, resolved against the index's dictionaries once per request.
struct Filter {
    country: Option<Vec<bool>>,
    region: Option<Vec<bool>>,
    hs: Option<Vec<bool>>,
    text_code: Option<Vec<bool>>,
    section: Option<u8>,
    verified: bool,
    cert: Option<u8>,
}

/// Each filter's verdict on a row: text, country, region, hs, section, verified, cert.
type Verdicts = (bool, bool, bool, bool, bool, bool, bool);

impl Filter {
    fn new(index: &FacetIndex, req: &SearchRequest, code_prefix: Option<&str>) -> Filter {
        let wanted = |dict: &[String], values: Vec<&str>| -> Option<Vec<bool>> {
            (!values.is_empty())
                .then(|| dict.iter().map(|d| values.contains(&d.as_str())).collect())
        };
        Filter {
            country: wanted(&index.countries, req.countries.iter().map(|c| c.as_str()).collect()),
            region: wanted(&index.regions, req.regions.iter().map(|r| r.as_str()).collect()),
            hs: req
                .hs
                .as_ref()
                .map(|hs| index.codes.iter().map(|c| c.starts_with(hs.as_str())).collect()),
            text_code: code_prefix.map(|p| index.codes.iter().map(|c| c.starts_with(p)).collect()),
            section: req.section.map(|s| s.clamp(0, 255) as u8),
            verified: req.verified,
            cert: req.cert.map(cert_bit),
        }
    }

    fn each(&self, row: &Row) -> Verdicts {
        (
            self.text_code.as_ref().is_none_or(|ok| ok[row.code as usize]),
            self.country.as_ref().is_none_or(|ok| ok[row.country as usize]),
            self.region.as_ref().is_none_or(|ok| ok[row.region as usize]),
            self.hs.as_ref().is_none_or(|ok| ok[row.code as usize]),
            self.section.is_none_or(|s| s == row.section),
            !self.verified || row.verified,
            self.cert.is_none_or(|b| row.certs & b != 0),
        )
    }

    fn all(&self, row: &Row) -> bool {
        let (t, c, r, h, s, v, k) = self.each(row);
        t && c && r && h && s && v && k
    }
}

impl FacetIndex {
    pub async fn load(db: &DatabaseConnection, generation: u64) -> Result<FacetIndex, DbErr> {
        // Certificate kinds of a listing (the company's and its own) as bits, summed once each.
        let mut bits = String::from("CASE c.kind");
        for kind in CertKind::ALL {
            bits.push_str(&format!(" WHEN '{}' THEN {}", kind.as_str(), cert_bit(kind)));
        }
        bits.push_str(" ELSE 0 END");
        let sql = format!(
            "SELECT l.id, l.producer_id, l.name_key, l.published_at, l.country_code, \
             l.region_code, l.hs_code, l.hs_section_id, l.verified, \
             COALESCE((SELECT SUM(DISTINCT {bits}) FROM certification c \
             WHERE c.producer_id = l.producer_id AND (c.listing_id IS NULL OR c.listing_id = l.id)), 0) \
             AS certs FROM listing l WHERE l.visible = TRUE ORDER BY l.product_name, l.id"
        );
        // Streamed: a million materialised rows would cost a gigabyte at the peak.
        let mut stream =
            Loaded::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
                .stream(db)
                .await?;
        let mut index = FacetIndex {
            generation,
            rows: Vec::new(),
            names: String::new(),
            by_id: Vec::new(),
            by_relevance: Vec::new(),
            by_newest: Vec::new(),
            countries: Vec::new(),
            regions: Vec::new(),
            codes: Vec::new(),
            max_producer: 0,
            terms: TermDict::default(),
            producer_names: Vec::new(),
        };
        let (mut cmap, mut rmap, mut hmap) = (HashMap::new(), HashMap::new(), HashMap::new());
        while let Some(r) = futures_util::StreamExt::next(&mut stream).await {
            let r = r?;
            // Names are bounded on input; the cap keeps the length in a u16 whatever happens.
            let name: String = r.name_key.chars().take(2000).collect();
            let row = Row {
                id: r.id.clamp(0, u32::MAX as i64) as u32,
                producer: r.producer_id.clamp(0, u32::MAX as i64) as u32,
                published: r.published_at.map_or(i64::MIN, |t| t.timestamp_micros()),
                name_start: index.names.len() as u32,
                name_len: name.len() as u16,
                country: intern(&mut index.countries, &mut cmap, r.country_code) as u8,
                region: intern(&mut index.regions, &mut rmap, r.region_code) as u16,
                code: intern(&mut index.codes, &mut hmap, r.hs_code) as u16,
                section: r.hs_section_id.clamp(0, 255) as u8,
                verified: r.verified,
                certs: r.certs.clamp(0, 255) as u8,
            };
            index.names.push_str(&name);
            index.max_producer = index.max_producer.max(row.producer);
            index.rows.push(row);
        }
        drop(stream);
        let max_id = index.rows.iter().map(|r| r.id).max().unwrap_or(0) as usize;
        index.by_id = vec![0; max_id + 1];
        for (pos, row) in index.rows.iter().enumerate() {
            index.by_id[row.id as usize] = pos as u32 + 1;
        }
        let rows = &index.rows;
        let mut newest: Vec<u32> = (0..rows.len() as u32).collect();
        newest.sort_unstable_by_key(|&p| {
            let r = &rows[p as usize];
            (std::cmp::Reverse(r.published), std::cmp::Reverse(r.id))
        });
        let mut relevance = newest.clone();
        // Stable: within each verified group the newest order stays.
        relevance.sort_by_key(|&p| !rows[p as usize].verified);
        index.by_newest = newest;
        index.by_relevance = relevance;
        index.rows.shrink_to_fit();
        index.names.shrink_to_fit();
        index.load_words(db).await?;
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn name(&self, row: &Row) -> &str {
        let start = row.name_start as usize;
        self.names.get(start..start + row.name_len as usize).unwrap_or_default()
    }

    /// Calls `f` with the position of every row the text allows (all rows without text).
    fn for_candidates(&self, text_ids: Option<&[i64]>, mut f: impl FnMut(usize)) {
        match text_ids {
            None => (0..self.rows.len()).for_each(f),
            Some(ids) => {
                for id in ids {
                    let slot = usize::try_from(*id).ok().and_then(|i| self.by_id.get(i)).copied();
                    if let Some(pos) = slot.filter(|p| *p > 0) {
                        f(pos as usize - 1);
                    }
                }
            }
        }
    }

    /// Totals and facets of `req`. `text_ids`: the listings its words matched (None: no words);
    /// `code_prefix`: an HS code typed as the query.
    pub fn summarize(
        &self,
        req: &SearchRequest,
        text_ids: Option<&[i64]>,
        code_prefix: Option<&str>,
    ) -> Summary {
        let filter = Filter::new(self, req, code_prefix);
        let chapters: Vec<&str> = self.codes.iter().map(|c| c.get(..2).unwrap_or(c)).collect();
        let mut total = 0i64;
        let mut producers = vec![0u64; self.max_producer as usize / 64 + 1];
        let mut country = vec![0i64; self.countries.len()];
        let mut region = vec![0i64; self.regions.len()];
        let mut sections = [0i64; 256];
        let mut chapter: BTreeMap<&str, i64> = BTreeMap::new();
        let mut verified = [0i64; 2];
        let mut certs = [0i64; 8];
        self.for_candidates(text_ids, |pos| {
            let row = &self.rows[pos];
            let (t, c, r, h, s, v, k) = filter.each(row);
            if !t {
                return;
            }
            if c && r && h && s && v && k {
                total += 1;
                producers[row.producer as usize / 64] |= 1 << (row.producer % 64);
            }
            if r && h && s && v && k {
                country[row.country as usize] += 1;
            }
            if c && h && s && v && k {
                region[row.region as usize] += 1;
            }
            if c && r && h && v && k {
                sections[row.section as usize] += 1;
            }
            // The chapter facet ignores the code filter but keeps the section (the drill-down).
            if c && r && s && v && k {
                *chapter.entry(chapters[row.code as usize]).or_default() += 1;
            }
            if c && r && h && s && k {
                verified[row.verified as usize] += 1;
            }
            if c && r && h && s && v {
                for (bit, slot) in certs.iter_mut().enumerate() {
                    if row.certs & (1 << bit) != 0 {
                        *slot += 1;
                    }
                }
            }
        });
        let named = |dict: &[String], counts: &[i64]| -> BTreeMap<String, i64> {
            dict.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(k, n)| (k.clone(), *n)).collect()
        };
        let mut verified_map = BTreeMap::new();
        for (key, n) in [("false", verified[0]), ("true", verified[1])] {
            if n > 0 {
                verified_map.insert(key.to_owned(), n);
            }
        }
        Summary {
            listings: total,
            producers: producers.iter().map(|w| w.count_ones() as i64).sum(),
            facets: Facets {
                country: named(&self.countries, &country),
                region: named(&self.regions, &region),
                hs_section: sections
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(id, n)| (section_roman(id as i32).to_owned(), *n))
                    .collect(),
                hs_chapter: chapter.into_iter().map(|(k, n)| (k.to_owned(), n)).collect(),
                cert: CertKind::ALL
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| certs[*bit] > 0)
                    .map(|(bit, k)| (k.as_str().to_owned(), certs[bit]))
                    .collect(),
                verified: verified_map,
            },
        }
    }

    /// Ids of one page of results in the search's order: the best `offset + limit` are kept in
    /// a bounded heap during one pass. Relevance with words ranks, in this order: the
    /// company's own name (without legal form) equal to the words; the product name equal to
    /// them; the product name starting with them; every word in the product name; the words
    /// elsewhere (description, company, city, HS description); only through an alternative
    /// (the HS heading a vocabulary word names, a typo correction). Then verified, then
    /// newest. The first page holds at most [`PER_PRODUCER_ON_FIRST_PAGE`] listings of one
    /// producer. The SQL path (before the index is ready) has the same classes except the
    /// company one, and no per-producer limit.
    pub fn page(
        &self,
        req: &SearchRequest,
        text: PageText<'_>,
        offset: usize,
        limit: usize,
        matches: i64,
    ) -> Vec<i64> {
        use crate::catalogue::query::Sort;
        use std::{cmp::Reverse, collections::BinaryHeap};
        let filter = Filter::new(self, req, text.code);
        let relevance = req.sort == Sort::Relevance;
        // The first page is chosen among this many of the best (see `diversify`).
        let window = if relevance { limit.saturating_mul(5) } else { 0 };
        let keep = (offset + limit).max(window);
        if offset + limit == 0 || matches == 0 {
            return Vec::new();
        }
        let phrase_hash = text.phrase.map(phrase_hash);
        let words: Vec<&str> = text.phrase.map(|p| p.split(' ').collect()).unwrap_or_default();
        let is_direct = |id: u32| {
            text.direct.is_none_or(|bits| {
                bits.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
            })
        };
        // Smaller key = earlier in the results; the heap's top is the worst kept.
        let key = |pos: usize, row: &Row| -> (u8, bool, Reverse<i64>, Reverse<u32>, usize) {
            match req.sort {
                Sort::Relevance => {
                    let class = match text.phrase {
                        None => 0,
                        Some(_)
                            if self.producer_names.get(row.producer as usize).copied()
                                == phrase_hash =>
                        {
                            0
                        }
                        Some(p) if self.name(row) == p => 1,
                        Some(p) if self.name(row).starts_with(p) => 2,
                        Some(_) if has_words(self.name(row), &words) => 3,
                        Some(_) if is_direct(row.id) => 4,
                        Some(_) => 5,
                    };
                    (class, !row.verified, Reverse(row.published), Reverse(row.id), 0)
                }
                Sort::Newest => (0, false, Reverse(row.published), Reverse(row.id), 0),
                Sort::Name => (0, false, Reverse(0), Reverse(0), pos),
            }
        };
        // Without words the rows can be walked in the result order itself: the first `keep`
        // that pass the filters are the answer.
        // A selective filter would make that walk long and random: then one sequential pass
        // with a bounded heap is cheaper (a walk visits about keep × rows / matches rows).
        let best: Vec<(u32, u32)> =
            if text.ids.is_none() && matches as usize > keep.saturating_mul(8) {
                let order: Box<dyn Iterator<Item = usize>> = match req.sort {
                    Sort::Relevance => Box::new(self.by_relevance.iter().map(|&p| p as usize)),
                    Sort::Newest => Box::new(self.by_newest.iter().map(|&p| p as usize)),
                    Sort::Name => Box::new(0..self.rows.len()),
                };
                order
                    .filter(|&pos| filter.all(&self.rows[pos]))
                    .take(keep)
                    .map(|pos| (self.rows[pos].id, self.rows[pos].producer))
                    .collect()
            } else {
                let mut heap = BinaryHeap::with_capacity(keep + 1);
                self.for_candidates(text.ids, |pos| {
                    let row = &self.rows[pos];
                    if !filter.all(row) {
                        return;
                    }
                    let k = key(pos, row);
                    if heap.len() < keep {
                        heap.push((k, row.id, row.producer));
                    } else if heap.peek().is_some_and(|top| k < top.0) {
                        heap.pop();
                        heap.push((k, row.id, row.producer));
                    }
                });
                heap.into_sorted_vec().into_iter().map(|(_, id, producer)| (id, producer)).collect()
            };
        let ordered = if relevance { diversify(best, limit, window) } else { best };
        ordered.into_iter().skip(offset).take(limit).map(|(id, _)| id as i64).collect()
    }
}

/// Ids of the public listings matching a full-text query (`query_terms::Terms::fts_query`).
pub async fn text_ids(db: &DatabaseConnection, query: &str) -> Result<Vec<i64>, DbErr> {
    // One row holding every id as text: decoding tens of thousands of rows one by one costs
    // more memory and time than the match itself.
    #[derive(FromQueryResult)]
    struct Ids {
        ids: Option<String>,
    }
    let statement = match db.get_database_backend() {
        DbBackend::Postgres => Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT string_agg(id::text, ',') AS ids FROM listing WHERE visible = TRUE \
             AND to_tsvector('simple', search_text) @@ to_tsquery('simple', $1)",
            [query.into()],
        ),
        backend => Statement::from_sql_and_values(
            backend,
            "SELECT group_concat(rowid) AS ids FROM listing_fts WHERE listing_fts MATCH ?",
            [query.into()],
        ),
    };
    let row = Ids::find_by_statement(statement).one(db).await?;
    Ok(row
        .and_then(|r| r.ids)
        .map(|ids| ids.split(',').filter_map(|id| id.parse().ok()).collect())
        .unwrap_or_default())
}
