//! Requests as their readers (buyer, producers, administrators) see them.

use crate::{
    contact::{models::rfq::RfqSummary, services::inquiries::quantity_text},
    foundations::entities::{hs_code, rfq, rfq_recipient},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The requests as their readers see them, with two queries for all of them (HS descriptions,
/// recipient counts), not two per request: a producer's list holds up to 200.
pub(super) async fn summaries(
    db: &impl ConnectionTrait,
    requests: Vec<rfq::Model>,
) -> Result<Vec<RfqSummary>, DbErr> {
    let codes: Vec<String> = requests.iter().map(|r| r.hs_code.clone()).collect();
    let descriptions: HashMap<String, String> = hs_code::Entity::find()
        .filter(hs_code::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.code, h.description_en))
        .collect();
    let ids: Vec<i64> = requests.iter().map(|r| r.id).collect();
    let counts: HashMap<i64, i64> = rfq_recipient::Entity::find()
        .select_only()
        .column(rfq_recipient::Column::RfqId)
        .column_as(rfq_recipient::Column::ProducerId.count(), "n")
        .filter(rfq_recipient::Column::RfqId.is_in(ids))
        .group_by(rfq_recipient::Column::RfqId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(requests
        .into_iter()
        .map(|r| RfqSummary {
            id: r.id,
            quantity: quantity_text(Some(r.quantity), Some(&r.unit)).unwrap_or_default(),
            hs_description: descriptions.get(&r.hs_code).cloned().unwrap_or_default(),
            hs_code: r.hs_code,
            product: r.product,
            destination: r.destination,
            incoterm: r.incoterm,
            deadline: r.deadline.into(),
            details: r.details,
            countries: crate::foundations::domain::comma_list(&r.countries),
            verified_only: r.verified_only,
            buyer_name: r.buyer_name,
            buyer_company: r.buyer_company,
            status: r.status,
            status_reason: r.status_reason,
            created_at: crate::foundations::domain::Minute::from(r.created_at),
            recipients: counts.get(&r.id).copied().unwrap_or(0) as u64,
        })
        .collect())
}

/// One request as its readers see it.
pub(super) async fn summary(db: &impl ConnectionTrait, r: rfq::Model) -> Result<RfqSummary, DbErr> {
    Ok(summaries(db, vec![r]).await?.pop().expect("one summary per request"))
}
