-- A WhatsApp recipient is priced with the earliest pricing object among its reports (V191): the fold
-- looks the earliest up among the recipient's reports in the event log. But the log keeps one report
-- per status, the earliest, and an object could be lost with the report that carried it, so the
-- cost depended on the order the reports arrived in:
-- - a later report with an object, folded first, was replaced by an earlier one without: the cost
--   stayed that object's, while in the other order the earlier report came first, the later one
--   was refused with its object, and the cost stayed the message type's;
-- - which of two reports of one status with objects counted followed the reports' ranking, which
--   puts a report with an error code first, not the objects' own.
--
-- The object is now one value of a composite type, pricing_object, and the log's row of a status
-- keeps the least object of all the reports of that status, with the time of the report that
-- carried it (IngestRepository.insertEvents): a report that does not replace the stored one still
-- brings its object when that ranks first. So no object is lost, and the earliest among the log's
-- rows is the earliest among all the reports received, whatever their order.
--
-- "Earliest" is the type's own order: the time, then the category (a named one before none, then the
-- smaller), then billable (stated before not, false first), the order V191 spelled out in an ORDER BY.
-- A report without an object has null, which least() passes over. Mind that `x is not null` of a
-- composite asks whether every field is set: a present object is tested by its time,
-- `(x).at is not null`.

create type pricing_object as (at timestamptz, category text, billable boolean);

select set_config('app.all_accounts', 'on', true);

alter table delivery_event add column pricing pricing_object;
update delivery_event set pricing = row(occurred_at, pricing_category, billable)::pricing_object
where pricing_category is not null or billable is not null;
alter table delivery_event drop column pricing_category, drop column billable;
