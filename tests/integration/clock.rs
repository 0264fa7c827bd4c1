//! Time as the server sees it: audit times and cache lifetimes follow the server's clock (the
//! injected one in tests), so date filters and expiry can be tested without waiting.

use crate::helpers::{Backend, operator_admin, spawn_app, suspend_producer};

crate::on_both_backends!(
    audit_date_filters_follow_the_server_clock,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        server::seed::seed(&app.db, 3, 1, false).await.expect("seed");
        operator_admin(&app).await; // audited by the CLI today
        let today = app.clock.now().date_naive();
        app.clock.advance(std::time::Duration::from_secs(3 * 86_400));
        let later = app.clock.now().date_naive();
        suspend_producer(&app, 1).await; // audited by the server three days later

        let admin = crate::helpers::browser();
        let r = app
            .post_form(
                &admin,
                "/login",
                &[
                    ("email", "operator@registry.example"),
                    ("password", "Operator-of-the-registry-42"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "the operator signs in");
        let log = |query: String| {
            let (app, admin) = (&app, &admin);
            async move {
                let r = app.get_with(admin, &format!("/admin/audit?{query}")).await;
                assert_eq!(r.status(), 200, "{query}");
                r.text().await.unwrap()
            }
        };
        let then = log(format!("from={later}&to={later}")).await;
        assert!(then.contains("producer.suspend"), "the suspension is dated {later}");
        assert!(!then.contains("user.create_admin"), "the account was made on {today}");
        let before = log(format!("to={today}")).await;
        assert!(before.contains("user.create_admin"));
        assert!(
            !before.contains("producer.suspend"),
            "dated by the server's clock, not the wall's"
        );
    }
);
