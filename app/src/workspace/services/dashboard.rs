//! A producer's dashboard: their company and every product, with moderation state, the
//! moderator's reason and whether an edit waits for review.

use crate::{
    foundations::{
        auth::CurrentUser,
        entities::{listing, revision},
        error::AppError,
    },
    workspace::{
        models::account::{AccountData, EntrySummary},
        services::{company, recovery},
    },
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub async fn overview(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<AccountData, AppError> {
    let email_confirmed = recovery::is_confirmed(db, user.id).await?;
    let Some(p) = company::own_company(db, user.id).await? else {
        return Ok(AccountData {
            email: user.email.clone(),
            email_confirmed,
            company: None,
            listings: Vec::new(),
            new_inquiries: 0,
        });
    };
    let listings = listing::Entity::find()
        .filter(listing::Column::ProducerId.eq(p.id))
        .order_by_desc(listing::Column::UpdatedAt)
        .all(db)
        .await?;
    // Pending revisions of this producer's entries only (not the whole registry's).
    let listing_ids: Vec<i64> = listings.iter().map(|l| l.id).collect();
    let pending: Vec<(String, i64)> = revision::Entity::find()
        .filter(revision::Column::Status.eq("pending"))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(revision::Column::TargetKind.eq("producer"))
                        .add(revision::Column::TargetId.eq(p.id)),
                )
                .add(
                    Condition::all()
                        .add(revision::Column::TargetKind.eq("listing"))
                        .add(revision::Column::TargetId.is_in(listing_ids)),
                ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.target_kind, r.target_id))
        .collect();
    let has_pending = |kind: &str, id: i64| pending.iter().any(|(k, i)| k == kind && *i == id);
    let listings = listings
        .into_iter()
        .map(|l| EntrySummary {
            id: l.id,
            revision_pending: has_pending("listing", l.id),
            name: l.product_name,
            hs_code: l.hs_code,
            status: l.status,
            reason: l.status_reason,
        })
        .collect();
    Ok(AccountData {
        email: user.email.clone(),
        email_confirmed,
        company: Some(EntrySummary {
            id: p.id,
            revision_pending: has_pending("producer", p.id),
            name: p.legal_name,
            hs_code: String::new(),
            status: p.status,
            reason: p.status_reason,
        }),
        listings,
        new_inquiries: crate::contact::services::inquiries::unanswered(db, user.id).await?,
    })
}
