-- Deterministic pseudo-random numbers for the demo data generator: the same seed and keys give the
-- same value in [0, 1) whatever the query plan, parallelism or row order.
create function demo_random(seed bigint, k1 bigint, k2 integer) returns double precision
    language sql immutable parallel safe
    return ((hashint8extended(k1 * 64 + k2, seed) >> 11) & 9007199254740991)::double precision / 9007199254740992.0;
