/**
 * The one JSON binding path of the API: {@link dev.mcpinspector.servlet.json.ApiJson} holds the
 * conventions (records, lower-case enums, ISO {@code java.time}, no scalar coercion) and {@link
 * dev.mcpinspector.servlet.json.JsonBodies} reads request bodies, turning every client mistake into
 * a 400 or 413 that names what to fix.
 */
package dev.mcpinspector.servlet.json;
