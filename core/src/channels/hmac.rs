//! Verifying a Shopify webhook before its body is trusted.
//!
//! Shopify signs every delivery: `X-Shopify-Hmac-Sha256` is
//! base64(HMAC-SHA256(app secret, raw body bytes)). Check it over the exact
//! bytes received — before any parsing or re-encoding — and compare in
//! constant time. The signature covers the body only: `X-Shopify-Shop-Domain`
//! and `X-Shopify-Topic` are not authenticated, so match the domain against
//! known installs; deduplicate deliveries by `X-Shopify-Webhook-Id`.
//!
//! ```
//! use lotwise::channels::hmac::{shopify_hmac_base64, verify_shopify_webhook};
//! let body = br#"{"id": 1}"#;
//! let signature = shopify_hmac_base64(b"secret", body);
//! let headers = [("x-shopify-hmac-sha256", signature.as_str())];
//! assert!(verify_shopify_webhook(b"secret", headers, body).is_ok());
//! assert!(verify_shopify_webhook(b"other", headers, body).is_err());
//! ```

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::json::invalid;
use super::Channel;
use crate::error::Result;

/// The signature header, as Shopify spells it (HTTP/2 lower-cases it).
pub const SHOPIFY_HMAC_HEADER: &str = "X-Shopify-Hmac-Sha256";

type HmacSha256 = Hmac<Sha256>;

/// A MAC keyed with `secret` over `body`. HMAC takes keys of any length, so
/// this cannot fail; an empty key is refused by the callers.
fn mac(secret: &[u8], body: &[u8]) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(secret).ok()?;
    mac.update(body);
    Some(mac)
}

/// The base64 signature Shopify would send for `body` (for tests and tools).
pub fn shopify_hmac_base64(secret: &[u8], body: &[u8]) -> String {
    match mac(secret, body) {
        Some(m) => base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes()),
        None => String::new(),
    }
}

/// Whether `signature` (the header value, base64) is the HMAC-SHA256 of
/// `body` under `secret`. The comparison takes the same time wherever the
/// bytes differ. An empty secret never verifies.
pub fn verify_shopify_hmac(secret: &[u8], body: &[u8], signature: &str) -> bool {
    if secret.is_empty() {
        return false;
    }
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else {
        return false;
    };
    // `verify_slice` compares in constant time (and refuses a wrong length).
    mac(secret, body).is_some_and(|m| m.verify_slice(&expected).is_ok())
}

/// The value of header `name`, matched without regard to case.
pub fn header<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    name: &str,
) -> Option<&'a str> {
    headers
        .into_iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Verifies a delivery from its headers and raw body: `invalid_payload` at
/// `X-Shopify-Hmac-Sha256` when the header is missing or does not match.
pub fn verify_shopify_webhook<'a>(
    secret: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: &[u8],
) -> Result<()> {
    let fail = |reason: &str| invalid(Channel::Shopify, SHOPIFY_HMAC_HEADER, reason);
    if secret.is_empty() {
        return Err(fail("no webhook secret is configured"));
    }
    let signature = header(headers, SHOPIFY_HMAC_HEADER).ok_or_else(|| fail("missing"))?;
    if verify_shopify_hmac(secret, body, signature) {
        Ok(())
    } else {
        Err(fail("the signature does not match the body"))
    }
}
