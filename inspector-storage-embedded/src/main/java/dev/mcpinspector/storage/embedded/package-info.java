/**
 * The embedded default storage: an H2 file database ({@code inspector.mv.db}) under {@code
 * INSPECTOR_DATA_DIR}, one table of opaque records. Found by {@link
 * dev.mcpinspector.core.storage.Storage#open} through {@link
 * dev.mcpinspector.storage.embedded.EmbeddedStoreProvider}; open it directly with {@link
 * dev.mcpinspector.storage.embedded.EmbeddedRecordStore#open(java.nio.file.Path)}. One process at a
 * time may open a directory; several nodes share Redis instead.
 */
package dev.mcpinspector.storage.embedded;
