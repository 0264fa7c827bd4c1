//! Owners claim companies that came into the registry by import. A signed-in account names its
//! role and gives evidence: an address at the company's own web domain, checked by a mailed link
//! (so the claimant reads mail there), or a document (PDF, JPEG or PNG up to 5 MB, kept as a
//! file outside the web root, opened only by administrators). Then administrators decide. Approval makes the
//! account the company's one owner; a claim on a company that already has an owner is a
//! dispute, and approving it hands the company over (the previous owner's sessions end).

use crate::{
    administration::services::audit,
    catalogue::services::detail::public_producer,
    contact::{
        models::claim::{ClaimRow, ClaimTarget},
        services::inquiries::{bad_link, confirmed_by_link},
    },
    foundations::{
        domain::{
            ClaimStatus, Email, bounded_line,
            claim::{MAX_DOCUMENT_BYTES, document_type, email_at_domain, website_domain},
        },
        entities::{claim, producer, user_account},
        error::AppError,
        forms::{FieldErrors, FormError, FormValues, Problem},
        i18n::Locale,
        services::{
            begin_write,
            mail::{
                enqueue,
                templates::{Mail, render},
            },
        },
    },
    workspace::services::{
        accounts::{end_all_sessions, link_token_hash, new_token, session_id},
        company::own_company,
    },
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};
use std::collections::HashMap;

/// How long the link to the company-domain address works.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);

/// What shows that the claimant works for the company.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// An address at the company's web domain (checked by a mailed link).
    Email(Email),
    /// A document: its own name, its bytes, and its type and extension (by its first bytes).
    Document { name: String, bytes: Vec<u8>, kind: (&'static str, &'static str) },
}

/// A claim, parsed once from its form.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimInput {
    pub role: String,
    pub evidence: Evidence,
}

/// Checks the claim form; `document` is the uploaded file (name, bytes), if one was chosen.
pub fn parse(
    v: &FormValues,
    document: Option<(String, Vec<u8>)>,
) -> Result<ClaimInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let role = e.check("role", bounded_line(v.get("role"), 2, 200));
    let evidence = match document.filter(|(_, bytes)| !bytes.is_empty()) {
        Some((_, bytes)) if bytes.len() > MAX_DOCUMENT_BYTES => {
            e.add(
                "document",
                Problem::new("err_file_too_large").with("mb", MAX_DOCUMENT_BYTES >> 20),
            );
            None
        }
        Some((name, bytes)) => match document_type(&bytes) {
            Some(kind) => {
                let name: String = name.chars().filter(|c| !c.is_control()).take(200).collect();
                Some(Evidence::Document { name, bytes, kind })
            }
            None => {
                e.add("document", Problem::new("err_claim_document_type"));
                None
            }
        },
        None if v.get("email").trim().is_empty() => {
            e.add("email", Problem::new("err_claim_evidence"));
            None
        }
        None => e.check("email", Email::parse(v.get("email"))).map(Evidence::Email),
    };
    match (role, evidence) {
        (Some(role), Some(evidence)) if e.is_empty() => Ok(ClaimInput { role, evidence }),
        _ => Err(e),
    }
}

fn domain_of(p: &producer::Model) -> Option<String> {
    p.website.as_deref().and_then(website_domain)
}

/// What the claim page shows to `user_id` about company `producer_id`; None when not public.
pub async fn target(
    db: &DatabaseConnection,
    user_id: i64,
    producer_id: i64,
) -> Result<Option<ClaimTarget>, DbErr> {
    let Some(p) = public_producer(db, producer_id).await? else { return Ok(None) };
    let own = own_company(db, user_id).await?;
    let pending = claim::Entity::find()
        .filter(claim::Column::ProducerId.eq(p.id))
        .filter(claim::Column::UserId.eq(user_id))
        .order_by_desc(claim::Column::Id)
        .one(db)
        .await?
        .map(|c| c.status);
    Ok(Some(ClaimTarget {
        producer_id: p.id,
        domain: domain_of(&p),
        owned_by_other: p.owner_user_id.is_some_and(|o| o != user_id),
        mine: p.owner_user_id == Some(user_id),
        has_company: own.is_some_and(|c| c.id != p.id),
        producer_name: p.legal_name,
        pending,
    }))
}

/// Records the claim: an address is mailed the link that sends the claim on; a document is kept
/// in `documents` and the claim goes to the administrators at once.
pub async fn start(
    db: &DatabaseConnection,
    documents: &std::path::Path,
    user_id: i64,
    producer_id: i64,
    input: ClaimInput,
    language: Locale,
    now: DateTime<Utc>,
) -> Result<(), FormError> {
    let txn = begin_write(db).await?;
    let p = public_producer(&txn, producer_id).await?.ok_or(AppError::NotFound)?;
    if p.owner_user_id == Some(user_id) {
        return Err(AppError::Conflict("your account already manages this company".into()).into());
    }
    if own_company(&txn, user_id).await?.is_some() {
        return Err(AppError::Conflict(
            "your account already manages a company: one account manages one company".into(),
        )
        .into());
    }
    if let Evidence::Email(email) = &input.evidence {
        let Some(domain) = domain_of(&p) else {
            return Err(FormError::field("email", Problem::new("err_claim_no_domain")));
        };
        if !email_at_domain(email.as_str(), &domain) {
            let problem = Problem::new("err_claim_domain").with("domain", domain);
            return Err(FormError::field("email", problem));
        }
    }
    // A new claim replaces the account's unconfirmed ones on this company (their links stop).
    claim::Entity::delete_many()
        .filter(claim::Column::ProducerId.eq(p.id))
        .filter(claim::Column::UserId.eq(user_id))
        .filter(claim::Column::Status.eq(ClaimStatus::Unconfirmed))
        .exec(&txn)
        .await?;
    let token = new_token();
    let mut row = claim::ActiveModel {
        producer_id: Set(p.id),
        user_id: Set(user_id),
        role: Set(input.role),
        evidence_email: Set(None),
        document_name: Set(None),
        document_file: Set(None),
        document_type: Set(None),
        token_hash: Set(None),
        token_expires_at: Set(None),
        email_confirmed_at: Set(None),
        status: Set(ClaimStatus::Pending),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    match input.evidence {
        Evidence::Email(email) => {
            row.evidence_email = Set(Some(email.as_str().to_owned()));
            row.token_hash = Set(Some(session_id(&token)));
            row.token_expires_at = Set(Some(now + CONFIRM_LIFETIME));
            row.status = Set(ClaimStatus::Unconfirmed);
            row.insert(&txn).await?;
            let mail = Mail::ClaimConfirm { token, producer: p.legal_name };
            enqueue(&txn, render(&mail, email.as_str(), language), now).await?;
        }
        Evidence::Document { name, bytes, kind: (mime, extension) } => {
            // An unguessable file name: the claimant's own name is only shown, never used.
            let file = format!("claim-{}.{extension}", &token[..32]);
            std::fs::create_dir_all(documents)
                .and_then(|()| std::fs::write(documents.join(&file), &bytes))
                .map_err(|e| {
                    tracing::error!(error = %e, "claim document not kept");
                    AppError::Internal
                })?;
            row.document_name = Set(Some(name));
            row.document_file = Set(Some(file));
            row.document_type = Set(Some(mime.to_owned()));
            let row = row.insert(&txn).await?;
            submitted(&txn, &row, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

async fn submitted(
    db: &impl sea_orm::ConnectionTrait,
    c: &claim::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let evidence = serde_json::json!({
        "producer": c.producer_id,
        "email": c.evidence_email,
        "document": c.document_name,
    });
    audit::record(
        db,
        audit::Event::new(Some(c.user_id), "claim.submitted", "claim", c.id, now).after(evidence),
    )
    .await
}

/// The document of claim `claim_id` for an administrator: bytes, type and the claimant's name
/// for it.
pub async fn document(
    db: &DatabaseConnection,
    documents: &std::path::Path,
    claim_id: i64,
) -> Result<(Vec<u8>, String, String), AppError> {
    let c = claim::Entity::find_by_id(claim_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (Some(file), Some(mime), Some(name)) = (c.document_file, c.document_type, c.document_name)
    else {
        return Err(AppError::NotFound);
    };
    let bytes = std::fs::read(documents.join(&file)).map_err(|e| {
        tracing::error!(error = %e, file, "claim document unreadable");
        AppError::Internal
    })?;
    Ok((bytes, mime, name))
}

/// Follows the link mailed to the company-domain address: the claim goes to the
/// administrators. Returns the company's id.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let hash = link_token_hash(token).ok_or_else(bad_link)?;
    let txn = begin_write(db).await?;
    let row = confirmed_by_link::<claim::Entity>(
        &txn,
        (claim::Column::TokenHash, hash),
        (claim::Column::Status, ClaimStatus::Unconfirmed),
        |c| c.token_expires_at,
        now,
    )
    .await?;
    let mut active: claim::ActiveModel = row.into();
    active.status = Set(ClaimStatus::Pending);
    active.token_hash = Set(None);
    active.token_expires_at = Set(None);
    active.email_confirmed_at = Set(Some(now));
    let row = active.update(&txn).await?;
    submitted(&txn, &row, now).await?;
    txn.commit().await?;
    Ok(row.producer_id)
}

/// Confirmed claims waiting for a decision, oldest first.
pub async fn queue(db: &DatabaseConnection) -> Result<Vec<ClaimRow>, DbErr> {
    let claims = claim::Entity::find()
        .filter(claim::Column::Status.eq(ClaimStatus::Pending))
        .order_by_asc(claim::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    // Three queries for the whole queue: the claims, their companies, the accounts named.
    let producer_ids: Vec<i64> = claims.iter().map(|c| c.producer_id).collect();
    let producers: HashMap<i64, producer::Model> = producer::Entity::find()
        .filter(producer::Column::Id.is_in(producer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let user_ids: Vec<i64> = claims
        .iter()
        .map(|c| c.user_id)
        .chain(producers.values().filter_map(|p| p.owner_user_id))
        .collect();
    let emails: HashMap<i64, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(claims
        .into_iter()
        .filter_map(|c| {
            let p = producers.get(&c.producer_id)?;
            let current_owner =
                p.owner_user_id.filter(|o| *o != c.user_id).and_then(|o| emails.get(&o).cloned());
            Some(ClaimRow {
                id: c.id,
                producer_id: p.id,
                producer_name: p.legal_name.clone(),
                tax_id: p.tax_id.clone(),
                website: p.website.clone(),
                account_email: emails.get(&c.user_id).cloned().unwrap_or_default(),
                role: c.role,
                evidence_email: c.evidence_email,
                document: c.document_name.zip(c.document_type),
                confirmed_at: crate::foundations::domain::Minute::from(
                    c.email_confirmed_at.unwrap_or(c.created_at),
                ),
                current_owner,
            })
        })
        .collect())
}

/// An administrator approves a claim (`reason` None) or refuses it with a reason the claimant
/// is mailed. Of two simultaneous decisions one wins; the other gets 409.
pub async fn decide(
    db: &DatabaseConnection,
    admin_id: i64,
    claim_id: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let target = if reason.is_none() { ClaimStatus::Approved } else { ClaimStatus::Rejected };
    let txn = begin_write(db).await?;
    // The conditional update is the claim on the decision: only one finds it pending.
    let updated = claim::Entity::update_many()
        .col_expr(claim::Column::Status, Expr::value(target.as_str()))
        .col_expr(claim::Column::Reason, Expr::value(reason.clone()))
        .col_expr(claim::Column::DecidedBy, Expr::value(admin_id))
        .col_expr(claim::Column::DecidedAt, Expr::value(now))
        .filter(claim::Column::Id.eq(claim_id))
        .filter(claim::Column::Status.eq(ClaimStatus::Pending))
        .exec(&txn)
        .await?;
    let c = claim::Entity::find_by_id(claim_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict("this claim was already decided".into()));
    }
    let p =
        producer::Entity::find_by_id(c.producer_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let claimant =
        user_account::Entity::find_by_id(c.user_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let locale = claimant.locale.as_deref().and_then(Locale::from_code).unwrap_or_default();
    let mail = match &reason {
        None => {
            if own_company(&txn, c.user_id).await?.is_some_and(|o| o.id != p.id) {
                return Err(AppError::Conflict(
                    "the claimant's account manages another company meanwhile".into(),
                ));
            }
            let before = p.owner_user_id;
            if let Some(previous) = before.filter(|o| *o != c.user_id) {
                end_all_sessions(&txn, previous).await?;
            }
            let mut active: producer::ActiveModel = p.clone().into();
            active.owner_user_id = Set(Some(c.user_id));
            active.update(&txn).await?;
            audit::record(
                &txn,
                audit::Event::new(Some(admin_id), "producer.claimed", "producer", p.id, now)
                    .before(serde_json::json!({ "owner": before }))
                    .after(serde_json::json!({ "owner": c.user_id, "claim": c.id })),
            )
            .await?;
            Mail::ClaimApproved { producer: p.legal_name.clone() }
        }
        Some(reason) => {
            Mail::ClaimRejected { producer: p.legal_name.clone(), reason: reason.clone() }
        }
    };
    enqueue(&txn, render(&mail, &claimant.email, locale), now).await?;
    let action = if reason.is_none() { "claim.approved" } else { "claim.rejected" };
    audit::record(&txn, audit::Event::new(Some(admin_id), action, "claim", c.id, now)).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_needs_a_role_and_an_address() {
        let mut v = FormValues::default();
        v.set("role", "D");
        v.set("email", "not-an-address");
        let errors = parse(&v, None).expect_err("invalid");
        assert!(errors.get("role").is_some() && errors.get("email").is_some());
        v.set("role", "Director");
        v.set("email", "director@kostanay-muka.kz");
        assert_eq!(parse(&v, None).expect("valid").role, "Director");
        v.set("email", "");
        let errors = parse(&v, None).expect_err("no evidence");
        assert_eq!(errors.get("email").map(|p| p.key.as_str()), Some("err_claim_evidence"));
    }

    #[test]
    fn a_document_must_be_a_pdf_jpeg_or_png_of_5_mb_at_most() {
        let v = FormValues::of(&[("role", "Director")]);
        let pdf = b"%PDF-1.7 registration certificate".to_vec();
        let input = parse(&v, Some(("certificate.pdf".into(), pdf))).expect("a PDF");
        assert!(matches!(
            input.evidence,
            Evidence::Document { kind: ("application/pdf", "pdf"), .. }
        ));
        let exe = Some(("certificate.pdf".into(), b"MZ\x90\x00".to_vec()));
        assert_eq!(
            parse(&v, exe).expect_err("not a document").get("document").map(|p| p.key.as_str()),
            Some("err_claim_document_type")
        );
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        let errors = parse(&v, Some(("big.pdf".into(), big))).expect_err("too large");
        assert_eq!(errors.get("document").map(|p| p.key.as_str()), Some("err_file_too_large"));
    }
}
