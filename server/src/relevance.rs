//! `server relevance`: how well search ranks, measured on a set of queries with their expected
//! results (`tests/bench/relevance.csv`, over the demo data of `server seed --seed 42`);
//! `make bench` runs it after the load runs.
//!
//! Each query runs through the engine the API uses (same `AppState`, first page of 10 by
//! relevance). A result is relevant when it is what the line expects:
//! - `hs:CODE`: a listing whose HS code starts with CODE (a product word in some language);
//! - `region:CODE`: a listing in that ISO 3166-2 region (a place name in some spelling);
//! - `producer:NAME`: a listing of the company with that legal name (its name typed in the
//!   other script, or a part of it): a known item.
//!
//! Per query: the rank of the first relevant result (none in the first 10 counts as a miss).
//! Reported per kind of query and language, and overall: **recall@10**, the share of queries
//! with a relevant result among the first 10 (for a known item, the usual recall@10); **MRR**,
//! the mean of 1 / that rank (0 for a miss); **precision@10**, the share of the first 10 that
//! are relevant.

use anyhow::{Context, bail};
use app::catalogue::query::{params::parse_api, results::ListingHit};
use std::collections::BTreeMap;

#[derive(clap::Args, Debug)]
pub struct RelevanceArgs {
    /// The query set: `query,language,expect` lines (`#` starts a comment).
    #[arg(long, default_value = "tests/bench/relevance.csv")]
    pub set: std::path::PathBuf,
}

/// What a query expects among its first results.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    Hs(String),
    Region(String),
    Producer(String),
}

impl Expect {
    fn parse(text: &str) -> Option<Expect> {
        let (kind, value) = text.split_once(':')?;
        let value = value.trim().to_owned();
        match kind.trim() {
            "hs" => Some(Expect::Hs(value)),
            "region" => Some(Expect::Region(value)),
            "producer" => Some(Expect::Producer(value)),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Expect::Hs(_) => "product word → HS heading",
            Expect::Region(_) => "place name → region",
            Expect::Producer(_) => "company name → company",
        }
    }

    fn matches(&self, hit: &ListingHit) -> bool {
        match self {
            Expect::Hs(code) => hit.hs_code.starts_with(code.as_str()),
            Expect::Region(code) => hit.region == *code,
            Expect::Producer(name) => hit.producer_name == *name,
        }
    }
}

struct Case {
    query: String,
    language: String,
    expect: Expect,
}

fn read_set(text: &str) -> anyhow::Result<Vec<Case>> {
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let mut cases = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("relevance set, record {}", i + 1))?;
        let field = |n: usize| row.get(n).unwrap_or_default().trim().to_owned();
        let Some(expect) = Expect::parse(&field(2)) else {
            bail!(
                "relevance set, record {}: expect `{}` is not hs:, region: or producer:",
                i + 1,
                field(2)
            );
        };
        cases.push(Case { query: field(0), language: field(1), expect });
    }
    Ok(cases)
}

/// The figures of a group of queries.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Scores {
    queries: usize,
    found: usize,
    reciprocal_ranks: f64,
    relevant_shown: usize,
    shown: usize,
}

impl Scores {
    /// Adds a query whose first relevant result is at `rank` (1-based; None: not in the first
    /// 10), with `relevant` of the `shown` results relevant.
    fn add(&mut self, rank: Option<usize>, relevant: usize, shown: usize) {
        self.queries += 1;
        if let Some(rank) = rank {
            self.found += 1;
            self.reciprocal_ranks += 1.0 / rank as f64;
        }
        self.relevant_shown += relevant;
        self.shown += shown;
    }

    fn recall(&self) -> f64 {
        self.found as f64 / self.queries.max(1) as f64
    }

    fn mrr(&self) -> f64 {
        self.reciprocal_ranks / self.queries.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.relevant_shown as f64 / self.shown.max(1) as f64
    }
}

pub async fn run(database_url: &str, args: RelevanceArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.set)
        .with_context(|| format!("reading {}", args.set.display()))?;
    let cases = read_set(&text)?;
    let db = crate::db::connect(database_url).await?;
    let state = app::state::AppState::new(db, crate::cli::leptos_options(&Default::default()));
    state.build_facet_index().await.context("building the facet index")?;

    let mut groups: BTreeMap<(&str, String), Scores> = BTreeMap::new();
    let (mut overall, mut misses) = (Scores::default(), Vec::new());
    for case in &cases {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &case.query)
            .append_pair("per_page", "10")
            .finish();
        let (request, problems) = parse_api(&query);
        if !problems.is_empty() {
            bail!("query `{}`: {problems:?}", case.query);
        }
        let results = state
            .search_listings(&request)
            .await
            .map_err(|e| anyhow::anyhow!("query `{}`: {e:?}", case.query))?;
        let relevant: Vec<bool> = results.items.iter().map(|h| case.expect.matches(h)).collect();
        let rank = relevant.iter().position(|r| *r).map(|i| i + 1);
        let shown = relevant.len();
        let hits = relevant.iter().filter(|r| **r).count();
        groups
            .entry((case.expect.kind(), case.language.clone()))
            .or_default()
            .add(rank, hits, shown);
        overall.add(rank, hits, shown);
        if rank.is_none() {
            misses.push(format!("`{}` ({})", case.query, case.language));
        }
    }

    println!(
        "{} queries from {}; first page of 10 by relevance, through the engine the API uses",
        cases.len(),
        args.set.display()
    );
    println!();
    println!("| queries | language | n | recall@10 | MRR | precision@10 |");
    println!("|---|---|---|---|---|---|");
    for ((kind, language), s) in &groups {
        println!(
            "| {kind} | {language} | {} | {:.2} | {:.2} | {:.2} |",
            s.queries,
            s.recall(),
            s.mrr(),
            s.precision()
        );
    }
    println!(
        "| **all** | | {} | **{:.2}** | **{:.2}** | {:.2} |",
        overall.queries,
        overall.recall(),
        overall.mrr(),
        overall.precision()
    );
    println!();
    let verdict = |met: bool| if met { "met" } else { "**missed**" };
    println!(
        "Goals: recall@10 ≥ 0.95 {}; MRR ≥ 0.80 {}.",
        verdict(overall.recall() >= 0.95),
        verdict(overall.mrr() >= 0.80)
    );
    if !misses.is_empty() {
        println!();
        println!("Nothing relevant in the first 10 ({}): {}", misses.len(), misses.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_recall_mrr_and_precision() {
        let mut s = Scores::default();
        s.add(Some(1), 10, 10);
        s.add(Some(4), 2, 10);
        s.add(None, 0, 10);
        s.add(Some(2), 1, 5);
        assert_eq!(s.queries, 4);
        assert!((s.recall() - 0.75).abs() < 1e-9);
        assert!((s.mrr() - (1.0 + 0.25 + 0.5) / 4.0).abs() < 1e-9);
        assert!((s.precision() - 13.0 / 35.0).abs() < 1e-9);
    }

    #[test]
    fn the_set_reads_its_three_kinds_and_refuses_others() {
        let set = "query,language,expect\n# a comment\nпшеница,ru,hs:1001\n\"Mangistau\",en,region:KZ-47\nАстык,ru,producer:ТОО «Астык»\n";
        let cases = read_set(set).unwrap();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].expect, Expect::Hs("1001".into()));
        assert_eq!(cases[1].expect, Expect::Region("KZ-47".into()));
        assert_eq!(cases[2].expect, Expect::Producer("ТОО «Астык»".into()));
        assert!(read_set("query,language,expect\nx,en,colour:red\n").is_err());
    }

    /// The set `make bench` runs: at least 100 queries, every kind, five languages and both
    /// scripts.
    #[test]
    fn the_repos_set_reads_and_covers_what_it_claims() {
        let cases = read_set(include_str!("../../tests/bench/relevance.csv")).unwrap();
        assert!(cases.len() >= 100, "{}", cases.len());
        for kind in ["hs", "region", "producer"] {
            let n = cases
                .iter()
                .filter(|c| {
                    matches!(
                        (&c.expect, kind),
                        (Expect::Hs(_), "hs")
                            | (Expect::Region(_), "region")
                            | (Expect::Producer(_), "producer")
                    )
                })
                .count();
            assert!(n >= 20, "{kind}: {n}");
        }
        for language in ["en", "ru", "kk", "uz", "tk"] {
            assert!(cases.iter().any(|c| c.language == language), "{language}");
        }
        let cyrillic = |c: &Case| c.query.chars().any(|ch| ('\u{400}'..='\u{4ff}').contains(&ch));
        assert!(cases.iter().any(cyrillic) && cases.iter().any(|c| !cyrillic(c)));
    }
}
