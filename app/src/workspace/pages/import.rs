//! `/account/import`: upload a CSV of products; the outcome (rows imported, each problem with
//! its line and column) is rendered by the server after the upload.

use crate::foundations::{
    forms::{Checkbox, ErrorSummary, FormState, FormValues, ImportReport, csrf_token},
    i18n::{fill, use_strings},
};
use crate::workspace::models::forms::COLUMNS;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("import", FormValues::default);
    let report = use_context::<ImportReport>();
    // Multipart bodies are not searched for the token: it travels in the URL.
    let action = format!("/account/import?_csrf={}", csrf_token());
    view! {
        <Title text=t.import_title/>
        <section class="form-page wide">
            <h1>{t.import_title}</h1>
            {report.map(|r| view! { <Report report=r/> })}
            <ErrorSummary state=state.clone()/>
            <p>{t.import_intro}</p>
            <p>
                <a href="/account/import/template.csv" download="listings-template.csv">{t.import_template}</a>
            </p>
            <p>{t.import_columns}": " <code>{COLUMNS.map(|(header, _)| header).join(", ")}</code></p>
            <form method="post" action=action enctype="multipart/form-data">
                <div class="field">
                    <label for="f-file">{t.import_file}" *"</label>
                    <input type="file" id="f-file" name="file" accept=".csv,text/csv" required/>
                </div>
                <Checkbox state=state.clone() name="valid_only" label=t.import_valid_only.to_owned()/>
                <button type="submit" class="primary">{t.import_button}</button>
            </form>
        </section>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let t = use_strings();
    let summary = if report.imported > 0 {
        view! { <p class="notice" role="status">{fill(t.import_done, &[("imported", &report.imported)])}</p> }
            .into_any()
    } else {
        view! { <p class="error" role="alert">{t.import_nothing}</p> }.into_any()
    };
    let file_problem = report
        .file_problem
        .as_ref()
        .map(|p| view! { <p class="field-error" role="alert">{p.message(t)}</p> });
    let valid = (report.file_problem.is_none())
        .then(|| view! { <p>{fill(t.import_valid_rows, &[("valid", &report.valid)])}</p> });
    let errors = (!report.errors.is_empty()).then(|| {
        let rows = report
            .errors
            .iter()
            .map(|e| {
                view! {
                    <tr>
                        <td>{e.line}</td>
                        <td><code>{e.column.clone()}</code></td>
                        <td>{e.problem.message(t)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2>{fill(t.import_errors, &[("n", &report.errors.len())])}</h2>
            <table class="import-errors">
                <thead>
                    <tr>
                        <th>{t.import_col_line}</th>
                        <th>{t.import_col_column}</th>
                        <th>{t.import_col_problem}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <div class="import-report">
            {summary}
            {file_problem}
            {valid}
            {errors}
        </div>
    }
}
