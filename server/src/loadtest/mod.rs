//! `server loadtest`: the search benchmark (`make bench` runs it).
//!
//! Serves the registry inside this process on a loopback port, over `DATABASE_URL`, then sends
//! it three workloads (see [`workload`]), each at every requested concurrency, and a stream of
//! the same kind straight to the engine: the same `AppState`, so the same connection pool and
//! caches, without HTTP or JSON, for the HTTP / bare ratio.
//! - **new**: no query shares its words or filters with any earlier one: no cache can help;
//! - **realistic**: about 30 % of requests repeat an earlier query (popular ones more often);
//! - **hot**: 50 queries over and over, what caches make of a few popular searches.
//!
//! The results page (server-side rendered HTML) is timed on new queries too. Answers other
//! than 200 are counted as errors, never as latency samples, and any error fails the command.

pub mod client;
pub mod workload;

use anyhow::{Context, bail};
use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};
use workload::{Query, Workload};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    New,
    Realistic,
    Hot,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::New => "new",
            Mode::Realistic => "realistic",
            Mode::Hot => "hot",
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct LoadtestArgs {
    /// Concurrent connections, comma-separated.
    #[arg(long, default_value = "1,64", value_delimiter = ',')]
    pub connections: Vec<usize>,
    /// Requests per measured run.
    #[arg(long, default_value_t = 3000)]
    pub requests: usize,
    /// Workloads to run, comma-separated.
    #[arg(long, default_value = "new,realistic,hot", value_delimiter = ',')]
    pub modes: Vec<Mode>,
    /// Requests of the results-page runs (HTML, server-side rendered).
    #[arg(long, default_value_t = 1000)]
    pub page_requests: usize,
    /// The workload's random seed: the same seed sends the same requests.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Clone, Copy)]
enum Door {
    Api,
    Page,
}

pub struct Stats {
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub mean: Duration,
    pub per_second: f64,
    pub errors: usize,
    pub count: usize,
}

fn stats(mut samples: Vec<Duration>, wall: Duration, errors: usize) -> Stats {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 * q).ceil() as usize).saturating_sub(1);
        samples.get(i.min(samples.len().saturating_sub(1))).copied().unwrap_or_default()
    };
    let sum: Duration = samples.iter().sum();
    Stats {
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        mean: sum.checked_div(samples.len() as u32).unwrap_or_default(),
        per_second: samples.len() as f64 / wall.as_secs_f64(),
        errors,
        count: samples.len(),
    }
}

async fn http_run(
    target: SocketAddr,
    stream: Arc<Vec<Query>>,
    connections: usize,
    door: Door,
) -> anyhow::Result<Stats> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (stream, next) = (stream.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = client::Conn::open(target).await?;
            let mut samples = Vec::new();
            let mut errors = 0;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(query) = stream.get(i) else { break };
                let (path, accept) = match door {
                    Door::Api => (query.api_path(), "application/json"),
                    Door::Page => (query.page_path(), "text/html"),
                };
                let t = Instant::now();
                match conn.get(&path, accept).await {
                    Ok(200) => samples.push(t.elapsed()),
                    Ok(status) => {
                        errors += 1;
                        eprintln!("{status} for {path}");
                    }
                    Err(e) => {
                        errors += 1;
                        eprintln!("{path}: {e}");
                        conn = client::Conn::open(target).await?;
                    }
                }
            }
            anyhow::Ok((samples, errors))
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (s, e) = w.await??;
        all.extend(s);
        errors += e;
    }
    Ok(stats(all, started.elapsed(), errors))
}

/// The same kind of stream through the engine the server uses, one request at a time.
async fn bare_run(state: &app::state::AppState, stream: &[Query]) -> Stats {
    let started = Instant::now();
    let mut samples = Vec::with_capacity(stream.len());
    let mut errors = 0;
    for query in stream {
        let t = Instant::now();
        let answered = match query.request.view {
            app::catalogue::query::params::View::Listings => {
                state.search_listings(&query.request).await.is_ok()
            }
            app::catalogue::query::params::View::Producers => {
                state.search_producers(&query.request).await.is_ok()
            }
        };
        if answered {
            samples.push(t.elapsed());
        } else {
            errors += 1;
            eprintln!("engine error for {}", query.query);
        }
    }
    stats(samples, started.elapsed(), errors)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn print_row(mode: &str, run: &str, s: &Stats) {
    println!(
        "| {mode} | {run} | {} | {} | {} | {} | {} | {:.0} | {} |",
        s.count,
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.mean),
        s.per_second,
        s.errors
    );
}

/// One mode's figures, kept for the targets.
struct ModeResult {
    mode: Mode,
    one: Option<Stats>,
    many: Option<(usize, Stats)>,
    bare: Stats,
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

pub async fn run(database_url: &str, args: LoadtestArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let db = crate::db::connect(database_url).await?;
    // Every request comes from one loopback address: the per-address API limit, which would
    // answer 429 after the first few hundred, is lifted for the measurement (its cost, one
    // counter upsert per request, stays in the figures).
    let auth = app::foundations::auth::AuthConfig {
        api_per_ip: app::foundations::auth::Limit {
            max: u32::MAX,
            window: std::time::Duration::from_secs(60),
        },
        ..Default::default()
    };
    let state =
        app::state::AppState::new(db.clone(), crate::cli::leptos_options(&Default::default()))
            .with_auth(auth);
    let indexed = state.build_facet_index().await.context("building the facet index")?;
    let ready = started.elapsed();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let target = listener.local_addr()?;
    let router = crate::router::build_router(state.clone());
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await
    });

    let texts = app::catalogue::services::catalogue::text_sample(&db, 5000).await?;
    let regions = state
        .names()
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .regions
        .keys()
        .cloned()
        .collect::<Vec<_>>();
    let mut regions = regions;
    regions.sort();
    let mut workload = Workload::new(workload::vocabulary(&texts, 20_000), regions, args.seed);
    println!(
        "{indexed} public listings; index ready {:.1} s after start; vocabulary {} words from \
         {} catalogue texts; {} requests per run",
        ready.as_secs_f64(),
        workload.vocabulary_len(),
        texts.len(),
        args.requests
    );
    println!();
    println!("| mode | run | requests | p50 ms | p95 ms | p99 ms | mean ms | req/s | errors |");
    println!("|---|---|---|---|---|---|---|---|---|");

    let mut results = Vec::new();
    let mut errors = 0;
    for &mode in &args.modes {
        let hot = (mode == Mode::Hot).then(|| Arc::new(workload.stream(50, 0.0)));
        let next_stream = |workload: &mut Workload| -> Arc<Vec<Query>> {
            match (mode, &hot) {
                (Mode::Hot, Some(set)) => {
                    Arc::new(set.iter().cycle().take(args.requests).cloned().collect())
                }
                (Mode::Realistic, _) => Arc::new(workload.stream(args.requests, 0.3)),
                _ => Arc::new(workload.stream(args.requests, 0.0)),
            }
        };
        if let Some(set) = &hot {
            // Hot means cached: one unmeasured pass fills the caches.
            errors += http_run(target, set.clone(), 1, Door::Api).await?.errors;
        }
        let (mut one, mut many) = (None, None);
        for &connections in &args.connections {
            let s = http_run(target, next_stream(&mut workload), connections, Door::Api).await?;
            let run =
                format!("API, {connections} connection{}", if connections == 1 { "" } else { "s" });
            print_row(mode.label(), &run, &s);
            errors += s.errors;
            if connections == 1 {
                one = Some(s);
            } else {
                many = Some((connections, s));
            }
        }
        let bare = bare_run(&state, &next_stream(&mut workload)).await;
        print_row(mode.label(), "engine without HTTP, 1 at a time", &bare);
        errors += bare.errors;
        results.push(ModeResult { mode, one, many, bare });
    }

    let mut pages = Vec::new();
    if args.page_requests > 0 {
        let s = http_run(target, Arc::new(workload.stream(args.page_requests, 0.0)), 1, Door::Page)
            .await?;
        print_row("new", "results page (HTML), 1 connection", &s);
        errors += s.errors;
        pages.push((1, s));
        if let Some(&most) = args.connections.iter().max().filter(|&&c| c > 1) {
            let stream = Arc::new(workload.stream(args.requests, 0.3));
            let s = http_run(target, stream, most, Door::Page).await?;
            print_row("realistic", &format!("results page (HTML), {most} connections"), &s);
            errors += s.errors;
            pages.push((most, s));
        }
    }
    let rss_mib = peak_rss_mib();

    println!();
    println!("| mode | HTTP / bare p50 | HTTP / bare mean |");
    println!("|---|---|---|");
    for r in &results {
        if let Some(one) = &r.one {
            println!(
                "| {} | {:.2} | {:.2} |",
                r.mode.label(),
                one.p50.as_secs_f64() / r.bare.p50.as_secs_f64().max(1e-9),
                one.mean.as_secs_f64() / r.bare.mean.as_secs_f64().max(1e-9)
            );
        }
    }
    println!();
    println!("Targets (they apply to the new and realistic modes; hot is shown for comparison):");
    println!();
    println!("| target | new | realistic | hot |");
    println!("|---|---|---|---|");
    let cell = |mode: Mode, f: &dyn Fn(&ModeResult) -> Option<(bool, String)>| {
        results
            .iter()
            .find(|r| r.mode == mode)
            .and_then(f)
            .map_or("–".to_owned(), |(met, figure)| format!("{figure} {}", verdict(met)))
    };
    type Check = Box<dyn Fn(&ModeResult) -> Option<(bool, String)>>;
    let checks: Vec<(&str, Check)> = vec![
        (
            "API p95 ≤ 10 ms at 1 connection",
            Box::new(|r| r.one.as_ref().map(|s| (s.p95 <= Duration::from_millis(10), ms(s.p95)))),
        ),
        (
            "API ≥ 3,000 req/s at 64 connections",
            Box::new(|r| {
                r.many
                    .as_ref()
                    .map(|(_, s)| (s.per_second >= 3000.0, format!("{:.0}", s.per_second)))
            }),
        ),
        (
            "API p99 ≤ 50 ms at 64 connections",
            Box::new(|r| {
                r.many.as_ref().map(|(_, s)| (s.p99 <= Duration::from_millis(50), ms(s.p99)))
            }),
        ),
        (
            "HTTP / bare ≤ 1.5 (mean, 1 connection)",
            Box::new(|r| {
                r.one.as_ref().map(|s| {
                    let ratio = s.mean.as_secs_f64() / r.bare.mean.as_secs_f64().max(1e-9);
                    (ratio <= 1.5, format!("{ratio:.2}"))
                })
            }),
        ),
    ];
    for (name, check) in &checks {
        println!(
            "| {name} | {} | {} | {} |",
            cell(Mode::New, check.as_ref()),
            cell(Mode::Realistic, check.as_ref()),
            cell(Mode::Hot, check.as_ref())
        );
    }
    if let Some((connections, s)) = pages.iter().find(|(c, _)| *c > 1) {
        println!(
            "| results page ≥ 2,000 req/s at {connections} connections | – | {:.0} {} | – |",
            s.per_second,
            verdict(s.per_second >= 2000.0)
        );
    }
    if let Some(rss) = rss_mib {
        println!(
            "| peak RSS ≤ 200 MiB (server and load generator: one process) | {rss:.0} MiB {} | | |",
            verdict(rss <= 200.0)
        );
    }
    if errors > 0 {
        bail!("{errors} requests failed: the benchmark does not count");
    }
    Ok(())
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
