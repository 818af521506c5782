/**
 * The version of this frontend extension, sent to the server in the version
 * handshake. A unit test keeps it equal to `package.json`'s version.
 */
export const CLIENT_VERSION = '0.1.0';
