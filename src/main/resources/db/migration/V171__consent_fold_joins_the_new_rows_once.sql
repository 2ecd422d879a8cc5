-- The consent history's trigger (V111) asked, for every history row of the touched contacts, whether
-- it was one of the statement's new rows with a correlated EXISTS over the transition table, which has
-- no index: a scan of all new rows per row, quadratic in the statement's size. Harmless for a reply
-- (one row), it never finished for a bulk write: seeding the history of the large tier's 8 M consents
-- (seed_consent_history) ran 26 minutes before it was stopped. The new rows are now joined once (a
-- hash join), and an opt-out is credited when all of the contact's opt-outs credited to that message
-- are the statement's own (a count by the consent_change_message index) instead of a second
-- correlated scan. Same rows in every rollup (the consent tests compare with the recount).

create or replace function consent_change_inserted() returns trigger
    language plpgsql as
$$
declare
    account bigint;
begin
    for account in select distinct account_id from n
        loop
            if (select count(distinct contact_id) from n where account_id = account) > 1000 then
                perform pg_advisory_xact_lock(7017, account::integer);
            else
                perform pg_advisory_xact_lock_shared(7017, account::integer);
                perform lock_contacts(array(select distinct contact_id from n
                                            where account_id = account and contact_id is not null));
            end if;
        end loop;

    insert into contact_consent as c (account_id, contact_id, channel, opted_in, changed_at)
    select distinct on (account_id, contact_id, channel) account_id, contact_id, channel, opted_in, changed_at
    from n
    where contact_id is not null
    order by account_id, contact_id, channel, changed_at desc, opted_in
    on conflict (account_id, contact_id, channel) do update
        set opted_in = excluded.opted_in, changed_at = excluded.changed_at
        where excluded.changed_at > c.changed_at
           or (excluded.changed_at = c.changed_at and c.opted_in and not excluded.opted_in);

    -- Transitions of the touched contacts with the new rows, minus those without them.
    with touched as materialized (
        select h.account_id, h.contact_id, h.channel, h.changed_at, h.opted_in, x.id is not null as fresh
        from consent_change h
        left join n x on x.account_id = h.account_id and x.id = h.id
        where h.contact_id is not null
          and (h.account_id, h.contact_id, h.channel) in
              (select account_id, contact_id, channel from n where contact_id is not null)
    ),
    steps as (
        select account_id, channel, changed_at, 1 as sign, opted_in,
               lag(opted_in) over (partition by account_id, contact_id, channel order by changed_at, opted_in desc) p
        from touched
        union all
        select account_id, channel, changed_at, -1, opted_in,
               lag(opted_in) over (partition by account_id, contact_id, channel order by changed_at, opted_in desc)
        from touched
        where not fresh
    ),
    delta as (
        select s.account_id, (s.changed_at at time zone a.time_zone)::date as day, s.channel,
               sum(s.sign) filter (where s.opted_in and s.p is not true) as gained,
               sum(s.sign) filter (where not s.opted_in and s.p) as lost
        from steps s
        join account a on a.id = s.account_id
        group by 1, 2, 3
    )
    insert into consent_daily as d (account_id, day, channel, gained, lost)
    select account_id, day, channel, coalesce(gained, 0), coalesce(lost, 0)
    from delta
    where coalesce(gained, 0) <> 0 or coalesce(lost, 0) <> 0
    on conflict (account_id, day, channel) do update
        set gained = d.gained + excluded.gained, lost = d.lost + excluded.lost;

    -- Opt-outs credited to a message that did not have this contact's opt-out before: all of the
    -- contact's opt-outs credited to the message are this statement's.
    with mine as (
        select account_id, message_id, contact_id, count(*) as changes
        from n
        where message_id is not null and contact_id is not null and not opted_in
        group by 1, 2, 3
    ),
    credited as (
        select f.account_id, f.message_id, k.day, k.channel, k.type, k.counted
        from mine f
        cross join lateral opt_out_cohort(f.account_id, f.message_id) k
        where f.changes = (select count(*) from consent_change h
                           where h.account_id = f.account_id and h.message_id = f.message_id
                             and h.contact_id = f.contact_id and not h.opted_in)
    ),
    per_message as (
        insert into message_opt_out as t (account_id, message_id, opt_outs)
        select account_id, message_id, count(*) from credited group by 1, 2
        on conflict (account_id, message_id) do update set opt_outs = t.opt_outs + excluded.opt_outs
    )
    insert into opt_out_daily as t (account_id, day, channel, type, counted, opt_outs)
    select account_id, day, channel, type, counted, count(*)
    from credited
    group by 1, 2, 3, 4, 5
    on conflict (account_id, day, channel, type, counted) do update set opt_outs = t.opt_outs + excluded.opt_outs;
    return null;
end;
$$;
