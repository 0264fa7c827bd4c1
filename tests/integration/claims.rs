//! Claims (issue 10): a company that came in by `server import producers` has no owner; an
//! account claims it with an address at the company's web domain (confirmed by link), an
//! administrator approves, and the account then manages the company. A later claim on the
//! owned company is a dispute in the queue.

use crate::admin::signed_in_admin;
use crate::helpers::{Backend, TestApp, browser};
use crate::mail::spawn_with_mail;
use crate::on_both_backends;
use crate::producers::register;
use crate::recovery::path_of;
use crate::smtp_sink::{Received, SmtpSink};

async fn imported_company(app: &TestApp) -> i64 {
    let file = "tax_id,country,legal_name,region,city,website,product_name,hs_code\n\
                940140000385,KZ,ТОО «Дән»,KZ-39,Костанай,https://www.dan-muka.kz/ru,Мука пшеничная,1101\n";
    let outcome = app::workspace::services::import::import_producers(
        &app.db,
        file.as_bytes(),
        false,
        app.clock.now(),
    )
    .await
    .expect("import");
    assert_eq!((outcome.producers, outcome.errors.len()), (1, 0), "{:?}", outcome.errors);
    app.count("SELECT id AS n FROM producer").await
}

/// Posts the claim form as the browser does (multipart: it can carry a document).
async fn post_claim(
    app: &TestApp,
    client: &reqwest::Client,
    producer: i64,
    fields: &[(&str, &str)],
    document: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = document {
        form = form
            .part("document", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    }
    client
        .post(app.url(&format!("/account/claim/{producer}")))
        .header("origin", app.origin())
        .multipart(form)
        .send()
        .await
        .expect("request reaches the test server")
}

async fn mail_to(sink: &SmtpSink, to: &str, text: &str) -> Received {
    sink.first_matching(&format!("a message to {to} saying {text:?}"), |m| {
        m.to.iter().any(|t| t == to) && m.text().contains(text)
    })
    .await
}

/// Claims `producer` as `evidence` and follows the mailed link.
async fn confirmed_claim(
    app: &TestApp,
    sink: &SmtpSink,
    client: &reqwest::Client,
    producer: i64,
    evidence: &str,
) {
    let path = format!("/account/claim/{producer}");
    let r =
        post_claim(app, client, producer, &[("role", "Director"), ("email", evidence)], None).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], format!("{path}?done=claim_sent"));
    let mail = mail_to(sink, evidence, "Confirm my claim").await;
    let link = path_of(&mail.link("/claims/confirm?token="));
    let r = app.get_with(client, &link).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/producers/{producer}?done=claim_confirmed"));
    assert_eq!(app.get_with(client, &link).await.status(), 400, "the link works once");
}

fn owner_sql(producer: i64) -> String {
    format!(
        "SELECT COALESCE((SELECT u.id FROM producer p JOIN user_account u \
         ON u.id = p.owner_user_id WHERE p.id = {producer}), 0) AS n"
    )
}

on_both_backends!(
    an_imported_company_is_claimed_approved_then_disputed,
    |backend: Backend| async move {
        let (app, sink) = spawn_with_mail(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let producer = imported_company(&app).await;
        assert_eq!(app.count(&owner_sql(producer)).await, 0, "imported: no owner");

        let page = app.get_html(&format!("/producers/{producer}")).await;
        assert!(
            page.contains(&format!("href=\"/account/claim/{producer}\""))
                && page.contains("Is this your company? Claim it"),
            "{page}"
        );

        let claimant = browser();
        register(&app, &claimant, "aidos@gmail.com").await;
        let form = app.get_with(&claimant, &format!("/account/claim/{producer}")).await;
        let form = form.text().await.unwrap();
        assert!(form.contains("@dan-muka.kz"), "the domain to prove: {form}");

        // An address elsewhere proves nothing: refused beside the field, the role kept.
        let fields = [("role", "Director"), ("email", "aidos@gmail.com")];
        let r = post_claim(&app, &claimant, producer, &fields, None).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Use an address at dan-muka.kz") && body.contains("value=\"Director\"")
        );

        confirmed_claim(&app, &sink, &claimant, producer, "aidos@dan-muka.kz").await;
        assert_eq!(app.count(&owner_sql(producer)).await, 0, "nothing changes before review");
        let queue = app.get_with(&admin, "/admin/claims").await.text().await.unwrap();
        assert!(
            queue.contains("aidos@gmail.com")
                && queue.contains("aidos@dan-muka.kz, at the company"),
            "{queue}"
        );
        assert!(!queue.contains("Dispute."), "{queue}");
        let claim = app.count("SELECT MAX(id) AS n FROM claim").await;
        let r = app.post_form(&admin, &format!("/admin/claims/{claim}/approve"), &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/admin/claims?done=decided");
        let claimant_id =
            app.count("SELECT id AS n FROM user_account WHERE email = 'aidos@gmail.com'").await;
        assert_eq!(app.count(&owner_sql(producer)).await, claimant_id);
        mail_to(&sink, "aidos@gmail.com", "your account now manages").await;
        assert_eq!(
            app.post_form(&admin, &format!("/admin/claims/{claim}/approve"), &[]).await.status(),
            409,
            "decided once"
        );

        // The account now edits the imported company.
        let company = app.get_with(&claimant, "/account/company").await.text().await.unwrap();
        assert!(company.contains("ТОО «Дән»"), "{company}");
        let edit = crate::producers::company_form(crate::producers::BIN);
        let r = app.post_form(&claimant, "/account/company", &edit).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) AS n FROM revision WHERE target_kind = 'producer' AND target_id = {producer}"
            ))
            .await,
            1,
            "the edit of the published company waits for review"
        );

        // A second claim on the owned company is a dispute; refused with a reason, mailed.
        let rival = browser();
        register(&app, &rival, "rival@example.kz").await;
        let page = app.get_html(&format!("/producers/{producer}")).await;
        assert!(page.contains("Another account manages this company but it is yours?"));
        confirmed_claim(&app, &sink, &rival, producer, "boss@dan-muka.kz").await;
        let queue = app.get_with(&admin, "/admin/claims").await.text().await.unwrap();
        assert!(
            queue.contains("Dispute.")
                && queue.contains("The company is managed now by aidos@gmail.com"),
            "{queue}"
        );
        let second = app.count("SELECT MAX(id) AS n FROM claim").await;
        let reject = format!("/admin/claims/{second}/reject");
        let r = app.post_form(&admin, &reject, &[]).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Give a reason"));
        let field = format!("reason_{second}");
        let r =
            app.post_form(&admin, &reject, &[(&field, "The director confirmed the owner.")]).await;
        assert_eq!(r.status(), 303);
        mail_to(&sink, "rival@example.kz", "The director confirmed the owner.").await;
        assert_eq!(app.count(&owner_sql(producer)).await, claimant_id, "the owner stays");

        // One account, one company: the owner cannot claim a second company.
        let other = app.get_with(&claimant, &format!("/account/claim/{producer}")).await;
        assert!(other.text().await.unwrap().contains("already manages this company"));
    }
);

on_both_backends!(
    a_claim_with_a_document_goes_to_the_administrators_who_open_it,
    |backend: Backend| async move {
        let documents = std::env::temp_dir()
            .join(format!("registry-claims-{}-{backend:?}", std::process::id()));
        let site = app::state::SiteConfig {
            claim_documents: Some(documents.clone()),
            ..Default::default()
        };
        let app = crate::helpers::spawn_app_with_site(backend, site).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let producer = imported_company(&app).await;
        let claimant = browser();
        register(&app, &claimant, "aidos@gmail.com").await;

        // Neither an address nor a document; then something that is not a document.
        let r = post_claim(&app, &claimant, producer, &[("role", "Director")], None).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("or choose a document"));
        let exe = Some(("certificate.pdf", b"MZ\x90\x00 not a pdf".to_vec()));
        let r = post_claim(&app, &claimant, producer, &[("role", "Director")], exe).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Choose a PDF, JPEG or PNG file."));
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(5 * 1024 * 1024 + 10, b' ');
        let r =
            post_claim(&app, &claimant, producer, &[("role", "Director")], Some(("big.pdf", big)))
                .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("larger than 5 MB"));
        assert_eq!(app.count("SELECT COUNT(*) AS n FROM claim").await, 0);

        let pdf = b"%PDF-1.7 certificate of state registration".to_vec();
        let r = post_claim(
            &app,
            &claimant,
            producer,
            &[("role", "Director")],
            Some(("Свидетельство.pdf", pdf.clone())),
        )
        .await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            r.headers()["location"],
            format!("/account/claim/{producer}?done=claim_submitted")
        );
        let claim = app.count("SELECT MAX(id) AS n FROM claim").await;
        let queue = app.get_with(&admin, "/admin/claims").await.text().await.unwrap();
        let link = format!("/admin/claims/{claim}/document");
        assert!(queue.contains(&link) && queue.contains("Свидетельство.pdf"), "{queue}");

        // Only administrators open it, as a download of what was uploaded.
        let r = app.get_with(&admin, &link).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
        assert_eq!(app.get_with(&claimant, &link).await.status(), 403);
        assert_eq!(app.get(&link).await.status(), 303, "anonymous: to the sign-in page");

        let r = app.post_form(&admin, &format!("/admin/claims/{claim}/approve"), &[]).await;
        assert_eq!(r.status(), 303);
        let claimant_id =
            app.count("SELECT id AS n FROM user_account WHERE email = 'aidos@gmail.com'").await;
        assert_eq!(app.count(&owner_sql(producer)).await, claimant_id);
        let _ = std::fs::remove_dir_all(documents);
    }
);
