/**
 * OAuth 2.1 authorization of remote MCP servers, as the MCP authorization specification describes
 * it: protected resource metadata (RFC 9728), authorization server metadata (RFC 8414, then OpenID
 * Connect discovery), client identity by Client ID Metadata Document, dynamic client registration
 * (RFC 7591) or pre-registered credentials, authorization code with PKCE S256, resource indicators
 * (RFC 8707), refresh and scope step-up.
 *
 * <p>{@link dev.mcpinspector.mcp.oauth.OAuthFlows} is the engine: it runs the steps for one
 * (session, server), records each with its request and response (secrets redacted), keeps the
 * pending {@code state} values and puts the tokens in a {@link
 * dev.mcpinspector.mcp.oauth.TokenStore}; tokens never leave the server. The routes expose it below
 * {@code /api} and serve the inspector's client metadata document. Every URL the flow fetches goes
 * through {@link dev.mcpinspector.mcp.oauth.OAuthHttp}, which applies the outbound policy, refuses
 * redirects and caps response sizes. The protocol messages are built and parsed with the Nimbus
 * OAuth 2.0 SDK.
 */
package dev.mcpinspector.mcp.oauth;
