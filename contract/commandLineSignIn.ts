/**
 * Where the identity provider sends a member back to from `election login`: the command line's own
 * loopback server (RFC 8252 §7.3). Cognito matches a callback address exactly, port included, so
 * the port is fixed, and both the AWS stack and the local stack register this address for the
 * console's app client. `localhost` rather than 127.0.0.1: Cognito allows plain http for it alone.
 */
export const COMMAND_LINE_SIGN_IN_PORT = 7780;

export const commandLineRedirectUri = (port = COMMAND_LINE_SIGN_IN_PORT) => `http://localhost:${port}/signed-in`;
