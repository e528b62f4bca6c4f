package dev.mcpinspector.servlet.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A small SSE client for the tests: parsed events, the end of the stream, hang-up. */
final class SseTestClient implements Flow.Subscriber<String>, AutoCloseable {

  /** An event or the end of the stream ({@code end} true). */
  record Frame(String id, String event, String data, boolean end) {}

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private String id;
  private String event;
  private StringBuilder data;

  static SseTestClient open(HttpClient http, URI uri, Map<String, String> headers)
      throws Exception {
    SseTestClient client = new SseTestClient();
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    headers.forEach(req::header);
    http.sendAsync(
            req.build(),
            info -> {
              client.head.complete(info);
              return HttpResponse.BodySubscribers.fromLineSubscriber(client);
            })
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                client.head.completeExceptionally(e);
              }
            });
    client.head.get(10, TimeUnit.SECONDS);
    return client;
  }

  HttpResponse.ResponseInfo head() {
    return head.join();
  }

  /** The next event, or null when the stream ended or nothing came within the timeout. */
  Frame nextEvent(Duration timeout) throws InterruptedException {
    Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return f == null || f.end() ? null : f;
  }

  /** Skips events until the stream ends; true when it ended within the timeout. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (f == null) {
        return false;
      }
      if (f.end()) {
        return true;
      }
    }
  }

  @Override
  public void close() {
    // The head can arrive before onSubscribe: a hang-up requested before then happens there.
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (line.isEmpty()) {
      if (data != null) {
        frames.add(new Frame(id, event, data.toString(), false));
      }
      id = null;
      event = null;
      data = null;
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "id" -> id = value;
      case "event" -> event = value;
      case "data" ->
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      default -> {
        // retry and unknown fields
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    frames.add(new Frame(null, null, null, true));
  }

  @Override
  public void onComplete() {
    frames.add(new Frame(null, null, null, true));
  }
}
