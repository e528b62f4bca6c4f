package dev.mcpinspector.redis;

import dev.mcpinspector.core.storage.RecordStore;
import dev.mcpinspector.core.storage.RecordStoreProvider;
import dev.mcpinspector.core.storage.StorageConfig;

/**
 * {@code INSPECTOR_STORAGE=redis}: {@link RedisRecordStore} at {@code INSPECTOR_REDIS_URL}. Needs
 * {@code INSPECTOR_ENCRYPTION_KEYS} (or {@code INSPECTOR_SIGNING_KEYS}) shared by every node; the
 * default of {@link RecordStoreProvider#defaultKeys} refuses to start without. Public for {@link
 * java.util.ServiceLoader} only.
 */
public final class RedisStoreProvider implements RecordStoreProvider {

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public RedisStoreProvider() {}

  @Override
  public StorageConfig.Kind kind() {
    return StorageConfig.Kind.REDIS;
  }

  @Override
  public RecordStore open(StorageConfig config) {
    return RedisRecordStore.connect(config.redisUrl());
  }
}
