//! Delivers the outbox (`app::foundations::services::mail`) in the background of `server serve`.
//!
//! Every few seconds the sender claims the messages that are due, sends each over SMTP with
//! `lettre` (`SMTP_URL`), or writes it as an `.eml` file under the mail folder when no SMTP
//! server is configured, and records the outcome: sent, or the error and the time of the next
//! attempt (longer after each failure). The queue is the database, so a restart or a dead mail
//! server loses nothing; time is the application's clock, so tests move it instead of waiting.

use app::foundations::{auth::Clock, entities::outbox, services::mail};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use sea_orm::{DatabaseConnection, DbErr};
use std::{path::PathBuf, sync::Arc, time::Duration};

/// Messages claimed per round.
const BATCH: u64 = 50;

#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:port` (plain), `smtp://host:587?tls=required` (STARTTLS),
    /// `smtps://user:password@host:465` (TLS); `None` writes `.eml` files to `mail_dir`.
    pub smtp_url: Option<String>,
    pub mail_dir: PathBuf,
    /// Links in mail start with this (`https://registry.example`).
    pub public_url: String,
    /// The `From:` of every message.
    pub from: String,
    /// How often the sender looks for due messages.
    pub poll: Duration,
}

enum Transport {
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>),
    Files(PathBuf),
}

pub struct Sender {
    db: DatabaseConnection,
    clock: Arc<Clock>,
    transport: Transport,
    public_url: String,
    from: Mailbox,
    poll: Duration,
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

struct Failure {
    error: String,
    /// Retrying cannot help (the stored address does not parse).
    permanent: bool,
}

impl Sender {
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<Clock>,
        config: &MailConfig,
    ) -> anyhow::Result<Sender> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("MAIL_FROM {:?} is not an address: {e}", config.from))?;
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(Box::new(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP_URL is not usable: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            )),
            None => Transport::Files(config.mail_dir.clone()),
        };
        Ok(Sender {
            db,
            clock,
            transport,
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            from,
            poll: config.poll,
        })
    }

    /// Where messages go, for the startup log (no password).
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP".to_owned(),
            Transport::Files(dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// Runs rounds forever (until the runtime stops).
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.deliver_due().await {
                    tracing::warn!(error = %e, "mail round failed; the queue is kept");
                }
                tokio::time::sleep(self.poll).await;
            }
        })
    }

    /// Delivers what is due now.
    pub async fn deliver_due(&self) -> Result<Round, DbErr> {
        let mut round = Round::default();
        for row in mail::claim_due(&self.db, self.clock.now(), BATCH).await? {
            match self.deliver(&row).await {
                Ok(()) => {
                    mail::mark_sent(&self.db, row.id, self.clock.now()).await?;
                    tracing::info!(id = row.id, kind = %row.kind, "mail sent");
                    round.sent += 1;
                }
                Err(f) => {
                    let status = mail::mark_attempt_failed(
                        &self.db,
                        &row,
                        &f.error,
                        f.permanent,
                        self.clock.now(),
                    )
                    .await?;
                    tracing::warn!(id = row.id, attempts = row.attempts + 1, status = status.as_str(),
                        error = %f.error, "mail not delivered");
                    round.failed += 1;
                }
            }
        }
        Ok(round)
    }

    fn message(&self, row: &outbox::Model) -> Result<Message, Failure> {
        let to: Mailbox = row.to_address.parse().map_err(|e| Failure {
            error: format!("recipient address does not parse: {e}"),
            permanent: true,
        })?;
        let host = self
            .public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("localhost");
        let mut builder = Message::builder().from(self.from.clone()).to(to);
        // A Reply-To that does not parse is dropped, not fatal: the message still informs.
        if let Some(reply_to) = row.reply_to.as_deref().and_then(|a| a.parse::<Mailbox>().ok()) {
            builder = builder.reply_to(reply_to);
        }
        builder
            .subject(row.subject.clone())
            // The same id on every attempt: a server that got it once can tell a retry.
            .message_id(Some(format!("<outbox-{}@{host}>", row.id)))
            .multipart(MultiPart::alternative_plain_html(
                mail::with_site(&row.body_text, &self.public_url),
                mail::with_site(&row.body_html, &self.public_url),
            ))
            .map_err(|e| Failure {
                error: format!("message cannot be built: {e}"),
                permanent: true,
            })
    }

    async fn deliver(&self, row: &outbox::Model) -> Result<(), Failure> {
        let message = self.message(row)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                // Refusals (5xx included) are retried with backoff until the attempts run out:
                // a misconfigured relay is fixed sooner than two days.
                .map_err(|e| Failure { error: e.to_string(), permanent: false }),
            Transport::Files(dir) => {
                let transient = |e: std::io::Error| Failure {
                    error: format!("cannot write to {}: {e}", dir.display()),
                    permanent: false,
                };
                tokio::fs::create_dir_all(dir).await.map_err(transient)?;
                let name = format!(
                    "{}-{:06}-{}.eml",
                    row.created_at.format("%Y%m%dT%H%M%S"),
                    row.id,
                    row.kind.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                );
                tokio::fs::write(dir.join(name), message.formatted()).await.map_err(transient)
            }
        }
    }
}
