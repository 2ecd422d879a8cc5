-- The consent history's trigger serialised its writers per contact with lock_contacts (V90), the
-- advisory lock that order batches and the fold's re-attribution take too. Consent only has to
-- serialise with consent (two statements must not count the same transition from different
-- snapshots); orders and folds never read or write consent. Sharing the lock made an opt-out batch
-- wait for order batches and for a fold holding the contacts of up to 5 000 events to its commit:
-- in the ingest benchmark with all three loads, 91 ms of a consent batch's 172 ms. Consent now
-- takes the same kind of lock in a key space of its own.

-- Transaction-level advisory locks on ids in one key space, taken in key order (no deadlock between
-- two writers of overlapping ids). lock_contacts is the contacts' space 7016, as before.
create function lock_keys(p_space integer, p_ids bigint[]) returns void
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock(p_space, k)
    from (select distinct hashint8(c) as k from unnest(p_ids) c order by 1) keys;
end;
$$;

create or replace function lock_contacts(p_contacts bigint[]) returns void
    language sql as
$$
select lock_keys(7016, p_contacts);
$$;

-- The trigger function (V171) is patched where it takes the lock, rather than restated whole: the
-- one call becomes consent's space 7018, and the migration fails if that call is not found exactly
-- once.
do
$$
declare
    definition text := pg_get_functiondef('consent_change_inserted()'::regprocedure);
    call text := 'perform lock_contacts(';
begin
    if (length(definition) - length(replace(definition, call, ''))) / length(call) <> 1 then
        raise exception 'consent_change_inserted() does not call lock_contacts once';
    end if;
    execute replace(definition, call, 'perform lock_keys(7018, ');
end;
$$;
