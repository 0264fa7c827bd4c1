//! Public detail of one producer or listing: only published entries of published producers.

use crate::foundations::domain::EntryStatus;
use crate::{
    catalogue::{
        models::detail::{CertView, ListingDetail, ProducerDetail},
        query::results::ListingBrief,
    },
    foundations::entities::{certification, listing, producer},
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Listings shown beside a producer or another listing.
const OTHER_LISTINGS: u64 = 50;

/// A company buyers may see.
pub(crate) async fn public_producer(
    db: &impl sea_orm::ConnectionTrait,
    id: i64,
) -> Result<Option<producer::Model>, DbErr> {
    producer::Entity::find_by_id(id)
        .filter(producer::Column::Status.eq(EntryStatus::Published))
        .one(db)
        .await
}

async fn certs(
    db: &DatabaseConnection,
    producer_id: i64,
    listing_id: Option<i64>,
) -> Result<Vec<CertView>, DbErr> {
    let scope = match listing_id {
        // A listing shows its own certificates and the company-wide ones.
        Some(l) => Condition::any()
            .add(certification::Column::ListingId.is_null())
            .add(certification::Column::ListingId.eq(l)),
        None => Condition::all().add(certification::Column::ListingId.is_null()),
    };
    let rows = certification::Entity::find()
        .filter(certification::Column::ProducerId.eq(producer_id))
        .filter(scope)
        .order_by_asc(certification::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| CertView {
            kind: crate::foundations::domain::CertKind::parse(&c.kind)
                .map_or(c.kind.clone(), |k| k.label().to_owned()),
            issuer: c.issuer,
            number: c.number,
            valid_until: c.valid_until.map(Into::into),
        })
        .collect())
}

async fn listings_of(
    db: &DatabaseConnection,
    producer_id: i64,
    except: Option<i64>,
) -> Result<Vec<ListingBrief>, DbErr> {
    let mut find = listing::Entity::find()
        .filter(listing::Column::ProducerId.eq(producer_id))
        .filter(listing::Column::Visible.eq(true));
    if let Some(id) = except {
        find = find.filter(listing::Column::Id.ne(id));
    }
    let rows = find.order_by_asc(listing::Column::Id).limit(OTHER_LISTINGS).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|l| ListingBrief { id: l.id, name: l.product_name, hs_code: l.hs_code })
        .collect())
}

pub async fn producer_detail(
    db: &DatabaseConnection,
    id: i64,
) -> Result<Option<ProducerDetail>, DbErr> {
    let Some(p) = public_producer(db, id).await? else { return Ok(None) };
    Ok(Some(ProducerDetail {
        can_message: crate::contact::services::inquiries::reachable(&p),
        claimed: p.owner_user_id.is_some(),
        certifications: certs(db, p.id, None).await?,
        listings: listings_of(db, p.id, None).await?,
        id: p.id,
        name: p.legal_name,
        name_latin: p.name_latin,
        country: p.country_code,
        region: p.region_code,
        city: p.city,
        address: p.address,
        website: p.website,
        phone: p.phone.filter(|_| p.show_phone),
        email: p.email.filter(|_| p.show_email),
        tax_id: p.tax_id,
        year_founded: p.year_founded,
        workforce: p.workforce,
        description: p.description,
        verified: p.verified,
    }))
}

pub async fn listing_detail(
    db: &DatabaseConnection,
    id: i64,
) -> Result<Option<ListingDetail>, DbErr> {
    let Some(l) =
        listing::Entity::find_by_id(id).filter(listing::Column::Visible.eq(true)).one(db).await?
    else {
        return Ok(None);
    };
    let Some(producer) = producer_detail(db, l.producer_id).await? else { return Ok(None) };
    let hs_description =
        crate::foundations::entities::hs_code::Entity::find_by_id(l.hs_code.clone())
            .one(db)
            .await?
            .map(|h| h.description_en)
            .unwrap_or_default();
    Ok(Some(ListingDetail {
        certifications: certs(db, l.producer_id, Some(l.id)).await?,
        other_listings: listings_of(db, l.producer_id, Some(l.id)).await?,
        id: l.id,
        name: l.product_name,
        description: l.description,
        hs_code: l.hs_code,
        hs_description,
        national_code: l.national_code,
        capacity: l.capacity.zip(l.capacity_unit.clone()).map(|(n, u)| format!("{n} {u}")),
        min_order: l.min_order.zip(l.min_order_unit.clone()).map(|(n, u)| format!("{n} {u}")),
        lead_time_days: l.lead_time_days,
        export_markets: crate::foundations::domain::comma_list(&l.export_markets),
        producer,
    }))
}

/// Where a producer merged into another one lives now (`None` unless it was merged).
pub async fn merged_into(db: &DatabaseConnection, id: i64) -> Result<Option<i64>, DbErr> {
    Ok(producer::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.status == EntryStatus::Merged)
        .and_then(|p| p.merged_into_id))
}
