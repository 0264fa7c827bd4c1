//! A producer's product listings: parse once ([`input`]), save as draft, submit, withdraw,
//! delete; edits to a published listing wait as a revision. Every function checks that the listing belongs to the
//! signed-in user's company (another producer's id answers 404, as if it did not exist).

use crate::foundations::domain::{EntryStatus, HsCode};
use crate::{
    administration::services::audit,
    foundations::{
        auth::CurrentUser,
        domain::{CertKind, DomainError, search_key},
        entities::{certification, hs_code, listing, producer, revision},
        error::AppError,
        forms::FormError,
    },
    workspace::services::company,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

mod input;

pub use input::{
    DESCRIPTION_MAX, ListingInput, MAX_MARKETS, NAME_MAX, UNITS, parse_listing, parse_markets,
    parse_quantity, to_form,
};
pub(crate) use input::{parse_amount, parse_hs_field};

/// The section and description of an HS code in the nomenclature, if it is one.
pub async fn check_hs(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<hs_code::Model>, DbErr> {
    hs_code::Entity::find_by_id(code.to_owned()).one(db).await
}

pub async fn input_of(
    db: &impl ConnectionTrait,
    l: &listing::Model,
) -> Result<ListingInput, DbErr> {
    let certs = certification::Entity::find()
        .filter(certification::Column::ListingId.eq(l.id))
        .order_by_asc(certification::Column::Id)
        .all(db)
        .await?;
    Ok(ListingInput {
        product_name: l.product_name.clone(),
        // Stored codes were parsed on the way in.
        hs_code: HsCode::parse(&l.hs_code)
            .map_err(|e| DbErr::Custom(format!("listing {}: HS code {}: {e}", l.id, l.hs_code)))?,
        national_code: l.national_code.clone(),
        description: l.description.clone(),
        capacity: l.capacity,
        capacity_unit: l.capacity_unit.clone(),
        min_order: l.min_order,
        min_order_unit: l.min_order_unit.clone(),
        lead_time_days: l.lead_time_days,
        export_markets: crate::foundations::domain::comma_list(&l.export_markets),
        certifications: certs.iter().filter_map(|c| CertKind::parse(&c.kind)).collect(),
    })
}

/// The listing `id` if it belongs to the user's company; otherwise 404.
pub async fn owned(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<(producer::Model, listing::Model), AppError> {
    let p = company::own_company(db, user.id).await?.ok_or(AppError::NotFound)?;
    let l = listing::Entity::find_by_id(id)
        .filter(listing::Column::ProducerId.eq(p.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((p, l))
}

fn invalid_hs() -> FormError {
    FormError::field("hs_code", DomainError::InvalidHsCode)
}

/// Search columns of a listing, as the seed computes them.
fn search_columns(
    input: &ListingInput,
    p: &producer::Model,
    hs: &hs_code::Model,
) -> (String, String) {
    let name_key = search_key(&input.product_name);
    let text = crate::catalogue::services::search_keys::listing_text(
        &name_key,
        &search_key(&input.description),
        &p.search_text,
        &search_key(&hs.description_en),
        &hs.code,
    );
    (name_key, text)
}

fn is_visible(listing_status: EntryStatus, p: &producer::Model) -> bool {
    listing_status.is_public() && p.status.is_public()
}

/// Creates a draft listing for the user's company.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: ListingInput,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<i64, FormError> {
    let p = company::own_company(db, user.id)
        .await?
        .ok_or(AppError::Conflict("create your company profile first".into()))?;
    if p.status == EntryStatus::Suspended {
        return Err(AppError::Forbidden.into());
    }
    let hs = check_hs(db, input.hs_code.as_str()).await?.ok_or_else(invalid_hs)?;
    let txn = crate::foundations::services::begin_write(db).await?;
    let id = insert(&txn, &p, &input, &hs, EntryStatus::Draft, now).await?;
    audit::record(
        &txn,
        audit::Event::new(Some(user.id), "listing.create", "listing", id, now).after(&input).ip(ip),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Inserts a listing row and its certificates (forms, CSV import, CLI import).
pub async fn insert(
    db: &impl ConnectionTrait,
    p: &producer::Model,
    input: &ListingInput,
    hs: &hs_code::Model,
    status: EntryStatus,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let mut row = listing::ActiveModel {
        producer_id: Set(p.id),
        status: Set(status),
        status_reason: Set(None),
        visible: Set(is_visible(status, p)),
        country_code: Set(p.country_code.clone()),
        region_code: Set(p.region_code.clone()),
        verified: Set(p.verified),
        published_at: Set(status.is_public().then_some(now)),
        created_at: Set(now),
        ..Default::default()
    };
    write_input(&mut row, input, p, hs, now);
    let row = row.insert(db).await?;
    replace_certs(db, p.id, row.id, &input.certifications, now).await?;
    Ok(row.id)
}

/// The columns a listing input sets, on insert and on every edit alike (the search columns
/// include the company's names and places).
fn write_input(
    row: &mut listing::ActiveModel,
    input: &ListingInput,
    p: &producer::Model,
    hs: &hs_code::Model,
    now: DateTime<Utc>,
) {
    let (name_key, search_text) = search_columns(input, p, hs);
    row.hs_code = Set(input.hs_code.as_str().to_owned());
    row.national_code = Set(input.national_code.clone());
    row.product_name = Set(input.product_name.clone());
    row.description = Set(input.description.clone());
    row.capacity = Set(input.capacity);
    row.capacity_unit = Set(input.capacity_unit.clone());
    row.min_order = Set(input.min_order);
    row.min_order_unit = Set(input.min_order_unit.clone());
    row.lead_time_days = Set(input.lead_time_days);
    row.export_markets = Set(input.export_markets.join(","));
    row.name_key = Set(name_key);
    row.search_text = Set(search_text);
    row.hs_section_id = Set(hs.section_id.unwrap_or(0));
    row.updated_at = Set(now);
}

async fn replace_certs(
    db: &impl ConnectionTrait,
    producer_id: i64,
    listing_id: i64,
    kinds: &[CertKind],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    certification::Entity::delete_many()
        .filter(certification::Column::ListingId.eq(listing_id))
        .exec(db)
        .await?;
    for kind in kinds {
        certification::ActiveModel {
            producer_id: Set(producer_id),
            listing_id: Set(Some(listing_id)),
            kind: Set(kind.as_str().to_owned()),
            issuer: Set(String::new()),
            number: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Writes an input over a stored listing (draft edits, approved revisions).
pub async fn apply(
    db: &impl ConnectionTrait,
    l: &listing::Model,
    input: &ListingInput,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    company::bump_version(db, "listing", l.id).await?;
    let p = producer::Entity::find_by_id(l.producer_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("producer".into()))?;
    let hs = check_hs(db, input.hs_code.as_str())
        .await?
        .ok_or_else(|| DbErr::Custom(format!("unknown HS code {}", input.hs_code)))?;
    let mut row: listing::ActiveModel = l.clone().into();
    write_input(&mut row, input, &p, &hs, now);
    row.update(db).await?;
    replace_certs(db, p.id, l.id, &input.certifications, now).await
}

pub async fn update(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    input: ListingInput,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<company::Saved, FormError> {
    let (p, l) = owned(db, user, id).await?;
    if p.status == EntryStatus::Suspended {
        return Err(AppError::Forbidden.into());
    }
    check_hs(db, input.hs_code.as_str()).await?.ok_or_else(invalid_hs)?;
    let txn = crate::foundations::services::begin_write(db).await?;
    let before = input_of(&txn, &l).await?;
    let outcome = if l.status == EntryStatus::Published {
        let rev = company::upsert_revision(&txn, "listing", l.id, user.id, &input, now).await?;
        audit::record(
            &txn,
            audit::Event::new(Some(user.id), "listing.revise", "listing", l.id, now)
                .before(&before)
                .after(&input)
                .ip(ip),
        )
        .await?;
        company::Saved::RevisionPending(rev)
    } else {
        apply(&txn, &l, &input, now).await?;
        if l.status == EntryStatus::Rejected {
            // Back to draft; the moderator's reason stays until it is submitted again.
            set_status(&txn, l.id, EntryStatus::Draft, l.status_reason.as_deref(), false, now)
                .await?;
        }
        audit::record(
            &txn,
            audit::Event::new(Some(user.id), "listing.update", "listing", l.id, now)
                .before(&before)
                .after(&input)
                .ip(ip),
        )
        .await?;
        company::Saved::Updated(l.id)
    };
    txn.commit().await?;
    Ok(outcome)
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    status: EntryStatus,
    reason: Option<&str>,
    visible: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    listing::Entity::update_many()
        .col_expr(listing::Column::Status, Expr::value(status))
        .col_expr(listing::Column::StatusReason, Expr::value(reason.map(str::to_owned)))
        .col_expr(listing::Column::Visible, Expr::value(visible))
        .col_expr(listing::Column::UpdatedAt, Expr::value(now))
        .filter(listing::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What a producer may do to a listing in each state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Submit,
    Withdraw,
    Delete,
}

impl Action {
    pub fn allowed_from(self, status: EntryStatus) -> bool {
        match self {
            Action::Submit => status.listing_can_submit(),
            Action::Withdraw => status.listing_can_withdraw(),
            Action::Delete => true,
        }
    }
}

pub async fn act(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    action: Action,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<(), AppError> {
    let (p, l) = owned(db, user, id).await?;
    if p.status == EntryStatus::Suspended {
        return Err(AppError::Forbidden);
    }
    if !action.allowed_from(l.status) {
        return Err(AppError::Conflict(format!("not possible while the listing is {}", l.status)));
    }
    if action == Action::Submit {
        crate::workspace::services::recovery::ensure_confirmed(db, user.id).await?;
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    let name = match action {
        Action::Submit => {
            set_status(&txn, id, EntryStatus::Submitted, None, false, now).await?;
            "listing.submit"
        }
        Action::Withdraw => {
            set_status(&txn, id, EntryStatus::Withdrawn, None, false, now).await?;
            "listing.withdraw"
        }
        Action::Delete => {
            certification::Entity::delete_many()
                .filter(certification::Column::ListingId.eq(id))
                .exec(&txn)
                .await?;
            revision::Entity::delete_many()
                .filter(revision::Column::TargetKind.eq("listing"))
                .filter(revision::Column::TargetId.eq(id))
                .exec(&txn)
                .await?;
            listing::Entity::delete_by_id(id).exec(&txn).await?;
            "listing.delete"
        }
    };
    let before = serde_json::json!({ "status": l.status, "product_name": l.product_name });
    audit::record(
        &txn,
        audit::Event::new(Some(user.id), name, "listing", id, now).before(before).ip(ip),
    )
    .await?;
    if l.status == EntryStatus::Published {
        crate::catalogue::services::search::catalogue_changed(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Recomputes the company-derived columns of a producer's listings (after the company changed
/// or was published, suspended or verified).
pub async fn reindex_producer(db: &impl ConnectionTrait, producer_id: i64) -> Result<(), DbErr> {
    let Some(p) = producer::Entity::find_by_id(producer_id).one(db).await? else {
        return Ok(());
    };
    let rows =
        listing::Entity::find().filter(listing::Column::ProducerId.eq(producer_id)).all(db).await?;
    for l in rows {
        let hs_text = check_hs(db, &l.hs_code)
            .await?
            .map(|h| search_key(&h.description_en))
            .unwrap_or_default();
        let text = crate::catalogue::services::search_keys::listing_text(
            &l.name_key,
            &search_key(&l.description),
            &p.search_text,
            &hs_text,
            &l.hs_code,
        );
        let visible = is_visible(l.status, &p);
        let mut row: listing::ActiveModel = l.into();
        row.search_text = Set(text);
        row.country_code = Set(p.country_code.clone());
        row.region_code = Set(p.region_code.clone());
        row.verified = Set(p.verified);
        row.visible = Set(visible);
        row.update(db).await?;
    }
    Ok(())
}
