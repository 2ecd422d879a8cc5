-- Replaces the maintained "opted in on any channel" flag of one account's contacts (V11) with a
-- recount from their consents, like rebuild_counters and rebuild_analytics do for the figures.
create function rebuild_opted_in_any(p_account_id bigint) returns void
    language plpgsql as
$$
begin
    update contact c
    set opted_in_any = t.any_in
    from (select c2.id,
                 exists (select 1 from contact_consent cc
                         where cc.account_id = c2.account_id and cc.contact_id = c2.id and cc.opted_in) as any_in
          from contact c2
          where c2.account_id = p_account_id) t
    where c.account_id = p_account_id and c.id = t.id and c.opted_in_any <> t.any_in;
end;
$$;
