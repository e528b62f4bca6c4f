package dev.mcpinspector.core.storage;

/** The storage contract over {@link RecordStore#inMemory()}. */
class InMemoryStorageTest extends StorageContract {
  @Override
  protected RecordStore openEmptyStore() {
    return RecordStore.inMemory();
  }
}
