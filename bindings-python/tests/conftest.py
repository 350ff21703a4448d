"""Shared fixtures: a fixed-clock engine and the candle maker of the Rust tests."""

import datetime as dt
from pathlib import Path
from typing import Iterator

import pytest

import lotwise
from lotwise import FixedClock, Lotwise, NewRecipeInput

REPO = Path(__file__).resolve().parents[2]

WAX = "WAX-SOY"
OIL = "FO-LAVENDER"
WICK = "WICK-CD12"
JAR = "JAR-AMBER-8OZ"
CANDLE = "CANDLE-LAV-8OZ"

#: The instant every test starts at (the Rust tests' T0).
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def lw(clock: FixedClock) -> Iterator[Lotwise]:
    engine = lotwise.open(":memory:", clock=clock)
    yield engine
    # Every test leaves a consistent state behind, whatever it did.
    assert engine.check_invariants() == ()


def candle_catalog(lw: Lotwise) -> None:
    """The Rust tests' catalog: 12 candles from 2.4 kg wax (+2 % scrap),
    240 ml oil, 12 wicks and 12 jars."""
    lw.define_item(WAX, "Golden Wax 464 soy wax", "material", "kg", shelf_life_days=730)
    lw.define_item(OIL, "Lavender fragrance oil", "material", "ml", shelf_life_days=365)
    lw.define_item(WICK, "CD-12 cotton wick", "material", "pcs")
    lw.define_item(JAR, "Amber jar 8 oz", "packaging", "pcs")
    lw.define_item(CANDLE, "Lavender soy candle 8 oz", "product", "pcs", shelf_life_days=365)
    lw.define_recipe(
        CANDLE,
        "12 pcs",
        [
            NewRecipeInput(WAX, "2.4 kg", scrap_pct="2"),
            NewRecipeInput(OIL, "240 ml"),
            NewRecipeInput(WICK, "12 pcs"),
            NewRecipeInput(JAR, "12 pcs"),
        ],
    )


@pytest.fixture
def shop(lw: Lotwise) -> Lotwise:
    """The candle catalog with materials for two batches but only 6 jars."""
    candle_catalog(lw)
    lw.receive(WAX, "20 kg", lot="SW-A", expiry=dt.date(2027, 1, 31))
    lw.receive(OIL, "1 l", lot="FO-A")
    lw.receive(WICK, "100 pcs", lot="WICK-1")
    lw.receive(JAR, "6 pcs", lot="JAR-1")
    return lw
