//! Channel import (core `engine/import.rs`) and the Shopify webhook check
//! (core `channels/hmac.rs`).

use lotwise::channels::{hmac, Channel, SkuMap, SkuMappings};
use lotwise::{ImportProgress, NewOrderLine};
use pyo3::prelude::*;

use crate::convert::{from_json, from_str_value};
use crate::engine::Engine;
use crate::error::to_pyerr;
use crate::shape::Shape;

#[pymethods]
impl Engine {
    /// `import_payloads(channel, payloads, SkuMap, progress)` → `[ImportResult]`.
    ///
    /// The SKU map knows every catalog item plus `mappings`. `progress`, when
    /// given, is called live with `(payloads_done, payloads_total,
    /// orders_done)`: the GIL is taken back for each call only. If it raises,
    /// it is not called again, the import still finishes (each order is its
    /// own transaction, so stopping halfway would hide what was imported) and
    /// its exception is raised at the end.
    #[pyo3(signature = (shape, channel, payloads, mappings, progress=None))]
    fn import_payloads(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        channel: String,
        payloads: Vec<Vec<u8>>,
        mappings: String,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let mut failed: Option<PyErr> = None;
        let out = self.plain(py, |lw| {
            let channel: Channel = from_str_value("channel", channel)?;
            let extra: SkuMappings = from_json("sku_map", &mappings)?;
            let mut map = SkuMap::from_items(&lw.items()?);
            extra.apply(channel, &mut map);
            let mut report = |p: ImportProgress| {
                let Some(cb) = &progress else { return };
                if failed.is_some() {
                    return;
                }
                Python::attach(|py| {
                    let args = (p.payloads_done, p.payloads_total, p.orders_done);
                    if let Err(e) = cb.call1(py, args) {
                        failed = Some(e);
                    }
                });
            };
            Ok(lw.import_payloads(channel, &payloads, &map, &mut report))
        })?;
        match failed {
            Some(e) => Err(e),
            None => shape.get().build(py, &out),
        }
    }

    /// `channel_order(order_id)` → the stored `ChannelOrder` or `null`.
    fn channel_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        order_id: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| lw.channel_order(&order_id))
    }

    /// `resolve_order(id, lines)` → `SalesOrder`; `lines` is the JSON of
    /// `[NewOrderLine]` or `null` to keep the order's lines.
    fn resolve_order(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, Shape>,
        id: String,
        lines: String,
    ) -> PyResult<Py<PyAny>> {
        self.typed(py, shape, move |lw| {
            let lines: Option<Vec<NewOrderLine>> = from_json("lines", &lines)?;
            lw.resolve_order(&id, lines)
        })
    }
}

/// Whether a Shopify webhook delivery is authentic: its
/// `X-Shopify-Hmac-Sha256` header (any case) is the HMAC of `body` under
/// `secret`. An empty secret is a set-up mistake, so it raises `invalid_input`.
#[pyfunction]
pub fn verify_shopify_webhook(
    py: Python<'_>,
    secret: Vec<u8>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> PyResult<bool> {
    if secret.is_empty() {
        let e = lotwise::Error::InvalidInput {
            field: "secret".into(),
            value: String::new(),
            reason: "no webhook secret is configured".into(),
        };
        return Err(to_pyerr(py, &e));
    }
    let pairs = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    Ok(hmac::verify_shopify_webhook(&secret, pairs, &body).is_ok())
}
