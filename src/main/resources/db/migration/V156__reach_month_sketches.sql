-- Unique recipients over long ranges: one sketch per account, whole calendar month (in the
-- account's time zone, as the days are) and channel, the merge of that month's day sketches. A
-- year then reads about a dozen month sketches per channel and the partial days at both ends of
-- the range instead of 365 day sketches.
--
-- A rebuilt day marks its month in the same transaction (reach_month_dirty); the same periodic
-- task then rebuilds marked months from their committed day sketches. While a month is marked the
-- panel merges its day sketches instead, so months and days always give the same estimate.
--
-- Both tables have the layout of their day counterparts (LIKE copies columns, defaults and the
-- primary key, not the foreign key), with the day as the month's first day.
create table reach_sketch_month (like reach_sketch including defaults including indexes);
alter table reach_sketch_month rename column day to month;
alter table reach_sketch_month drop column recipients;
alter table reach_sketch_month add foreign key (account_id) references account (id),
    add check (month = date_trunc('month', month)::date);
select enable_tenant_isolation('reach_sketch_month');

create table reach_month_dirty (like reach_sketch_dirty including defaults including indexes);
alter table reach_month_dirty rename column day to month;
alter table reach_month_dirty add foreign key (account_id) references account (id);
select enable_tenant_isolation('reach_month_dirty');

-- Months that already have day sketches wait for the task (reads the day sketches only).
select set_config('app.all_accounts', 'on', true);
insert into reach_month_dirty (account_id, month)
select distinct account_id, date_trunc('month', day)::date from reach_sketch;
