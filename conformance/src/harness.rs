//! Runs the AutoRest test server for the suite: binds it to 127.0.0.1 only, waits for it,
//! reads its coverage reports through restgen's own clients of the server's `report.json` and
//! `azure-report.json`, and stops it by its process id.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use restgen_runtime::{
    BoxFuture, ClientOptions, Credential, Request, ReqwestTransport, Response, Transport,
    TransportError,
};

use crate::clients::azure_report::AutoRestReportServiceForAzureClient;
use crate::clients::report::AutoRestReportServiceClient;

/// The running server. Dropping it stops it.
pub struct TestServer {
    child: Child,
    port: u16,
}

impl TestServer {
    /// Starts the pinned server on a free loopback port and waits until it answers.
    pub async fn start() -> Result<Self, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cli = root.join("node_modules/@microsoft.azure/autorest.testserver/dist/cli/cli.js");
        let port = free_port()?;
        let out = target_dir().join("conformance");
        let coverage = out.join("raw-coverage");
        std::fs::create_dir_all(&coverage).map_err(|e| e.to_string())?;
        let log = std::fs::File::create(out.join("server.log")).map_err(|e| e.to_string())?;
        let child = Command::new("node")
            .arg(&cli)
            .args(["run", "--port", &port.to_string(), "--coverageDirectory"])
            .arg(&coverage)
            .env(
                "NODE_OPTIONS",
                format!("--require {}", root.join("loopback.cjs").display()),
            )
            .stdout(Stdio::from(log.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(log))
            .spawn()
            .map_err(|e| format!("could not start node (is Node.js installed?): {e}"))?;
        let server = Self { child, port };
        server.wait_ready().await?;
        Ok(server)
    }

    async fn wait_ready(&self) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            // `/report/azure` counts no scenario, unlike the API routes.
            if self.azure_report()?.get_report(None).await.is_ok() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("the test server did not answer within 60 s; see target/conformance/server.log".into())
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `127.0.0.1:<port>`, for host templates.
    pub fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Options for reading reports: one quick try each (readiness is polled).
    fn report_options() -> ClientOptions {
        ClientOptions::default()
            .with_max_retries(0)
            .with_per_try_timeout(Some(Duration::from_secs(2)))
    }

    fn azure_report(&self) -> Result<AutoRestReportServiceForAzureClient, String> {
        AutoRestReportServiceForAzureClient::new(
            &self.url(),
            Credential::Anonymous,
            Self::report_options(),
        )
        .map_err(|e| e.to_string())
    }

    /// Every scenario's count, keyed `category:Name` (`vanilla`, `azure`, `optional`, `dpg`), read
    /// with the server's own report specs turned into clients.
    pub async fn coverage(&self) -> Result<BTreeMap<String, u64>, String> {
        let report = AutoRestReportServiceClient::new(
            &self.url(),
            Credential::Anonymous,
            Self::report_options(),
        )
        .map_err(|e| e.to_string())?;
        let read = |e: restgen_runtime::Error| format!("reading the coverage report: {e}");
        let reports = [
            ("vanilla", report.get_report(None).await.map_err(read)?),
            (
                "azure",
                self.azure_report()?.get_report(None).await.map_err(read)?,
            ),
            (
                "optional",
                report.get_optional_report(None).await.map_err(read)?,
            ),
            // The report spec has no operation for `/report/dpg`: a request of our own,
            // through the same client's pipeline.
            ("dpg", {
                let pipeline = report.pipeline();
                let request = pipeline.request(restgen_runtime::Method::GET, "/report/dpg");
                let response = pipeline.send(request).await.map_err(read)?;
                response.json().map_err(read)?
            }),
        ];
        let mut all = BTreeMap::new();
        for (category, counts) in reports {
            for (name, count) in counts {
                all.insert(
                    format!("{category}:{name}"),
                    u64::try_from(count).unwrap_or(0),
                );
            }
        }
        Ok(all)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Stopped by its process id, then reaped.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// The workspace's target folder.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// A transport that keeps cookies, as the server's multi-step scenarios need (test-only: the
/// runtime itself keeps no state between calls).
#[derive(Debug)]
pub struct CookieTransport {
    inner: ReqwestTransport,
    jar: Mutex<BTreeMap<String, String>>,
}

impl CookieTransport {
    /// A transport with an empty cookie jar.
    pub fn new() -> Self {
        Self {
            inner: ReqwestTransport::new(Duration::from_secs(5)).expect("a reqwest client"),
            jar: Mutex::default(),
        }
    }
}

impl Default for CookieTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport for CookieTransport {
    fn send(&self, mut request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        let cookies: Vec<String> = self
            .jar
            .lock()
            .expect("jar")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if let Ok(value) = cookies.join("; ").parse()
            && !cookies.is_empty()
        {
            request.headers_mut().insert("cookie", value);
        }
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            let mut jar = self.jar.lock().expect("jar");
            for set in response.headers().get_all("set-cookie") {
                let Ok(text) = set.to_str() else { continue };
                let pair = text.split(';').next().unwrap_or_default();
                if let Some((k, v)) = pair.split_once('=') {
                    jar.insert(k.trim().to_owned(), v.trim().to_owned());
                }
            }
            Ok(response)
        })
    }
}

/// Client options for the suite: cookies kept, no waiting between retries or polls.
pub fn options() -> ClientOptions {
    ClientOptions::default()
        .with_retry_delays(Duration::ZERO, Duration::ZERO)
        .with_polling_interval(Duration::ZERO)
        .with_transport(Arc::new(CookieTransport::new()))
}
