//! The baseline of workload 6: the least SQL the same transactions need in
//! lotwise's own tables — insert the order and queue its event; lock the
//! order and the SKU, read the SKU's balances and how much is reserved
//! (counted by the server), insert the reservation, update the order, queue
//! the event — with prepared statements, one round trip each: 13 per order
//! in two transactions, 9 in one. It shows what this machine can do at all
//! for the workload; the ratio shows what lotwise costs on top.

use super::{now_ns, BResult, Done, SKUS};

/// A baseline worker: the same orders in hand-written SQL.
pub(super) fn worker(url: &str, worker: u64, orders: u64, one_command: bool) -> BResult<Done> {
    let mut c = postgres::Client::connect(url, postgres::NoTls)?;
    let mut prep = |sql: &str| c.prepare(sql);
    let next_order = prep("SELECT nextval('lotwise_id_order')")?;
    let next_reservation = prep("SELECT nextval('lotwise_id_reservation')")?;
    let insert_order = prep(
        "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
         VALUES ($1, 'placed', 'raw', $2, $3, $4)",
    )?;
    let lock_order = prep("SELECT data FROM orders WHERE id = $1 FOR UPDATE")?;
    let lock_sku = prep("SELECT pg_advisory_xact_lock(hashtext($1))")?;
    let balances = prep("SELECT lot, location, qty FROM balances WHERE sku = $1")?;
    let reserved = prep("SELECT count(*) FROM reservations WHERE sku = $1")?;
    let insert_reservation = prep(
        "INSERT INTO reservations (id, sku, demand_kind, demand_ref, demand_line, data)
         VALUES ($1, $2, 'order_line', $3, 1, $4)",
    )?;
    let update_order = prep("UPDATE orders SET status = 'ready_to_ship', data = $2 WHERE id = $1")?;
    let insert_confirmed = prep(
        "INSERT INTO orders (id, status, channel, external_ref, placed_at, data)
         VALUES ($1, 'ready_to_ship', 'raw', $2, $3, $4)",
    )?;
    let start = now_ns();
    let mut confirmed = 0u64;
    for n in 0..orders {
        let sku = SKUS[(n % 4) as usize];
        let external = format!("R{worker}-{n}");
        let placed_at = "2026-03-02T09:00:00.000000000Z";
        if one_command {
            // One transaction: the order goes in already confirmed.
            c.batch_execute("BEGIN")?;
            let number: i64 = c.query_one(&next_order, &[])?.get(0);
            let id = format!("SO-{number:06}");
            read_stock(&mut c, [&lock_sku, &balances, &reserved], sku)?;
            let rid: i64 = c.query_one(&next_reservation, &[])?.get(0);
            let data = order_json(&id, &external, sku, "ready_to_ship");
            c.execute(&insert_confirmed, &[&id, &external, &placed_at, &data])?;
            c.execute(
                &insert_reservation,
                &[&rid, &sku, &id, &reservation_json(rid, sku, &id)],
            )?;
            commit_with_event(&mut c, "order_confirmed", &id)?;
            confirmed += 1;
            continue;
        }
        c.batch_execute("BEGIN")?;
        let number: i64 = c.query_one(&next_order, &[])?.get(0);
        let id = format!("SO-{number:06}");
        let data = order_json(&id, &external, sku, "placed");
        c.execute(&insert_order, &[&id, &external, &placed_at, &data])?;
        commit_with_event(&mut c, "order_placed", &id)?;

        c.batch_execute("BEGIN")?;
        c.query_one(&lock_order, &[&id])?;
        read_stock(&mut c, [&lock_sku, &balances, &reserved], sku)?;
        let rid: i64 = c.query_one(&next_reservation, &[])?.get(0);
        c.execute(
            &insert_reservation,
            &[&rid, &sku, &id, &reservation_json(rid, sku, &id)],
        )?;
        c.execute(
            &update_order,
            &[&id, &order_json(&id, &external, sku, "ready_to_ship")],
        )?;
        commit_with_event(&mut c, "order_confirmed", &id)?;
        confirmed += 1;
    }
    Ok((start, now_ns(), confirmed))
}

/// Locks the SKU and reads its balances and how much of it is reserved
/// (`lock`, `balances`, `reserved`), as confirming does; running out is an
/// error, since the workload's stock never should.
fn read_stock(
    c: &mut postgres::Client,
    [lock, balances, reserved]: [&postgres::Statement; 3],
    sku: &str,
) -> BResult<()> {
    c.execute(lock, &[&sku])?;
    let on_hand = c.query(balances, &[&sku])?;
    let held: i64 = c.query_one(reserved, &[&sku])?.get(0);
    if on_hand.is_empty() || held >= 1_000_000 {
        return Err("the baseline ran out of stock".into());
    }
    Ok(())
}

/// A reservation record the size of lotwise's.
fn reservation_json(rid: i64, sku: &str, order: &str) -> String {
    format!(
        r#"{{"id":{rid},"sku":"{sku}","lot":"{sku}-R0001","location":"MAIN","qty":"1","demand":{{"order_line":{{"order":"{order}","line":1}}}}}}"#
    )
}

/// An order record the size of lotwise's.
fn order_json(id: &str, external: &str, sku: &str, status: &str) -> String {
    format!(
        r#"{{"id":"{id}","channel":"raw","external_ref":"{external}","customer":{{"name":"Bench Customer","email":"bench@example.com"}},"ship_to":null,"lines":[{{"line":1,"sku":"{sku}","qty":"1 pcs","unit_price":"18.00 USD","requested_date":null,"promised_date":null,"lot":null,"min_remaining_shelf_life_days":null,"shipped":"0"}}],"tags":[],"notes":null,"attention":[],"status":"{status}","placed_at":"2026-03-02T09:00:00Z","confirmed_at":null,"cancelled_at":null}}"#
    )
}

/// Queues the event and commits, one round trip, as lotwise does (readers
/// number queued events).
fn commit_with_event(c: &mut postgres::Client, kind: &str, subject: &str) -> BResult<()> {
    c.batch_execute(&format!(
        "INSERT INTO lotwise_event_queue (data) VALUES ('{{\"seq\":1,\"at\":\"2026-03-02T09:00:00Z\",\
         \"kind\":\"{kind}\",\"subject\":\"{subject}\",\"data\":{{}}}}'); COMMIT"
    ))?;
    Ok(())
}
