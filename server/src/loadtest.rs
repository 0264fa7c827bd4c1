//! `server loadtest`: the search benchmark's load generator (used by `make bench`).
//!
//! Drives `GET /api/v1/listings` over keep-alive HTTP/1.1 connections with a fixed mix of
//! realistic queries, at each requested concurrency, and runs the same mix directly against the
//! engine (the search service over the same connection pool type, no HTTP, no JSON) to print the
//! HTTP / bare ratio. Loopback targets only.

use anyhow::{Context, bail};
use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

#[derive(clap::Args, Debug)]
pub struct LoadtestArgs {
    /// The server to drive (loopback only), e.g. 127.0.0.1:3190.
    #[arg(long)]
    pub target: std::net::SocketAddr,
    /// Concurrent connections, comma-separated.
    #[arg(long, default_value = "1,64", value_delimiter = ',')]
    pub connections: Vec<usize>,
    /// Requests per measured run (the mix repeats as needed).
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Also run the mix directly against the database (needs DATABASE_URL).
    #[arg(long)]
    pub bare: bool,
}

/// The fixed query mix: text only, facets only, text with filters, HS prefixes, cross-script
/// spellings, deep pages. Deterministic, so runs compare.
pub fn query_mix() -> Vec<String> {
    let words = [
        "wheat",
        "мука",
        "flour",
        "cotton",
        "хлопок",
        "paxta",
        "rice",
        "apricot",
        "урюк",
        "honey",
        "мёд",
        "cement",
        "цемент",
        "wool",
        "шерсть",
        "milk",
        "молоко",
        "grapes",
        "raisins",
        "изюм",
        "carpet",
        "fish",
        "рыба",
        "yarn",
        "пряжа",
        "oil",
        "масло",
        "meat",
        "beef",
        "lamb",
    ];
    let places = [
        "almaty",
        "алматы",
        "shymkent",
        "шымкент",
        "toshkent",
        "tashkent",
        "ташкент",
        "osh",
        "ош",
        "bishkek",
        "dushanbe",
        "ashgabat",
        "samarkand",
        "самарканд",
        "kostanay",
    ];
    let countries = ["KZ", "KG", "TJ", "TM", "UZ"];
    let regions =
        ["KZ-39", "KZ-75", "KZ-71", "UZ-FA", "UZ-SA", "UZ-TK", "KG-O", "KG-C", "TJ-SU", "TM-M"];
    let hs = [
        "1101", "1001", "10.01", "1001 99", "5201", "52", "0402", "0813", "1512", "2523", "5101",
        "0406", "0303", "2204", "5702",
    ];
    let certs = ["halal", "iso9001", "haccp", "organic", "gost"];
    let mut mix = Vec::new();
    for w in words {
        mix.push(format!("q={}", encode(w)));
    }
    for p in places {
        mix.push(format!("q={}", encode(p)));
    }
    for h in hs {
        mix.push(format!("q={}", encode(h)));
        mix.push(format!("hs={}", h.replace(['.', ' '], "")));
    }
    for c in countries {
        mix.push(format!("country={c}"));
        mix.push(format!("country={c}&verified=1"));
        for cert in certs {
            mix.push(format!("country={c}&cert={cert}"));
        }
        for h in ["1101", "5201", "0402"] {
            mix.push(format!("country={c}&hs={h}"));
        }
    }
    for r in regions {
        let c = &r[..2];
        mix.push(format!("country={c}&region={r}"));
        mix.push(format!("country={c}&region={r}&sort=newest"));
    }
    for (i, w) in words.iter().enumerate() {
        let c = countries[i % countries.len()];
        mix.push(format!("q={}&country={c}", encode(w)));
        mix.push(format!("q={}&cert={}", encode(w), certs[i % certs.len()]));
        mix.push(format!("q={}&verified=1&sort=name", encode(w)));
    }
    for (i, p) in [2u32, 5, 10, 50, 100, 250, 500].iter().enumerate() {
        mix.push(format!("page={p}"));
        mix.push(format!("country={}&page={p}", countries[i % countries.len()]));
        mix.push(format!("q={}&page={}", encode(words[i]), p.min(&20)));
    }
    mix.push(String::new());
    mix.push("sort=newest".into());
    mix.push("sort=name".into());
    mix
}

fn encode(s: &str) -> String {
    app::components::layout::encode_component(s)
}

struct Conn {
    reader: BufReader<tokio::net::TcpStream>,
    host: String,
}

impl Conn {
    async fn open(addr: std::net::SocketAddr) -> anyhow::Result<Conn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn { reader: BufReader::new(stream), host: addr.to_string() })
    }

    /// One GET on the kept-alive connection; returns the status.
    async fn get(&mut self, path: &str) -> anyhow::Result<u16> {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n",
            self.host
        );
        self.reader.get_mut().write_all(request.as_bytes()).await?;
        let mut line = String::new();
        self.reader.read_line(&mut line).await?;
        let status: u16 = line.split_whitespace().nth(1).context("status line")?.parse()?;
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            self.reader.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = Some(v.trim().parse::<usize>()?);
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        if let Some(n) = length {
            let mut body = vec![0u8; n];
            self.reader.read_exact(&mut body).await?;
        } else if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16)?;
                let mut chunk = vec![0u8; size + 2];
                self.reader.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
            }
        } else {
            bail!("response without length");
        }
        Ok(status)
    }
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
        samples
            [((samples.len() as f64 * q).ceil() as usize).saturating_sub(1).min(samples.len() - 1)]
    };
    let sum: Duration = samples.iter().sum();
    Stats {
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        mean: sum / samples.len() as u32,
        per_second: samples.len() as f64 / wall.as_secs_f64(),
        errors,
        count: samples.len(),
    }
}

async fn http_run(
    target: std::net::SocketAddr,
    mix: Arc<Vec<String>>,
    connections: usize,
    requests: usize,
) -> anyhow::Result<Stats> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (mix, next) = (mix.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = Conn::open(target).await?;
            let mut samples = Vec::new();
            let mut errors = 0;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let path = format!("/api/v1/listings?{}", mix[i % mix.len()]);
                let t = Instant::now();
                match conn.get(&path).await {
                    Ok(200) => samples.push(t.elapsed()),
                    Ok(_) => {
                        samples.push(t.elapsed());
                        errors += 1;
                    }
                    Err(_) => {
                        errors += 1;
                        conn = Conn::open(target).await?;
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

async fn bare_run(
    state: &app::state::AppState,
    mix: &[String],
    requests: usize,
) -> anyhow::Result<Stats> {
    let started = Instant::now();
    let mut samples = Vec::with_capacity(requests);
    let mut errors = 0;
    for i in 0..requests {
        let (request, _) = app::search::params::parse(&mix[i % mix.len()]);
        let t = Instant::now();
        match state.search_listings(&request).await {
            Ok(_) => samples.push(t.elapsed()),
            Err(_) => errors += 1,
        }
    }
    Ok(stats(samples, started.elapsed(), errors))
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn print_row(label: &str, s: &Stats) {
    println!(
        "| {label} | {} | {} | {} | {} | {} | {:.0} | {} |",
        s.count,
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.mean),
        s.per_second,
        s.errors
    );
}

pub async fn run(database_url: &str, args: LoadtestArgs) -> anyhow::Result<()> {
    if !args.target.ip().is_loopback() {
        bail!("load tests run against loopback addresses only");
    }
    let mix = Arc::new(query_mix());
    println!("query mix: {} distinct queries", mix.len());
    println!();
    println!("| run | requests | p50 ms | p95 ms | p99 ms | mean ms | req/s | errors |");
    println!("|---|---|---|---|---|---|---|---|");
    // First pass over the mix: every query once, caches cold.
    let cold = http_run(args.target, mix.clone(), 1, mix.len()).await?;
    print_row("HTTP, 1 connection, first pass (cold)", &cold);
    let mut http_one = None;
    for &c in &args.connections {
        let s = http_run(args.target, mix.clone(), c, args.requests).await?;
        print_row(&format!("HTTP, {c} connection{}", if c == 1 { "" } else { "s" }), &s);
        if c == 1 {
            http_one = Some(s);
        }
    }
    if args.bare {
        let db = crate::db::connect(database_url).await?;
        let state = app::state::AppState::new(db, crate::cli::leptos_options(&Default::default()));
        bare_run(&state, &mix, mix.len()).await?; // warm its own caches, as the server's are
        let bare = bare_run(&state, &mix, args.requests).await?;
        print_row("bare engine (same service, no HTTP), 1 at a time", &bare);
        if let Some(h) = http_one {
            println!();
            println!(
                "HTTP / bare, 1 connection: p50 {:.2}, mean {:.2}",
                h.p50.as_secs_f64() / bare.p50.as_secs_f64().max(1e-9),
                h.mean.as_secs_f64() / bare.mean.as_secs_f64().max(1e-9)
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_mix_has_at_least_200_distinct_queries() {
        let mix = super::query_mix();
        let distinct: std::collections::HashSet<_> = mix.iter().collect();
        assert!(distinct.len() >= 200, "{}", distinct.len());
        for q in &mix {
            let (_, problems) = app::search::params::parse(q);
            assert!(problems.is_empty(), "{q}: {problems:?}");
        }
    }
}
