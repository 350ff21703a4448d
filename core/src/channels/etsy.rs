//! Etsy: a `ShopReceipt` (from `getShopReceipt`) or a page of them (from
//! `getShopReceipts`: `{count, results}`).
//!
//! How a receipt becomes a [`ChannelOrder`]:
//! * money is `{amount, divisor, currency_code}` and is exactly
//!   amount / divisor (no divisor is assumed); every amount must be in the
//!   receipt's currency. `buyer_coupon`/`shop_coupon` are floats in major
//!   units and are not read: `discount_amt` is the discount;
//! * `transactions[].price` is the unit price; `quantity` a whole number;
//! * timestamps are epoch seconds (UTC); `expected_ship_date` becomes the
//!   line's `ship_by` and `requested_date` as a UTC date — the only date the
//!   buyer was given;
//! * `status` is compared without regard to case (the API answers
//!   `"Canceled"` where the spec says `canceled`); `canceled` cancels;
//! * names, addresses, titles and messages hold HTML entities (`&#39;`,
//!   `&amp;`), decoded here;
//! * `name` is the ship-to name — the recipient on a gift. The customer is
//!   the buyer: on a gift, `gift_sender`, else the buyer's e-mail; otherwise
//!   `name`; else a placeholder that flags the order;
//! * personalization (variation property 54, `value_id` null) is kept on the
//!   line as properties and never used to identify the item;
//! * what Etsy already shipped (`is_shipped` on the receipt, or a
//!   transaction's `shipped_timestamp`) and digital goods (`is_digital`) are
//!   `fulfilled_outside` on their lines: no demand for lotwise; a receipt
//!   of digital goods only has no ship-to.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::json::{self, Obj};
use super::{
    check_unique_line_ids, limits, map_lines, ships_nothing, AddressParts, Cancellation, Channel,
    ChannelLine, ChannelOrder, ChannelShipment, Fulfillment, FulfillmentStatus, Gift, LineMapping,
    OrderTotals, Property, SkuMap, Variation,
};
use crate::domain::money::Money;
use crate::domain::order::{Address, Customer, NewOrder};
use crate::error::Result;

const CH: Channel = Channel::Etsy;

/// A page of receipts. Each receipt is parsed on its own, so one malformed
/// receipt does not hold back the others.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptPage {
    /// Etsy's `count`: receipts matching the query across all pages.
    pub count: u64,
    /// One result per entry of `results`, in page order.
    pub orders: Vec<Result<ChannelOrder>>,
}

/// Parses a bare `ShopReceipt` (the `getShopReceipt` response).
pub fn parse_receipt(body: &[u8], map: &SkuMap) -> Result<ChannelOrder> {
    let value = json::parse_body(CH, body)?;
    receipt_from(&Obj::root(CH, &value)?, map)
}

/// Parses a `getShopReceipts` page. The page itself must be well formed
/// (`count` and `results`); receipts in it succeed or fail one by one.
pub fn parse_receipts_page(body: &[u8], map: &SkuMap) -> Result<ReceiptPage> {
    let value = json::parse_body(CH, body)?;
    let root = Obj::root(CH, &value)?;
    let count = root
        .uint("count", u64::MAX)?
        .ok_or_else(|| root.err("count", "missing"))?;
    let results = root.objs("results", true, limits::MAX_PAGE_RECEIPTS)?;
    let orders = results.iter().map(|r| receipt_from(r, map)).collect();
    Ok(ReceiptPage { count, orders })
}

/// Decodes HTML entities, as Etsy sends `O&#39;Quinlan` and `Oat &amp; Honey`.
fn unescape(s: String) -> String {
    match html_escape::decode_html_entities(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(decoded) => decoded,
    }
}

/// A decoded, trimmed text field; `None` when missing, null or blank.
fn text(o: &Obj<'_>, key: &str, max: usize) -> Result<Option<String>> {
    Ok(o.text(key, max)?
        .map(unescape)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()))
}

/// An Etsy Money object, exactly amount / divisor, in `currency`.
fn money(o: &Obj<'_>, key: &str, currency: &str) -> Result<Option<Money>> {
    let Some(m) = o.obj(key)? else {
        return Ok(None);
    };
    let amount = m
        .uint("amount", i64::MAX as u64)?
        .ok_or_else(|| m.err("amount", "missing"))?;
    let divisor = m
        .uint("divisor", 1_000_000_000_000)?
        .ok_or_else(|| m.err("divisor", "missing"))?;
    if divisor == 0 {
        return Err(m.err("divisor", "must not be 0"));
    }
    let code = m
        .currency("currency_code")?
        .ok_or_else(|| m.err("currency_code", "missing"))?;
    if code != currency {
        return Err(m.err(
            "currency_code",
            format!("expected {currency}, the receipt's currency, got {code}"),
        ));
    }
    Ok(Some(Money {
        amount: exact_ratio(amount, divisor).ok_or_else(|| {
            m.err(
                "divisor",
                format!("{amount}/{divisor} is not an exact decimal amount"),
            )
        })?,
        currency: code,
    }))
}

/// amount / divisor as an exact decimal, or `None` when it has no finite
/// decimal form (the reduced divisor has a prime factor other than 2 and 5).
/// A power-of-ten divisor keeps the scale: 2400/100 is 24.00.
fn exact_ratio(amount: u64, divisor: u64) -> Option<Decimal> {
    let (mut d, mut scale) = (divisor, 0u32);
    while d % 10 == 0 {
        d /= 10;
        scale += 1;
    }
    if d == 1 {
        return Decimal::try_from_i128_with_scale(i128::from(amount), scale).ok();
    }
    let g = gcd(amount, divisor);
    let (n, d) = (amount / g, divisor / g);
    let (mut rest, mut twos, mut fives) = (d, 0u32, 0u32);
    while rest % 2 == 0 {
        rest /= 2;
        twos += 1;
    }
    while rest % 5 == 0 {
        rest /= 5;
        fives += 1;
    }
    if rest != 1 {
        return None;
    }
    // n/d = n·(10^k/d) / 10^k, with 10^k/d whole once k covers both factors.
    let k = twos.max(fives);
    let factor = 10u128.checked_pow(k)? / u128::from(d);
    let mantissa = i128::try_from(u128::from(n).checked_mul(factor)?).ok()?;
    Decimal::try_from_i128_with_scale(mantissa, k).ok()
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn receipt_from(r: &Obj<'_>, map: &SkuMap) -> Result<ChannelOrder> {
    let id = r.req_id("receipt_id")?;
    let external_id = id.to_string();
    let currency = r
        .obj("grandtotal")?
        .ok_or_else(|| r.err("grandtotal", "missing"))?
        .currency("currency_code")?
        .ok_or_else(|| r.err("grandtotal.currency_code", "missing"))?;
    let status = r
        .text("status", limits::MAX_CODE_CHARS)?
        .map(|s| s.to_lowercase());
    let cancellation = (status.as_deref() == Some("canceled")).then_some(Cancellation {
        at: None,
        reason: None,
    });
    let created_at = time(r, "created_timestamp", "create_timestamp")?;
    let updated_at = time(r, "updated_timestamp", "update_timestamp")?;

    let raw = r.objs("transactions", true, limits::MAX_LINES)?;
    if raw.is_empty() {
        return Err(r.err("transactions", "a receipt needs at least one transaction"));
    }
    let mut lines = raw
        .iter()
        .map(|t| line_from(t, &currency))
        .collect::<Result<Vec<_>>>()?;
    check_unique_line_ids(CH, &lines, "transaction_id")?;

    let is_gift = r.bool("is_gift")?.unwrap_or(false);
    let gift = if is_gift {
        Some(Gift {
            message: text(r, "gift_message", limits::MAX_TEXT_CHARS)?,
            sender: text(r, "gift_sender", limits::MAX_NAME_CHARS)?,
        })
    } else {
        None
    };
    let ship_name = text(r, "name", limits::MAX_NAME_CHARS)?;
    let email = r.text("buyer_email", limits::MAX_NAME_CHARS)?;
    // `name` is whoever the parcel goes to; on a gift that is not the buyer.
    let buyer_name = match &gift {
        Some(g) => g.sender.clone(),
        None => ship_name.clone(),
    };
    let buyer_id = r.id("buyer_user_id")?.map(|id| id.to_string());
    let (customer, customer_is_placeholder) = match buyer_name.or_else(|| email.clone()) {
        Some(name) => (
            Customer {
                name,
                email,
                external_id: buyer_id,
                ..Default::default()
            },
            false,
        ),
        None => (
            Customer {
                name: format!("Unknown Etsy buyer (receipt {external_id})"),
                email: None,
                ..Default::default()
            },
            true,
        ),
    };
    // Digital goods go nowhere: no ship-to, even when Etsy fills in the
    // buyer's country.
    let ship_to = if ships_nothing(&lines) {
        None
    } else {
        address_from(r, ship_name)?
    };
    let is_shipped = r.bool("is_shipped")?.unwrap_or(false);
    // What Etsy shipped is not lotwise's to ship.
    for line in lines.iter_mut() {
        if is_shipped || line.shipped_at.is_some() {
            line.fulfillable_quantity = Some(Decimal::ZERO);
        }
    }
    let order_lines = map_lines(CH, &mut lines, map, cancellation.is_some());
    let fulfillment = Fulfillment {
        status: if is_shipped {
            FulfillmentStatus::Fulfilled
        } else if lines.iter().any(|l| l.shipped_at.is_some()) {
            FulfillmentStatus::Partial
        } else {
            FulfillmentStatus::Unfulfilled
        },
        shipments: r
            .objs("shipments", false, limits::MAX_LIST)?
            .iter()
            .map(|s| {
                Ok(ChannelShipment {
                    carrier: s.text("carrier_name", limits::MAX_FIELD_CHARS)?,
                    tracking: s.text("tracking_code", limits::MAX_FIELD_CHARS)?,
                    at: s.epoch("shipment_notification_timestamp")?,
                })
            })
            .collect::<Result<Vec<_>>>()?,
    };

    Ok(ChannelOrder {
        channel: CH,
        external_id: external_id.clone(),
        display_ref: external_id.clone(),
        new_order: NewOrder {
            channel: CH.as_str().into(),
            external_ref: Some(external_id),
            customer,
            ship_to,
            lines: order_lines,
            tags: Vec::new(),
            notes: text(r, "message_from_buyer", limits::MAX_TEXT_CHARS)?,
        },
        lines,
        created_at,
        updated_at,
        cancellation,
        channel_status: status,
        fulfillment,
        totals: totals_from(r, &currency)?,
        presentment_totals: None,
        shipping_lines: Vec::new(),
        gift,
        currency,
        presentment_currency: None,
        attributes: Vec::new(),
        customer_is_placeholder,
        test: false,
    })
}

/// An epoch timestamp from `key`, else its duplicate `alt`.
fn time(o: &Obj<'_>, key: &str, alt: &str) -> Result<Option<DateTime<Utc>>> {
    match o.epoch(key)? {
        Some(t) => Ok(Some(t)),
        None => o.epoch(alt),
    }
}

fn totals_from(r: &Obj<'_>, currency: &str) -> Result<Option<OrderTotals>> {
    let items = money(r, "total_price", currency)?;
    let discounts = money(r, "discount_amt", currency)?;
    let shipping = money(r, "total_shipping_cost", currency)?;
    let tax = money(r, "total_tax_cost", currency)?;
    let total = money(r, "grandtotal", currency)?;
    Ok(match (items, discounts, shipping, tax, total) {
        (Some(items), Some(discounts), Some(shipping), Some(tax), Some(total)) => {
            Some(OrderTotals {
                items,
                discounts,
                shipping,
                tax,
                total,
            })
        }
        _ => None,
    })
}

fn line_from(t: &Obj<'_>, currency: &str) -> Result<ChannelLine> {
    let id = t.req_id("transaction_id")?;
    let quantity = t
        .count("quantity")?
        .ok_or_else(|| t.err("quantity", "missing"))?;
    if quantity.is_zero() {
        return Err(t.err("quantity", "must be at least 1"));
    }
    let title = text(t, "title", limits::MAX_FIELD_CHARS)?
        .ok_or_else(|| t.err("title", "missing or empty"))?;
    let unit_price = money(t, "price", currency)?.ok_or_else(|| t.err("price", "missing"))?;
    let variations = t
        .objs("variations", false, limits::MAX_LIST)?
        .iter()
        .map(|v| {
            Ok(Variation {
                property_id: v.id("property_id")?,
                value_id: v.id("value_id")?,
                name: text(v, "formatted_name", limits::MAX_FIELD_CHARS)?.unwrap_or_default(),
                value: text(v, "formatted_value", limits::MAX_FIELD_CHARS)?.unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let properties = variations
        .iter()
        .filter(|v| v.is_personalization())
        .map(|v| Property {
            name: v.name.clone(),
            value: v.value.clone(),
        })
        .collect();
    let ship_by: Option<NaiveDate> = t.epoch("expected_ship_date")?.map(|d| d.date_naive());
    Ok(ChannelLine {
        external_id: id.to_string(),
        source: t.path().to_string(),
        sku: t.text("sku", limits::MAX_CODE_CHARS)?,
        variant_id: None,
        product_id: t.id("product_id")?,
        listing_id: t.id("listing_id")?,
        variations,
        title,
        variant_title: None,
        quantity,
        current_quantity: quantity,
        fulfillable_quantity: None,
        unit_price: Some(unit_price),
        presentment_unit_price: None,
        discount: None,
        properties,
        requires_shipping: !t.bool("is_digital")?.unwrap_or(false),
        ship_by,
        shipped_at: t.epoch("shipped_timestamp")?,
        fulfilled_outside: Decimal::ZERO,
        mapping: LineMapping::Removed,
    })
}

/// The ship-to address; `None` when Etsy withheld all of it.
fn address_from(r: &Obj<'_>, name: Option<String>) -> Result<Option<Address>> {
    let line1 = text(r, "first_line", limits::MAX_FIELD_CHARS)?;
    let line2 = text(r, "second_line", limits::MAX_FIELD_CHARS)?;
    let city = text(r, "city", limits::MAX_FIELD_CHARS)?;
    let region = text(r, "state", limits::MAX_FIELD_CHARS)?;
    let postal_code = text(r, "zip", limits::MAX_FIELD_CHARS)?;
    let country = r.text("country_iso", limits::MAX_CODE_CHARS)?;
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
