-- Deactivated users (issue 13): an administrator turns an account off; its sessions end at once
-- (access tokens name their session, checked against refresh_tokens joined to users) and it
-- cannot sign in or refresh until reactivated. The user row stays: history still names them.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
