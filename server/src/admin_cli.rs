//! `server admin create|list|revoke`: administrators are made here (there is no default
//! account), or by another administrator in the web interface.

use anyhow::{Context, bail};
use app::{
    administration::services::admin,
    foundations::{auth::Role, domain::Email},
    workspace::services::accounts,
};
use sea_orm::DatabaseConnection;
use std::io::BufRead;

#[derive(clap::Subcommand, Debug)]
pub enum AdminCommand {
    /// Make an administrator: a new account, or an existing one promoted.
    Create {
        #[arg(long)]
        email: String,
        /// Read the password from standard input (one line) instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List administrators.
    List,
    /// Take the administrator role away (the account stays, as a producer account).
    Revoke {
        #[arg(long)]
        email: String,
    },
}

/// The password of `admin create`: one line of standard input, or typed twice at a prompt.
pub fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Repeat: ")?;
    if first != second {
        bail!("the passwords differ");
    }
    Ok(first)
}

/// `password` is read by the caller ([`read_password`]) before any async work, so tests can
/// pass it in.
pub async fn run(
    db: &DatabaseConnection,
    command: AdminCommand,
    password: impl FnOnce(bool) -> anyhow::Result<String>,
) -> anyhow::Result<()> {
    run_with_output(db, command, password, &mut std::io::stdout()).await
}

/// [`run`], writing what it reports to `out` instead of standard output (tests read it).
pub async fn run_with_output(
    db: &DatabaseConnection,
    command: AdminCommand,
    password: impl FnOnce(bool) -> anyhow::Result<String>,
    out: &mut (dyn std::io::Write + Send),
) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create { email, password_stdin } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            if let Some(user) = accounts::find_by_email(db, email.as_str()).await? {
                if user.role == "admin" {
                    writeln!(out, "{} is already an administrator", user.email)?;
                    return Ok(());
                }
                admin::set_role(db, None, user.id, Role::Admin, chrono::Utc::now())
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                writeln!(out, "{} is now an administrator", user.email)?;
                return Ok(());
            }
            let password = password(password_stdin)?;
            if let Some(problem) = accounts::password_problem(&password, email.as_str()) {
                bail!(
                    "password refused: {}",
                    problem.message(app::foundations::i18n::Locale::En.strings())
                );
            }
            let hash =
                accounts::hash_password(password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            let now = chrono::Utc::now();
            let account = accounts::NewAccount {
                email: &email,
                password_hash: hash,
                role: Role::Admin,
                // Made by the operator on the server: the address needs no mailed check.
                email_confirmed: true,
                locale: None,
            };
            let user =
                accounts::insert_account(db, account, now).await.context("create the account")?;
            app::administration::services::audit::record(
                db,
                app::administration::services::audit::Event::new(
                    None,
                    "user.create_admin",
                    "user",
                    user.id,
                    now,
                )
                .after(serde_json::json!({ "email": user.email, "role": "admin" })),
            )
            .await?;
            writeln!(out, "administrator {} created", user.email)?;
        }
        AdminCommand::List => {
            let admins = accounts::administrators(db).await?;
            for a in admins {
                writeln!(out, "{}\t{}\t{}", a.email, a.status, a.created_at.format("%Y-%m-%d"))?;
            }
        }
        AdminCommand::Revoke { email } => {
            let user = accounts::find_by_email(db, &email)
                .await?
                .with_context(|| format!("no account {email}"))?;
            if user.role != "admin" {
                bail!("{} is not an administrator", user.email);
            }
            admin::set_role(db, None, user.id, Role::Producer, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            writeln!(out, "{} is no longer an administrator", user.email)?;
        }
    }
    Ok(())
}
