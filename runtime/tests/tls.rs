//! The default transport speaks TLS through rustls and checks certificates: a loopback server
//! presenting a self-signed certificate (in `fixtures/`, valid for `localhost` and 127.0.0.1
//! for a century) is refused, with a message that says why, and is never sent a request.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use restgen_runtime::{ClientOptions, Credential, ErrorKind, Method, Pipeline};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

const CERT: &[u8] = include_bytes!("fixtures/self-signed.cert.pem");
const KEY: &[u8] = include_bytes!("fixtures/self-signed.key.pem");

/// A TLS server on loopback for one connection; says whether a request ever arrived.
fn tls_server() -> (u16, std::thread::JoinHandle<bool>) {
    let cert = CertificateDer::from_pem_slice(CERT).unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut tcp, _) = listener.accept().unwrap();
        let mut tls = rustls::ServerConnection::new(Arc::new(config)).unwrap();
        let got_request = AtomicBool::new(false);
        // The handshake fails on the client's side; a request would be application data.
        while tls.is_handshaking() {
            if tls.complete_io(&mut tcp).is_err() {
                break;
            }
        }
        if !tls.is_handshaking() {
            let mut buf = [0u8; 64];
            use std::io::Read as _;
            if matches!(tls.reader().read(&mut buf), Ok(n) if n > 0) {
                got_request.store(true, Ordering::SeqCst);
            }
        }
        got_request.load(Ordering::SeqCst)
    });
    (port, handle)
}

#[tokio::test]
async fn a_certificate_no_trusted_root_signed_is_refused() {
    let (port, server) = tls_server();
    let pipeline = Pipeline::new(
        ("tls", "0"),
        &format!("https://localhost:{port}"),
        Credential::Anonymous,
        ClientOptions::default().with_max_retries(0),
    )
    .unwrap();
    let err = pipeline
        .send(pipeline.request(Method::GET, "/secret"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(err.to_string().contains("certificate"), "{err}");
    assert!(!server.join().unwrap(), "the server was sent a request");
}
