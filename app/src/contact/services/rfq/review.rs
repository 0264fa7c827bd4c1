//! Requests for quotation under moderation (`RFQ_MODERATION=on`): the queue of confirmed
//! requests, and the administrator's decision to send one on or refuse it.

use super::{LIST_ROWS, open, summaries};
use crate::{
    administration::services::audit,
    contact::models::rfq::RfqSummary,
    foundations::{
        domain::RfqStatus,
        entities::rfq,
        error::AppError,
        i18n::Locale,
        services::{
            begin_write,
            mail::{
                enqueue,
                templates::{Mail, render},
            },
        },
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};

/// Confirmed requests waiting for an administrator (with `RFQ_MODERATION=on`), oldest first.
pub async fn review_queue(db: &DatabaseConnection) -> Result<Vec<RfqSummary>, DbErr> {
    let rows = rfq::Entity::find()
        .filter(rfq::Column::Status.eq(RfqStatus::Review))
        .order_by_asc(rfq::Column::Id)
        .limit(LIST_ROWS)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// An administrator sends a request on (`reason` None) or refuses it with a reason the buyer
/// is mailed. Of two simultaneous decisions one wins; the other gets 409.
pub async fn decide(
    db: &DatabaseConnection,
    admin_id: i64,
    rfq_id: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // The conditional update is the claim: of two decisions only one finds it in review.
    let target = if reason.is_none() { RfqStatus::Open } else { RfqStatus::Rejected };
    let txn = begin_write(db).await?;
    let claimed = rfq::Entity::update_many()
        .col_expr(rfq::Column::Status, Expr::value(target.as_str()))
        .filter(rfq::Column::Id.eq(rfq_id))
        .filter(rfq::Column::Status.eq(RfqStatus::Review))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(match rfq::Entity::find_by_id(rfq_id).one(&txn).await? {
            None => AppError::NotFound,
            Some(_) => AppError::Conflict("this request was already decided".into()),
        });
    }
    let r = rfq::Entity::find_by_id(rfq_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let action = match reason {
        None => {
            open(&txn, r, now).await?;
            "rfq.approved"
        }
        Some(reason) => {
            let locale = Locale::from_code(&r.language).unwrap_or_default();
            let mail = Mail::RfqRejected { product: r.product.clone(), reason: reason.clone() };
            enqueue(&txn, render(&mail, &r.buyer_email, locale), now).await?;
            let mut active: rfq::ActiveModel = r.into();
            active.status_reason = Set(Some(reason));
            active.update(&txn).await?;
            "rfq.rejected"
        }
    };
    audit::record(&txn, audit::Event::new(Some(admin_id), action, "rfq", rfq_id, now)).await?;
    txn.commit().await?;
    Ok(())
}
