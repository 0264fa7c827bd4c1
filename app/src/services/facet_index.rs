//! Totals and facet counts from memory.
//!
//! Counting six facets with SQL scans the matching listings six times (seconds at a million
//! listings). Instead every public listing is kept as one 16-byte row (country, region, HS code,
//! section, verified, certificate kinds as bits, producer); a search's totals and all its facets
//! are one pass over those rows (or over the rows its text matched, found with the full-text
//! index). The rows are rebuilt when the catalogue changes (see `search::catalogue_changed`).

use crate::{
    domain::CertKind,
    search::{SearchRequest, params::section_roman, results::Facets},
    services::search::Summary,
};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug)]
struct Row {
    producer: u32,
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
    rows: Vec<Row>,
    /// Listing id → position in `rows` + 1 (0: not public).
    by_id: Vec<u32>,
    countries: Vec<String>,
    regions: Vec<String>,
    codes: Vec<String>,
    max_producer: u32,
}

#[derive(FromQueryResult)]
struct Loaded {
    id: i64,
    producer_id: i64,
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

impl FacetIndex {
    pub async fn load(db: &DatabaseConnection, generation: u64) -> Result<FacetIndex, DbErr> {
        // Certificate kinds of a listing (the company's and its own) as bits, summed once each.
        let mut bits = String::from("CASE c.kind");
        for kind in CertKind::ALL {
            bits.push_str(&format!(" WHEN '{}' THEN {}", kind.as_str(), cert_bit(kind)));
        }
        bits.push_str(" ELSE 0 END");
        let sql = format!(
            "SELECT l.id, l.producer_id, l.country_code, l.region_code, l.hs_code, l.hs_section_id, \
             l.verified, COALESCE((SELECT SUM(DISTINCT {bits}) FROM certification c \
             WHERE c.producer_id = l.producer_id AND (c.listing_id IS NULL OR c.listing_id = l.id)), 0) \
             AS certs FROM listing l WHERE l.visible = TRUE ORDER BY l.id"
        );
        let loaded =
            Loaded::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
                .all(db)
                .await?;
        let mut index = FacetIndex {
            generation,
            rows: Vec::with_capacity(loaded.len()),
            by_id: Vec::new(),
            countries: Vec::new(),
            regions: Vec::new(),
            codes: Vec::new(),
            max_producer: 0,
        };
        let (mut cmap, mut rmap, mut hmap) = (HashMap::new(), HashMap::new(), HashMap::new());
        let max_id = loaded.last().map_or(0, |r| r.id.max(0) as usize);
        index.by_id = vec![0; max_id + 1];
        for r in loaded {
            let row = Row {
                producer: r.producer_id as u32,
                country: intern(&mut index.countries, &mut cmap, r.country_code) as u8,
                region: intern(&mut index.regions, &mut rmap, r.region_code) as u16,
                code: intern(&mut index.codes, &mut hmap, r.hs_code) as u16,
                section: r.hs_section_id.clamp(0, 255) as u8,
                verified: r.verified,
                certs: r.certs.clamp(0, 255) as u8,
            };
            index.max_producer = index.max_producer.max(row.producer);
            index.rows.push(row);
            index.by_id[r.id as usize] = index.rows.len() as u32;
        }
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Totals and facets of `req`. `text_ids`: the listings its words matched (None: no words);
    /// `code_prefix`: an HS code typed as the query.
    pub fn summarize(
        &self,
        req: &SearchRequest,
        text_ids: Option<&[i64]>,
        code_prefix: Option<&str>,
    ) -> Summary {
        let wanted = |dict: &[String], values: Vec<&str>| -> Option<Vec<bool>> {
            (!values.is_empty())
                .then(|| dict.iter().map(|d| values.contains(&d.as_str())).collect())
        };
        let country_ok =
            wanted(&self.countries, req.countries.iter().map(|c| c.as_str()).collect());
        let region_ok = wanted(&self.regions, req.regions.iter().map(|r| r.as_str()).collect());
        let hs_ok: Option<Vec<bool>> = req
            .hs
            .as_ref()
            .map(|hs| self.codes.iter().map(|c| c.starts_with(hs.as_str())).collect());
        let text_code_ok: Option<Vec<bool>> =
            code_prefix.map(|p| self.codes.iter().map(|c| c.starts_with(p)).collect());
        let section = req.section.map(|s| s.clamp(0, 255) as u8);
        let cert = req.cert.map(cert_bit);
        let chapters: Vec<&str> = self.codes.iter().map(|c| c.get(..2).unwrap_or(c)).collect();

        let mut total = 0i64;
        let mut producers = vec![0u64; self.max_producer as usize / 64 + 1];
        let mut country = vec![0i64; self.countries.len()];
        let mut region = vec![0i64; self.regions.len()];
        let mut sections = [0i64; 256];
        let mut chapter: BTreeMap<&str, i64> = BTreeMap::new();
        let mut verified = [0i64; 2];
        let mut certs = [0i64; 8];

        let mut visit = |row: &Row| {
            if let Some(ok) = &text_code_ok
                && !ok[row.code as usize]
            {
                return;
            }
            let c = country_ok.as_ref().is_none_or(|ok| ok[row.country as usize]);
            let r = region_ok.as_ref().is_none_or(|ok| ok[row.region as usize]);
            let h = hs_ok.as_ref().is_none_or(|ok| ok[row.code as usize]);
            let s = section.is_none_or(|s| s == row.section);
            let v = !req.verified || row.verified;
            let k = cert.is_none_or(|b| row.certs & b != 0);
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
        };
        match text_ids {
            None => self.rows.iter().for_each(&mut visit),
            Some(ids) => {
                for id in ids {
                    let slot = usize::try_from(*id).ok().and_then(|i| self.by_id.get(i)).copied();
                    if let Some(pos) = slot.filter(|p| *p > 0) {
                        visit(&self.rows[pos as usize - 1]);
                    }
                }
            }
        }
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
}

/// Ids of the public listings whose text matches `tokens` (the last one as a prefix).
pub async fn text_ids(db: &DatabaseConnection, tokens: &[String]) -> Result<Vec<i64>, DbErr> {
    #[derive(FromQueryResult)]
    struct Id {
        id: i64,
    }
    let statement = match db.get_database_backend() {
        DbBackend::Postgres => {
            let mut query: Vec<String> = tokens.to_vec();
            if let Some(last) = query.last_mut() {
                last.push_str(":*");
            }
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id FROM listing WHERE visible = TRUE AND to_tsvector('simple', search_text) @@ to_tsquery('simple', $1)",
                [query.join(" & ").into()],
            )
        }
        backend => {
            let mut query: Vec<String> = tokens.iter().map(|t| format!("\"{t}\"")).collect();
            if let Some(last) = query.last_mut() {
                last.push('*');
            }
            Statement::from_sql_and_values(
                backend,
                "SELECT rowid AS id FROM listing_fts WHERE listing_fts MATCH ?",
                [query.join(" ").into()],
            )
        }
    };
    Ok(Id::find_by_statement(statement).all(db).await?.into_iter().map(|r| r.id).collect())
}
