-- A delivery report may only change recipients of messages sent through the integration it came
-- through (provider 'sms:<gateway id>', 'whatsapp' or 'viber'). A report whose provider message id
-- belongs to a recipient of another integration of the account (e.g. an SMS gateway's callback
-- carrying a WhatsApp id) is never applied: the folder marks it misrouted and takes it out of the
-- queues, and the support page lists such reports.

-- The provider name under which a message's reports arrive; the names are StatusEvent's.
create function message_provider(channel channel, gateway_id bigint) returns text
    language sql immutable parallel safe
    return case channel when 'SMS' then 'sms:' || gateway_id when 'WHATSAPP' then 'whatsapp' when 'VIBER' then 'viber' end;

alter table delivery_event add column misrouted boolean not null default false;

-- The support page shows the newest misrouted reports of all accounts; they are few.
create index delivery_event_misrouted on delivery_event (received_at desc, account_id, id desc) where misrouted;
