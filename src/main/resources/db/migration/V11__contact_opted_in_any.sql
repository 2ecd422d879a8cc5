-- "Opted in on at least one channel" as a flag on the contact, kept by a statement-level trigger
-- on consents, so the "All" opt-in list pages through one partial index at any depth instead of
-- probing every skipped contact's consents.
alter table contact add column opted_in_any boolean not null default false;

update contact c
set opted_in_any = true
where exists (select 1 from contact_consent cc
              where cc.account_id = c.account_id and cc.contact_id = c.id and cc.opted_in);

create index contact_opted_in_name on contact (account_id, last_name, first_name, id) where opted_in_any;
create index contact_opted_in_phone on contact (account_id, phone, id) where opted_in_any;

create function contact_opted_in_any() returns trigger
    language plpgsql as
$$
declare
    affected text := case tg_op
        when 'INSERT' then 'select account_id, contact_id from n'
        when 'DELETE' then 'select account_id, contact_id from o'
        else 'select account_id, contact_id from n union select account_id, contact_id from o' end;
begin
    execute format($q$
        with a as (%s),
        target as (
            select a.account_id, a.contact_id,
                   exists (select 1 from contact_consent cc
                           where cc.account_id = a.account_id and cc.contact_id = a.contact_id and cc.opted_in) as any_in
            from (select distinct account_id, contact_id from a) a
        )
        update contact c set opted_in_any = t.any_in
        from target t
        where c.account_id = t.account_id and c.id = t.contact_id and c.opted_in_any <> t.any_in
        $q$, affected);
    return null;
end;
$$;

create trigger contact_opted_in_any_ins after insert on contact_consent
    referencing new table as n for each statement execute function contact_opted_in_any();
create trigger contact_opted_in_any_upd after update on contact_consent
    referencing old table as o new table as n for each statement execute function contact_opted_in_any();
create trigger contact_opted_in_any_del after delete on contact_consent
    referencing old table as o for each statement execute function contact_opted_in_any();
