//! What an administrator approves is what gets published: every decision names the version it
//! was shown, and a decision on an entry that changed since is refused.

use crate::admin::{signed_in_admin, submitted_producer};
use crate::helpers::{Backend, TestApp, browser, post_decision, shown_version, spawn_app};
use crate::on_both_backends;
use crate::producers::{BIN, company_form, listing_form};

const REFUSED: &str = "changed since you opened it";

async fn item_version(app: &TestApp, admin: &reqwest::Client, kind: &str, id: i64) -> String {
    let page =
        app.get_with(admin, &format!("/admin/queue/{kind}/{id}")).await.text().await.unwrap();
    shown_version(&page).unwrap_or_else(|| panic!("the {kind} item page shows no version"))
}

fn company_with_address(address: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut form = company_form(BIN);
    form.retain(|(k, _)| *k != "address");
    form.push(("address", address));
    form
}

on_both_backends!(
    approval_of_a_version_edited_since_is_refused_and_nothing_is_published,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (producer, _) = submitted_producer(&app, &me, "edit@example.kz", BIN).await;
        // The administrator opens the item…
        let seen = item_version(&app, &admin, "producer", producer).await;
        // …the producer edits the entry while it waits…
        let r = app.post_form(&me, "/account/company", &company_with_address("ул. Новая, 1")).await;
        assert_eq!(r.status(), 303);
        // …and the approval of what was shown is refused, with the current content on the page.
        let r = post_decision(
            &app,
            &admin,
            "producer",
            producer,
            &[("decision", "approve"), ("revision", &seen)],
        )
        .await;
        assert_eq!(r.status(), 409);
        let page = r.text().await.unwrap();
        assert!(page.contains(REFUSED), "the refusal says why");
        assert!(page.contains("ул. Новая, 1"), "the item shows the current content");
        let now = shown_version(&page).expect("the re-rendered form carries the current version");
        assert_ne!(now, seen);
        let published = format!(
            "SELECT COUNT(*) AS n FROM producer WHERE id = {producer} AND status = 'published'"
        );
        assert_eq!(app.count(&published).await, 0, "nothing published");
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM audit_event WHERE action LIKE 'moderation.%'")
                .await,
            0
        );
        // Rejecting or sending back the stale version is refused the same way.
        for decision in ["reject", "changes"] {
            let r = post_decision(
                &app,
                &admin,
                "producer",
                producer,
                &[("decision", decision), ("reason", "Адрес?"), ("revision", &seen)],
            )
            .await;
            assert_eq!(r.status(), 409, "{decision}");
        }
        // Deciding on what the page shows now publishes it.
        let r = post_decision(
            &app,
            &admin,
            "producer",
            producer,
            &[("decision", "approve"), ("revision", &now)],
        )
        .await;
        assert_eq!(r.status(), 303);
        assert_eq!(app.count(&published).await, 1);
        assert!(app.get_html(&format!("/producers/{producer}")).await.contains("ул. Новая, 1"));
    }
);

on_both_backends!(
    a_new_proposal_on_a_published_entry_refuses_decisions_on_the_earlier_one,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (producer, listing) = submitted_producer(&app, &me, "rev@example.kz", BIN).await;
        for (kind, id) in [("producer", producer), ("listing", listing)] {
            assert_eq!(
                post_decision(&app, &admin, kind, id, &[("decision", "approve")]).await.status(),
                303
            );
        }
        let edit = format!("/account/listings/{listing}/edit");
        let r = app.post_form(&me, &edit, &listing_form("Мука первого сорта")).await;
        assert_eq!(r.status(), 303);
        let revision = app.count("SELECT id AS n FROM revision WHERE status = 'pending'").await;
        let seen = item_version(&app, &admin, "revision", revision).await;
        // The producer replaces the proposal the administrator is reading.
        let r = app.post_form(&me, &edit, &listing_form("Мука второго сорта")).await;
        assert_eq!(r.status(), 303);
        let r = post_decision(
            &app,
            &admin,
            "revision",
            revision,
            &[("decision", "approve"), ("revision", &seen)],
        )
        .await;
        assert_eq!(r.status(), 409);
        let page = r.text().await.unwrap();
        assert!(page.contains(REFUSED) && page.contains("Мука второго сорта"));
        let public = app.get_html(&format!("/listings/{listing}")).await;
        assert!(public.contains("Мука пшеничная"), "the published text stays");
        let leak: Vec<&str> = public.lines().filter(|l| l.contains("сорта")).collect();
        assert!(!public.contains("второго сорта") && !public.contains("первого сорта"), "{leak:?}");
        let now = shown_version(&page).unwrap();
        let r = post_decision(
            &app,
            &admin,
            "revision",
            revision,
            &[("decision", "approve"), ("revision", &now)],
        )
        .await;
        assert_eq!(r.status(), 303);
        assert!(app.get_html(&format!("/listings/{listing}")).await.contains("Мука второго сорта"));
    }
);

on_both_backends!(
    bulk_approval_skips_entries_changed_since_the_queue_showed_them,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = signed_in_admin(&app, "mod@registry.kz").await;
        let me = browser();
        let (producer, listing) = submitted_producer(&app, &me, "bulk@example.kz", BIN).await;
        let queue = app.get_with(&admin, "/admin/queue").await.text().await.unwrap();
        let (p, l) = (
            crate::helpers::queued_item(&queue, &format!("producer:{producer}")),
            crate::helpers::queued_item(&queue, &format!("listing:{listing}")),
        );
        // The company changes after the queue was shown; the listing does not.
        let r = app.post_form(&me, "/account/company", &company_with_address("ул. Новая, 1")).await;
        assert_eq!(r.status(), 303);
        let r = app
            .post_form(
                &admin,
                "/admin/bulk",
                &[("item", p.as_str()), ("item", l.as_str()), ("decision", "approve")],
            )
            .await;
        assert_eq!(r.headers()["location"], "/admin/queue?done=bulk&ok=1&failed=1");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) AS n FROM producer WHERE id = {producer} AND status = 'submitted'"
            ))
            .await,
            1,
            "the changed company still waits"
        );
        // A bulk item without a version is not decided either.
        let bare = format!("producer:{producer}");
        let r = app
            .post_form(&admin, "/admin/bulk", &[("item", bare.as_str()), ("decision", "approve")])
            .await;
        assert_eq!(r.headers()["location"], "/admin/queue?done=bulk&ok=0&failed=1");
    }
);
