//! `serve`'s HTTP side: hyper on a single-threaded tokio runtime, so that the server's threads
//! are the same few however many connections are open. A request head longer than
//! [`MAX_HEAD`] is refused with 431 before more of it is read, and only requests addressed to
//! the server by a loopback name and its port are answered: a page elsewhere whose name was made
//! to resolve to 127.0.0.1 (DNS rebinding) sends its own name and gets 403.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::channel::Channel;
use http_body_util::{Either, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, HeaderValue, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::{RELOAD_PATH, Shared, error_page, inject_reload};
use crate::check::percent_decode;

/// The longest request head (request line and headers) read; browsers send a few kB.
const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may take to send a request head, or stay idle between requests.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle reload stream sends a comment, which notices pages that were closed.
const STREAM_KEEPALIVE: Duration = Duration::from_secs(10);
/// The names a request may address the server by, before `:port`.
const LOOPBACK_NAMES: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// A response body: a file or page, or the reload event stream.
type Body = Either<Full<Bytes>, Channel<Bytes>>;

/// Answers requests on `listener` until the process ends; returns only if the runtime cannot
/// start.
pub fn run(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<(), String> {
    let port = listener
        .local_addr()
        .map_err(|e| format!("the server has no address: {e}"))?
        .port();
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot set up the server's socket: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot set up the server's socket: {e}"))?;
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(HEAD_TIMEOUT)
            .max_buf_size(MAX_HEAD);
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, most likely: open connections close in time.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let shared = Arc::clone(&shared);
            let connection = http.serve_connection(
                TokioIo::new(stream),
                service_fn(move |request| {
                    std::future::ready(Ok::<_, Infallible>(answer(&request, &shared, port)))
                }),
            );
            // A connection that breaks off or sends nonsense is nothing to report.
            tokio::spawn(async move { connection.await.ok() });
        }
    })
}

/// The response to one request.
fn answer(request: &Request<Incoming>, shared: &Shared, port: u16) -> Response<Body> {
    let host = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => request.headers().get(HOST).and_then(|h| h.to_str().ok()),
    };
    if !host.is_some_and(|host| is_loopback(host, port)) {
        let text = format!(
            "This development server answers only requests for http://127.0.0.1:{port}/ \
             (or localhost:{port}).\n"
        );
        return respond(StatusCode::FORBIDDEN, "text/plain; charset=utf-8", text);
    }
    let path = request.uri().path();
    if path == RELOAD_PATH {
        let since = request
            .uri()
            .query()
            .unwrap_or_default()
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        return reload_stream(shared, since);
    }
    let (generation, files, search, errors) = {
        let state = shared.lock();
        (
            state.generation,
            Arc::clone(&state.files),
            Arc::clone(&state.search),
            state.errors.clone(),
        )
    };
    let rel = percent_decode(path.trim_start_matches('/'));
    if rel.split('/').any(|s| s == "..") {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "bad path",
        );
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let found = files.get(&file).or_else(|| search.get(&file));
    if let Some(errors) = errors
        && (file.ends_with(".html") || found.is_none())
    {
        let page = error_page(&errors, generation);
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/html; charset=utf-8",
            page,
        );
    }
    match found {
        Some(bytes) if file.ends_with(".html") => respond(
            StatusCode::OK,
            content_type(&file),
            inject_reload(bytes, generation),
        ),
        Some(bytes) => respond(
            StatusCode::OK,
            content_type(&file),
            Bytes::copy_from_slice(bytes),
        ),
        None if files.contains_key(&format!("{rel}/index.html")) => {
            let mut response = respond(StatusCode::FOUND, "text/plain; charset=utf-8", "");
            if let Ok(location) = HeaderValue::from_str(&format!("/{rel}/")) {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        None => {
            let body = files
                .get("404.html")
                .map_or_else(|| b"404".to_vec(), |b| inject_reload(b, generation));
            respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
        }
    }
}

/// Whether `host` (a Host header or a request's authority) names this server: a loopback name
/// with the server's port (or with none, on port 80).
fn is_loopback(host: &str, port: u16) -> bool {
    let name = match host.strip_suffix(&format!(":{port}")) {
        Some(name) => name,
        None if port == 80 => host,
        None => return false,
    };
    LOOPBACK_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Server-Sent Events: a `reload` event as soon as the site is newer than the page's build
/// `since`, then one after every rebuild; a comment every few seconds notices closed pages.
fn reload_stream(shared: &Shared, since: u64) -> Response<Body> {
    let (mut sender, body) = Channel::new(1);
    let mut rebuilt = shared.rebuilt.subscribe();
    tokio::spawn(async move {
        let mut message = "retry: 500\n\n".to_string();
        let mut seen = since;
        // Sending fails once the page is gone.
        while sender.send_data(Bytes::from(message)).await.is_ok() {
            message = loop {
                let generation = *rebuilt.borrow_and_update();
                if generation != seen {
                    seen = generation;
                    break format!("event: reload\ndata: {generation}\n\n");
                }
                match tokio::time::timeout(STREAM_KEEPALIVE, rebuilt.changed()).await {
                    Ok(Ok(())) => continue,
                    Ok(Err(_)) => return,
                    Err(_) => break ": waiting\n\n".to_string(),
                }
            };
        }
    });
    let mut response = Response::new(Either::Right(body));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn respond(status: StatusCode, kind: &'static str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Either::Left(Full::new(body.into())));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("atom") => "application/atom+xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_the_port_are_this_server() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(is_loopback(host, 1111), "{host}");
        }
        for host in [
            "evil.example:1111",
            "127.0.0.1",
            "localhost:1112",
            "localhost:11111",
            "127.0.0.1.evil.example:1111",
            "[::1]",
            "",
        ] {
            assert!(!is_loopback(host, 1111), "{host}");
        }
        assert!(is_loopback("localhost", 80));
        assert!(is_loopback("127.0.0.1:80", 80));
        assert!(!is_loopback("evil.example", 80));
    }
}
