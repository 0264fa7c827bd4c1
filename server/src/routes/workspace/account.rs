//! Form posts of accounts: register, sign in and out, change the password. Same pattern as
//! every form (`routes::forms`): parse once, call `app::workspace::services::accounts`,
//! redirect (303) or render the same page again with everything typed (422).

// Handlers return early with a finished response; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use crate::routes::extract::SignedInPost;
use crate::routes::forms::*;
use crate::routes::session::{self, SESSION_COOKIE};
use app::{
    foundations::{
        auth::{CurrentUser, Role},
        forms::{FormError, Problem},
        services::rate_limit::{self, Bucket},
    },
    state::AppState,
    workspace::services::{
        accounts,
        sign_in::{self, SignIn},
    },
};
use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    response::Response,
};

pub async fn register(State(state): State<AppState>, posted: Posted) -> Response {
    let now = state.now();
    let ip = posted.ip().unwrap_or_default();
    let usage =
        match rate_limit::hit(&state.db, Bucket::Register, &ip, state.auth.register_per_ip, now)
            .await
        {
            Ok(u) => u,
            Err(e) => return app_error(&posted.parts, e.into()),
        };
    if usage.refused.is_some() {
        return reject_limited(&state, posted, "register", "email", &usage).await;
    }
    let registration = match accounts::parse_registration(&posted.values) {
        Ok(r) => r,
        Err(errors) => {
            return reject(&state, posted, "register", errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let locale = locale_of(&posted.parts);
    let registered =
        accounts::register(&state.db, registration, locale, now, posted.ip().as_deref()).await;
    let user = match registered {
        Ok(u) => u,
        // The form was parsed above: what is left is a taken email.
        Err(FormError::Invalid(errors)) => {
            return reject(&state, posted, "register", errors, StatusCode::CONFLICT).await;
        }
        Err(FormError::App(e)) => return app_error(&posted.parts, e),
    };
    start_session(&state, &posted, user.id, "/account?done=registered").await
}

async fn start_session(state: &AppState, posted: &Posted, user_id: i64, to: &str) -> Response {
    // A fresh session id at every sign-in; the session the browser had before ends.
    if let Some(old) = posted.user() {
        let _ = accounts::end_session(&state.db, &old.session_id).await;
    }
    let ua = posted.parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    match accounts::start_session(
        &state.db,
        user_id,
        state.now(),
        &state.auth,
        posted.ip().as_deref(),
        ua,
    )
    .await
    {
        Ok(token) => with_session_cookie(see_other(to), state, &posted.parts, &token),
        Err(e) => app_error(&posted.parts, e.into()),
    }
}

pub async fn login(State(state): State<AppState>, posted: Posted) -> Response {
    let (email, password) = (posted.values.get("email"), posted.values.get("password"));
    let ip = posted.ip();
    let (db, now) = (&state.db, state.now());
    let user = match sign_in::sign_in(db, &state.auth, email, password, ip.as_deref(), now).await {
        Ok(SignIn::SignedIn(user)) => user,
        Ok(SignIn::Throttled(usage)) => {
            return reject_limited(&state, posted, "login", "email", &usage).await;
        }
        Ok(SignIn::Refused) => {
            let errors = one_error("password", Problem::new("err_login"));
            return reject(&state, posted, "login", errors, StatusCode::UNAUTHORIZED).await;
        }
        Err(e) => return app_error(&posted.parts, e),
    };
    let next = crate::routes::locale::safe_next(Some(posted.values.get("next")));
    // Without a page to return to: administrators to the queue, producers to theirs.
    let home = match Role::parse(&user.role) {
        Role::Admin => "/admin/queue",
        _ => "/account",
    };
    let to = if next == "/" { home.to_owned() } else { next };
    start_session(&state, &posted, user.id, &to).await
}

pub async fn logout(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Some(user) = parts.extensions.get::<CurrentUser>()
        && let Err(e) = accounts::end_session(&state.db, &user.session_id).await
    {
        return app_error(&parts, e.into());
    }
    let mut response = see_other("/login?done=logged_out");
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(
            SESSION_COOKIE,
            "",
            Some(0),
            "Lax",
            session::secure(&state, &parts.headers, session::peer(&parts.extensions)),
        ),
    );
    response
}

pub async fn change_password(
    State(state): State<AppState>,
    SignedInPost { posted, user }: SignedInPost,
) -> Response {
    match accounts::change_password(&state.db, &user, &posted.values, state.now()).await {
        Ok(()) => see_other("/account?done=password"),
        Err(FormError::Invalid(errors)) => {
            reject(&state, posted, "password", errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FormError::App(e)) => app_error(&posted.parts, e),
    }
}
