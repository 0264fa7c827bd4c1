//! A small SMTP server for tests: it speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT
//! on 127.0.0.1:0, keeps every message that arrives, and can be told to refuse (`554` at the
//! greeting) as a broken mail server does.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, AtomicUsize, Ordering},
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, dot-stuffing undone).
    pub data: String,
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<Received>>,
    refuse: AtomicBool,
    connections: AtomicUsize,
}

pub struct SmtpSink {
    pub addr: std::net::SocketAddr,
    shared: Arc<Shared>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP sink");
        let addr = listener.local_addr().expect("sink address");
        let shared = Arc::new(Shared::default());
        let accepting = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = accepting.clone();
                tokio::spawn(async move {
                    let _ = session(stream, shared).await;
                });
            }
        });
        SmtpSink { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// From now on, answer every connection with `554` (or accept again).
    pub fn refuse(&self, refuse: bool) {
        self.shared.refuse.store(refuse, Ordering::SeqCst);
    }

    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.lock().unwrap().clone()
    }

    /// Waits (10 s at most) until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{n} message(s) expected at the SMTP sink, {} arrived",
                got.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// The first message sent to `to`, waiting for it as [`wait_for`](Self::wait_for) does.
    pub async fn first_to(&self, to: &str) -> Received {
        self.first_matching(&format!("a message to {to}"), |m| m.to.iter().any(|t| t == to)).await
    }

    /// The first message that `matches`, waiting (10 s at most) for it to arrive.
    pub async fn first_matching(
        &self,
        what: &str,
        matches: impl Fn(&Received) -> bool,
    ) -> Received {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(m) = self.messages().into_iter().find(|m| matches(m)) {
                return m;
            }
            assert!(std::time::Instant::now() < deadline, "{what} did not arrive");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    shared.connections.fetch_add(1, Ordering::SeqCst);
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if shared.refuse.load(Ordering::SeqCst) {
        write.write_all(b"554 5.3.2 sink: not accepting mail now\r\n").await?;
        return Ok(());
    }
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO") || upper == "NOOP" {
            b"250 ok\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command);
            to.clear();
            b"250 ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&command));
            b"250 ok\r\n"
        } else if upper == "RSET" {
            from.clear();
            to.clear();
            b"250 ok\r\n"
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let received = Received { from: from.clone(), to: to.clone(), data };
            shared.messages.lock().unwrap().push(received);
            b"250 queued\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"502 not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// `MAIL FROM:<a@b> SIZE=1` → `a@b`.
fn address(command: &str) -> String {
    let start = command.find('<').map(|i| i + 1).unwrap_or(0);
    let end = command[start..].find('>').map(|i| start + i).unwrap_or(command.len());
    command[start..end].to_owned()
}

impl Received {
    /// A header of the message (first occurrence, folded lines joined).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        header_in(head, name)
    }

    /// The decoded body of the part with this content type (`text/plain`, `text/html`).
    pub fn part(&self, content_type: &str) -> String {
        let boundary = self
            .header("Content-Type")
            .and_then(|ct| {
                let b = ct.split("boundary=").nth(1)?;
                Some(b.trim_matches('"').split(['"', ';']).next()?.to_owned())
            })
            .expect("a multipart message");
        for part in self.data.split(&format!("--{boundary}")) {
            let part = part.trim_start_matches("\r\n");
            let Some((head, body)) = part.split_once("\r\n\r\n") else { continue };
            let ct = header_in(head, "Content-Type").unwrap_or_default();
            if !ct.to_ascii_lowercase().starts_with(content_type) {
                continue;
            }
            let encoding = header_in(head, "Content-Transfer-Encoding").unwrap_or_default();
            return decode(body.trim_end_matches("\r\n"), &encoding.to_ascii_lowercase());
        }
        panic!("no {content_type} part in:\n{}", self.data)
    }

    pub fn text(&self) -> String {
        self.part("text/plain")
    }

    /// The first link in the text part that contains `path`.
    pub fn link(&self, path: &str) -> String {
        let text = self.text();
        text.split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(path))
            .unwrap_or_else(|| panic!("no link to {path} in:\n{text}"))
            .to_owned()
    }
}

fn header_in(head: &str, name: &str) -> Option<String> {
    let mut value: Option<String> = None;
    for line in head.split("\r\n") {
        if let Some(v) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                v.push_str(line.trim_start());
                continue;
            }
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case(name)
        {
            value = Some(v.trim().to_owned());
        }
    }
    value
}

fn decode(body: &str, encoding: &str) -> String {
    match encoding {
        "base64" => {
            use base64::Engine;
            let joined: String = body.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(joined).expect("base64");
            String::from_utf8(bytes).expect("UTF-8 text")
        }
        "quoted-printable" => {
            let mut bytes = Vec::new();
            let raw = body.replace("=\r\n", "");
            let raw = raw.as_bytes();
            let mut i = 0;
            while i < raw.len() {
                if raw[i] == b'=' && i + 2 < raw.len() {
                    let hex = std::str::from_utf8(&raw[i + 1..i + 3]).unwrap_or("");
                    if let Ok(b) = u8::from_str_radix(hex, 16) {
                        bytes.push(b);
                        i += 3;
                        continue;
                    }
                }
                bytes.push(raw[i]);
                i += 1;
            }
            String::from_utf8(bytes).expect("UTF-8 text")
        }
        _ => body.to_owned(),
    }
}
