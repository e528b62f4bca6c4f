package dev.mcpinspector.containertest;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The channels of the test application, by name. Thread-safe. */
public final class TestChannels {

  private final ConcurrentMap<String, TestChannel> channels = new ConcurrentHashMap<>();

  /**
   * Creates a channel with a fresh name.
   *
   * @param retain how many of the newest events it keeps for replay
   * @return the name, usable in {@code /api/stream/{name}}
   */
  public String create(int retain) {
    String name = "ch-" + UUID.randomUUID();
    channels.put(name, new TestChannel(retain));
    return name;
  }

  /**
   * Returns a channel.
   *
   * @param name its name
   * @return the channel, or null when there is none
   */
  public TestChannel get(String name) {
    return channels.get(name);
  }
}
