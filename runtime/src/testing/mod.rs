//! A loopback HTTP/1.1 server for tests of generated clients (the `testing` feature), bound to
//! 127.0.0.1 on a free port and stopped when dropped.
//!
//! It records every request, answers through a handler, and, given an access key, checks each
//! request's HMAC-SHA256 signature with its own implementation (not the signing module's),
//! answering 401 when it does not verify. [`examples`] checks a client against a spec's
//! `x-ms-examples` through it.

pub mod examples;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// Upper-case method.
    pub method: String,
    /// The request target: path and query, exactly as sent.
    pub target: String,
    /// Headers, names in lower case, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The raw query string, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The body as text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// A way to misbehave instead of answering cleanly (for fault tests).
    pub fault: Option<Fault>,
}

/// Ways a server can break an exchange, as hostile or failing servers do.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Resets the connection (TCP RST) without sending anything.
    ResetBeforeHeaders,
    /// Sends the status line and headers with a `content-length` of `declared`, then only the
    /// reply's body (shorter), then resets the connection.
    TruncatedBody {
        /// The length announced.
        declared: u64,
    },
    /// Sends the status line and headers (a `content-length` of `declared`, or chunked when
    /// `None`), then zeros until the client hangs up, counting the body bytes written.
    EndlessBody {
        /// The length announced, if any.
        declared: Option<u64>,
        /// Body bytes the server managed to write.
        sent: Arc<std::sync::atomic::AtomicU64>,
    },
}

impl Reply {
    /// A status with no body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            fault: None,
        }
    }

    /// Misbehaves as `fault` says instead of answering cleanly.
    pub fn fault(mut self, fault: Fault) -> Self {
        self.fault = Some(fault);
        self
    }

    /// A JSON body.
    pub fn json(status: u16, body: &str) -> Self {
        Self::status(status)
            .header("content-type", "application/json")
            .body(body)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: &str) -> Self {
        self.body = body.as_bytes().to_vec();
        self
    }

    /// Answers after a delay.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// The running server. Dropping it stops it.
pub struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: JoinHandle<()>,
    /// Whether requests are kept for [`TestServer::requests`].
    record: Arc<std::sync::atomic::AtomicBool>,
}

impl TestServer {
    /// Starts a server that answers with `handler` and checks no signature.
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        Self::spawn(None, Arc::new(handler)).await
    }

    /// Starts a server that answers with `handler` and keeps no record of requests: for
    /// benchmarks, whose millions of requests would otherwise pile up in memory.
    pub async fn start_unrecorded(
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let server = Self::spawn(None, Arc::new(handler)).await;
        server
            .record
            .store(false, std::sync::atomic::Ordering::Relaxed);
        server
    }

    /// Starts a server that first verifies each request's HMAC signature with `key` (401 when it
    /// fails), then answers with `handler`.
    pub async fn start_signed(
        key: &[u8],
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::spawn(Some(key.to_vec()), Arc::new(handler)).await
    }

    async fn spawn(key: Option<Vec<u8>>, handler: Arc<Handler>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let key = Arc::new(key);
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let record = flag.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let recorded = recorded.clone();
                let key = key.clone();
                let record = record.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, addr, &key, &*handler, &recorded, &record).await;
                });
            }
        });
        Self {
            addr,
            requests,
            task,
            record: flag,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:<port>`.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    /// Every request received so far (none for an unrecorded server).
    pub fn requests(&self) -> Vec<Recorded> {
        debug_assert!(
            self.record.load(std::sync::atomic::Ordering::Relaxed),
            "this server keeps no record"
        );
        self.requests.lock().expect("lock").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    stream: TcpStream,
    addr: SocketAddr,
    key: &Option<Vec<u8>>,
    handler: &Handler,
    recorded: &Mutex<Vec<Recorded>>,
    record: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    // Replies go out in one write with Nagle off: no 40 ms delayed-ACK stalls on keep-alive.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream);
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let mut parts = text.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            return Ok(());
        };
        let (method, target) = (method.to_owned(), target.to_owned());
        let mut headers = Vec::new();
        loop {
            line.clear();
            reader.read_until(b'\n', &mut line).await?;
            let h = String::from_utf8_lossy(&line);
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((n, v)) = h.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let len = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        reader.read_exact(&mut body).await?;
        let request = Recorded {
            method,
            target,
            headers,
            body,
        };
        if record.load(std::sync::atomic::Ordering::Relaxed) {
            recorded.lock().expect("lock").push(request.clone());
        }
        let reply = match key {
            Some(key) => match verify_hmac(key, &request, &addr.to_string()) {
                Ok(()) => handler(&request),
                Err(why) => Reply::json(
                    401,
                    &format!(r#"{{"error":{{"code":"InvalidSignature","message":"{why}"}}}}"#),
                ),
            },
            None => handler(&request),
        };
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let declared = match &reply.fault {
            Some(Fault::TruncatedBody { declared }) => Some(*declared),
            Some(Fault::EndlessBody { declared, .. }) => *declared,
            _ => Some(reply.body.len() as u64),
        };
        let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
        match declared {
            Some(n) => head.push_str(&format!("content-length: {n}\r\n")),
            None => head.push_str("transfer-encoding: chunked\r\n"),
        }
        for (n, v) in &reply.headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let stream = reader.get_mut();
        match reply.fault {
            None => {
                let mut message = head.into_bytes();
                message.extend_from_slice(&reply.body);
                stream.write_all(&message).await?;
                stream.flush().await?;
            }
            Some(Fault::ResetBeforeHeaders) => {
                stream.set_zero_linger()?;
                return Ok(());
            }
            Some(Fault::TruncatedBody { .. }) => {
                stream.write_all(head.as_bytes()).await?;
                stream.write_all(&reply.body).await?;
                stream.flush().await?;
                stream.set_zero_linger()?;
                return Ok(());
            }
            Some(Fault::EndlessBody { declared, sent }) => {
                stream.write_all(head.as_bytes()).await?;
                let zeros = vec![0u8; 64 << 10];
                loop {
                    // Chunked bodies frame each piece; either way, zeros until the client leaves.
                    let written = if declared.is_none() {
                        stream
                            .write_all(format!("{:x}\r\n", zeros.len()).as_bytes())
                            .await?;
                        stream.write_all(&zeros).await?;
                        stream.write_all(b"\r\n").await?;
                        zeros.len()
                    } else {
                        stream.write_all(&zeros).await?;
                        zeros.len()
                    };
                    sent.fetch_add(written as u64, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
    }
}

/// Checks the request's HMAC-SHA256 headers, written apart from the runtime on purpose.
pub fn verify_hmac(key: &[u8], request: &Recorded, expected_host: &str) -> Result<(), String> {
    let date = request
        .header("x-ms-date")
        .or_else(|| request.header("date"))
        .ok_or("no x-ms-date header")?;
    let host = request.header("host").ok_or("no host header")?;
    if host != expected_host {
        return Err(format!("host header {host} is not {expected_host}"));
    }
    let hash = request
        .header("x-ms-content-sha256")
        .ok_or("no x-ms-content-sha256 header")?;
    let actual_hash = STANDARD.encode(Sha256::digest(&request.body));
    if hash != actual_hash {
        return Err("x-ms-content-sha256 does not match the body".into());
    }
    let auth = request
        .header("authorization")
        .ok_or("no authorization header")?;
    let signature = auth
        .strip_prefix("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=")
        .ok_or("authorization is not HMAC-SHA256 over x-ms-date;host;x-ms-content-sha256")?;
    let to_sign = format!(
        "{}\n{}\n{};{};{}",
        request.method, request.target, date, host, hash
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).map_err(|e| e.to_string())?;
    mac.update(to_sign.as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    if signature != expected {
        return Err("signature does not verify".into());
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
