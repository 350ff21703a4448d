//! Shopify: the REST order resource that the `orders/create`,
//! `orders/updated` and `orders/cancelled` webhooks deliver (API 2026-07).
//!
//! All three topics carry the full order, so one parser serves them; a
//! cancellation shows as `cancelled_at`. Verify the delivery with
//! [`super::hmac::verify_shopify_webhook`] before parsing.
//!
//! How the payload becomes a [`ChannelOrder`]:
//! * ids are JSON integers up to 64 bits (or digit strings) and are kept
//!   exactly; the order `id` is the external id, `name` (`#1041`) the
//!   display ref;
//! * money is a decimal string in the **shop** currency (`currency`); the
//!   `*_set.presentment_money` amounts are kept beside it when the buyer paid
//!   in another currency. A JSON number where money belongs is refused;
//! * timestamps carry the shop's offset and are converted to UTC;
//! * a line's quantity in `new_order` is `quantity`, what was ordered; of it,
//!   what Shopify no longer expects lotwise to ship is `fulfilled_outside`:
//!   refunded or removed units (`quantity` − `current_quantity`), units
//!   fulfilled on Shopify (`current_quantity` − `fulfillable_quantity`, or
//!   what `fulfillments` shipped), and every unit of a line that needs no
//!   shipping (`requires_shipping: false`), whose order then has no ship-to;
//! * per-line discounts come from `discount_allocations`, not
//!   `total_discount` (which Shopify leaves at 0.00);
//! * `tags` is one comma-separated string, split and trimmed;
//! * the customer may be null (POS, guest checkout): the name then comes
//!   from the shipping or billing address, else the e-mail; a point-of-sale
//!   order (`source_name: "pos"`) naming nobody is a walk-in sale
//!   ([`WALK_IN`]); any other is a placeholder that flags the order.

use rust_decimal::Decimal;

use super::json::{self, invalid, Obj};
use super::{
    check_unique_line_ids, limits, map_lines, ships_nothing, AddressParts, Cancellation, Channel,
    ChannelLine, ChannelOrder, ChannelShipment, Fulfillment, FulfillmentStatus, LineMapping,
    OrderTotals, Property, ShippingLine, SkuMap,
};
use crate::domain::money::Money;
use crate::domain::order::{Address, Customer, NewOrder};
use crate::error::Result;

const CH: Channel = Channel::Shopify;

/// The customer of a point-of-sale order that names nobody.
pub const WALK_IN: &str = "Walk-in customer";

/// The webhook topics this importer reads (the `X-Shopify-Topic` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// `orders/create`.
    OrdersCreate,
    /// `orders/updated`; Shopify also sends it right after `orders/create`.
    OrdersUpdated,
    /// `orders/cancelled`.
    OrdersCancelled,
}

impl Topic {
    /// The topic named by an `X-Shopify-Topic` header, if it is an order topic.
    pub fn from_header(value: &str) -> Option<Topic> {
        match value.trim() {
            "orders/create" => Some(Topic::OrdersCreate),
            "orders/updated" => Some(Topic::OrdersUpdated),
            "orders/cancelled" => Some(Topic::OrdersCancelled),
            _ => None,
        }
    }

    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::OrdersCreate => "orders/create",
            Topic::OrdersUpdated => "orders/updated",
            Topic::OrdersCancelled => "orders/cancelled",
        }
    }
}

/// Parses one order webhook body (any of the three topics).
pub fn parse_order(body: &[u8], map: &SkuMap) -> Result<ChannelOrder> {
    let value = json::parse_body(CH, body)?;
    order_from(&Obj::root(CH, &value)?, map)
}

fn order_from(o: &Obj<'_>, map: &SkuMap) -> Result<ChannelOrder> {
    let id = o.req_id("id")?;
    let external_id = id.to_string();
    let currency = o
        .currency("currency")?
        .ok_or_else(|| o.err("currency", "missing"))?;
    let presentment = o
        .currency("presentment_currency")?
        .filter(|c| *c != currency);
    let display_ref = match o.text("name", limits::MAX_CODE_CHARS)? {
        Some(name) => name,
        None => format!("#{}", o.id("order_number")?.unwrap_or(id)),
    };
    let cancellation = match o.iso_time("cancelled_at")? {
        Some(at) => Some(Cancellation {
            at: Some(at),
            reason: o.text("cancel_reason", limits::MAX_CODE_CHARS)?,
        }),
        None => None,
    };

    let raw_lines = o.objs("line_items", true, limits::MAX_LINES)?;
    if raw_lines.is_empty() {
        return Err(o.err("line_items", "an order needs at least one line item"));
    }
    let mut lines = raw_lines
        .iter()
        .map(|l| line_from(l, &currency, presentment.as_deref()))
        .collect::<Result<Vec<_>>>()?;
    check_unique_line_ids(CH, &lines, "id")?;
    // Without `fulfillable_quantity`, what the fulfillments shipped says
    // what is left.
    let fulfilled = fulfilled_per_line(o)?;
    for line in lines.iter_mut() {
        if line.fulfillable_quantity.is_none() {
            if let Some(done) = fulfilled.get(&line.external_id) {
                line.fulfillable_quantity = Some((line.current_quantity - done).max(Decimal::ZERO));
            }
        }
    }

    let (customer, customer_is_placeholder) = customer_from(o, &external_id)?;
    let ship_to = match o.obj("shipping_address")? {
        // Goods that need no shipping go nowhere.
        _ if ships_nothing(&lines) => None,
        Some(a) => address_from(&a)?.map(|mut addr| {
            if addr.name.is_empty() {
                addr.name = customer.name.clone();
            }
            addr
        }),
        None => None,
    };
    let order_lines = map_lines(CH, &mut lines, map, cancellation.is_some());

    Ok(ChannelOrder {
        channel: CH,
        external_id: external_id.clone(),
        display_ref,
        new_order: NewOrder {
            channel: CH.as_str().into(),
            external_ref: Some(external_id),
            customer,
            ship_to,
            lines: order_lines,
            tags: tags_from(o)?,
            notes: o.text("note", limits::MAX_TEXT_CHARS)?,
        },
        lines,
        created_at: o.iso_time("created_at")?,
        updated_at: o.iso_time("updated_at")?,
        cancellation,
        channel_status: o
            .text("financial_status", limits::MAX_CODE_CHARS)?
            .map(|s| s.to_lowercase()),
        fulfillment: fulfillment_from(o)?,
        totals: totals_from(o, "shop_money", &currency, true)?,
        presentment_totals: match &presentment {
            Some(pc) => totals_from(o, "presentment_money", pc, false)?,
            None => None,
        },
        shipping_lines: shipping_lines_from(o, &currency, presentment.as_deref())?,
        presentment_currency: presentment,
        currency,
        gift: None,
        attributes: properties_from(o, "note_attributes")?,
        customer_is_placeholder,
        test: o.bool("test")?.unwrap_or(false),
    })
}

fn line_from(l: &Obj<'_>, currency: &str, presentment: Option<&str>) -> Result<ChannelLine> {
    let id = l.req_id("id")?;
    let quantity = l
        .count("quantity")?
        .ok_or_else(|| l.err("quantity", "missing"))?;
    if quantity.is_zero() {
        return Err(l.err("quantity", "must be at least 1"));
    }
    let title = match l.text("title", limits::MAX_FIELD_CHARS)? {
        Some(t) => t,
        None => l.req_text("name", limits::MAX_FIELD_CHARS)?,
    };
    let price = l
        .money_str("price")?
        .ok_or_else(|| l.err("price", "missing"))?;
    // The flat price is in shop money; the set must agree on the currency.
    set_amount(l, "price_set", "shop_money", currency)?;
    let presentment_unit_price = match presentment {
        Some(pc) => {
            set_amount(l, "price_set", "presentment_money", pc)?.map(|amount| money(amount, pc))
        }
        None => None,
    };
    let mut discount: Option<Decimal> = None;
    for a in l.objs("discount_allocations", false, limits::MAX_LIST)? {
        let amount = a
            .money_str("amount")?
            .ok_or_else(|| a.err("amount", "missing"))?;
        set_amount(&a, "amount_set", "shop_money", currency)?;
        let sum = discount.unwrap_or_default().checked_add(amount);
        discount =
            Some(sum.ok_or_else(|| a.err("amount", "the line's discounts add up to too much"))?);
    }
    Ok(ChannelLine {
        external_id: id.to_string(),
        source: l.path().to_string(),
        sku: l.text("sku", limits::MAX_CODE_CHARS)?,
        variant_id: l.id("variant_id")?,
        product_id: l.id("product_id")?,
        listing_id: None,
        variations: Vec::new(),
        title,
        variant_title: l.text("variant_title", limits::MAX_FIELD_CHARS)?,
        quantity,
        current_quantity: l.count("current_quantity")?.unwrap_or(quantity),
        fulfillable_quantity: l.count("fulfillable_quantity")?,
        unit_price: Some(money(price, currency)),
        presentment_unit_price,
        discount: discount.map(|d| money(d, currency)),
        properties: properties_from(l, "properties")?,
        requires_shipping: l.bool("requires_shipping")?.unwrap_or(true),
        ship_by: None,
        shipped_at: None,
        fulfilled_outside: Decimal::ZERO,
        mapping: LineMapping::Removed,
    })
}

/// Money whose currency code was already validated.
fn money(amount: Decimal, currency: &str) -> Money {
    Money {
        amount,
        currency: currency.to_string(),
    }
}

/// The amount of `o.<key>.<side>` (`shop_money` or `presentment_money`),
/// checking its currency; `None` when the set or side is absent.
fn set_amount(o: &Obj<'_>, key: &str, side: &str, currency: &str) -> Result<Option<Decimal>> {
    let Some(set) = o.obj(key)? else {
        return Ok(None);
    };
    let Some(m) = set.obj(side)? else {
        return Ok(None);
    };
    if let Some(code) = m.currency("currency_code")? {
        if code != currency {
            return Err(m.err(
                "currency_code",
                format!("expected {currency}, the order's currency here, got {code}"),
            ));
        }
    }
    m.money_str("amount")
}

/// Order totals from the flat fields (shop money) or from the `*_set`
/// fields' `side`. `None` unless all five are there.
fn totals_from(o: &Obj<'_>, side: &str, currency: &str, flat: bool) -> Result<Option<OrderTotals>> {
    let read = |key: &str| -> Result<Option<Decimal>> {
        let from_set = set_amount(o, &format!("{key}_set"), side, currency)?;
        if flat {
            Ok(o.money_str(key)?.or(from_set))
        } else {
            Ok(from_set)
        }
    };
    let items = read("total_line_items_price")?;
    let discounts = read("total_discounts")?;
    // Shopify has no flat shipping total: only the set.
    let shipping = set_amount(o, "total_shipping_price_set", side, currency)?;
    let tax = read("total_tax")?;
    let total = read("total_price")?;
    Ok(match (items, discounts, shipping, tax, total) {
        (Some(items), Some(discounts), Some(shipping), Some(tax), Some(total)) => {
            Some(OrderTotals {
                items: money(items, currency),
                discounts: money(discounts, currency),
                shipping: money(shipping, currency),
                tax: money(tax, currency),
                total: money(total, currency),
            })
        }
        _ => None,
    })
}

fn shipping_lines_from(
    o: &Obj<'_>,
    currency: &str,
    presentment: Option<&str>,
) -> Result<Vec<ShippingLine>> {
    o.objs("shipping_lines", false, limits::MAX_LIST)?
        .iter()
        .map(|s| {
            let price = s
                .money_str("price")?
                .ok_or_else(|| s.err("price", "missing"))?;
            set_amount(s, "price_set", "shop_money", currency)?;
            let presentment_price = match presentment {
                Some(pc) => {
                    set_amount(s, "price_set", "presentment_money", pc)?.map(|a| money(a, pc))
                }
                None => None,
            };
            Ok(ShippingLine {
                title: s
                    .text("title", limits::MAX_FIELD_CHARS)?
                    .unwrap_or_default(),
                code: s.text("code", limits::MAX_FIELD_CHARS)?,
                price: money(price, currency),
                presentment_price,
            })
        })
        .collect()
}

/// `[{name, value}]` pairs; values may be any scalar.
fn properties_from(o: &Obj<'_>, key: &str) -> Result<Vec<Property>> {
    o.objs(key, false, limits::MAX_LIST)?
        .iter()
        .map(|p| {
            Ok(Property {
                name: p
                    .scalar_text("name", limits::MAX_FIELD_CHARS)?
                    .unwrap_or_default(),
                value: p
                    .scalar_text("value", limits::MAX_FIELD_CHARS)?
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Tags: one comma-separated string; a tag may contain spaces.
fn tags_from(o: &Obj<'_>) -> Result<Vec<String>> {
    let Some(raw) = o.str("tags", limits::MAX_TEXT_CHARS)? else {
        return Ok(Vec::new());
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        json::check_len(tag, limits::MAX_CODE_CHARS)
            .map_err(|r| o.err("tags", format!("a tag is {r}")))?;
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > limits::MAX_LIST {
        return Err(o.err("tags", format!("more than {} tags", limits::MAX_LIST)));
    }
    Ok(tags)
}

/// "First Last" from an object with `first_name` / `last_name`.
fn full_name(o: &Obj<'_>) -> Result<Option<String>> {
    let first = o.text("first_name", limits::MAX_NAME_CHARS)?;
    let last = o.text("last_name", limits::MAX_NAME_CHARS)?;
    let name = match (first, last) {
        (Some(f), Some(l)) => format!("{f} {l}"),
        (Some(n), None) | (None, Some(n)) => n,
        (None, None) => return Ok(None),
    };
    json::check_len(&name, limits::MAX_NAME_CHARS)
        .map_err(|r| invalid(CH, o.path(), format!("the name is {r}")))?;
    Ok(Some(name))
}

/// The name on an address: `name`, else first and last name.
fn address_name(a: &Obj<'_>) -> Result<Option<String>> {
    match a.text("name", limits::MAX_NAME_CHARS)? {
        Some(n) => Ok(Some(n)),
        None => full_name(a),
    }
}

/// The customer, and whether the name is a placeholder.
fn customer_from(o: &Obj<'_>, external_id: &str) -> Result<(Customer, bool)> {
    let mut name = None;
    let mut email = None;
    let mut customer_id = None;
    let mut phone = None;
    if let Some(c) = o.obj("customer")? {
        name = full_name(&c)?;
        email = c.text("email", limits::MAX_FIELD_CHARS)?;
        customer_id = c.id("id")?.map(|id| id.to_string());
        phone = c.text("phone", limits::MAX_NAME_CHARS)?;
    }
    if phone.is_none() {
        phone = o.text("phone", limits::MAX_NAME_CHARS)?;
    }
    for key in ["shipping_address", "billing_address"] {
        if name.is_some() {
            break;
        }
        if let Some(a) = o.obj(key)? {
            name = address_name(&a)?;
        }
    }
    for key in ["email", "contact_email"] {
        if email.is_none() {
            email = o.text(key, limits::MAX_FIELD_CHARS)?;
        }
    }
    if let Some(e) = &email {
        json::check_len(e, limits::MAX_NAME_CHARS)
            .map_err(|r| o.err("email", format!("the e-mail is {r}")))?;
    }
    // A point-of-sale sale to nobody in particular is a walk-in sale, not
    // a problem for a person to resolve.
    let pos = o.text("source_name", limits::MAX_CODE_CHARS)?.as_deref() == Some("pos");
    Ok(match name.or_else(|| email.clone()) {
        Some(name) => (
            Customer {
                name,
                email,
                external_id: customer_id,
                phone,
                ..Default::default()
            },
            false,
        ),
        None if pos => (
            Customer {
                name: WALK_IN.into(),
                email: None,
                ..Default::default()
            },
            false,
        ),
        None => (
            Customer {
                name: format!("Unknown Shopify customer (order {external_id})"),
                email: None,
                ..Default::default()
            },
            true,
        ),
    })
}

/// An address; `None` when it has no content at all.
fn address_from(a: &Obj<'_>) -> Result<Option<Address>> {
    let name = address_name(a)?;
    let line1 = a.text("address1", limits::MAX_FIELD_CHARS)?;
    let line2 = a.text("address2", limits::MAX_FIELD_CHARS)?;
    let city = a.text("city", limits::MAX_FIELD_CHARS)?;
    let region = match a.text("province_code", limits::MAX_FIELD_CHARS)? {
        Some(code) => Some(code),
        None => a.text("province", limits::MAX_FIELD_CHARS)?,
    };
    let postal_code = a.text("zip", limits::MAX_FIELD_CHARS)?;
    let country = a.text("country_code", limits::MAX_FIELD_CHARS)?;
    Ok(AddressParts {
        name,
        line1,
        line2,
        city,
        region,
        postal_code,
        country,
    }
    .into_address())
}

/// Units shipped per line id over the order's fulfillments (cancelled or
/// failed ones left out).
fn fulfilled_per_line(o: &Obj<'_>) -> Result<std::collections::BTreeMap<String, Decimal>> {
    let mut out = std::collections::BTreeMap::new();
    for f in o.objs("fulfillments", false, limits::MAX_LIST)? {
        let status = f.text("status", limits::MAX_CODE_CHARS)?;
        if matches!(status.as_deref(), Some("cancelled" | "error" | "failure")) {
            continue;
        }
        for l in f.objs("line_items", false, limits::MAX_LINES)? {
            let Some(id) = l.id("id")? else { continue };
            let qty = l.count("quantity")?.unwrap_or_default();
            let entry: &mut Decimal = out.entry(id.to_string()).or_default();
            *entry = entry.saturating_add(qty);
        }
    }
    Ok(out)
}

fn fulfillment_from(o: &Obj<'_>) -> Result<Fulfillment> {
    let status = match o
        .text("fulfillment_status", limits::MAX_CODE_CHARS)?
        .as_deref()
    {
        Some("fulfilled") => FulfillmentStatus::Fulfilled,
        Some("partial") => FulfillmentStatus::Partial,
        // null, `restocked` or a word Shopify adds later: nothing is out.
        _ => FulfillmentStatus::Unfulfilled,
    };
    let shipments = o
        .objs("fulfillments", false, limits::MAX_LIST)?
        .iter()
        .map(|f| {
            Ok(ChannelShipment {
                carrier: f.text("tracking_company", limits::MAX_FIELD_CHARS)?,
                tracking: f.text("tracking_number", limits::MAX_FIELD_CHARS)?,
                at: f.iso_time("created_at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Fulfillment { status, shipments })
}
