//! A search's words resolved once for the in-memory facet index (and the weight of what the
//! search caches hold).

use super::{Summary, TextMatch, offset, text_match};
use crate::catalogue::query::{SearchRequest, results::Facets};
use sea_orm::{DatabaseConnection, DbErr};

/// A search's text, resolved for the in-memory index: the ids its words match (one full-text
/// query), or the HS code it names.
#[derive(Clone)]
pub struct IndexText {
    ids: Option<std::sync::Arc<Vec<i64>>>,
    /// Listings the words match themselves, as bits by id, when alternatives (headings, typo
    /// corrections) matched more.
    direct: Option<std::sync::Arc<Vec<u64>>>,
    code: Option<String>,
    phrase: Option<String>,
    nothing: bool,
}

impl crate::state::Weighed for IndexText {
    fn weight(&self) -> usize {
        std::mem::size_of::<IndexText>()
            + self.ids.as_ref().map_or(0, |ids| 16 + ids.capacity() * std::mem::size_of::<i64>())
            + self.code.as_ref().map_or(0, String::capacity)
            + self.phrase.as_ref().map_or(0, String::capacity)
    }
}

impl crate::state::Weighed for Summary {
    fn weight(&self) -> usize {
        // A B-tree entry: the key's heap text, its `String`, the count, node overhead.
        let map = |m: &std::collections::BTreeMap<String, i64>| {
            m.keys().map(|k| k.capacity() + std::mem::size_of::<String>() + 8 + 16).sum::<usize>()
        };
        let f = &self.facets;
        std::mem::size_of::<Summary>()
            + map(&f.country)
            + map(&f.region)
            + map(&f.hs_section)
            + map(&f.hs_chapter)
            + map(&f.cert)
            + map(&f.verified)
    }
}

impl IndexText {
    pub async fn resolve(
        db: &DatabaseConnection,
        index: &crate::catalogue::services::facet_index::FacetIndex,
        q: &str,
    ) -> Result<IndexText, DbErr> {
        let mut text =
            IndexText { ids: None, direct: None, code: None, phrase: None, nothing: false };
        match text_match(q, Some(index.terms())) {
            TextMatch::None => {}
            TextMatch::Nothing => text.nothing = true,
            TextMatch::HsPrefix(code) => text.code = Some(code),
            TextMatch::Tokens(terms) => {
                let backend = db.get_database_backend();
                let ids = crate::catalogue::services::facet_index::text_ids(
                    db,
                    &terms.fts_query(backend, false),
                )
                .await?;
                if terms.expanded() {
                    let direct = crate::catalogue::services::facet_index::text_ids(
                        db,
                        &terms.fts_query(backend, true),
                    )
                    .await?;
                    text.direct = Some(std::sync::Arc::new(id_bits(&direct)));
                }
                text.ids = Some(std::sync::Arc::new(ids));
                text.phrase = Some(terms.phrase());
            }
        }
        Ok(text)
    }

    pub fn summarize(
        &self,
        index: &crate::catalogue::services::facet_index::FacetIndex,
        req: &SearchRequest,
    ) -> Summary {
        if self.nothing {
            return Summary { listings: 0, producers: 0, facets: Facets::default() };
        }
        index.summarize(req, self.ids.as_deref().map(Vec::as_slice), self.code.as_deref())
    }

    /// `matches`: the search's total (from its summary), which picks the cheaper way to page.
    pub fn page(
        &self,
        index: &crate::catalogue::services::facet_index::FacetIndex,
        req: &SearchRequest,
        matches: i64,
    ) -> Vec<i64> {
        if self.nothing {
            return Vec::new();
        }
        index.page(
            req,
            crate::catalogue::services::facet_index::PageText {
                ids: self.ids.as_deref().map(Vec::as_slice),
                code: self.code.as_deref(),
                phrase: self.phrase.as_deref(),
                direct: self.direct.as_deref().map(Vec::as_slice),
            },
            offset(req) as usize,
            req.per_page as usize,
            matches,
        )
    }
}

/// Listing ids as a bit set indexed by id.
fn id_bits(ids: &[i64]) -> Vec<u64> {
    let max = ids.iter().copied().max().unwrap_or(0).max(0) as usize;
    let mut bits = vec![0u64; max / 64 + 1];
    for &id in ids.iter().filter(|id| **id >= 0) {
        bits[id as usize / 64] |= 1 << (id as usize % 64);
    }
    bits
}
