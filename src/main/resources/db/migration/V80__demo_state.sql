-- What the demo data generator made and up to when: each start brings the demo up to "now" from
-- here (the time since the last start), with the seed and size the demo was made with. One row at
-- most; none in a database whose data did not come from the generator.
create table demo_state (
    id                boolean     primary key default true check (id),
    seed              bigint      not null,
    size_name         text        not null,
    contacts_first    integer     not null,
    contacts_second   integer     not null,
    messages_first    integer     not null,
    messages_second   integer     not null,
    recipients_first  bigint      not null,
    recipients_second bigint      not null,
    largest_message   integer     not null,
    generated_through timestamptz not null
);
