//! Duplicate candidates for the administrators: companies that may be the same one — the same
//! tax ID (or an attempt to register it) in the same country, or a similar name in the region
//! (legal forms dropped, cross-script folded, trigram similarity).

use crate::foundations::{
    domain::{EntryStatus, search_tokens},
    entities::{audit_event, producer},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};

/// Words that say what kind of company it is, not which one.
const LEGAL_WORDS: [&str; 16] = [
    "ooo", "too", "osoo", "jdmm", "mchj", "ao", "zao", "oao", "pao", "ip", "llc", "llp", "jsc",
    "ltd", "kh", "chp",
];

/// The distinctive part of a company name, cross-script folded.
pub fn name_core(name: &str) -> String {
    search_tokens(name)
        .into_iter()
        .filter(|t| !LEGAL_WORDS.contains(&t.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn trigrams(s: &str) -> std::collections::HashSet<String> {
    let padded: Vec<char> = format!("  {s} ").chars().collect();
    padded.windows(3).map(|w| w.iter().collect()).collect()
}

/// Trigram similarity (0–1) of two name cores.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (ta, tb) = (trigrams(a), trigrams(b));
    let common = ta.intersection(&tb).count() as f64;
    common / (ta.len() + tb.len()) as f64 * 2.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    pub producer_id: i64,
    pub name: String,
    pub status: EntryStatus,
    /// `tax_id` (same tax ID in the same country, or an attempt to register it) or `name`.
    pub reason: String,
    pub similarity: f64,
}

/// Producers that may be the same company as `p`.
pub async fn duplicate_candidates(
    db: &impl ConnectionTrait,
    p: &producer::Model,
) -> Result<Vec<DuplicateCandidate>, DbErr> {
    let mut out: Vec<DuplicateCandidate> = Vec::new();
    let mut push = |c: &producer::Model, reason: &str, similarity: f64| {
        if c.id != p.id && !out.iter().any(|o| o.producer_id == c.id && o.reason == reason) {
            out.push(DuplicateCandidate {
                producer_id: c.id,
                name: c.legal_name.clone(),
                status: c.status,
                reason: reason.into(),
                similarity,
            });
        }
    };
    let same_tax = producer::Entity::find()
        .filter(producer::Column::CountryCode.eq(&p.country_code))
        .filter(producer::Column::TaxId.eq(&p.tax_id))
        .filter(producer::Column::Id.ne(p.id))
        .all(db)
        .await?;
    for c in &same_tax {
        push(c, "tax_id", 1.0);
    }
    // Refused registrations of a taken tax ID, in either direction.
    let mut related: Vec<i64> = Vec::new();
    if let Some(owner) = p.owner_user_id {
        let attempts = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("producer.duplicate_tax_id"))
            .filter(audit_event::Column::ActorUserId.eq(owner))
            .all(db)
            .await?;
        related.extend(attempts.iter().filter_map(|e| e.target_id));
    }
    let claimed = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("producer.duplicate_tax_id"))
        .filter(audit_event::Column::TargetId.eq(p.id))
        .all(db)
        .await?;
    for e in claimed {
        if let Some(actor) = e.actor_user_id
            && let Some(theirs) = producer::Entity::find()
                .filter(producer::Column::OwnerUserId.eq(actor))
                .one(db)
                .await?
        {
            related.push(theirs.id);
        }
    }
    for id in related {
        if let Some(c) = producer::Entity::find_by_id(id).one(db).await? {
            push(&c, "tax_id", 1.0);
        }
    }
    // Similar names in the same region (a region holds a few thousand producers at most).
    let core = name_core(&p.legal_name);
    let core_latin = name_core(&p.name_latin);
    let neighbours = producer::Entity::find()
        .filter(producer::Column::RegionCode.eq(&p.region_code))
        .filter(producer::Column::Id.ne(p.id))
        .filter(producer::Column::Status.ne(EntryStatus::Merged))
        .limit(20_000)
        .all(db)
        .await?;
    let mut similar: Vec<(f64, &producer::Model)> = neighbours
        .iter()
        .map(|c| {
            let s = name_similarity(&core, &name_core(&c.legal_name))
                .max(name_similarity(&core_latin, &name_core(&c.name_latin)))
                .max(name_similarity(&core, &name_core(&c.name_latin)));
            (s, c)
        })
        .filter(|(s, _)| *s >= 0.6)
        .collect();
    similar.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, c) in similar.into_iter().take(10) {
        push(c, "name", (s * 100.0).round() / 100.0);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_scripts_and_legal_forms() {
        let a = name_core("ТОО «Костанай Мука»");
        let b = name_core("Kostanay Muka LLP");
        assert!(name_similarity(&a, &b) >= 0.8, "{a} / {b}");
        let c = name_core("ТОО «Арал Балык»");
        assert!(name_similarity(&a, &c) < 0.4);
    }
}
