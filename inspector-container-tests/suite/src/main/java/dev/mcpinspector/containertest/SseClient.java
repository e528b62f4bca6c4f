package dev.mcpinspector.containertest;

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

/**
 * A minimal SSE client on the JDK HttpClient: it parses the stream into frames that tests take with
 * a timeout, can withhold demand (a slow reader) and can hang up mid-stream.
 */
public final class SseClient implements Flow.Subscriber<String>, AutoCloseable {

  /** One parsed item of the stream. */
  public sealed interface Frame {}

  /**
   * A dispatched event.
   *
   * @param id the {@code id:} field, or null
   * @param event the {@code event:} field, or null
   * @param data the joined {@code data:} lines
   */
  public record Event(String id, String event, String data) implements Frame {}

  /**
   * A comment line.
   *
   * @param text the text after the colon, trimmed
   */
  public record Comment(String text) implements Frame {}

  /**
   * A {@code retry:} field.
   *
   * @param millis the announced delay
   */
  public record Retry(long millis) implements Frame {}

  /**
   * The end of the stream.
   *
   * @param error the failure, or null when the server ended the response
   */
  public record End(Throwable error) implements Frame {}

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse.ResponseInfo> info = new CompletableFuture<>();
  private final boolean paused;
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private String id;
  private String event;
  private StringBuilder data;
  private Long retry;

  private SseClient(boolean paused) {
    this.paused = paused;
  }

  /**
   * Opens a stream and waits for the response head.
   *
   * @param http the client
   * @param uri the stream URI
   * @param headers extra request headers
   * @param paused true to request no lines until {@link #resume()}
   * @return the connected client
   * @throws Exception if the connection fails or the head does not arrive in 10 s
   */
  public static SseClient open(
      HttpClient http, URI uri, Map<String, String> headers, boolean paused) throws Exception {
    SseClient client = new SseClient(paused);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
    headers.forEach(req::header);
    CompletableFuture<HttpResponse<Void>> done =
        http.sendAsync(
            req.build(),
            head -> {
              client.info.complete(head);
              return HttpResponse.BodySubscribers.fromLineSubscriber(client);
            });
    done.whenComplete(
        (r, e) -> {
          if (e != null) {
            client.info.completeExceptionally(e);
          }
        });
    client.info.get(10, TimeUnit.SECONDS);
    return client;
  }

  /**
   * Returns the response head.
   *
   * @return status and headers
   */
  public HttpResponse.ResponseInfo head() {
    return info.join();
  }

  /**
   * Takes the next frame.
   *
   * @param timeout how long to wait
   * @return the frame, or null when none came in time
   * @throws InterruptedException if interrupted while waiting
   */
  public Frame next(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the next event, skipping comments and retry fields.
   *
   * @param timeout how long to wait in total
   * @return the event, or null when none came in time or the stream ended
   * @throws InterruptedException if interrupted while waiting
   */
  public Event nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Frame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (f == null || f instanceof End) {
        return null;
      }
      if (f instanceof Event e) {
        return e;
      }
    }
  }

  /**
   * Waits for the end of the stream, skipping everything else.
   *
   * @param timeout how long to wait in total
   * @return the end frame, or null when the stream did not end in time
   * @throws InterruptedException if interrupted while waiting
   */
  public End awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Frame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (f == null) {
        return null;
      }
      if (f instanceof End e) {
        return e;
      }
    }
  }

  /** Starts requesting lines after a paused open. */
  public void resume() {
    subscription.request(Long.MAX_VALUE);
  }

  /** Hangs up: cancels the body, which closes the HTTP/1.1 connection. */
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
    if (!paused) {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(String line) {
    if (line.isEmpty()) {
      if (data != null) {
        frames.add(new Event(id, event, data.toString()));
      } else if (retry != null) {
        frames.add(new Retry(retry));
      }
      id = null;
      event = null;
      data = null;
      retry = null;
      return;
    }
    if (line.startsWith(":")) {
      frames.add(new Comment(line.substring(1).trim()));
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
      case "retry" -> retry = Long.parseLong(value);
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> {
        // ignored, as the SSE specification says
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    frames.add(new End(t));
  }

  @Override
  public void onComplete() {
    frames.add(new End(null));
  }
}
