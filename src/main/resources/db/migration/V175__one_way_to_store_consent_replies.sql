-- Since V172 every provider reply is stored through record_consent_replies, in batches; the
-- single-reply record_consent_reply (V111) has no caller left, and it spelled the same rules (the
-- contact by phone number, the credit to the last message within the opt-out window, the repeat
-- of a provider id) a second time. One definition stays.
drop function record_consent_reply(bigint, channel, text, boolean, timestamptz, text, text);
