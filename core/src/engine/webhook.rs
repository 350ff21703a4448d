//! Receiving a Shopify order webhook: check the signature over the raw body,
//! then import the order, once per delivery.
//!
//! The order is the body's; the headers say who sent it and which delivery
//! it is. The signature (`X-Shopify-Hmac-Sha256`) is checked over the exact
//! bytes received before anything reads them, so an unsigned body is never
//! parsed. Shopify retries a delivery until it gets a 2xx and sometimes sends
//! the same one twice: the webhook id (`X-Shopify-Webhook-Id`) is recorded in
//! the same transaction as the import, and a delivery seen before answers
//! what it answered the first time without touching the order again. A new
//! delivery of an order already imported (`orders/updated`) goes through the
//! import, which is idempotent by (channel, external reference).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Ctx, Lotwise};
use crate::channels::hmac::{header, verify_shopify_hmac, SHOPIFY_HMAC_HEADER};
use crate::channels::{shopify, Channel, ChannelOrder, SkuMap};
use crate::engine::import::{ImportResult, ImportStatus};
use crate::error::{Error, ErrorCategory, Result};
use crate::ConfirmReport;

/// The header naming a delivery; a retry carries the same id.
pub const SHOPIFY_WEBHOOK_ID_HEADER: &str = "X-Shopify-Webhook-Id";
/// The header naming the delivery's topic, e.g. `orders/create`.
pub const SHOPIFY_TOPIC_HEADER: &str = "X-Shopify-Topic";

/// The document kind under which delivered webhook ids are kept.
const DELIVERY_KIND: &str = "shopify_webhook";

/// What one webhook delivery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WebhookReceipt {
    /// The delivery's `X-Shopify-Webhook-Id`, when it had one.
    pub webhook_id: Option<String>,
    /// The delivery's `X-Shopify-Topic`, when it had one (`orders/create`…).
    pub topic: Option<String>,
    /// `true` when this webhook id was received before: nothing was done
    /// again, and `import` and `confirmed` are what the first delivery did.
    pub replayed: bool,
    /// What importing the order did.
    pub import: ImportResult,
    /// What confirming the new order did, when confirming was asked for and
    /// the import placed an order ready to confirm.
    pub confirmed: Option<ConfirmReport>,
}

/// One delivery as received: the secret to check it with, its headers
/// (names in any case) and its raw body.
#[derive(Debug, Clone, Copy)]
pub struct ShopifyDelivery<'a> {
    /// The app's webhook signing secret.
    pub secret: &'a [u8],
    /// The request headers, name and value.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body exactly as received.
    pub body: &'a [u8],
    /// Whether a newly placed order is confirmed in the same transaction
    /// (reserve, plan batches), as a storefront taking orders wants.
    pub confirm: bool,
}

impl Lotwise {
    /// Receives one Shopify order webhook (`orders/create`, `orders/updated`,
    /// `orders/cancelled`, … any topic whose body is an order).
    ///
    /// A missing or wrong signature is `invalid_signature`, raised before
    /// the body is parsed; a body that is not a Shopify order is
    /// `invalid_payload`. A delivery whose webhook id was received before
    /// answers the first answer with `replayed: true` and changes nothing.
    /// Otherwise the order is imported (placed, replayed, updated or
    /// cancelled by its external reference), a new order confirmed when
    /// `confirm` is set, and the webhook id recorded, all in one transaction.
    pub fn receive_shopify_webhook(
        &self,
        delivery: ShopifyDelivery<'_>,
        map: &SkuMap,
    ) -> Result<WebhookReceipt> {
        verify(&delivery)?;
        self.receive_verified(delivery, map)
    }

    /// [`Lotwise::receive_shopify_webhook`] once the signature is checked.
    fn receive_verified(
        &self,
        delivery: ShopifyDelivery<'_>,
        map: &SkuMap,
    ) -> Result<WebhookReceipt> {
        let find = |name: &str| header(delivery.headers.iter().copied(), name);
        let webhook_id = find(SHOPIFY_WEBHOOK_ID_HEADER)
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_string);
        let topic = find(SHOPIFY_TOPIC_HEADER).map(|t| t.trim().to_string());
        let order = shopify::parse_order(delivery.body, map)?;
        self.write_concurrent(|ctx| {
            ctx.receive_delivery(&order, webhook_id.as_deref(), &topic, delivery.confirm)
        })
    }
}

/// Checks the delivery's signature over its raw body; names the header and
/// why it failed.
fn verify(delivery: &ShopifyDelivery<'_>) -> Result<()> {
    let signature = header(delivery.headers.iter().copied(), SHOPIFY_HMAC_HEADER);
    let (secret, body) = (delivery.secret, delivery.body);
    let refuse = |reason: &str| Error::InvalidSignature {
        channel: Channel::Shopify.as_str().into(),
        header: SHOPIFY_HMAC_HEADER.into(),
        reason: reason.into(),
    };
    if secret.is_empty() {
        return Err(refuse("no webhook secret is configured"));
    }
    match signature {
        None => Err(refuse("missing")),
        Some(s) if verify_shopify_hmac(secret, body, s) => Ok(()),
        Some(_) => Err(refuse("the signature does not match the body")),
    }
}

impl Ctx<'_> {
    fn receive_delivery(
        &mut self,
        order: &ChannelOrder,
        webhook_id: Option<&str>,
        topic: &Option<String>,
        confirm: bool,
    ) -> Result<WebhookReceipt> {
        if let Some(id) = webhook_id {
            if let Some(seen) = self.tx.doc(DELIVERY_KIND, id)? {
                let mut receipt: WebhookReceipt =
                    serde_json::from_value(seen).map_err(|e| Error::Storage {
                        reason: format!("stored webhook delivery `{id}`: {e}"),
                    })?;
                receipt.replayed = true;
                return Ok(receipt);
            }
        }
        let import = self.import(order)?;
        let confirmed = match (&import.status, &import.order) {
            (ImportStatus::Imported, Some(id)) if confirm && self.confirmable(id)? => {
                Some(self.confirm(id)?)
            }
            _ => None,
        };
        let receipt = WebhookReceipt {
            webhook_id: webhook_id.map(str::to_string),
            topic: topic.clone(),
            replayed: false,
            import,
            confirmed,
        };
        if let Some(id) = webhook_id {
            let value = serde_json::to_value(&receipt).map_err(|e| Error::Internal {
                reason: format!("webhook receipt did not serialize: {e}"),
            })?;
            self.tx.put_doc(DELIVERY_KIND, id, &value)?;
        }
        Ok(receipt)
    }
}

impl crate::api::args::ShopifyWebhook {
    /// Delivers this webhook to `lw`, as the command layer's
    /// `receive_shopify_webhook` does. The lines are identified by the
    /// catalog items they name (and the given mappings): only those items
    /// are read, so the cost follows the order, not the catalog's size.
    pub fn deliver_to(&self, lw: &Lotwise) -> Result<WebhookReceipt> {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let delivery = ShopifyDelivery {
            secret: self.secret.as_bytes(),
            headers: &headers,
            body: self.body.as_bytes(),
            confirm: self.confirm,
        };
        // Nothing reads the body before its signature is checked, and it
        // is checked once.
        verify(&delivery)?;
        let map = self.sku_map(lw, delivery.body)?;
        lw.receive_verified(delivery, &map)
    }

    /// A map knowing the items this order's lines and the mappings name.
    fn sku_map(&self, lw: &Lotwise, body: &[u8]) -> Result<SkuMap> {
        // A first reading with an empty map only learns the SKUs the lines
        // carry; a body that does not parse fails here as it would later.
        let unmapped = shopify::parse_order(body, &SkuMap::new())?;
        let named = unmapped.lines.iter().filter_map(|l| l.sku.as_deref());
        let targets = self
            .mappings
            .skus
            .values()
            .chain(self.mappings.ids.values());
        let skus: BTreeSet<&str> = named
            .map(str::trim)
            .chain(targets.map(|t| t.sku.as_str()))
            .collect();
        let mut map = SkuMap::new();
        for sku in skus {
            match lw.item(sku) {
                Ok(item) => {
                    map.add_catalog_item(&item);
                }
                // Not an item (or not even a valid SKU): the importer
                // flags the line for a person, as with any unmapped line.
                Err(e)
                    if matches!(
                        e.category(),
                        ErrorCategory::NotFound | ErrorCategory::Invalid
                    ) => {}
                Err(e) => return Err(e),
            }
        }
        self.mappings.apply(Channel::Shopify, &mut map);
        Ok(map)
    }
}
