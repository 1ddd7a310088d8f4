/**
 * Something the person running procdash can fix: an unknown preset, a scenario file that is not
 * valid, a recording that cannot be read or written. The message is printed as it is (it names
 * what is wrong and where), and procdash exits with 2.
 */
export class CliError extends Error {
	override readonly name = 'CliError';
}
