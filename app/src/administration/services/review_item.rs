//! The administrators' review pages, assembled: one queued item (its fields as the producer
//! wrote them, the proposed edit beside the published text, its history, similar products and
//! possible duplicate companies) and one producer for the trust tools.

use crate::{
    administration::models::review::{
        DuplicateRow, FieldRow, HistoryRow, ItemData, ProducerAdminData, SimilarProductRow,
    },
    foundations::{error::AppError, i18n::Strings},
};
use sea_orm::DatabaseConnection;

/// Companies that may be the same as `p` (same tax ID, similar name in the same region…).
async fn duplicates_of(
    db: &DatabaseConnection,
    p: &crate::foundations::entities::producer::Model,
) -> Result<Vec<DuplicateRow>, AppError> {
    Ok(crate::administration::services::duplicates::duplicate_candidates(db, p)
        .await?
        .into_iter()
        .map(|d| DuplicateRow {
            producer_id: d.producer_id,
            name: d.name,
            status: d.status,
            reason: d.reason,
        })
        .collect())
}

/// One queued item (a company, a product, or an edit of a published one) as the review page
/// shows it.
pub async fn item(
    db: &DatabaseConnection,
    t: &'static Strings,
    kind: &str,
    id: i64,
) -> Result<ItemData, AppError> {
    use crate::{
        administration::services::review,
        foundations::entities::{listing, producer, revision},
        workspace::services::{company, listings},
    };
    use sea_orm::EntityTrait;
    let mut product: Option<listing::Model> = None;
    let (title, status, producer_id, current, proposed, version) = match kind {
        "producer" => {
            let p = producer::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let input = serde_json::to_value(company::input_of(db, &p).await?).unwrap_or_default();
            (p.legal_name.clone(), p.status.to_string(), p.id, input, None, p.version)
        }
        "listing" => {
            let l = listing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let input = serde_json::to_value(listings::input_of(db, &l).await?).unwrap_or_default();
            let row = (
                l.product_name.clone(),
                l.status.to_string(),
                l.producer_id,
                input,
                None,
                l.version,
            );
            product = Some(l);
            row
        }
        "revision" => {
            let r = revision::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let (title, producer_id, current, version) = if r.target_kind == "producer" {
                let p = producer::Entity::find_by_id(r.target_id)
                    .one(db)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let input =
                    serde_json::to_value(company::input_of(db, &p).await?).unwrap_or_default();
                (p.legal_name.clone(), p.id, input, p.version)
            } else {
                let l = listing::Entity::find_by_id(r.target_id)
                    .one(db)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let input =
                    serde_json::to_value(listings::input_of(db, &l).await?).unwrap_or_default();
                let row = (l.product_name.clone(), l.producer_id, input, l.version);
                product = Some(l);
                row
            };
            (title, r.status.clone(), producer_id, current, Some(r.proposed.clone()), version)
        }
        _ => return Err(AppError::NotFound),
    };
    let fields = review::field_rows(db, t, &current, proposed.as_ref())
        .await?
        .into_iter()
        .map(|(name, current, proposed)| FieldRow { name, current, proposed })
        .collect();
    let similar_products = match &product {
        Some(l) => Some(
            review::similar_products(db, l)
                .await?
                .into_iter()
                .map(|s| SimilarProductRow {
                    why: review::similarity_text(t, s.similarity),
                    id: s.id,
                    name: s.name,
                    status: s.status,
                })
                .collect(),
        ),
        None => None,
    };
    let p = producer::Entity::find_by_id(producer_id).one(db).await?.ok_or(AppError::NotFound)?;
    let duplicates = duplicates_of(db, &p).await?;
    let history = producer_history(db, t, producer_id, product.as_ref().map(|l| l.id)).await?;
    Ok(ItemData {
        kind: kind.to_owned(),
        id,
        title,
        status,
        producer_id,
        producer_name: p.legal_name,
        fields,
        history,
        duplicates,
        version,
        similar_products,
    })
}

/// The producer's events and the moderation of its products; every event of `product` (its
/// creation, edits, submission) when the page is about one.
async fn producer_history(
    db: &DatabaseConnection,
    t: &'static Strings,
    producer_id: i64,
    product: Option<i64>,
) -> Result<Vec<HistoryRow>, AppError> {
    use crate::foundations::entities::listing;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let listing_ids: Vec<i64> = listing::Entity::find()
        .filter(listing::Column::ProducerId.eq(producer_id))
        .select_only()
        .column(listing::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut rows = Vec::new();
    let (_, own) = crate::administration::services::audit::audit_log(
        db,
        &crate::administration::services::audit::AuditFilter {
            target_kind: Some("producer".into()),
            target_id: Some(producer_id),
            ..Default::default()
        },
        0,
        100,
    )
    .await?;
    rows.extend(own);
    let others = listing_ids.into_iter().filter(|l| Some(*l) != product).take(50);
    for lid in product.into_iter().chain(others) {
        let focus = Some(lid) == product;
        let (_, l) = crate::administration::services::audit::audit_log(
            db,
            &crate::administration::services::audit::AuditFilter {
                target_kind: Some("listing".into()),
                target_id: Some(lid),
                action: (!focus).then(|| "moderation.".into()),
                ..Default::default()
            },
            0,
            if focus { 100 } else { 20 },
        )
        .await?;
        rows.extend(l);
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.at));
    Ok(rows
        .into_iter()
        .map(|r| HistoryRow {
            at: crate::foundations::domain::Minute::from(r.at),
            actor: r.actor,
            action: format!(
                "{} {} {}",
                r.action,
                r.target_kind.unwrap_or_default(),
                r.target_id.unwrap_or_default()
            ),
            // What changed, in words ("Annual capacity: 12 000; …"), not as stored JSON.
            detail: r.after.map(|after| match serde_json::from_str::<serde_json::Value>(&after) {
                Ok(v) => crate::administration::services::review::value_text(t, "", &v, None),
                Err(_) => after,
            }),
        })
        .collect())
}

/// One producer as the trust tools show it: status, verification, owner, history, duplicates.
pub async fn producer_admin(
    db: &DatabaseConnection,
    t: &'static Strings,
    id: i64,
) -> Result<ProducerAdminData, AppError> {
    use crate::foundations::entities::{listing, producer, user_account};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let p = producer::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let owner = match p.owner_user_id {
        Some(o) => user_account::Entity::find_by_id(o).one(db).await?.map(|u| u.email),
        None => None,
    };
    let listings =
        listing::Entity::find().filter(listing::Column::ProducerId.eq(id)).count(db).await?
            as usize;
    let duplicates = duplicates_of(db, &p).await?;
    Ok(ProducerAdminData {
        id,
        history: producer_history(db, t, id, None).await?,
        name: p.legal_name,
        status: p.status,
        status_reason: p.status_reason,
        tax_id: format!("{}:{}", p.country_code, p.tax_id),
        country: p.country_code,
        verified: p.verified,
        verified_at: p.verified_at.map(|d| d.date_naive().into()),
        verified_note: p.verified_note,
        owner,
        listings,
        duplicates,
    })
}
