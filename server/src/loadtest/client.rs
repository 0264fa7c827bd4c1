//! A minimal keep-alive HTTP/1.1 client: the load generator measures the server, not a client
//! library's pooling.

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

pub struct Conn {
    reader: BufReader<tokio::net::TcpStream>,
    host: String,
}

impl Conn {
    pub async fn open(addr: std::net::SocketAddr) -> anyhow::Result<Conn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn { reader: BufReader::new(stream), host: addr.to_string() })
    }

    /// One GET on the kept-alive connection; returns the status once the whole body is read.
    pub async fn get(&mut self, path: &str, accept: &str) -> anyhow::Result<u16> {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: {accept}\r\n\r\n", self.host);
        self.reader.get_mut().write_all(request.as_bytes()).await?;
        let mut line = String::new();
        self.reader.read_line(&mut line).await?;
        let status: u16 = line.split_whitespace().nth(1).context("status line")?.parse()?;
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            self.reader.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = Some(v.trim().parse::<usize>()?);
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        if let Some(n) = length {
            let mut body = vec![0u8; n];
            self.reader.read_exact(&mut body).await?;
        } else if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16)?;
                let mut chunk = vec![0u8; size + 2];
                self.reader.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
            }
        } else {
            bail!("response without length");
        }
        Ok(status)
    }
}
