//! `/forgot-password` and `/reset-password`: recovering an account by mail. Forms post to
//! `server::routes::recovery`.

use crate::foundations::{
    error::AppError,
    forms::{CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, TextField, query_param},
    i18n::use_strings,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("forgot", FormValues::default);
    view! {
        <Title text=t.forgot_title/>
        <section class="form-page">
            <h1>{t.forgot_title}</h1>
            <DoneNotice/>
            <p>{t.forgot_intro}</p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action="/forgot-password" novalidate>
                <CsrfField/>
                <TextField state=state.clone() name="email" label=t.field_email kind="email"
                    required=true autocomplete="email" maxlength=254/>
                <button type="submit" class="primary">{t.forgot_button}</button>
            </form>
            <p><a href="/login">{t.login_title}</a></p>
        </section>
    }
}

/// Whether the reset link in the address bar still works.
#[server(endpoint = "reset_link_state")]
pub async fn reset_link_works(token: String) -> Result<bool, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::workspace::services::recovery::reset_link_works(&state.db, &token, state.now())
        .await?)
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = use_strings();
    let token = query_param("token").unwrap_or_default();
    let state = FormState::for_form("reset", {
        let token = token.clone();
        move || {
            let mut v = FormValues::default();
            v.set("token", token.clone());
            v
        }
    });
    // After a refused post the token comes back with the form.
    let token = state.value("token");
    let works = Resource::new_blocking(move || token.clone(), reset_link_works);
    view! {
        <Title text=t.reset_title/>
        <section class="form-page">
            <h1>{t.reset_title}</h1>
            <ErrorSummary state=state.clone()/>
            <Suspense>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        if !works.await.unwrap_or(false) {
                            return view! {
                                <p class="error" role="alert">{t.reset_link_bad}</p>
                                <p><a class="button" href="/forgot-password">{t.reset_ask_again}</a></p>
                            }
                            .into_any();
                        }
                        let token = state.value("token");
                        view! {
                            <form method="post" action="/reset-password" novalidate>
                                <CsrfField/>
                                <input type="hidden" name="token" value=token/>
                                <input type="text" name="username" autocomplete="username" hidden=true value=""/>
                                <TextField state=state.clone() name="new_password" label=t.field_new_password
                                    kind="password" required=true autocomplete="new-password"
                                    hint=t.password_hint.to_owned()/>
                                <TextField state=state.clone() name="new_password_confirm"
                                    label=t.field_new_password_confirm kind="password" required=true
                                    autocomplete="new-password"/>
                                <button type="submit" class="primary">{t.reset_button}</button>
                            </form>
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}
