-- The consent history's trigger serialised its writers per contact with lock_contacts (V90), the
-- advisory lock that order batches and the fold's re-attribution take too. Consent only has to
-- serialise with consent (two statements must not count the same transition from different
-- snapshots); orders and folds never read or write consent. Sharing the lock made an opt-out batch
-- wait for order batches and for a fold holding the contacts of up to 5 000 events to its commit:
-- in the ingest benchmark with all three loads, 91 ms of a consent batch's 172 ms. Consent now
-- takes a lock of its own, same order (by key), other key space.
create function lock_consent_contacts(p_contacts bigint[]) returns void
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock(7018, k)
    from (select distinct hashint8(c) as k from unnest(p_contacts) c order by 1) keys;
end;
$$;

-- The trigger function (V171) is patched where it takes the lock, rather than restated whole: the
-- one call is replaced, and the migration fails if that call is not found exactly once.
do
$$
declare
    definition text := pg_get_functiondef('consent_change_inserted()'::regprocedure);
    call text := 'perform lock_contacts(';
begin
    if (length(definition) - length(replace(definition, call, ''))) / length(call) <> 1 then
        raise exception 'consent_change_inserted() does not call lock_contacts once';
    end if;
    execute replace(definition, call, 'perform lock_consent_contacts(');
end;
$$;
