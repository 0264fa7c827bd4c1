//! A producer's company profile: parsed from the form once, saved as a draft, submitted for
//! moderation; once published, edits become a pending revision and the public entry stays as
//! it was until an administrator approves.

use crate::domain::EntryStatus;
use crate::{
    auth::CurrentUser,
    domain::{
        CertKind, CountryCode, DomainError, Email, RegionCode, TaxId, bounded, bounded_line,
        transliterate_name,
    },
    entities::{certification, listing, producer, revision},
    error::AppError,
    forms::{FieldErrors, FormError, FormValues, Problem},
    services::{audit, listings},
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

pub use crate::domain::units::WORKFORCE;
pub const DESCRIPTION_MAX: usize = 5000;
/// Certificate rows the form offers beyond those already entered (no JavaScript needed).
pub const BLANK_CERT_ROWS: usize = 2;
pub const MAX_CERTS: usize = 30;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertInput {
    pub kind: CertKind,
    pub issuer: String,
    pub number: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A valid company profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyInput {
    pub legal_name: String,
    pub name_latin: String,
    pub tax_id: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_phone: bool,
    pub show_email: bool,
    pub year_founded: Option<i32>,
    pub workforce: Option<String>,
    pub description: String,
    pub certifications: Vec<CertInput>,
}

fn optional(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

pub fn parse_website(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let with_scheme = if s.contains("://") { s.to_owned() } else { format!("https://{s}") };
    let ok = (with_scheme.starts_with("https://") || with_scheme.starts_with("http://"))
        && with_scheme.len() <= 200
        && !with_scheme.chars().any(|c| c.is_whitespace() || c.is_control())
        && with_scheme.split("://").nth(1).is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        });
    if ok { Ok(with_scheme) } else { Err(Problem::new("err_website")) }
}

pub fn parse_phone(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if allowed && (7..=15).contains(&digits) && s.len() <= 30 {
        Ok(s.to_owned())
    } else {
        Err(Problem::new("err_phone"))
    }
}

pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, Problem> {
    match optional(s) {
        None => Ok(None),
        Some(d) => {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map(Some).map_err(|_| Problem::new("err_date"))
        }
    }
}

/// Parses the company form (field names as in the page).
pub fn parse_company(v: &FormValues, today: NaiveDate) -> Result<CompanyInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let legal_name = e.check("legal_name", bounded_line(v.get("legal_name"), 2, 300));
    let name_latin = match optional(v.get("name_latin")) {
        Some(n) => e.check("name_latin", bounded_line(n, 2, 300)),
        None => legal_name.as_deref().map(transliterate_name),
    };
    let country = e.check("country", CountryCode::parse(v.get("country")));
    let tax_id = match country {
        Some(c) => e.check("tax_id", TaxId::parse(c, v.get("tax_id"))),
        None => {
            if v.get("tax_id").trim().is_empty() {
                e.add("tax_id", DomainError::Empty);
            }
            None
        }
    };
    let region = match country {
        Some(c) if !v.get("region").trim().is_empty() => {
            e.check("region", RegionCode::parse_in_country(v.get("region"), c))
        }
        _ => {
            e.add("region", DomainError::Empty);
            None
        }
    };
    let city = e.check("city", bounded_line(v.get("city"), 1, 100));
    let address = e.check("address", bounded_line(v.get("address"), 0, 300));
    let website = optional(v.get("website")).and_then(|w| e.check("website", parse_website(w)));
    let phone = optional(v.get("phone")).and_then(|p| e.check("phone", parse_phone(p)));
    let email = optional(v.get("public_email"))
        .and_then(|m| e.check("public_email", Email::parse(m)))
        .map(|m| m.as_str().to_owned());
    let year_founded = match optional(v.get("year_founded")) {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (1800..=today.year()).contains(&y) => Some(y),
            _ => {
                e.add("year_founded", Problem::new("err_year").with("max", today.year()));
                None
            }
        },
    };
    let workforce = match optional(v.get("workforce")) {
        None => None,
        Some(w) if WORKFORCE.contains(&w) => Some(w.to_owned()),
        Some(_) => {
            e.add("workforce", Problem::new("err_choice"));
            None
        }
    };
    let description = e.check("description", bounded(v.get("description"), 0, DESCRIPTION_MAX));
    let show_phone = v.checked("show_phone");
    let show_email = v.checked("show_email");
    if show_phone && phone.is_none() && e.get("phone").is_none() {
        e.add("phone", Problem::new("err_show_without_value"));
    }
    if show_email && email.is_none() && e.get("public_email").is_none() {
        e.add("public_email", Problem::new("err_show_without_value"));
    }
    let certifications = parse_certs(v, &mut e);
    if !e.is_empty() {
        return Err(e);
    }
    Ok(CompanyInput {
        legal_name: legal_name.unwrap_or_default(),
        name_latin: name_latin.unwrap_or_default(),
        tax_id: tax_id.map(|t| t.as_str().to_owned()).unwrap_or_default(),
        country: country.map(|c| c.as_str().to_owned()).unwrap_or_default(),
        region: region.map(|r| r.as_str().to_owned()).unwrap_or_default(),
        city: city.unwrap_or_default(),
        address: address.unwrap_or_default(),
        website,
        phone,
        email,
        show_phone,
        show_email,
        year_founded,
        workforce,
        description: description.unwrap_or_default(),
        certifications,
    })
}

/// Certificate rows `cert_kind_N`, `cert_issuer_N`, … ; a row left entirely blank is skipped.
fn parse_certs(v: &FormValues, e: &mut FieldErrors) -> Vec<CertInput> {
    let mut certs = Vec::new();
    for i in 0..MAX_CERTS + BLANK_CERT_ROWS {
        let f = |name: &str| format!("cert_{name}_{i}");
        let (kind, issuer, number, from, until) = (
            v.get(&f("kind")),
            v.get(&f("issuer")),
            v.get(&f("number")),
            v.get(&f("from")),
            v.get(&f("until")),
        );
        if [kind, issuer, number, from, until].iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        let kind_parsed = CertKind::parse(kind.trim());
        if kind_parsed.is_none() {
            e.add(f("kind"), Problem::new("err_choice"));
        }
        let issuer = e.check(&f("issuer"), bounded_line(issuer, 2, 200));
        let number = e.check(&f("number"), bounded_line(number, 0, 100));
        let from = e.check(&f("from"), parse_date(from)).flatten();
        let until = e.check(&f("until"), parse_date(until)).flatten();
        if let (Some(a), Some(b)) = (from, until)
            && b < a
        {
            e.add(f("until"), Problem::new("err_date_order"));
        }
        if let (Some(kind), Some(issuer), Some(number)) = (kind_parsed, issuer, number) {
            certs.push(CertInput { kind, issuer, number, valid_from: from, valid_until: until });
        }
    }
    if certs.len() > MAX_CERTS {
        e.add("cert_kind_0", Problem::new("err_too_many").with("max", MAX_CERTS));
    }
    certs
}

/// The form's values for a stored company (and its certificates).
pub fn to_form(p: &CompanyInput) -> FormValues {
    let mut v = FormValues::default();
    v.set("legal_name", &p.legal_name);
    v.set("name_latin", &p.name_latin);
    v.set("tax_id", &p.tax_id);
    v.set("country", &p.country);
    v.set("region", &p.region);
    v.set("city", &p.city);
    v.set("address", &p.address);
    v.set("website", p.website.clone().unwrap_or_default());
    v.set("phone", p.phone.clone().unwrap_or_default());
    v.set("public_email", p.email.clone().unwrap_or_default());
    if p.show_phone {
        v.set("show_phone", "on");
    }
    if p.show_email {
        v.set("show_email", "on");
    }
    v.set("year_founded", p.year_founded.map(|y| y.to_string()).unwrap_or_default());
    v.set("workforce", p.workforce.clone().unwrap_or_default());
    v.set("description", &p.description);
    for (i, c) in p.certifications.iter().enumerate() {
        v.set(&format!("cert_kind_{i}"), c.kind.as_str());
        v.set(&format!("cert_issuer_{i}"), &c.issuer);
        v.set(&format!("cert_number_{i}"), &c.number);
        v.set(&format!("cert_from_{i}"), c.valid_from.map(|d| d.to_string()).unwrap_or_default());
        v.set(&format!("cert_until_{i}"), c.valid_until.map(|d| d.to_string()).unwrap_or_default());
    }
    v
}

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
    Ok(CompanyInput {
        legal_name: p.legal_name.clone(),
        name_latin: p.name_latin.clone(),
        tax_id: p.tax_id.clone(),
        country: p.country_code.clone(),
        region: p.region_code.clone(),
        city: p.city.clone(),
        address: p.address.clone(),
        website: p.website.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
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
        .filter(producer::Column::CountryCode.eq(&input.country))
        .filter(producer::Column::TaxId.eq(&input.tax_id));
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
            .after(serde_json::json!({ "country": input.country, "tax_id": input.tax_id,
                                            "legal_name": input.legal_name }))
            .ip(ip),
        )
        .await?;
        return Err(FormError::field("tax_id", Problem::new("err_tax_id_taken")));
    }
    let txn = crate::services::begin_write(db).await?;
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
        if crate::services::accounts::is_unique_violation(&e) {
            FormError::field("tax_id", Problem::new("err_tax_id_taken"))
        } else {
            e.into()
        }
    })?;
    Ok(outcome)
}

fn producer_key(input: &CompanyInput) -> String {
    crate::services::search_keys::producer_text(&input.legal_name, &input.name_latin, &input.city)
}

/// Inserts a producer; `owner` is None for companies loaded from an existing register.
pub async fn insert_producer(
    db: &impl ConnectionTrait,
    owner: Option<i64>,
    input: &CompanyInput,
    status: EntryStatus,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = producer::ActiveModel {
        owner_user_id: Set(owner),
        legal_name: Set(input.legal_name.clone()),
        name_latin: Set(input.name_latin.clone()),
        legal_form: Set(None),
        tax_id: Set(input.tax_id.clone()),
        country_code: Set(input.country.clone()),
        region_code: Set(input.region.clone()),
        city: Set(input.city.clone()),
        address: Set(input.address.clone()),
        website: Set(input.website.clone()),
        phone: Set(input.phone.clone()),
        email: Set(input.email.clone()),
        show_phone: Set(input.show_phone),
        show_email: Set(input.show_email),
        year_founded: Set(input.year_founded),
        workforce: Set(input.workforce.clone()),
        description: Set(input.description.clone()),
        verified: Set(false),
        status: Set(status),
        search_text: Set(producer_key(input)),
        published_at: Set(status.is_public().then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
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
    row.legal_name = Set(input.legal_name.clone());
    row.name_latin = Set(input.name_latin.clone());
    row.tax_id = Set(input.tax_id.clone());
    row.country_code = Set(input.country.clone());
    row.region_code = Set(input.region.clone());
    row.city = Set(input.city.clone());
    row.address = Set(input.address.clone());
    row.website = Set(input.website.clone());
    row.phone = Set(input.phone.clone());
    row.email = Set(input.email.clone());
    row.show_phone = Set(input.show_phone);
    row.show_email = Set(input.show_email);
    row.year_founded = Set(input.year_founded);
    row.workforce = Set(input.workforce.clone());
    row.description = Set(input.description.clone());
    row.search_text = Set(producer_key(input));
    row.updated_at = Set(now);
    row.update(db).await?;
    replace_certs(db, p.id, &input.certifications, now).await?;
    // Listings carry the company's country, region and name in their search columns.
    listings::reindex_producer(db, p.id).await
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
    crate::services::recovery::ensure_confirmed(db, user.id).await?;
    set_status(db, p.id, EntryStatus::Submitted, None, now).await?;
    audit::record(
        db,
        audit::Event::new(Some(user.id), "producer.submit", "producer", p.id, now).ip(ip),
    )
    .await?;
    Ok(())
}
