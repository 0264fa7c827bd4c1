//! A producer's product listings: parse once, save as draft, submit, withdraw, delete; edits to a
//! published listing wait as a revision. Every function checks that the listing belongs to the
//! signed-in user's company (another producer's id answers 404, as if it did not exist).

use crate::domain::EntryStatus;
use crate::{
    auth::CurrentUser,
    domain::{
        CertKind, DomainError, HsCode, bounded, bounded_line, national_code_matches, search_key,
    },
    entities::{certification, hs_code, listing, producer, revision},
    error::AppError,
    forms::{FieldErrors, FormError, FormValues, Problem},
    services::{audit, company},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

/// Units of capacity and minimum order (stored value, label): the form offers the same list.
pub use crate::domain::units::UNITS;
pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const MAX_MARKETS: usize = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingInput {
    pub product_name: String,
    pub hs_code: String,
    pub national_code: Option<String>,
    pub description: String,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<String>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<String>,
    pub lead_time_days: Option<i32>,
    pub export_markets: Vec<String>,
    pub certifications: Vec<CertKind>,
}

fn optional(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// `1 500,5` and `1500.5` are the same quantity.
pub fn parse_quantity(s: &str) -> Result<f64, Problem> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect::<String>()
        .replace(',', ".");
    match cleaned.parse::<f64>() {
        Ok(q) if q.is_finite() && q > 0.0 && q < 1e12 => Ok(q),
        _ => Err(Problem::new("err_quantity")),
    }
}

pub(crate) fn parse_amount(
    v: &FormValues,
    e: &mut FieldErrors,
    field: &str,
    unit_field: &str,
) -> (Option<f64>, Option<String>) {
    let amount = optional(v.get(field)).and_then(|q| e.check(field, parse_quantity(q)));
    let unit = optional(v.get(unit_field));
    let unit = match unit {
        Some(u) => match UNITS.iter().find(|(code, _)| code.eq_ignore_ascii_case(u)) {
            Some((code, _)) => Some((*code).to_owned()),
            None => {
                e.add(unit_field, Problem::new("err_choice"));
                None
            }
        },
        None => None,
    };
    if amount.is_some() && unit.is_none() && e.get(unit_field).is_none() {
        e.add(unit_field, Problem::new("err_unit_required"));
    }
    (amount, amount.and(unit))
}

/// ISO 3166-1 alpha-2 codes, separated by commas, semicolons, spaces or `|`.
pub fn parse_markets(s: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for code in s.split([',', ';', ' ', '|', '\n']).map(str::trim).filter(|c| !c.is_empty()) {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(
                Problem::new("err_markets").with("code", code.chars().take(20).collect::<String>())
            );
        }
        let code = code.to_ascii_uppercase();
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.len() > MAX_MARKETS {
        return Err(Problem::new("err_too_many").with("max", MAX_MARKETS));
    }
    Ok(out)
}

/// The HS field of a form (`hs_code`, or `hs_pick` when a code was chosen from the codes its
/// words matched): a heading or subheading. Words are a step, reported as `err_hs_pick` so the
/// page offers the matching codes ([`crate::services::catalogue::hs_candidates`]).
pub(crate) fn parse_hs_field(v: &FormValues, e: &mut FieldErrors) -> Option<HsCode> {
    // A code picked from the suggestions (radio buttons without JavaScript) wins over the box.
    let hs_raw = optional(v.get("hs_pick")).unwrap_or(v.get("hs_code"));
    match HsCode::parse_for_listing(hs_raw) {
        Ok(code) => Some(code),
        Err(err) => {
            if hs_raw.chars().any(char::is_alphabetic) {
                e.add("hs_code", Problem::new("err_hs_pick"));
            } else {
                e.add("hs_code", err);
            }
            None
        }
    }
}

/// Parses the listing form. The HS code is checked against the nomenclature separately
/// ([`check_hs`]), as that needs the database.
pub fn parse_listing(v: &FormValues) -> Result<ListingInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let product_name = e.check("product_name", bounded_line(v.get("product_name"), 2, NAME_MAX));
    let hs = parse_hs_field(v, &mut e);
    let national_code = match (optional(v.get("national_code")), &hs) {
        (None, _) => None,
        (Some(n), Some(hs)) => e.check("national_code", national_code_matches(n, hs)),
        (Some(_), None) => None,
    };
    let description = e.check("description", bounded(v.get("description"), 0, DESCRIPTION_MAX));
    let (capacity, capacity_unit) = parse_amount(v, &mut e, "capacity", "capacity_unit");
    let (min_order, min_order_unit) = parse_amount(v, &mut e, "min_order", "min_order_unit");
    let lead_time_days = match optional(v.get("lead_time_days")) {
        None => None,
        Some(d) => match d.parse::<i32>() {
            Ok(d) if (0..=730).contains(&d) => Some(d),
            _ => {
                e.add("lead_time_days", Problem::new("err_lead_time"));
                None
            }
        },
    };
    let export_markets = e.check("export_markets", parse_markets(v.get("export_markets")));
    let mut certifications = Vec::new();
    for c in v.all("cert") {
        match CertKind::parse(c.trim()) {
            Some(k) if !certifications.contains(&k) => certifications.push(k),
            Some(_) => {}
            None => e.add("cert", Problem::new("err_choice")),
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ListingInput {
        product_name: product_name.unwrap_or_default(),
        hs_code: hs.map(|h| h.as_str().to_owned()).unwrap_or_default(),
        national_code,
        description: description.unwrap_or_default(),
        capacity,
        capacity_unit,
        min_order,
        min_order_unit,
        lead_time_days,
        export_markets: export_markets.unwrap_or_default(),
        certifications,
    })
}

/// The section and description of an HS code in the nomenclature, if it is one.
pub async fn check_hs(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<hs_code::Model>, DbErr> {
    hs_code::Entity::find_by_id(code.to_owned()).one(db).await
}

pub fn to_form(l: &ListingInput) -> FormValues {
    let mut v = FormValues::default();
    let num = |q: Option<f64>| q.map(|q| q.to_string()).unwrap_or_default();
    v.set("product_name", &l.product_name);
    v.set("hs_code", &l.hs_code);
    v.set("national_code", l.national_code.clone().unwrap_or_default());
    v.set("description", &l.description);
    v.set("capacity", num(l.capacity));
    v.set("capacity_unit", l.capacity_unit.clone().unwrap_or_default());
    v.set("min_order", num(l.min_order));
    v.set("min_order_unit", l.min_order_unit.clone().unwrap_or_default());
    v.set("lead_time_days", l.lead_time_days.map(|d| d.to_string()).unwrap_or_default());
    v.set("export_markets", l.export_markets.join(", "));
    for c in &l.certifications {
        v.push("cert", c.as_str());
    }
    v
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
        hs_code: l.hs_code.clone(),
        national_code: l.national_code.clone(),
        description: l.description.clone(),
        capacity: l.capacity,
        capacity_unit: l.capacity_unit.clone(),
        min_order: l.min_order,
        min_order_unit: l.min_order_unit.clone(),
        lead_time_days: l.lead_time_days,
        export_markets: l
            .export_markets
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
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
    let text = crate::services::search_keys::listing_text(
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
    let hs = check_hs(db, &input.hs_code).await?.ok_or_else(invalid_hs)?;
    let txn = crate::services::begin_write(db).await?;
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
    let (name_key, search_text) = search_columns(input, p, hs);
    let row = listing::ActiveModel {
        producer_id: Set(p.id),
        hs_code: Set(input.hs_code.clone()),
        national_code: Set(input.national_code.clone()),
        product_name: Set(input.product_name.clone()),
        description: Set(input.description.clone()),
        capacity: Set(input.capacity),
        capacity_unit: Set(input.capacity_unit.clone()),
        min_order: Set(input.min_order),
        min_order_unit: Set(input.min_order_unit.clone()),
        lead_time_days: Set(input.lead_time_days),
        export_markets: Set(input.export_markets.join(",")),
        status: Set(status),
        status_reason: Set(None),
        name_key: Set(name_key),
        search_text: Set(search_text),
        visible: Set(is_visible(status, p)),
        country_code: Set(p.country_code.clone()),
        region_code: Set(p.region_code.clone()),
        hs_section_id: Set(hs.section_id.unwrap_or(0)),
        verified: Set(p.verified),
        published_at: Set(status.is_public().then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    replace_certs(db, p.id, row.id, &input.certifications, now).await?;
    Ok(row.id)
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
    let hs = check_hs(db, &input.hs_code)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("unknown HS code {}", input.hs_code)))?;
    let (name_key, search_text) = search_columns(input, &p, &hs);
    let mut row: listing::ActiveModel = l.clone().into();
    row.hs_code = Set(input.hs_code.clone());
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
    check_hs(db, &input.hs_code).await?.ok_or_else(invalid_hs)?;
    let txn = crate::services::begin_write(db).await?;
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
        crate::services::recovery::ensure_confirmed(db, user.id).await?;
    }
    let txn = crate::services::begin_write(db).await?;
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
        crate::services::search::catalogue_changed(&txn).await?;
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
        let text = crate::services::search_keys::listing_text(
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
