//! The registry's mail, in the recipient's interface language: all seven (the Kazakh, Kyrgyz,
//! Tajik, Turkmen and Uzbek texts are machine-assisted and wait for a native reviewer).
//! Each mail is plain text plus the same words as simple HTML, with one link back to the site.

use super::{
    Message, SITE,
    texts::{Texts, texts},
};
use crate::foundations::{
    forms::escape_html,
    i18n::{Locale, fill},
};

/// What a moderation decision was about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Company,
    Listing,
    /// An edit of a published company or product.
    Edit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Approved,
    Rejected(String),
    ChangesRequested(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mail {
    /// The address check after registration (link valid 48 h).
    ConfirmEmail {
        token: String,
    },
    /// "Forgot your password?" (link valid 30 min).
    PasswordReset {
        token: String,
    },
    /// To the new address of a change of email (link valid 48 h).
    ConfirmEmailChange {
        token: String,
    },
    /// To the old address, once the change is done.
    EmailChanged {
        new_address: String,
    },
    Decision {
        subject: Subject,
        name: String,
        outcome: Outcome,
    },
    Suspended {
        name: String,
        reason: String,
    },
    Verified {
        name: String,
    },
    /// To a buyer: confirm the address before the inquiry goes to the producer (48 h).
    InquiryConfirm {
        token: String,
        producer: String,
    },
    /// To a producer: a confirmed inquiry, in full ("Reply" goes to the buyer).
    InquiryReceived {
        producer: String,
        /// "Name, Company (Country)" of the buyer.
        from: String,
        /// "Product: …", "Quantity: …", "Destination: …" lines the buyer filled in.
        details: Vec<(InquiryDetail, String)>,
        message: String,
    },
    /// To a buyer: the producer's answer ("Reply" goes to the producer).
    InquiryReply {
        producer: String,
        producer_id: i64,
        reply: String,
        message: String,
    },
    /// To a buyer: confirm the request for quotation; the link also opens its quotes.
    RfqConfirm {
        key: String,
        product: String,
    },
    /// To a producer matched by a request for quotation.
    RfqReceived {
        rfq_id: i64,
        product: String,
        /// "500 t".
        quantity: String,
        /// The last day quotes are taken, written as the recipient's language writes days.
        deadline: crate::foundations::domain::Day,
    },
    /// To a buyer: a producer's first quote (no link: the buyer's link is private and only
    /// its hash is stored).
    RfqQuoted {
        product: String,
        producer: String,
    },
    /// To a buyer: administrators did not send the request.
    RfqRejected {
        product: String,
        reason: String,
    },
    /// To the company-domain address a claimant gave (48 h).
    ClaimConfirm {
        token: String,
        producer: String,
    },
    /// To the claimant's account address.
    ClaimApproved {
        producer: String,
    },
    ClaimRejected {
        producer: String,
        reason: String,
    },
}

/// The optional facts of an inquiry, labelled in the recipient's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InquiryDetail {
    Product,
    Quantity,
    Destination,
}

/// The path of the confirmation link (the token is hex, safe in a URL as it is).
pub fn confirm_path(token: &str) -> String {
    format!("/confirm-email?token={token}")
}

pub fn reset_path(token: &str) -> String {
    format!("/reset-password?token={token}")
}

pub fn email_change_path(token: &str) -> String {
    format!("/confirm-email-change?token={token}")
}

pub fn inquiry_confirm_path(token: &str) -> String {
    format!("/inquiries/confirm?token={token}")
}

pub fn claim_confirm_path(token: &str) -> String {
    format!("/claims/confirm?token={token}")
}

pub fn rfq_confirm_path(key: &str) -> String {
    format!("/rfq/confirm?key={key}")
}

/// Writes `mail` to `to` in `locale` (or English).
pub fn render(mail: &Mail, to: &str, locale: Locale) -> Message {
    let (t, language) = (texts(locale), locale);
    let (kind, subject, paragraphs, link, ignore) = match mail {
        Mail::ConfirmEmail { token } => (
            "account.confirm_email",
            t.confirm_subject.to_owned(),
            vec![t.confirm_body.to_owned()],
            Some((t.confirm_action, confirm_path(token))),
            true,
        ),
        Mail::PasswordReset { token } => (
            "account.password_reset",
            t.reset_subject.to_owned(),
            vec![t.reset_body.to_owned()],
            Some((t.reset_action, reset_path(token))),
            true,
        ),
        Mail::ConfirmEmailChange { token } => (
            "account.email_change",
            t.change_subject.to_owned(),
            vec![t.change_body.to_owned()],
            Some((t.change_action, email_change_path(token))),
            true,
        ),
        Mail::EmailChanged { new_address } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("new_address", new_address)];
            (
                "account.email_changed",
                t.changed_subject.to_owned(),
                vec![fill(t.changed_body, &args)],
                Some((t.account_action, "/login".to_owned())),
                false,
            )
        }
        Mail::Decision { subject, name, outcome } => {
            let what = match subject {
                Subject::Company => t.what_company,
                Subject::Listing => t.what_listing,
                Subject::Edit => t.what_edit,
            };
            let (title, body, reason) = match outcome {
                Outcome::Approved => (t.approved_subject, t.approved_body, ""),
                Outcome::Rejected(r) => (t.rejected_subject, t.rejected_body, r.as_str()),
                Outcome::ChangesRequested(r) => (t.changes_subject, t.changes_body, r.as_str()),
            };
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("what", &what), ("name", name), ("reason", &reason)];
            (
                "moderation.decision",
                fill(title, &args),
                vec![fill(body, &args)],
                Some((t.account_action, "/account".to_owned())),
                false,
            )
        }
        Mail::Suspended { name, reason } => {
            let args: [(&str, &dyn std::fmt::Display); 2] = [("name", name), ("reason", reason)];
            (
                "producer.suspended",
                fill(t.suspended_subject, &args),
                vec![fill(t.suspended_body, &args)],
                Some((t.account_action, "/account".to_owned())),
                false,
            )
        }
        Mail::Verified { name } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("name", name)];
            (
                "producer.verified",
                fill(t.verified_subject, &args),
                vec![fill(t.verified_body, &args)],
                Some((t.account_action, "/account".to_owned())),
                false,
            )
        }
        Mail::InquiryConfirm { token, producer } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("producer", producer)];
            (
                "inquiry.confirm",
                fill(t.inquiry_confirm_subject, &args),
                vec![fill(t.inquiry_confirm_body, &args)],
                Some((t.inquiry_confirm_action, inquiry_confirm_path(token))),
                true,
            )
        }
        Mail::InquiryReceived { producer, from, details, message } => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("producer", producer), ("from", from)];
            let mut paragraphs = vec![fill(t.inquiry_received_body, &args)];
            if !details.is_empty() {
                paragraphs.push(
                    details
                        .iter()
                        .map(|(d, v)| format!("{}: {v}", detail_label(t, *d)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            paragraphs.push(message.clone());
            (
                "inquiry.received",
                fill(t.inquiry_received_subject, &args),
                paragraphs,
                Some((t.inquiry_received_action, "/account/inquiries".to_owned())),
                false,
            )
        }
        Mail::InquiryReply { producer, producer_id, reply, message } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("producer", producer)];
            let quoted: String = message.lines().map(|l| format!("> {l}\n")).collect();
            (
                "inquiry.reply",
                fill(t.inquiry_reply_subject, &args),
                vec![
                    fill(t.inquiry_reply_body, &args),
                    reply.clone(),
                    format!("{}:\n{}", t.inquiry_your_message, quoted.trim_end()),
                ],
                Some((t.inquiry_reply_action, format!("/producers/{producer_id}"))),
                false,
            )
        }
        Mail::RfqConfirm { key, product } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("product", product)];
            (
                "rfq.confirm",
                fill(t.rfq_confirm_subject, &args),
                vec![fill(t.rfq_confirm_body, &args)],
                Some((t.rfq_confirm_action, rfq_confirm_path(key))),
                true,
            )
        }
        Mail::RfqReceived { rfq_id, product, quantity, deadline } => {
            let deadline = crate::foundations::i18n::day(language, *deadline);
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("product", product), ("quantity", quantity), ("deadline", &deadline)];
            (
                "rfq.received",
                fill(t.rfq_received_subject, &args),
                vec![fill(t.rfq_received_body, &args)],
                Some((t.rfq_received_action, format!("/account/rfq/{rfq_id}"))),
                false,
            )
        }
        Mail::RfqQuoted { product, producer } => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("product", product), ("producer", producer)];
            (
                "rfq.quoted",
                fill(t.rfq_quoted_subject, &args),
                vec![fill(t.rfq_quoted_body, &args)],
                None,
                false,
            )
        }
        Mail::RfqRejected { product, reason } => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("product", product), ("reason", reason)];
            (
                "rfq.rejected",
                fill(t.rfq_rejected_subject, &args),
                vec![fill(t.rfq_rejected_body, &args)],
                None,
                false,
            )
        }
        Mail::ClaimConfirm { token, producer } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("producer", producer)];
            (
                "claim.confirm",
                fill(t.claim_confirm_subject, &args),
                vec![fill(t.claim_confirm_body, &args)],
                Some((t.claim_confirm_action, claim_confirm_path(token))),
                true,
            )
        }
        Mail::ClaimApproved { producer } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("producer", producer)];
            (
                "claim.approved",
                fill(t.claim_approved_subject, &args),
                vec![fill(t.claim_approved_body, &args)],
                Some((t.account_action, "/account".to_owned())),
                false,
            )
        }
        Mail::ClaimRejected { producer, reason } => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("producer", producer), ("reason", reason)];
            (
                "claim.rejected",
                fill(t.claim_rejected_subject, &args),
                vec![fill(t.claim_rejected_body, &args)],
                Some((t.account_action, "/account".to_owned())),
                false,
            )
        }
    };
    let mut text = format!("{}\n\n", t.greeting);
    let mut html = format!("<p>{}</p>\n", escape_html(t.greeting));
    for p in &paragraphs {
        text.push_str(&format!("{p}\n\n"));
        html.push_str(&format!("<p>{}</p>\n", escape_html(p).replace('\n', "<br>\n")));
    }
    // Some mail has no link: the buyer's private link is never stored, so it cannot be repeated.
    if let Some((action, path)) = link {
        let link = format!("{SITE}{path}");
        text.push_str(&format!("{action}:\n{link}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape_html(&link),
            escape_html(action)
        ));
    }
    if ignore {
        text.push_str(&format!("{}\n\n", t.ignore));
        html.push_str(&format!("<p>{}</p>\n", escape_html(t.ignore)));
    }
    text.push_str(&format!("-- \n{}\n", t.signature));
    html.push_str(&format!("<p>— {}</p>\n", escape_html(t.signature)));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body>\n{html}</body></html>\n",
        language.code()
    );
    Message { to: to.to_owned(), subject, text, html, language, kind, reply_to: None }
}

fn detail_label(t: &Texts, detail: InquiryDetail) -> &'static str {
    match detail {
        InquiryDetail::Product => t.detail_product,
        InquiryDetail::Quantity => t.detail_quantity,
        InquiryDetail::Destination => t.detail_destination,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_in_russian_links_back_to_the_site() {
        let m = render(&Mail::ConfirmEmail { token: "ab12".into() }, "a@b.kz", Locale::Ru);
        assert_eq!(m.subject, "Подтвердите адрес электронной почты");
        assert!(m.text.contains(&format!("{SITE}/confirm-email?token=ab12")));
        assert!(m.html.contains(&format!("href=\"{SITE}/confirm-email?token=ab12\"")));
        assert_eq!(m.language, Locale::Ru);
    }

    #[test]
    fn every_interface_language_has_its_own_mail() {
        let english = render(&Mail::PasswordReset { token: "t".into() }, "a@b.kz", Locale::En);
        for locale in [Locale::Ru, Locale::Kk, Locale::Ky, Locale::Tg, Locale::Tk, Locale::Uz] {
            let m = render(&Mail::PasswordReset { token: "t".into() }, "a@b.kz", locale);
            assert_ne!(m.subject, english.subject, "{locale:?}");
            assert_eq!(m.language, locale);
            assert!(m.html.contains(&format!("lang=\"{}\"", locale.code())));
        }
        let m = render(&Mail::PasswordReset { token: "t".into() }, "a@b.kz", Locale::Kk);
        assert_eq!(m.subject, "Құпиясөзді қалпына келтіру");
    }

    #[test]
    fn a_rejection_carries_its_reason_escaped_in_html() {
        let mail = Mail::Decision {
            subject: Subject::Listing,
            name: "Flour <premium>".into(),
            outcome: Outcome::Rejected("HS code & photo".into()),
        };
        let m = render(&mail, "a@b.kz", Locale::En);
        assert_eq!(m.subject, "Not approved: Flour <premium>");
        assert!(m.text.contains("Reason: HS code & photo"));
        assert!(m.html.contains("Flour &lt;premium&gt;"));
        assert!(m.html.contains("HS code &amp; photo"));
    }
}
