// The client's own version, taken from package.json at build time.
import packageJson from '../../package.json' with { type: 'json' };

export const CLI_VERSION: string = packageJson.version;
