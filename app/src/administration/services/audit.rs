//! The audit trail: every state change is appended as one `audit_event` row (never updated or
//! deleted by the application).

use crate::foundations::{
    domain::csv_field,
    entities::{audit_event, user_account},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub struct Event {
    pub actor: Option<i64>,
    pub action: &'static str,
    pub target_kind: &'static str,
    pub target_id: i64,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub ip: Option<String>,
    /// When it happened, by the caller's clock (the server's injected clock in tests).
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Event {
    pub fn new(
        actor: Option<i64>,
        action: &'static str,
        kind: &'static str,
        id: i64,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        Self {
            at,
            actor,
            action,
            target_kind: kind,
            target_id: id,
            before: None,
            after: None,
            ip: None,
        }
    }

    pub fn before(mut self, v: impl serde::Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }

    pub fn after(mut self, v: impl serde::Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }

    pub fn ip(mut self, ip: Option<&str>) -> Self {
        self.ip = ip.map(str::to_owned);
        self
    }
}

pub async fn record(db: &impl ConnectionTrait, e: Event) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        actor_user_id: Set(e.actor),
        action: Set(e.action.to_owned()),
        target_kind: Set(Some(e.target_kind.to_owned())),
        target_id: Set(Some(e.target_id)),
        before: Set(e.before),
        after: Set(e.after),
        ip: Set(e.ip),
        created_at: Set(e.at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

// ---- The audit log, as administrators read it (`/admin/audit`, `/admin/audit.csv`). ----

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub ip: Option<String>,
}

/// The audit page's query string: actor, action, target_kind, target_id, from, to, page.
pub fn parse_audit_query(query: &str) -> Result<(AuditFilter, u64), String> {
    let mut f = AuditFilter::default();
    let mut page = 1;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let v = v.trim().to_owned();
        if v.is_empty() {
            continue;
        }
        let date = |v: &str| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("`{k}` must be a date as YYYY-MM-DD"))
        };
        match k.as_ref() {
            "actor" => f.actor = Some(v.chars().take(254).collect()),
            "action" => f.action = Some(v.chars().take(64).collect()),
            "target_kind" => f.target_kind = Some(v.chars().take(32).collect()),
            "target_id" => {
                f.target_id =
                    Some(v.parse().map_err(|_| "`target_id` must be a number".to_owned())?)
            }
            "from" => f.from = Some(date(&v)?),
            "to" => f.to = Some(date(&v)?),
            "page" => {
                page = v
                    .parse::<u64>()
                    .ok()
                    .filter(|p| (1..=100_000).contains(p))
                    .ok_or_else(|| "`page` must be a number from 1".to_owned())?
            }
            _ => {}
        }
    }
    Ok((f, page))
}

pub async fn audit_log(
    db: &impl ConnectionTrait,
    f: &AuditFilter,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<AuditRow>), DbErr> {
    let mut q = audit_event::Entity::find();
    if let Some(actor) = f.actor.as_deref().filter(|a| !a.is_empty()) {
        let ids: Vec<i64> = user_account::Entity::find()
            .filter(user_account::Column::EmailNormalized.contains(actor.to_lowercase()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        q = q.filter(audit_event::Column::ActorUserId.is_in(ids));
    }
    if let Some(a) = f.action.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_event::Column::Action.starts_with(a));
    }
    if let Some(k) = f.target_kind.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_event::Column::TargetKind.eq(k));
    }
    if let Some(id) = f.target_id {
        q = q.filter(audit_event::Column::TargetId.eq(id));
    }
    if let Some(from) = f.from {
        q = q.filter(
            audit_event::Column::CreatedAt.gte(from.and_hms_opt(0, 0, 0).unwrap().and_utc()),
        );
    }
    if let Some(to) = f.to {
        let end = (to + chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap().and_utc();
        q = q.filter(audit_event::Column::CreatedAt.lt(end));
    }
    let total = q.clone().count(db).await?;
    let rows = q.order_by_desc(audit_event::Column::Id).offset(offset).limit(limit).all(db).await?;
    let actor_ids: Vec<i64> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let emails: std::collections::HashMap<i64, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok((
        total,
        rows.into_iter()
            .map(|r| AuditRow {
                id: r.id,
                at: r.created_at,
                actor: r.actor_user_id.and_then(|a| emails.get(&a).cloned()),
                action: r.action,
                target_kind: r.target_kind,
                target_id: r.target_id,
                before: r.before.map(|j| j.to_string()),
                after: r.after.map(|j| j.to_string()),
                ip: r.ip,
            })
            .collect(),
    ))
}

/// The most events one CSV file holds (the newest).
pub const CSV_CAP: u64 = 100_000;

/// The audit log as CSV (UTF-8 with a BOM, for spreadsheets), the newest [`CSV_CAP`] events
/// that `f` selects; the last line says so when there were more.
pub async fn audit_csv(db: &impl ConnectionTrait, f: &AuditFilter) -> Result<String, DbErr> {
    let (total, rows) = audit_log(db, f, 0, CSV_CAP).await?;
    let mut out =
        String::from("\u{feff}time,actor,action,target_kind,target_id,before,after,ip\r\n");
    for r in rows {
        let line = [
            r.at.to_rfc3339(),
            r.actor.unwrap_or_default(),
            r.action,
            r.target_kind.unwrap_or_default(),
            r.target_id.map(|i| i.to_string()).unwrap_or_default(),
            r.before.unwrap_or_default(),
            r.after.unwrap_or_default(),
            r.ip.unwrap_or_default(),
        ]
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    if total > CSV_CAP {
        out.push_str(&format!(
            "\"only the newest {CSV_CAP} of {total} events are in this file\"\r\n"
        ));
    }
    Ok(out)
}
