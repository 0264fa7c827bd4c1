//! The registry's mail, in the recipient's interface language: English and Russian are
//! complete; the other interface languages read English until their texts are written here.
//! Each mail is plain text plus the same words as simple HTML, with one link back to the site.

use super::{Message, SITE};
use crate::{
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
}

/// The optional facts of an inquiry, labelled in the recipient's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InquiryDetail {
    Product,
    Quantity,
    Destination,
}

struct Texts {
    greeting: &'static str,
    signature: &'static str,
    ignore: &'static str,
    confirm_subject: &'static str,
    confirm_body: &'static str,
    confirm_action: &'static str,
    reset_subject: &'static str,
    reset_body: &'static str,
    reset_action: &'static str,
    what_company: &'static str,
    what_listing: &'static str,
    what_edit: &'static str,
    approved_subject: &'static str,
    approved_body: &'static str,
    rejected_subject: &'static str,
    rejected_body: &'static str,
    changes_subject: &'static str,
    changes_body: &'static str,
    suspended_subject: &'static str,
    suspended_body: &'static str,
    verified_subject: &'static str,
    verified_body: &'static str,
    account_action: &'static str,
    change_subject: &'static str,
    change_body: &'static str,
    change_action: &'static str,
    changed_subject: &'static str,
    changed_body: &'static str,
    inquiry_confirm_subject: &'static str,
    inquiry_confirm_body: &'static str,
    inquiry_confirm_action: &'static str,
    inquiry_received_subject: &'static str,
    inquiry_received_body: &'static str,
    inquiry_received_action: &'static str,
    inquiry_reply_subject: &'static str,
    inquiry_reply_body: &'static str,
    inquiry_reply_action: &'static str,
    inquiry_your_message: &'static str,
    detail_product: &'static str,
    detail_quantity: &'static str,
    detail_destination: &'static str,
}

const EN: Texts = Texts {
    greeting: "Hello,",
    signature: "Central Asia producer registry",
    ignore: "If you did not ask for this, ignore this message: nothing changes.",
    confirm_subject: "Confirm your email address",
    confirm_body: "Please confirm that this address is yours by opening the link below. The link works once, for 48 hours. Until then you can fill in drafts, but not submit them for review.",
    confirm_action: "Confirm my address",
    reset_subject: "Reset your password",
    reset_body: "We were asked to reset the password of the account with this address. The link below works once, for 30 minutes. Choosing a new password signs out every session of the account.",
    reset_action: "Choose a new password",
    what_company: "Your company profile",
    what_listing: "Your product",
    what_edit: "Your edit of",
    approved_subject: "Approved: {name}",
    approved_body: "{what} “{name}” was approved and is published in the registry.",
    rejected_subject: "Not approved: {name}",
    rejected_body: "{what} “{name}” was not approved.\nReason: {reason}",
    changes_subject: "Changes requested: {name}",
    changes_body: "{what} “{name}” needs changes before it can be published. It is back among your drafts: edit it and submit it again.\nWhat to change: {reason}",
    suspended_subject: "Your company was suspended: {name}",
    suspended_body: "“{name}” was suspended: it is hidden from the registry and its account is signed out.\nReason: {reason}",
    verified_subject: "Your company is verified: {name}",
    verified_body: "“{name}” is now marked as verified: administrators checked its registration.",
    account_action: "Open your account",
    change_subject: "Confirm your new email address",
    change_body: "The account of the Central Asia producer registry is to use this address from now on. Open the link below to confirm it; until then the account keeps its old address. The link works once, for 48 hours.",
    change_action: "Use this address",
    changed_subject: "Your account's email address was changed",
    changed_body: "Your account now uses {new_address}; this address no longer signs in. If you did not ask for this, reset the password from the new address at once or write to the registry's administrators.",
    inquiry_confirm_subject: "Confirm your inquiry to {producer}",
    inquiry_confirm_body: "You wrote to “{producer}” through the Central Asia producer registry. Open the link below to confirm that this address is yours; only then is your message delivered. The link works once, for 48 hours.",
    inquiry_confirm_action: "Confirm and send my inquiry",
    inquiry_received_subject: "Inquiry from {from}",
    inquiry_received_body: "A buyer wrote to “{producer}” through the registry. The buyer confirmed this address; answer with “Reply”, or from your inbox.\nFrom: {from}",
    inquiry_received_action: "Open your inbox",
    inquiry_reply_subject: "Reply from {producer}",
    inquiry_reply_body: "“{producer}” answered your inquiry. Use “Reply” to write back to the producer directly.",
    inquiry_reply_action: "See the producer in the registry",
    inquiry_your_message: "Your message",
    detail_product: "Product",
    detail_quantity: "Quantity",
    detail_destination: "Destination",
};

const RU: Texts = Texts {
    greeting: "Здравствуйте!",
    signature: "Реестр производителей Центральной Азии",
    ignore: "Если вы этого не запрашивали, просто не обращайте внимания на письмо: ничего не изменится.",
    confirm_subject: "Подтвердите адрес электронной почты",
    confirm_body: "Подтвердите, что это ваш адрес: откройте ссылку ниже. Ссылка работает один раз в течение 48 часов. До подтверждения можно заполнять черновики, но не отправлять их на проверку.",
    confirm_action: "Подтвердить адрес",
    reset_subject: "Сброс пароля",
    reset_body: "Поступил запрос на сброс пароля аккаунта с этим адресом. Ссылка ниже работает один раз в течение 30 минут. После смены пароля все сеансы аккаунта завершатся.",
    reset_action: "Задать новый пароль",
    what_company: "Профиль компании",
    what_listing: "Товар",
    what_edit: "Правка",
    approved_subject: "Одобрено: {name}",
    approved_body: "{what} «{name}»: одобрено и опубликовано в реестре.",
    rejected_subject: "Не одобрено: {name}",
    rejected_body: "{what} «{name}»: не одобрено.\nПричина: {reason}",
    changes_subject: "Нужны изменения: {name}",
    changes_body: "{what} «{name}»: перед публикацией нужны изменения. Запись вернулась в черновики: исправьте её и отправьте снова.\nЧто изменить: {reason}",
    suspended_subject: "Размещение компании приостановлено: {name}",
    suspended_body: "«{name}»: размещение приостановлено, компания скрыта из реестра, сеансы аккаунта завершены.\nПричина: {reason}",
    verified_subject: "Компания проверена: {name}",
    verified_body: "Компания «{name}» отмечена как проверенная: администраторы проверили её регистрацию.",
    account_action: "Открыть кабинет",
    change_subject: "Подтвердите новый адрес электронной почты",
    change_body: "Аккаунт реестра производителей Центральной Азии будет использовать этот адрес. Откройте ссылку ниже, чтобы подтвердить его; до тех пор у аккаунта остаётся прежний адрес. Ссылка работает один раз в течение 48 часов.",
    change_action: "Использовать этот адрес",
    changed_subject: "Адрес электронной почты аккаунта изменён",
    changed_body: "Теперь ваш аккаунт использует адрес {new_address}; с этим адресом войти больше нельзя. Если вы этого не запрашивали, сразу сбросьте пароль с нового адреса или напишите администраторам реестра.",
    inquiry_confirm_subject: "Подтвердите запрос компании {producer}",
    inquiry_confirm_body: "Вы написали компании «{producer}» через реестр производителей Центральной Азии. Откройте ссылку ниже, чтобы подтвердить, что это ваш адрес: только после этого сообщение будет доставлено. Ссылка работает один раз в течение 48 часов.",
    inquiry_confirm_action: "Подтвердить и отправить запрос",
    inquiry_received_subject: "Запрос от {from}",
    inquiry_received_body: "Покупатель написал компании «{producer}» через реестр. Адрес покупателя подтверждён; ответьте кнопкой «Ответить» или из раздела запросов в кабинете.\nОт кого: {from}",
    inquiry_received_action: "Открыть запросы",
    inquiry_reply_subject: "Ответ от {producer}",
    inquiry_reply_body: "Компания «{producer}» ответила на ваш запрос. Кнопка «Ответить» отправит письмо напрямую производителю.",
    inquiry_reply_action: "Страница производителя в реестре",
    inquiry_your_message: "Ваше сообщение",
    detail_product: "Товар",
    detail_quantity: "Количество",
    detail_destination: "Куда",
};

fn texts(locale: Locale) -> (&'static Texts, Locale) {
    match locale {
        Locale::Ru => (&RU, Locale::Ru),
        // Not yet translated: English, and the message says so in its language field.
        _ => (&EN, Locale::En),
    }
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

/// Writes `mail` to `to` in `locale` (or English).
pub fn render(mail: &Mail, to: &str, locale: Locale) -> Message {
    let (t, language) = texts(locale);
    let (kind, subject, paragraphs, action, path, ignore) = match mail {
        Mail::ConfirmEmail { token } => (
            "account.confirm_email",
            t.confirm_subject.to_owned(),
            vec![t.confirm_body.to_owned()],
            t.confirm_action,
            confirm_path(token),
            true,
        ),
        Mail::PasswordReset { token } => (
            "account.password_reset",
            t.reset_subject.to_owned(),
            vec![t.reset_body.to_owned()],
            t.reset_action,
            reset_path(token),
            true,
        ),
        Mail::ConfirmEmailChange { token } => (
            "account.email_change",
            t.change_subject.to_owned(),
            vec![t.change_body.to_owned()],
            t.change_action,
            email_change_path(token),
            true,
        ),
        Mail::EmailChanged { new_address } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("new_address", new_address)];
            (
                "account.email_changed",
                t.changed_subject.to_owned(),
                vec![fill(t.changed_body, &args)],
                t.account_action,
                "/login".to_owned(),
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
                t.account_action,
                "/account".to_owned(),
                false,
            )
        }
        Mail::Suspended { name, reason } => {
            let args: [(&str, &dyn std::fmt::Display); 2] = [("name", name), ("reason", reason)];
            (
                "producer.suspended",
                fill(t.suspended_subject, &args),
                vec![fill(t.suspended_body, &args)],
                t.account_action,
                "/account".to_owned(),
                false,
            )
        }
        Mail::Verified { name } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("name", name)];
            (
                "producer.verified",
                fill(t.verified_subject, &args),
                vec![fill(t.verified_body, &args)],
                t.account_action,
                "/account".to_owned(),
                false,
            )
        }
        Mail::InquiryConfirm { token, producer } => {
            let args: [(&str, &dyn std::fmt::Display); 1] = [("producer", producer)];
            (
                "inquiry.confirm",
                fill(t.inquiry_confirm_subject, &args),
                vec![fill(t.inquiry_confirm_body, &args)],
                t.inquiry_confirm_action,
                inquiry_confirm_path(token),
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
                t.inquiry_received_action,
                "/account/inquiries".to_owned(),
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
                t.inquiry_reply_action,
                format!("/producers/{producer_id}"),
                false,
            )
        }
    };
    let link = format!("{SITE}{path}");
    let mut text = format!("{}\n\n", t.greeting);
    let mut html = format!("<p>{}</p>\n", escape_html(t.greeting));
    for p in &paragraphs {
        text.push_str(&format!("{p}\n\n"));
        html.push_str(&format!("<p>{}</p>\n", escape_html(p).replace('\n', "<br>\n")));
    }
    text.push_str(&format!("{action}:\n{link}\n\n"));
    html.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>\n",
        escape_html(&link),
        escape_html(action)
    ));
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
    fn untranslated_languages_read_english() {
        let m = render(&Mail::PasswordReset { token: "t".into() }, "a@b.kz", Locale::Kk);
        assert_eq!(m.subject, "Reset your password");
        assert_eq!(m.language, Locale::En);
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
