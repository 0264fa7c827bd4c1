//! The audit trail: every state change is appended as one `audit_event` row (never updated or
//! deleted by the application).

use crate::entities::audit_event;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
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
