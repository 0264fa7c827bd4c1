//! What a CSV export adds to the search hits: names beside the country and region codes, the
//! producer's city and the contacts it chose to make public, and the product's quantities.

use crate::{
    catalogue::query::results::ListingHit,
    foundations::entities::{country, listing, producer, region},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Rows per `IN (…)` list.
const BATCH: usize = 500;

/// One exported listing: the hit and what the export adds to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    pub hit: ListingHit,
    pub country_name: String,
    pub region_name: String,
    pub city: String,
    pub website: Option<String>,
    /// Only when the producer shows it publicly.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<String>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<String>,
    pub lead_time_days: Option<i32>,
    /// `https://registry.example/listings/5`.
    pub absolute_url: String,
}

/// Completes `hits` for an export; `base_url` makes their links absolute.
pub async fn export_rows(
    db: &impl ConnectionTrait,
    hits: Vec<ListingHit>,
    base_url: &str,
) -> Result<Vec<ExportRow>, DbErr> {
    let countries: HashMap<String, String> =
        country::Entity::find().all(db).await?.into_iter().map(|c| (c.code, c.name_en)).collect();
    let regions: HashMap<String, String> =
        region::Entity::find().all(db).await?.into_iter().map(|r| (r.code, r.name_en)).collect();
    let mut listings: HashMap<i64, listing::Model> = HashMap::new();
    for ids in hits.iter().map(|h| h.id).collect::<Vec<_>>().chunks(BATCH) {
        let found = listing::Entity::find().filter(listing::Column::Id.is_in(ids.to_vec()));
        listings.extend(found.all(db).await?.into_iter().map(|l| (l.id, l)));
    }
    let mut producer_ids: Vec<i64> = hits.iter().map(|h| h.producer_id).collect();
    producer_ids.sort_unstable();
    producer_ids.dedup();
    let mut producers: HashMap<i64, producer::Model> = HashMap::new();
    for ids in producer_ids.chunks(BATCH) {
        let found = producer::Entity::find().filter(producer::Column::Id.is_in(ids.to_vec()));
        producers.extend(found.all(db).await?.into_iter().map(|p| (p.id, p)));
    }
    let base = base_url.trim_end_matches('/');
    Ok(hits
        .into_iter()
        .map(|hit| {
            let l = listings.get(&hit.id);
            let p = producers.get(&hit.producer_id);
            ExportRow {
                country_name: countries.get(&hit.country).cloned().unwrap_or_default(),
                region_name: regions.get(&hit.region).cloned().unwrap_or_default(),
                city: p.map(|p| p.city.clone()).unwrap_or_default(),
                website: p.and_then(|p| p.website.clone()),
                phone: p.filter(|p| p.show_phone).and_then(|p| p.phone.clone()),
                email: p.filter(|p| p.show_email).and_then(|p| p.email.clone()),
                capacity: l.and_then(|l| l.capacity),
                capacity_unit: l.and_then(|l| l.capacity_unit.clone()),
                min_order: l.and_then(|l| l.min_order),
                min_order_unit: l.and_then(|l| l.min_order_unit.clone()),
                lead_time_days: l.and_then(|l| l.lead_time_days),
                absolute_url: format!("{base}{}", hit.url),
                hit,
            }
        })
        .collect())
}
