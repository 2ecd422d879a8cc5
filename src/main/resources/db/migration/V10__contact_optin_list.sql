-- The opt-in "Who?" list pages by key in name or phone order; these indexes make every page,
-- including deep ones, a short index range scan instead of a sort of all contacts.
create index contact_name_order on contact (account_id, last_name, first_name, id);
create index contact_phone_order on contact (account_id, phone, id);

-- Phone numbers are stored formatted ("+48 512 345 678"); people type them any way, so a search
-- of digits also matches the number's digits alone, through a trigram index on that expression.
create index contact_phone_digits_trgm on contact using gin ((regexp_replace(phone, '[^0-9]', '', 'g')) gin_trgm_ops);
