//! The public statistics (`/stats`): listings by country × HS section, producers by region,
//! registrations per week, the median time to a moderation decision.

use crate::foundations::entities::{audit_event, user_account};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// (country, section id, published listings)
    pub by_country_section: Vec<(String, i32, i64)>,
    /// (country, published producers)
    pub producers_by_country: Vec<(String, i64)>,
    /// (region, published producers, published listings) of one country
    pub by_region: Vec<(String, i64, i64)>,
    /// (ISO week start date, new accounts)
    pub registrations_per_week: Vec<(String, i64)>,
    /// Median hours from submission to decision, and the number of decisions measured.
    pub median_decision_hours: Option<f64>,
    pub decisions: usize,
}

#[derive(FromQueryResult)]
struct Cell {
    country: String,
    section: i32,
    n: i64,
}

#[derive(FromQueryResult)]
struct Pair {
    key: String,
    n: i64,
}

pub async fn stats(
    db: &DatabaseConnection,
    country: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Stats, DbErr> {
    let backend = db.get_database_backend();
    let cells = Cell::find_by_statement(Statement::from_string(
        backend,
        "SELECT country_code AS country, hs_section_id AS section, COUNT(*) AS n FROM listing \
         WHERE visible = TRUE GROUP BY country_code, hs_section_id ORDER BY country_code, hs_section_id",
    ))
    .all(db)
    .await?;
    let producers = Pair::find_by_statement(Statement::from_string(
        backend,
        "SELECT country_code AS key, COUNT(*) AS n FROM producer WHERE status = 'published' \
         GROUP BY country_code ORDER BY country_code",
    ))
    .all(db)
    .await?;
    let mut by_region = Vec::new();
    if let Some(c) = country.filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())) {
        let p = Pair::find_by_statement(Statement::from_string(
            backend,
            format!(
                "SELECT region_code AS key, COUNT(*) AS n FROM producer WHERE status = 'published' \
                 AND country_code = '{c}' GROUP BY region_code"
            ),
        ))
        .all(db)
        .await?;
        let l = Pair::find_by_statement(Statement::from_string(
            backend,
            format!(
                "SELECT region_code AS key, COUNT(*) AS n FROM listing WHERE visible = TRUE \
                 AND country_code = '{c}' GROUP BY region_code"
            ),
        ))
        .all(db)
        .await?;
        let mut regions: Vec<(String, i64, i64)> = p
            .iter()
            .map(|r| (r.key.clone(), r.n, l.iter().find(|x| x.key == r.key).map_or(0, |x| x.n)))
            .collect();
        regions.sort_by_key(|r| std::cmp::Reverse(r.2));
        by_region = regions;
    }
    // New accounts per week, last 12 weeks (counted in Rust: week arithmetic differs per engine).
    let since = now - chrono::Duration::weeks(12);
    let created: Vec<DateTime<Utc>> = user_account::Entity::find()
        .filter(user_account::Column::CreatedAt.gte(since))
        .select_only()
        .column(user_account::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let week_start = |d: DateTime<Utc>| {
        let day = d.date_naive();
        day - chrono::Duration::days(chrono::Datelike::weekday(&day).num_days_from_monday() as i64)
    };
    let mut weeks: Vec<(String, i64)> = (0..12)
        .rev()
        .map(|w| (week_start(now - chrono::Duration::weeks(w)).to_string(), 0))
        .collect();
    for c in created {
        let key = week_start(c).to_string();
        if let Some(slot) = weeks.iter_mut().find(|(k, _)| *k == key) {
            slot.1 += 1;
        }
    }
    // Time to decision: each moderation decision against the latest submission before it.
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.is_in([
            "producer.submit",
            "listing.submit",
            "moderation.approve",
            "moderation.reject",
            "moderation.request_changes",
        ]))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let mut submitted: std::collections::HashMap<(String, i64), DateTime<Utc>> = Default::default();
    let mut hours: Vec<f64> = Vec::new();
    for e in events {
        let key = (e.target_kind.clone().unwrap_or_default(), e.target_id.unwrap_or_default());
        if e.action.ends_with(".submit") {
            submitted.insert(key, e.created_at);
        } else if let Some(at) = submitted.remove(&key) {
            hours.push((e.created_at - at).num_seconds() as f64 / 3600.0);
        }
    }
    hours.sort_by(f64::total_cmp);
    let median = (!hours.is_empty()).then(|| {
        let m = hours.len() / 2;
        if hours.len().is_multiple_of(2) { (hours[m - 1] + hours[m]) / 2.0 } else { hours[m] }
    });
    Ok(Stats {
        by_country_section: cells.into_iter().map(|c| (c.country, c.section, c.n)).collect(),
        producers_by_country: producers.into_iter().map(|p| (p.key, p.n)).collect(),
        by_region,
        registrations_per_week: weeks,
        median_decision_hours: median,
        decisions: hours.len(),
    })
}
