//! The producers view of a search: companies with at least one matching listing, with their
//! first matching products.

use super::{Facet, Sql, Summary, conditions, offset, summary_or, text_match};
use crate::catalogue::{
    query::{
        SearchRequest, Sort,
        results::{ListingBrief, ProducerHit, SearchResults},
    },
    services::typo::TermDict,
};
use sea_orm::{DatabaseConnection, DbErr, FromQueryResult};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct ProducerRow {
    id: i64,
    legal_name: String,
    name_latin: String,
    country_code: String,
    region_code: String,
    city: String,
    verified: bool,
    matches: i64,
}

#[derive(FromQueryResult)]
struct BriefRow {
    producer_id: i64,
    id: i64,
    product_name: String,
    hs_code: String,
}

/// The producers view: companies with at least one matching listing, most matches first.
pub async fn search_producers(
    db: &DatabaseConnection,
    req: &SearchRequest,
    cached: Option<Summary>,
    dict: Option<&TermDict>,
) -> Result<SearchResults<ProducerHit>, DbErr> {
    let text = text_match(&req.q, dict);
    let backend = db.get_database_backend();
    let summary = summary_or(db, req, cached).await?;
    let total = summary.producers;

    let mut page = Sql::new(backend);
    page.push(
        "SELECT p.id, p.legal_name, p.name_latin, p.country_code, p.region_code, p.city, \
         p.verified, m.matches FROM (SELECT l.producer_id, COUNT(*) AS matches FROM listing l",
    );
    conditions(&mut page, req, &text, Facet::None);
    page.push(" GROUP BY l.producer_id) m JOIN producer p ON p.id = m.producer_id");
    page.push(match req.sort {
        Sort::Relevance => " ORDER BY p.verified DESC, m.matches DESC, p.id DESC",
        Sort::Newest => " ORDER BY p.published_at DESC, p.id DESC",
        Sort::Name => " ORDER BY p.name_latin ASC, p.id ASC",
    });
    page.push(&format!(" LIMIT {} OFFSET {}", req.per_page, offset(req)));
    let producers = ProducerRow::find_by_statement(page.statement()).all(db).await?;

    let mut top: HashMap<i64, Vec<ListingBrief>> = HashMap::new();
    if !producers.is_empty() {
        let mut briefs = Sql::new(backend);
        briefs.push(
            "SELECT producer_id, id, product_name, hs_code FROM (SELECT l.producer_id, l.id, \
             l.product_name, l.hs_code, ROW_NUMBER() OVER (PARTITION BY l.producer_id \
             ORDER BY l.verified DESC, l.id) AS rn FROM listing l",
        );
        conditions(&mut briefs, req, &text, Facet::None);
        briefs.push(" AND l.producer_id IN (");
        for (i, p) in producers.iter().enumerate() {
            if i > 0 {
                briefs.push(", ");
            }
            briefs.bind(p.id);
        }
        briefs.push(")) ranked WHERE rn <= 3 ORDER BY producer_id, rn");
        for r in BriefRow::find_by_statement(briefs.statement()).all(db).await? {
            top.entry(r.producer_id).or_default().push(ListingBrief {
                id: r.id,
                name: r.product_name,
                hs_code: r.hs_code,
            });
        }
    }

    Ok(SearchResults {
        total,
        page: req.page,
        per_page: req.per_page,
        items: producers
            .into_iter()
            .map(|p| ProducerHit {
                url: format!("/producers/{}", p.id),
                top_listings: top.remove(&p.id).unwrap_or_default(),
                id: p.id,
                name: p.legal_name,
                name_latin: p.name_latin,
                country: p.country_code,
                region: p.region_code,
                city: p.city,
                verified: p.verified,
                matching_listings: p.matches,
            })
            .collect(),
        facets: summary.facets,
    })
}
