//! Command line: `serve`, `migrate`, `seed`, `backup`, `restore`… Every flag can also come from
//! the environment.

use crate::{db, router, seed, telemetry::LogFormat};
use anyhow::Context;
use app::state::AppState;
use clap::{Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/registry.sqlite?mode=rwc";

#[derive(Parser, Debug)]
#[command(name = "server", version, about = "Central Asia producer registry")]
pub struct Cli {
    /// SQLite (`sqlite://path?mode=rwc`) or PostgreSQL (`postgres://user@host/db`) URL.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Log filter, `tracing` syntax (e.g. `info`, `server=debug,tower_http=debug`).
    #[arg(long, env = "RUST_LOG", default_value = "info,sqlx=warn,sea_orm=warn", global = true)]
    pub log: String,

    /// `text` for people, `json` for log collectors.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value = "text", global = true)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Migrate, load demo data into an empty database, and serve HTTP (the default).
    Serve(Box<ServeArgs>),
    /// Apply pending migrations (reference data included) and exit.
    Migrate,
    /// Generate deterministic demo producers and listings.
    Seed(SeedArgs),
    /// Load listings or producers from CSV (formats in the README).
    #[command(subcommand)]
    Import(crate::import_cli::ImportCommand),
    /// The search benchmark's load generator (`make bench`).
    Loadtest(crate::loadtest::LoadtestArgs),
    /// Ranking measured on a query set with expected results (`make bench`).
    Relevance(crate::relevance::RelevanceArgs),
    /// Administrators: create (or promote), list, revoke.
    #[command(subcommand)]
    Admin(crate::admin_cli::AdminCommand),
    /// Copy the database to a new file while it serves (SQLite: VACUUM INTO; PostgreSQL:
    /// pg_dump -Fc).
    Backup(BackupArgs),
    /// Load a backup into an empty database (no producers, no accounts), then migrate it.
    Restore(RestoreArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct BackupArgs {
    /// The backup file to write; it must not exist.
    #[arg(long)]
    pub to: std::path::PathBuf,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RestoreArgs {
    /// A file written by `server backup` (for the same kind of database).
    #[arg(long)]
    pub from: std::path::PathBuf,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Folder with the built front-end (`pkg/` with WASM, JS and CSS), written by cargo-leptos.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Demo producers to generate when the database has none (0: start empty).
    #[arg(long, env = "DEMO_PRODUCERS", default_value_t = 2000)]
    pub demo_producers: u64,
    /// A session unused this many minutes ends.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 480)]
    pub session_idle_minutes: u64,
    /// A session ends this many days after sign-in, however busy.
    #[arg(long, env = "SESSION_MAX_DAYS", default_value_t = 7)]
    pub session_max_days: u64,
    /// Mark cookies `Secure` (set it when served over HTTPS; `X-Forwarded-Proto: https` does too).
    #[arg(long, env = "SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Bearer token that opens `/metrics` to clients other than loopback (unset: loopback
    /// only; proxied requests never count as loopback).
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// The address people reach the site at (`https://registry.example`), for links in mail
    /// and absolute URLs in CSV exports. Unset: mail uses `http://` and the listening address,
    /// exports the request's `Host` (and `X-Forwarded-Proto`).
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Mail server: `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS). Unset: mail is written to `--mail-dir` instead.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Where mail goes as `.eml` files when no SMTP_URL is set.
    #[arg(long, env = "MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: std::path::PathBuf,
    /// The sender of every message.
    #[arg(long, env = "MAIL_FROM", default_value = DEFAULT_MAIL_FROM)]
    pub mail_from: String,
    /// Reverse proxies (addresses or CIDR blocks, comma-separated) whose `X-Forwarded-For` /
    /// `Forwarded` headers name the client. Unset: the socket's peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", value_parser = app::foundations::net::TrustedProxies::parse)]
    pub trusted_proxies: app::foundations::net::TrustedProxies,
    /// Requests per minute one client address may make to the JSON API (`/api/v1/*`).
    #[arg(long, env = "API_RATE_LIMIT", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_rate_limit: u32,
    /// Address shown to producers who need the administrators (e.g. a tax ID taken by someone
    /// else).
    #[arg(long, env = "CONTACT_EMAIL")]
    pub contact_email: Option<String>,
    /// `on`: requests for quotation wait for an administrator before they reach producers.
    #[arg(long, env = "RFQ_MODERATION", default_value = "off", value_parser = on_off)]
    pub rfq_moderation: bool,
    /// Where documents uploaded with claims of companies are kept (never served publicly).
    #[arg(long, env = "CLAIM_DOCUMENTS_DIR", default_value = "data/claims")]
    pub claim_documents_dir: std::path::PathBuf,
}

fn on_off(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" => Ok(true),
        "off" | "false" | "0" | "no" | "" => Ok(false),
        other => Err(format!("expected on or off, not {other}")),
    }
}

pub const DEFAULT_MAIL_FROM: &str = "Producer registry <noreply@localhost>";

impl ServeArgs {
    pub fn site_config(&self) -> app::state::SiteConfig {
        app::state::SiteConfig {
            public_url: self.public_url.clone().filter(|u| !u.trim().is_empty()),
            contact_email: self.contact_email.clone().filter(|e| !e.trim().is_empty()),
            rfq_moderation: self.rfq_moderation,
            claim_documents: Some(self.claim_documents_dir.clone()),
        }
    }

    pub fn auth_config(&self) -> app::foundations::auth::AuthConfig {
        app::foundations::auth::AuthConfig {
            idle_timeout: std::time::Duration::from_secs(self.session_idle_minutes * 60),
            absolute_lifetime: std::time::Duration::from_secs(self.session_max_days * 24 * 3600),
            secure_cookies: self.secure_cookies,
            api_per_ip: app::foundations::auth::Limit {
                max: self.api_rate_limit,
                window: std::time::Duration::from_secs(60),
            },
            trusted_proxies: self.trusted_proxies.clone(),
            ..Default::default()
        }
    }
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            addr: ([127, 0, 0, 1], 3000).into(),
            site_root: "target/site".into(),
            demo_producers: 0,
            session_idle_minutes: 480,
            session_max_days: 7,
            secure_cookies: false,
            metrics_token: None,
            trusted_proxies: Default::default(),
            api_rate_limit: 600,
            public_url: None,
            smtp_url: None,
            mail_dir: "data/mail".into(),
            mail_from: DEFAULT_MAIL_FROM.into(),
            contact_email: None,
            rfq_moderation: false,
            claim_documents_dir: "data/claims".into(),
        }
    }
}

impl ServeArgs {
    pub fn mail_config(&self) -> crate::mail_sender::MailConfig {
        crate::mail_sender::MailConfig {
            smtp_url: self.smtp_url.clone().filter(|u| !u.trim().is_empty()),
            mail_dir: self.mail_dir.clone(),
            public_url: self
                .public_url
                .clone()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| format!("http://{}", self.addr)),
            from: self.mail_from.clone(),
            poll: std::time::Duration::from_secs(5),
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct SeedArgs {
    /// Number of producers (about ten listings each).
    #[arg(long, default_value_t = 2000)]
    pub producers: u64,
    /// Random seed: the same seed always gives the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Do nothing when the database already has producers.
    #[arg(long)]
    pub if_empty: bool,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Backups and restores open the database themselves: a restore must not create the file
    // it is about to fill, and a backup must not create a database that is not there.
    match &cli.command {
        Some(Command::Backup(args)) => {
            let report = crate::ops::backup::backup(&cli.database_url, &args.to).await?;
            println!("{report}");
            return Ok(());
        }
        Some(Command::Restore(args)) => {
            let report = crate::ops::backup::restore(&cli.database_url, &args.from).await?;
            println!("{report}");
            return Ok(());
        }
        _ => {}
    }
    let command = cli.command.unwrap_or(Command::Serve(Box::new(ServeArgs::parse_default())));
    if let Command::Loadtest(args) = command {
        return crate::loadtest::run(&cli.database_url, args).await;
    }
    if let Command::Relevance(args) = command {
        return crate::relevance::run(&cli.database_url, args).await;
    }
    let db = db::open_migrated(&cli.database_url)
        .await
        .with_context(|| format!("cannot open the database at {}", redact(&cli.database_url)))?;
    match command {
        Command::Migrate => {
            tracing::info!(backend = db::backend_name(&db), "migrations applied");
        }
        Command::Seed(args) => {
            if args.if_empty && seed::producer_count(&db).await? > 0 {
                tracing::info!("database already has producers: not seeding");
            } else {
                let report = seed::seed(&db, args.producers, args.seed, true).await?;
                println!("{report}");
            }
        }
        Command::Serve(args) => serve(db, *args).await?,
        Command::Admin(command) => {
            crate::admin_cli::run(&db, command, crate::admin_cli::read_password).await?;
        }
        Command::Import(command) => {
            crate::import_cli::run(&db, command).await?;
        }
        // Answered above, before connecting.
        Command::Backup(_) | Command::Restore(_) | Command::Loadtest(_) | Command::Relevance(_) => {
        }
    }
    Ok(())
}

impl ServeArgs {
    /// `server` with no subcommand behaves as `server serve` with the environment applied.
    fn parse_default() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse_from(["server"]).args
    }
}

pub fn leptos_options(args: &ServeArgs) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("registry")
        .site_root(args.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .build()
}

async fn serve(db: sea_orm::DatabaseConnection, args: ServeArgs) -> anyhow::Result<()> {
    if args.demo_producers > 0 && seed::producer_count(&db).await? == 0 {
        tracing::info!(producers = args.demo_producers, "empty database: loading demo data");
        let report = seed::seed(&db, args.demo_producers, 42, false).await?;
        tracing::info!(%report, "demo data loaded");
    }
    let started = std::time::Instant::now();
    if let Some(listings) = app::catalogue::services::search_keys::rekey_if_stale(&db)
        .await
        .context("recomputing search keys")?
    {
        tracing::info!(listings, elapsed = ?started.elapsed(), "search keys recomputed");
    }
    let state = AppState::new(db, leptos_options(&args))
        .with_auth(args.auth_config())
        .with_site(args.site_config());
    let mail = args.mail_config();
    let sender = crate::mail_sender::Sender::new(state.db.clone(), state.clock.clone(), &mail)?;
    tracing::info!(to = %sender.describe(), public_url = %mail.public_url, "mail sender started");
    sender.spawn();
    let started = std::time::Instant::now();
    let indexed = state.build_facet_index().await.context("building the facet index")?;
    tracing::info!(listings = indexed, elapsed = ?started.elapsed(), "facet index built");
    let metrics = crate::ops::metrics::Metrics::new(args.metrics_token.clone());
    let app = router::build_router_with_metrics(state, metrics);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // SIGTERM: stop accepting, let requests finish, give up on them after 10 s.
    crate::ops::shutdown::serve_with_deadline(
        listener,
        app,
        crate::ops::shutdown::signal(),
        crate::ops::shutdown::GRACE,
    )
    .await?;
    Ok(())
}

/// Database URLs may carry passwords: keep them out of error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***{}", &url[..scheme], &url[at..])
        }
        _ => url.to_owned(),
    }
}
