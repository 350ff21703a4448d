//! Shopify webhook signatures against the fixture headers.

use super::*;

#[test]
fn shopify_webhook_hmac_matches_the_fixture_headers() {
    let headers: serde_json::Map<String, Value> = serde_json::from_slice(HEADERS).unwrap();
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
        .collect();
    let signature = header(pairs.iter().copied(), "x-shopify-hmac-sha256").unwrap();
    assert_eq!(signature, "+8OivDub+/TWUquoMMcyP5LtvWK0uBEM6CLEAwEqKjo=");
    assert_eq!(shopify_hmac_base64(SECRET, SIMPLE), signature);
    assert!(verify_shopify_hmac(SECRET, SIMPLE, signature));
    verify_shopify_webhook(SECRET, pairs.iter().copied(), SIMPLE).unwrap();
    // HTTP/2 lower-cases header names.
    let lower: Vec<(String, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), *v))
        .collect();
    verify_shopify_webhook(SECRET, lower.iter().map(|(k, v)| (k.as_str(), *v)), SIMPLE).unwrap();

    // Any change to the body, the secret or the signature fails.
    let mut tampered = SIMPLE.to_vec();
    tampered.pop(); // the final LF is signed too
    assert!(!verify_shopify_hmac(SECRET, &tampered, signature));
    let err = verify_shopify_webhook(SECRET, pairs.iter().copied(), UPDATED).unwrap_err();
    assert_eq!(
        (err.code(), field_of(Err::<(), _>(err.clone()))),
        ("invalid_payload", "X-Shopify-Hmac-Sha256".to_string())
    );
    assert!(!verify_shopify_hmac(
        b"lotwise-test-secreT",
        SIMPLE,
        signature
    ));
    assert!(!verify_shopify_hmac(b"", SIMPLE, signature));
    assert!(!verify_shopify_hmac(
        SECRET,
        SIMPLE,
        "+8OivDub+/TWUquoMMcyP5LtvWK0uBEM6CLEAwEqKjo"
    ));
    assert!(!verify_shopify_hmac(SECRET, SIMPLE, "not base64!"));
    assert!(!verify_shopify_hmac(SECRET, SIMPLE, ""));
    // The hex digest is not what Shopify sends.
    assert!(!verify_shopify_hmac(
        SECRET,
        SIMPLE,
        "fbc3a2bc3b9bfbf4d652aba830c7323f92edbd62b4b8110ce822c403012a2a3a"
    ));
    let no_header = [("X-Shopify-Topic", "orders/create")];
    assert_eq!(
        field_of(verify_shopify_webhook(SECRET, no_header, SIMPLE)),
        "X-Shopify-Hmac-Sha256"
    );
    assert!(verify_shopify_webhook(b"", pairs.iter().copied(), SIMPLE).is_err());
}
