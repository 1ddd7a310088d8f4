// One rule for every place a connection URL can show: events, errors, --json, the dashboard.
const credentials = /([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:)[^@/\s]+@/gi;

/**
 * `text` with the password of every URL in it replaced by `***`:
 * `redis://user:secret@host:6379` → `redis://user:***@host:6379`. Text without one comes back as it is.
 */
export function redact(text: string): string {
	return text.includes('@') ? text.replace(credentials, '$1***@') : text;
}
