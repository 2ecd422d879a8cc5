-- optin_scopes (V183) glued the part's number to 'PART' with text || smallint, an operator that is
-- only stable (it calls the number's output function), so the planner would not inline a function
-- declared immutable around it: every contact of a consent change ran it as a function call of its
-- own, three times (the trigger's delete and insert of optin_list rows). At the L tier, 300
-- opt-outs' list upkeep took 358 ms, 237 of them in those calls (EXPLAIN ANALYZE with
-- auto_explain's nested statements). With the number cast to text first the body is immutable and
-- is inlined: 109 ms. The scopes do not change.

create or replace function optin_scopes(sms boolean, whatsapp boolean, viber boolean) returns text[]
    language sql immutable parallel safe
    return array_remove(array [case when sms or whatsapp or viber then 'ANY' end,
                               case when sms then 'SMS' end,
                               case when whatsapp then 'WHATSAPP' end,
                               case when viber then 'VIBER' end,
                               case when sms or whatsapp or viber then 'PART' || channel_part(sms, whatsapp, viber)::text end],
                        null);
