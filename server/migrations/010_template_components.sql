-- Templates keep what Meta lists even when we cannot send it (issue 12): a legacy or unknown
-- category (e.g. SHIPPING_UPDATE) is kept as Meta wrote it in provider_category, while category
-- stays the pricing category it is billed as (interactions are priced by it); the quality rating
-- (GREEN, YELLOW, RED, UNKNOWN) arrives with syncs and message_template_quality_update webhooks.
ALTER TABLE templates ADD COLUMN provider_category text;
ALTER TABLE templates ADD COLUMN quality text;
