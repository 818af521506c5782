"""Vectorized generators of the demo tables (numpy + pyarrow, no Python loops over rows).

The story the data tells, so that notebooks find real signal in it:

* users differ in activity (heavy-tailed: a few users make many requests) and in click
  propensity; some signed up during the impression window and only act after signing up;
* item popularity is Zipf-like and each item has a latent quality that moves its CTR;
* every request shows 4-12 items in positions 1..n; click probability decays with position;
* clicked impressions have a dwell time; some clicks turn into orders, cheaper items more often,
  minutes to hours after the click.

Every random draw comes from a generator seeded by (seed, table, chunk), so output depends only
on the seed and the size, never on the machine or on how many chunks ran before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .spec import EMBEDDING_DIM, SCHEMAS, TIMESTAMP_UTC, WINDOW_DAYS, WINDOW_END

US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400 * US_PER_SECOND
WINDOW_END_US = int(WINDOW_END.timestamp()) * US_PER_SECOND
WINDOW_START_US = WINDOW_END_US - WINDOW_DAYS * US_PER_DAY
SIGNUPS_START_US = WINDOW_END_US - 3 * 365 * US_PER_DAY
ITEMS_START_US = WINDOW_END_US - 4 * 365 * US_PER_DAY

COUNTRIES = ["US", "IN", "BR", "ID", "DE", "GB", "FR", "JP", "MX", "NG", "KR", "ES"]
COUNTRY_P = [0.24, 0.18, 0.1, 0.08, 0.07, 0.07, 0.06, 0.05, 0.05, 0.04, 0.03, 0.03]
LANG_BY_COUNTRY = ["en", "hi", "pt", "id", "de", "en", "fr", "ja", "es", "en", "ko", "es"]
DEVICES = ["android", "ios", "web", "tablet"]
DEVICE_P = [0.48, 0.32, 0.15, 0.05]
DEVICE_CTR = np.array([1.0, 1.15, 0.8, 0.9])
AGE_BUCKETS = ["18-24", "25-34", "35-44", "45-54", "55+", "unknown"]
AGE_P = [0.2, 0.32, 0.22, 0.12, 0.08, 0.06]
INTERESTS = [
    "sports", "fashion", "electronics", "home", "beauty", "gaming", "travel", "books",
    "music", "outdoors", "food", "kids", "pets", "auto", "finance", "health",
]  # fmt: skip
PLANS = ["free", "plus", "pro"]
PLAN_P = [0.75, 0.18, 0.07]
REFERRERS = ["organic", "search_ads", "social", "friend", "partner"]
REFERRER_P = [0.45, 0.2, 0.17, 0.12, 0.06]

#: category -> (sub-categories, median price in currency units)
CATEGORIES: dict[str, tuple[list[str], float]] = {
    "electronics": (["phones", "laptops", "audio", "cameras", "accessories"], 180.0),
    "fashion": (["women", "men", "shoes", "bags", "watches"], 45.0),
    "home": (["kitchen", "furniture", "decor", "bedding"], 60.0),
    "beauty": (["skincare", "makeup", "fragrance", "hair"], 25.0),
    "sports": (["fitness", "cycling", "running", "team_sports"], 55.0),
    "books": (["fiction", "non_fiction", "comics", "textbooks"], 15.0),
    "toys": (["puzzles", "building", "dolls", "outdoor_play"], 30.0),
    "grocery": (["snacks", "beverages", "pantry", "fresh"], 8.0),
    "gaming": (["consoles", "games", "gaming_accessories"], 70.0),
    "pets": (["dog", "cat", "aquarium"], 20.0),
}
CATEGORY_P = [0.16, 0.18, 0.12, 0.1, 0.08, 0.07, 0.06, 0.1, 0.07, 0.06]
BRANDS_PER_CATEGORY = 24
_SYLLABLES = ["ka", "lo", "mi", "ne", "ro", "ta", "vi", "zu", "be", "do", "fa", "gu", "xi", "po"]


@dataclass(frozen=True)
class Users:
    table: pa.Table
    activity: np.ndarray  # probability of each user making a request
    propensity: np.ndarray  # multiplicative click propensity
    device_index: np.ndarray
    signup_us: np.ndarray


@dataclass(frozen=True)
class Items:
    table: pa.Table
    popularity: np.ndarray  # probability of each item being shown
    quality: np.ndarray  # multiplicative CTR factor
    price_cents: np.ndarray


def _strings(vocabulary: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(vocabulary, pa.string()).take(pa.array(index))


def _timestamps(micros: np.ndarray) -> pa.Array:
    return pa.array(micros.astype(np.int64), pa.int64()).cast(TIMESTAMP_UTC)


def decimal_from_unscaled(unscaled: np.ndarray, type_: pa.Decimal128Type) -> pa.Array:
    """Decimal array from integer unscaled values (cents for scale 2), without float rounding."""
    values = np.asarray(unscaled, dtype=np.int64)
    words = np.empty((len(values), 2), dtype=np.int64)  # little-endian 128-bit two's complement
    words[:, 0] = values
    words[:, 1] = np.where(values < 0, -1, 0)
    return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(words)])


def _zipf_weights(n: int, exponent: float, rng: np.random.Generator) -> np.ndarray:
    """Zipf-like probabilities over ``n`` ids, with ranks shuffled so id order means nothing."""
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** exponent
    shuffled = np.empty(n)
    shuffled[rng.permutation(n)] = weights
    return shuffled / shuffled.sum()


def _brand_names() -> list[str]:
    """Deterministic made-up brand names, one block of BRANDS_PER_CATEGORY per category."""
    names = []
    s = _SYLLABLES
    for i in range(len(CATEGORIES) * BRANDS_PER_CATEGORY):
        a, b, c = s[i % len(s)], s[(i // len(s)) % len(s)], s[(i * 7 + 3) % len(s)]
        names.append((a + b + c).capitalize())
    # Make names unique even where syllables repeat.
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return unique


def generate_users(n: int, rng: np.random.Generator) -> Users:
    user_id = np.arange(1, n + 1, dtype=np.int64)
    # Sign-ups grow over time; about 10% fall inside the impression window (new users).
    span = WINDOW_END_US - SIGNUPS_START_US
    signup_us = SIGNUPS_START_US + (rng.random(n) ** 0.6 * span).astype(np.int64)
    country = rng.choice(len(COUNTRIES), n, p=COUNTRY_P)
    device = rng.choice(len(DEVICES), n, p=DEVICE_P)
    age = rng.choice(len(AGE_BUCKETS), n, p=AGE_P)

    # tags: 0..5 distinct interests. Walking the 16 interests with an odd stride from a random
    # start visits distinct entries, which avoids a per-row sample-without-replacement.
    lengths = rng.choice(6, n, p=[0.15, 0.2, 0.25, 0.2, 0.12, 0.08])
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    row = np.repeat(np.arange(n), lengths)
    pos = np.arange(offsets[-1]) - offsets[row]
    start = rng.integers(0, len(INTERESTS), n)
    stride = rng.choice(np.arange(1, len(INTERESTS), 2), n)
    tag_index = (start[row] + pos * stride[row]) % len(INTERESTS)
    tags = pa.ListArray.from_arrays(pa.array(offsets), _strings(INTERESTS, tag_index))

    # profile: map with "lang" always present and other keys present with some probability.
    plan = rng.choice(len(PLANS), n, p=PLAN_P)
    referrer = rng.choice(len(REFERRERS), n, p=REFERRER_P)
    opt_in = rng.random(n) < 0.4
    present = np.column_stack(
        [np.ones(n, bool), rng.random(n) < 0.7, rng.random(n) < 0.6, rng.random(n) < 0.8]
    )
    value_matrix = np.column_stack(
        [
            np.array(LANG_BY_COUNTRY, dtype=object)[country],
            np.array(PLANS, dtype=object)[plan],
            np.array(REFERRERS, dtype=object)[referrer],
            np.where(opt_in, "true", "false").astype(object),
        ]
    )
    rows, cols = np.nonzero(present)  # row-major: entries of one user stay together, in key order
    map_offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(present.sum(axis=1), out=map_offsets[1:])
    keys = _strings(["lang", "plan", "referrer", "marketing_opt_in"], cols)
    values = pa.array(value_matrix[rows, cols], pa.string())
    profile = pa.MapArray.from_arrays(pa.array(map_offsets), keys, values)

    table = pa.Table.from_arrays(
        [
            pa.array(user_id),
            _timestamps(signup_us),
            _strings(COUNTRIES, country),
            _strings(DEVICES, device),
            _strings(AGE_BUCKETS, age),
            tags,
            profile,
        ],
        schema=SCHEMAS["users"],
    )
    activity = rng.lognormal(0.0, 1.1, n)
    return Users(
        table=table,
        activity=activity / activity.sum(),
        propensity=rng.lognormal(0.0, 0.35, n),
        device_index=device,
        signup_us=signup_us,
    )


def generate_items(n: int, rng: np.random.Generator) -> Items:
    names = list(CATEGORIES)
    category = rng.choice(len(names), n, p=CATEGORY_P)
    sub_lists = [CATEGORIES[c][0] for c in names]
    sub_offsets = np.cumsum([0] + [len(s) for s in sub_lists])
    sub_within = (rng.random(n) * np.array([len(s) for s in sub_lists])[category]).astype(np.int64)
    all_subs = [s for subs in sub_lists for s in subs]

    brand_rank = np.minimum(rng.zipf(1.6, n) - 1, BRANDS_PER_CATEGORY - 1)
    brand = category * BRANDS_PER_CATEGORY + brand_rank

    median = np.array([CATEGORIES[c][1] for c in names])[category]
    price_cents = np.clip(np.round(median * rng.lognormal(0.0, 0.6, n) * 100), 99, 9_999_999_99)
    price_cents = (price_cents // 100 * 100 + 99).astype(np.int64)  # the familiar .99 endings

    centroids = rng.normal(0.0, 1.0, (len(names), EMBEDDING_DIM))
    vectors = centroids[category] + rng.normal(0.0, 0.6, (n, EMBEDDING_DIM))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    embedding = pa.ListArray.from_arrays(
        pa.array(np.arange(0, (n + 1) * EMBEDDING_DIM, EMBEDDING_DIM, dtype=np.int32)),
        pa.array(vectors.astype(np.float32).ravel()),
    )
    span = WINDOW_START_US - ITEMS_START_US
    created_us = ITEMS_START_US + (rng.random(n) * span).astype(np.int64)

    table = pa.Table.from_arrays(
        [
            pa.array(np.arange(1, n + 1, dtype=np.int64)),
            _strings(names, category),
            _strings(all_subs, sub_offsets[category] + sub_within),
            _strings(_brand_names(), brand),
            decimal_from_unscaled(price_cents, SCHEMAS["items"].field("price").type),
            embedding,
            _timestamps(created_us),
        ],
        schema=SCHEMAS["items"],
    )
    return Items(
        table=table,
        popularity=_zipf_weights(n, 1.05, rng),
        quality=rng.lognormal(0.0, 0.45, n),
        price_cents=price_cents,
    )


def _diurnal_hour_p() -> np.ndarray:
    hours = np.arange(24)
    weights = 1.0 + 0.9 * np.sin((hours - 9) / 24 * 2 * np.pi)  # peak in the evening
    return weights / weights.sum()


def generate_impressions(
    rows: int,
    first_impression_id: int,
    first_request_number: int,
    users: Users,
    items: Items,
    rng: np.random.Generator,
) -> tuple[pa.Table, dict[str, np.ndarray], int]:
    """One chunk of impressions; returns the table, the order candidates and requests used."""
    # Requests of 4..12 slots; draw enough of them, then cut at exactly `rows` impressions.
    max_requests = rows // 4 + 1
    slots = rng.integers(4, 13, max_requests)
    ends = np.cumsum(slots)
    used = int(np.searchsorted(ends, rows) + 1)
    slots = slots[:used]
    slots[-1] -= ends[used - 1] - rows
    request = np.repeat(np.arange(used), slots)
    starts = np.concatenate([[0], np.cumsum(slots)[:-1]])
    position = (np.arange(rows) - starts[request] + 1).astype(np.int32)

    request_user = rng.choice(len(users.activity), used, p=users.activity)
    day = rng.integers(0, WINDOW_DAYS, used)
    hour = rng.choice(24, used, p=_diurnal_hour_p())
    request_us = (
        WINDOW_START_US
        + day * US_PER_DAY
        + hour * 3600 * US_PER_SECOND
        + (rng.random(used) * 3600 * US_PER_SECOND).astype(np.int64)
    )
    # A user who signed up during the window only acts after signing up.
    signup = users.signup_us[request_user]
    late = request_us < signup
    request_us[late] = signup[late] + (request_us[late] - WINDOW_START_US) % np.maximum(
        WINDOW_END_US - signup[late], 1
    )
    request_numbers = pa.array(np.arange(first_request_number, first_request_number + used))
    request_ids = pc.binary_join_element_wise(
        "req-", pc.utf8_lpad(pc.cast(request_numbers, pa.string()), 10, "0"), ""
    )

    user_index = request_user[request]
    item_index = rng.choice(len(items.popularity), rows, p=items.popularity)
    event_us = request_us[request] + (position.astype(np.int64) - 1) * 15_000  # render order

    p_click = (
        0.07
        * position.astype(np.float64) ** -0.65
        * items.quality[item_index]
        * users.propensity[user_index]
        * DEVICE_CTR[users.device_index[user_index]]
    )
    clicked = rng.random(rows) < np.clip(p_click, 0.0, 0.9)
    dwell = np.clip(rng.lognormal(np.log(22_000), 0.9, rows), 800, 1_800_000).astype(np.int32)

    table = pa.Table.from_arrays(
        [
            pa.array(np.arange(first_impression_id, first_impression_id + rows, dtype=np.int64)),
            pa.array(user_index + 1),
            pa.array(item_index + 1),
            _timestamps(event_us),
            pa.array(position),
            pa.array(clicked),
            pa.array(dwell, mask=~clicked),
            request_ids.take(pa.array(request)),
        ],
        schema=SCHEMAS["impressions"],
    )
    clicks = np.flatnonzero(clicked)
    candidates = {"user": user_index[clicks], "item": item_index[clicks], "time": event_us[clicks]}
    return table, candidates, used


def generate_orders(
    candidates: dict[str, np.ndarray], first_order_id: int, items: Items, rng: np.random.Generator
) -> pa.Table:
    """Orders following clicks: cheaper items convert more often, minutes to hours later."""
    price = items.price_cents[candidates["item"]]
    median = np.median(items.price_cents)
    p_order = np.clip(0.14 * (median / price) ** 0.35, 0.01, 0.6)
    chosen = np.flatnonzero(rng.random(len(price)) < p_order)
    n = len(chosen)
    quantity = np.minimum(rng.geometric(0.7, n), 5).astype(np.int32)
    discount = np.where(rng.random(n) < 0.1, 0.9, 1.0)  # a tenth of orders use a 10% coupon
    amount_cents = np.round(price[chosen] * quantity * discount).astype(np.int64)
    delay_us = (60 + rng.exponential(25 * 60, n)).astype(np.int64) * US_PER_SECOND
    return pa.Table.from_arrays(
        [
            pa.array(np.arange(first_order_id, first_order_id + n, dtype=np.int64)),
            pa.array(candidates["user"][chosen] + 1),
            pa.array(candidates["item"][chosen] + 1),
            pa.array(quantity),
            decimal_from_unscaled(amount_cents, SCHEMAS["orders"].field("amount").type),
            _timestamps(candidates["time"][chosen] + delay_us),
        ],
        schema=SCHEMAS["orders"],
    )
