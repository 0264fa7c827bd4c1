//! A producer's company profile: parsed from the form once ([`input`]), saved as a draft,
//! submitted for moderation; once published, edits become a pending revision and the public
//! entry stays as it was until an administrator approves.

use crate::foundations::domain::{CountryCode, DomainError, Email, EntryStatus, RegionCode, TaxId};
use crate::{
    administration::services::audit,
    foundations::{
        auth::CurrentUser,
        domain::CertKind,
        entities::{certification, listing, producer, revision},
        error::AppError,
        forms::{FormError, Problem},
    },
    workspace::services::listings,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

mod input;

pub use input::{
    CertInput, CompanyInput, DESCRIPTION_MAX, MAX_CERTS, WORKFORCE, parse_company, parse_date,
    parse_phone, parse_website, to_form,
};

pub async fn input_of(
    db: &impl ConnectionTrait,
    p: &producer::Model,
) -> Result<CompanyInput, DbErr> {
    let certs = certification::Entity::find()
        .filter(certification::Column::ProducerId.eq(p.id))
        .filter(certification::Column::ListingId.is_null())
        .order_by_asc(certification::Column::Id)
        .all(db)
        .await?;
    // Stored values were parsed on the way in.
    let stored =
        |field: &str, e: DomainError| DbErr::Custom(format!("producer {}: {field}: {e}", p.id));
    let country = CountryCode::parse(&p.country_code).map_err(|e| stored("country", e))?;
    Ok(CompanyInput {
        legal_name: p.legal_name.clone(),
        name_latin: p.name_latin.clone(),
        tax_id: TaxId::parse(country, &p.tax_id).map_err(|e| stored("tax_id", e))?,
        country,
        region: RegionCode::parse(&p.region_code).map_err(|e| stored("region", e))?,
        city: p.city.clone(),
        address: p.address.clone(),
        website: p.website.clone(),
        phone: p.phone.clone(),
        email: p.email.as_deref().map(Email::parse).transpose().map_err(|e| stored("email", e))?,
        show_phone: p.show_phone,
        show_email: p.show_email,
        year_founded: p.year_founded,
        workforce: p.workforce.clone(),
        description: p.description.clone(),
        certifications: certs
            .into_iter()
            .filter_map(|c| {
                Some(CertInput {
                    kind: CertKind::parse(&c.kind)?,
                    issuer: c.issuer,
                    number: c.number,
                    valid_from: c.valid_from,
                    valid_until: c.valid_until,
                })
            })
            .collect(),
    })
}

/// The company of a user (one account, one company).
pub async fn own_company(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<producer::Model>, DbErr> {
    producer::Entity::find().filter(producer::Column::OwnerUserId.eq(user_id)).one(db).await
}

/// The pending revision of a target, if any.
pub async fn pending_revision(
    db: &impl ConnectionTrait,
    kind: &str,
    id: i64,
) -> Result<Option<revision::Model>, DbErr> {
    revision::Entity::find()
        .filter(revision::Column::TargetKind.eq(kind))
        .filter(revision::Column::TargetId.eq(id))
        .filter(revision::Column::Status.eq("pending"))
        .one(db)
        .await
}

#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Created(i64),
    Updated(i64),
    /// Published entry unchanged; the edit waits for moderation.
    RevisionPending(i64),
}

/// Another producer with this tax ID in this country (a duplicate to refuse and report).
async fn tax_id_holder(
    db: &impl ConnectionTrait,
    input: &CompanyInput,
    except: Option<i64>,
) -> Result<Option<producer::Model>, DbErr> {
    let mut find = producer::Entity::find()
        .filter(producer::Column::CountryCode.eq(input.country.as_str()))
        .filter(producer::Column::TaxId.eq(input.tax_id.as_str()));
    if let Some(id) = except {
        find = find.filter(producer::Column::Id.ne(id));
    }
    find.one(db).await
}

pub async fn save_company(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: CompanyInput,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<Saved, FormError> {
    let existing = own_company(db, user.id).await?;
    if let Some(holder) = tax_id_holder(db, &input, existing.as_ref().map(|p| p.id)).await? {
        // Recorded so administrators can look at a possible duplicate registration.
        audit::record(
            db,
            audit::Event::new(
                Some(user.id),
                "producer.duplicate_tax_id",
                "producer",
                holder.id,
                now,
            )
            .after(serde_json::json!({ "country": input.country, "tax_id": input.tax_id.as_str(),
                                            "legal_name": input.legal_name }))
            .ip(ip),
        )
        .await?;
        return Err(FormError::field("tax_id", Problem::new("err_tax_id_taken")));
    }
    let txn = crate::foundations::services::begin_write(db).await?;
    let outcome = match existing {
        None => {
            let id = insert_producer(&txn, Some(user.id), &input, EntryStatus::Draft, now).await?;
            audit::record(
                &txn,
                audit::Event::new(Some(user.id), "producer.create", "producer", id, now)
                    .after(&input)
                    .ip(ip),
            )
            .await?;
            Saved::Created(id)
        }
        Some(p) if p.status == EntryStatus::Suspended => return Err(AppError::Forbidden.into()),
        Some(p) if p.status == EntryStatus::Published => {
            let id = upsert_revision(&txn, "producer", p.id, user.id, &input, now).await?;
            audit::record(
                &txn,
                audit::Event::new(Some(user.id), "producer.revise", "producer", p.id, now)
                    .before(input_of(&txn, &p).await?)
                    .after(&input)
                    .ip(ip),
            )
            .await?;
            Saved::RevisionPending(id)
        }
        Some(p) => {
            let before = input_of(&txn, &p).await?;
            apply_company(&txn, &p, &input, now).await?;
            // A rejected profile that is edited goes back to draft, to be submitted again (the
            // reason stays in sight until then).
            if p.status == EntryStatus::Rejected {
                set_status(&txn, p.id, EntryStatus::Draft, p.status_reason.as_deref(), now).await?;
            }
            audit::record(
                &txn,
                audit::Event::new(Some(user.id), "producer.update", "producer", p.id, now)
                    .before(before)
                    .after(&input)
                    .ip(ip),
            )
            .await?;
            Saved::Updated(p.id)
        }
    };
    txn.commit().await.map_err(|e| {
        if crate::workspace::services::accounts::is_unique_violation(&e) {
            FormError::field("tax_id", Problem::new("err_tax_id_taken"))
        } else {
            e.into()
        }
    })?;
    Ok(outcome)
}

fn producer_key(input: &CompanyInput) -> String {
    crate::catalogue::services::search_keys::producer_text(
        &input.legal_name,
        &input.name_latin,
        &input.city,
        input.region.as_str(),
    )
}

/// Inserts a producer; `owner` is None for companies loaded from an existing register.
pub async fn insert_producer(
    db: &impl ConnectionTrait,
    owner: Option<i64>,
    input: &CompanyInput,
    status: EntryStatus,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let mut row = producer::ActiveModel {
        owner_user_id: Set(owner),
        legal_form: Set(None),
        verified: Set(false),
        status: Set(status),
        published_at: Set(status.is_public().then_some(now)),
        created_at: Set(now),
        ..Default::default()
    };
    write_input(&mut row, input, now);
    let row = row.insert(db).await?;
    replace_certs(db, row.id, &input.certifications, now).await?;
    Ok(row.id)
}

/// Writes a company input over the stored producer (draft edits, approved revisions).
pub async fn apply_company(
    db: &impl ConnectionTrait,
    p: &producer::Model,
    input: &CompanyInput,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    bump_version(db, "producer", p.id).await?;
    let mut row: producer::ActiveModel = p.clone().into();
    write_input(&mut row, input, now);
    row.update(db).await?;
    replace_certs(db, p.id, &input.certifications, now).await?;
    // Listings carry the company's country, region and name in their search columns.
    listings::reindex_producer(db, p.id).await
}

/// The columns a company input sets, on insert and on every edit alike.
fn write_input(row: &mut producer::ActiveModel, input: &CompanyInput, now: DateTime<Utc>) {
    row.legal_name = Set(input.legal_name.clone());
    row.name_latin = Set(input.name_latin.clone());
    row.tax_id = Set(input.tax_id.as_str().to_owned());
    row.country_code = Set(input.country.as_str().to_owned());
    row.region_code = Set(input.region.as_str().to_owned());
    row.city = Set(input.city.clone());
    row.address = Set(input.address.clone());
    row.website = Set(input.website.clone());
    row.phone = Set(input.phone.clone());
    row.email = Set(input.email.as_ref().map(|e| e.as_str().to_owned()));
    row.show_phone = Set(input.show_phone);
    row.show_email = Set(input.show_email);
    row.year_founded = Set(input.year_founded);
    row.workforce = Set(input.workforce.clone());
    row.description = Set(input.description.clone());
    row.search_text = Set(producer_key(input));
    row.updated_at = Set(now);
}

async fn replace_certs(
    db: &impl ConnectionTrait,
    producer_id: i64,
    certs: &[CertInput],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    certification::Entity::delete_many()
        .filter(certification::Column::ProducerId.eq(producer_id))
        .filter(certification::Column::ListingId.is_null())
        .exec(db)
        .await?;
    for c in certs {
        certification::ActiveModel {
            producer_id: Set(producer_id),
            listing_id: Set(None),
            kind: Set(c.kind.as_str().to_owned()),
            issuer: Set(c.issuer.clone()),
            number: Set(c.number.clone()),
            valid_from: Set(c.valid_from),
            valid_until: Set(c.valid_until),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Adds one to the version of a producer or listing: its content (or the revision proposed for
/// it) changed, so a decision taken on what was shown before is refused.
pub async fn bump_version(db: &impl ConnectionTrait, kind: &str, id: i64) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    match kind {
        "producer" => {
            producer::Entity::update_many()
                .col_expr(producer::Column::Version, Expr::col(producer::Column::Version).add(1))
                .filter(producer::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        "listing" => {
            listing::Entity::update_many()
                .col_expr(listing::Column::Version, Expr::col(listing::Column::Version).add(1))
                .filter(listing::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        other => return Err(DbErr::Custom(format!("no versions for {other}"))),
    }
    Ok(())
}

/// Creates or replaces the pending revision of a published entry (a new version of the entry).
pub async fn upsert_revision(
    db: &impl ConnectionTrait,
    kind: &str,
    target_id: i64,
    author: i64,
    proposed: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let json = serde_json::to_value(proposed).map_err(|e| DbErr::Custom(e.to_string()))?;
    // The entry's version first: a decision in flight on it locks the same row first too.
    bump_version(db, kind, target_id).await?;
    match pending_revision(db, kind, target_id).await? {
        Some(r) => {
            let id = r.id;
            let mut row: revision::ActiveModel = r.into();
            row.proposed = Set(json);
            row.author_user_id = Set(Some(author));
            row.created_at = Set(now);
            row.update(db).await?;
            Ok(id)
        }
        None => Ok(revision::ActiveModel {
            target_kind: Set(kind.to_owned()),
            target_id: Set(target_id),
            proposed: Set(json),
            author_user_id: Set(Some(author)),
            status: Set("pending".to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?
        .id),
    }
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    producer_id: i64,
    status: EntryStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    producer::Entity::update_many()
        .col_expr(producer::Column::Status, Expr::value(status))
        .col_expr(producer::Column::StatusReason, Expr::value(reason.map(str::to_owned)))
        .col_expr(producer::Column::UpdatedAt, Expr::value(now))
        .filter(producer::Column::Id.eq(producer_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sends a draft (or rejected) company to the moderation queue.
pub async fn submit_company(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> Result<(), AppError> {
    let p = own_company(db, user.id).await?.ok_or(AppError::NotFound)?;
    if !p.status.company_can_submit() {
        return Err(AppError::Conflict("already submitted".into()));
    }
    crate::workspace::services::recovery::ensure_confirmed(db, user.id).await?;
    set_status(db, p.id, EntryStatus::Submitted, None, now).await?;
    audit::record(
        db,
        audit::Event::new(Some(user.id), "producer.submit", "producer", p.id, now).ip(ip),
    )
    .await?;
    Ok(())
}
